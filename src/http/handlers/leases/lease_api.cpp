// Leases and the income mix in the API (contract D): GET|POST /api/v1/leases,
// GET|PATCH /api/v1/leases/{id}, POST /api/v1/leases/{id}/end, GET /api/v1/income-mix.
#include "app/fields/fields.hpp"
#include "http/handlers/leases/leases_json.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/support/support.hpp"

namespace hms::http {

using users::Permission;

void add_lease_api_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/api/v1/leases", needing(Permission::leases_view), [&s](Request& req) {
    auto page = app::list_leases(s.store, req.context(), lease_filter(req), req.paging());
    return Response::json(list_json(page, lease_json).dump());
  }});

  routes.push_back({"POST", "/api/v1/leases", needing(Permission::leases_manage), [&s](Request& req) {
    auto l = app::create_lease(s.store, req.context(), lease_fields(json_body(req)));
    return Response::json(lease_json(l).dump(), 201);
  }});

  routes.push_back({"GET", "/api/v1/leases/{id}", reaching("lease"), [&s](Request& req) {
    return Response::json(lease_json(app::read_lease(s.store, req.context(), req.path_id())).dump());
  }});

  routes.push_back({"PATCH", "/api/v1/leases/{id}", reaching("lease", Permission::leases_manage), [&s](Request& req) {
    auto id = req.path_id();
    app::find_lease(s.store, req.context(), id);  // 404 before looking at the body
    auto l = app::update_lease(s.store, req.context(), id, lease_fields(json_body(req)));
    return Response::json(lease_json(l).dump());
  }});

  routes.push_back({"POST", "/api/v1/leases/{id}/end", reaching("lease", Permission::leases_manage), [&s](Request& req) {
    auto id = req.path_id();
    app::find_lease(s.store, req.context(), id);
    auto body = json_body(req);
    for (const auto& [key, value] : body.items())
      if (key != "end" && key != "reason") throw DomainError(ErrorKind::validation, "common.unknown_field").param("field", key).field(key);
    auto field_of = [&](const char* key) -> std::optional<std::string> {
      if (!body.contains(key) || body[key].is_null()) return std::nullopt;
      return as_text(body[key], key);
    };
    auto l = app::end_lease(s.store, req.context(), id, field_of("end"), field_of("reason"));
    return Response::json(lease_json(l).dump());
  }});

  routes.push_back({"GET", "/api/v1/leases/{id}/inventories", reaching("lease"), [&s](Request& req) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& inv : app::lease_inventories(s.store, req.context(), req.path_id())) items.push_back(inventory_json(inv));
    return Response::json(nlohmann::json{{"items", items}}.dump());
  }});

  // PUT /api/v1/leases/{id}/inventories/entry|exit {"done_on", "remarks", "items": [{"room",
  // "item", "condition", "remarks"}]}: the inventory of that kind, replaced.
  for (const char* kind : {"entry", "exit"}) {
    routes.push_back({"PUT", std::string("/api/v1/leases/{id}/inventories/") + kind,
                      reaching("lease", Permission::leases_manage), [&s, kind](Request& req) {
      auto id = req.path_id();
      app::find_lease(s.store, req.context(), id);
      auto inv = app::record_inventory(s.store, req.context(), id, kind, inventory_input(json_body(req)));
      return Response::json(inventory_json(inv).dump());
    }});
  }

  routes.push_back({"GET", "/api/v1/income-mix", needing(Permission::income_mix_view), [&s](Request& req) {
    auto day = query_date(req, "date").value_or(req.context().clock.today());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& m : app::income_mix(s.store, req.context(), day, req.query_value("agency")))
      items.push_back(income_mix_json(m));
    return Response::json(nlohmann::json{{"items", items}}.dump());
  }});
}

}  // namespace hms::http
