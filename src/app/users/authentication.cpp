#include "app/users/authentication.hpp"

#include <vector>

#include "app/users/mfa.hpp"
#include "app/users/passwords.hpp"
#include "domain/users/throttle.hpp"

namespace hms::app {
namespace {

constexpr std::int64_t kTouchEverySeconds = 60;

// A failed login: nobody is authenticated, so the actor is "anonymous"; the object is the
// account that was tried, if it exists (never the password, nor a login that does not exist).
void audit_failed_login(Store& store, const Clock& clock, const std::string& request_id, const users::User* user) {
  auto uow = store.write();
  audit::AuditEntry e;
  e.at = clock.now_seconds();
  e.actor_login = "anonymous";
  e.agency_id = user ? user->agency_id : std::nullopt;
  e.action = "users.login_failed";
  e.object_type = "users";
  e.object_id = user ? std::to_string(user->id) : "-";
  e.request_id = request_id;
  uow->audit().append(std::move(e));
  uow->commit();
}

}  // namespace

void begin_attempt(Store& store, std::int64_t now, std::optional<std::string_view> login_lower,
                   std::string_view address) {
  std::vector<std::pair<std::string, users::ThrottleRule>> keys;
  if (!address.empty()) keys.emplace_back(users::throttle_address_key(address), users::kThrottleAddress);
  if (login_lower) keys.emplace_back(users::throttle_login_key(*login_lower), users::kThrottleLogin);
  auto uow = store.write();
  for (auto prefix : {users::kThrottleLoginPrefix, users::kThrottleAddressPrefix})
    uow->throttle().purge(prefix, now - users::kThrottleWindowSeconds);
  std::int64_t wait = 0;
  for (const auto& [key, rule] : keys) wait = std::max(wait, users::throttle_wait(uow->throttle().lock(key), now, rule));
  if (wait > 0)
    throw DomainError(ErrorKind::too_many_requests, "users.too_many_attempts").param("seconds", std::to_string(wait));
  for (const auto& [key, rule] : keys) uow->throttle().record_failure(key, now);
  uow->commit();
}

users::User check_login_password(Store& store, const Clock& clock, const std::string& request_id,
                                 std::string_view login_name, std::string_view password, std::string_view address) {
  const std::int64_t now = clock.now_seconds();
  // 1. Only a login that could exist becomes a throttle key (not any string of any length); any
  //    other is refused like a wrong password, its attempt counted against the address alone.
  std::optional<std::string> login_lower;
  try {
    login_lower = users::validate_login(login_name);
  } catch (const DomainError&) {
  }

  // 2. Throttled? Answer before checking the password, so guessing gains nothing. Otherwise
  //    count the attempt as a failure now, before the password is checked, with the keys' rows
  //    locked: parallel guesses are counted one after the other, and only the rule's free ones
  //    get to the password. A refused attempt is neither counted nor audited.
  begin_attempt(store, now, login_lower, address);
  std::optional<users::User> user;
  if (login_lower) user = store.read()->users().find_by_login(*login_lower);

  // 3. Check the password (Argon2id, outside any transaction: it takes tens of milliseconds).
  bool ok = false;
  if (user && user->password_hash && !user->disabled)
    ok = verify_password(*user->password_hash, password);
  else
    verify_password_dummy(password);

  if (!ok) {
    audit_failed_login(store, clock, request_id, user ? &*user : nullptr);
    throw DomainError(ErrorKind::unauthenticated, "users.wrong_credentials");
  }
  // 4. Right: this attempt is forgiven (not the others: a second factor still to come does not
  //    reset the login's counter, and an office's morning logins do not add up to a lock).
  forgive_attempt(store, user->login, address);
  return *user;
}

void forgive_attempt(Store& store, std::string_view login_lower, std::string_view address) {
  auto uow = store.write();
  uow->throttle().forgive_one(users::throttle_login_key(login_lower));
  if (!address.empty()) uow->throttle().forgive_one(users::throttle_address_key(address));
  uow->commit();
}

void check_own_password(Store& store, const Context& ctx, std::string_view password, const char* field,
                        const char* wrong_code) {
  if (!ctx.user) throw DomainError(ErrorKind::unauthenticated, "common.unauthenticated");
  const users::User& me = *ctx.user;
  begin_attempt(store, ctx.clock.now_seconds(), me.login, "");
  if (!me.password_hash || !verify_password(*me.password_hash, password))
    throw DomainError(ErrorKind::validation, wrong_code).field(field);
  forgive_attempt(store, me.login, "");
}

LoginResult open_session(Store& store, const Clock& clock, const std::string& request_id, const users::User& user) {
  // A new session (a new token at every login), and the login's counter cleared. Not the
  // address's: one valid account must not reset the limit of a guessing machine.
  const std::int64_t now = clock.now_seconds();
  LoginResult result{random_token(), random_token(), user};
  auto uow = store.write();
  uow->throttle().clear(users::throttle_login_key(user.login));
  uow->sessions().remove_expired(now);
  uow->sessions().insert({0, user.id, token_hash(result.token), result.csrf_token, now, now});
  Context ctx{clock, request_id, user, std::nullopt};
  record(*uow, ctx, "users.login", "users", std::to_string(user.id), user.agency_id);
  uow->commit();
  return result;
}

LoginResult login(Store& store, const Clock& clock, const std::string& request_id, std::string_view login_name,
                  std::string_view password, std::string_view address, std::string_view second_factor,
                  LoginPolicy policy) {
  users::User user = check_login_password(store, clock, request_id, login_name, password, address);
  require_second_factor(store, clock, request_id, user, second_factor, address, policy);
  return open_session(store, clock, request_id, user);
}

std::optional<Authenticated> authenticate(Store& store, const Clock& clock, std::string_view token) {
  if (token.size() != 64) return std::nullopt;
  const std::int64_t now = clock.now_seconds();
  std::optional<Authenticated> found;
  bool expired = false;
  {
    auto uow = store.read();
    auto session = uow->sessions().find_by_token_hash(token_hash(token));
    if (!session) return std::nullopt;
    if (users::session_expired(*session, now)) {
      expired = true;
    } else {
      auto user = uow->users().find_by_id(session->user_id);
      if (!user || user->disabled) return std::nullopt;
      found = Authenticated{std::move(*user), *session};
    }
  }
  if (expired || now - found->session.last_seen_at >= kTouchEverySeconds) {
    auto uow = store.write();
    if (expired)
      uow->sessions().remove_expired(now);
    else
      uow->sessions().touch(found->session.id, now);
    uow->commit();
  }
  return found;
}

void logout(Store& store, const Context& ctx, std::string_view token) {
  auto uow = store.write();
  auto session = uow->sessions().find_by_token_hash(token_hash(token));
  if (!session) return;
  uow->sessions().remove(session->id);
  record(*uow, ctx, "users.logout", "users", std::to_string(session->user_id),
         ctx.user ? ctx.user->agency_id : std::nullopt);
  uow->commit();
}

}  // namespace hms::app
