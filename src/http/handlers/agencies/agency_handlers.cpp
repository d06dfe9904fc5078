// Agencies: GET|POST /api/v1/agencies, and the list page (GET|POST /agencies) for the roles
// that see every agency; the agency admin's settings page (GET|POST /settings): the default
// management fee of mandates recorded without one.
#include "app/agencies/agency_admin.hpp"
#include "app/agencies/agency_settings.hpp"
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

Response agencies_page(const Request& req, const Services& s, const nlohmann::json& form, const DomainError* error,
                       int status) {
  auto paging = req.paging();
  auto page = app::list_agencies(s.store, req.context(), paging);
  ListPage list{list_json(page, agency_json)["items"], page.total, paging, {}, "", false};  // no agency filter
  auto model = list_page_model(req, s, list);
  model["can_add"] = req.context().can(users::Permission::agencies_manage);
  model["form"] = form;
  if (error) model["errors"] = form_errors(s.views, req.lang, *error);
  return Response::html(s.views.page(page_info(req, s, "agencies.title", "agencies"), "agencies/list", model), status);
}

// The settings page: the form as saved (or as typed, with the errors of a refused change).
Response settings_page(const Request& req, const Services& s, const agencies::AgencySettings& saved,
                       const std::optional<std::string>& typed, const DomainError* error, int status) {
  const auto fee = saved.management_fee_bp ? web::percent_text(*saved.management_fee_bp, req.lang, false) : "";
  nlohmann::json model = {{"form", {{"management_fee", typed.value_or(fee)}}},
                          {"is_set", saved.management_fee_bp.has_value()},
                          {"saved", !error && req.query_value("saved") == "1"}};
  if (error) model["errors"] = form_errors(s.views, req.lang, *error);
  return Response::html(s.views.page(page_info(req, s, "agency_settings.title", "settings"), "agencies/settings", model),
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
    return agencies_page(req, s, nlohmann::json::object(), nullptr, 200);
  }});

  routes.push_back({"POST", "/agencies", needing(Permission::agencies_manage), [&s](Request& req) {
    nlohmann::json form = {{"code", req.form_value("code")}, {"name", req.form_value("name")}};
    return submit_form(
        [&] {
          app::add_agency(s.store, req.context(), req.form_value("code"), req.form_value("name"));
          return Response::redirect("/agencies");
        },
        [&](const DomainError& e, int status) { return agencies_page(req, s, form, &e, status); });
  }});

  routes.push_back({"GET", "/settings", Access::logged_in, [&s](Request& req) {
    return settings_page(req, s, app::agency_settings(s.store, req.context()), std::nullopt, nullptr, 200);
  }});

  routes.push_back({"POST", "/settings", needing(Permission::agency_settings_manage), [&s](Request& req) {
    app::AgencySettingsFields f{req.form_value("management_fee")};
    return submit_form(
        [&] {
          app::update_agency_settings(s.store, req.context(), f);
          return Response::redirect("/settings?saved=1");
        },
        [&](const DomainError& e, int status) {
          return settings_page(req, s, app::agency_settings(s.store, req.context()), f.management_fee, &e, status);
        });
  }});
}

}  // namespace hms::http
