#include "app/users/authentication.hpp"

#include "app/users/passwords.hpp"
#include "common/text.hpp"
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

LoginResult login(Store& store, const Clock& clock, const std::string& request_id, std::string_view login_name,
                  std::string_view password, std::string_view address) {
  const std::string login_lower = to_lower_ascii(login_name);
  const auto login_key = users::throttle_login_key(login_lower);
  const auto address_key = users::throttle_address_key(address);
  const std::int64_t now = clock.now_seconds();

  // 1. Throttled? Answer before checking the password, so guessing gains nothing.
  std::optional<users::User> user;
  {
    auto uow = store.read();
    std::int64_t wait = std::max(users::throttle_wait(uow->throttle().get(login_key), now, users::kThrottleLogin),
                                 users::throttle_wait(uow->throttle().get(address_key), now, users::kThrottleAddress));
    if (wait > 0)
      throw DomainError(ErrorKind::too_many_requests, "users.too_many_attempts")
          .param("seconds", std::to_string(wait));
    user = uow->users().find_by_login(login_lower);
  }

  // 2. Check the password (Argon2id, outside any transaction: it takes tens of milliseconds).
  bool ok = false;
  if (user && user->password_hash && !user->disabled)
    ok = verify_password(*user->password_hash, password);
  else
    verify_password_dummy(password);

  if (!ok) {
    {
      auto uow = store.write();
      uow->throttle().record_failure(login_key, now);
      uow->throttle().record_failure(address_key, now);
      uow->commit();
    }
    audit_failed_login(store, clock, request_id, user ? &*user : nullptr);
    throw DomainError(ErrorKind::unauthenticated, "users.wrong_credentials");
  }

  // 3. Open a new session (a new token at every login) and clear the login's counter (not the
  //    address's: one valid account must not reset the limit of a guessing machine).
  LoginResult result{random_token(), random_token(), *user};
  auto uow = store.write();
  uow->throttle().clear(login_key);
  uow->sessions().remove_expired(now);
  uow->sessions().insert({0, user->id, token_hash(result.token), result.csrf_token, now, now});
  Context ctx{clock, request_id, user, std::nullopt};
  record(*uow, ctx, "users.login", "users", std::to_string(user->id), user->agency_id);
  uow->commit();
  return result;
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
