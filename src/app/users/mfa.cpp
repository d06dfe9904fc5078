#include "app/users/mfa.hpp"

#include <sodium.h>

#include <array>

#include "app/users/authentication.hpp"
#include "app/users/passwords.hpp"
#include "domain/users/totp.hpp"

namespace hms::app {
namespace {

const users::User& acting_user(const Context& ctx) {
  if (!ctx.user) throw DomainError(ErrorKind::unauthenticated, "common.unauthenticated");
  return *ctx.user;
}

std::string new_secret() {
  std::array<unsigned char, users::kTotpSecretBytes> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

Enrolment enrolment_of(const users::User& user, const std::string& secret) {
  return {users::base32_encode(secret), users::otpauth_uri(kTotpIssuer, user.login, secret)};
}

bool must_enrol(const users::User& user, LoginPolicy policy) {
  return policy.require_mfa && users::mfa_required_for(user.role);
}

struct LivePending {
  users::PendingLogin pending;
  users::User user;
};

std::optional<LivePending> live_pending(Store& store, const Clock& clock, std::string_view token) {
  if (token.size() != 64) return std::nullopt;
  auto uow = store.read();
  auto pending = uow->mfa().find_pending(token_hash(token));
  if (!pending || pending->expires_at <= clock.now_seconds()) return std::nullopt;
  auto user = uow->users().find_by_id(pending->user_id);
  if (!user || user->disabled) return std::nullopt;
  return LivePending{std::move(*pending), std::move(*user)};
}

void end_pending(Store& store, std::int64_t id) {
  auto uow = store.write();
  uow->mfa().remove_pending(id);
  uow->commit();
}

DomainError login_expired() { return DomainError(ErrorKind::unauthenticated, "users.mfa_login_expired"); }

}  // namespace

void require_second_factor(Store& store, const Clock& clock, const std::string& request_id, const users::User& user,
                           std::string_view code, std::string_view address, LoginPolicy policy) {
  auto secret = store.read()->mfa().find(user.id);
  if (!secret || !secret->enabled) {
    if (must_enrol(user, policy)) throw DomainError(ErrorKind::unauthenticated, "users.mfa_enrolment_required");
    return;
  }
  if (code.empty()) throw DomainError(ErrorKind::unauthenticated, "users.mfa_code_required");
  check_second_factor(store, clock, request_id, user, code, address);
}

void check_second_factor(Store& store, const Clock& clock, const std::string& request_id, const users::User& user,
                         std::string_view code, std::string_view address) {
  const std::int64_t now = clock.now_seconds();
  Context ctx{clock, request_id, user, std::nullopt};
  // 1. Throttled? The same counters as the password, and the attempt counted as a failure
  //    before the code is checked: a code is guessed no faster than a password.
  begin_attempt(store, now, user.login, address);
  // 2. A code of the window later than the last one accepted (the UPDATE decides, so two
  //    requests racing with the same code cannot both pass), or an unused recovery code. Right,
  //    the attempt is forgiven.
  {
    auto uow = store.write();
    auto secret = uow->mfa().find(user.id);
    bool ok = false;
    if (secret && secret->enabled) {
      if (auto step = users::totp_match(secret->secret, code, now, secret->last_step)) {
        ok = uow->mfa().use_step(user.id, *step);
      } else if (users::looks_like_recovery_code(code) &&
                 uow->mfa().use_recovery_code(user.id, users::recovery_code_hash(user.id, code), now)) {
        record(*uow, ctx, "users.recovery_code_used", "users", std::to_string(user.id), user.agency_id);
        ok = true;
      }
    }
    if (ok) {
      uow->commit();
      forgive_attempt(store, user.login, address);
      return;
    }
  }
  // 3. Wrong: it stays counted in the throttle, and is audited (never the code typed).
  auto uow = store.write();
  record(*uow, ctx, "users.mfa_failed", "users", std::to_string(user.id), user.agency_id);
  uow->commit();
  throw DomainError(ErrorKind::unauthenticated, "users.mfa_code_wrong");
}

PasswordStep login_password_step(Store& store, const Clock& clock, const std::string& request_id,
                                 std::string_view login, std::string_view password, std::string_view address,
                                 LoginPolicy policy) {
  users::User user = check_login_password(store, clock, request_id, login, password, address);
  const std::int64_t now = clock.now_seconds();
  PasswordStep step;
  auto secret = store.read()->mfa().find(user.id);
  if (secret && secret->enabled) {
    step.stage = users::PendingStage::code;
  } else if (must_enrol(user, policy)) {
    step.stage = users::PendingStage::enrol;
  } else {
    step.session = open_session(store, clock, request_id, user);
    return step;
  }
  // Not a session: a pending login that only the code step (or the enrolment) can complete.
  step.pending_token = random_token();
  const bool enrol = step.stage == users::PendingStage::enrol;
  auto uow = store.write();
  uow->mfa().remove_expired_pending(now);
  uow->mfa().insert_pending({0, user.id, token_hash(step.pending_token), step.stage,
                             now + (enrol ? users::kPendingEnrolSeconds : users::kPendingCodeSeconds), 0});
  if (enrol) uow->mfa().save_unconfirmed(user.id, new_secret(), now);
  uow->commit();
  return step;
}

std::optional<PendingUser> find_pending_login(Store& store, const Clock& clock, std::string_view token) {
  auto found = live_pending(store, clock, token);
  if (!found) return std::nullopt;
  return PendingUser{std::move(found->user), found->pending.stage};
}

LoginResult login_code_step(Store& store, const Clock& clock, const std::string& request_id, std::string_view token,
                            std::string_view code, std::string_view address) {
  auto found = live_pending(store, clock, token);
  if (!found || found->pending.stage != users::PendingStage::code) throw login_expired();
  try {
    check_second_factor(store, clock, request_id, found->user, code, address);
  } catch (const DomainError& e) {
    if (e.code() != "users.mfa_code_wrong") throw;
    if (found->pending.failures + 1 >= users::kPendingLoginAttempts) {
      end_pending(store, found->pending.id);
      throw login_expired();
    }
    auto uow = store.write();
    uow->mfa().count_pending_failure(found->pending.id);
    uow->commit();
    throw;
  }
  end_pending(store, found->pending.id);
  return open_session(store, clock, request_id, found->user);
}

EnrolledLogin login_enrol_step(Store& store, const Clock& clock, const std::string& request_id, std::string_view token,
                               std::string_view code) {
  auto found = live_pending(store, clock, token);
  if (!found || found->pending.stage != users::PendingStage::enrol) throw login_expired();
  Context ctx{clock, request_id, found->user, std::nullopt};
  auto codes = confirm_enrolment(store, ctx, code);
  end_pending(store, found->pending.id);
  return {open_session(store, clock, request_id, found->user), std::move(codes)};
}

MfaStatus mfa_status(Store& store, const Context& ctx, LoginPolicy policy) {
  const users::User& me = acting_user(ctx);
  auto uow = store.read();
  auto secret = uow->mfa().find(me.id);
  MfaStatus status;
  status.enabled = secret && secret->enabled;
  status.required = must_enrol(me, policy);
  status.recovery_codes_left = status.enabled ? uow->mfa().recovery_codes_left(me.id) : 0;
  return status;
}

Enrolment start_enrolment(Store& store, const Context& ctx) {
  const users::User& me = acting_user(ctx);
  auto uow = store.write();
  if (auto existing = uow->mfa().find(me.id); existing && existing->enabled)
    throw DomainError(ErrorKind::conflict, "users.mfa_already_enabled");
  const std::string secret = new_secret();
  uow->mfa().save_unconfirmed(me.id, secret, ctx.clock.now_seconds());
  uow->commit();
  return enrolment_of(me, secret);
}

std::optional<Enrolment> pending_enrolment(Store& store, const Context& ctx) {
  const users::User& me = acting_user(ctx);
  auto secret = store.read()->mfa().find(me.id);
  if (!secret || secret->enabled) return std::nullopt;
  return enrolment_of(me, secret->secret);
}

std::vector<std::string> confirm_enrolment(Store& store, const Context& ctx, std::string_view code) {
  const users::User& me = acting_user(ctx);
  auto uow = store.write();
  auto secret = uow->mfa().find(me.id);
  if (!secret || secret->enabled) throw DomainError(ErrorKind::validation, "users.mfa_not_enrolling").field("code");
  auto step = users::totp_match(secret->secret, code, ctx.clock.now_seconds(), 0);
  if (!step) throw DomainError(ErrorKind::validation, "users.mfa_code_wrong").field("code");
  // On, with its first code used; ten recovery codes, of which only the hashes are kept.
  uow->mfa().enable(me.id, *step);
  std::vector<std::string> codes, hashes;
  for (int i = 0; i < users::kRecoveryCodeCount; ++i) {
    codes.push_back(users::new_recovery_code());
    hashes.push_back(users::recovery_code_hash(me.id, codes.back()));
  }
  uow->mfa().replace_recovery_codes(me.id, hashes);
  record(*uow, ctx, "users.mfa_enabled", "users", std::to_string(me.id), me.agency_id);
  uow->commit();
  return codes;
}

void disable_mfa(Store& store, const Context& ctx, std::string_view password, std::string_view code,
                 std::string_view address, LoginPolicy policy) {
  const users::User& me = acting_user(ctx);
  if (must_enrol(me, policy)) throw DomainError(ErrorKind::validation, "users.mfa_required").field("code");
  if (!mfa_status(store, ctx, policy).enabled) throw DomainError(ErrorKind::conflict, "users.mfa_not_enabled");
  check_own_password(store, ctx, password, "password", "users.wrong_current_password");
  try {
    check_second_factor(store, ctx.clock, ctx.request_id, me, code, address);
  } catch (const DomainError& e) {
    if (e.code() != "users.mfa_code_wrong") throw;
    throw DomainError(ErrorKind::validation, "users.mfa_code_wrong").field("code");
  }
  auto uow = store.write();
  uow->mfa().remove(me.id);
  record(*uow, ctx, "users.mfa_disabled", "users", std::to_string(me.id), me.agency_id);
  uow->commit();
}

}  // namespace hms::app
