// Users, sessions and login throttling on SQL (tables users, sessions, login_throttle).
#pragma once
#include "domain/users/user.hpp"
#include "storage/db/database.hpp"

namespace hms::storage {

class SqlUserRepository final : public users::UserRepository {
 public:
  explicit SqlUserRepository(db::Connection& c) : c_(c) {}
  std::int64_t insert(const users::User& u) override;
  std::optional<users::User> find_by_id(std::int64_t id) override;
  std::optional<users::User> find_by_login(std::string_view login) override;
  std::vector<users::User> list(const users::UserFilter& f, int limit, int offset) override;
  std::int64_t count(const users::UserFilter& f) override;
  void set_password_hash(std::int64_t id, const std::string& hash) override;
  void set_disabled(std::int64_t id, bool disabled) override;
  void set_language(std::int64_t id, const std::optional<std::string>& language) override;

 private:
  db::Connection& c_;
};

class SqlSessionRepository final : public users::SessionRepository {
 public:
  explicit SqlSessionRepository(db::Connection& c) : c_(c) {}
  std::int64_t insert(const users::Session& s) override;
  std::optional<users::Session> find_by_token_hash(std::string_view token_hash) override;
  void touch(std::int64_t id, std::int64_t now) override;
  void remove(std::int64_t id) override;
  void remove_for_user(std::int64_t user_id, std::optional<std::int64_t> except) override;
  void remove_expired(std::int64_t now) override;

 private:
  db::Connection& c_;
};

class SqlThrottleRepository final : public users::ThrottleRepository {
 public:
  explicit SqlThrottleRepository(db::Connection& c) : c_(c) {}
  users::ThrottleState lock(std::string_view key) override;
  void record_failure(std::string_view key, std::int64_t now) override;
  void forgive_one(std::string_view key) override;
  void clear(std::string_view key) override;
  void count_event(std::string_view key, std::int64_t now, std::int64_t window_seconds) override;
  void purge(std::string_view key_prefix, std::int64_t before) override;

 private:
  db::Connection& c_;
};

}  // namespace hms::storage
