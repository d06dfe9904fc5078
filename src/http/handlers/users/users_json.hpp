// The JSON shapes of a user: contract A's (login, name, role, agency) and the administrators'
// (+ id, disabled, language, created, the role's label in the reader's language).
#pragma once
#include <nlohmann/json.hpp>

#include "domain/users/user.hpp"
#include "web/views.hpp"

namespace hms::http {

nlohmann::json user_json(const users::User& u);
nlohmann::json user_admin_json(const users::User& u, const web::Views& v, const std::string& lang);

}  // namespace hms::http
