#include "http/handlers/module_routes.hpp"

namespace hms::http {

std::vector<Route> all_routes(Services& s) {
  std::vector<Route> routes;
  add_static_routes(routes, s);
  add_session_routes(routes, s);
  add_dashboard_routes(routes, s);
  add_agency_routes(routes, s);
  add_user_routes(routes, s);
  add_account_routes(routes, s);
  add_mfa_routes(routes, s);
  add_audit_routes(routes, s);
  add_rules_routes(routes, s);
  add_stock_api_routes(routes, s);
  add_stock_page_routes(routes, s);
  add_owner_api_routes(routes, s);
  add_owner_page_routes(routes, s);
  add_contract_page_routes(routes, s);
  add_indexation_page_routes(routes, s);
  add_import_page_routes(routes, s);
  add_calculator_routes(routes, s);
  return routes;
}

}  // namespace hms::http
