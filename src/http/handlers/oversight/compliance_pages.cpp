// The compliance report (issue 12.3) for the region and the federation: GET /compliance?year=
// (every agency's lights, each linked to its report), GET /compliance?agency=CODE&year= (one
// agency's report: each check with its figures, the modules' use), /compliance.pdf (the same as
// PDF, for the meeting), /compliance/export?format=csv|xlsx (the figures), and the API
// GET /api/v1/compliance?year=&agency=.
#include "app/leases/leases.hpp"
#include "app/oversight/oversight.hpp"
#include "common/date.hpp"
#include "common/text.hpp"
#include "documents/letter.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/support/pages.hpp"
#include "http/handlers/support/support.hpp"
#include "web/texts.hpp"

namespace hms::http {

using users::Permission;
namespace ov = oversight;

namespace {

std::vector<app::ComplianceView> views_of(const Request& req, const Services& s) {
  auto agency = query_or_none(req, "agency");
  if (agency) return {app::compliance_report(s.store, req.context(), *agency, query_or_none(req, "year"))};
  return app::compliance_overview(s.store, req.context(), query_or_none(req, "year"));
}

std::string share_of(std::int64_t part, std::int64_t whole) {
  return whole > 0 ? app::share_text(part, whole) : "";
}

nlohmann::json item_json(const app::ComplianceView& v) {
  const auto& f = v.report.facts;
  nlohmann::json checks = nlohmann::json::object();
  for (const auto& c : v.report.checks) checks[c.key] = std::string(ov::to_string(c.light));
  return {{"agency", f.agency_code},
          {"name", f.agency_name},
          {"year", f.year},
          {"overall", std::string(ov::to_string(v.report.overall))},
          {"checks", checks},
          {"reference", to_iso(f.reference)},
          {"declared", f.declared ? nlohmann::json(*f.declared) : nlohmann::json()},
          {"registered", f.registered},
          {"coverage", v.coverage ? nlohmann::json(*v.coverage) : nlohmann::json()},
          {"inventory_submitted", f.inventory_submitted},
          {"request_status", f.request_status.empty() ? nlohmann::json() : nlohmann::json(f.request_status)},
          {"dwellings", f.dwellings},
          {"contract_kinds", {{"management_mandate", f.mandates}, {"main_lease", f.main_leases}}},
          {"vacant", f.vacant},
          {"long_vacant", f.long_vacant},
          {"income_mix", {{"day", to_iso(f.mix_day)}, {"leases", f.leases}, {"at_or_below", f.at_or_below},
                          {"share", f.leases > 0 ? nlohmann::json(share_of(f.at_or_below, f.leases)) : nlohmann::json()}}},
          {"owner_rents", {{"total", f.owner_rents}, {"above_cap", f.owner_above_cap}, {"no_cap", f.owner_no_cap}}},
          {"tenant_rents", {{"total", f.tenant_rents}, {"above_cap", f.tenant_above_cap}}}};
}

// Each check's figures in words, the reader's language.
std::string check_text(const web::Texts& tx, const std::string& lang, const app::ComplianceView& v, const std::string& key) {
  const auto& f = v.report.facts;
  auto n = [&](std::int64_t x) { return web::thousands_text(x, lang); };
  if (key == "coverage")
    return v.coverage ? tx.format("oversight.compliance.values.coverage",
                                  {{"registered", n(f.registered)}, {"declared", n(*f.declared)}, {"coverage", tx.decimal(*v.coverage)}})
                      : tx.format("oversight.compliance.values.not_declared", {{"registered", n(f.registered)}});
  if (key == "inventory")
    return tx.format(f.inventory_submitted ? "oversight.compliance.values.inventory_done" : "oversight.compliance.values.inventory_missing",
                     {{"date", to_belgian(std::chrono::year_month_day{std::chrono::year(f.year), std::chrono::September,
                                                                      std::chrono::day(30)})}});
  if (key == "request")
    return f.request_status.empty() ? tx.text("oversight.compliance.values.no_request")
                                    : tx.format("oversight.compliance.values.request",
                                                {{"status", tx.text("subsidies.statuses." + f.request_status)}});
  if (key == "two_thirds")
    return f.leases == 0 ? tx.text("oversight.compliance.values.no_lease")
                         : tx.format("oversight.compliance.values.two_thirds",
                                     {{"at_or_below", n(f.at_or_below)}, {"leases", n(f.leases)},
                                      {"share", web::share_text(share_of(f.at_or_below, f.leases), lang)},
                                      {"date", to_belgian(f.mix_day)}});
  if (key == "owner_caps")
    return tx.format("oversight.compliance.values.owner_caps",
                     {{"above", n(f.owner_above_cap)}, {"total", n(f.owner_rents)}, {"no_cap", n(f.owner_no_cap)}});
  if (key == "tenant_caps")
    return tx.format("oversight.compliance.values.tenant_caps", {{"above", n(f.tenant_above_cap)}, {"total", n(f.tenant_rents)}});
  return tx.format("oversight.compliance.values.vacancy",
                   {{"long", n(f.long_vacant)}, {"vacant", n(f.vacant)}, {"dwellings", n(f.dwellings)},
                    {"mandates", n(f.mandates)}, {"main_leases", n(f.main_leases)}});
}

std::string tag_of(ov::Light l) { return l == ov::Light::green ? "green" : l == ov::Light::amber ? "orange" : "red"; }

nlohmann::json light_view(const web::Texts& tx, ov::Light l) {
  return {{"tag", tag_of(l)}, {"label", tx.text("oversight.compliance.lights." + std::string(ov::to_string(l)))},
          {"key", std::string(ov::to_string(l))}};
}

int year_shown(const Request& req, const std::vector<app::ComplianceView>& views) {
  if (!views.empty()) return views.front().report.facts.year;
  return static_cast<int>(req.clock->today().year());
}

Response compliance_page(const Request& req, const Services& s) {
  const auto views = views_of(req, s);
  const web::Texts tx{s.views.catalog(), req.lang};
  const int year = year_shown(req, views);
  const bool one = query_or_none(req, "agency").has_value();
  nlohmann::json years = nlohmann::json::array();
  const int this_year = static_cast<int>(req.clock->today().year());
  for (int y = this_year; y >= this_year - 5; --y) years.push_back({{"year", y}, {"selected", y == year}});
  nlohmann::json model = {{"years", years}, {"year", year}, {"one", one}};
  const std::string query = "year=" + std::to_string(year) + (one ? "&agency=" + url_encode(views.front().report.facts.agency_code) : "");
  model["pdf"] = "/compliance.pdf?" + query;
  model["export_csv"] = "/compliance/export?format=csv&" + query;
  model["export_xlsx"] = "/compliance/export?format=xlsx&" + query;
  if (one) {
    const auto& v = views.front();
    nlohmann::json checks = nlohmann::json::array();
    for (const auto& c : v.report.checks)
      checks.push_back({{"key", c.key}, {"name", tx.text("oversight.compliance.checks." + c.key)},
                        {"text", check_text(tx, req.lang, v, c.key)}, {"light", light_view(tx, c.light)}});
    nlohmann::json modules = nlohmann::json::array();
    for (const auto& m : v.modules) {
      nlohmann::json last = nullptr;
      if (m.last_at) last = day_text(*m.last_at);
      modules.push_back({{"name", tx.text("oversight.modules." + m.module)}, {"count", web::thousands_text(m.count, req.lang)},
                         {"last", last}});
    }
    model["heading"] = tx.format("oversight.compliance.heading", {{"year", std::to_string(year)},
                                                                  {"agency", v.report.facts.agency_name}});
    model["agency"] = v.report.facts.agency_code;
    model["overall"] = light_view(tx, v.report.overall);
    model["overall"]["sentence"] = tx.format("oversight.compliance.overall", {{"light", model["overall"]["label"].get<std::string>()}});
    model["checks"] = checks;
    model["modules"] = modules;
  } else {
    nlohmann::json rows = nlohmann::json::array();
    nlohmann::json header = nlohmann::json::array();
    if (!views.empty())
      for (const auto& c : views.front().report.checks) header.push_back(tx.text("oversight.compliance.short." + c.key));
    std::int64_t counts[3] = {0, 0, 0};
    for (const auto& v : views) {
      nlohmann::json lights = nlohmann::json::array();
      for (const auto& c : v.report.checks) {
        auto l = light_view(tx, c.light);
        l["title"] = check_text(tx, req.lang, v, c.key);
        lights.push_back(l);
      }
      ++counts[static_cast<int>(v.report.overall)];
      rows.push_back({{"code", v.report.facts.agency_code}, {"name", v.report.facts.agency_name},
                      {"overall", light_view(tx, v.report.overall)}, {"lights", lights},
                      {"href", "/compliance?agency=" + url_encode(v.report.facts.agency_code) + "&year=" + std::to_string(year)}});
    }
    model["header"] = header;
    model["rows"] = rows;
    model["summary"] = tx.format("oversight.compliance.summary", {{"green", std::to_string(counts[0])},
                                                                  {"amber", std::to_string(counts[1])},
                                                                  {"red", std::to_string(counts[2])}});
  }
  return Response::html(s.views.page(page_info(req, s, "oversight.compliance.title", "compliance"), "oversight/compliance", model));
}

std::string compliance_pdf(const Request& req, const Services& s, const std::vector<app::ComplianceView>& views, bool one) {
  const web::Texts tx{s.views.catalog(), req.lang};
  const int year = year_shown(req, views);
  documents::Letter doc;
  doc.sender = {tx.text("oversight.compliance.from")};
  doc.place_date = to_belgian(req.clock->today());
  documents::Table table;
  if (one) {
    const auto& v = views.front();
    doc.subject = tx.format("oversight.compliance.heading", {{"year", std::to_string(year)}, {"agency", v.report.facts.agency_name}});
    doc.paragraphs = {tx.format("oversight.compliance.overall", {{"light", tx.text("oversight.compliance.lights." +
                                                                                    std::string(ov::to_string(v.report.overall)))}})};
    table.header = {tx.text("oversight.compliance.check"), tx.text("oversight.compliance.figures"), tx.text("oversight.compliance.light")};
    for (const auto& c : v.report.checks)
      table.rows.push_back({tx.text("oversight.compliance.checks." + c.key), check_text(tx, req.lang, v, c.key),
                            tx.text("oversight.compliance.lights." + std::string(ov::to_string(c.light)))});
  } else {
    doc.subject = tx.format("oversight.compliance.overview_heading", {{"year", std::to_string(year)}});
    table.header = {tx.text("oversight.agency"), tx.text("oversight.compliance.light")};
    if (!views.empty())
      for (const auto& c : views.front().report.checks) table.header.push_back(tx.text("oversight.compliance.short." + c.key));
    for (const auto& v : views) {
      std::vector<std::string> row = {v.report.facts.agency_code,
                                      tx.text("oversight.compliance.lights." + std::string(ov::to_string(v.report.overall)))};
      for (const auto& c : v.report.checks) row.push_back(tx.text("oversight.compliance.lights." + std::string(ov::to_string(c.light))));
      table.rows.push_back(std::move(row));
    }
  }
  doc.table = table;
  doc.after = {tx.text("oversight.compliance.thresholds")};
  doc.footer = doc.subject;
  return documents::render_pdf({doc}, doc.subject);
}

}  // namespace

void add_compliance_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/api/v1/compliance", needing(Permission::adoption_view), [&s](Request& req) {
    const auto views = views_of(req, s);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& v : views) items.push_back(item_json(v));
    return Response::json(nlohmann::json{{"year", year_shown(req, views)}, {"items", items}}.dump());
  }});

  routes.push_back({"GET", "/compliance", needing(Permission::adoption_view),
                    [&s](Request& req) { return compliance_page(req, s); }});

  routes.push_back({"GET", "/compliance.pdf", needing(Permission::adoption_view), [&s](Request& req) {
    const auto views = views_of(req, s);
    const bool one = query_or_none(req, "agency").has_value();
    const auto name = "compliance-" + (one ? views.front().report.facts.agency_code + "-" : std::string()) +
                      std::to_string(year_shown(req, views)) + ".pdf";
    return download(name, "application/pdf", compliance_pdf(req, s, views, one));
  }});

  routes.push_back({"GET", "/compliance/export", needing(Permission::adoption_view), [&s](Request& req) {
    export_format(req);
    const auto views = views_of(req, s);
    using K = formats::Column::Kind;
    std::vector<formats::Column> columns = {
        {"agency", K::text},           {"year", K::integer},          {"overall", K::text},
        {"coverage", K::text},         {"inventory", K::text},        {"request", K::text},
        {"two_thirds", K::text},       {"owner_caps", K::text},       {"tenant_caps", K::text},
        {"vacancy", K::text},          {"declared", K::integer},      {"registered", K::integer},
        {"dwellings", K::integer},     {"management_mandates", K::integer}, {"main_leases", K::integer},
        {"vacant", K::integer},        {"long_vacant", K::integer},   {"inventory_submitted", K::text},
        {"request_status", K::text},   {"leases", K::integer},        {"at_or_below", K::integer},
        {"owner_rents", K::integer},   {"owner_above_cap", K::integer}, {"tenant_rents", K::integer},
        {"tenant_above_cap", K::integer}};
    std::vector<std::vector<std::string>> rows;
    for (const auto& v : views) {
      const auto& f = v.report.facts;
      std::vector<std::string> row = {f.agency_code, std::to_string(f.year), std::string(ov::to_string(v.report.overall))};
      for (const auto& c : v.report.checks) row.push_back(std::string(ov::to_string(c.light)));
      for (std::int64_t x : {f.declared.value_or(-1), f.registered, f.dwellings, f.mandates, f.main_leases, f.vacant, f.long_vacant})
        row.push_back(x < 0 ? "" : std::to_string(x));
      row.push_back(f.inventory_submitted ? "yes" : "no");
      row.push_back(f.request_status);
      for (std::int64_t x : {f.leases, f.at_or_below, f.owner_rents, f.owner_above_cap, f.tenant_rents, f.tenant_above_cap})
        row.push_back(std::to_string(x));
      rows.push_back(std::move(row));
    }
    return export_list(req, "compliance-" + std::to_string(year_shown(req, views)), columns, rows);
  }});
}

}  // namespace hms::http
