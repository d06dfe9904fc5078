// A household registered as a candidate for a dwelling of the agency (glossary: applicant):
// its members, its income of a year and the band that income gives (contract C), its place in
// the agency's chronological register, and its status. Personal data: only the agency's users
// read it, every read is audited, the national register number and the income are encrypted
// at rest and the national number never appears in a list, a URL, a log, an audit value or an
// export. E.g. n° 412, registered 2025-03-14, Amina El Idrissi and her two children, income
// 2024 of 21,400.00 €, one income: eligible; referred by the CPAS of Schaerbeek.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/money.hpp"
#include "domain/applicants/eligibility.hpp"
#include "domain/applicants/national_number.hpp"

namespace hms::applicants {

enum class Status { active, housed, struck_off };
std::string_view to_string(Status s);
std::optional<Status> parse_status(std::string_view s);

enum class Relation { applicant, partner, child, other };
std::string_view to_string(Relation r);
std::optional<Relation> parse_relation(std::string_view s);

struct Member {
  std::string first_name;
  std::string last_name;
  std::chrono::year_month_day birth_date{};
  Relation relation = Relation::applicant;
  bool dependent = false;        // a dependent child (counts for the ceiling)
  bool disabled = false;
  std::string national_number;   // 11 digits or "" (not given); read by find_by_id only
};

struct Applicant {
  std::int64_t id = 0;
  std::int64_t agency_id = 0;
  std::string agency_code;       // read along with agency_id
  std::int64_t number = 0;       // the agency's chronological registration number
  std::chrono::year_month_day registered_on{};
  Status status = Status::active;
  std::string status_reason;     // required when struck_off
  std::chrono::year_month_day status_since{};
  std::optional<std::string> referral;   // none: direct registration; else the partner service
  int income_year = 0;
  Money income;                  // the household's total taxable income of income_year
  int incomes = 1;               // members who earn one
  std::vector<std::string> preferred_postcodes;  // sorted, may be empty
  bool over_indebted = false;
  bool urgent = false;           // an urgency the agency recognised (an objective priority)
  std::optional<Band> band;      // none: no admission-income table for income_year
  std::vector<Member> members;   // exactly one Relation::applicant
  std::string language = "fr";   // of the letters
  std::string email;
  std::string phone;
  std::string address;
  std::chrono::year_month_day renewed_on{};
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;

  int household_size() const { return static_cast<int>(members.size()); }
  // "Amina El Idrissi": the member whose relation is applicant.
  std::string name() const;
};

// May this household be housed by an agency (contract D, "candidates"): band eligible or
// moderate, or middle with over-indebtedness (Housing Code art. 125, tenancy-rules.md).
bool may_be_housed(std::optional<Band> band, bool over_indebted);

std::optional<Band> parse_band(std::string_view s);

// The household as the admission-income rules count it (contract C): a dependent member is a
// dependent child (a disabled one counts twice), every other member an adult; `incomes` as given.
Household household_of(const Applicant& a);

// The band of the household's income of income_year, from the admission incomes in force;
// none when no table covers income_year (never extrapolated) or the household does not add up.
std::optional<Band> band_of(const Applicant& a, const AdmissionIncomeTable& table);

// Checks and tidies an applicant's fields, every problem at once (DomainError(validation),
// fields named as in the API, a member's as "members.0.national_number"):
//   1. members: 1 to kMaxMembers, exactly one with relation applicant (applicants.one_applicant);
//   2. each member: first and last name (applicants.invalid_name), a birth date from 1900 and not
//      after today (applicants.invalid_birth_date), a national number with valid check digits
//      when given (applicants.invalid_national_number; kept as its 11 digits), not twice in
//      the household (applicants.same_national_number);
//   3. status struck_off needs a status_reason (applicants.status_reason_required); another
//      status clears it;
//   4. income_year from 1990 to next year, income from 0 to kMaxIncome, incomes from 0 to the
//      adults; preferred postcodes of four digits (sorted, once each); referral '' → none;
//      e-mail, phone, language as for owners; registered_on not after today.
inline constexpr int kMaxMembers = 20;
inline constexpr Money kMaxIncome = Money::from_cents(1'000'000'000);  // 10 000 000.00 a year
void validate_applicant(Applicant& a, std::chrono::year_month_day today);

// The candidacy is renewed every `months` (an agency setting: 12 or 24); an active applicant
// whose renewed_on is more than that many months before today did not renew.
bool did_not_renew(const Applicant& a, int months, std::chrono::year_month_day today);

// Who changed what and when (names of fields only, never values).
struct Change {
  std::int64_t changed_at = 0;
  std::optional<std::int64_t> user_id;
  std::string user_name;         // read along
  std::string action;            // "create" | "update" | "status" | "renew" | "housed"
  std::vector<std::string> fields;
  Status status = Status::active;
};

struct ApplicantFilter {
  std::optional<std::int64_t> agency_id;  // none: every agency
  std::string query;                      // names or the number
  std::optional<Status> status;
  std::optional<Band> band;
  bool band_unknown = false;              // only those without a band (no table for income_year)
  // Only active applicants whose renewed_on is before this day (did not renew).
  std::optional<std::chrono::year_month_day> renewed_before = std::nullopt;
  // Only those whose band may be housed (may_be_housed), of household_from members or more and,
  // when set, household_to or fewer (the candidates of a dwelling).
  bool may_be_housed = false;
  std::optional<int> household_from = std::nullopt;
  std::optional<int> household_to = std::nullopt;
};

class ApplicantRepository {
 public:
  virtual ~ApplicantRepository() = default;
  // Gives the next chronological number of the agency; answers the id.
  virtual std::int64_t insert(Applicant& a) = 0;
  virtual void update(const Applicant& a) = 0;
  // With members and their national numbers (decrypted).
  virtual std::optional<Applicant> find_by_id(std::int64_t id) = 0;
  // Without national numbers.
  virtual std::vector<Applicant> list(const ApplicantFilter& f, int limit, int offset) = 0;
  virtual std::int64_t count(const ApplicantFilter& f) = 0;
  // The applicants of the agency, not struck off, with a member of this national number.
  virtual std::vector<std::int64_t> with_national_number(std::int64_t agency_id, std::string_view digits) = 0;
  virtual void set_status(std::int64_t id, Status s, std::string_view reason,
                          std::chrono::year_month_day since) = 0;
  virtual void add_change(std::int64_t agency_id, std::int64_t applicant_id, const Change& c) = 0;
  virtual std::vector<Change> changes(std::int64_t applicant_id) = 0;
};

}  // namespace hms::applicants
