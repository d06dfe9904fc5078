// The figures on each role's home page. The region, the federation and the system admin see
// every agency (users, last activity: a first, live measure of adoption); an agency sees its
// own figures, which grow as the modules arrive.
#pragma once
#include "app/context.hpp"

namespace hms::app {

struct Dashboard {
  std::vector<agencies::AgencySummary> agencies;  // in scope, by code
  std::int64_t active_users = 0;                  // over those agencies (cross-agency roles: all)
  std::int64_t agencies_active_last_30_days = 0;  // with an audited action in the last 30 days
  std::vector<audit::AuditEntry> recent_activity; // last 10 audit entries in scope (audit_view only)
};

Dashboard dashboard(Store& store, const Context& ctx);

}  // namespace hms::app
