// The password rules (ASVS 6.2): at least 12 characters, at most 128, no composition
// rules, and not one of the most common passwords (nor the login itself). E.g.
// "correct horse battery" is fine; "azertyuiop123" and "motdepasse2024" are refused.
#pragma once
#include <string_view>

namespace hms::users {

inline constexpr std::size_t kPasswordMinLength = 12;  // counted in characters (UTF-8 code points)
inline constexpr std::size_t kPasswordMaxLength = 128;

// Throws DomainError(validation) with field "password": users.password_too_short,
// users.password_too_long, users.password_too_common, users.password_contains_login.
void check_password(std::string_view password, std::string_view login);

}  // namespace hms::users
