// The regulatory tables shipped with hms (rules/*.csv, compiled in): the health index, the
// admission incomes and the owner-rent and tenant-rent caps (illustrative until the grid
// published by Bruxelles Logement replaces them). The calculators use them; each value carries
// its status and source, shown wherever the value is.
#pragma once
#include <string_view>

#include "domain/applicants/eligibility.hpp"
#include "domain/indexation/health_index.hpp"
#include "domain/rules/rent_caps.hpp"

namespace hms::app {

const indexation::HealthIndex& shipped_health_index();
const applicants::AdmissionIncomeTable& shipped_admission_incomes();
// rules/owner-rent-caps.csv or rules/tenant-rent-caps.csv.
const rules::RentCapTable& shipped_rent_caps(rules::CapKind kind);
// The text of a shipped table, e.g. "health-index.csv", for downloads and `hms rules`.
std::string_view shipped_rules_file(std::string_view name);

}  // namespace hms::app
