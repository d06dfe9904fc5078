#include "http/handlers/support.hpp"

#include "common/text.hpp"

namespace hms::http {

web::PageInfo page_info(const Request& req, const Services& s, const std::string& title_key, const std::string& nav) {
  web::PageInfo info;
  info.lang = req.lang;
  info.title = s.views.catalog().text(req.lang, title_key);
  info.nav = nav;
  if (req.auth) {
    info.user = req.auth->user;
    info.csrf_token = req.auth->session.csrf_token;
  }
  info.path = req.path;
  return info;
}

nlohmann::json json_body(const Request& req) {
  auto body = nlohmann::json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) throw DomainError(ErrorKind::bad_request, "common.malformed_json");
  return body;
}

std::string json_string(const nlohmann::json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return "";
  if (!it->is_string()) throw DomainError(ErrorKind::bad_request, "common.malformed_json").param("field", name);
  return it->get<std::string>();
}

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
  j["role_label"] = v.catalog().text(lang, "role." + std::string(users::to_string(u.role)));
  return j;
}

nlohmann::json agency_json(const agencies::Agency& a) {
  return {{"id", a.id}, {"code", a.code}, {"name", a.name}};
}

std::string list_query(const Request& req) {
  std::string out;
  for (const auto& [name, value] : req.query)
    if (name != "offset" && name != "limit" && name != "format" && !value.empty())
      out += (out.empty() ? "" : "&") + url_encode(name) + "=" + url_encode(value);
  return out;
}

nlohmann::json pagination(const Request& req, const app::Paging& p, std::int64_t total, std::size_t shown) {
  // The links keep every parameter of the list (search, filters, sort), with a new offset.
  std::string kept = list_query(req);
  if (!kept.empty()) kept = "&" + kept;
  auto link = [&](std::int64_t offset) {
    return req.path + "?offset=" + std::to_string(offset) + "&limit=" + std::to_string(p.limit) + kept;
  };
  nlohmann::json j = {{"from", shown ? p.offset + 1 : 0}, {"to", p.offset + static_cast<std::int64_t>(shown)}, {"total", total}};
  j["previous"] = p.offset > 0 ? nlohmann::json(link(std::max(0, p.offset - p.limit))) : nlohmann::json();
  j["next"] = p.offset + static_cast<std::int64_t>(shown) < total ? nlohmann::json(link(p.offset + p.limit)) : nlohmann::json();
  return j;
}

std::string actor_label(const web::Views& v, const std::string& lang, const std::string& actor_login) {
  if (actor_login == "cli" || actor_login == "anonymous") return v.catalog().text(lang, "audit.actor_name." + actor_login);
  return actor_login;
}

nlohmann::json form_errors(const web::Views& v, const std::string& lang, const DomainError& e) {
  nlohmann::json j = nlohmann::json::object();
  nlohmann::json summary = nlohmann::json::array();
  if (e.fields().empty()) summary.push_back({{"field", ""}, {"message", v.catalog().format(lang, e.code(), e.params())}});
  for (const auto& [field, code] : e.fields()) {
    auto message = v.catalog().format(lang, code, e.params());
    j[field] = message;
    summary.push_back({{"field", field}, {"message", message}});
  }
  j["summary"] = summary;
  return j;
}

}  // namespace hms::http
