// The regulatory tables on SQL (rules_health_index, rules_admission_incomes, rules_rent_caps,
// rules_occupancy, rules_subsidy_rates).
#pragma once
#include "domain/rules/rules_repository.hpp"
#include "storage/db/database.hpp"

namespace hms::storage {

class SqlRulesRepository final : public rules::RulesRepository {
 public:
  explicit SqlRulesRepository(db::Connection& c) : c_(c) {}
  indexation::HealthIndex health_index() override;
  applicants::AdmissionIncomeTable admission_incomes() override;
  rules::LoadCount store_health_index(const indexation::HealthIndex& index, bool replace, std::int64_t now) override;
  rules::LoadCount store_admission_incomes(const applicants::AdmissionIncomeTable& table, bool replace,
                                           std::int64_t now) override;
  rules::RentCapTable rent_caps(rules::CapKind kind) override;
  rules::LoadCount store_rent_caps(const rules::RentCapTable& table, bool replace, std::int64_t now) override;
  allocation::OccupancyTable occupancy() override;
  rules::LoadCount store_occupancy(const allocation::OccupancyTable& table, bool replace, std::int64_t now) override;
  subsidies::SubsidyRateTable subsidy_rates() override;
  rules::LoadCount store_subsidy_rates(const subsidies::SubsidyRateTable& table, bool replace, std::int64_t now) override;

 private:
  db::Connection& c_;
};

}  // namespace hms::storage
