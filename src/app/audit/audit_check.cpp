#include "app/audit/audit_check.hpp"

#include <algorithm>

namespace hms::app {

AuditCheck verify_audit_log(Store& store, const Context& ctx) {
  ctx.require(users::Permission::users_manage_any_role);
  AuditCheck check;
  auto uow = store.read();
  // 1. The checkpoint first: it names only entries committed before it was written.
  check.checkpoint = uow->audit().checkpoint();
  // 2. Every entry, in batches, chained and sealed.
  std::string previous = audit::kGenesisHash;
  std::optional<std::string> at_checkpoint;  // the seal of the checkpoint's entry, if there
  std::int64_t after = 0;
  for (;;) {
    auto batch = uow->audit().range(after, 5000);
    if (batch.empty()) break;
    if (auto broken = audit::verify_chain(batch, previous, uow->audit().key())) {
      check.first_broken = broken;
      check.entries += std::count_if(batch.begin(), batch.end(), [&](const auto& e) { return e.id < *broken; });
      return check;
    }
    for (const auto& e : batch)
      if (check.checkpoint && e.id == check.checkpoint->id) at_checkpoint = e.hash;
    check.entries += static_cast<std::int64_t>(batch.size());
    after = batch.back().id;
  }
  // 3. The tail: the checkpoint's entry is there, with the seal it had.
  using Tail = AuditCheck::Tail;
  const bool sealed = previous.starts_with("v2:");  // the last entry's seal (no v1 after a v2)
  if (!check.checkpoint) check.tail = sealed ? Tail::no_checkpoint : Tail::unsealed;
  else if (!at_checkpoint) check.tail = Tail::cut;
  else check.tail = *at_checkpoint == check.checkpoint->hash ? Tail::anchored : Tail::rewritten;
  return check;
}

Page<audit::AuditEntry> list_audit(Store& store, const Context& ctx, Paging paging) {
  ctx.require(users::Permission::audit_view);
  audit::AuditFilter filter{ctx.scope().agency_id};
  auto uow = store.read();
  return {uow->audit().list(filter, paging.limit, paging.offset), uow->audit().count(filter)};
}

}  // namespace hms::app
