// Dwellings in the API (contract B): GET|POST /api/v1/dwellings, GET|PATCH /api/v1/dwellings/{id},
// and GET /api/v1/dwellings/{id}/history (the status periods).
#include "common/date.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/stock/stock_json.hpp"
#include "http/handlers/support/support.hpp"

namespace hms::http {

using users::Permission;

void add_stock_api_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/api/v1/dwellings", Access::logged_in, [&s](Request& req) {
    auto page = app::list_dwellings(s.store, req.context(), dwelling_filter(req), req.query_value("agency"),
                                    dwelling_sort(req), req.paging());
    return Response::json(list_json(page, dwelling_json).dump());
  }});

  routes.push_back({"POST", "/api/v1/dwellings", needing(Permission::stock_manage), [&s](Request& req) {
    auto d = app::create_dwelling(s.store, req.context(), dwelling_fields(json_body(req)));
    return Response::json(dwelling_json(d).dump(), 201);
  }});

  routes.push_back({"GET", "/api/v1/dwellings/{id}", reaching("dwelling"), [&s](Request& req) {
    return Response::json(dwelling_json(app::find_dwelling(s.store, req.context(), req.path_id())).dump());
  }});

  routes.push_back({"PATCH", "/api/v1/dwellings/{id}", reaching("dwelling", Permission::stock_manage), [&s](Request& req) {
    auto id = req.path_id();
    app::find_dwelling(s.store, req.context(), id);  // 404 before looking at the body
    auto d = app::update_dwelling(s.store, req.context(), id, dwelling_fields(json_body(req)));
    return Response::json(dwelling_json(d).dump());
  }});

  routes.push_back({"GET", "/api/v1/dwellings/{id}/history", reaching("dwelling"), [&s](Request& req) {
    auto detail = app::dwelling_detail(s.store, req.context(), req.path_id());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& p : detail.history)
      items.push_back({{"status", stock::to_string(p.status)},
                       {"from", to_iso(p.from)},
                       {"to", p.to ? nlohmann::json(to_iso(*p.to)) : nlohmann::json()}});
    return Response::json(nlohmann::json{{"items", items}, {"total", items.size()}}.dump());
  }});
}

}  // namespace hms::http
