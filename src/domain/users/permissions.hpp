// The permission matrix: which role may do what, in one reviewable table
// (permissions.cpp). Which *agency's* data a permission reaches is decided by the scope
// (scope.hpp), never by a request parameter. E.g. agency_admin may users_manage, but only
// the users of its own agency.
#pragma once
#include <string_view>

#include "domain/users/role.hpp"

namespace hms::users {

enum class Permission {
  dashboard_view,         // see the dashboard of one's role
  agencies_view,          // list agencies (agency roles: only their own)
  agencies_manage,        // create agencies
  users_view,             // list users (agency_admin: own agency only)
  users_manage,           // create, disable and enable users (agency_admin: own agency only)
  users_manage_any_role,  // create users of the federation, region and system_admin roles
  audit_view,             // read the audit log (agency_admin: own agency only)
  calculators_use,        // the public calculators (indexation, eligibility)
  rules_manage,           // load new regulatory tables (index months, admission incomes)
  stock_view,             // dwellings and their history (agency roles: own agency only)
  stock_manage,           // create and change dwellings, import the stock
  owners_view,            // owners and owner contracts: personal data, never the federation
  owners_manage,          // create and change owners and owner contracts
  agency_settings_manage, // the agency's settings, e.g. its default management fee (agency_admin: own agency)
  attachments_view,       // list and download the documents attached to what one also reads (agency roles only)
  attachments_manage,     // attach documents and delete them, on what one also changes (agency roles only)
  applicants_view,        // applicants, their households and candidacies: personal data, the agency only
  applicants_manage,      // register and change applicants, propose candidates and record decisions
  leases_view,            // read the agency's leases (personal data: agency roles only)
  leases_manage,          // create, change, give notice on and end leases
  income_mix_view,        // the two-thirds figures: one's agency, or every agency for the region and federation
  support_ask,            // ask the helpdesk, follow and comment the agency's tickets (agency roles: own agency only)
  support_triage,         // the federation's queue of every agency's tickets: triage, answer, comment
  support_knowledge_manage, // write, change and publish knowledge-base articles
  support_figures,        // the helpdesk's response-time figures per agency and category (no ticket text)
  support_maintain,       // the maintainers' queue: tickets the federation forwarded as defects
  ledger_view,            // the agency's ledger: balances, statements, trial balance (agency roles: own agency only)
  ledger_post,            // post into the ledger: the monthly rent run, reversals
  ledger_close,           // close the ledger's periods (agency admin)
  personal_data_erase,    // erase a household's personal data (GDPR art. 17; agency admin)
  accounting_export,      // export the ledger's entries to the accounting software (agency roles)
  money_figures_view,     // a month's called, collected and owners' figures: own agency, or every agency's for the region and federation (no names)
  inventory_view,         // the inventory of 30 September: own agency, or any agency for the region and federation (no personal data)
  inventory_submit,       // freeze and submit the agency's inventory (agency admin)
  derogations_manage,     // record a derogation raising an agency's cap of subsidisable dwellings (region)
  declared_stock_manage,  // record the stock an agency declared outside hms (region)
  adoption_view,          // the use of hms per agency and module (region and federation; agency roles 403)
  coaching_manage,        // record the federation's coaching sessions and trainings (federation)
  subsidy_review,         // accept, question or reject an agency's subsidy request, record a tranche paid (region)
  payouts_run,            // the owner payment run: its SEPA file and its confirmation (agency roles: own agency only)
};

bool allows(Role role, Permission permission);
std::string_view to_string(Permission p);

}  // namespace hms::users
