#include "http/handlers/users/users_json.hpp"

namespace hms::http {

nlohmann::json user_json(const users::User& u) {
  return {{"login", u.login},
          {"name", u.name},
          {"role", users::to_string(u.role)},
          {"agency", u.agency_code ? nlohmann::json(*u.agency_code) : nlohmann::json()}};
}

nlohmann::json user_admin_json(const users::User& u, const web::Views& v, const std::string& lang) {
  auto j = user_json(u);
  j["id"] = u.id;
  j["disabled"] = u.disabled;
  j["language"] = u.language ? nlohmann::json(*u.language) : nlohmann::json();
  j["created"] = web::format_date(u.created_at);
  j["role_label"] = v.catalog().text(lang, "users.roles." + std::string(users::to_string(u.role)));
  return j;
}

}  // namespace hms::http
