// The second factor of a login (TOTP, domain/users/totp.hpp): enrolling one's own account,
// the two-step login of the pages, and the check the API login makes with its "totp" field.
//   auto step = login_password_step(store, clock, rid, "a.admin", password, address, policy);
//   if (step.session) … else the pending token goes into a cookie, and then
//   auto result = login_code_step(store, clock, rid, step.pending_token, "287082", address);
// Nothing is a session until the code is right; a wrong code counts in the login throttle.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/users/authentication.hpp"
#include "domain/users/mfa.hpp"

namespace hms::app {

inline constexpr const char* kTotpIssuer = "hms";

// For login(): nothing for a user without a second factor whom the policy does not require
// to enrol; otherwise throws unauthenticated "users.mfa_enrolment_required",
// "users.mfa_code_required" (no code) or "users.mfa_code_wrong" (see check_second_factor).
void require_second_factor(Store& store, const Clock& clock, const std::string& request_id, const users::User& user,
                           std::string_view code, std::string_view address, LoginPolicy policy);

// Checks a TOTP code (once only: its step is kept) or an unused recovery code (then used up,
// audited users.recovery_code_used). Throttled like the password (begin_attempt: counted
// before the check, forgiven when right); a wrong code stays counted, is audited
// users.mfa_failed, and throws unauthenticated "users.mfa_code_wrong".
void check_second_factor(Store& store, const Clock& clock, const std::string& request_id, const users::User& user,
                         std::string_view code, std::string_view address);

// ---- The two-step login of the pages ----------------------------------------------------------

struct PasswordStep {
  std::optional<LoginResult> session;  // no second factor needed: logged in
  std::string pending_token;           // otherwise: the pending login (a cookie), stored hashed
  users::PendingStage stage = users::PendingStage::code;  // enrol: the policy requires one first
};
PasswordStep login_password_step(Store& store, const Clock& clock, const std::string& request_id,
                                 std::string_view login, std::string_view password, std::string_view address,
                                 LoginPolicy policy);

struct PendingUser {
  users::User user;
  users::PendingStage stage;
};
// The live pending login of a token: none when unknown, expired or the user is disabled.
std::optional<PendingUser> find_pending_login(Store& store, const Clock& clock, std::string_view token);

// The code step. After kPendingLoginAttempts wrong codes, or when the pending login is gone,
// throws unauthenticated "users.mfa_login_expired" (the password must be given again).
LoginResult login_code_step(Store& store, const Clock& clock, const std::string& request_id, std::string_view token,
                            std::string_view code, std::string_view address);

struct EnrolledLogin {
  LoginResult session;
  std::vector<std::string> recovery_codes;
};
// The enrolment step the policy requires: confirms the secret shown (see confirm_enrolment)
// and only then opens the session.
EnrolledLogin login_enrol_step(Store& store, const Clock& clock, const std::string& request_id, std::string_view token,
                               std::string_view code);

// ---- One's own second factor ------------------------------------------------------------------

struct MfaStatus {
  bool enabled = false;
  bool required = false;  // by the policy, for this user's role
  int recovery_codes_left = 0;
};
MfaStatus mfa_status(Store& store, const Context& ctx, LoginPolicy policy);

// A secret being enrolled: shown as a QR code of `uri` and as text (base32, in groups of 4).
struct Enrolment {
  std::string secret;  // base32
  std::string uri;     // otpauth://totp/hms:<login>?secret=…
};
// A new random secret (160 bits), not in force until confirmed. Refused (conflict
// "users.mfa_already_enabled") when a second factor is on.
Enrolment start_enrolment(Store& store, const Context& ctx);
// The secret waiting for confirmation, if any.
std::optional<Enrolment> pending_enrolment(Store& store, const Context& ctx);
// The first code of the app turns the second factor on (audited users.mfa_enabled) and answers
// the 10 recovery codes, shown once. A wrong code: validation "users.mfa_code_wrong" on "code";
// nothing waiting: validation "users.mfa_not_enrolling".
std::vector<std::string> confirm_enrolment(Store& store, const Context& ctx, std::string_view code);
// Turning it off asks for the password and a code (or a recovery code); audited
// users.mfa_disabled. Validation "users.wrong_current_password" on "password",
// "users.mfa_code_wrong" on "code"; refused ("users.mfa_required") while the policy requires it.
void disable_mfa(Store& store, const Context& ctx, std::string_view password, std::string_view code,
                 std::string_view address, LoginPolicy policy);

}  // namespace hms::app
