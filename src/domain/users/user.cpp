#include "domain/users/user.hpp"

#include "common/error.hpp"
#include "common/text.hpp"

namespace hms::users {

std::string validate_login(std::string_view login) {
  std::string lower = to_lower_ascii(login);
  bool ok = lower.size() >= 3 && lower.size() <= 64;
  for (char l : lower) {
    bool allowed = (l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') || l == '.' || l == '_' ||
                   l == '@' || l == '-';
    if (!allowed) ok = false;
  }
  if (!ok) throw DomainError(ErrorKind::validation, "users.invalid_login").field("login");
  return lower;
}

void validate_name(std::string_view name) {
  if (name.empty() || name.size() > 200)
    throw DomainError(ErrorKind::validation, "users.invalid_name").field("name");
}

}  // namespace hms::users
