// Allocation in the API (contract D): GET /api/v1/dwellings/{id}/candidates, the candidates
// best first with their reasons in the reader's language; GET|POST /api/v1/dwellings/{id}/decisions,
// the decisions taken on them ({"applicant_id", "kind", "reason", "approved_by"}).
#include "app/stock/dwellings.hpp"
#include "http/handlers/allocation/allocation_json.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/support/json_body.hpp"
#include "http/handlers/support/support.hpp"

namespace hms::http {

using users::Permission;

void add_allocation_api_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/api/v1/dwellings/{id}/candidates", reaching("dwelling", Permission::applicants_view),
                    [&s](Request& req) {
    auto list = app::dwelling_candidates(s.store, req.context(), req.path_id());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& c : list.candidates) items.push_back(candidate_json(s.views.catalog(), req.lang, c));
    return Response::json(nlohmann::json{{"items", items}}.dump());
  }});

  routes.push_back({"GET", "/api/v1/dwellings/{id}/decisions", reaching("dwelling", Permission::applicants_view),
                    [&s](Request& req) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& d : app::dwelling_decisions(s.store, req.context(), req.path_id())) items.push_back(decision_json(d));
    return Response::json(nlohmann::json{{"items", items}}.dump());
  }});

  routes.push_back({"POST", "/api/v1/dwellings/{id}/decisions", reaching("dwelling", Permission::applicants_manage),
                    [&s](Request& req) {
    auto id = req.path_id();
    app::find_dwelling(s.store, req.context(), id);  // 404 before looking at the body
    auto d = app::record_decision(s.store, req.context(), id, read_body<app::DecisionFields>(json_body(req), {}));
    return Response::json(decision_json(d).dump(), 201);
  }});
}

}  // namespace hms::http
