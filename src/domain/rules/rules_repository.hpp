// Where the regulatory tables live once loaded: the health index, the admission incomes and the
// owner-rent and tenant-rent caps, the occupancy rule and the subsidy rates, read whole by the calculators, the indexation run and the
// owner contracts, written by `hms rules load`.
#pragma once
#include <cstdint>

#include "domain/allocation/occupancy.hpp"
#include "domain/applicants/eligibility.hpp"
#include "domain/indexation/health_index.hpp"
#include "domain/rules/rent_caps.hpp"
#include "domain/subsidies/subsidy_request.hpp"

namespace hms::rules {

// What a load changed: rows added, rows whose value changed, rows already equal.
struct LoadCount {
  std::int64_t added = 0;
  std::int64_t changed = 0;
  std::int64_t unchanged = 0;
};

class RulesRepository {
 public:
  virtual ~RulesRepository() = default;
  virtual indexation::HealthIndex health_index() = 0;         // empty if nothing is loaded
  virtual applicants::AdmissionIncomeTable admission_incomes() = 0;
  // Adds the months not yet stored; with `replace`, also overwrites those whose value,
  // status or source differ (a correction). Never deletes.
  virtual LoadCount store_health_index(const indexation::HealthIndex& index, bool replace, std::int64_t now) = 0;
  virtual LoadCount store_admission_incomes(const applicants::AdmissionIncomeTable& table, bool replace,
                                            std::int64_t now) = 0;
  // Every row of that kind of cap (all validity dates); an empty table if nothing is loaded.
  virtual RentCapTable rent_caps(CapKind kind) = 0;
  // Rows keyed by (kind, valid_from, type, bedrooms), added or (with `replace`) corrected as above.
  virtual LoadCount store_rent_caps(const RentCapTable& table, bool replace, std::int64_t now) = 0;
  // The occupancy rule (every validity date); an empty table if nothing is loaded. Rows keyed by
  // (valid_from, persons), added or (with `replace`) corrected as above.
  virtual allocation::OccupancyTable occupancy() = 0;
  virtual LoadCount store_occupancy(const allocation::OccupancyTable& table, bool replace, std::int64_t now) = 0;
  // The subsidy rates (every validity date); rows keyed by (valid_from, part), as above.
  virtual subsidies::SubsidyRateTable subsidy_rates() = 0;
  virtual LoadCount store_subsidy_rates(const subsidies::SubsidyRateTable& table, bool replace, std::int64_t now) = 0;
};

}  // namespace hms::rules
