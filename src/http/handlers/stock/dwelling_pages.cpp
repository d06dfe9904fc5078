// The dwelling pages: the list (/dwellings, with search, filters, sort, pagination and its
// CSV/XLSX export), the create and edit forms, the detail page and the change of status.
// The view models reuse the JSON shape of the API (dwelling_json) plus the texts a page shows.
#include <algorithm>

#include "app/leases/leases.hpp"
#include "app/owners/owners.hpp"
#include "common/date.hpp"
#include "common/text.hpp"
#include "http/error_mapping.hpp"
#include "http/handlers/attachments/attachment_pages.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/stock/stock_json.hpp"
#include "http/handlers/support/forms.hpp"
#include "http/handlers/support/pages.hpp"
#include "http/handlers/support/support.hpp"
#include "web/texts.hpp"

namespace hms::http {
namespace {

using users::Permission;

// ---------------------------------------------------------------------------------------------
// How a dwelling reads on a page.

// The commune in the reader's language; in English both names when they differ ("Ixelles / Elsene").
std::string commune_name(const stock::Commune& c, const std::string& lang) {
  if (lang == "nl") return c.name_nl;
  if (lang == "fr" || c.name_fr == c.name_nl) return c.name_fr;
  return c.name_fr + " / " + c.name_nl;
}

using web::money_text;
using web::thousands_text;
using web::surface_text;

// A status as a tag: its text, and a colour that is never the only signal.
nlohmann::json status_json(const web::Views& v, const std::string& lang, stock::DwellingStatus st) {
  static const std::map<stock::DwellingStatus, const char*> kTag = {{stock::DwellingStatus::active, "tag--green"},
                                                                    {stock::DwellingStatus::vacant, "tag--orange"},
                                                                    {stock::DwellingStatus::works, "tag--blue"},
                                                                    {stock::DwellingStatus::ended, "tag--grey"}};
  std::string name(stock::to_string(st));
  return {{"code", name}, {"label", v.catalog().text(lang, "stock.dwellings.statuses." + name)}, {"tag", kTag.at(st)}};
}

// A vacancy's reason as read: "Entre deux locataires", or "Autre : <text>"; "" when none.
std::string vacancy_reason_text(const web::Views& v, const std::string& lang, stock::DwellingStatus status,
                                const stock::StatusRecord& r) {
  if (status != stock::DwellingStatus::vacant || !r.vacancy_reason) return "";
  const auto& cat = v.catalog();
  std::string reason = cat.text(lang, "stock.dwellings.vacancy_reasons." + std::string(stock::to_string(*r.vacancy_reason)));
  if (r.vacancy_note.empty()) return reason;
  return cat.format(lang, "stock.dwellings.vacancy_reason_with_note", {{"reason", reason}, {"note", r.vacancy_note}});
}

// How long a vacant dwelling has been vacant today ("inoccupé depuis 123 jours"), marked past
// the alert threshold: sets vacancy_text, vacancy_alert and vacancy_alert_text on `view`.
void add_vacancy(nlohmann::json& view, const web::Views& v, const std::string& lang, const stock::Dwelling& d,
                 std::chrono::year_month_day today, int alert_days) {
  if (d.status != stock::DwellingStatus::vacant || today < d.status_since) return;
  const int days = days_between(d.status_since, today);
  const auto& cat = v.catalog();
  view["vacancy_text"] = cat.format(lang, "stock.dwellings.vacant_for", {{"days", thousands_text(days, lang)}});
  view["vacancy_alert"] = days > alert_days;
  if (days > alert_days)
    view["vacancy_alert_text"] = cat.format(lang, "stock.dwellings.vacancy_alert", {{"days", std::to_string(alert_days)}});
}

// The API's JSON of a dwelling plus what a page shows of it, in the reader's language.
nlohmann::json dwelling_view(const web::Views& v, const std::string& lang, const stock::Dwelling& d) {
  const auto& cat = v.catalog();
  auto j = dwelling_json(d);
  std::string line = d.street + " " + d.number;
  if (!d.box.empty()) line += " " + cat.text(lang, "stock.dwellings.box_short") + " " + d.box;
  j["address_line"] = line;
  j["commune_label"] = commune_name(d.commune, lang);
  j["type_label"] = cat.text(lang, "stock.dwellings.types." + std::string(stock::to_string(d.type)));
  j["status_view"] = status_json(v, lang, d.status);
  j["status_since_text"] = cat.format(lang, "stock.dwellings.since", {{"date", to_belgian(d.status_since)}});
  if (d.planned_status && d.planned_from)
    j["planned_text"] = cat.format(lang, "stock.dwellings.planned",
                                   {{"status", cat.text(lang, "stock.dwellings.statuses." + std::string(stock::to_string(*d.planned_status)))},
                                    {"date", to_belgian(*d.planned_from)}});
  j["vacancy_reason_text"] = vacancy_reason_text(v, lang, d.status, d.status_record);
  if (!j["vacancy_reason_text"].get<std::string>().empty())
    j["vacancy_reason_line"] = cat.format(lang, "stock.dwellings.vacancy_reason_line", {{"reason", j["vacancy_reason_text"].get<std::string>()}});
  else
    j["vacancy_reason_text"] = nullptr;  // (the templates test it: an empty string would count as set)
  j["surface_text"] = d.surface_dm2 ? nlohmann::json(surface_text(*d.surface_dm2, lang) + " m²") : nlohmann::json();
  j["floor_text"] = !d.floor ? nlohmann::json()
                    : *d.floor == 0 ? nlohmann::json(cat.text(lang, "stock.dwellings.ground_floor"))
                                    : nlohmann::json(std::to_string(*d.floor));
  // In a list of dwellings: "Étage 2", "rez-de-chaussée"; nothing when the floor is not known.
  j["floor_phrase"] = !d.floor ? nlohmann::json()
                      : *d.floor == 0 ? nlohmann::json(cat.text(lang, "stock.dwellings.ground_floor"))
                                      : nlohmann::json(cat.text(lang, "stock.dwellings.floor") + " " + std::to_string(*d.floor));
  j["bedrooms_text"] = d.bedrooms == 0 ? "0 (" + cat.text(lang, "stock.dwellings.studio") + ")" : std::to_string(d.bedrooms);
  j["peb_date_text"] = d.peb_date ? nlohmann::json(to_belgian(*d.peb_date)) : nlohmann::json();
  nlohmann::json categories = nlohmann::json::array();
  for (const auto& c : d.categories) categories.push_back(cat.text(lang, "stock.dwellings.category_labels." + c));
  j["category_labels"] = categories;
  j["has_categories"] = !categories.empty();
  // (The templates test these: an empty string would count as set.)
  j["has_peb_number"] = !d.peb_number.empty();
  j["has_cadastral_reference"] = !d.cadastral_reference.empty();
  return j;
}

// ---------------------------------------------------------------------------------------------
// The form.

// The inputs of the dwelling form (status has a page of its own).
constexpr std::string_view kFormFields[] = {
    "reference",  "street",    "number",     "box",      "postcode", "floor", "type", "bedrooms",
    "surface_m2", "peb_class", "peb_number", "peb_date", "cadastral_reference", "categories", "status_since"};
// The inputs of the change of status.
constexpr std::string_view kStatusFields[] = {"status", "status_since", "vacancy_reason", "vacancy_note"};

// A dwelling as the form shows it.
nlohmann::json form_of(const stock::Dwelling& d) {
  app::DwellingFields f;
  f.reference = d.reference;
  f.street = d.street;
  f.number = d.number;
  f.box = d.box;
  f.postcode = d.commune.postcode;
  f.floor = d.floor ? std::to_string(*d.floor) : "";
  f.type = std::string(stock::to_string(d.type));
  f.bedrooms = std::to_string(d.bedrooms);
  f.surface_m2 = d.surface_dm2 ? surface_text(*d.surface_dm2) : "";
  f.peb_class = d.peb_class ? std::string(1, *d.peb_class) : "";
  f.peb_number = d.peb_number;
  f.peb_date = d.peb_date ? to_belgian(*d.peb_date) : "";
  f.cadastral_reference = d.cadastral_reference;
  std::string categories;
  for (const auto& c : d.categories) categories += (categories.empty() ? "" : ",") + c;
  f.categories = categories;
  return form_values(f);
}

// The form as the fields of the use case (the date read as typed by read_form). On a change, a
// required field emptied by the user must be an error, not "keep the old value" (the use case's
// meaning of an absent field): it is passed as a value the use case rejects, so that its message
// comes with every other one.
FormInput<app::DwellingFields> read_dwelling_form(const Request& req, bool creating) {
  auto in = read_form<app::DwellingFields>(req, kFormFields);
  // The status start date is on the create form only (a change of status has its own page).
  if (!creating) in.fields.status_since.reset();
  if (!creating) {
    if (trim(*in.fields.postcode).empty()) in.fields.postcode = "-";
    if (trim(*in.fields.bedrooms).empty()) in.fields.bedrooms = "-";
    if (trim(*in.fields.type).empty()) in.fields.type.reset();  // radios: one is always checked on a change
  }
  return in;
}

constexpr std::initializer_list<const char*> kFieldOrder = {
    "agency",   "reference",  "street",    "number",     "box",      "postcode",
    "floor",    "type",       "bedrooms",  "surface_m2", "categories", "peb_class",
    "peb_number", "peb_date", "cadastral_reference", "status_since"};

Response form_page(const Request& req, const Services& s, const nlohmann::json& values, const stock::Dwelling* existing,
                   const DomainError* error, int status) {
  const auto& cat = s.views.catalog();
  auto value = [&](const char* name) { return values.value(name, std::string()); };
  const std::string chosen = value("categories");  // split() gives views into it
  auto chosen_categories = split(chosen, ',');
  nlohmann::json types = nlohmann::json::array();
  for (auto t : stock::kAllDwellingTypes) {
    std::string name(stock::to_string(t));
    types.push_back({{"value", name}, {"label", cat.text(req.lang, "stock.dwellings.types." + name)},
                     {"checked", value("type") == name}, {"first", t == stock::kAllDwellingTypes.front()}});
  }
  nlohmann::json categories = nlohmann::json::array();
  bool first = true;
  for (auto c : stock::kSpecialCategories) {
    std::string name(c);
    categories.push_back({{"value", name}, {"label", cat.text(req.lang, "stock.dwellings.category_labels." + name)},
                          {"checked", std::find(chosen_categories.begin(), chosen_categories.end(), name) != chosen_categories.end()},
                          {"first", first}});
    first = false;
  }
  nlohmann::json peb = nlohmann::json::array();
  for (char c = 'A'; c <= 'G'; ++c) peb.push_back({{"value", std::string(1, c)}, {"selected", to_lower_ascii(value("peb_class")) == std::string(1, static_cast<char>(c - 'A' + 'a'))}});
  nlohmann::json communes = nlohmann::json::array();
  for (const auto& c : app::communes(s.store)) communes.push_back({{"postcode", c.postcode}, {"name", commune_name(c, req.lang)}});

  nlohmann::json model = {{"form", values},
                          {"types", types},
                          {"categories", categories},
                          {"peb_classes", peb},
                          {"communes", communes},
                          {"creating", existing == nullptr}};
  std::string title;
  if (existing) {
    model["id"] = existing->id;
    model["reference"] = existing->reference;
    model["action"] = "/dwellings/" + std::to_string(existing->id);
    model["cancel"] = "/dwellings/" + std::to_string(existing->id);
    title = "stock.dwellings.edit_title";
  } else {
    model["action"] = "/dwellings";
    model["cancel"] = "/dwellings";
    // The next free reference, suggested (and typed in the empty form): editable.
    if (auto next = app::next_free_reference(s.store, req.context()); !next.empty()) {
      model["suggested_reference"] = next;
      model["suggested_reference_text"] = cat.format(req.lang, "stock.dwellings.reference_suggested", {{"reference", next}});
      if (!model["form"].contains("reference")) model["form"]["reference"] = next;
    }
    title = "stock.dwellings.new_title";
  }
  if (error) model["errors"] = errors_of(s, req, *error, kFieldOrder);
  auto info = page_info(req, s, title, "dwellings");
  if (error) info.title = cat.text(req.lang, "common.form.error_summary") + " — " + info.title;
  return Response::html(s.views.page(info, existing ? "stock/edit" : "stock/new", model), status);
}

// ---------------------------------------------------------------------------------------------
// The detail page.

// Who recorded a period: the user's name; "import" / "system" when no user did; "—" for the
// periods recorded before issue 15 kept it.
std::string recorded_by_text(const web::Views& v, const std::string& lang, const stock::StatusPeriod& p) {
  const auto& cat = v.catalog();
  switch (p.record.source) {
    case stock::StatusSource::user: return p.recorded_by_name.empty() ? "—" : p.recorded_by_name;
    case stock::StatusSource::import:
      return p.recorded_by_name.empty() ? cat.text(lang, "stock.dwellings.recorded_by_import")
                                        : cat.format(lang, "stock.dwellings.recorded_by_import_user", {{"name", p.recorded_by_name}});
    case stock::StatusSource::system: return cat.text(lang, "stock.dwellings.recorded_by_system");
    case stock::StatusSource::unknown: break;
  }
  return "—";
}

nlohmann::json history_json(const Services& s, const Request& req, const std::vector<stock::StatusPeriod>& history) {
  const auto today = req.clock->today();
  nlohmann::json rows = nlohmann::json::array();
  // Newest first: the running period is what a reader looks for.
  for (auto it = history.rbegin(); it != history.rend(); ++it) {
    const auto& p = *it;
    // Days so far: a period still in force today (its end planned later, or none) counts to today.
    auto end = p.to && *p.to <= today ? *p.to : today;
    int days = std::max(0, days_between(p.from, end));
    rows.push_back({{"status", status_json(s.views, req.lang, p.status)},
                    {"by", recorded_by_text(s.views, req.lang, p)},
                    // null when none: the templates test it, and an empty string counts as set
                    {"reason", [&]() -> nlohmann::json {
                       auto text = vacancy_reason_text(s.views, req.lang, p.status, p.record);
                       return text.empty() ? nlohmann::json() : nlohmann::json(text);
                     }()},
                    {"planned", today < p.from},
                    {"from", to_belgian(p.from)},
                    // The last day of the period (periods are half-open); a period closed on its
                    // first day (a status corrected the same day) lasted no day: shown as that day.
                    {"to", p.to ? nlohmann::json(to_belgian(*p.to > p.from ? add_days(*p.to, -1) : p.from)) : nlohmann::json()},
                    {"days", thousands_text(days, req.lang)},
                    {"ongoing", !p.to.has_value() && !(today < p.from)}});
  }
  return rows;
}

nlohmann::json contracts_json(const Services& s, const Request& req, std::int64_t dwelling_id) {
  const auto& cat = s.views.catalog();
  owners::ContractFilter filter;
  filter.dwelling_id = dwelling_id;
  auto page = app::list_contracts(s.store, req.context(), filter, "", app::Paging{app::Paging::kMaxLimit, 0});
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& k : page.items) {
    std::string kind(owners::to_string(k.kind));
    rows.push_back({{"id", k.id},
                    {"owner", k.owner_name},
                    {"owner_id", k.owner_id},
                    {"kind", cat.text(req.lang, "stock.dwellings.contract_kinds." + kind)},
                    {"start", to_belgian(k.start)},
                    {"end", k.end ? nlohmann::json(to_belgian(*k.end)) : nlohmann::json()},
                    {"rent", money_text(k.owner_rent, req.lang)}});
  }
  return rows;
}

// The dwelling's leases, latest first (one "leases.list" read), and the way to let it.
nlohmann::json dwelling_leases(const Request& req, const Services& s, std::int64_t dwelling_id) {
  leases::LeaseFilter filter;
  filter.dwelling_id = dwelling_id;
  auto page = app::list_leases(s.store, req.context(), filter, app::Paging{20, 0});
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& l : page.items)
    rows.push_back({{"id", l.id},
                    {"household", l.household_name},
                    {"start", to_belgian(l.start)},
                    {"end", l.end ? nlohmann::json(to_belgian(*l.end)) : nlohmann::json()},
                    {"rent", web::money_text(l.tenant_rent, req.lang)}});
  return {{"items", rows},
          {"has_items", !rows.empty()},
          {"dwelling_id", dwelling_id},
          {"can_let", req.context().can(Permission::leases_manage)},
          {"can_propose", req.context().can(Permission::applicants_view)}};
}

Response detail_page(Request& req, const Services& s) {
  auto ctx = req.context();
  auto detail = app::dwelling_detail(s.store, ctx, req.path_id());
  const auto& d = detail.dwelling;
  auto view = dwelling_view(s.views, req.lang, d);
  add_vacancy(view, s.views, req.lang, d, req.clock->today(), stock::kDefaultVacancyAlertDays);
  nlohmann::json same = nlohmann::json::array();
  for (const auto& other : detail.same_building) same.push_back(dwelling_view(s.views, req.lang, other));
  nlohmann::json model = {{"d", view},
                          {"history", history_json(s, req, detail.history)},
                          {"same_building", same},
                          {"has_same_building", !same.empty()},
                          {"can_manage", ctx.can(Permission::stock_manage)},
                          {"cross_agency", !users::is_agency_role(req.auth->user.role)},
                          {"documents", attachments_section(req, s, attachments::AttachedTo::dwelling, d.id)}};
  if (ctx.can(Permission::owners_view)) {
    auto contracts = contracts_json(s, req, d.id);
    model["show_contracts"] = true;
    model["has_contracts"] = !contracts.empty();
    model["contracts"] = contracts;
    model["can_add_contract"] = ctx.can(Permission::owners_manage);
  }
  if (ctx.can(Permission::leases_view)) model["leases"] = dwelling_leases(req, s, d.id);
  const auto& cat = s.views.catalog();
  std::string notice_key;
  if (req.query_value("created") == "1") notice_key = "stock.dwellings.created_notice";
  else if (req.query_value("updated") == "1") notice_key = "stock.dwellings.updated_notice";
  else if (req.query_value("status") == "1") notice_key = "stock.dwellings.status_notice";
  if (!notice_key.empty()) model["notice"] = cat.text(req.lang, notice_key);
  auto info = page_info(req, s, "stock.dwellings.title", "dwellings");
  info.title = d.reference + " — " + view["address_line"].get<std::string>();
  return Response::html(s.views.page(info, "stock/detail", model));
}

// The printable sheet: the dwelling's facts, status and history, its owner contract in force
// today, on one A4 page (the layout's navigation is not printed).
Response sheet_page(Request& req, const Services& s) {
  auto ctx = req.context();
  auto detail = app::dwelling_detail(s.store, ctx, req.path_id());
  const auto& d = detail.dwelling;
  const auto today = req.clock->today();
  const auto& cat = s.views.catalog();
  auto view = dwelling_view(s.views, req.lang, d);
  add_vacancy(view, s.views, req.lang, d, today, stock::kDefaultVacancyAlertDays);
  nlohmann::json model = {{"d", view},
                          {"history", history_json(s, req, detail.history)},
                          {"printed_text", cat.format(req.lang, "stock.dwellings.sheet_printed", {{"date", to_belgian(today)}})}};
  if (ctx.can(Permission::owners_view)) {
    owners::ContractFilter filter;
    filter.dwelling_id = d.id;
    auto page = app::list_contracts(s.store, ctx, filter, "", app::Paging{app::Paging::kMaxLimit, 0});
    nlohmann::json current = nlohmann::json::array();
    for (const auto& k : page.items) {
      if (today < k.start || (k.end && *k.end < today)) continue;  // in force today only
      std::string kind(owners::to_string(k.kind));
      current.push_back({{"owner", k.owner_name},
                         {"kind", cat.text(req.lang, "stock.dwellings.contract_kinds." + kind)},
                         {"start", to_belgian(k.start)},
                         {"end", k.end ? nlohmann::json(to_belgian(*k.end)) : nlohmann::json()},
                         {"rent", money_text(k.owner_rent, req.lang)}});
    }
    model["show_contracts"] = true;
    model["has_current_contracts"] = !current.empty();
    model["current_contracts"] = current;
  }
  auto info = page_info(req, s, "stock.dwellings.sheet", "dwellings");
  info.title = cat.text(req.lang, "stock.dwellings.sheet") + " — " + d.reference;
  return Response::html(s.views.page(info, "stock/sheet", model));
}

// ---------------------------------------------------------------------------------------------
// The change of status.

// The vacancy reasons as radios of a form, `chosen` checked.
nlohmann::json vacancy_reasons_json(const Services& s, const Request& req, const std::string& chosen) {
  nlohmann::json reasons = nlohmann::json::array();
  bool first = true;
  for (auto r : stock::kAllVacancyReasons) {
    std::string name(stock::to_string(r));
    reasons.push_back({{"value", name},
                       {"label", s.views.catalog().text(req.lang, "stock.dwellings.vacancy_reasons." + name)},
                       {"checked", chosen == name},
                       {"first", first}});
    first = false;
  }
  return reasons;
}

// The form's values as typed (status, status_since, vacancy_reason, vacancy_note): empty on a first
// visit, the post or the draft after a refusal.
Response status_page(const Request& req, const Services& s, const stock::Dwelling& d, const nlohmann::json& values,
                     const DomainError* error, int status) {
  const std::string chosen = values.value("status", "");
  const auto& cat = s.views.catalog();
  nlohmann::json statuses = nlohmann::json::array();
  bool first = true;
  for (auto st : stock::kAllDwellingStatuses) {
    std::string name(stock::to_string(st));
    statuses.push_back({{"value", name},
                        {"label", cat.text(req.lang, "stock.dwellings.statuses." + name)},
                        {"hint", cat.text(req.lang, "stock.dwellings.status_hints." + name)},
                        {"checked", chosen == name},
                        {"current", st == d.status},
                        {"ended", st == stock::DwellingStatus::ended},
                        {"first", first}});
    first = false;
  }
  nlohmann::json model = {{"d", dwelling_view(s.views, req.lang, d)},
                          {"statuses", statuses},
                          {"since", values.value("status_since", to_belgian(req.clock->today()))},
                          {"reasons", vacancy_reasons_json(s, req, values.value("vacancy_reason", ""))},
                          {"vacancy_note", values.value("vacancy_note", "")},
                          {"since_hint", cat.format(req.lang, "stock.dwellings.status_from_hint", {{"date", to_belgian(d.status_since)}})}};
  if (error) model["errors"] = errors_of(s, req, *error, {"status", "vacancy_reason", "vacancy_note", "status_since"});
  auto info = page_info(req, s, "stock.dwellings.status_title", "dwellings");
  if (error) info.title = cat.text(req.lang, "common.form.error_summary") + " — " + info.title;
  return Response::html(s.views.page(info, "stock/status", model), status);
}

// ---------------------------------------------------------------------------------------------
// The bulk change of status (the list's checkboxes, a form post that works without JavaScript).

void add_bulk_fields(nlohmann::json& model, const Services& s, const Request& req, const std::string& status,
                     const std::string& since, const std::string& reason, const std::string& note) {
  nlohmann::json statuses = nlohmann::json::array();
  for (auto st : stock::kAllDwellingStatuses) {
    std::string name(stock::to_string(st));
    statuses.push_back({{"value", name}, {"label", s.views.catalog().text(req.lang, "stock.dwellings.statuses." + name)},
                        {"selected", name == status}});
  }
  model["bulk_statuses"] = statuses;
  model["bulk_since"] = since;
  model["bulk_reasons"] = vacancy_reasons_json(s, req, reason);
  model["bulk_note"] = note;
  // On the list the fields' ids must not be the filters' ("status"): "bulk-status"; on the page of
  // a refused change, the plain names the error summary links to.
  if (!model.contains("bulk_prefix")) model["bulk_prefix"] = "bulk-";
}

std::vector<std::int64_t> bulk_ids(const Request& req) {
  std::vector<std::int64_t> ids;
  auto [begin, end] = req.form.equal_range("ids");
  for (auto it = begin; it != end; ++it) {
    const std::string& v = it->second;
    if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos)
      throw DomainError(ErrorKind::not_found, "stock.not_found");  // no dwelling has that id
    ids.push_back(std::stoll(v));
  }
  return ids;
}

// The refused bulk change: the ticked dwellings (those the actor may see), the choice kept, the
// errors at the top.
Response bulk_page(const Request& req, const Services& s, const std::vector<std::int64_t>& ids, const DomainError& error,
                   int status) {
  nlohmann::json selected = nlohmann::json::array();
  for (auto id : ids) {
    try {
      auto d = app::find_dwelling(s.store, req.context(), id);
      selected.push_back(dwelling_view(s.views, req.lang, d));
    } catch (const DomainError&) {
    }
  }
  nlohmann::json model = {{"selected", selected}, {"bulk_prefix", ""}};
  add_bulk_fields(model, s, req, req.form_value("status"), req.form_value("status_since"), req.form_value("vacancy_reason"),
                  req.form_value("vacancy_note"));
  model["errors"] = errors_of(s, req, error, {"ids", "status", "status_since", "vacancy_reason", "vacancy_note"});
  auto info = page_info(req, s, "stock.dwellings.bulk_title", "dwellings");
  info.title = s.views.catalog().text(req.lang, "common.form.error_summary") + " — " + info.title;
  return Response::html(s.views.page(info, "stock/bulk", model), status);
}

// ---------------------------------------------------------------------------------------------
// The list and its export.

struct ListRequest {
  stock::DwellingFilter filter;
  stock::SortOrder sort;
  std::string agency;  // cross-agency roles: one agency's code, "" for all
};

ListRequest list_request(const Request& req) {
  ListRequest r{dwelling_filter(req), dwelling_sort(req), ""};
  if (!users::is_agency_role(req.auth->user.role)) r.agency = req.query_value("agency");
  return r;
}

nlohmann::json options(const Services& s, const Request& req, const char* prefix, const std::string& selected,
                       const std::vector<std::string>& values) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& v : values)
    out.push_back({{"value", v}, {"label", s.views.catalog().text(req.lang, prefix + v)}, {"selected", v == selected}});
  return out;
}

Response list_page(Request& req, const Services& s) {
  const auto& cat = s.views.catalog();
  auto ctx = req.context();
  ctx.require(Permission::stock_view);
  auto lr = list_request(req);
  auto paging = req.paging();
  auto page = app::list_dwellings(s.store, ctx, lr.filter, lr.agency, lr.sort, paging);

  ListPage list{nlohmann::json::array(), page.total, paging,
                {"status", "postcode", "type", "bedrooms", "vacant_days", "managed", "peb", "commune"}, "/dwellings/export"};
  const auto today = req.clock->today();
  for (const auto& d : page.items) {
    auto view = dwelling_view(s.views, req.lang, d);
    add_vacancy(view, s.views, req.lang, d, today, stock::kDefaultVacancyAlertDays);
    view["checked"] = req.query_value("select_all") == "1";
    list.items.push_back(std::move(view));
  }
  auto model = list_page_model(req, s, list);
  std::string sort = req.query_value("sort").empty() ? "reference" : req.query_value("sort");
  if (sort == "postcode" || sort == "-postcode") sort.replace(sort.find("postcode"), 8, "commune");
  model["count_text"] = cat.format(req.lang, "stock.dwellings.count", {{"count", thousands_text(page.total, req.lang)}});
  if (auto n = req.query_value("bulk"); !n.empty() && n.size() < 4 && n.find_first_not_of("0123456789") == std::string::npos)
    model["notice"] = cat.format(req.lang, "stock.dwellings.bulk_done", {{"count", n}});
  model["empty_stock"] = page.total == 0 && !model["filtered"].get<bool>();
  model["can_manage"] = ctx.can(Permission::stock_manage);
  model["sort"] = req.query_value("sort");
  model["has_sort"] = !req.query_value("sort").empty();
  model["headers"] = sort_headers(req, {"reference", "address", "commune", "bedrooms", "status"}, sort);

  std::vector<std::string> status_names, type_names;
  for (auto st : stock::kAllDwellingStatuses) status_names.emplace_back(stock::to_string(st));
  for (auto t : stock::kAllDwellingTypes) type_names.emplace_back(stock::to_string(t));
  model["statuses"] = options(s, req, "stock.dwellings.statuses.", req.query_value("status"), status_names);
  model["types"] = options(s, req, "stock.dwellings.types.", req.query_value("type"), type_names);
  nlohmann::json communes = nlohmann::json::array();
  for (const auto& c : app::communes(s.store))
    communes.push_back({{"value", c.postcode},
                        {"label", c.postcode + " " + commune_name(c, req.lang)},
                        {"selected", c.postcode == req.query_value("postcode")}});
  model["communes"] = communes;
  nlohmann::json bedrooms = nlohmann::json::array();
  for (int b = 0; b <= 6; ++b)
    bedrooms.push_back({{"value", std::to_string(b)},
                        {"label", b == 0 ? "0 (" + cat.text(req.lang, "stock.dwellings.studio") + ")" : std::to_string(b)},
                        {"selected", req.query_value("bedrooms") == std::to_string(b)}});
  model["bedroom_options"] = bedrooms;
  model["vacant_days"] = req.query_value("vacant_days");
  // The filters a dashboard link sets that have no control of their own: each a tag saying what
  // it keeps out ("ended dwellings are not counted"), kept by the form, removed by its link.
  nlohmann::json chips = nlohmann::json::array();
  auto chip = [&](const char* name, std::string text) {
    chips.push_back({{"name", name}, {"value", req.query_value(name)}, {"text", std::move(text)},
                     {"remove", "/dwellings?" + list_query(req, {{name, ""}})}});
  };
  if (lr.filter.managed_only) chip("managed", cat.text(req.lang, "stock.dwellings.filter_managed"));
  if (lr.filter.without_peb) chip("peb", cat.text(req.lang, "stock.dwellings.filter_without_peb"));
  if (!lr.filter.nis_code.empty()) {
    std::string name = lr.filter.nis_code;
    for (const auto& c : app::communes(s.store))
      if (c.nis_code == lr.filter.nis_code && c.name_fr.find(" (") == std::string::npos) name = commune_name(c, req.lang);
    chip("commune", cat.format(req.lang, "stock.dwellings.filter_commune", {{"commune", name}}));
  }
  model["chips"] = chips;
  model["has_chips"] = !chips.empty();
  model["remove_filter"] = cat.text(req.lang, "stock.dwellings.remove_filter");
  // "Tick every dwelling on this page", without JavaScript: the same page with every box ticked.
  std::string href = "/dwellings?";
  for (const char* name : {"q", "agency", "status", "postcode", "type", "bedrooms", "vacant_days", "managed", "peb", "commune",
                           "sort", "offset", "limit", "lang"})
    if (auto v = req.query_value(name); !v.empty()) href += std::string(name) + "=" + url_encode(v) + "&";
  model["select_all_href"] = href + "select_all=1#bulk";
  add_bulk_fields(model, s, req, "", to_belgian(today), "", "");
  auto info = page_info(req, s, "stock.dwellings.title", "dwellings");
  if (req.htmx()) return Response::html(s.views.fragment(info, "stock/results", model));
  return Response::html(s.views.page(info, "stock/list", model));
}

Response export_page(Request& req, const Services& s) {
  const auto& cat = s.views.catalog();
  auto ctx = req.context();
  const bool cross_agency = !users::is_agency_role(req.auth->user.role);
  auto lr = list_request(req);
  using K = formats::Column::Kind;
  auto title = [&](const char* key) { return cat.text(req.lang, key); };
  std::vector<formats::Column> columns;
  if (cross_agency) columns.push_back({title("stock.dwellings.agency"), K::text});
  std::vector<formats::Column> rest = {
      {title("stock.dwellings.reference"), K::text},   {title("stock.dwellings.street"), K::text},
      {title("stock.dwellings.number"), K::text},      {title("stock.dwellings.box"), K::text},
      {title("stock.dwellings.postcode"), K::text},    {title("stock.dwellings.commune"), K::text},
      {title("stock.dwellings.floor"), K::integer},    {title("stock.dwellings.type"), K::text},
      {title("stock.dwellings.bedrooms"), K::integer}, {title("stock.dwellings.surface_m2"), K::text},
      {title("stock.dwellings.peb_class"), K::text},   {title("stock.dwellings.peb_number"), K::text},
      {title("stock.dwellings.peb_date"), K::date},    {title("stock.dwellings.cadastral_reference"), K::text},
      {title("stock.dwellings.categories"), K::text},  {title("stock.dwellings.status"), K::text},
      {title("stock.dwellings.status_since"), K::date}};
  columns.insert(columns.end(), rest.begin(), rest.end());

  // Every matching row, a large page at a time (the list query is indexed; no count per row).
  std::vector<std::vector<std::string>> rows;
  app::Paging paging{5000, 0};
  for (;;) {
    auto page = app::list_dwellings(s.store, ctx, lr.filter, lr.agency, lr.sort, paging);
    for (const auto& d : page.items) {
      std::vector<std::string> row;
      if (cross_agency) row.push_back(d.agency_code);
      std::string categories;
      for (const auto& c : d.categories)
        categories += (categories.empty() ? "" : ", ") + cat.text(req.lang, "stock.dwellings.category_labels." + c);
      std::vector<std::string> cells = {
          d.reference,
          d.street,
          d.number,
          d.box,
          d.commune.postcode,
          commune_name(d.commune, req.lang),
          d.floor ? std::to_string(*d.floor) : "",
          cat.text(req.lang, "stock.dwellings.types." + std::string(stock::to_string(d.type))),
          std::to_string(d.bedrooms),
          d.surface_dm2 ? surface_text(*d.surface_dm2) : "",
          d.peb_class ? std::string(1, *d.peb_class) : "",
          d.peb_number,
          d.peb_date ? to_iso(*d.peb_date) : "",
          d.cadastral_reference,
          categories,
          cat.text(req.lang, "stock.dwellings.statuses." + std::string(stock::to_string(d.status))),
          to_iso(d.status_since)};
      row.insert(row.end(), cells.begin(), cells.end());
      rows.push_back(std::move(row));
    }
    if (static_cast<int>(page.items.size()) < paging.limit) break;
    paging.offset += paging.limit;
  }
  std::string base = "dwellings";
  if (req.auth->user.agency_code) base += "-" + *req.auth->user.agency_code;
  else if (!trim(lr.agency).empty()) base += "-" + std::string(trim(lr.agency));
  return export_list(req, base, columns, rows);
}

}  // namespace

void add_stock_page_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/dwellings", Access::logged_in, [&s](Request& req) { return list_page(req, s); }});

  routes.push_back({"GET", "/dwellings/export", Access::logged_in, [&s](Request& req) { return export_page(req, s); }});

  routes.push_back({"GET", "/dwellings/new", Access::logged_in, [&s](Request& req) {
    req.context().require(Permission::stock_manage);
    if (auto draft = form_draft(req, s)) return form_page(req, s, draft->values, nullptr, &draft->error, draft->status);
    return form_page(req, s, nlohmann::json::object(), nullptr, nullptr, 200);
  }});

  routes.push_back({"POST", "/dwellings", needing(Permission::stock_manage), [&s](Request& req) {
    auto input = read_dwelling_form(req, true);
    return submit_form(
        req, s, "/dwellings/new", input,
        [&] {
          auto d = app::create_dwelling(s.store, req.context(), input.fields);
          return Response::redirect("/dwellings/" + std::to_string(d.id) + "?created=1");
        },
        [&](const DomainError& e, int status) { return form_page(req, s, input.values, nullptr, &e, status); });
  }});

  // Several dwellings at once: the ids in the body, each checked against the actor's agency.
  routes.push_back({"POST", "/dwellings/bulk-status", needing(Permission::stock_manage), [&s](Request& req) {
    std::vector<std::int64_t> ids;
    return submit_form(
        [&] {
          ids = bulk_ids(req);
          app::DwellingFields f;
          f.status = req.form_value("status");
          f.status_since = app::fields::iso_of_typed_date(req.form_value("status_since"));
          f.vacancy_reason = req.form_value("vacancy_reason");
          f.vacancy_note = req.form_value("vacancy_note");
          auto n = app::change_statuses(s.store, req.context(), ids, f);
          return Response::redirect("/dwellings?bulk=" + std::to_string(n));
        },
        [&](const DomainError& e, int status) { return bulk_page(req, s, ids, e, status); });
  }});

  routes.push_back({"GET", "/dwellings/{id}", reaching("dwelling"), [&s](Request& req) { return detail_page(req, s); }});

  routes.push_back({"GET", "/dwellings/{id}/sheet", reaching("dwelling"), [&s](Request& req) { return sheet_page(req, s); }});

  routes.push_back({"GET", "/dwellings/{id}/edit", reaching("dwelling"), [&s](Request& req) {
    auto d = app::find_dwelling(s.store, req.context(), req.path_id());  // 404 first
    req.context().require(Permission::stock_manage);
    if (auto draft = form_draft(req, s)) return form_page(req, s, draft->values, &d, &draft->error, draft->status);
    return form_page(req, s, form_of(d), &d, nullptr, 200);
  }});

  routes.push_back({"POST", "/dwellings/{id}", reaching("dwelling", Permission::stock_manage), [&s](Request& req) {
    auto d = app::find_dwelling(s.store, req.context(), req.path_id());
    auto input = read_dwelling_form(req, false);
    return submit_form(
        req, s, "/dwellings/" + std::to_string(d.id) + "/edit", input,
        [&] {
          app::update_dwelling(s.store, req.context(), d.id, input.fields);
          return Response::redirect("/dwellings/" + std::to_string(d.id) + "?updated=1");
        },
        [&](const DomainError& e, int status) { return form_page(req, s, input.values, &d, &e, status); });
  }});

  routes.push_back({"GET", "/dwellings/{id}/status", reaching("dwelling"), [&s](Request& req) {
    auto d = app::find_dwelling(s.store, req.context(), req.path_id());
    req.context().require(Permission::stock_manage);
    if (auto draft = form_draft(req, s))
      return status_page(req, s, d, draft->values, &draft->error, draft->status);
    return status_page(req, s, d, nlohmann::json::object(), nullptr, 200);
  }});

  routes.push_back({"POST", "/dwellings/{id}/status", reaching("dwelling", Permission::stock_manage), [&s](Request& req) {
    auto d = app::find_dwelling(s.store, req.context(), req.path_id());
    auto input = read_form<app::DwellingFields>(req, kStatusFields);
    const std::string chosen = *input.fields.status;
    return submit_form(
        req, s, "/dwellings/" + std::to_string(d.id) + "/status", input,
        [&] {
          Problems problems;
          auto status = stock::parse_dwelling_status(chosen);
          if (!status)
            problems.add(std::move(DomainError(ErrorKind::validation, "dwellings.status_required").field("status")));
          else if (*status == d.status)
            problems.add(std::move(DomainError(ErrorKind::validation, "dwellings.status_unchanged").field("status")));
          if (trim(*input.fields.status_since).empty())
            problems.add(std::move(DomainError(ErrorKind::validation, "common.invalid_date").field("status_since")));
          // A vacancy says why (the form asks; the API may leave it out).
          if (status && *status == stock::DwellingStatus::vacant)
            problems.check([&] {
              app::status_record(req.context(), *status, *input.fields.vacancy_reason, *input.fields.vacancy_note, true);
            });
          problems.throw_if_any();
          app::update_dwelling(s.store, req.context(), d.id, input.fields);
          return Response::redirect("/dwellings/" + std::to_string(d.id) + "?status=1");
        },
        [&](const DomainError& e, int status) {
          return status_page(req, s, d, input.values, &e, status);
        });
  }});
}

}  // namespace hms::http
