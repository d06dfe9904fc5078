// The permission matrix, written out again here on purpose: changing who may do what takes
// two edits (permissions.cpp and this table), so that it never changes by accident.
#include <gtest/gtest.h>

#include <array>

#include "domain/users/permissions.hpp"
#include "domain/users/user.hpp"

namespace hms::users {
namespace {

struct Row {
  Permission permission;
  const char* name;
  // agency_staff, agency_admin, federation, region, system_admin
  std::array<bool, 5> allowed;
};

//                                                                   staff  admin  fed    region sysadm
constexpr std::array kExpected = {
    Row{Permission::dashboard_view, "dashboard_view", {true, true, true, true, true}},
    Row{Permission::agencies_view, "agencies_view", {true, true, true, true, true}},
    Row{Permission::agencies_manage, "agencies_manage", {false, false, false, false, true}},
    Row{Permission::users_view, "users_view", {false, true, false, false, true}},
    Row{Permission::users_manage, "users_manage", {false, true, false, false, true}},
    Row{Permission::users_manage_any_role, "users_manage_any_role", {false, false, false, false, true}},
    Row{Permission::audit_view, "audit_view", {false, true, false, true, true}},
    Row{Permission::calculators_use, "calculators_use", {true, true, true, true, true}},
    Row{Permission::rules_manage, "rules_manage", {false, false, false, true, true}},
    Row{Permission::stock_view, "stock_view", {true, true, true, true, false}},
    Row{Permission::stock_manage, "stock_manage", {true, true, false, false, false}},
    Row{Permission::owners_view, "owners_view", {true, true, false, true, false}},
    Row{Permission::owners_manage, "owners_manage", {true, true, false, false, false}},
    Row{Permission::agency_settings_manage, "agency_settings_manage", {false, true, false, false, false}},
    Row{Permission::attachments_view, "attachments_view", {true, true, false, false, false}},
    Row{Permission::attachments_manage, "attachments_manage", {true, true, false, false, false}},
    Row{Permission::applicants_view, "applicants_view", {true, true, false, false, false}},
    Row{Permission::applicants_manage, "applicants_manage", {true, true, false, false, false}},
    Row{Permission::leases_view, "leases_view", {true, true, false, false, false}},
    Row{Permission::leases_manage, "leases_manage", {true, true, false, false, false}},
    Row{Permission::income_mix_view, "income_mix_view", {true, true, true, true, false}},
    Row{Permission::support_ask, "support_ask", {true, true, false, false, false}},
    Row{Permission::support_triage, "support_triage", {false, false, true, false, false}},
    Row{Permission::support_knowledge_manage, "support_knowledge_manage", {false, false, true, false, false}},
    Row{Permission::support_figures, "support_figures", {false, false, true, true, false}},
    Row{Permission::support_maintain, "support_maintain", {false, false, false, false, true}},
    Row{Permission::ledger_view, "ledger_view", {true, true, false, false, false}},
    Row{Permission::ledger_post, "ledger_post", {true, true, false, false, false}},
    Row{Permission::ledger_close, "ledger_close", {false, true, false, false, false}},
    Row{Permission::personal_data_erase, "personal_data_erase", {false, true, false, false, false}},
    Row{Permission::accounting_export, "accounting_export", {true, true, false, false, false}},
    Row{Permission::money_figures_view, "money_figures_view", {true, true, true, true, false}},
    Row{Permission::inventory_view, "inventory_view", {true, true, true, true, false}},
    Row{Permission::inventory_submit, "inventory_submit", {false, true, false, false, false}},
    Row{Permission::derogations_manage, "derogations_manage", {false, false, false, true, false}},
    Row{Permission::declared_stock_manage, "declared_stock_manage", {false, false, false, true, false}},
    Row{Permission::adoption_view, "adoption_view", {false, false, true, true, false}},
    Row{Permission::coaching_manage, "coaching_manage", {false, false, true, false, false}},
    Row{Permission::subsidy_review, "subsidy_review", {false, false, false, true, false}},
    Row{Permission::payouts_run, "payouts_run", {true, true, false, false, false}},
};

TEST(PermissionMatrix, EveryRoleAndPermissionIsAsWritten) {
  for (const auto& row : kExpected) {
    for (std::size_t r = 0; r < kAllRoles.size(); ++r) {
      EXPECT_EQ(allows(kAllRoles[r], row.permission), row.allowed[r])
          << to_string(kAllRoles[r]) << " × " << row.name;
    }
  }
}

TEST(PermissionMatrix, NamesAreStable) {
  for (const auto& row : kExpected) EXPECT_EQ(to_string(row.permission), row.name);
}

TEST(PermissionMatrix, ThisTableListsEveryPermission) {
  // The enum's values run 0..N-1; the one after the last must be unknown to the matrix, so a
  // new permission fails here until it is added to kExpected above.
  EXPECT_EQ(to_string(static_cast<Permission>(kExpected.size())), "unknown")
      << "a permission was added: add its row to kExpected";
  for (std::size_t i = 0; i < kExpected.size(); ++i)
    EXPECT_EQ(static_cast<std::size_t>(kExpected[i].permission), i) << kExpected[i].name;
}

TEST(PermissionMatrix, AnUnknownPermissionIsRefusedToEveryone) {
  for (Role role : kAllRoles) EXPECT_FALSE(allows(role, static_cast<Permission>(1000))) << to_string(role);
}

TEST(Roles, NamesParseBackAndAgencyRolesAreTheTwo) {
  EXPECT_EQ(kAllRoles.size(), 5u);
  for (Role role : kAllRoles) EXPECT_EQ(parse_role(to_string(role)), role);
  EXPECT_EQ(parse_role("Agency_Staff"), std::nullopt);
  EXPECT_EQ(parse_role(""), std::nullopt);
  EXPECT_EQ(parse_role("admin"), std::nullopt);
  EXPECT_TRUE(is_agency_role(Role::agency_staff));
  EXPECT_TRUE(is_agency_role(Role::agency_admin));
  EXPECT_FALSE(is_agency_role(Role::federation));
  EXPECT_FALSE(is_agency_role(Role::region));
  EXPECT_FALSE(is_agency_role(Role::system_admin));
}

TEST(Scope, AgencyRolesReachTheirAgencyOnlyOthersReachAll) {
  User staff;
  staff.role = Role::agency_staff;
  staff.agency_id = 7;
  EXPECT_TRUE(Scope::of(staff).reaches(7));
  EXPECT_FALSE(Scope::of(staff).reaches(8));
  User region;
  region.role = Role::region;
  EXPECT_TRUE(Scope::of(region).reaches(7));
  EXPECT_TRUE(Scope::of(region).reaches(8));
  // A cross-agency role never gets a narrower scope from a stray agency_id, nor the reverse.
  region.agency_id = 7;
  EXPECT_FALSE(Scope::of(region).agency_id.has_value());
}

}  // namespace
}  // namespace hms::users
