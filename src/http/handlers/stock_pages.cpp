// The dwelling pages: the list (/dwellings, with search, filters, sort, pagination and its
// CSV/XLSX export), the create and edit forms, the detail page and the change of status.
// The view models reuse the JSON shape of the API (dwelling_json) plus the texts a page shows.
#include <algorithm>

#include "common/date.hpp"
#include "common/text.hpp"
#include "http/error_mapping.hpp"
#include "http/handlers/support.hpp"
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

// 8123 → "8.123" in French and Dutch, "8,123" in English (as the amounts: 1.234,56 € / €1,234.56).
std::string group_thousands(std::int64_t n, const std::string& lang) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += lang == "en" ? ',' : '.';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

// 685 (tenths of m²) → "68,5" ("68.5" in English); 700 → "70". The forms accept both.
std::string surface_text(std::int64_t dm2, const std::string& lang = "fr") {
  std::string out = std::to_string(dm2 / 10);
  if (dm2 % 10 != 0) out += (lang == "en" ? "." : ",") + std::to_string(dm2 % 10);
  return out;
}

using web::money_text;

// A status as a tag: its text, and a colour that is never the only signal.
nlohmann::json status_json(const web::Views& v, const std::string& lang, stock::DwellingStatus st) {
  static const std::map<stock::DwellingStatus, const char*> kTag = {{stock::DwellingStatus::active, "tag--green"},
                                                                    {stock::DwellingStatus::vacant, "tag--orange"},
                                                                    {stock::DwellingStatus::works, "tag--blue"},
                                                                    {stock::DwellingStatus::ended, "tag--grey"}};
  std::string name(stock::to_string(st));
  return {{"code", name}, {"label", v.catalog().text(lang, "dwellings.statuses." + name)}, {"tag", kTag.at(st)}};
}

// The API's JSON of a dwelling plus what a page shows of it, in the reader's language.
nlohmann::json dwelling_view(const web::Views& v, const std::string& lang, const stock::Dwelling& d) {
  const auto& cat = v.catalog();
  auto j = dwelling_json(d);
  std::string line = d.street + " " + d.number;
  if (!d.box.empty()) line += " " + cat.text(lang, "dwellings.box_short") + " " + d.box;
  j["address_line"] = line;
  j["commune_label"] = commune_name(d.commune, lang);
  j["type_label"] = cat.text(lang, "dwellings.types." + std::string(stock::to_string(d.type)));
  j["status_view"] = status_json(v, lang, d.status);
  j["status_since_text"] = cat.format(lang, "dwellings.since", {{"date", to_belgian(d.status_since)}});
  j["surface_text"] = d.surface_dm2 ? nlohmann::json(surface_text(*d.surface_dm2, lang) + " m²") : nlohmann::json();
  j["floor_text"] = !d.floor ? nlohmann::json()
                    : *d.floor == 0 ? nlohmann::json(cat.text(lang, "dwellings.ground_floor"))
                                    : nlohmann::json(std::to_string(*d.floor));
  // In a list of dwellings: "Étage 2", "rez-de-chaussée"; nothing when the floor is not known.
  j["floor_phrase"] = !d.floor ? nlohmann::json()
                      : *d.floor == 0 ? nlohmann::json(cat.text(lang, "dwellings.ground_floor"))
                                      : nlohmann::json(cat.text(lang, "dwellings.floor") + " " + std::to_string(*d.floor));
  j["bedrooms_text"] = d.bedrooms == 0 ? "0 (" + cat.text(lang, "dwellings.studio") + ")" : std::to_string(d.bedrooms);
  j["peb_date_text"] = d.peb_date ? nlohmann::json(to_belgian(*d.peb_date)) : nlohmann::json();
  nlohmann::json categories = nlohmann::json::array();
  for (const auto& c : d.categories) categories.push_back(cat.text(lang, "dwellings.category_labels." + c));
  j["category_labels"] = categories;
  j["has_categories"] = !categories.empty();
  // (The templates test these: an empty string would count as set.)
  j["has_peb_number"] = !d.peb_number.empty();
  j["has_cadastral_reference"] = !d.cadastral_reference.empty();
  return j;
}

// ---------------------------------------------------------------------------------------------
// Query strings of the list: the filters kept by the sort links, the pages and the export.

constexpr const char* kListParams[] = {"q", "agency", "status", "postcode", "type", "bedrooms", "sort"};

// "q=rue&status=vacant" from the request's list parameters, with some replaced ("" drops one).
std::string dwelling_list_query(const Request& req, const std::map<std::string, std::string>& overrides = {}) {
  std::string out;
  for (const char* name : kListParams) {
    auto it = overrides.find(name);
    std::string value = it != overrides.end() ? it->second : req.query_value(name);
    if (value.empty()) continue;
    out += (out.empty() ? "" : "&") + std::string(name) + "=" + url_encode(value);
  }
  return out;
}

// The sortable column headers: a link to sort by the column, reversed on a second click.
nlohmann::json sort_headers(const Request& req) {
  std::string current = req.query_value("sort");
  if (current.empty()) current = "reference";
  if (current == "postcode") current = "commune";
  if (current == "-postcode") current = "-commune";
  nlohmann::json out = nlohmann::json::object();
  for (const char* key : {"reference", "address", "commune", "bedrooms", "status"}) {
    std::string k(key);
    bool asc = current == k, desc = current == "-" + k;
    out[k] = {{"href", "/dwellings?" + dwelling_list_query(req, {{"sort", asc ? "-" + k : k}})},
              {"aria_sort", asc ? "ascending" : desc ? "descending" : "none"},
              {"arrow", asc ? "▲" : desc ? "▼" : ""}};
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The form.

// What the form sent, kept as typed to show it again.
struct DwellingForm {
  std::map<std::string, std::string> values;
  std::vector<std::string> categories;
  std::string get(const std::string& name) const {
    auto it = values.find(name);
    return it == values.end() ? "" : it->second;
  }
};

constexpr const char* kFormFields[] = {"reference", "street",     "number",   "box",        "postcode",
                                       "floor",     "type",       "bedrooms", "surface_m2", "peb_class",
                                       "peb_number", "peb_date",  "cadastral_reference"};

// A date typed the Belgian way ("29/11/2026", "29-11-2026" or "29.11.2026") as ISO; anything
// else is left as typed (the use case reports it).
std::string iso_date_input(std::string_view text) {
  std::string t(trim(text));
  int parts[3] = {0, 0, 0}, digits[3] = {0, 0, 0}, i = 0;
  char separator = 0;
  for (char c : t) {
    if (c >= '0' && c <= '9') {
      parts[i] = parts[i] * 10 + (c - '0');
      ++digits[i];
    } else if ((c == '/' || c == '-' || c == '.') && i < 2 && (separator == 0 || separator == c)) {
      separator = c;
      ++i;
    } else {
      return t;
    }
  }
  if (i != 2 || digits[0] < 1 || digits[0] > 2 || digits[1] < 1 || digits[1] > 2 || digits[2] != 4) return t;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", parts[2], parts[1], parts[0]);
  return parse_date(buf) ? std::string(buf) : t;
}

DwellingForm read_form(const Request& req) {
  DwellingForm f;
  for (const char* name : kFormFields) f.values[name] = req.form_value(name);
  auto [from, to] = req.form.equal_range("categories");
  for (auto it = from; it != to; ++it)
    if (!it->second.empty()) f.categories.push_back(it->second);
  return f;
}

DwellingForm form_of(const stock::Dwelling& d) {
  DwellingForm f;
  f.values["reference"] = d.reference;
  f.values["street"] = d.street;
  f.values["number"] = d.number;
  f.values["box"] = d.box;
  f.values["postcode"] = d.commune.postcode;
  f.values["floor"] = d.floor ? std::to_string(*d.floor) : "";
  f.values["type"] = std::string(stock::to_string(d.type));
  f.values["bedrooms"] = std::to_string(d.bedrooms);
  f.values["surface_m2"] = d.surface_dm2 ? surface_text(*d.surface_dm2) : "";
  f.values["peb_class"] = d.peb_class ? std::string(1, *d.peb_class) : "";
  f.values["peb_number"] = d.peb_number;
  f.values["peb_date"] = d.peb_date ? to_iso(*d.peb_date) : "";
  f.values["cadastral_reference"] = d.cadastral_reference;
  f.categories = d.categories;
  return f;
}

// The form as the fields of the use case. On a change, a required field emptied by the user
// must be an error, not "keep the old value" (the use case's meaning of an absent field): it
// is passed as a value the use case rejects, so that its message comes with every other one.
app::DwellingFields fields_of(const DwellingForm& f, bool creating) {
  app::DwellingFields out;
  auto set = [&](std::optional<std::string>& target, const char* name) { target = f.get(name); };
  set(out.reference, "reference");
  set(out.street, "street");
  set(out.number, "number");
  set(out.box, "box");
  set(out.postcode, "postcode");
  set(out.floor, "floor");
  set(out.type, "type");
  set(out.bedrooms, "bedrooms");
  set(out.surface_m2, "surface_m2");
  set(out.peb_class, "peb_class");
  set(out.peb_number, "peb_number");
  out.peb_date = iso_date_input(f.get("peb_date"));
  set(out.cadastral_reference, "cadastral_reference");
  std::string categories;
  for (const auto& c : f.categories) categories += (categories.empty() ? "" : ",") + c;
  out.categories = categories;
  if (!creating) {
    if (trim(*out.postcode).empty()) out.postcode = "-";
    if (trim(*out.bedrooms).empty()) out.bedrooms = "-";
    if (trim(*out.type).empty()) out.type.reset();  // radios: one is always checked on a change
  }
  return out;
}

// The error summary in the order of the fields on the page (form_errors gives them by name).
nlohmann::json ordered_errors(const Services& s, const Request& req, const DomainError& e,
                              std::initializer_list<const char*> order) {
  auto errors = form_errors(s.views, req.lang, e);
  auto& summary = errors["summary"];
  auto rank = [&](const nlohmann::json& item) {
    auto field = item.value("field", std::string());
    std::size_t i = 0;
    for (const char* name : order) {
      if (field == name) return i;
      ++i;
    }
    return i;
  };
  std::stable_sort(summary.begin(), summary.end(),
                   [&](const nlohmann::json& a, const nlohmann::json& b) { return rank(a) < rank(b); });
  return errors;
}

constexpr std::initializer_list<const char*> kFieldOrder = {
    "agency",   "reference",  "street",    "number",     "box",      "postcode",
    "floor",    "type",       "bedrooms",  "surface_m2", "categories", "peb_class",
    "peb_number", "peb_date", "cadastral_reference"};

Response form_page(const Request& req, const Services& s, const DwellingForm& form, const stock::Dwelling* existing,
                   const DomainError* error, int status) {
  const auto& cat = s.views.catalog();
  nlohmann::json values = nlohmann::json::object();
  for (const auto& [k, v] : form.values) values[k] = v;
  nlohmann::json types = nlohmann::json::array();
  for (auto t : stock::kAllDwellingTypes) {
    std::string name(stock::to_string(t));
    types.push_back({{"value", name}, {"label", cat.text(req.lang, "dwellings.types." + name)},
                     {"checked", form.get("type") == name}, {"first", t == stock::kAllDwellingTypes.front()}});
  }
  nlohmann::json categories = nlohmann::json::array();
  bool first = true;
  for (auto c : stock::kSpecialCategories) {
    std::string name(c);
    categories.push_back({{"value", name}, {"label", cat.text(req.lang, "dwellings.category_labels." + name)},
                          {"checked", std::find(form.categories.begin(), form.categories.end(), name) != form.categories.end()},
                          {"first", first}});
    first = false;
  }
  nlohmann::json peb = nlohmann::json::array();
  for (char c = 'A'; c <= 'G'; ++c) peb.push_back({{"value", std::string(1, c)}, {"selected", to_lower_ascii(form.get("peb_class")) == std::string(1, static_cast<char>(c - 'A' + 'a'))}});
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
    title = "dwellings.edit_title";
  } else {
    model["action"] = "/dwellings";
    model["cancel"] = "/dwellings";
    title = "dwellings.new_title";
  }
  if (error) model["errors"] = ordered_errors(s, req, *error, kFieldOrder);
  auto info = page_info(req, s, title, "dwellings");
  if (error) info.title = cat.text(req.lang, "form.error_summary") + " — " + info.title;
  return Response::html(s.views.page(info, existing ? "stock/edit" : "stock/new", model), status);
}

// ---------------------------------------------------------------------------------------------
// The detail page.

nlohmann::json history_json(const Services& s, const Request& req, const std::vector<stock::StatusPeriod>& history) {
  const auto today = req.clock->today();
  nlohmann::json rows = nlohmann::json::array();
  // Newest first: the running period is what a reader looks for.
  for (auto it = history.rbegin(); it != history.rend(); ++it) {
    const auto& p = *it;
    auto end = p.to.value_or(today);
    int days = std::max(0, days_between(p.from, end));
    rows.push_back({{"status", status_json(s.views, req.lang, p.status)},
                    {"from", to_belgian(p.from)},
                    // The last day of the period (periods are half-open); a period closed on its
                    // first day (a status corrected the same day) lasted no day: shown as that day.
                    {"to", p.to ? nlohmann::json(to_belgian(*p.to > p.from ? add_days(*p.to, -1) : p.from)) : nlohmann::json()},
                    {"days", group_thousands(days, req.lang)},
                    {"ongoing", !p.to.has_value()}});
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
                    {"kind", cat.text(req.lang, "dwellings.contract_kinds." + kind)},
                    {"start", to_belgian(k.start)},
                    {"end", k.end ? nlohmann::json(to_belgian(*k.end)) : nlohmann::json()},
                    {"rent", money_text(k.owner_rent, req.lang)}});
  }
  return rows;
}

Response detail_page(Request& req, const Services& s) {
  auto ctx = req.context();
  auto detail = app::dwelling_detail(s.store, ctx, req.path_id());
  const auto& d = detail.dwelling;
  auto view = dwelling_view(s.views, req.lang, d);
  nlohmann::json same = nlohmann::json::array();
  for (const auto& other : detail.same_building) same.push_back(dwelling_view(s.views, req.lang, other));
  nlohmann::json model = {{"d", view},
                          {"history", history_json(s, req, detail.history)},
                          {"same_building", same},
                          {"has_same_building", !same.empty()},
                          {"can_manage", ctx.can(Permission::stock_manage)},
                          {"cross_agency", !users::is_agency_role(req.auth->user.role)}};
  if (ctx.can(Permission::owners_view)) {
    auto contracts = contracts_json(s, req, d.id);
    model["show_contracts"] = true;
    model["has_contracts"] = !contracts.empty();
    model["contracts"] = contracts;
    model["can_add_contract"] = ctx.can(Permission::owners_manage);
  }
  const auto& cat = s.views.catalog();
  std::string notice_key;
  if (req.query_value("created") == "1") notice_key = "dwellings.created_notice";
  else if (req.query_value("updated") == "1") notice_key = "dwellings.updated_notice";
  else if (req.query_value("status") == "1") notice_key = "dwellings.status_notice";
  if (!notice_key.empty()) model["notice"] = cat.text(req.lang, notice_key);
  auto info = page_info(req, s, "dwellings.title", "dwellings");
  info.title = d.reference + " — " + view["address_line"].get<std::string>();
  return Response::html(s.views.page(info, "stock/detail", model));
}

// ---------------------------------------------------------------------------------------------
// The change of status.

Response status_page(const Request& req, const Services& s, const stock::Dwelling& d, const std::string& chosen,
                     const std::string& since, const DomainError* error, int status) {
  const auto& cat = s.views.catalog();
  nlohmann::json statuses = nlohmann::json::array();
  bool first = true;
  for (auto st : stock::kAllDwellingStatuses) {
    std::string name(stock::to_string(st));
    statuses.push_back({{"value", name},
                        {"label", cat.text(req.lang, "dwellings.statuses." + name)},
                        {"hint", cat.text(req.lang, "dwellings.status_hints." + name)},
                        {"checked", chosen == name},
                        {"current", st == d.status},
                        {"ended", st == stock::DwellingStatus::ended},
                        {"first", first}});
    first = false;
  }
  nlohmann::json model = {{"d", dwelling_view(s.views, req.lang, d)},
                          {"statuses", statuses},
                          {"since", since},
                          {"since_hint", cat.format(req.lang, "dwellings.status_from_hint", {{"date", to_belgian(d.status_since)}})}};
  if (error) model["errors"] = ordered_errors(s, req, *error, {"status", "status_since"});
  auto info = page_info(req, s, "dwellings.status_title", "dwellings");
  if (error) info.title = cat.text(req.lang, "form.error_summary") + " — " + info.title;
  return Response::html(s.views.page(info, "stock/status", model), status);
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

bool has_filters(const Request& req) {
  for (const char* name : {"q", "agency", "status", "postcode", "type", "bedrooms"})
    if (!req.query_value(name).empty()) return true;
  return false;
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
  const bool cross_agency = !users::is_agency_role(req.auth->user.role);
  auto lr = list_request(req);
  auto paging = req.paging();
  auto page = app::list_dwellings(s.store, ctx, lr.filter, lr.agency, lr.sort, paging);

  nlohmann::json items = nlohmann::json::array();
  for (const auto& d : page.items) items.push_back(dwelling_view(s.views, req.lang, d));
  const bool filtered = has_filters(req);
  nlohmann::json model = {
      {"items", items},
      {"total", page.total},
      {"has_items", !page.items.empty()},
      {"count_text", cat.format(req.lang, "dwellings.count", {{"count", group_thousands(page.total, req.lang)}})},
      {"filtered", filtered},
      {"empty_stock", page.total == 0 && !filtered},
      {"can_manage", ctx.can(Permission::stock_manage)},
      {"cross_agency", cross_agency},
      {"q", req.query_value("q")},
      {"sort", req.query_value("sort")},
      {"has_sort", !req.query_value("sort").empty()},
      {"headers", sort_headers(req)},
      {"pagination", pagination(req, paging, page.total, page.items.size())},
  };
  std::string export_query = dwelling_list_query(req);
  model["export_csv"] = "/dwellings/export?format=csv" + (export_query.empty() ? "" : "&" + export_query);
  model["export_xlsx"] = "/dwellings/export?format=xlsx" + (export_query.empty() ? "" : "&" + export_query);

  std::vector<std::string> status_names, type_names;
  for (auto st : stock::kAllDwellingStatuses) status_names.emplace_back(stock::to_string(st));
  for (auto t : stock::kAllDwellingTypes) type_names.emplace_back(stock::to_string(t));
  model["statuses"] = options(s, req, "dwellings.statuses.", req.query_value("status"), status_names);
  model["types"] = options(s, req, "dwellings.types.", req.query_value("type"), type_names);
  nlohmann::json communes = nlohmann::json::array();
  for (const auto& c : app::communes(s.store))
    communes.push_back({{"value", c.postcode},
                        {"label", c.postcode + " " + commune_name(c, req.lang)},
                        {"selected", c.postcode == req.query_value("postcode")}});
  model["communes"] = communes;
  nlohmann::json bedrooms = nlohmann::json::array();
  for (int b = 0; b <= 6; ++b)
    bedrooms.push_back({{"value", std::to_string(b)},
                        {"label", b == 0 ? "0 (" + cat.text(req.lang, "dwellings.studio") + ")" : std::to_string(b)},
                        {"selected", req.query_value("bedrooms") == std::to_string(b)}});
  model["bedroom_options"] = bedrooms;
  if (cross_agency) {
    nlohmann::json agencies = nlohmann::json::array();
    auto uow = s.store.read();
    std::string chosen = to_lower_ascii(trim(req.query_value("agency")));
    for (const auto& a : uow->agencies().list(std::nullopt, app::Paging::kMaxLimit, 0))
      agencies.push_back({{"code", a.code}, {"name", a.name}, {"selected", to_lower_ascii(a.code) == chosen}});
    model["agencies"] = agencies;
  }
  auto info = page_info(req, s, "dwellings.title", "dwellings");
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
  if (cross_agency) columns.push_back({title("dwellings.agency"), K::text});
  std::vector<formats::Column> rest = {
      {title("dwellings.reference"), K::text},   {title("dwellings.street"), K::text},
      {title("dwellings.number"), K::text},      {title("dwellings.box"), K::text},
      {title("dwellings.postcode"), K::text},    {title("dwellings.commune"), K::text},
      {title("dwellings.floor"), K::integer},    {title("dwellings.type"), K::text},
      {title("dwellings.bedrooms"), K::integer}, {title("dwellings.surface_m2"), K::text},
      {title("dwellings.peb_class"), K::text},   {title("dwellings.peb_number"), K::text},
      {title("dwellings.peb_date"), K::date},    {title("dwellings.cadastral_reference"), K::text},
      {title("dwellings.categories"), K::text},  {title("dwellings.status"), K::text},
      {title("dwellings.status_since"), K::date}};
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
        categories += (categories.empty() ? "" : ", ") + cat.text(req.lang, "dwellings.category_labels." + c);
      std::vector<std::string> cells = {
          d.reference,
          d.street,
          d.number,
          d.box,
          d.commune.postcode,
          commune_name(d.commune, req.lang),
          d.floor ? std::to_string(*d.floor) : "",
          cat.text(req.lang, "dwellings.types." + std::string(stock::to_string(d.type))),
          std::to_string(d.bedrooms),
          d.surface_dm2 ? surface_text(*d.surface_dm2) : "",
          d.peb_class ? std::string(1, *d.peb_class) : "",
          d.peb_number,
          d.peb_date ? to_iso(*d.peb_date) : "",
          d.cadastral_reference,
          categories,
          cat.text(req.lang, "dwellings.statuses." + std::string(stock::to_string(d.status))),
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
    return form_page(req, s, DwellingForm{}, nullptr, nullptr, 200);
  }});

  routes.push_back({"POST", "/dwellings", Access::logged_in, [&s](Request& req) {
    req.context().require(Permission::stock_manage);
    auto form = read_form(req);
    try {
      auto d = app::create_dwelling(s.store, req.context(), fields_of(form, true));
      return Response::redirect("/dwellings/" + std::to_string(d.id) + "?created=1");
    } catch (const DomainError& e) {
      if (e.kind() != ErrorKind::validation && e.kind() != ErrorKind::conflict) throw;
      return form_page(req, s, form, nullptr, &e, 422);
    }
  }});

  routes.push_back({"GET", "/dwellings/{id}", Access::logged_in, [&s](Request& req) { return detail_page(req, s); }});

  routes.push_back({"GET", "/dwellings/{id}/edit", Access::logged_in, [&s](Request& req) {
    auto d = app::find_dwelling(s.store, req.context(), req.path_id());  // 404 first
    req.context().require(Permission::stock_manage);
    return form_page(req, s, form_of(d), &d, nullptr, 200);
  }});

  routes.push_back({"POST", "/dwellings/{id}", Access::logged_in, [&s](Request& req) {
    auto d = app::find_dwelling(s.store, req.context(), req.path_id());
    req.context().require(Permission::stock_manage);
    auto form = read_form(req);
    try {
      app::update_dwelling(s.store, req.context(), d.id, fields_of(form, false));
      return Response::redirect("/dwellings/" + std::to_string(d.id) + "?updated=1");
    } catch (const DomainError& e) {
      if (e.kind() != ErrorKind::validation && e.kind() != ErrorKind::conflict) throw;
      return form_page(req, s, form, &d, &e, 422);
    }
  }});

  routes.push_back({"GET", "/dwellings/{id}/status", Access::logged_in, [&s](Request& req) {
    auto d = app::find_dwelling(s.store, req.context(), req.path_id());
    req.context().require(Permission::stock_manage);
    return status_page(req, s, d, "", to_iso(req.clock->today()), nullptr, 200);
  }});

  routes.push_back({"POST", "/dwellings/{id}/status", Access::logged_in, [&s](Request& req) {
    auto d = app::find_dwelling(s.store, req.context(), req.path_id());
    req.context().require(Permission::stock_manage);
    std::string chosen = req.form_value("status");
    std::string since = req.form_value("status_since");
    try {
      Problems problems;
      auto status = stock::parse_dwelling_status(chosen);
      if (!status)
        problems.add(std::move(DomainError(ErrorKind::validation, "dwellings.status_required").field("status")));
      else if (*status == d.status)
        problems.add(std::move(DomainError(ErrorKind::validation, "dwellings.status_unchanged").field("status")));
      if (trim(since).empty())
        problems.add(std::move(DomainError(ErrorKind::validation, "common.invalid_date").field("status_since")));
      problems.throw_if_any();
      app::DwellingFields f;
      f.status = chosen;
      f.status_since = iso_date_input(since);
      app::update_dwelling(s.store, req.context(), d.id, f);
      return Response::redirect("/dwellings/" + std::to_string(d.id) + "?status=1");
    } catch (const DomainError& e) {
      if (e.kind() != ErrorKind::validation) throw;
      return status_page(req, s, d, chosen, since, &e, 422);
    }
  }});
}

}  // namespace hms::http
