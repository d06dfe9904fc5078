// Who is acting, in which request, at what time: given to every use case. The agency scope
// comes from the acting user only. The command line acts as the installation's operator
// (no user, every permission), recorded in the audit log as "cli".
#pragma once
#include <optional>
#include <string>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "domain/store.hpp"
#include "domain/users/permissions.hpp"
#include "domain/users/user.hpp"

namespace hms::app {

struct Context {
  const Clock& clock;
  std::string request_id;                // e.g. "7f3a9c20d1e4b8a6"; "cli" on the command line
  std::optional<users::User> user;       // none: the command line
  std::optional<std::int64_t> session_id;

  bool is_cli() const { return !user.has_value(); }
  users::Scope scope() const { return user ? users::Scope::of(*user) : users::Scope{}; }
  bool can(users::Permission p) const { return !user || users::allows(user->role, p); }
  // Throws DomainError(forbidden) unless the actor holds the permission.
  void require(users::Permission p) const {
    if (!can(p)) throw DomainError(ErrorKind::forbidden, "common.forbidden");
  }
};

// Appends one audit entry in the unit of work of the change it records; `details` names what
// changed (e.g. the fields "email,iban"), never a value of personal data.
inline void record(UnitOfWork& uow, const Context& ctx, std::string action, std::string object_type,
                   std::string object_id, std::optional<std::int64_t> agency_id, std::string details = {}) {
  audit::AuditEntry e;
  e.at = ctx.clock.now_seconds();
  e.actor_user_id = ctx.user ? std::optional(ctx.user->id) : std::nullopt;
  e.actor_login = ctx.user ? ctx.user->login : "cli";
  e.agency_id = agency_id;
  e.action = std::move(action);
  e.object_type = std::move(object_type);
  e.object_id = std::move(object_id);
  e.request_id = ctx.request_id;
  e.details = std::move(details);
  uow.audit().append(std::move(e));
}

// A page of a list: the rows and the total without limit/offset (contract: {items, total}).
template <typename T>
struct Page {
  std::vector<T> items;
  std::int64_t total = 0;
};

// Contract: default limit 50, at most 500; offset from 0.
struct Paging {
  int limit = 50;
  int offset = 0;
  static constexpr int kMaxLimit = 500;
};

}  // namespace hms::app
