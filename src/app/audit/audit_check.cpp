#include "app/audit/audit_check.hpp"

#include <algorithm>

namespace hms::app {

AuditCheck verify_audit_log(Store& store, const Context& ctx) {
  ctx.require(users::Permission::users_manage_any_role);
  AuditCheck check;
  std::string previous = audit::kGenesisHash;
  std::int64_t after = 0;
  auto uow = store.read();
  for (;;) {
    auto batch = uow->audit().range(after, 5000);
    if (batch.empty()) break;
    if (auto broken = audit::verify_chain(batch, previous)) {
      check.first_broken = broken;
      check.entries += std::count_if(batch.begin(), batch.end(), [&](const auto& e) { return e.id < *broken; });
      break;
    }
    check.entries += static_cast<std::int64_t>(batch.size());
    after = batch.back().id;
  }
  return check;
}

Page<audit::AuditEntry> list_audit(Store& store, const Context& ctx, Paging paging) {
  ctx.require(users::Permission::audit_view);
  audit::AuditFilter filter{ctx.scope().agency_id};
  auto uow = store.read();
  return {uow->audit().list(filter, paging.limit, paging.offset), uow->audit().count(filter)};
}

}  // namespace hms::app
