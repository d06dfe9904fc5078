// Managing users: an agency admin manages its own agency's staff and admins; a system
// admin (and the command line) every user. Also what any user does to their own account:
// change their password, choose their language.
#pragma once
#include <optional>
#include <string>

#include "app/context.hpp"

namespace hms::app {

struct NewUser {
  std::string login;
  std::string name;                        // empty: the login
  std::string role;                        // one of users::Role's names
  std::optional<std::string> agency_code;  // required for agency roles, refused otherwise
  std::string password;
  std::optional<std::string> language;
};

// Validation errors carry the field: login, name, role, agency, password, language.
users::User add_user(Store& store, const Context& ctx, const NewUser& n);

Page<users::User> list_users(Store& store, const Context& ctx, const std::string& query, Paging paging);

// The user if the actor may manage them; DomainError(not_found) otherwise (also when the user
// belongs to another agency: its existence is not revealed).
users::User find_managed_user(Store& store, const Context& ctx, std::int64_t id);

// Disabling ends every session of that user at once. One cannot disable oneself.
users::User set_user_disabled(Store& store, const Context& ctx, std::int64_t id, bool disabled);

// Checks the current password, applies the policy, and ends the user's other sessions.
void change_own_password(Store& store, const Context& ctx, std::string_view current, std::string_view next);

// "fr", "nl", "en", or none for the browser's choice.
void set_own_language(Store& store, const Context& ctx, const std::optional<std::string>& language);

// Throws DomainError(validation, "users.invalid_language") with field "language".
void validate_language(const std::optional<std::string>& language);

}  // namespace hms::app
