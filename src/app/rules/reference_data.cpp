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

const rules::RentCapTable& shipped_rent_caps(rules::CapKind kind) {
  static const auto owner = rules::RentCapTable::parse(rules::CapKind::owner_rent, shipped_rules_file("owner-rent-caps.csv"));
  static const auto tenant =
      rules::RentCapTable::parse(rules::CapKind::tenant_rent, shipped_rules_file("tenant-rent-caps.csv"));
  return kind == rules::CapKind::tenant_rent ? tenant : owner;
}

}  // namespace hms::app
