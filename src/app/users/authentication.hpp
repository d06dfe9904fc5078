// Logging in and out, and finding the user behind a session token. Used by the login
// form, the JSON API (POST/DELETE /api/v1/session) and every authenticated request.
#pragma once
#include <optional>
#include <string>

#include "app/context.hpp"

namespace hms::app {

struct LoginResult {
  std::string token;  // 256-bit, hex: the cookie value and the bearer token; shown once
  std::string csrf_token;
  users::User user;
};

// Throws DomainError: unauthenticated "users.wrong_credentials" (unknown login, wrong password
// or disabled user: the same answer), too_many_requests "users.too_many_attempts" with param
// "seconds". Every failure and success is audited (without the password, of course).
LoginResult login(Store& store, const Clock& clock, const std::string& request_id, std::string_view login,
                  std::string_view password, std::string_view address);

struct Authenticated {
  users::User user;
  users::Session session;
};

// The live session for a token, or none (unknown, expired — then removed — or user disabled).
// Refreshes the idle timer at most once a minute.
std::optional<Authenticated> authenticate(Store& store, const Clock& clock, std::string_view token);

// Ends the session of this token (no-op if unknown).
void logout(Store& store, const Context& ctx, std::string_view token);

}  // namespace hms::app
