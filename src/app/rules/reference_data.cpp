#include "app/rules/reference_data.hpp"

#include <stdexcept>

#include "common/embedded.hpp"

namespace hms::embedded {
std::span<const File> rules();
}

namespace hms::app {

std::string_view shipped_rules_file(std::string_view name) {
  auto f = embedded::find(embedded::rules(), name);
  if (!f) throw std::runtime_error("no shipped rules file " + std::string(name));
  return *f;
}

const indexation::HealthIndex& shipped_health_index() {
  static const auto index = indexation::HealthIndex::parse_csv(shipped_rules_file("health-index.csv"));
  return index;
}

const applicants::AdmissionIncomeTable& shipped_admission_incomes() {
  static const auto table = applicants::AdmissionIncomeTable::parse_csv(shipped_rules_file("admission-incomes.csv"));
  return table;
}

}  // namespace hms::app
