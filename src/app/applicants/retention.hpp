// The agency's retention period for households' personal data (GDPR, issue 9.5; a setting of
// /settings, agencies::AgencySettings::retention_years): which households it proposes for erasure
// today (the dry run, a page the agency admin reads before) and their erasure together
// (app/applicants/erasure.hpp, each as one household's), recorded as one audit entry
// "applicants.purge" with how many. The agency admin only (personal_data_erase).
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"

namespace hms::app {

struct RetentionDue {
  std::int64_t applicant_id = 0;
  std::int64_t number = 0;
  std::string name;
  std::string reason;  // "former_tenant" | "struck_off"
  std::chrono::year_month_day since{};
};
struct Retention {
  std::optional<int> years;        // none: not chosen, nothing due
  std::vector<RetentionDue> due;   // by register number
};
// Audited "applicants.retention" (a read of names) with how many are due.
Retention retention_due(Store& store, const Context& ctx);
// Erases every household due today, in one transaction; answers how many.
std::int64_t purge_due(Store& store, const Context& ctx);

}  // namespace hms::app
