// The inventory pages: GET /inventory?agency=&date= (the live inventory with its totals and
// counts, what to check before submitting, the frozen ones; the agency admin's button that
// freezes and submits it; the region's form for a derogation), POST /inventory/freeze,
// POST /inventory/derogations, and GET /inventories/{id} (a frozen inventory and its diff with
// the live data of the same date); GET /property-tax?year=&agency= (the year's property-tax list)
// and /property-tax/export?format=csv|xlsx.
#include <algorithm>

#include "app/fields/fields.hpp"
#include "common/date.hpp"
#include "common/text.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/subsidies/subsidies_json.hpp"
#include "http/handlers/support/forms.hpp"
#include "http/handlers/support/pages.hpp"
#include "http/handlers/support/support.hpp"
#include "web/texts.hpp"

namespace hms::http {

using users::Permission;
namespace sb = subsidies;

namespace {

std::string money_text(const Request& req, std::optional<std::int64_t> cents) {
  return cents ? amount_text(Money::from_cents(*cents), req.lang) + " €" : "";
}

std::string status_label(const Services& s, const Request& req, const std::string& status) {
  return status.empty() ? "" : text(s, req, "stock.dwellings.statuses." + status);
}

std::string band_label(const Services& s, const Request& req, const std::string& band) {
  return band.empty() ? "" : text(s, req, "applicants.bands." + band);
}

nlohmann::json counts_view(const Services& s, const Request& req, const sb::Counts& counts, const std::string& kind) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [key, n] : counts) {
    std::string label = key;
    if (kind == "status") label = key == "unknown" ? text(s, req, "subsidies.no_status") : status_label(s, req, key);
    else if (kind == "type") label = text(s, req, "stock.dwellings.types." + key);
    else if (kind == "band") label = key == "none" ? text(s, req, "subsidies.not_leased") : band_label(s, req, key);
    out.push_back({{"label", label}, {"count", n}});
  }
  return out;
}

// The page's lines: one page of them (?limit, ?offset: 50 by default), in the cap's order.
nlohmann::json items_view(const Services& s, const Request& req, const sb::Inventory& inv, const app::Paging& paging) {
  nlohmann::json rows = nlohmann::json::array();
  const auto from = std::min<std::size_t>(static_cast<std::size_t>(paging.offset), inv.items.size());
  const auto to = std::min<std::size_t>(from + static_cast<std::size_t>(paging.limit), inv.items.size());
  for (std::size_t i = from; i < to; ++i) {
    const auto& it = inv.items[i];
    std::string address = it.street + " " + it.number + (it.box.empty() ? "" : " / " + it.box);
    rows.push_back({{"dwelling_id", it.dwelling_id},
                    {"reference", it.reference},
                    {"address", address},
                    {"commune", it.postcode + " " + (req.lang == "nl" ? it.commune_nl : it.commune_fr)},
                    {"type", text(s, req, "stock.dwellings.types." + it.type)},
                    {"bedrooms", it.bedrooms},
                    {"surface", surface_text(it.surface_dm2)},
                    {"energy_class", it.peb_class ? std::string(1, *it.peb_class) : "—"},
                    {"contract_kind", text(s, req, "owners.contract_pages.kinds." + it.contract_kind)},
                    {"contract_start", date_text(it.contract_start)},
                    {"contract_end", date_text(it.contract_end)},
                    {"owner_rent", money_text(req, it.owner_rent_cents)},
                    {"leased", it.leased},
                    {"tenant_rent", money_text(req, it.tenant_rent_cents)},
                    {"band", band_label(s, req, it.band)},
                    {"status", status_label(s, req, it.status)},
                    {"subsidisable", it.subsidisable}});
  }
  return rows;
}

nlohmann::json totals_view(const sb::Inventory& inv) {
  return {{"dwellings", inv.dwellings}, {"leased", inv.leased},           {"vacant", inv.vacant},
          {"works", inv.works},         {"subsidisable", inv.subsidisable}, {"cap", inv.cap},
          {"over_cap", inv.over_cap},   {"has_over_cap", inv.over_cap > 0}};
}

Response inventory_page(const Request& req, const Services& s, const nlohmann::json& typed, const DomainError* error,
                        int status) {
  const auto& ctx = req.context();
  const bool cross = cross_agency(req);
  // From the address, or from the form that was refused (a POST shows the page again).
  auto param = [&](const char* name) {
    std::string v(trim(req.query_value(name)));
    if (auto it = req.form.find(name); v.empty() && it != req.form.end()) v = std::string(trim(it->second));
    return v;
  };
  const std::string agency = param("agency");
  const std::string date = param("date");
  nlohmann::json model = {{"cross_agency", cross}, {"date", date}, {"shown", false},
                          {"derogation_recorded", req.query_value("derogation") == "1"}};
  if (cross) model["agencies"] = agency_choices(s, req);
  if (!cross || !agency.empty()) {
    auto v = app::live_inventory(s.store, ctx, agency.empty() ? std::nullopt : std::optional(agency),
                                 date.empty() ? std::nullopt : std::optional(date));
    const auto& inv = v.inventory;
    const web::Texts tx{s.views.catalog(), req.lang};
    nlohmann::json warnings = nlohmann::json::array();
    for (const auto& w : v.warnings)
      warnings.push_back({{"dwelling_id", w.dwelling_id}, {"reference", w.reference},
                          {"text", text(s, req, "subsidies.warnings." + w.kind)}});
    nlohmann::json frozen = nlohmann::json::array();
    for (const auto& f : app::frozen_inventories(s.store, ctx, v.agency.code))
      frozen.push_back({{"id", f.id},
                        {"date", date_text(f.inventory.date)},
                        {"submitted", day_text(f.submitted_at)},
                        {"by", f.submitted_by_name},
                        {"dwellings", f.inventory.dwellings},
                        {"subsidisable", f.inventory.subsidisable}});
    model["shown"] = true;
    model["agency_code"] = v.agency.code;
    model["heading"] = tx.format("subsidies.heading", {{"agency", v.agency.name}, {"date", to_belgian(inv.date)}});
    model["iso_date"] = to_iso(inv.date);
    const std::string query = "date=" + to_iso(inv.date) + (cross ? "&agency=" + url_encode(v.agency.code) : "");
    model["export_csv"] = "/inventory/export?format=csv&" + query;
    model["export_xlsx"] = "/inventory/export?format=xlsx&" + query;
    if (date.empty()) model["date"] = to_iso(inv.date);
    model["totals"] = totals_view(inv);
    if (v.derogation)
      model["derogation"] = tx.format("subsidies.derogation_text",
                                      {{"cap", std::to_string(v.derogation->cap)},
                                       {"date", to_belgian(v.derogation->decided_on)},
                                       {"reference", v.derogation->reference}});
    model["counts"] = {{"status", counts_view(s, req, inv.by_status, "status")},
                       {"type", counts_view(s, req, inv.by_type, "type")},
                       {"bedrooms", counts_view(s, req, inv.by_bedrooms, "bedrooms")},
                       {"commune", counts_view(s, req, inv.by_commune, "commune")},
                       {"band", counts_view(s, req, inv.by_band, "band")}};
    model["warnings"] = warnings;
    model["has_warnings"] = !warnings.empty();
    const auto paging = req.paging();
    model["items"] = items_view(s, req, inv, paging);
    model["has_items"] = !inv.items.empty();
    model["pagination"] = pagination(req, paging, static_cast<std::int64_t>(inv.items.size()), model["items"].size());
    model["frozen"] = frozen;
    model["has_frozen"] = !frozen.empty();
    model["can_freeze"] = ctx.can(Permission::inventory_submit);
    model["can_derogate"] = ctx.can(Permission::derogations_manage);
  }
  nlohmann::json form = nlohmann::json::object();
  for (auto& [k, val] : typed.items()) form[k] = val;
  model["form"] = form;
  if (error) model["errors"] = errors_of(s, req, *error, {"date", "cap", "decided_on", "reference"});
  return Response::html(s.views.page(page_info(req, s, "subsidies.title", "inventory"), "subsidies/inventory", model),
                        status);
}

Response frozen_page(const Request& req, const Services& s) {
  auto d = app::inventory_diff(s.store, req.context(), req.path_id());
  const auto& inv = d.frozen.inventory;
  const web::Texts tx{s.views.catalog(), req.lang};
  nlohmann::json changes = nlohmann::json::array();
  for (const auto& c : d.changes) {
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& f : c.fields)
      fields.push_back({{"field", text(s, req, "subsidies.fields." + f.field)}, {"frozen", f.frozen}, {"live", f.live}});
    changes.push_back({{"reference", c.reference},
                       {"dwelling_id", c.dwelling_id},
                       {"change", text(s, req, "subsidies.changes." + c.change)},
                       {"fields", fields}});
  }
  nlohmann::json model = {
      {"heading", tx.format("subsidies.frozen_heading", {{"agency", inv.agency_code}, {"date", to_belgian(inv.date)}})},
      {"submitted", tx.format("subsidies.submitted_text", {{"date", day_text(d.frozen.submitted_at)},
                                                            {"user", d.frozen.submitted_by_name}})},
      {"just_frozen", req.query_value("frozen") == "1"},
      {"totals", totals_view(inv)},
      {"changes", changes},
      {"has_changes", !changes.empty()},
      {"items", items_view(s, req, inv, req.paging())},
      {"pagination", pagination(req, req.paging(), static_cast<std::int64_t>(inv.items.size()),
                                std::min<std::size_t>(inv.items.size() - std::min<std::size_t>(inv.items.size(), req.paging().offset),
                                                      req.paging().limit))},
      {"back", "/inventory" + (cross_agency(req) ? "?agency=" + inv.agency_code : std::string())},
      {"export_csv", "/inventories/" + std::to_string(d.frozen.id) + "/export?format=csv"},
      {"export_xlsx", "/inventories/" + std::to_string(d.frozen.id) + "/export?format=xlsx"}};
  return Response::html(s.views.page(page_info(req, s, "subsidies.frozen_title", "inventory"), "subsidies/frozen", model));
}

// An inventory's lines as a file (no personal data: the household is its band): one line per
// dwelling in the cap's order.
Response inventory_file(const Request& req, const sb::Inventory& inv, const std::string& name) {
  export_format(req);
  using K = formats::Column::Kind;
  std::vector<formats::Column> columns = {
      {"reference", K::text},        {"street", K::text},          {"number", K::text},         {"box", K::text},
      {"postcode", K::text},         {"commune", K::text},         {"type", K::text},           {"bedrooms", K::integer},
      {"surface_m2", K::text},       {"energy_class", K::text},    {"categories", K::text},     {"contract_kind", K::text},
      {"contract_start", K::date},   {"contract_end", K::date},    {"owner_rent", K::money_cents},
      {"leased", K::text},           {"tenant_rent", K::money_cents}, {"band", K::text},       {"status", K::text},
      {"subsidisable", K::text}};
  std::vector<std::vector<std::string>> rows;
  for (const auto& it : inv.items)
    rows.push_back({it.reference, it.street, it.number, it.box, it.postcode, it.commune_fr + " / " + it.commune_nl, it.type,
                    std::to_string(it.bedrooms), surface_text(it.surface_dm2), it.peb_class ? std::string(1, *it.peb_class) : "",
                    it.categories, it.contract_kind, to_iso(it.contract_start), it.contract_end ? to_iso(*it.contract_end) : "",
                    std::to_string(it.owner_rent_cents), it.leased ? "yes" : "no",
                    it.tenant_rent_cents ? std::to_string(*it.tenant_rent_cents) : "", it.band, it.status,
                    it.subsidisable ? "yes" : "no"});
  return export_list(req, name, columns, rows);
}

Response property_tax_page(const Request& req, const Services& s) {
  const bool cross = cross_agency(req);
  const std::string agency(trim(req.query_value("agency")));
  const std::string year(trim(req.query_value("year")));
  const int this_year = static_cast<int>(req.clock->today().year());
  nlohmann::json model = {{"cross_agency", cross}, {"shown", false}};
  nlohmann::json years = nlohmann::json::array();
  const int chosen = year.empty() ? this_year : std::atoi(year.c_str());
  for (int y = this_year; y >= this_year - 5; --y) years.push_back({{"year", y}, {"selected", y == chosen}});
  model["years"] = years;
  if (cross) model["agencies"] = agency_choices(s, req);
  if (!cross || !agency.empty()) {
    auto list = app::property_tax_list(s.store, req.context(), query_or_none(req, "agency"), query_or_none(req, "year"), false);
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& l : list.lines)
      rows.push_back({{"dwelling_id", l.dwelling_id},
                      {"reference", l.reference},
                      {"address", l.street + " " + l.number + (l.box.empty() ? "" : " / " + l.box) + ", " + l.postcode + " " +
                                      (req.lang == "nl" ? l.commune_nl : l.commune_fr)},
                      {"cadastral_reference", opt_text(l.cadastral_reference)},
                      {"owner_id", l.owner_id},
                      {"owner", l.owner_name},
                      {"contract_id", l.contract_id},
                      {"contract_kind", text(s, req, "owners.contract_pages.kinds." + l.contract_kind)},
                      {"from", date_text(l.from)},
                      {"to", date_text(l.to)}});
    const web::Texts tx{s.views.catalog(), req.lang};
    model["shown"] = true;
    model["rows"] = rows;
    model["has_rows"] = !rows.empty();
    model["summary"] = tx.format("subsidies.property_tax.summary",
                                 {{"agency", list.agency.name}, {"year", std::to_string(list.year)},
                                  {"count", std::to_string(list.lines.size())}});
    model["missing"] = list.without_cadastral_reference > 0
                           ? nlohmann::json(tx.format("subsidies.property_tax.missing",
                                                      {{"count", std::to_string(list.without_cadastral_reference)}}))
                           : nlohmann::json(false);
    const std::string query = "year=" + std::to_string(list.year) + (cross ? "&agency=" + url_encode(list.agency.code) : "");
    model["export_csv"] = "/property-tax/export?format=csv&" + query;
    model["export_xlsx"] = "/property-tax/export?format=xlsx&" + query;
  }
  return Response::html(s.views.page(page_info(req, s, "subsidies.property_tax.title", "property_tax"),
                                     "subsidies/property_tax", model));
}

}  // namespace

void add_subsidies_page_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/inventory", needing(Permission::inventory_view), [&s](Request& req) {
    return inventory_page(req, s, nlohmann::json::object(), nullptr, 200);
  }});

  routes.push_back({"POST", "/inventory/freeze", needing(Permission::inventory_submit), [&s](Request& req) {
    std::optional<std::string> date;
    if (auto it = req.form.find("date"); it != req.form.end()) date = it->second;
    nlohmann::json typed = {{"date", date.value_or("")}};
    return submit_form(
        [&] {
          auto f = app::freeze_inventory(s.store, req.context(), date);
          return Response::redirect("/inventories/" + std::to_string(f.id) + "?frozen=1");
        },
        [&](const DomainError& e, int status) { return inventory_page(req, s, typed, &e, status); });
  }});

  routes.push_back({"POST", "/inventory/derogations", needing(Permission::derogations_manage), [&s](Request& req) {
    app::DerogationFields f;
    nlohmann::json typed = nlohmann::json::object();
    for_each_field(f, [&](const char* name, std::optional<std::string>& target) {
      if (auto it = req.form.find(name); it != req.form.end()) {
        target = it->second;
        typed[name] = it->second;
      }
    });
    std::string agency;
    if (auto it = req.form.find("agency"); it != req.form.end()) agency = it->second;
    return submit_form(
        [&] {
          app::record_derogation(s.store, req.context(), agency, f);
          return Response::redirect("/inventory?agency=" + url_encode(trim(agency)) + "&derogation=1");
        },
        [&](const DomainError& e, int status) { return inventory_page(req, s, typed, &e, status); });
  }});

  routes.push_back({"GET", "/property-tax", needing(Permission::owners_view),
                    [&s](Request& req) { return property_tax_page(req, s); }});

  // The list for Bruxelles Fiscalité: one of the user's exports (owners' names and addresses).
  routes.push_back({"GET", "/property-tax/export", needing(Permission::owners_view), [&s](Request& req) {
    export_format(req);  // an unknown format is refused before the export is counted
    auto list = app::property_tax_list(s.store, req.context(), query_or_none(req, "agency"), query_or_none(req, "year"), true);
    using K = formats::Column::Kind;
    std::vector<formats::Column> columns = {
        {"dwelling_reference", K::text}, {"street", K::text},        {"number", K::text},        {"box", K::text},
        {"postcode", K::text},           {"commune", K::text},       {"cadastral_reference", K::text},
        {"owner_kind", K::text},         {"owner_name", K::text},    {"company_number", K::text}, {"owner_address", K::text},
        {"contract_kind", K::text},      {"contract_start", K::date}, {"contract_end", K::date},
        {"from", K::date},               {"to", K::date}};
    std::vector<std::vector<std::string>> rows;
    for (const auto& l : list.lines)
      rows.push_back({l.reference, l.street, l.number, l.box, l.postcode, l.commune_fr + " / " + l.commune_nl,
                      l.cadastral_reference, l.owner_kind, l.owner_name, l.company_number, l.owner_address,
                      l.contract_kind, to_iso(l.contract_start), l.contract_end ? to_iso(*l.contract_end) : "",
                      to_iso(l.from), to_iso(l.to)});
    return export_list(req, "property-tax-" + list.agency.code + "-" + std::to_string(list.year), columns, rows);
  }});

  routes.push_back({"GET", "/inventories/{id}", reaching("inventory", Permission::inventory_view),
                    [&s](Request& req) { return frozen_page(req, s); }});

  // The inventory as a file: the live one (?agency=&date=, as the page) or a frozen one.
  routes.push_back({"GET", "/inventory/export", needing(Permission::inventory_view), [&s](Request& req) {
    export_format(req);
    auto v = app::live_inventory(s.store, req.context(), query_or_none(req, "agency"), query_or_none(req, "date"));
    return inventory_file(req, v.inventory, "inventory-" + v.agency.code + "-" + to_iso(v.inventory.date));
  }});
  routes.push_back({"GET", "/inventories/{id}/export", reaching("inventory", Permission::inventory_view), [&s](Request& req) {
    export_format(req);
    auto f = app::frozen_inventory(s.store, req.context(), req.path_id());
    return inventory_file(req, f.inventory, "inventory-" + f.inventory.agency_code + "-" + to_iso(f.inventory.date) + "-frozen");
  }});
}

}  // namespace hms::http
