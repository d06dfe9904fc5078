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

// Which users need a second factor (hms serve --require-mfa; app/users/mfa.hpp).
struct LoginPolicy {
  bool require_mfa = false;  // agency admins, federation, region and system admins must use one
};

// Throws DomainError: unauthenticated "users.wrong_credentials" (unknown login, wrong password
// or disabled user: the same answer), too_many_requests "users.too_many_attempts" with param
// "seconds". Every failure and success is audited (without the password, of course).
// A user with a second factor gives its code (or a recovery code) as `second_factor`, else
// unauthenticated "users.mfa_code_required" or "users.mfa_code_wrong"; a user the policy
// requires to enrol gets "users.mfa_enrolment_required" (enrolment is on the pages).
LoginResult login(Store& store, const Clock& clock, const std::string& request_id, std::string_view login,
                  std::string_view password, std::string_view address, std::string_view second_factor = {},
                  LoginPolicy policy = {});

// The two halves of login(), for the two-step login of the pages (app/users/mfa.hpp):
// the throttle and the password (throws as login() does; opens nothing) …
users::User check_login_password(Store& store, const Clock& clock, const std::string& request_id, std::string_view login,
                                 std::string_view password, std::string_view address);
// … and a new session for a user whose every factor is checked (clears the login's throttle
// counter).
LoginResult open_session(Store& store, const Clock& clock, const std::string& request_id, const users::User& user);

// The login throttle (domain/users/throttle.hpp), for the password and for the second factor.
// An attempt: throws too_many_requests "users.too_many_attempts" while the login or the address
// must wait; otherwise counts the attempt as a failure of both now, before its secret is
// checked, the keys' rows locked (parallel attempts are counted one after the other). No login:
// the address alone (a string that cannot be a login is no key); no address (""): the login
// alone (a password asked again inside a session) …
void begin_attempt(Store& store, std::int64_t now, std::optional<std::string_view> login_lower,
                   std::string_view address);
// … and, when its secret was right, the attempt forgiven (one failure less on both keys).
void forgive_attempt(Store& store, std::string_view login_lower, std::string_view address);

// The logged-in user's own password, asked again before a sensitive change (a new password, a
// new IBAN, turning the second factor off): an attempt on the user's login key like a login, so
// a borrowed session cannot guess it at Argon2id's speed (too_many_requests once throttled).
// Wrong: DomainError(validation, wrong_code) on `field`.
void check_own_password(Store& store, const Context& ctx, std::string_view password, const char* field,
                        const char* wrong_code);

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
