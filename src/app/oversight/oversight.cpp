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

}  // namespace hms::app
