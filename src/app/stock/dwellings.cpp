#include "app/stock/dwellings.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <tuple>

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

namespace {

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
  if (f.peb_date) d.peb_date = fields::optional_date(f.peb_date, "peb_date", problems);
  if (f.cadastral_reference) d.cadastral_reference = std::string(trim(*f.cadastral_reference));
  if (f.categories) problems.check([&] { d.categories = stock::parse_categories(*f.categories); });
  problems.check([&] { stock::validate_dwelling(d); });
  problems.throw_if_any();
}

// A reference as a pattern: its prefix (everything before the last run of digits), that run's
// width and value, and what follows it. "IX-0042" → {"IX-", 4, 42, ""}.
struct ReferencePattern {
  std::string prefix;
  std::size_t width = 0;
  std::int64_t number = 0;
  std::string suffix;
};
std::optional<ReferencePattern> reference_pattern(const std::string& ref) {
  auto end = ref.find_last_of("0123456789");
  if (end == std::string::npos) return std::nullopt;
  auto begin = end;
  while (begin > 0 && ref[begin - 1] >= '0' && ref[begin - 1] <= '9') --begin;
  const std::size_t width = end - begin + 1;
  if (width > 15) return std::nullopt;
  return ReferencePattern{ref.substr(0, begin), width, std::stoll(ref.substr(begin, width)), ref.substr(end + 1)};
}

std::optional<stock::DwellingStatus> parse_status(const std::optional<std::string>& text) {
  if (!text || trim(*text).empty()) return std::nullopt;
  auto s = stock::parse_dwelling_status(to_lower_ascii(trim(*text)));
  if (!s) throw std::move(DomainError(ErrorKind::validation, "stock.invalid_status").field("status"));
  return s;
}

}  // namespace

namespace {
void status_in_force(stock::Dwelling& d, const std::vector<stock::StatusPeriod>& history, std::chrono::year_month_day today) {
  if (!(today < d.status_since)) return;
  const auto* now = stock::period_on(history, today);
  if (!now) return;  // no status yet before its first period: the planned one is all there is
  d.planned_status = d.status;
  d.planned_from = d.status_since;
  d.status = now->status;
  d.status_since = now->from;
  d.status_record = now->record;
}
}  // namespace

void status_in_force(UnitOfWork& uow, stock::Dwelling& d, std::chrono::year_month_day today) {
  if (today < d.status_since) status_in_force(d, uow.dwellings().status_history(d.id), today);
}

stock::StatusRecord status_record(const Context& ctx, stock::DwellingStatus status,
                                  const std::optional<std::string>& reason, const std::optional<std::string>& note,
                                  bool reason_required) {
  stock::StatusRecord r;
  r.user_id = ctx.user ? std::optional(ctx.user->id) : std::nullopt;
  r.source = ctx.user ? stock::StatusSource::user : stock::StatusSource::system;
  if (status != stock::DwellingStatus::vacant) return r;
  Problems problems;
  const std::string code = reason ? to_lower_ascii(trim(*reason)) : "";
  if (!code.empty()) {
    r.vacancy_reason = stock::parse_vacancy_reason(code);
    if (!r.vacancy_reason)
      problems.add(std::move(DomainError(ErrorKind::validation, "stock.invalid_vacancy_reason").field("vacancy_reason")));
  } else if (reason_required) {
    problems.add(std::move(DomainError(ErrorKind::validation, "stock.vacancy_reason_required").field("vacancy_reason")));
  }
  const std::string text = note ? std::string(trim(*note)) : "";
  if (!is_valid_utf8(text) || text.size() > 600 ||
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }) > 200 ||
      std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
    problems.add(std::move(DomainError(ErrorKind::validation, "stock.invalid_vacancy_note").field("vacancy_note")));
  else if (r.vacancy_reason == stock::VacancyReason::other && text.empty())
    problems.add(std::move(DomainError(ErrorKind::validation, "stock.vacancy_note_required").field("vacancy_note")));
  problems.throw_if_any();
  if (r.vacancy_reason) r.vacancy_note = text;
  return r;
}

std::string next_free_reference(Store& store, const Context& ctx) {
  ctx.require(Permission::stock_manage);
  if (!ctx.scope().agency_id) return "";
  auto uow = store.read();
  // 1. The agency's references grouped by pattern (prefix, width, suffix); the most common wins.
  std::map<std::tuple<std::string, std::size_t, std::string>, std::pair<int, std::int64_t>> patterns;  // → count, highest
  for (const auto& ref : uow->dwellings().references(*ctx.scope().agency_id)) {
    auto p = reference_pattern(ref);
    if (!p) continue;
    auto& [count, highest] = patterns[{p->prefix, p->width, p->suffix}];
    ++count;
    highest = std::max(highest, p->number);
  }
  if (patterns.empty()) return "";
  auto best = std::max_element(patterns.begin(), patterns.end(), [](const auto& a, const auto& b) {
    return a.second.first < b.second.first;
  });
  const auto& [prefix, width, suffix] = best->first;
  // 2. Its highest number plus one, zero-padded to the same width (wider when it overflows).
  std::string digits = std::to_string(best->second.second + 1);
  if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
  return prefix + digits + suffix;
}

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
  if (auto since = fields::optional_date(f.status_since, "status_since", problems)) d.status_since = *since;
  problems.check([&] { d.status_record = status_record(ctx, d.status, f.vacancy_reason, f.vacancy_note, false); });
  problems.throw_if_any();
  // 3. Stored with its first status period; the reference must be free in the agency.
  d.id = uow->dwellings().insert(d);
  record(*uow, ctx, "stock.create", "dwellings", std::to_string(d.id), d.agency_id);
  auto stored = uow->dwellings().find_by_id(d.id);
  status_in_force(*uow, *stored, ctx.clock.today());
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
  auto since = fields::optional_date(f.status_since, "status_since", problems);
  stock::StatusRecord change;
  if (status) problems.check([&] { change = status_record(ctx, *status, f.vacancy_reason, f.vacancy_note, false); });
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
    uow->dwellings().change_status(id, *status, from, d.updated_at, change);
    record(*uow, ctx, "stock.status", "dwellings", std::to_string(id), d.agency_id);
  }
  auto after = uow->dwellings().find_by_id(id);
  status_in_force(*uow, *after, ctx.clock.today());
  uow->commit();
  return *after;
}

std::size_t change_statuses(Store& store, const Context& ctx, const std::vector<std::int64_t>& ids,
                            const DwellingFields& f) {
  ctx.require(Permission::stock_manage);
  // 1. The choice: a status, a date (today by default), a vacancy's reason; every problem at once.
  Problems problems;
  std::optional<stock::DwellingStatus> status;
  if (!f.status || trim(*f.status).empty())
    problems.add(std::move(DomainError(ErrorKind::validation, "dwellings.status_required").field("status")));
  else
    problems.check([&] { status = parse_status(f.status); });
  auto since = fields::optional_date(f.status_since, "status_since", problems);
  stock::StatusRecord change;
  if (status) problems.check([&] { change = status_record(ctx, *status, f.vacancy_reason, f.vacancy_note, true); });
  if (ids.empty()) problems.add(std::move(DomainError(ErrorKind::validation, "stock.bulk_none_selected").field("ids")));
  if (ids.size() > kMaxBulkDwellings)
    problems.add(std::move(DomainError(ErrorKind::validation, "stock.bulk_too_many")
                               .param("max", std::to_string(kMaxBulkDwellings))
                               .field("ids")));
  problems.throw_if_any();
  const auto from = since.value_or(ctx.clock.today());
  auto uow = store.write();
  // 2. Every dwelling, in the actor's agency (another agency's is a 404: nothing is written);
  //    each must accept the change, or none is made.
  std::vector<stock::Dwelling> dwellings;
  std::vector<std::string> refused;
  for (auto id : ids) {
    if (std::any_of(dwellings.begin(), dwellings.end(), [&](const auto& d) { return d.id == id; })) continue;
    auto d = visible<stock::Dwelling>(*uow, ctx, id);
    uow->dwellings().lock(id, ctx.clock.now_seconds());
    if (d.status == *status || from < d.status_since) refused.push_back(d.reference);
    dwellings.push_back(std::move(d));
  }
  if (!refused.empty()) {
    std::string names;
    for (const auto& r : refused) names += (names.empty() ? "" : ", ") + r;
    throw std::move(DomainError(ErrorKind::validation, "stock.bulk_refused")
                        .param("references", names)
                        .param("date", to_belgian(from))
                        .field("ids"));
  }
  // 3. One period each, one audit entry each, one commit.
  const auto now = ctx.clock.now_seconds();
  for (const auto& d : dwellings) {
    uow->dwellings().change_status(d.id, *status, from, now, change);
    record(*uow, ctx, "stock.status", "dwellings", std::to_string(d.id), d.agency_id);
  }
  uow->commit();
  return dwellings.size();
}

stock::Dwelling find_dwelling(Store& store, const Context& ctx, std::int64_t id) {
  auto uow = store.read();
  auto d = visible<stock::Dwelling>(*uow, ctx, id);
  status_in_force(*uow, d, ctx.clock.today());
  return d;
}

DwellingDetail dwelling_detail(Store& store, const Context& ctx, std::int64_t id) {
  auto uow = store.read();
  DwellingDetail out{visible<stock::Dwelling>(*uow, ctx, id), {}, {}};
  out.history = uow->dwellings().status_history(id);
  status_in_force(out.dwelling, out.history, ctx.clock.today());
  stock::DwellingFilter same;
  same.agency_id = out.dwelling.agency_id;
  same.building_id = out.dwelling.building_id;
  for (auto& other : uow->dwellings().list(same, {}, 100, 0))
    if (other.id != id) out.same_building.push_back(std::move(other));
  return out;
}

namespace {

// The filter as the repository reads it: the agency in scope, today, and "vacant for more than
// N days" as the vacancy's start before today − N (a status planned for a later day has a later
// status_since and is not counted).
void prepare_filter(UnitOfWork& uow, const Context& ctx, stock::DwellingFilter& filter, const std::string& agency_code) {
  filter.agency_id = agency_filter(uow, ctx, agency_code);
  filter.today = ctx.clock.today();
  if (filter.vacant_days) {
    if (filter.status && *filter.status != stock::DwellingStatus::vacant)
      throw DomainError(ErrorKind::validation, "stock.vacant_days_needs_vacant").field("vacant_days");
    filter.status = stock::DwellingStatus::vacant;
    filter.status_since_before = add_days(ctx.clock.today(), -*filter.vacant_days);
  }
}

}  // namespace

Page<stock::Dwelling> list_dwellings(Store& store, const Context& ctx, stock::DwellingFilter filter,
                                     const std::string& agency_code, stock::SortOrder sort, Paging paging) {
  ctx.require(Permission::stock_view);
  auto uow = store.read();
  prepare_filter(*uow, ctx, filter, agency_code);
  auto items = uow->dwellings().list(filter, sort, paging.limit, paging.offset);
  for (auto& d : items) status_in_force(*uow, d, *filter.today);
  return {std::move(items), uow->dwellings().count(filter)};
}

std::int64_t count_dwellings(Store& store, const Context& ctx, stock::DwellingFilter filter, const std::string& agency_code) {
  ctx.require(Permission::stock_view);
  auto uow = store.read();
  prepare_filter(*uow, ctx, filter, agency_code);
  return uow->dwellings().count(filter);
}

stock::StockFigures stock_figures(Store& store, const Context& ctx, const std::string& agency_code) {
  ctx.require(Permission::stock_view);
  auto uow = store.read();
  return uow->dwellings().figures(agency_filter(*uow, ctx, agency_code), ctx.clock.today());
}

std::vector<stock::Commune> communes(Store& store) { return store.read()->dwellings().communes(); }

}  // namespace hms::app
