#include "http/handlers/support/support.hpp"

#include "app/support/support.hpp"
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
  // The header's helpdesk count. A page is still shown when it cannot be counted (the error
  // page of a database that does not answer, for one).
  if (req.auth) {
    try {
      info.support_unread = app::support_unread(s.store, req.context());
    } catch (const std::exception&) {
      info.support_unread = 0;
    }
  }
  return info;
}

std::string list_query(const Request& req, const std::map<std::string, std::string>& overrides) {
  std::map<std::string, std::string> kept;
  for (const auto& [name, value] : req.query)
    if (name != "offset" && name != "limit" && name != "format" && !value.empty()) kept.emplace(name, value);
  for (const auto& [name, value] : overrides) kept[name] = value;
  std::string out;
  for (const auto& [name, value] : kept)
    if (!value.empty()) out += (out.empty() ? "" : "&") + url_encode(name) + "=" + url_encode(value);
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
    // A field's own parameters ("start.date") come before the error's ("date").
    auto params = e.params();
    const std::string own = field + ".";
    for (const auto& [name, value] : e.params())
      if (name.starts_with(own)) params[name.substr(own.size())] = value;
    auto message = v.catalog().format(lang, code, params);
    j[field] = message;
    summary.push_back({{"field", field}, {"message", message}});
  }
  j["summary"] = summary;
  return j;
}

}  // namespace hms::http
