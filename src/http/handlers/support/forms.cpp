#include "http/handlers/support/forms.hpp"

#include "app/users/drafts.hpp"
#include "web/catalog.hpp"

namespace hms::http {
namespace {

// The kinds of error a draft keeps (submit_form shows the others on the error page).
ErrorKind kind_from(const std::string& name) { return name == "conflict" ? ErrorKind::conflict : ErrorKind::validation; }

nlohmann::json error_content(const DomainError& e) {
  return {{"kind", e.kind() == ErrorKind::conflict ? "conflict" : "validation"},
          {"code", e.code()},
          {"params", e.params()},
          {"fields", e.fields()}};
}

}  // namespace

std::optional<ShownDraft> form_draft(const Request& req, const Services& s) {
  const auto token = req.query_value("draft");
  if (token.empty() || !req.auth) return std::nullopt;
  auto content = app::find_form_draft(s.store, req.context(), token, req.path);
  if (!content) return std::nullopt;
  auto j = nlohmann::json::parse(*content, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  const auto err = j.value("error", nlohmann::json::object());
  if (!err.contains("code") || !err["code"].is_string()) return std::nullopt;
  DomainError e(kind_from(err.value("kind", "")), err["code"].get<std::string>());
  const auto params = err.value("params", nlohmann::json::object());
  const auto fields = err.value("fields", nlohmann::json::object());
  for (const auto& [name, value] : params.items())
    if (value.is_string()) e.param(name, value.get<std::string>());
  for (const auto& [name, code] : fields.items())
    if (code.is_string()) e.field(name, code.get<std::string>());
  return ShownDraft{j.value("values", nlohmann::json::object()), e, j.value("status", 422)};
}

std::optional<std::string> keep_draft(const Request& req, const Services& s, const std::string& form,
                                      const nlohmann::json& values, const DomainError& e, int status) {
  if (req.htmx() || !req.auth) return std::nullopt;
  nlohmann::json kept = nlohmann::json::object();
  for (const auto& [name, value] : values.items())
    if (name.find("password") == std::string::npos) kept[name] = value;
  nlohmann::json content = {{"values", kept}, {"error", error_content(e)}, {"status", status}};
  // A value in invalid UTF-8 (refused by the use case) is kept with U+FFFD in its place.
  auto token = app::save_form_draft(s.store, req.context(), form,
                                    content.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  if (!token) return std::nullopt;
  // The language asked for in the address (?lang=nl) stays asked for; what was typed is never in it.
  const auto lang = web::supported_language(req.query_value("lang"));  // fr, nl, en or ""
  return form + "?draft=" + *token + (lang.empty() ? "" : "&lang=" + lang);
}

void forget_drafts(const Request& req, const Services& s, const std::string& form) {
  if (req.auth) app::forget_form_drafts(s.store, req.context(), form);
}

}  // namespace hms::http
