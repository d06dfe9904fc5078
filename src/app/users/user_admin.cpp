#include "app/users/user_admin.hpp"

#include "app/users/authentication.hpp"
#include "app/users/passwords.hpp"
#include "app/visible.hpp"
#include "domain/users/password_policy.hpp"

namespace hms::app {

using users::Permission;

void validate_language(const std::optional<std::string>& language) {
  if (language && *language != "fr" && *language != "nl" && *language != "en")
    throw DomainError(ErrorKind::validation, "users.invalid_language").field("language");
}

users::User add_user(Store& store, const Context& ctx, const NewUser& n) {
  ctx.require(Permission::users_manage);
  // 1. Check every field, and report every problem at once (the form lists them all).
  users::User u;
  Problems problems;
  problems.check([&] { u.login = users::validate_login(n.login); });
  u.name = !n.name.empty() ? n.name : !u.login.empty() ? u.login : n.login;
  problems.check([&] { users::validate_name(u.name); });
  auto role = users::parse_role(n.role);
  if (!role) problems.add(DomainError(ErrorKind::validation, "users.invalid_role").field("role"));
  if (role && !ctx.can(Permission::users_manage_any_role) && !users::is_agency_role(*role))
    throw DomainError(ErrorKind::forbidden, "users.role_not_allowed").field("role");
  problems.check([&] { validate_language(n.language); });
  problems.check([&] { users::check_password(n.password, n.login); });
  problems.throw_if_any();
  u.role = *role;
  u.language = n.language;
  u.created_at = ctx.clock.now_seconds();

  auto uow = store.write();
  // 2. The agency: required for agency roles and taken from the actor's scope when limited.
  if (users::is_agency_role(u.role)) {
    if (!n.agency_code || n.agency_code->empty())
      throw DomainError(ErrorKind::validation, "users.agency_required").field("agency");
    const std::string code = agencies::normalise_agency_code(*n.agency_code);
    auto agency = uow->agencies().find_by_code(code);
    if (!agency || !ctx.scope().reaches(agency->id))
      throw DomainError(ErrorKind::validation, "users.unknown_agency").param("agency", code).field("agency");
    u.agency_id = agency->id;
    u.agency_code = agency->code;
  } else if (n.agency_code && !n.agency_code->empty()) {
    throw DomainError(ErrorKind::validation, "users.agency_not_allowed").field("agency");
  }
  // 3. The login must be free.
  if (uow->users().find_by_login(u.login))
    throw DomainError(ErrorKind::conflict, "users.login_taken").param("login", u.login).field("login");
  u.password_hash = hash_password(n.password);
  u.id = uow->users().insert(u);
  record(*uow, ctx, "users.create", "users", std::to_string(u.id), u.agency_id);
  uow->commit();
  return u;
}

Page<users::User> list_users(Store& store, const Context& ctx, const std::string& query, Paging paging) {
  ctx.require(Permission::users_view);
  users::UserFilter filter{ctx.scope().agency_id, query};
  auto uow = store.read();
  return {uow->users().list(filter, paging.limit, paging.offset), uow->users().count(filter)};
}

// A user is reached by those who manage users: an agency admin its agency's, the system
// administrator every one (a user of no agency only by a scope over every agency).
template <>
struct Visibility<users::User> {
  static constexpr Permission permission = Permission::users_manage;
  static constexpr const char* not_found = "users.not_found";
  static std::optional<users::User> find(UnitOfWork& uow, std::int64_t id) { return uow.users().find_by_id(id); }
};

users::User find_managed_user(Store& store, const Context& ctx, std::int64_t id) {
  auto uow = store.read();
  return visible<users::User>(*uow, ctx, id);
}

users::User set_user_disabled(Store& store, const Context& ctx, std::int64_t id, bool disabled) {
  auto uow = store.write();
  auto u = visible<users::User>(*uow, ctx, id);
  if (ctx.user && ctx.user->id == id) throw DomainError(ErrorKind::validation, "users.cannot_disable_self");
  if (u.disabled == disabled) return u;
  uow->users().set_disabled(id, disabled);
  if (disabled) uow->sessions().remove_for_user(id, std::nullopt);
  record(*uow, ctx, disabled ? "users.disable" : "users.enable", "users", std::to_string(id), u.agency_id);
  uow->commit();
  u.disabled = disabled;
  return u;
}

void change_own_password(Store& store, const Context& ctx, std::string_view current, std::string_view next) {
  if (!ctx.user) throw DomainError(ErrorKind::unauthenticated, "common.unauthenticated");
  const users::User& me = *ctx.user;
  check_own_password(store, ctx, current, "current_password", "users.wrong_current_password");
  users::check_password(next, me.login);
  auto hash = hash_password(next);
  auto uow = store.write();
  uow->users().set_password_hash(me.id, hash);
  // Other browsers and API clients of this user must log in again; this session stays.
  uow->sessions().remove_for_user(me.id, ctx.session_id);
  record(*uow, ctx, "users.password_change", "users", std::to_string(me.id), me.agency_id);
  uow->commit();
}

void set_own_language(Store& store, const Context& ctx, const std::optional<std::string>& language) {
  if (!ctx.user) throw DomainError(ErrorKind::unauthenticated, "common.unauthenticated");
  validate_language(language);
  auto uow = store.write();
  uow->users().set_language(ctx.user->id, language);
  uow->commit();
}

}  // namespace hms::app
