// Agencies: GET|POST /api/v1/agencies, and the page (GET|POST /agencies, GET /agencies/export)
// with each agency's figures, for the roles that see every agency (an agency its own row); the agency admin's settings page (GET|POST /settings): the default
// management fee of mandates recorded without one.
#include <algorithm>

#include "app/agencies/agency_admin.hpp"
#include "app/agencies/agency_settings.hpp"
#include "common/date.hpp"
#include "common/text.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/support/forms.hpp"
#include "http/handlers/support/pages.hpp"
#include "http/handlers/support/support.hpp"
#include "web/texts.hpp"

namespace hms::http {

using users::Permission;
namespace {

nlohmann::json agency_json(const agencies::Agency& a) {
  return {{"id", a.id}, {"code", a.code}, {"name", a.name}};
}

// The agencies with what each has registered (the region's per-agency view): every figure a
// link to the list it counts, sortable by any column (?sort=vacant, ?sort=-last_login), the whole
// table as CSV or XLSX. The stock columns for those who read the stock; the contracts ending
// link for those who read owner contracts.
constexpr std::initializer_list<const char*> kOverviewColumns = {
    "code", "name", "dwellings", "active", "vacant", "works", "contracts_ending", "users", "last_change", "last_login"};

std::int64_t figure(const agencies::AgencySummary& a, const std::string& column) {
  if (column == "dwellings") return a.dwellings;
  if (column == "active") return a.active;
  if (column == "vacant") return a.vacant;
  if (column == "works") return a.works;
  if (column == "contracts_ending") return a.contracts_ending;
  if (column == "users") return a.users;
  if (column == "last_change") return a.last_change;
  if (column == "last_login") return a.last_login;
  return 0;
}

// The overview sorted by ?sort (a column, "-" first for descending; unknown: by code).
app::AgencyOverview sorted_overview(const Request& req, const Services& s, std::string& sort) {
  auto overview = app::agency_overview(s.store, req.context());
  sort = req.query_value("sort");
  const bool descending = !sort.empty() && sort.front() == '-';
  std::string column = descending ? sort.substr(1) : sort;
  if (std::find(kOverviewColumns.begin(), kOverviewColumns.end(), column) == kOverviewColumns.end()) {
    column = "code";
    sort = "code";
  }
  std::stable_sort(overview.agencies.begin(), overview.agencies.end(), [&](const auto& a, const auto& b) {
    if (column == "code" || column == "name") {
      const auto& x = column == "code" ? a.agency.code : a.agency.name;
      const auto& y = column == "code" ? b.agency.code : b.agency.name;
      return descending ? y < x : x < y;
    }
    return descending ? figure(b, column) < figure(a, column) : figure(a, column) < figure(b, column);
  });
  return overview;
}

Response agencies_page(const Request& req, const Services& s, const nlohmann::json& form, const DomainError* error,
                       int status) {
  auto ctx = req.context();
  std::string sort;
  const auto overview = sorted_overview(req, s, sort);
  const bool stock = ctx.can(Permission::stock_view), contracts = ctx.can(Permission::owners_view);
  const std::string from = to_iso(overview.ending_from), to = to_iso(overview.ending_to);
  auto when = [&](std::int64_t seconds) { return seconds ? web::format_date(seconds) : std::string("—"); };
  nlohmann::json items = nlohmann::json::array();
  for (const auto& a : overview.agencies) {
    const std::string list = "/dwellings?agency=" + url_encode(a.agency.code);
    nlohmann::json row = {{"code", a.agency.code},
                          {"name", a.agency.name},
                          {"users", a.users},
                          {"last_change", when(a.last_change)},
                          {"last_login", when(a.last_login)}};
    if (stock) {
      row["dwellings"] = {{"n", a.dwellings}, {"href", list}};
      for (const char* st : {"active", "vacant", "works"})
        row[st] = {{"n", figure(a, st)}, {"href", list + "&status=" + st}};
      row["contracts_ending"] = {{"n", a.contracts_ending}};
      if (contracts)
        row["contracts_ending"]["href"] = "/owner-contracts?agency=" + url_encode(a.agency.code) +
                                          "&ending_from=" + from + "&ending_to=" + to;
    }
    items.push_back(std::move(row));
  }
  const auto total = static_cast<std::int64_t>(items.size());
  ListPage page{std::move(items), total, app::Paging{app::Paging::kMaxLimit, 0}, {}, "/agencies/export", false};
  auto model = list_page_model(req, s, page);
  model["show_stock"] = stock;
  model["headers"] = sort_headers(req, kOverviewColumns, sort);
  model["ending_to"] = to_belgian(overview.ending_to);
  model["can_add"] = ctx.can(Permission::agencies_manage);
  model["form"] = form;
  if (error) model["errors"] = form_errors(s.views, req.lang, *error);
  return Response::html(s.views.page(page_info(req, s, "agencies.title", "agencies"), "agencies/list", model), status);
}

// The same table as a file, dates as on the page (05/12/2026; empty when never).
Response agencies_export(const Request& req, const Services& s) {
  std::string sort;
  const auto overview = sorted_overview(req, s, sort);
  const bool stock = req.context().can(Permission::stock_view);
  using K = formats::Column::Kind;
  std::vector<formats::Column> columns = {{"code", K::text}, {"name", K::text}};
  if (stock)
    for (const char* c : {"dwellings", "active", "vacant", "works", "contracts_ending"}) columns.push_back({c, K::integer});
  for (const char* c : {"users"}) columns.push_back({c, K::integer});
  columns.push_back({"last_change", K::text});
  columns.push_back({"last_login", K::text});
  auto day = [](std::int64_t seconds) { return seconds ? web::format_date(seconds) : std::string(); };
  std::vector<std::vector<std::string>> rows;
  for (const auto& a : overview.agencies) {
    std::vector<std::string> row = {a.agency.code, a.agency.name};
    if (stock)
      for (const char* c : {"dwellings", "active", "vacant", "works", "contracts_ending"}) row.push_back(std::to_string(figure(a, c)));
    row.push_back(std::to_string(a.users));
    row.push_back(day(a.last_change));
    row.push_back(day(a.last_login));
    rows.push_back(std::move(row));
  }
  return export_list(req, "agencies", columns, rows);
}

// The settings page: the form as saved (or as typed, with the errors of a refused change).
Response settings_page(const Request& req, const Services& s, const agencies::AgencySettings& saved,
                       const std::optional<nlohmann::json>& typed, const DomainError* error, int status) {
  const auto fee = saved.management_fee ? web::percent_text(*saved.management_fee, req.lang, false) : "";
  const auto alert = saved.indexation_alert ? web::percent_text(*saved.indexation_alert, req.lang, false) : "";
  const auto months = saved.applicant_renewal_months ? std::to_string(*saved.applicant_renewal_months) : "";
  const auto years = saved.retention_years ? std::to_string(*saved.retention_years) : "";
  nlohmann::json form = {{"management_fee", fee}, {"indexation_alert", alert}, {"applicant_renewal_months", months},
                         {"retention_years", years}};
  if (typed) form = {{"management_fee", typed->value("management_fee", "")}, {"indexation_alert", typed->value("indexation_alert", "")},
                     {"applicant_renewal_months", typed->value("applicant_renewal_months", "")},
                     {"retention_years", typed->value("retention_years", "")}};
  const auto chosen = form.value("applicant_renewal_months", std::string());
  nlohmann::json renewal = nlohmann::json::array();
  for (const char* m : {"12", "24"})
    renewal.push_back({{"value", m}, {"selected", chosen == m || (chosen.empty() && std::string(m) == "12")}});
  nlohmann::json model = {{"form", form},
                          {"renewal_months", renewal},
                          {"is_set", saved.management_fee.has_value()},
                          {"saved", !error && req.query_value("saved") == "1"}};
  if (error) model["errors"] = form_errors(s.views, req.lang, *error);
  return Response::html(s.views.page(page_info(req, s, "agencies.agency_settings.title", "settings"), "agencies/settings", model),
                        status);
}

}  // namespace

void add_agency_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/api/v1/agencies", Access::logged_in, [&s](Request& req) {
    return Response::json(list_json(app::list_agencies(s.store, req.context(), req.paging()), agency_json).dump());
  }});

  routes.push_back({"POST", "/api/v1/agencies", needing(Permission::agencies_manage), [&s](Request& req) {
    auto body = json_body(req);
    auto a = app::add_agency(s.store, req.context(), json_string(body, "code"), json_string(body, "name"));
    return Response::json(agency_json(a).dump(), 201);
  }});

  routes.push_back({"GET", "/agencies", Access::logged_in, [&s](Request& req) {
    if (auto draft = form_draft(req, s)) return agencies_page(req, s, draft->values, &draft->error, draft->status);
    return agencies_page(req, s, nlohmann::json::object(), nullptr, 200);
  }});

  routes.push_back({"GET", "/agencies/export", Access::logged_in, [&s](Request& req) { return agencies_export(req, s); }});

  routes.push_back({"POST", "/agencies", needing(Permission::agencies_manage), [&s](Request& req) {
    nlohmann::json form = {{"code", req.form_value("code")}, {"name", req.form_value("name")}};
    return submit_form(
        req, s, "/agencies", FormState(form),
        [&] {
          app::add_agency(s.store, req.context(), req.form_value("code"), req.form_value("name"));
          return Response::redirect("/agencies");
        },
        [&](const DomainError& e, int status) { return agencies_page(req, s, form, &e, status); });
  }});

  routes.push_back({"GET", "/settings", Access::logged_in, [&s](Request& req) {
    if (auto draft = form_draft(req, s))
      return settings_page(req, s, app::agency_settings(s.store, req.context()), draft->values, &draft->error,
                           draft->status);
    return settings_page(req, s, app::agency_settings(s.store, req.context()), std::nullopt, nullptr, 200);
  }});

  routes.push_back({"POST", "/settings", needing(Permission::agency_settings_manage), [&s](Request& req) {
    app::AgencySettingsFields f{req.form_value("management_fee"), req.form_value("indexation_alert")};
    if (req.form.contains("applicant_renewal_months")) f.applicant_renewal_months = req.form_value("applicant_renewal_months");
    if (req.form.contains("retention_years")) f.retention_years = req.form_value("retention_years");
    const nlohmann::json typed = {{"management_fee", req.form_value("management_fee")},
                                  {"indexation_alert", req.form_value("indexation_alert")},
                                  {"applicant_renewal_months", req.form_value("applicant_renewal_months")},
                                  {"retention_years", req.form_value("retention_years")}};
    return submit_form(
        req, s, "/settings", FormState(typed),
        [&] {
          app::update_agency_settings(s.store, req.context(), f);
          return Response::redirect("/settings?saved=1");
        },
        [&](const DomainError& e, int status) {
          return settings_page(req, s, app::agency_settings(s.store, req.context()), typed, &e, status);
        });
  }});
}

}  // namespace hms::http
