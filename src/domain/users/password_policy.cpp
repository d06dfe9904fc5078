#include "domain/users/password_policy.hpp"

#include <algorithm>
#include <string>
#include <unordered_set>

#include "common/embedded.hpp"
#include "common/error.hpp"
#include "common/text.hpp"

namespace hms::embedded {
std::span<const File> domain_data();
}

namespace hms::users {
namespace {

const std::unordered_set<std::string>& common_passwords() {
  static const std::unordered_set<std::string> set = [] {
    std::unordered_set<std::string> s;
    auto text = embedded::find(embedded::domain_data(), "users/common_passwords.txt").value();
    std::size_t pos = 0;
    while (pos < text.size()) {
      auto end = text.find('\n', pos);
      if (end == std::string_view::npos) end = text.size();
      auto line = text.substr(pos, end - pos);
      if (!line.empty() && line.front() != '#') s.insert(to_lower_ascii(line));
      pos = end + 1;
    }
    return s;
  }();
  return set;
}

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// "Password2024!" -> "password": the common stem behind trailing digits and symbols.
std::string stem(std::string_view lower) {
  std::size_t end = lower.size();
  while (end > 0 && !std::isalpha(static_cast<unsigned char>(lower[end - 1]))) --end;
  return std::string(lower.substr(0, end));
}

}  // namespace

void check_password(std::string_view password, std::string_view login) {
  auto fail = [](const char* code) {
    return DomainError(ErrorKind::validation, code)
        .param("min", std::to_string(kPasswordMinLength))
        .param("max", std::to_string(kPasswordMaxLength))
        .field("password");
  };
  std::size_t n = code_points(password);
  if (n < kPasswordMinLength) throw fail("users.password_too_short");
  if (n > kPasswordMaxLength) throw fail("users.password_too_long");
  std::string lower = to_lower_ascii(password);
  const auto& common = common_passwords();
  const bool only_digits = std::all_of(lower.begin(), lower.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (only_digits || common.contains(lower) || common.contains(stem(lower))) throw fail("users.password_too_common");
  std::string lower_login = to_lower_ascii(login);
  if (lower_login.size() >= 3 && lower.find(lower_login) != std::string::npos)
    throw fail("users.password_contains_login");
}

}  // namespace hms::users
