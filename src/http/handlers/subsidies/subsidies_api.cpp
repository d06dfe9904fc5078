// Subsidies in the API (contract F): GET /api/v1/inventory?agency=&date= (the live inventory);
// POST /api/v1/inventories {"date"} (agency admin: freeze and submit), GET /api/v1/inventories
// (the agency's frozen ones), GET /api/v1/inventories/{id} (as frozen), GET
// /api/v1/inventories/{id}/diff (against the live data of the same date); the Region's
// derogations: GET|POST /api/v1/agencies/{code}/derogations {"cap", "decided_on", "reference"}.
// The property-tax list: GET /api/v1/property-tax?year=&agency= (owners_view).
// Subsidy requests: GET|POST /api/v1/subsidy-requests {"inventory"} (agency admin: from a frozen
// inventory of 30 September), GET /api/v1/subsidy-requests/{id}, POST …/{id}/review {"decision",
// "comment"} (region), POST …/{id}/answer {"comment"} (agency admin), POST …/{id}/justification
// {"tranche"} (agency admin), POST …/{id}/payments {"tranche", "paid_on"} (region).
#include "app/fields/fields.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/subsidies/subsidies_json.hpp"
#include "http/handlers/support/json_body.hpp"
#include "http/handlers/support/pages.hpp"
#include "http/handlers/support/support.hpp"

namespace hms::http {

using users::Permission;

namespace {

// A tranche's number as sent (1–12); 0, which no tranche has, for anything else.
int tranche_number(const std::optional<std::string>& text) {
  auto id = app::fields::id_or_none(text);
  return id && *id <= 12 ? static_cast<int>(*id) : 0;
}

}  // namespace

void add_subsidies_api_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/api/v1/inventory", needing(Permission::inventory_view), [&s](Request& req) {
    auto v = app::live_inventory(s.store, req.context(), query_or_none(req, "agency"), query_or_none(req, "date"));
    auto out = inventory_json(v.inventory);
    out["derogation"] = v.derogation ? derogation_json(*v.derogation) : nlohmann::json();
    return Response::json(out.dump());
  }});

  routes.push_back({"POST", "/api/v1/inventories", needing(Permission::inventory_submit), [&s](Request& req) {
    auto body = json_body(req);
    std::optional<std::string> date;
    BodyReader r{body, {}};
    r.read("date", date);
    r.finish();
    return Response::json(frozen_json(app::freeze_inventory(s.store, req.context(), date), true).dump(), 201);
  }});

  routes.push_back({"GET", "/api/v1/inventories", needing(Permission::inventory_view), [&s](Request& req) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& f : app::frozen_inventories(s.store, req.context(), query_or_none(req, "agency")))
      items.push_back(frozen_json(f, false));
    const auto total = items.size();
    return Response::json(nlohmann::json{{"items", items}, {"total", total}}.dump());
  }});

  routes.push_back({"GET", "/api/v1/inventories/{id}", reaching("inventory", Permission::inventory_view),
                    [&s](Request& req) {
    return Response::json(frozen_json(app::frozen_inventory(s.store, req.context(), req.path_id()), true).dump());
  }});

  routes.push_back({"GET", "/api/v1/inventories/{id}/diff", reaching("inventory", Permission::inventory_view),
                    [&s](Request& req) {
    return Response::json(diff_json(app::inventory_diff(s.store, req.context(), req.path_id())).dump());
  }});

  routes.push_back({"GET", "/api/v1/agencies/{code}/derogations", needing(Permission::inventory_view),
                    [&s](Request& req) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& d : app::agency_derogations(s.store, req.context(), req.path_params.at("code")))
      items.push_back(derogation_json(d));
    const auto total = items.size();
    return Response::json(nlohmann::json{{"items", items}, {"total", total}}.dump());
  }});

  routes.push_back({"POST", "/api/v1/agencies/{code}/derogations", needing(Permission::derogations_manage),
                    [&s](Request& req) {
    auto d = app::record_derogation(s.store, req.context(), req.path_params.at("code"),
                                    read_body<app::DerogationFields>(json_body(req), {}));
    return Response::json(derogation_json(d).dump(), 201);
  }});

  routes.push_back({"GET", "/api/v1/property-tax", needing(Permission::owners_view), [&s](Request& req) {
    auto list = app::property_tax_list(s.store, req.context(), query_or_none(req, "agency"), query_or_none(req, "year"), false);
    return Response::json(property_tax_json(list).dump());
  }});

  routes.push_back({"GET", "/api/v1/subsidy-requests", needing(Permission::inventory_view), [&s](Request& req) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& r : app::subsidy_requests(s.store, req.context(), query_or_none(req, "agency")))
      items.push_back(request_json(r, false));
    const auto total = items.size();
    return Response::json(nlohmann::json{{"items", items}, {"total", total}}.dump());
  }});

  routes.push_back({"POST", "/api/v1/subsidy-requests", needing(Permission::inventory_submit), [&s](Request& req) {
    auto body = json_body(req);
    std::optional<std::string> inventory;
    BodyReader r{body, {}};
    r.read("inventory", inventory);
    r.finish();
    return Response::json(request_json(app::make_request(s.store, req.context(), inventory), true).dump(), 201);
  }});

  routes.push_back({"GET", "/api/v1/subsidy-requests/{id}", reaching("subsidy_request", Permission::inventory_view),
                    [&s](Request& req) {
    return Response::json(request_json(app::subsidy_request(s.store, req.context(), req.path_id()), true).dump());
  }});

  routes.push_back({"POST", "/api/v1/subsidy-requests/{id}/review", reaching("subsidy_request", Permission::subsidy_review),
                    [&s](Request& req) {
    app::subsidy_request(s.store, req.context(), req.path_id());  // another agency's: 404 before the body
    auto f = read_body<app::ReviewFields>(json_body(req), {});
    return Response::json(request_json(app::review_request(s.store, req.context(), req.path_id(), f), true).dump());
  }});

  routes.push_back({"POST", "/api/v1/subsidy-requests/{id}/answer", reaching("subsidy_request", Permission::inventory_submit),
                    [&s](Request& req) {
    app::subsidy_request(s.store, req.context(), req.path_id());  // another agency's: 404 before the body
    auto body = json_body(req);
    std::optional<std::string> comment;
    BodyReader r{body, {}};
    r.read("comment", comment);
    r.finish();
    return Response::json(request_json(app::answer_request(s.store, req.context(), req.path_id(), comment), true).dump());
  }});

  routes.push_back({"POST", "/api/v1/subsidy-requests/{id}/justification",
                    reaching("subsidy_request", Permission::inventory_submit), [&s](Request& req) {
    app::subsidy_request(s.store, req.context(), req.path_id());  // another agency's: 404 before the body
    auto body = json_body(req);
    std::optional<std::string> tranche;
    BodyReader r{body, {}};
    r.read("tranche", tranche);
    r.finish();
    return Response::json(
        request_json(app::justify_tranche(s.store, req.context(), req.path_id(), tranche_number(tranche)), true).dump());
  }});

  routes.push_back({"POST", "/api/v1/subsidy-requests/{id}/payments", reaching("subsidy_request", Permission::subsidy_review),
                    [&s](Request& req) {
    app::subsidy_request(s.store, req.context(), req.path_id());  // another agency's: 404 before the body
    auto body = json_body(req);
    std::optional<std::string> tranche, paid_on;
    BodyReader r{body, {}};
    r.read("tranche", tranche);
    r.read("paid_on", paid_on);
    r.finish();
    return Response::json(
        request_json(app::pay_tranche(s.store, req.context(), req.path_id(), tranche_number(tranche), paid_on), true).dump());
  }});
}

}  // namespace hms::http
