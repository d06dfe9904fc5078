#include "app/dashboard/dashboard.hpp"

namespace hms::app {

Dashboard dashboard(Store& store, const Context& ctx) {
  ctx.require(users::Permission::dashboard_view);
  const auto only = ctx.scope().agency_id;
  const std::int64_t month_ago = ctx.clock.now_seconds() - 30 * 24 * 3600;
  auto uow = store.read();
  Dashboard d;
  d.agencies = uow->agencies().summaries(only);
  for (const auto& s : d.agencies) {
    d.active_users += s.users;
    if (s.last_activity >= month_ago) ++d.agencies_active_last_30_days;
  }
  if (ctx.can(users::Permission::audit_view)) d.recent_activity = uow->audit().list({only}, 10, 0);
  return d;
}

}  // namespace hms::app
