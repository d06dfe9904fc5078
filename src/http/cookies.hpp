// The cookies hms sets: the session (HttpOnly, SameSite=Lax, Secure over HTTPS) and the
// login form's double-submit CSRF cookie (before there is a session to hold the token).
#pragma once
#include <string>

namespace hms::http {

inline std::string cookie(const std::string& name, const std::string& value, bool secure, int max_age) {
  std::string c = name + "=" + value + "; Path=/; HttpOnly; SameSite=Lax";
  if (secure) c += "; Secure";
  if (max_age >= 0) c += "; Max-Age=" + std::to_string(max_age);
  return c;
}

inline std::string clear_cookie(const std::string& name, bool secure) { return cookie(name, "", secure, 0); }

}  // namespace hms::http
