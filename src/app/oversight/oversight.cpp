#include "app/oversight/oversight.hpp"

#include <algorithm>
#include <map>

#include "app/fields/fields.hpp"
#include "app/subsidies/subsidies.hpp"
#include "common/date.hpp"
#include "common/text.hpp"

namespace hms::app {

using users::Permission;

Adoption adoption(Store& store, const Context& ctx) {
  ctx.require(Permission::adoption_view);
  auto uow = store.read();
  const auto today = ctx.clock.today();
  // 1. Every agency, by code; the latest declaration and each module's use, grouped queries.
  auto agencies = uow->agencies().list(std::nullopt, 100000, 0);
  std::sort(agencies.begin(), agencies.end(), [](const auto& a, const auto& b) { return a.code < b.code; });
  std::map<std::int64_t, oversight::DeclaredStock> declared;
  for (const auto& d : uow->oversight().latest_declared()) declared[d.agency_id] = d;
  std::map<std::pair<std::int64_t, std::string>, oversight::ModuleUse> use;
  for (const auto& u : uow->oversight().module_use()) use[{u.agency_id, u.module}] = u;
  Adoption out;
  for (const auto& agency : agencies) {
    AdoptionLine line;
    line.agency = agency;
    if (auto d = declared.find(agency.id); d != declared.end()) {
      line.declared = d->second.dwellings;
      line.declared_on = d->second.declared_on;
    }
    // 2. Registered: today's live inventory, subsidisable and in the stock (not ended).
    const auto view = compute_inventory(*uow, agency, today);
    for (const auto& it : view.inventory.items)
      if (it.subsidisable && (it.status == "active" || it.status == "vacant" || it.status == "works")) ++line.registered;
    line.coverage = oversight::coverage(line.registered, line.declared);
    for (auto module : oversight::kModules) {
      auto u = use.find({agency.id, std::string(module)});
      line.modules.push_back(u != use.end() ? u->second : oversight::ModuleUse{agency.id, std::string(module), 0, std::nullopt});
    }
    // 3. The Region's headline figure.
    out.registered += line.registered;
    out.declared += line.declared.value_or(0);
    out.items.push_back(std::move(line));
  }
  out.coverage = oversight::coverage(out.registered, out.declared);
  // 4. The trend: the first of each of the last 12 months, then today.
  std::vector<std::chrono::year_month_day> days;
  const std::chrono::year_month_day first{today.year(), today.month(), std::chrono::day(1)};
  for (int back = 11; back >= 0; --back) days.push_back(add_months(first, -back));
  if (days.back() != today) days.push_back(today);
  const auto counts = uow->oversight().managed_on(days);
  for (std::size_t i = 0; i < days.size(); ++i) out.trend.push_back({days[i], counts[i]});
  return out;
}

oversight::DeclaredStock declare_stock(Store& store, const Context& ctx, const std::string& agency_code,
                                       const DeclaredFields& f) {
  ctx.require(Permission::declared_stock_manage);
  auto uow = store.write();
  auto agency = uow->agencies().find_by_code(agencies::normalise_agency_code(trim(agency_code)));
  if (!agency)
    throw std::move(DomainError(ErrorKind::not_found, "oversight.unknown_agency").param("agency", agency_code));
  Problems problems;
  auto date = fields::read_field(trim(f.date.value_or("")), "date", problems, fields::parse_date, "common.invalid_date");
  auto dwellings = fields::read_field(trim(f.dwellings.value_or("")), "dwellings", problems, fields::parse_int,
                                      std::int64_t{0}, std::int64_t{100000}, "oversight.invalid_dwellings");
  problems.throw_if_any();
  oversight::DeclaredStock d{agency->id, *date, *dwellings, ctx.user ? std::optional(ctx.user->id) : std::nullopt,
                             ctx.clock.now_seconds()};
  uow->oversight().insert_declared(d);
  record(*uow, ctx, "oversight.declared_stock", "agencies", std::to_string(agency->id), agency->id,
         "date=" + to_iso(d.declared_on) + ",dwellings=" + std::to_string(d.dwellings));
  uow->commit();
  return d;
}

int report_year(const Context& ctx, const std::optional<std::string>& year) {
  if (!year || trim(*year).empty()) return static_cast<int>(ctx.clock.today().year());
  Problems problems;
  auto y = fields::read_field(trim(*year), "year", problems, fields::parse_int, 2000, 2100, "oversight.invalid_year");
  problems.throw_if_any();
  return static_cast<int>(*y);
}

namespace {

// What is read once for every agency of a report.
struct Shared {
  std::map<std::int64_t, oversight::DeclaredStock> declared;
  std::map<std::pair<std::int64_t, std::string>, oversight::ModuleUse> use;
  rules::RentCapTable owner_caps;
};

Shared shared_of(UnitOfWork& uow) {
  Shared sh;
  for (const auto& d : uow.oversight().latest_declared()) sh.declared[d.agency_id] = d;
  for (const auto& u : uow.oversight().module_use()) sh.use[{u.agency_id, u.module}] = u;
  sh.owner_caps = uow.rules().rent_caps(rules::CapKind::owner_rent);
  return sh;
}

// The facts of one agency and year, in numbered steps, then their checks.
ComplianceView view_of(UnitOfWork& uow, const Shared& sh, const agencies::Agency& agency, int year,
                       std::chrono::year_month_day today) {
  using std::chrono::year_month_day;
  oversight::ComplianceFacts f;
  f.agency_code = agency.code;
  f.agency_name = agency.name;
  f.year = year;
  const year_month_day september{std::chrono::year(year), std::chrono::September, std::chrono::day(30)};
  f.reference = std::min(september, today);
  f.mix_day = std::min(year_month_day{std::chrono::year(year), std::chrono::December, std::chrono::day(31)}, today);
  // 1. The stock on the reference date, from the inventory: kinds, vacancy, tenant rents and caps.
  const auto view = compute_inventory(uow, agency, f.reference);
  f.dwellings = view.inventory.dwellings;
  f.vacant = view.inventory.vacant;
  f.works = view.inventory.works;
  for (const auto& it : view.inventory.items) {
    (it.contract_kind == "main_lease" ? f.main_leases : f.mandates) += 1;
    if (it.subsidisable && (it.status == "active" || it.status == "vacant" || it.status == "works")) ++f.registered;
    if (it.tenant_rent_cents) {
      ++f.tenant_rents;
      if (it.tenant_rent_cap_cents && *it.tenant_rent_cents > *it.tenant_rent_cap_cents) ++f.tenant_above_cap;
    }
  }
  for (const auto& w : view.warnings) f.long_vacant += w.kind == "long_vacancy" ? 1 : 0;
  // 2. The stock declared to the Region (the latest declaration).
  if (auto d = sh.declared.find(agency.id); d != sh.declared.end()) f.declared = d->second.dwellings;
  // 3. The inventory of 30 September submitted, and the year's subsidy request made in hms (the
  //    one not rejected, else a rejected one).
  for (const auto& fr : uow.subsidies().list_frozen(agency.id))
    f.inventory_submitted = f.inventory_submitted || fr.inventory.date == september;
  for (const auto& r : uow.subsidy_requests().list(agency.id))
    if (r.year == year && (f.request_status.empty() || f.request_status == "rejected"))
      f.request_status = std::string(subsidies::to_string(r.status));
  // 4. The income mix at the end of the year.
  for (const auto& row : uow.leases().income_mix(agency.id, f.mix_day)) {
    f.leases += row.leases;
    f.at_or_below += row.at_or_below;
  }
  // 5. The owner rents in force on the reference date against their caps.
  for (const auto& r : uow.owner_contracts().rents_in_force(agency.id, f.reference)) {
    ++f.owner_rents;
    auto cap = sh.owner_caps.cap_for(f.reference, r.type, r.bedrooms);
    if (!cap) ++f.owner_no_cap;
    else if (r.rent > cap->amount) ++f.owner_above_cap;
  }
  ComplianceView out;
  out.coverage = oversight::coverage(f.registered, f.declared);
  for (auto module : oversight::kModules) {
    auto u = sh.use.find({agency.id, std::string(module)});
    out.modules.push_back(u != sh.use.end() ? u->second : oversight::ModuleUse{agency.id, std::string(module), 0, std::nullopt});
  }
  out.report = oversight::assess(std::move(f));
  return out;
}

}  // namespace

ComplianceView compliance_report(Store& store, const Context& ctx, const std::string& agency_code,
                                 const std::optional<std::string>& year) {
  ctx.require(Permission::adoption_view);
  const int y = report_year(ctx, year);
  auto uow = store.read();
  auto agency = uow->agencies().find_by_code(std::string(trim(agency_code)));
  if (!agency) throw DomainError(ErrorKind::not_found, "oversight.unknown_agency").param("agency", agency_code);
  return view_of(*uow, shared_of(*uow), *agency, y, ctx.clock.today());
}

std::vector<ComplianceView> compliance_overview(Store& store, const Context& ctx, const std::optional<std::string>& year) {
  ctx.require(Permission::adoption_view);
  const int y = report_year(ctx, year);
  auto uow = store.read();
  auto agencies = uow->agencies().list(std::nullopt, 100000, 0);
  std::sort(agencies.begin(), agencies.end(), [](const auto& a, const auto& b) { return a.code < b.code; });
  const auto sh = shared_of(*uow);
  std::vector<ComplianceView> out;
  for (const auto& a : agencies) out.push_back(view_of(*uow, sh, a, y, ctx.clock.today()));
  return out;
}

}  // namespace hms::app
