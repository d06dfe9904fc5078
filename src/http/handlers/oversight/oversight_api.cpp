// Oversight in the API (contract F): PUT /api/v1/agencies/{code}/declared-stock {"date",
// "dwellings"} (region) and GET /api/v1/adoption (region and federation; agency roles 403).
#include "common/date.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/oversight/oversight_json.hpp"
#include "http/handlers/support/json_body.hpp"
#include "http/handlers/support/support.hpp"

namespace hms::http {

using users::Permission;

void add_oversight_api_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"PUT", "/api/v1/agencies/{code}/declared-stock", needing(Permission::declared_stock_manage),
                    [&s](Request& req) {
    auto d = app::declare_stock(s.store, req.context(), req.path_params.at("code"),
                                read_body<app::DeclaredFields>(json_body(req), {}));
    return Response::json(nlohmann::json{{"agency", req.path_params.at("code")},
                                         {"date", to_iso(d.declared_on)},
                                         {"dwellings", d.dwellings}}
                              .dump());
  }});

  routes.push_back({"GET", "/api/v1/adoption", needing(Permission::adoption_view), [&s](Request& req) {
    return Response::json(adoption_json(app::adoption(s.store, req.context())).dump());
  }});
}

}  // namespace hms::http
