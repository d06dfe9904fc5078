#include "app/ledger/rent_run.hpp"

#include <algorithm>
#include <map>

#include "app/agencies/agency_admin.hpp"
#include "common/date.hpp"
#include "common/date_range.hpp"

namespace hms::app {

using std::chrono::year_month_day;
using users::Permission;

namespace {

// The amount of the version in force on `day` (versions oldest first); before the first
// version, the first one (a contract starting in the month has its first version from then).
template <typename Version>
Money in_force_on(const std::vector<Version>& versions, year_month_day day, Money latest) {
  if (versions.empty()) return latest;
  Money amount = versions.front().amount;
  for (const auto& v : versions)
    if (v.valid_from <= day) amount = v.amount;
  return amount;
}

// The days of `period` within the month (0 when they do not meet).
int days_within(const DateRange& period, const DateRange& month) {
  auto both = period.intersection(month);
  return both ? both->days().value_or(0) : 0;
}

// The days of the month covered by `period` and by none of `leases`.
int vacant_days(const DateRange& period, const DateRange& month, const std::vector<DateRange>& leases) {
  int vacant = 0;
  for (auto day = month.start(); day < *month.end(); day = add_days(day, 1)) {
    if (!period.contains(day)) continue;
    const bool let = std::any_of(leases.begin(), leases.end(), [&](const DateRange& l) { return l.contains(day); });
    if (!let) ++vacant;
  }
  return vacant;
}

// An entry of the RENT journal dated the first of the month, described by the month and dwelling.
ledger::Draft rent_journal_draft(std::int64_t agency_id, YearMonth month, const std::string& dwelling) {
  ledger::Draft d;
  d.agency_id = agency_id;
  d.journal = ledger::Journal::rent;
  d.date = month.first_day();
  d.description = month.to_string() + " " + dwelling;
  return d;
}

ledger::Entry rent_call_entry(std::int64_t agency_id, const RentRun& run, const RentCallLine& c,
                              std::optional<YearMonth> closed) {
  auto d = rent_journal_draft(agency_id, run.month, c.dwelling);
  auto tenant = ledger::debit(ledger::kTenants, c.total());
  tenant.lease_id = c.lease_id;
  d.lines.push_back(tenant);
  d.lines.push_back(ledger::credit(ledger::kRentIncome, c.rent));
  if (c.charges > Money::zero()) d.lines.push_back(ledger::credit(ledger::kChargesIncome, c.charges));
  return ledger::build_entry(std::move(d), closed);
}

ledger::Entry owner_rent_entry(std::int64_t agency_id, const RentRun& run, const OwnerRentLine& o,
                               std::optional<YearMonth> closed) {
  auto d = rent_journal_draft(agency_id, run.month, o.dwelling);
  d.lines.push_back(ledger::debit(ledger::kRentsOwed, o.amount));
  auto owner = ledger::credit(ledger::kOwners, o.amount);
  owner.owner_contract_id = o.owner_contract_id;
  d.lines.push_back(owner);
  return ledger::build_entry(std::move(d), closed);
}

}  // namespace

RentRunCounts reported(const RentRun& run) {
  if (!run.dry_run || run.already_done)
    return {run.calls_posted, run.tenant_posted, run.owner_rents_posted, run.owner_posted};
  RentRunCounts c{static_cast<std::int64_t>(run.rent_calls.size()), run.tenant_total, 0, run.owner_total};
  for (const auto& o : run.owner_rents) c.owner_rents += o.amount > Money::zero() ? 1 : 0;
  return c;
}

RentRun plan_rent_run(const std::string& agency_code, YearMonth month, const std::vector<leases::Lease>& leases,
                      const std::vector<owners::OwnerContract>& contracts) {
  RentRun run;
  run.agency_code = agency_code;
  run.month = month;
  const DateRange days(month.first_day(), add_days(month.last_day(), 1));
  run.days_in_month = days.days().value_or(0);

  // 1. The rent calls: every lease in force some day of the month, at the rent in force on its
  //    first day in force, rent and charges each pro rata and rounded (ledger::pro_rata).
  std::map<std::int64_t, std::vector<DateRange>> leased;  // dwelling → lease periods
  for (const auto& l : leases) {
    const int in_force = days_within(l.period(), days);
    if (in_force == 0) continue;
    leased[l.dwelling_id].push_back(l.period());
    const auto first = std::max(month.first_day(), l.start);
    RentCallLine c;
    c.lease_id = l.id;
    c.dwelling = l.dwelling_reference;
    c.payment_reference = l.payment_reference;
    c.days = in_force;
    c.rent = ledger::pro_rata(in_force_on(l.rent_history, first, l.tenant_rent), in_force, run.days_in_month);
    c.charges = ledger::pro_rata(l.charges, in_force, run.days_in_month);
    run.tenant_total += c.total();
    run.rent_calls.push_back(std::move(c));
  }

  // 2. The rents due to owners: every owner contract in force some day of the month, at the
  //    owner rent of the version in force on the first day of the month (or on its start), and
  //    the part of it paid for days without a lease (the vacancy cost).
  for (const auto& k : contracts) {
    const int in_force = days_within(k.period(), days);
    if (in_force == 0) continue;
    const auto monthly = in_force_on(k.rent_history, std::max(month.first_day(), k.start), k.owner_rent);
    OwnerRentLine o;
    o.owner_contract_id = k.id;
    o.dwelling = k.dwelling_reference;
    o.owner = k.owner_name;
    o.days = in_force;
    o.amount = ledger::pro_rata(monthly, in_force, run.days_in_month);
    o.vacant_days = vacant_days(k.period(), days, leased[k.dwelling_id]);
    o.vacancy = ledger::pro_rata(monthly, o.vacant_days, run.days_in_month);
    run.owner_total += o.amount;
    run.vacancy_total += o.vacancy;
    run.owner_rents.push_back(std::move(o));
  }
  auto by_dwelling = [](const auto& a, const auto& b) { return a.dwelling < b.dwelling; };
  std::stable_sort(run.rent_calls.begin(), run.rent_calls.end(), by_dwelling);
  std::stable_sort(run.owner_rents.begin(), run.owner_rents.end(), by_dwelling);
  return run;
}

void post_rent_run(UnitOfWork& uow, std::int64_t agency_id, RentRun& run, std::optional<std::int64_t> user_id,
                   std::int64_t now) {
  // 1. A closed month refuses the whole run.
  uow.ledger().ensure_chart(agency_id);
  const auto closed = uow.ledger().closed_until(agency_id);
  if (closed && run.month <= *closed)
    throw std::move(DomainError(ErrorKind::validation, "ledger.period_closed")
                        .param("period", run.month.to_string()).param("closed_until", closed->to_string()).field("month"));
  // 2. One entry per lease and per owner contract due something, dated the first of the month.
  for (const auto& c : run.rent_calls) {
    auto e = rent_call_entry(agency_id, run, c, closed);
    e.posted_at = now;
    uow.ledger().insert(e);
  }
  for (const auto& o : run.owner_rents) {
    if (o.amount == Money::zero()) continue;
    auto e = owner_rent_entry(agency_id, run, o, closed);
    e.posted_at = now;
    uow.ledger().insert(e);
    ++run.owner_rents_posted;
    run.owner_posted += o.amount;
  }
  // 3. The run itself, whose (agency, month) is unique: a second run at the same time fails and,
  //    its unit of work rolled back, writes nothing.
  run.dry_run = false;
  run.calls_posted = static_cast<std::int64_t>(run.rent_calls.size());
  run.tenant_posted = run.tenant_total;
  uow.ledger().insert_rent_run({agency_id, run.month, run.calls_posted, run.tenant_posted, run.owner_rents_posted,
                                run.owner_posted, now},
                               user_id);
}

RentRunBook rent_run_book(UnitOfWork& uow, std::int64_t agency_id, std::optional<YearMonth> month) {
  auto meets = [&](const DateRange& period) {
    return !month || days_within(period, DateRange(month->first_day(), add_days(month->last_day(), 1))) > 0;
  };
  RentRunBook book;
  leases::LeaseFilter lf;
  lf.agency_id = agency_id;
  for (const auto& summary : uow.leases().list(lf, 1'000'000, 0))
    if (meets(summary.period())) book.leases.push_back(uow.leases().find_by_id(summary.id).value());
  owners::ContractFilter kf;
  kf.agency_id = agency_id;
  for (const auto& summary : uow.owner_contracts().list(kf, 1'000'000, 0))
    if (meets(summary.period())) book.contracts.push_back(uow.owner_contracts().find_by_id(summary.id).value());
  return book;
}

namespace {

// run_rent's steps 2 and 3 for one agency, in `uow` (not committed).
RentRun run_rent_in(UnitOfWork& uow, const Context& ctx, const agencies::Agency& agency, YearMonth month,
                    bool dry_run) {
  // 2. What the month calls and owes: the agency's leases and owner contracts in force some day
  //    of the month, with their rent histories, planned by plan_rent_run.
  const auto book = rent_run_book(uow, agency.id, month);
  RentRun run = plan_rent_run(agency.code, month, book.leases, book.contracts);
  // Two servers asked the same month at once: the second reads the first's run once it is posted.
  if (!dry_run) uow.ledger().lock_journal(agency.id, ledger::Journal::rent, month.year());
  run.already_done = uow.ledger().rent_run(agency.id, month).has_value();

  // 3. A dry run, or a month already run, writes nothing; else the run is posted.
  if (dry_run || run.already_done) return run;
  post_rent_run(uow, agency.id, run, ctx.user ? std::optional(ctx.user->id) : std::nullopt, ctx.clock.now_seconds());
  record(uow, ctx, "ledger.rent_run", "agencies", agency.code + " " + month.to_string(), agency.id);
  return run;
}

}  // namespace

RentRun run_rent(Store& store, const Context& ctx, const std::string& agency_code, YearMonth month, bool dry_run) {
  // 1. Who: a dry run reads, a run posts; the agency within the actor's scope.
  ctx.require(dry_run ? Permission::ledger_view : Permission::ledger_post);
  auto uow = dry_run ? store.read() : store.write();  // a dry run takes no write lock
  const auto agency = agency_in_scope(*uow, ctx, agency_code.empty() ? std::nullopt : std::optional(agency_code),
                                      "ledger.unknown_agency");
  auto run = run_rent_in(*uow, ctx, agency, month, dry_run);
  if (!dry_run && !run.already_done) uow->commit();
  return run;
}

std::vector<RentRun> run_rent_everywhere(Store& store, const Context& ctx, YearMonth month, bool dry_run) {
  ctx.require(dry_run ? Permission::ledger_view : Permission::ledger_post);
  auto uow = dry_run ? store.read() : store.write();
  std::vector<RentRun> runs;
  for (const auto& agency : uow->agencies().list(ctx.scope().agency_id, 1'000'000, 0))  // in code order
    runs.push_back(run_rent_in(*uow, ctx, agency, month, dry_run));
  if (!dry_run) uow->commit();
  return runs;
}

}  // namespace hms::app
