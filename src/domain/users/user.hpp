// A person who logs in to hms, with one role and, for agency roles, one agency; and the
// server-side session of a logged-in browser or API client. E.g. login "m.dupont",
// role agency_staff, agency 'AIS-IXELLES', language "fr".
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/users/role.hpp"

namespace hms::users {

struct User {
  std::int64_t id = 0;
  std::string login;                        // lower-case, 3-64 of [a-z0-9._@-]
  std::string name;                         // display name
  Role role = Role::agency_staff;
  std::optional<std::int64_t> agency_id;    // set exactly for agency roles
  std::optional<std::string> agency_code;   // read along with agency_id
  std::optional<std::string> agency_name;
  std::optional<std::string> password_hash; // Argon2id string; none: cannot log in
  std::optional<std::string> language;      // "fr" | "nl" | "en"; none: the browser's choice
  bool disabled = false;
  std::int64_t created_at = 0;              // seconds since 1970 UTC
};

// Which agencies an actor's requests may reach: one agency, or all of them. Taken from
// the session's user only, never from a request parameter.
struct Scope {
  std::optional<std::int64_t> agency_id;  // none: every agency
  bool reaches(std::int64_t agency) const { return !agency_id || *agency_id == agency; }
  static Scope of(const User& u) { return Scope{is_agency_role(u.role) ? u.agency_id : std::nullopt}; }
};

struct Session {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string token_hash;    // BLAKE2b-256 hex of the bearer/cookie token
  std::string csrf_token;    // sent with every form and cookie-authenticated change
  std::int64_t created_at = 0;
  std::int64_t last_seen_at = 0;
};

// Session lifetime (security-reliability.md, ASVS 7.3): idle and absolute timeouts.
inline constexpr std::int64_t kSessionIdleSeconds = 30 * 60;
inline constexpr std::int64_t kSessionAbsoluteSeconds = 12 * 60 * 60;
inline bool session_expired(const Session& s, std::int64_t now) {
  return now - s.last_seen_at >= kSessionIdleSeconds || now - s.created_at >= kSessionAbsoluteSeconds;
}

// Throws DomainError(validation) with field "login" when invalid; answers it lower-cased.
std::string validate_login(std::string_view login);
// Throws DomainError(validation) with field "name" when empty or longer than 200.
void validate_name(std::string_view name);

struct UserFilter {
  std::optional<std::int64_t> agency_id;  // none: every agency and the cross-agency roles
  std::string query;                      // free text on login and name; empty: all
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  virtual std::int64_t insert(const User& u) = 0;  // throws DomainError(conflict) if the login exists
  virtual std::optional<User> find_by_id(std::int64_t id) = 0;
  virtual std::optional<User> find_by_login(std::string_view login) = 0;
  virtual std::vector<User> list(const UserFilter& f, int limit, int offset) = 0;
  virtual std::int64_t count(const UserFilter& f) = 0;
  virtual void set_password_hash(std::int64_t id, const std::string& hash) = 0;
  virtual void set_disabled(std::int64_t id, bool disabled) = 0;
  virtual void set_language(std::int64_t id, const std::optional<std::string>& language) = 0;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual std::int64_t insert(const Session& s) = 0;
  virtual std::optional<Session> find_by_token_hash(std::string_view token_hash) = 0;
  virtual void touch(std::int64_t id, std::int64_t now) = 0;
  virtual void remove(std::int64_t id) = 0;
  // Every session of the user but `except` (the one in use, when a user changes their password).
  virtual void remove_for_user(std::int64_t user_id, std::optional<std::int64_t> except) = 0;
  virtual void remove_expired(std::int64_t now) = 0;
};

// Failed-login counters, by key ("login:<login>" or "address:<ip>").
struct ThrottleState {
  std::int64_t failures = 0;
  std::int64_t last_failure_at = 0;
};

class ThrottleRepository {
 public:
  virtual ~ThrottleRepository() = default;
  // The key's counters, its row write-locked until the transaction ends (made if missing), so
  // that parallel attempts on one key are counted one after the other.
  virtual ThrottleState lock(std::string_view key) = 0;
  virtual void record_failure(std::string_view key, std::int64_t now) = 0;
  virtual void forgive_one(std::string_view key) = 0;  // one failure less: the attempt succeeded
  virtual void clear(std::string_view key) = 0;
  // One event more in the key's fixed window (a row locked by `lock`): the window restarts at
  // `now` with this one event when it began `window_seconds` ago or more (rate limits).
  virtual void count_event(std::string_view key, std::int64_t now, std::int64_t window_seconds) = 0;
  // Counters nobody needs any more: those of keys starting with `key_prefix` ("login:") whose
  // last failure (window start) is before `before`; each kind of key has its own window.
  virtual void purge(std::string_view key_prefix, std::int64_t before) = 0;
};

}  // namespace hms::users
