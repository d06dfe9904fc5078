#include "app/audit/personal_reads.hpp"

#include "domain/users/throttle.hpp"

namespace hms::app {

ReadFilters& ReadFilters::value(std::string_view name, const std::string& v) {
  if (v.empty()) return *this;
  if (!text_.empty()) text_ += ',';
  text_.append(name).append("=").append(v);
  return *this;
}

ReadFilters& ReadFilters::free_text(std::string_view name, const std::string& typed) {
  if (typed.empty()) return *this;
  if (!text_.empty()) text_ += ',';
  text_.append(name);
  return *this;
}

void record_read(UnitOfWork& uow, const Context& ctx, const PersonalRead& read) {
  if (read.rows <= 0) return;
  record(uow, ctx, read.action, read.object_type, std::to_string(read.rows), read.agency_id, read.filters);
}

void count_export(UnitOfWork& uow, const Context& ctx, const PersonalRead& read) {
  if (ctx.is_cli()) return;
  const auto now = ctx.clock.now_seconds();
  const auto rule = users::kExportsPerUser;
  const auto key = users::throttle_export_key(ctx.user->id);
  auto& counters = uow.throttle();
  counters.purge(users::kThrottleExportPrefix, now - rule.window_seconds);
  const auto state = counters.lock(key);  // a user's exports are counted one after the other
  if (auto wait = users::rate_limit_wait(state, now, rule); wait > 0) {
    record(uow, ctx, read.action + "_refused", read.object_type, "0", read.agency_id, read.filters);
    uow.commit();
    throw std::move(DomainError(ErrorKind::too_many_requests, "users.too_many_exports")
                        .param("minutes", std::to_string((wait + 59) / 60))
                        .param("limit", std::to_string(rule.max_events)));
  }
  counters.count_event(key, now, rule.window_seconds);
}

}  // namespace hms::app
