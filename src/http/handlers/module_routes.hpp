// The routes of every module, each added by a function in the module's folder
// (handlers/<module>/). routes.cpp calls them in order; a new module adds one line here and one there.
#pragma once
#include <vector>

#include "http/server.hpp"

namespace hms::http {

void add_session_routes(std::vector<Route>& routes, Services& s);
void add_dashboard_routes(std::vector<Route>& routes, Services& s);
void add_agency_routes(std::vector<Route>& routes, Services& s);
void add_user_routes(std::vector<Route>& routes, Services& s);
void add_account_routes(std::vector<Route>& routes, Services& s);
// GET/POST /login/code, /login/enrol; /account/mfa…; the API: /api/v1/me/mfa… (users/mfa_pages.cpp)
void add_mfa_routes(std::vector<Route>& routes, Services& s);
void add_audit_routes(std::vector<Route>& routes, Services& s);
void add_calculator_routes(std::vector<Route>& routes, Services& s);
void add_static_routes(std::vector<Route>& routes, Services& s);
void add_rules_routes(std::vector<Route>& routes, Services& s);
void add_stock_api_routes(std::vector<Route>& routes, Services& s);
void add_stock_page_routes(std::vector<Route>& routes, Services& s);
void add_owner_api_routes(std::vector<Route>& routes, Services& s);
void add_owner_page_routes(std::vector<Route>& routes, Services& s);
void add_contract_page_routes(std::vector<Route>& routes, Services& s);
void add_indexation_page_routes(std::vector<Route>& routes, Services& s);
void add_import_page_routes(std::vector<Route>& routes, Services& s);
// GET /search: the header's search box (search/search_pages.cpp)
void add_search_routes(std::vector<Route>& routes, Services& s);
// Documents attached to dwellings, owners and owner contracts (attachments/attachment_pages.cpp)
void add_attachment_routes(std::vector<Route>& routes, Services& s);
void add_applicant_api_routes(std::vector<Route>& routes, Services& s);
void add_applicant_page_routes(std::vector<Route>& routes, Services& s);
// Leases and the income mix (leases/lease_api.cpp, leases/lease_pages.cpp)
void add_lease_api_routes(std::vector<Route>& routes, Services& s);
void add_lease_page_routes(std::vector<Route>& routes, Services& s);
// The ledger and the rent run (ledger/ledger_api.cpp, ledger/ledger_pages.cpp)
void add_ledger_api_routes(std::vector<Route>& routes, Services& s);
void add_ledger_page_routes(std::vector<Route>& routes, Services& s);
// The helpdesk: /api/v1/support/… and /support/… (support/helpdesk_api.cpp, support/helpdesk_pages.cpp)
void add_support_api_routes(std::vector<Route>& routes, Services& s);
void add_support_page_routes(std::vector<Route>& routes, Services& s);
// Allocation: /api/v1/dwellings/{id}/candidates|decisions, /dwellings/{id}/candidates, /settings/priorities
// (allocation/allocation_api.cpp, allocation/allocation_pages.cpp)
void add_allocation_api_routes(std::vector<Route>& routes, Services& s);
void add_allocation_page_routes(std::vector<Route>& routes, Services& s);
// The accounting export: the ledger's entries for the accounting software
// (accounting/accounting_api.cpp, accounting/accounting_pages.cpp)
void add_accounting_api_routes(std::vector<Route>& routes, Services& s);
void add_accounting_page_routes(std::vector<Route>& routes, Services& s);
// Arrears: what the households owe, by age, and the reminder ladder (arrears/arrears_api.cpp,
// arrears/arrears_pages.cpp)
void add_arrears_api_routes(std::vector<Route>& routes, Services& s);
void add_arrears_page_routes(std::vector<Route>& routes, Services& s);
// Subsidies: the inventory of 30 September, its frozen copies, derogations (subsidies/subsidies_api.cpp,
// subsidies/subsidies_pages.cpp); oversight: declared stock and adoption (oversight/oversight_*.cpp)
void add_subsidies_api_routes(std::vector<Route>& routes, Services& s);
void add_subsidies_page_routes(std::vector<Route>& routes, Services& s);
void add_subsidy_request_page_routes(std::vector<Route>& routes, Services& s);
void add_oversight_api_routes(std::vector<Route>& routes, Services& s);
void add_oversight_page_routes(std::vector<Route>& routes, Services& s);
void add_compliance_routes(std::vector<Route>& routes, Services& s);
void add_committee_routes(std::vector<Route>& routes, Services& s);
// The bank: /api/v1/bank/movements…, /bank…, /settings/bank-accounts (bank/bank_api.cpp, bank/bank_pages.cpp)
void add_bank_api_routes(std::vector<Route>& routes, Services& s);
void add_bank_page_routes(std::vector<Route>& routes, Services& s);
// The owner payment run: /payouts, its SEPA file and confirmation (payouts/payouts_pages.cpp)
void add_payouts_page_routes(std::vector<Route>& routes, Services& s);

}  // namespace hms::http
