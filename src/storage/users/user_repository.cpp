#include "storage/users/user_repository.hpp"

#include "common/error.hpp"
#include "common/text.hpp"
#include "domain/users/throttle.hpp"  // kThrottleWindowSeconds (900) is spelled in kRecordFailure

namespace hms::storage {
namespace {

constexpr const char* kInsertUser =
    "INSERT INTO users (login, name, role, agency_id, password_hash, language, disabled, created_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
constexpr const char* kUserColumns =
    "SELECT u.id, u.login, u.name, u.role, u.agency_id, a.code, u.password_hash, u.language,"
    " u.disabled, u.created_at, a.name FROM users u LEFT JOIN agencies a ON a.id = u.agency_id ";
// $1: 1 to filter on agency $2; $3: '' or a lower-case pattern for login and name.
constexpr const char* kUserFilter =
    "WHERE ($1 = 0 OR u.agency_id = $2) AND ($3 = '' OR lower(u.login) LIKE $3 OR lower(u.name) LIKE $3) ";
constexpr const char* kCountUsers = "SELECT count(*) FROM users u ";
constexpr const char* kSetPassword = "UPDATE users SET password_hash = $2 WHERE id = $1";
constexpr const char* kSetDisabled = "UPDATE users SET disabled = $2 WHERE id = $1";
constexpr const char* kSetLanguage = "UPDATE users SET language = $2 WHERE id = $1";

constexpr const char* kInsertSession =
    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at)"
    " VALUES ($1, $2, $3, $4, $5) RETURNING id";
constexpr const char* kFindSession =
    "SELECT id, user_id, token_hash, csrf_token, created_at, last_seen_at FROM sessions WHERE token_hash = $1";
constexpr const char* kTouchSession = "UPDATE sessions SET last_seen_at = $2 WHERE id = $1";
constexpr const char* kRemoveSession = "DELETE FROM sessions WHERE id = $1";
constexpr const char* kRemoveUserSessions = "DELETE FROM sessions WHERE user_id = $1 AND id <> $2";
constexpr const char* kRemoveExpired =
    "DELETE FROM sessions WHERE last_seen_at <= $1 OR created_at <= $2";

// The no-op update takes the row's lock (PostgreSQL; a SQLite writer holds the database's).
constexpr const char* kLockThrottle =
    "INSERT INTO login_throttle (throttle_key, failures, last_failure_at) VALUES ($1, 0, 0)"
    " ON CONFLICT (throttle_key) DO UPDATE SET failures = login_throttle.failures"
    " RETURNING failures, last_failure_at";
constexpr const char* kRecordFailure =
    "INSERT INTO login_throttle (throttle_key, failures, last_failure_at) VALUES ($1, 1, $2)"
    " ON CONFLICT (throttle_key) DO UPDATE SET failures = CASE WHEN excluded.last_failure_at"
    " - login_throttle.last_failure_at >= 900 THEN 1 ELSE login_throttle.failures + 1 END,"
    " last_failure_at = excluded.last_failure_at";
constexpr const char* kForgiveThrottle =
    "UPDATE login_throttle SET failures = failures - 1 WHERE throttle_key = $1 AND failures > 0";
constexpr const char* kClearThrottle = "DELETE FROM login_throttle WHERE throttle_key = $1";
constexpr const char* kPurgeThrottle =
    "DELETE FROM login_throttle WHERE substr(throttle_key, 1, CAST($2 AS INTEGER)) = CAST($1 AS TEXT)"
    " AND last_failure_at < $3";
// A fixed window: the row (locked by kLockThrottle) counts one event more, or starts a new
// window with this event. Both SETs read the row as it was.
constexpr const char* kCountEvent =
    "UPDATE login_throttle SET"
    " failures = CASE WHEN CAST($2 AS BIGINT) - last_failure_at >= CAST($3 AS BIGINT) THEN 1 ELSE failures + 1 END,"
    " last_failure_at = CASE WHEN CAST($2 AS BIGINT) - last_failure_at >= CAST($3 AS BIGINT) THEN CAST($2 AS BIGINT)"
    " ELSE last_failure_at END"
    " WHERE throttle_key = $1";

users::User read_user(const db::Row& r) {
  users::User u;
  u.id = r.integer(0);
  u.login = r.text(1);
  u.name = r.text(2);
  u.role = users::parse_role(r.text(3)).value_or(users::Role::agency_staff);
  u.agency_id = r.opt_integer(4);
  u.agency_code = r.opt_text(5);
  u.password_hash = r.opt_text(6);
  u.language = r.opt_text(7);
  u.disabled = r.integer(8) != 0;
  u.created_at = r.integer(9);
  u.agency_name = r.opt_text(10);
  return u;
}

db::Params filter_params(const users::UserFilter& f) {
  std::string pattern;
  if (!f.query.empty()) {
    for (char c : to_lower_ascii(f.query))
      if (c != '%' && c != '_') pattern += c;  // a search term, not a pattern
    pattern = "%" + pattern + "%";
  }
  return {std::int64_t{f.agency_id ? 1 : 0}, f.agency_id.value_or(0), pattern};
}

}  // namespace

std::int64_t SqlUserRepository::insert(const users::User& u) {
  try {
    return c_
        .query_one(kInsertUser, {u.login, u.name, std::string(users::to_string(u.role)),
                                 db::nullable(u.agency_id), db::nullable(u.password_hash),
                                 db::nullable(u.language), std::int64_t{u.disabled ? 1 : 0}, u.created_at})
        ->integer(0);
  } catch (const db::ConstraintViolation&) {
    throw DomainError(ErrorKind::conflict, "users.login_taken").param("login", u.login).field("login");
  }
}

std::optional<users::User> SqlUserRepository::find_by_id(std::int64_t id) {
  auto r = c_.query_one(std::string(kUserColumns) + "WHERE u.id = $1", {id});
  return r ? std::optional(read_user(*r)) : std::nullopt;
}

std::optional<users::User> SqlUserRepository::find_by_login(std::string_view login) {
  auto r = c_.query_one(std::string(kUserColumns) + "WHERE u.login = $1", {std::string(login)});
  return r ? std::optional(read_user(*r)) : std::nullopt;
}

std::vector<users::User> SqlUserRepository::list(const users::UserFilter& f, int limit, int offset) {
  auto params = filter_params(f);
  params.emplace_back(std::int64_t{limit});
  params.emplace_back(std::int64_t{offset});
  std::vector<users::User> out;
  for (const auto& r :
       c_.query(std::string(kUserColumns) + kUserFilter + "ORDER BY u.login LIMIT $4 OFFSET $5", params))
    out.push_back(read_user(r));
  return out;
}

std::int64_t SqlUserRepository::count(const users::UserFilter& f) {
  return c_.query_one(std::string(kCountUsers) + kUserFilter, filter_params(f))->integer(0);
}

void SqlUserRepository::set_password_hash(std::int64_t id, const std::string& hash) {
  c_.execute(kSetPassword, {id, hash});
}

void SqlUserRepository::set_disabled(std::int64_t id, bool disabled) {
  c_.execute(kSetDisabled, {id, std::int64_t{disabled ? 1 : 0}});
}

void SqlUserRepository::set_language(std::int64_t id, const std::optional<std::string>& language) {
  c_.execute(kSetLanguage, {id, db::nullable(language)});
}

std::int64_t SqlSessionRepository::insert(const users::Session& s) {
  return c_.query_one(kInsertSession, {s.token_hash, s.user_id, s.csrf_token, s.created_at, s.last_seen_at})
      ->integer(0);
}

std::optional<users::Session> SqlSessionRepository::find_by_token_hash(std::string_view token_hash) {
  auto r = c_.query_one(kFindSession, {std::string(token_hash)});
  if (!r) return std::nullopt;
  return users::Session{r->integer(0), r->integer(1), r->text(2), r->text(3), r->integer(4), r->integer(5)};
}

void SqlSessionRepository::touch(std::int64_t id, std::int64_t now) { c_.execute(kTouchSession, {id, now}); }
void SqlSessionRepository::remove(std::int64_t id) { c_.execute(kRemoveSession, {id}); }
void SqlSessionRepository::remove_for_user(std::int64_t user_id, std::optional<std::int64_t> except) {
  c_.execute(kRemoveUserSessions, {user_id, except.value_or(0)});
}
void SqlSessionRepository::remove_expired(std::int64_t now) {
  c_.execute(kRemoveExpired, {now - users::kSessionIdleSeconds, now - users::kSessionAbsoluteSeconds});
}

users::ThrottleState SqlThrottleRepository::lock(std::string_view key) {
  auto r = c_.query_one(kLockThrottle, {std::string(key)});
  return users::ThrottleState{r->integer(0), r->integer(1)};
}

void SqlThrottleRepository::record_failure(std::string_view key, std::int64_t now) {
  c_.execute(kRecordFailure, {std::string(key), now});
}

void SqlThrottleRepository::forgive_one(std::string_view key) { c_.execute(kForgiveThrottle, {std::string(key)}); }

void SqlThrottleRepository::clear(std::string_view key) { c_.execute(kClearThrottle, {std::string(key)}); }

void SqlThrottleRepository::count_event(std::string_view key, std::int64_t now, std::int64_t window_seconds) {
  c_.execute(kCountEvent, {std::string(key), now, window_seconds});
}

void SqlThrottleRepository::purge(std::string_view key_prefix, std::int64_t before) {
  c_.execute(kPurgeThrottle, {std::string(key_prefix), static_cast<std::int64_t>(key_prefix.size()), before});
}

}  // namespace hms::storage
