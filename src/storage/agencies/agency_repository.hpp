// Agencies on SQL (tables agencies and agency_settings).
#pragma once
#include "domain/agencies/agency.hpp"
#include "storage/db/database.hpp"

namespace hms::storage {

class SqlAgencyRepository final : public agencies::AgencyRepository {
 public:
  explicit SqlAgencyRepository(db::Connection& c) : c_(c) {}
  std::int64_t insert(const agencies::Agency& a) override;
  std::optional<agencies::Agency> find_by_id(std::int64_t id) override;
  std::optional<agencies::Agency> find_by_code(std::string_view code) override;
  std::vector<agencies::Agency> list(std::optional<std::int64_t> only, int limit, int offset) override;
  std::int64_t count(std::optional<std::int64_t> only) override;
  std::vector<agencies::AgencySummary> summaries(std::optional<std::int64_t> only, const std::string& ending_from,
                                                 const std::string& ending_to) override;
  agencies::AgencySettings settings(std::int64_t agency_id) override;
  void save_settings(const agencies::AgencySettings& s) override;

 private:
  db::Connection& c_;
};

}  // namespace hms::storage
