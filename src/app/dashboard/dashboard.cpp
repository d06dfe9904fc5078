#include "app/dashboard/dashboard.hpp"

#include <algorithm>
#include <set>

#include "app/ledger/ledger.hpp"
#include "app/owners/owners.hpp"
#include "app/stock/dwellings.hpp"
#include "common/date.hpp"

namespace hms::app {

namespace {

using users::Permission;

StockDashboard agency_stock(Store& store, const Context& ctx) {
  StockDashboard s;
  // 1. The to-do counts of the stock, counted as their lists count them.
  stock::DwellingFilter vacant_long;
  vacant_long.vacant_days = s.vacant_days;
  s.vacant_long = count_dwellings(store, ctx, vacant_long, "");
  stock::DwellingFilter without_peb;
  without_peb.managed_only = true;
  without_peb.without_peb = true;
  s.without_peb = count_dwellings(store, ctx, without_peb, "");
  s.figures = stock_figures(store, ctx, "");
  s.communes = communes(store);
  if (!ctx.can(Permission::owners_view)) return s;
  const auto today = ctx.clock.today();
  s.indexations = indexations_due(store, ctx, YearMonth::of(today));
  // 2. The contracts ending in the next 6 months, soonest first.
  s.ending_from = today;
  s.ending_to = add_months(today, 6);
  owners::ContractFilter ending;
  ending.ending_from = s.ending_from;
  ending.ending_to = s.ending_to;
  auto page = list_contracts(store, ctx, ending, "", Paging{Paging::kMaxLimit, 0});
  s.ending_total = page.total;
  std::stable_sort(page.items.begin(), page.items.end(),
                   [](const owners::OwnerContract& a, const owners::OwnerContract& b) { return a.end < b.end; });
  if (page.items.size() > static_cast<std::size_t>(StockDashboard::kEndingShown))
    page.items.resize(StockDashboard::kEndingShown);
  s.ending = std::move(page.items);
  // 3. The owner rents against today's caps, and whether those caps are verified figures.
  s.caps = rent_cap_share(store, ctx, "");
  auto uow = store.read();
  std::set<std::string> seen;
  for (const auto& cap : uow->rules().rent_caps(rules::CapKind::owner_rent).in_force(today))
    if (cap.status != "verified" && seen.insert(cap.source).second) s.unverified_cap_sources.push_back(cap.source);
  return s;
}

}  // namespace

Dashboard dashboard(Store& store, const Context& ctx) {
  ctx.require(Permission::dashboard_view);
  const auto only = ctx.scope().agency_id;
  const std::int64_t month_ago = ctx.clock.now_seconds() - 30 * 24 * 3600;
  Dashboard d;
  {
    auto uow = store.read();
    const auto today = ctx.clock.today();
    d.agencies = uow->agencies().summaries(only, to_iso(today), to_iso(add_months(today, 6)));
    for (const auto& s : d.agencies) {
      d.active_users += s.users;
      if (s.last_activity >= month_ago) ++d.agencies_active_last_30_days;
    }
    if (ctx.can(Permission::audit_view)) d.recent_activity = uow->audit().list({only}, 10, 0);
    // The stock of every agency, from the same summaries.
    if (!only && ctx.can(Permission::stock_view))
      for (const auto& s : d.agencies) d.stock_per_agency.push_back({s.agency.code, s.agency.name, s.dwellings, s.active});
  }
  if (only && ctx.can(Permission::stock_view)) d.stock = agency_stock(store, ctx);
  if (ctx.can(Permission::money_figures_view)) {
    MoneyMonth m;
    m.month = YearMonth::of(ctx.clock.today());
    m.figures = month_figures(store, ctx, m.month);
    if (ctx.can(Permission::ledger_view)) {
      // The same figures as the arrears page of today (its use case).
      auto owed = arrears_on(store, ctx, ctx.clock.today());
      m.ageing = owed.ageing;
      m.arrears_total = owed.total;
      m.leases_in_arrears = static_cast<std::int64_t>(owed.items.size());
    } else {
      m.arrears_by_agency = arrears_by_agency(store, ctx, ctx.clock.today());
    }
    d.money = std::move(m);
  }
  if (ctx.can(Permission::inventory_view)) {
    // From 1 September: the inventory of 30 September, due before 31 October.
    const auto today = ctx.clock.today();
    const std::chrono::year_month_day september{today.year(), std::chrono::September, std::chrono::day(1)};
    if (today >= september) {
      InventoryDue due{{today.year(), std::chrono::September, std::chrono::day(30)},
                       {today.year(), std::chrono::October, std::chrono::day(31)}};
      due.overdue = today > due.due;
      auto uow = store.read();
      for (const auto& s : d.agencies) {
        bool done = false;
        for (const auto& f : uow->subsidies().list_frozen(s.agency.id)) done = done || f.inventory.date == due.reference;
        due.submitted = due.submitted || done;
        due.agencies_submitted += done ? 1 : 0;
        ++due.agencies;
      }
      d.inventory_due = due;
    }
  }
  if (ctx.can(Permission::income_mix_view)) {
    d.income_mix = income_mix(store, ctx, ctx.clock.today());
    d.income_mix_trend = income_mix_trend(store, ctx, ctx.clock.today(), 12);
  }
  return d;
}

}  // namespace hms::app
