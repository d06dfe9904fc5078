#include "app/stock/dwellings.hpp"

#include <limits>

#include "app/agencies/agency_admin.hpp"
#include "app/fields/fields.hpp"
#include "app/visible.hpp"
#include "common/date.hpp"
#include "common/text.hpp"

namespace hms::app {

using users::Permission;

std::optional<std::int64_t> agency_filter(UnitOfWork& uow, const Context& ctx, const std::string& code) {
  if (ctx.scope().agency_id) return ctx.scope().agency_id;
  if (trim(code).empty()) return std::nullopt;
  auto agency = uow.agencies().find_by_code(agencies::normalise_agency_code(trim(code)));
  return agency ? agency->id : -1;
}

template <>
struct Visibility<stock::Dwelling> {
  static constexpr Permission permission = Permission::stock_view;
  static constexpr const char* not_found = "stock.not_found";
  static std::optional<stock::Dwelling> find(UnitOfWork& uow, std::int64_t id) { return uow.dwellings().find_by_id(id); }
};

namespace {

std::optional<std::chrono::year_month_day> parse_optional_date(const std::optional<std::string>& text, const char* field,
                                                               Problems& problems) {
  return fields::optional_field(text, field, problems, fields::parse_date, "common.invalid_date");
}

// A floor or a number of bedrooms; its range is validate_dwelling's.
std::optional<int> parse_int(const std::optional<std::string>& text, const char* code, const char* field,
                             Problems& problems) {
  auto v = fields::optional_field(text, field, problems, fields::parse_int, std::numeric_limits<int>::min(),
                                  std::numeric_limits<int>::max(), code);
  return v ? std::optional(static_cast<int>(*v)) : std::nullopt;
}

// Applies the fields that are set to `d`, reporting every problem at once.
void apply(UnitOfWork& uow, const DwellingFields& f, stock::Dwelling& d, bool creating) {
  Problems problems;
  auto required = [&](const std::optional<std::string>& v, const char* code, const char* field) {
    if (creating && (!v || trim(*v).empty()))
      problems.add(std::move(DomainError(ErrorKind::validation, code).field(field)));
  };
  required(f.reference, "stock.invalid_reference", "reference");
  required(f.street, "stock.invalid_street", "street");
  required(f.number, "stock.invalid_number", "number");
  required(f.postcode, "stock.invalid_postcode", "postcode");
  required(f.type, "stock.invalid_type", "type");
  required(f.bedrooms, "stock.invalid_bedrooms", "bedrooms");
  if (f.reference) problems.check([&] { d.reference = stock::validate_reference(*f.reference); });
  if (f.street) d.street = std::string(trim(*f.street));
  if (f.number) d.number = std::string(trim(*f.number));
  if (f.box) d.box = std::string(trim(*f.box));
  if (f.postcode && !trim(*f.postcode).empty()) {
    auto commune = uow.dwellings().commune(trim(*f.postcode));
    if (!commune)
      problems.add(std::move(DomainError(ErrorKind::validation, "stock.invalid_postcode")
                                 .param("postcode", std::string(trim(*f.postcode)))
                                 .field("postcode")));
    else
      d.commune = *commune;
  }
  if (f.floor) {
    if (trim(*f.floor).empty()) d.floor.reset();
    else if (auto v = parse_int(f.floor, "stock.invalid_floor", "floor", problems)) d.floor = v;
  }
  if (f.type && !trim(*f.type).empty()) {
    auto t = stock::parse_dwelling_type(to_lower_ascii(trim(*f.type)));
    if (!t) problems.add(std::move(DomainError(ErrorKind::validation, "stock.invalid_type").field("type")));
    else d.type = *t;
  }
  if (f.bedrooms && !trim(*f.bedrooms).empty())
    if (auto v = parse_int(f.bedrooms, "stock.invalid_bedrooms", "bedrooms", problems)) d.bedrooms = *v;
  if (f.surface_m2) problems.check([&] { d.surface_dm2 = stock::parse_surface(*f.surface_m2); });
  if (f.peb_class) problems.check([&] { d.peb_class = stock::parse_peb_class(*f.peb_class); });
  if (f.peb_number) d.peb_number = std::string(trim(*f.peb_number));
  if (f.peb_date) d.peb_date = parse_optional_date(f.peb_date, "peb_date", problems);
  if (f.cadastral_reference) d.cadastral_reference = std::string(trim(*f.cadastral_reference));
  if (f.categories) problems.check([&] { d.categories = stock::parse_categories(*f.categories); });
  problems.check([&] { stock::validate_dwelling(d); });
  problems.throw_if_any();
}

std::optional<stock::DwellingStatus> parse_status(const std::optional<std::string>& text) {
  if (!text || trim(*text).empty()) return std::nullopt;
  auto s = stock::parse_dwelling_status(to_lower_ascii(trim(*text)));
  if (!s) throw std::move(DomainError(ErrorKind::validation, "stock.invalid_status").field("status"));
  return s;
}

}  // namespace

stock::Dwelling dwelling_from_fields(UnitOfWork& uow, const DwellingFields& f, stock::Dwelling base, bool creating) {
  apply(uow, f, base, creating);
  return base;
}

stock::Dwelling create_dwelling(Store& store, const Context& ctx, const DwellingFields& f) {
  ctx.require(Permission::stock_manage);
  auto uow = store.write();
  // 1. The agency: the actor's own.
  auto agency = agency_in_scope(*uow, ctx, f.agency, "stock.unknown_agency");
  // 2. Every field, every problem at once.
  stock::Dwelling d;
  d.agency_id = agency.id;
  d.agency_code = agency.code;
  d.created_at = d.updated_at = ctx.clock.now_seconds();
  d.status_since = ctx.clock.today();
  Problems problems;
  problems.check([&] { d = dwelling_from_fields(*uow, f, d, true); });
  problems.check([&] { if (auto s = parse_status(f.status)) d.status = *s; });
  if (auto since = parse_optional_date(f.status_since, "status_since", problems)) d.status_since = *since;
  problems.throw_if_any();
  // 3. Stored with its first status period; the reference must be free in the agency.
  d.id = uow->dwellings().insert(d);
  record(*uow, ctx, "stock.create", "dwellings", std::to_string(d.id), d.agency_id);
  auto stored = uow->dwellings().find_by_id(d.id);
  uow->commit();
  return *stored;
}

stock::Dwelling update_dwelling(Store& store, const Context& ctx, std::int64_t id, const DwellingFields& f) {
  auto uow = store.write();
  auto d = visible<stock::Dwelling>(*uow, ctx, id);
  ctx.require(Permission::stock_manage);
  if (f.agency && !trim(*f.agency).empty() && agencies::normalise_agency_code(trim(*f.agency)) != d.agency_code)
    throw DomainError(ErrorKind::validation, "common.field_not_editable").field("agency");
  const auto before = d;
  d.updated_at = ctx.clock.now_seconds();
  Problems problems;
  problems.check([&] { d = dwelling_from_fields(*uow, f, d, false); });
  std::optional<stock::DwellingStatus> status;
  problems.check([&] { status = parse_status(f.status); });
  auto since = parse_optional_date(f.status_since, "status_since", problems);
  problems.throw_if_any();
  uow->dwellings().update(d);
  record(*uow, ctx, "stock.update", "dwellings", std::to_string(id), d.agency_id);
  // A new status opens a new period; history before the running period is never rewritten.
  if (status && *status != before.status) {
    auto from = since.value_or(ctx.clock.today());
    if (from < before.status_since)
      throw std::move(DomainError(ErrorKind::validation, "stock.status_date_before_current")
                          .param("date", to_iso(before.status_since))
                          .field("status_since"));
    uow->dwellings().change_status(id, *status, from, d.updated_at);
    record(*uow, ctx, "stock.status", "dwellings", std::to_string(id), d.agency_id);
  }
  auto after = uow->dwellings().find_by_id(id);
  uow->commit();
  return *after;
}

stock::Dwelling find_dwelling(Store& store, const Context& ctx, std::int64_t id) {
  auto uow = store.read();
  return visible<stock::Dwelling>(*uow, ctx, id);
}

DwellingDetail dwelling_detail(Store& store, const Context& ctx, std::int64_t id) {
  auto uow = store.read();
  DwellingDetail out{visible<stock::Dwelling>(*uow, ctx, id), {}, {}};
  out.history = uow->dwellings().status_history(id);
  stock::DwellingFilter same;
  same.agency_id = out.dwelling.agency_id;
  same.building_id = out.dwelling.building_id;
  for (auto& other : uow->dwellings().list(same, {}, 100, 0))
    if (other.id != id) out.same_building.push_back(std::move(other));
  return out;
}

Page<stock::Dwelling> list_dwellings(Store& store, const Context& ctx, stock::DwellingFilter filter,
                                     const std::string& agency_code, stock::SortOrder sort, Paging paging) {
  ctx.require(Permission::stock_view);
  auto uow = store.read();
  filter.agency_id = agency_filter(*uow, ctx, agency_code);
  return {uow->dwellings().list(filter, sort, paging.limit, paging.offset), uow->dwellings().count(filter)};
}

stock::StockFigures stock_figures(Store& store, const Context& ctx, const std::string& agency_code) {
  ctx.require(Permission::stock_view);
  auto uow = store.read();
  return uow->dwellings().figures(agency_filter(*uow, ctx, agency_code));
}

std::vector<stock::Commune> communes(Store& store) { return store.read()->dwellings().communes(); }

}  // namespace hms::app
