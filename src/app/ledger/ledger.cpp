#include "app/ledger/ledger.hpp"

#include "app/agencies/agency_admin.hpp"
#include "app/leases/leases.hpp"
#include "app/visible.hpp"

namespace hms::app {

template <>
struct Visibility<ledger::Entry> {
  static constexpr users::Permission permission = users::Permission::ledger_view;
  static constexpr const char* not_found = "ledger.entry_not_found";
  static std::optional<ledger::Entry> find(UnitOfWork& uow, std::int64_t id) { return uow.ledger().find_by_id(id); }
};

using users::Permission;

namespace {

// The actor's own agency: the ledger is read and kept by the agency's users only.
std::int64_t own_agency(UnitOfWork& uow, const Context& ctx) {
  return agency_in_scope(uow, ctx, std::nullopt, "ledger.unknown_agency").id;
}

}  // namespace

YearMonth parse_ledger_month(std::string_view text) {
  auto month = YearMonth::parse(text);
  if (!month) throw std::move(DomainError(ErrorKind::validation, "ledger.invalid_month").param("month", std::string(text)).field("month"));
  return month.value();
}

ledger::LeaseBalance lease_balance(Store& store, const Context& ctx, std::int64_t lease_id, std::chrono::year_month_day day) {
  ctx.require(Permission::ledger_view);
  find_lease(store, ctx, lease_id);  // leases_view, the agency, else 404
  auto uow = store.read();
  return uow->ledger().lease_balance(lease_id, day);
}

TrialBalance trial_balance(Store& store, const Context& ctx, std::chrono::year_month_day from, std::chrono::year_month_day to) {
  ctx.require(Permission::ledger_view);
  if (to < from) throw std::move(DomainError(ErrorKind::validation, "ledger.invalid_span").field("to"));
  auto uow = store.read();
  TrialBalance tb;
  tb.rows = uow->ledger().trial_balance(own_agency(*uow, ctx), from, to);
  for (const auto& r : tb.rows) {
    tb.debit += r.debit;
    tb.credit += r.credit;
  }
  return tb;
}

LedgerPage account_ledger(Store& store, const Context& ctx, const std::string& code, Paging paging) {
  ctx.require(Permission::ledger_view);
  auto uow = store.read();
  const auto agency = own_agency(*uow, ctx);
  bool known = false;  // one of the agency's accounts, or of the standard chart not posted to yet
  for (const auto& a : uow->ledger().accounts(agency)) known = known || a.code == code;
  for (const auto& a : ledger::standard_chart()) known = known || a.code == code;
  if (!known) throw std::move(DomainError(ErrorKind::not_found, "ledger.unknown_account").param("account", code));
  LedgerPage page;
  page.lines = uow->ledger().account_lines(agency, code, paging.limit, paging.offset);
  page.total = uow->ledger().count_account_lines(agency, code);
  page.before = uow->ledger().account_balance_before(agency, code, paging.offset);
  return page;
}

LedgerPage lease_statement(Store& store, const Context& ctx, std::int64_t lease_id, Paging paging) {
  ctx.require(Permission::ledger_view);
  auto lease = find_lease(store, ctx, lease_id);
  auto uow = store.write();  // the read of a household's account is audited
  LedgerPage page;
  page.total = uow->ledger().count_lease_lines(lease_id);
  if (paging.offset < 0) paging.offset = page.total > 0 ? static_cast<int>((page.total - 1) / paging.limit * paging.limit) : 0;
  page.offset = paging.offset;
  page.lines = uow->ledger().lease_lines(lease_id, paging.limit, paging.offset);
  // The lines before this page, summed (a lease has a few hundred lines, ten years of months).
  for (const auto& l : uow->ledger().lease_lines(lease_id, paging.offset, 0)) page.before += l.debit - l.credit;
  record(*uow, ctx, "ledger.statement", "leases", std::to_string(lease_id), lease.agency_id);
  uow->commit();
  return page;
}

LeaseStatementLetter lease_statement_letter(Store& store, const Context& ctx, std::int64_t lease_id,
                                            std::chrono::year_month_day from, std::chrono::year_month_day until) {
  ctx.require(Permission::ledger_view);
  if (until < from) throw std::move(DomainError(ErrorKind::validation, "ledger.invalid_span").field("to"));
  auto lease = find_lease(store, ctx, lease_id);  // leases_view, the agency, else 404
  auto uow = store.write();  // the read of a household's account is audited
  LeaseStatementLetter out;
  const auto agency = uow->agencies().find_by_id(lease.agency_id).value();
  out.to = household_addressee(*uow, agency, std::move(lease));
  out.from = from;
  out.until = until;
  out.date = ctx.clock.today();
  // Every line of the lease (a few hundred in ten years): before the span, the opening balance.
  for (auto& l : uow->ledger().lease_lines(lease_id, 1'000'000, 0)) {
    if (l.date < from) out.opening += l.debit - l.credit;
    else if (l.date <= until) out.lines.push_back(std::move(l));
  }
  out.closing = out.opening;
  for (const auto& l : out.lines) out.closing += l.debit - l.credit;
  record(*uow, ctx, "ledger.statement", "leases", std::to_string(lease_id), agency.id);
  uow->commit();
  return out;
}

std::vector<ledger::Account> ledger_accounts(Store& store, const Context& ctx) {
  ctx.require(Permission::ledger_view);
  auto uow = store.read();
  return uow->ledger().accounts(own_agency(*uow, ctx));
}

std::optional<YearMonth> closed_until(Store& store, const Context& ctx) {
  ctx.require(Permission::ledger_view);
  auto uow = store.read();
  return uow->ledger().closed_until(own_agency(*uow, ctx));
}

void close_periods(Store& store, const Context& ctx, YearMonth month) {
  ctx.require(Permission::ledger_close);
  auto uow = store.write();
  const auto agency = own_agency(*uow, ctx);
  const auto closed = uow->ledger().closed_until(agency);
  if (closed && month <= *closed)
    throw std::move(DomainError(ErrorKind::validation, "ledger.already_closed").param("closed_until", closed->to_string()).field("month"));
  if (month > YearMonth::of(ctx.clock.today()))
    throw std::move(DomainError(ErrorKind::validation, "ledger.close_future").field("month"));
  uow->ledger().close_until(agency, month, ctx.user ? std::optional(ctx.user->id) : std::nullopt, ctx.clock.now_seconds());
  record(*uow, ctx, "ledger.close", "agencies", month.to_string(), agency);
  uow->commit();
}

EntryView read_entry(Store& store, const Context& ctx, std::int64_t id) {
  auto uow = store.read();
  auto entry = visible<ledger::Entry>(*uow, ctx, id);
  return {std::move(entry), uow->ledger().reversal_of(id)};
}

ledger::Entry reverse_entry(Store& store, const Context& ctx, std::int64_t id, std::chrono::year_month_day date) {
  ctx.require(Permission::ledger_post);
  auto uow = store.write();
  const auto original = visible<ledger::Entry>(*uow, ctx, id);
  if (uow->ledger().reversal_of(id)) throw DomainError(ErrorKind::conflict, "ledger.already_reversed");
  auto reversal = ledger::reverse_entry(original, date, uow->ledger().closed_until(original.agency_id));
  reversal.posted_at = ctx.clock.now_seconds();
  uow->ledger().insert(reversal);
  // A deposit's return reversed: the lease holds its deposit again (app/leases/deposits.hpp).
  if (auto posting = uow->leases().deposit_posting_of(id); posting && posting->event == leases::DepositEvent::returned) {
    auto lease = *uow->leases().find_by_id(posting->lease_id);
    lease.deposit_returned_on.reset();
    lease.deposit_returned.reset();
    lease.updated_at = ctx.clock.now_seconds();
    uow->leases().update(lease);
  }
  record(*uow, ctx, "ledger.reverse", "ledger_entries", std::to_string(id), original.agency_id);
  uow->commit();
  return reversal;
}

std::vector<ledger::MonthFigures> month_figures(Store& store, const Context& ctx, YearMonth month) {
  ctx.require(Permission::money_figures_view);
  auto uow = store.read();
  return uow->ledger().month_figures(ctx.scope().agency_id, month.first_day(), month.last_day());
}

}  // namespace hms::app
