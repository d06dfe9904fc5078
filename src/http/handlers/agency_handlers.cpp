// Agencies: GET|POST /api/v1/agencies, and the list page (GET|POST /agencies) for the roles
// that see every agency.
#include "app/agencies/agency_admin.hpp"
#include "http/handlers/support.hpp"

namespace hms::http {
namespace {

Response agencies_page(const Request& req, const Services& s, const nlohmann::json& form, const DomainError* error,
                       int status) {
  auto paging = req.paging();
  auto page = app::list_agencies(s.store, req.context(), paging);
  nlohmann::json model = list_json(page, agency_json);
  model["has_items"] = page.total > 0;
  model["pagination"] = pagination(req, paging, page.total, page.items.size());
  model["can_add"] = req.context().can(users::Permission::agencies_manage);
  model["form"] = form;
  if (error) model["errors"] = form_errors(s.views, req.lang, *error);
  return Response::html(s.views.page(page_info(req, s, "agencies.title", "agencies"), "agencies/list", model), status);
}

}  // namespace

void add_agency_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/api/v1/agencies", Access::logged_in, [&s](Request& req) {
    return Response::json(list_json(app::list_agencies(s.store, req.context(), req.paging()), agency_json).dump());
  }});

  routes.push_back({"POST", "/api/v1/agencies", Access::logged_in, [&s](Request& req) {
    auto body = json_body(req);
    auto a = app::add_agency(s.store, req.context(), json_string(body, "code"), json_string(body, "name"));
    return Response::json(agency_json(a).dump(), 201);
  }});

  routes.push_back({"GET", "/agencies", Access::logged_in, [&s](Request& req) {
    return agencies_page(req, s, nlohmann::json::object(), nullptr, 200);
  }});

  routes.push_back({"POST", "/agencies", Access::logged_in, [&s](Request& req) {
    nlohmann::json form = {{"code", req.form_value("code")}, {"name", req.form_value("name")}};
    try {
      app::add_agency(s.store, req.context(), req.form_value("code"), req.form_value("name"));
      return Response::redirect("/agencies");
    } catch (const DomainError& e) {
      if (e.kind() != ErrorKind::validation && e.kind() != ErrorKind::conflict) throw;
      return agencies_page(req, s, form, &e, 422);
    }
  }});
}

}  // namespace hms::http
