// Applicants in the API (contract D): GET|POST /api/v1/applicants, GET|PATCH /api/v1/applicants/{id},
// POST /api/v1/applicants/{id}/renew. The agency's users only: every route needs applicants_view
// (403 for the region, the federation and the system admin).
#include "http/handlers/applicants/applicants_json.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/support/support.hpp"

namespace hms::http {

using users::Permission;

void add_applicant_api_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/api/v1/applicants", needing(Permission::applicants_view), [&s](Request& req) {
    auto page = app::list_applicants(s.store, req.context(), applicant_query(req), req.paging());
    return Response::json(list_json(page, [](const applicants::Applicant& a) { return applicant_json(a, false); }).dump());
  }});

  routes.push_back({"POST", "/api/v1/applicants", needing(Permission::applicants_manage), [&s](Request& req) {
    auto a = app::create_applicant(s.store, req.context(), applicant_fields(json_body(req)));
    return Response::json(applicant_json(a, true).dump(), 201);
  }});

  routes.push_back({"GET", "/api/v1/applicants/{id}", reaching("applicant", Permission::applicants_view), [&s](Request& req) {
    return Response::json(applicant_json(app::find_applicant(s.store, req.context(), req.path_id()), true).dump());
  }});

  routes.push_back({"PATCH", "/api/v1/applicants/{id}", reaching("applicant", Permission::applicants_manage), [&s](Request& req) {
    auto id = req.path_id();
    app::require_applicant_visible(s.store, req.context(), id);  // 404 before looking at the body
    auto a = app::update_applicant(s.store, req.context(), id, applicant_fields(json_body(req)));
    return Response::json(applicant_json(a, true).dump());
  }});

  routes.push_back({"POST", "/api/v1/applicants/{id}/renew", reaching("applicant", Permission::applicants_manage), [&s](Request& req) {
    auto a = app::renew_applicant(s.store, req.context(), req.path_id());
    return Response::json(applicant_json(a, false).dump());
  }});
}

}  // namespace hms::http
