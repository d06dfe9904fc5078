#include "http/handlers/module_routes.hpp"

#include <stdexcept>

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
  add_search_routes(routes, s);
  add_attachment_routes(routes, s);
  add_applicant_api_routes(routes, s);
  add_applicant_page_routes(routes, s);
  add_lease_api_routes(routes, s);
  add_lease_page_routes(routes, s);
  add_ledger_api_routes(routes, s);
  add_ledger_page_routes(routes, s);
  add_support_api_routes(routes, s);
  add_support_page_routes(routes, s);
  add_allocation_api_routes(routes, s);
  add_allocation_page_routes(routes, s);
  add_accounting_api_routes(routes, s);
  add_accounting_page_routes(routes, s);
  add_arrears_api_routes(routes, s);
  add_arrears_page_routes(routes, s);
  add_subsidies_api_routes(routes, s);
  add_subsidies_page_routes(routes, s);
  add_subsidy_request_page_routes(routes, s);
  add_oversight_api_routes(routes, s);
  add_oversight_page_routes(routes, s);
  add_compliance_routes(routes, s);
  add_committee_routes(routes, s);
  add_bank_api_routes(routes, s);
  add_bank_page_routes(routes, s);
  add_payouts_page_routes(routes, s);
  add_calculator_routes(routes, s);
  check_routes(routes);
  return routes;
}

Guard reaching(std::string_view object, std::optional<users::Permission> permission) {
  Guard g(Access::logged_in);
  g.object = object;
  g.permission = permission;
  return g;
}

Guard needing(users::Permission permission) {
  Guard g(Access::logged_in);
  g.permission = permission;
  return g;
}

void check_routes(const std::vector<Route>& routes) {
  for (const auto& r : routes) {
    const bool has_id = r.pattern.find("{id}") != std::string::npos;
    if (has_id && r.guard.object.empty())
      throw std::logic_error(r.method + " " + r.pattern + ": a route with {id} names the object it reaches (reaching(...))");
    if (!has_id && !r.guard.object.empty())
      throw std::logic_error(r.method + " " + r.pattern + ": names an object but has no {id}");
  }
}

}  // namespace hms::http
