// Owners and owner contracts in the API (contract B): GET|POST /api/v1/owners,
// GET|PATCH /api/v1/owners/{id}, GET|POST /api/v1/owner-contracts, GET|PATCH /api/v1/owner-contracts/{id}.
#include "http/handlers/module_routes.hpp"
#include "http/handlers/owners/owners_json.hpp"
#include "http/handlers/support/support.hpp"

namespace hms::http {

using users::Permission;

void add_owner_api_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/api/v1/owners", Access::logged_in, [&s](Request& req) {
    auto page = app::list_owners(s.store, req.context(), owner_filter(req), req.query_value("agency"), req.paging());
    return Response::json(list_json(page, owner_json).dump());
  }});

  routes.push_back({"POST", "/api/v1/owners", needing(Permission::owners_manage), [&s](Request& req) {
    auto o = app::create_owner(s.store, req.context(), owner_fields(json_body(req)));
    return Response::json(owner_json(o).dump(), 201);
  }});

  routes.push_back({"GET", "/api/v1/owners/{id}", reaching("owner"), [&s](Request& req) {
    return Response::json(owner_json(app::find_owner(s.store, req.context(), req.path_id())).dump());
  }});

  routes.push_back({"PATCH", "/api/v1/owners/{id}", reaching("owner", Permission::owners_manage), [&s](Request& req) {
    auto id = req.path_id();
    app::require_owner_visible(s.store, req.context(), id);  // 404 before looking at the body; not a read
    // A bearer token is a fresh authentication of its own (contract B needs no new field); a
    // browser session calling the API confirms a new IBAN with "password", as the page does.
    auto o = app::update_owner(s.store, req.context(), id, owner_fields(json_body(req)),
                               req.via_cookie ? app::IbanConfirmation::password : app::IbanConfirmation::bearer_token);
    return Response::json(owner_json(o).dump());
  }});

  routes.push_back({"GET", "/api/v1/owner-contracts", Access::logged_in, [&s](Request& req) {
    auto page = app::list_contracts(s.store, req.context(), contract_filter(req), req.query_value("agency"),
                                    req.paging());
    return Response::json(list_json(page, contract_json).dump());
  }});

  routes.push_back({"POST", "/api/v1/owner-contracts", needing(Permission::owners_manage), [&s](Request& req) {
    auto k = app::create_contract(s.store, req.context(), contract_fields(json_body(req)));
    return Response::json(contract_json(k).dump(), 201);
  }});

  routes.push_back({"GET", "/api/v1/owner-contracts/{id}", reaching("owner_contract"), [&s](Request& req) {
    return Response::json(contract_json(app::read_contract(s.store, req.context(), req.path_id())).dump());
  }});

  routes.push_back({"PATCH", "/api/v1/owner-contracts/{id}", reaching("owner_contract", Permission::owners_manage), [&s](Request& req) {
    auto id = req.path_id();
    app::find_contract(s.store, req.context(), id);  // 404 before looking at the body
    auto k = app::update_contract(s.store, req.context(), id, contract_fields(json_body(req)));
    return Response::json(contract_json(k).dump());
  }});
}

}  // namespace hms::http
