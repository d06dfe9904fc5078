// Logging in and out: the JSON API (POST/DELETE /api/v1/session, GET /api/v1/me) and the
// login form (GET/POST /login, POST /logout).
#include "app/users/mfa.hpp"
#include "app/users/passwords.hpp"
#include "app/users/user_admin.hpp"
#include "http/cookies.hpp"
#include "http/error_mapping.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/support/support.hpp"
#include "http/handlers/users/login_steps.hpp"
#include "http/handlers/users/users_json.hpp"

namespace hms::http {
namespace {

constexpr int kSessionCookieMaxAge = static_cast<int>(users::kSessionAbsoluteSeconds);

Response login_page(const Request& req, const Services& s, const std::string& login, const DomainError* error,
                    int status) {
  auto info = page_info(req, s, "users.login_page.title", "");
  // A fresh double-submit token for the form (there is no session to hold one yet).
  info.csrf_token = app::random_token();
  nlohmann::json model = {{"login", login}};
  if (auto chosen = web::supported_language(req.form_value("lang")); !chosen.empty()) model["chosen_lang"] = chosen;
  else if (auto q = web::supported_language(req.query_value("lang")); !q.empty()) model["chosen_lang"] = q;
  if (error) model["errors"] = form_errors(s.views, req.lang, *error);
  Response r = Response::html(s.views.page(info, "login", model), status);
  r.headers.emplace("Set-Cookie", cookie(kLoginCsrfCookie, info.csrf_token, s.config.secure_cookies, -1));
  return r;
}

}  // namespace

void add_session_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"POST", "/api/v1/session", Access::open, [&s](Request& req) {
    auto body = json_body(req);
    // "totp" (the code of the app, or a recovery code) only counts for a user with a second factor.
    auto result = app::login(s.store, s.clock, req.request_id, json_string(body, "login"),
                             json_string(body, "password"), req.address, json_string(body, "totp"),
                             login_policy(s));
    Response r = Response::json(nlohmann::json{{"token", result.token},
                                               {"csrf_token", result.csrf_token},
                                               {"user", user_json(result.user)}}
                                    .dump());
    r.headers.emplace("Set-Cookie", cookie(kSessionCookie, result.token, s.config.secure_cookies, kSessionCookieMaxAge));
    return r;
  }});

  routes.push_back({"DELETE", "/api/v1/session", Access::logged_in, [&s](Request& req) {
    std::string token = req.header("Authorization").rfind("Bearer ", 0) == 0 ? req.header("Authorization").substr(7)
                                                                            : req.cookies.at(kSessionCookie);
    app::logout(s.store, req.context(), token);
    Response r = Response::json(R"({"ok":true})");
    r.headers.emplace("Set-Cookie", clear_cookie(kSessionCookie, s.config.secure_cookies));
    return r;
  }});

  routes.push_back({"GET", "/api/v1/me", Access::logged_in, [](Request& req) {
    auto j = user_json(req.auth->user);
    j["csrf_token"] = req.auth->session.csrf_token;
    j["language"] = req.auth->user.language ? nlohmann::json(*req.auth->user.language) : nlohmann::json();
    return Response::json(j.dump());
  }});

  routes.push_back({"GET", "/login", Access::open, [&s](Request& req) {
    if (req.auth) return Response::redirect("/");
    return login_page(req, s, "", nullptr, 200);
  }});

  routes.push_back({"POST", "/login", Access::open, [&s](Request& req) {
    const std::string login = req.form_value("login");
    if (auto chosen = web::supported_language(req.form_value("lang")); !chosen.empty()) req.lang = chosen;
    auto expected = req.cookies.find(kLoginCsrfCookie);
    const std::string sent = req.form_value("csrf_token");
    if (expected == req.cookies.end() || sent.empty() || sent != expected->second)
      return login_page(req, s, login, nullptr, 403);  // a stale or forged form: show it again
    try {
      auto step = app::login_password_step(s.store, s.clock, req.request_id, login, req.form_value("password"),
                                           req.address, login_policy(s));
      // A second factor to give (or to enrol first): no session yet, a pending login (mfa_pages.cpp).
      if (!step.session) return pending_login_redirect(req, s, step);
      return logged_in_redirect(req, s, *step.session, "/");
    } catch (const DomainError& e) {
      if (e.kind() != ErrorKind::unauthenticated && e.kind() != ErrorKind::too_many_requests) throw;
      return login_page(req, s, login, &e, status_of(e.kind()));
    }
  }});

  routes.push_back({"POST", "/logout", Access::logged_in, [&s](Request& req) {
    app::logout(s.store, req.context(), req.cookies.count(kSessionCookie) ? req.cookies.at(kSessionCookie) : "");
    Response r = Response::redirect("/login");
    r.headers.emplace("Set-Cookie", clear_cookie(kSessionCookie, s.config.secure_cookies));
    return r;
  }});
}

}  // namespace hms::http
