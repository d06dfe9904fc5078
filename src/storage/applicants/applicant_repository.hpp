// Applicants on SQL (tables applicants, applicant_members, applicant_changes, applicant_numbers).
// The income and the members' national numbers are encrypted here, on their way in and out,
// bound to their row (ADR 0007); a national number is found through its blind index only.
// Lists read no national number.
#pragma once
#include "domain/applicants/applicant.hpp"
#include "storage/crypto/field_cipher.hpp"
#include "storage/db/database.hpp"

namespace hms::storage {

class SqlApplicantRepository final : public applicants::ApplicantRepository {
 public:
  SqlApplicantRepository(db::Connection& c, const FieldCipher& cipher) : c_(c), cipher_(cipher) {}
  std::int64_t insert(applicants::Applicant& a) override;
  void update(const applicants::Applicant& a) override;
  std::optional<applicants::Applicant> find_by_id(std::int64_t id) override;
  std::vector<applicants::Applicant> list(const applicants::ApplicantFilter& f, int limit, int offset) override;
  std::int64_t count(const applicants::ApplicantFilter& f) override;
  std::vector<std::int64_t> with_national_number(std::int64_t agency_id, std::string_view digits) override;
  void set_status(std::int64_t id, applicants::Status s, std::string_view reason,
                  std::chrono::year_month_day since) override;
  void add_change(std::int64_t agency_id, std::int64_t applicant_id, const applicants::Change& c) override;
  std::vector<applicants::Change> changes(std::int64_t applicant_id) override;

 private:
  applicants::Applicant read(const db::Row& r) const;
  void write_members(const applicants::Applicant& a);
  void read_members(std::vector<applicants::Applicant>& list, bool national_numbers);
  db::Connection& c_;
  const FieldCipher& cipher_;
};

}  // namespace hms::storage
