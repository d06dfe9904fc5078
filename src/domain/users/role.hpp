// The five roles of hms (product.md, "Who uses it"). An agency role always comes with
// its agency; the others see across agencies. E.g. a social worker of AIS Molenbeek is
// agency_staff of agency 'AIS-MOLENBEEK'; a Bruxelles Logement controller is region.
#pragma once
#include <array>
#include <optional>
#include <string_view>

namespace hms::users {

enum class Role { agency_staff, agency_admin, federation, region, system_admin };

inline constexpr std::array kAllRoles = {Role::agency_staff, Role::agency_admin, Role::federation,
                                         Role::region, Role::system_admin};

constexpr std::string_view to_string(Role r) {
  switch (r) {
    case Role::agency_staff: return "agency_staff";
    case Role::agency_admin: return "agency_admin";
    case Role::federation: return "federation";
    case Role::region: return "region";
    case Role::system_admin: return "system_admin";
  }
  return "";
}

inline std::optional<Role> parse_role(std::string_view s) {
  for (Role r : kAllRoles)
    if (to_string(r) == s) return r;
  return std::nullopt;
}

// Agency roles belong to exactly one agency; the others to none.
constexpr bool is_agency_role(Role r) { return r == Role::agency_staff || r == Role::agency_admin; }

}  // namespace hms::users
