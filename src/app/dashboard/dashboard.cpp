#include "app/dashboard/dashboard.hpp"

#include <algorithm>
#include <set>

#include "app/owners/owners.hpp"
#include "app/stock/dwellings.hpp"

namespace hms::app {

namespace {

using users::Permission;

// today + 6 months, on the last day of the month when that day does not exist (31 August → 28 February).
std::chrono::year_month_day months_later(std::chrono::year_month_day day, int months) {
  auto later = day + std::chrono::months{months};
  if (!later.ok()) later = later.year() / later.month() / std::chrono::last;
  return later;
}

StockDashboard agency_stock(Store& store, const Context& ctx) {
  StockDashboard s;
  s.figures = stock_figures(store, ctx, "");
  s.communes = communes(store);
  if (!ctx.can(Permission::owners_view)) return s;
  const auto today = ctx.clock.today();
  // 1. The contracts ending in the next 6 months, soonest first.
  s.ending_from = today;
  s.ending_to = months_later(today, 6);
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
  // 2. The owner rents against today's caps, and whether those caps are verified figures.
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
    d.agencies = uow->agencies().summaries(only);
    for (const auto& s : d.agencies) {
      d.active_users += s.users;
      if (s.last_activity >= month_ago) ++d.agencies_active_last_30_days;
    }
    if (ctx.can(Permission::audit_view)) d.recent_activity = uow->audit().list({only}, 10, 0);
    // The stock of every agency: two indexed counts each (not ended, active).
    if (!only && ctx.can(Permission::stock_view)) {
      for (const auto& s : d.agencies) {
        AgencyStock a{s.agency.code, s.agency.name, 0, 0};
        stock::DwellingFilter f;
        f.agency_id = s.agency.id;
        f.status = stock::DwellingStatus::ended;
        const auto ended = uow->dwellings().count(f);
        f.status = stock::DwellingStatus::active;
        a.active = uow->dwellings().count(f);
        f.status.reset();
        a.dwellings = uow->dwellings().count(f) - ended;
        d.stock_per_agency.push_back(std::move(a));
      }
    }
  }
  if (only && ctx.can(Permission::stock_view)) d.stock = agency_stock(store, ctx);
  return d;
}

}  // namespace hms::app
