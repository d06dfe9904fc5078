// One's own account: GET /account (with the state of one's second factor: users/mfa_pages.cpp),
// POST /account/password, POST /account/language (the language switch of the header), and
// POST /api/v1/me/password.
#include "app/users/user_admin.hpp"
#include "common/text.hpp"
#include "domain/users/password_policy.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/support/forms.hpp"
#include "http/handlers/support/pages.hpp"
#include "http/handlers/support/support.hpp"
#include "http/handlers/users/login_steps.hpp"
#include "http/handlers/users/users_json.hpp"

namespace hms::http {
namespace {

Response account_page(const Request& req, const Services& s, const DomainError* error, bool changed, int status) {
  nlohmann::json model = {{"me", user_json(req.auth->user)},
                          {"password_min", users::kPasswordMinLength},
                          {"changed", changed}};
  model["me"]["role_label"] = s.views.catalog().text(req.lang, "users.roles." + std::string(users::to_string(req.auth->user.role)));
  auto mfa = app::mfa_status(s.store, req.context(), login_policy(s));
  model["mfa"] = {{"enabled", mfa.enabled}, {"required", mfa.required}, {"turned_off", req.query_value("mfa") == "off"}};
  model["mfa"]["status"] =
      mfa.enabled ? s.views.catalog().format(req.lang, "users.mfa.status_on", {{"count", std::to_string(mfa.recovery_codes_left)}})
      : mfa.required ? s.views.catalog().text(req.lang, "users.mfa.required_notice")
                     : s.views.catalog().text(req.lang, "users.mfa.status_off");
  if (error) model["errors"] = form_errors(s.views, req.lang, *error);
  return Response::html(s.views.page(page_info(req, s, "users.account.title", "account"), "account/account", model), status);
}

// Only a path of this site: one '/' first, no backslash, no control character (a browser
// drops TAB, CR and LF from a URL, so "/\t/evil.example" would be "//evil.example", another
// site). Anything else goes back to the dashboard.
std::string safe_back(const std::string& back) {
  if (back.empty() || back.front() != '/' || back.rfind("//", 0) == 0 || back.find('\\') != std::string::npos ||
      has_control_character(back))
    return "/";
  return back;
}

}  // namespace

void add_account_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/account", Access::logged_in, [&s](Request& req) {
    return account_page(req, s, nullptr, req.query_value("changed") == "1", 200);
  }});

  routes.push_back({"POST", "/account/password", Access::logged_in, [&s](Request& req) {
    return submit_form(
        [&] {
          if (req.form_value("new_password") != req.form_value("confirm_password"))
            throw DomainError(ErrorKind::validation, "users.passwords_differ").field("confirm_password");
          app::change_own_password(s.store, req.context(), req.form_value("current_password"),
                                   req.form_value("new_password"));
          return Response::redirect("/account?changed=1");
        },
        [&](const DomainError& e, int status) { return account_page(req, s, &e, false, status); });
  }});

  routes.push_back({"POST", "/api/v1/me/password", Access::logged_in, [&s](Request& req) {
    auto body = json_body(req);
    app::change_own_password(s.store, req.context(), json_string(body, "current_password"),
                             json_string(body, "new_password"));
    return Response::json(R"({"ok":true})");
  }});

  routes.push_back({"POST", "/account/language", Access::logged_in, [&s](Request& req) {
    app::set_own_language(s.store, req.context(), web::supported_language(req.form_value("language")));
    return Response::redirect(safe_back(req.form_value("back")));
  }});
}

}  // namespace hms::http
