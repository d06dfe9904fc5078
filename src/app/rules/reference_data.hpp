// The regulatory tables shipped with hms (rules/*.csv, compiled in): the health index and the
// admission incomes. The calculators use them; each value carries its status and source,
// shown wherever the value is.
#pragma once
#include <string_view>

#include "domain/applicants/eligibility.hpp"
#include "domain/indexation/health_index.hpp"

namespace hms::app {

const indexation::HealthIndex& shipped_health_index();
const applicants::AdmissionIncomeTable& shipped_admission_incomes();
// The text of a shipped table, e.g. "health-index.csv", for downloads and `hms rules`.
std::string_view shipped_rules_file(std::string_view name);

}  // namespace hms::app
