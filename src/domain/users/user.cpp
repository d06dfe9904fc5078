#include "domain/users/user.hpp"

#include "common/error.hpp"

namespace hms::users {

std::string validate_login(std::string_view login) {
  std::string lower;
  bool ok = login.size() >= 3 && login.size() <= 64;
  for (char c : login) {
    char l = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    bool allowed = (l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') || l == '.' || l == '_' ||
                   l == '@' || l == '-';
    if (!allowed) ok = false;
    lower += l;
  }
  if (!ok) throw DomainError(ErrorKind::validation, "users.invalid_login").field("login");
  return lower;
}

void validate_name(std::string_view name) {
  if (name.empty() || name.size() > 200)
    throw DomainError(ErrorKind::validation, "users.invalid_name").field("name");
}

}  // namespace hms::users
