#include "app/leases/deposits.hpp"

#include "app/fields/fields.hpp"
#include "app/leases/leases.hpp"
#include "common/text.hpp"

namespace hms::app {

using users::Permission;

namespace {

DomainError problem(const std::string& code, const std::string& field) {
  return std::move(DomainError(ErrorKind::validation, code).field(field));
}

// The typed day, required.
std::chrono::year_month_day posting_day(const std::optional<std::string>& text, Problems& problems) {
  auto day = fields::optional_date(text, "date", problems);
  if (!day && (!text || trim(*text).empty())) problems.add(problem("leases.deposit_date_required", "date"));
  return day.value_or(std::chrono::year_month_day{});
}

// Posts `draft` for the lease and records it as the deposit's `event`, audited.
ledger::Entry post(UnitOfWork& uow, const Context& ctx, const leases::Lease& lease, ledger::Draft draft,
                   leases::DepositEvent event) {
  uow.ledger().ensure_chart(lease.agency_id);  // 032 and 033 for a chart older than them
  auto entry = ledger::build_entry(std::move(draft), uow.ledger().closed_until(lease.agency_id));
  entry.posted_at = ctx.clock.now_seconds();
  uow.ledger().insert(entry);
  uow.leases().add_deposit_posting(lease.agency_id, lease.id, event, entry.id);
  record(uow, ctx, "leases.deposit_" + std::string(leases::to_string(event)), "leases", std::to_string(lease.id),
         lease.agency_id);
  return entry;
}

}  // namespace

std::vector<leases::DepositPosting> deposit_postings(Store& store, const Context& ctx, std::int64_t lease_id) {
  auto uow = store.read();
  const auto lease = visible<leases::Lease>(*uow, ctx, lease_id);
  ctx.require(Permission::ledger_view);
  return uow->leases().deposit_postings(lease.id);
}

ledger::Entry receive_deposit(Store& store, const Context& ctx, std::int64_t lease_id, const std::optional<std::string>& date) {
  auto uow = store.write();
  auto lease = visible<leases::Lease>(*uow, ctx, lease_id);
  ctx.require(Permission::leases_manage);
  ctx.require(Permission::ledger_post);
  uow->dwellings().lock(lease.dwelling_id, ctx.clock.now_seconds());  // one posting at a time per lease
  // 1. The day, as typed.
  Problems problems;
  const auto day = posting_day(date, problems);
  problems.throw_if_any();
  // 2. The entry the rule gives (domain/leases/deposit.hpp), posted and recorded.
  auto draft = leases::deposit_received(lease, uow->leases().deposit_postings(lease.id), day, ctx.clock.today());
  auto entry = post(*uow, ctx, lease, std::move(draft), leases::DepositEvent::received);
  uow->commit();
  return entry;
}

ledger::Entry return_deposit(Store& store, const Context& ctx, std::int64_t lease_id, const std::optional<std::string>& date,
                             const std::optional<std::string>& returned) {
  auto uow = store.write();
  auto lease = visible<leases::Lease>(*uow, ctx, lease_id);
  ctx.require(Permission::leases_manage);
  ctx.require(Permission::ledger_post);
  uow->dwellings().lock(lease.dwelling_id, ctx.clock.now_seconds());
  lease = *uow->leases().find_by_id(lease_id);
  // 1. The day and the amount going back, as typed, both required.
  Problems problems;
  const auto day = posting_day(date, problems);
  auto amount = fields::optional_money(returned, "returned", "leases.invalid_deposit_return", problems);
  if (!amount && (!returned || trim(*returned).empty())) problems.add(problem("leases.deposit_return_required", "returned"));
  problems.throw_if_any();
  // 2. The entry the rule gives, posted and recorded.
  auto draft = leases::deposit_returned(lease, uow->leases().deposit_postings(lease.id), day, *amount, ctx.clock.today());
  auto entry = post(*uow, ctx, lease, std::move(draft), leases::DepositEvent::returned);
  // 3. The lease shows the return.
  lease.deposit_returned_on = day;
  lease.deposit_returned = *amount;
  lease.updated_at = ctx.clock.now_seconds();
  uow->leases().update(lease);
  uow->commit();
  return entry;
}

}  // namespace hms::app
