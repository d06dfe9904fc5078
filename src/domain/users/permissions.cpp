#include "domain/users/permissions.hpp"

#include <array>

namespace hms::users {
namespace {

struct Grant {
  Permission permission;
  std::string_view name;
  // agency_staff, agency_admin, federation, region, system_admin
  std::array<bool, 5> roles;
};

// The whole matrix. A row per permission, a column per role (in the order of Role).
//                                                      staff  admin  fed    region sysadm
constexpr std::array kMatrix = {
    Grant{Permission::dashboard_view, "dashboard_view", {true, true, true, true, true}},
    Grant{Permission::agencies_view, "agencies_view", {true, true, true, true, true}},
    Grant{Permission::agencies_manage, "agencies_manage", {false, false, false, false, true}},
    Grant{Permission::users_view, "users_view", {false, true, false, false, true}},
    Grant{Permission::users_manage, "users_manage", {false, true, false, false, true}},
    Grant{Permission::users_manage_any_role, "users_manage_any_role", {false, false, false, false, true}},
    Grant{Permission::audit_view, "audit_view", {false, true, false, true, true}},
    Grant{Permission::calculators_use, "calculators_use", {true, true, true, true, true}},
    Grant{Permission::rules_manage, "rules_manage", {false, false, false, true, true}},
    Grant{Permission::stock_view, "stock_view", {true, true, true, true, false}},
    Grant{Permission::stock_manage, "stock_manage", {true, true, false, false, false}},
    Grant{Permission::owners_view, "owners_view", {true, true, false, true, false}},
    Grant{Permission::owners_manage, "owners_manage", {true, true, false, false, false}},
    Grant{Permission::agency_settings_manage, "agency_settings_manage", {false, true, false, false, false}},
    // Documents are the agency's working files (signed contracts, photos of a home): read and
    // changed by the agency only, never the federation, region or system admin (ADR 0010).
    Grant{Permission::attachments_view, "attachments_view", {true, true, false, false, false}},
    Grant{Permission::attachments_manage, "attachments_manage", {true, true, false, false, false}},
    // Applicants (contract D): the agency's users only; the region and the federation see
    // figures (sections F and G), the system admin nothing of them.
    Grant{Permission::applicants_view, "applicants_view", {true, true, false, false, false}},
    Grant{Permission::applicants_manage, "applicants_manage", {true, true, false, false, false}},
    // Leases are households' personal data (contract D): the agency only. The income mix is a
    // figure without personal data: the region and the federation read it for every agency.
    Grant{Permission::leases_view, "leases_view", {true, true, false, false, false}},
    Grant{Permission::leases_manage, "leases_manage", {true, true, false, false, false}},
    Grant{Permission::income_mix_view, "income_mix_view", {true, true, true, true, false}},
    // The helpdesk (issue 13): agencies ask, the federation triages and writes the knowledge
    // base, the maintainers (system admin) see the defects forwarded to them; the region sees
    // only the response-time figures (how the support works, never what was asked).
    Grant{Permission::support_ask, "support_ask", {true, true, false, false, false}},
    Grant{Permission::support_triage, "support_triage", {false, false, true, false, false}},
    Grant{Permission::support_knowledge_manage, "support_knowledge_manage", {false, false, true, false, false}},
    Grant{Permission::support_figures, "support_figures", {false, false, true, true, false}},
    Grant{Permission::support_maintain, "support_maintain", {false, false, false, false, true}},
    // Coaching and trainings (issue 13.4): the federation records them; the Region and the
    // federation read them on the committee's page (adoption_view).
    Grant{Permission::coaching_manage, "coaching_manage", {false, false, true, false, false}},
    // The ledger (issue 10, contract E): a household's account is personal data, the agency's
    // only; its staff posts the rent run, only its admin closes a period.
    Grant{Permission::ledger_view, "ledger_view", {true, true, false, false, false}},
    Grant{Permission::ledger_post, "ledger_post", {true, true, false, false, false}},
    Grant{Permission::ledger_close, "ledger_close", {false, true, false, false, false}},
    // Erasing a household (GDPR art. 17) cannot be undone: the agency admin only.
    Grant{Permission::personal_data_erase, "personal_data_erase", {false, true, false, false, false}},
    // Handing the month to the accountant (issue 11.3): the tenants' and owners' names go with it.
    Grant{Permission::accounting_export, "accounting_export", {true, true, false, false, false}},
    // The month at a glance (issue 11.4): sums without a name, so the Region and the federation
    // follow every agency's collection.
    Grant{Permission::money_figures_view, "money_figures_view", {true, true, true, true, false}},
    // The owner payment run (issue 11.2) reads owners' IBANs and posts: as ledger_post.
    Grant{Permission::payouts_run, "payouts_run", {true, true, false, false, false}},
    // Subsidies and regional control (issue 12, contract F): the inventory carries no names
    // (the household's band only), so the region and the federation read every agency's; only
    // the agency admin freezes and submits it; only the region records derogations and the
    // declared stock. Adoption is the Region's view of every agency: agency roles get 403.
    Grant{Permission::inventory_view, "inventory_view", {true, true, true, true, false}},
    Grant{Permission::inventory_submit, "inventory_submit", {false, true, false, false, false}},
    Grant{Permission::derogations_manage, "derogations_manage", {false, false, false, true, false}},
    Grant{Permission::declared_stock_manage, "declared_stock_manage", {false, false, false, true, false}},
    Grant{Permission::adoption_view, "adoption_view", {false, false, true, true, false}},
    // The subsidy request (issue 12.2): made and answered by the agency admin (inventory_submit),
    // read like the inventory (inventory_view), decided and paid by the region only.
    Grant{Permission::subsidy_review, "subsidy_review", {false, false, false, true, false}},
};

const Grant* find(Permission p) {
  for (const auto& g : kMatrix)
    if (g.permission == p) return &g;
  return nullptr;
}

}  // namespace

bool allows(Role role, Permission permission) {
  const Grant* g = find(permission);
  return g != nullptr && g->roles[static_cast<std::size_t>(role)];  // fails closed
}

std::string_view to_string(Permission p) {
  const Grant* g = find(p);
  return g ? g->name : "unknown";
}

}  // namespace hms::users
