#include "app/subsidies/subsidies.hpp"

#include "app/agencies/agency_admin.hpp"
#include "app/audit/personal_reads.hpp"
#include "app/fields/fields.hpp"
#include "app/visible.hpp"
#include "common/date.hpp"
#include "common/text.hpp"

namespace hms::app {

template <>
struct Visibility<subsidies::FrozenInventory> {
  static constexpr users::Permission permission = users::Permission::inventory_view;
  static constexpr const char* not_found = "subsidies.not_found";
  static std::optional<subsidies::FrozenInventory> find(UnitOfWork& uow, std::int64_t id) {
    return uow.subsidies().find_frozen(id);
  }
};

using users::Permission;
using std::chrono::year_month_day;

namespace {

// Agency users: their own agency, whatever is named; region and federation: the one named.
agencies::Agency agency_of(UnitOfWork& uow, const Context& ctx, const std::optional<std::string>& code) {
  return agency_in_scope(uow, ctx, ctx.scope().agency_id ? std::nullopt : code, "subsidies.unknown_agency");
}

year_month_day date_or_default(const Context& ctx, const std::optional<std::string>& date) {
  if (!date || trim(*date).empty()) return subsidies::default_reference_date(ctx.clock.today());
  Problems problems;
  auto d = fields::read_field(trim(*date), "date", problems, fields::parse_date, "common.invalid_date");
  problems.throw_if_any();
  return *d;
}

}  // namespace

InventoryView compute_inventory(UnitOfWork& uow, const agencies::Agency& agency, year_month_day date) {
  InventoryView v;
  v.agency = agency;
  const auto derogations = uow.subsidies().derogations(agency.id);
  auto source = uow.subsidies().inventory_source(agency.id, date);
  source.agency_code = agency.code;
  source.cap = subsidies::cap_on(derogations, date);
  for (const auto& d : derogations)
    if (d.decided_on <= date && d.cap == source.cap) v.derogation = d;
  v.inventory = subsidies::build_inventory(source);
  v.warnings = subsidies::warnings(v.inventory);
  return v;
}

InventoryView live_inventory(Store& store, const Context& ctx, const std::optional<std::string>& agency_code,
                             const std::optional<std::string>& date) {
  ctx.require(Permission::inventory_view);
  const auto day = date_or_default(ctx, date);
  auto uow = store.read();
  return compute_inventory(*uow, agency_of(*uow, ctx, agency_code), day);
}

subsidies::FrozenInventory freeze_inventory(Store& store, const Context& ctx, const std::optional<std::string>& date) {
  ctx.require(Permission::inventory_submit);
  Problems problems;
  if (!date || trim(*date).empty())
    problems.add(DomainError(ErrorKind::validation, "common.invalid_date").field("date"));
  problems.throw_if_any();
  const auto day = date_or_default(ctx, date);
  auto uow = store.write();
  // 1. The actor's agency's inventory on the date, as the live page shows it.
  auto view = compute_inventory(*uow, agency_of(*uow, ctx, std::nullopt), day);
  // 2. Its copy, with who froze it and when.
  subsidies::FrozenInventory f;
  f.agency_id = view.agency.id;
  f.submitted_by = ctx.user ? std::optional(ctx.user->id) : std::nullopt;
  f.submitted_by_name = ctx.user ? ctx.user->name : "";
  f.submitted_at = ctx.clock.now_seconds();
  f.inventory = std::move(view.inventory);
  f.id = uow->subsidies().insert_frozen(f);
  // 3. One audit entry: the date and the totals.
  record(*uow, ctx, "subsidies.freeze", "subsidies_inventories", std::to_string(f.id), f.agency_id,
         "date=" + to_iso(day) + ",dwellings=" + std::to_string(f.inventory.dwellings) +
             ",subsidisable=" + std::to_string(f.inventory.subsidisable));
  uow->commit();
  return f;
}

subsidies::FrozenInventory frozen_inventory(Store& store, const Context& ctx, std::int64_t id) {
  auto uow = store.read();
  return visible<subsidies::FrozenInventory>(*uow, ctx, id);
}

InventoryDiff inventory_diff(Store& store, const Context& ctx, std::int64_t id) {
  auto uow = store.read();
  InventoryDiff d;
  d.frozen = visible<subsidies::FrozenInventory>(*uow, ctx, id);
  auto agency = uow->agencies().find_by_id(d.frozen.agency_id);
  if (!agency) throw DomainError(ErrorKind::not_found, "subsidies.not_found");
  const auto live = compute_inventory(*uow, *agency, d.frozen.inventory.date);
  d.changes = subsidies::diff(d.frozen.inventory, live.inventory);
  return d;
}

std::vector<subsidies::FrozenInventory> frozen_inventories(Store& store, const Context& ctx,
                                                           const std::optional<std::string>& agency_code) {
  ctx.require(Permission::inventory_view);
  auto uow = store.read();
  return uow->subsidies().list_frozen(agency_of(*uow, ctx, agency_code).id);
}

subsidies::Derogation record_derogation(Store& store, const Context& ctx, const std::string& agency_code,
                                        const DerogationFields& f) {
  ctx.require(Permission::derogations_manage);
  auto uow = store.write();
  const auto agency = agency_of(*uow, ctx, agency_code);
  // Every problem at once; nothing written when there is one.
  Problems problems;
  subsidies::Derogation d;
  d.agency_id = agency.id;
  d.cap = static_cast<int>(fields::read_field(trim(f.cap.value_or("")), "cap", problems, fields::parse_int,
                                              subsidies::kDefaultCap + 1, 100000, "subsidies.invalid_cap")
                               .value_or(0));
  auto decided = fields::read_field(trim(f.decided_on.value_or("")), "decided_on", problems, fields::parse_date,
                                    "common.invalid_date");
  d.reference = trim(f.reference.value_or(""));
  if (d.reference.empty() || d.reference.size() > 100)
    problems.add(DomainError(ErrorKind::validation, "subsidies.reference_required").field("reference"));
  problems.throw_if_any();
  d.decided_on = *decided;
  d.recorded_by = ctx.user ? std::optional(ctx.user->id) : std::nullopt;
  d.recorded_at = ctx.clock.now_seconds();
  d.id = uow->subsidies().insert_derogation(d);
  record(*uow, ctx, "subsidies.derogation", "subsidies_derogations", std::to_string(d.id), agency.id,
         "cap=" + std::to_string(d.cap) + ",decided_on=" + to_iso(d.decided_on));
  uow->commit();
  return d;
}

std::vector<subsidies::Derogation> agency_derogations(Store& store, const Context& ctx,
                                                      const std::optional<std::string>& agency_code) {
  ctx.require(Permission::inventory_view);
  auto uow = store.read();
  return uow->subsidies().derogations(agency_of(*uow, ctx, agency_code).id);
}

PropertyTaxList property_tax_list(Store& store, const Context& ctx, const std::optional<std::string>& agency_code,
                                  const std::optional<std::string>& year, bool file) {
  ctx.require(Permission::owners_view);
  PropertyTaxList list;
  list.year = static_cast<int>(ctx.clock.today().year());
  if (year && !trim(*year).empty()) {
    Problems problems;
    list.year = static_cast<int>(fields::read_field(trim(*year), "year", problems, fields::parse_int, 2000, 2100,
                                                    "subsidies.invalid_year")
                                     .value_or(0));
    problems.throw_if_any();
  }
  auto uow = store.write();
  // 1. The agency: the actor's, or the one the region names.
  list.agency = agency_of(*uow, ctx, agency_code);
  PersonalRead read{file ? "subsidies.property_tax_export" : "subsidies.property_tax", "owner_contracts", 0,
                    list.agency.id, ReadFilters().value("year", std::to_string(list.year)).str()};
  if (file) count_export(*uow, ctx, read);
  // 2. The contracts in force on a day of the year, each clipped to it.
  list.lines = uow->subsidies().property_tax_lines(list.agency.id, list.year);
  for (auto& l : list.lines) {
    subsidies::clip_to_year(l, list.year);
    if (l.cadastral_reference.empty()) ++list.without_cadastral_reference;
  }
  // 3. One audited read of the owners shown.
  read.rows = static_cast<std::int64_t>(list.lines.size());
  record_read(*uow, ctx, read);
  uow->commit();
  return list;
}

}  // namespace hms::app
