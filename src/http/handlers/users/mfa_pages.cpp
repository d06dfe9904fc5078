// The second factor on the pages and in the API (app/users/mfa.hpp): the code step of a login
// (/login/code), the enrolment the policy requires before a first session (/login/enrol), one's
// own enrolment and turning it off (/account/mfa…), and the same for API clients (/api/v1/me/mfa…).
// The pages without a session (login steps) carry the login form's double-submit CSRF token.
#include "app/users/passwords.hpp"
#include "app/users/user_admin.hpp"
#include "http/cookies.hpp"
#include "http/error_mapping.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/support/support.hpp"
#include "http/handlers/users/login_steps.hpp"
#include "web/qr_code.hpp"

namespace hms::http {
namespace {

constexpr int kSessionCookieMaxAge = static_cast<int>(users::kSessionAbsoluteSeconds);

std::string pending_token(const Request& req) {
  auto c = req.cookies.find(kPendingLoginCookie);
  return c == req.cookies.end() ? "" : c->second;
}

// The double-submit check of the forms shown before there is a session (as POST /login).
bool login_csrf_ok(const Request& req) {
  auto expected = req.cookies.find(kLoginCsrfCookie);
  const std::string sent = req.form_value("csrf_token");
  return expected != req.cookies.end() && !sent.empty() && sent == expected->second;
}

// The secret in groups of four, as people copy it into an app by hand.
std::string grouped(const std::string& secret) {
  std::string out;
  for (std::size_t i = 0; i < secret.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += ' ';
    out += secret[i];
  }
  return out;
}

nlohmann::json enrolment_json(const Request& req, const Services& s, const app::Enrolment& e) {
  return {{"qr_svg", web::qr_svg(e.uri, s.views.catalog().text(req.lang, "users.mfa.qr_label"))},
          {"secret", grouped(e.secret)}};
}

void keep_chosen_language(const Request& req, nlohmann::json& model) {
  if (auto chosen = web::supported_language(req.form_value("lang")); !chosen.empty()) model["chosen_lang"] = chosen;
  else if (auto q = web::supported_language(req.query_value("lang")); !q.empty()) model["chosen_lang"] = q;
}

// A page of the login steps: no session, so a fresh login CSRF token and its cookie.
Response login_step_page(const Request& req, const Services& s, const std::string& title_key,
                         const std::string& template_name, nlohmann::json model, const DomainError* error, int status) {
  auto info = page_info(req, s, title_key, "");
  info.csrf_token = app::random_token();
  keep_chosen_language(req, model);
  if (error) model["errors"] = form_errors(s.views, req.lang, *error);
  Response r = Response::html(s.views.page(info, template_name, model), status);
  r.headers.emplace("Set-Cookie", cookie(kLoginCsrfCookie, info.csrf_token, s.config.secure_cookies, -1));
  return r;
}

// The pending login is over (expired, used up, unknown): say so, and clear its cookie.
Response login_expired_page(const Request& req, const Services& s) {
  DomainError e(ErrorKind::unauthenticated, "users.mfa_login_expired");
  Response r = login_step_page(req, s, "users.mfa.code_title", "account/mfa_code", {{"expired", true}}, &e, 401);
  r.headers.emplace("Set-Cookie", clear_cookie(kPendingLoginCookie, s.config.secure_cookies));
  return r;
}

Response enrol_page(const Request& req, const Services& s, const app::Enrolment& e, bool at_login,
                    const DomainError* error, int status) {
  nlohmann::json model = enrolment_json(req, s, e);
  model["action"] = at_login ? "/login/enrol" : "/account/mfa/confirm";
  model["at_login"] = at_login;
  if (at_login) return login_step_page(req, s, "users.mfa.enrol_title", "account/mfa_enrol", model, error, status);
  if (error) model["errors"] = form_errors(s.views, req.lang, *error);
  return Response::html(s.views.page(page_info(req, s, "users.mfa.enrol_title", "account"), "account/mfa_enrol", model), status);
}

nlohmann::json codes_json(const std::vector<std::string>& codes) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& c : codes) list.push_back(c);
  return list;
}

Response disable_page(const Request& req, const Services& s, const DomainError* error, int status) {
  nlohmann::json model = nlohmann::json::object();
  if (error) model["errors"] = form_errors(s.views, req.lang, *error);
  return Response::html(s.views.page(page_info(req, s, "users.mfa.disable_title", "account"), "account/mfa_disable", model),
                        status);
}

}  // namespace

Response logged_in_redirect(const Request& req, const Services& s, const app::LoginResult& result, const std::string& to) {
  // The language chosen on the login page becomes the user's, if they had none.
  if (auto lang = web::supported_language(req.form_value("lang")); !lang.empty() && result.user.language != lang) {
    app::Context ctx{s.clock, req.request_id, result.user, std::nullopt};
    app::set_own_language(s.store, ctx, lang);
  }
  Response r = Response::redirect(to);
  r.headers.emplace("Set-Cookie", cookie(kSessionCookie, result.token, s.config.secure_cookies, kSessionCookieMaxAge));
  r.headers.emplace("Set-Cookie", clear_cookie(kLoginCsrfCookie, s.config.secure_cookies));
  return r;
}

Response pending_login_redirect(const Request& req, const Services& s, const app::PasswordStep& step) {
  const bool enrol = step.stage == users::PendingStage::enrol;
  std::string to = enrol ? "/login/enrol" : "/login/code";
  if (auto lang = web::supported_language(req.form_value("lang")); !lang.empty()) to += "?lang=" + lang;
  Response r = Response::redirect(to);
  const auto lives = enrol ? users::kPendingEnrolSeconds : users::kPendingCodeSeconds;
  r.headers.emplace("Set-Cookie", cookie(kPendingLoginCookie, step.pending_token, s.config.secure_cookies,
                                         static_cast<int>(lives)));
  return r;
}

void add_mfa_routes(std::vector<Route>& routes, Services& s) {
  // ---- The code step of a login ----
  routes.push_back({"GET", "/login/code", Access::open, [&s](Request& req) {
    if (req.auth) return Response::redirect("/");
    auto pending = app::find_pending_login(s.store, s.clock, pending_token(req));
    if (!pending || pending->stage != users::PendingStage::code) return Response::redirect("/login");
    return login_step_page(req, s, "users.mfa.code_title", "account/mfa_code", nlohmann::json::object(), nullptr, 200);
  }});

  routes.push_back({"POST", "/login/code", Access::open, [&s](Request& req) {
    if (auto chosen = web::supported_language(req.form_value("lang")); !chosen.empty()) req.lang = chosen;
    if (!login_csrf_ok(req))
      return login_step_page(req, s, "users.mfa.code_title", "account/mfa_code", nlohmann::json::object(), nullptr, 403);
    try {
      auto result = app::login_code_step(s.store, s.clock, req.request_id, pending_token(req), req.form_value("code"),
                                         req.address);
      Response r = logged_in_redirect(req, s, result, "/");
      r.headers.emplace("Set-Cookie", clear_cookie(kPendingLoginCookie, s.config.secure_cookies));
      return r;
    } catch (const DomainError& e) {
      if (e.code() == "users.mfa_login_expired") return login_expired_page(req, s);
      if (e.kind() != ErrorKind::unauthenticated && e.kind() != ErrorKind::too_many_requests) throw;
      return login_step_page(req, s, "users.mfa.code_title", "account/mfa_code", nlohmann::json::object(), &e,
                             status_of(e.kind()));
    }
  }});

  // ---- The enrolment the policy requires before a first session ----
  routes.push_back({"GET", "/login/enrol", Access::open, [&s](Request& req) {
    if (req.auth) return Response::redirect("/");
    auto pending = app::find_pending_login(s.store, s.clock, pending_token(req));
    if (!pending || pending->stage != users::PendingStage::enrol) return Response::redirect("/login");
    app::Context ctx{s.clock, req.request_id, pending->user, std::nullopt};
    auto enrolment = app::pending_enrolment(s.store, ctx);
    if (!enrolment) return Response::redirect("/login");
    return enrol_page(req, s, *enrolment, true, nullptr, 200);
  }});

  routes.push_back({"POST", "/login/enrol", Access::open, [&s](Request& req) {
    if (auto chosen = web::supported_language(req.form_value("lang")); !chosen.empty()) req.lang = chosen;
    auto pending = app::find_pending_login(s.store, s.clock, pending_token(req));
    if (!pending || pending->stage != users::PendingStage::enrol) return login_expired_page(req, s);
    app::Context ctx{s.clock, req.request_id, pending->user, std::nullopt};
    auto enrolment = app::pending_enrolment(s.store, ctx);
    if (!enrolment) return login_expired_page(req, s);
    if (!login_csrf_ok(req)) return enrol_page(req, s, *enrolment, true, nullptr, 403);
    try {
      auto done = app::login_enrol_step(s.store, s.clock, req.request_id, pending_token(req), req.form_value("code"));
      // The recovery codes, shown once, with the session already open.
      auto info = page_info(req, s, "users.mfa.codes_title", "");
      info.user = done.session.user;
      info.csrf_token = done.session.csrf_token;
      Response r = Response::html(
          s.views.page(info, "account/mfa_codes", {{"codes", codes_json(done.recovery_codes)}, {"next", "/"}}), 200);
      r.headers.emplace("Set-Cookie",
                        cookie(kSessionCookie, done.session.token, s.config.secure_cookies, kSessionCookieMaxAge));
      r.headers.emplace("Set-Cookie", clear_cookie(kLoginCsrfCookie, s.config.secure_cookies));
      r.headers.emplace("Set-Cookie", clear_cookie(kPendingLoginCookie, s.config.secure_cookies));
      return r;
    } catch (const DomainError& e) {
      if (e.kind() != ErrorKind::validation) throw;
      return enrol_page(req, s, *enrolment, true, &e, 422);
    }
  }});

  // ---- One's own second factor ----
  routes.push_back({"POST", "/account/mfa", Access::logged_in, [&s](Request& req) {
    app::start_enrolment(s.store, req.context());
    return Response::redirect("/account/mfa");
  }});

  routes.push_back({"GET", "/account/mfa", Access::logged_in, [&s](Request& req) {
    auto enrolment = app::pending_enrolment(s.store, req.context());
    if (!enrolment) return Response::redirect("/account");
    return enrol_page(req, s, *enrolment, false, nullptr, 200);
  }});

  routes.push_back({"POST", "/account/mfa/confirm", Access::logged_in, [&s](Request& req) {
    try {
      auto codes = app::confirm_enrolment(s.store, req.context(), req.form_value("code"));
      return Response::html(s.views.page(page_info(req, s, "users.mfa.codes_title", "account"), "account/mfa_codes",
                                         {{"codes", codes_json(codes)}, {"next", "/account"}}),
                            200);
    } catch (const DomainError& e) {
      if (e.kind() != ErrorKind::validation) throw;
      auto enrolment = app::pending_enrolment(s.store, req.context());
      if (!enrolment) throw;
      return enrol_page(req, s, *enrolment, false, &e, 422);
    }
  }});

  routes.push_back({"GET", "/account/mfa/disable", Access::logged_in, [&s](Request& req) {
    return disable_page(req, s, nullptr, 200);
  }});

  routes.push_back({"POST", "/account/mfa/disable", Access::logged_in, [&s](Request& req) {
    try {
      app::disable_mfa(s.store, req.context(), req.form_value("password"), req.form_value("code"), req.address,
                       login_policy(s));
      return Response::redirect("/account?mfa=off");
    } catch (const DomainError& e) {
      if (e.kind() != ErrorKind::validation && e.kind() != ErrorKind::too_many_requests) throw;
      return disable_page(req, s, &e, status_of(e.kind()));
    }
  }});

  // ---- The API ----
  routes.push_back({"GET", "/api/v1/me/mfa", Access::logged_in, [&s](Request& req) {
    auto status = app::mfa_status(s.store, req.context(), login_policy(s));
    return Response::json(nlohmann::json{{"enabled", status.enabled},
                                         {"required", status.required},
                                         {"recovery_codes_left", status.recovery_codes_left}}
                              .dump());
  }});

  routes.push_back({"POST", "/api/v1/me/mfa", Access::logged_in, [&s](Request& req) {
    auto e = app::start_enrolment(s.store, req.context());
    return Response::json(nlohmann::json{{"secret", e.secret}, {"otpauth_uri", e.uri}}.dump());
  }});

  routes.push_back({"POST", "/api/v1/me/mfa/confirm", Access::logged_in, [&s](Request& req) {
    auto body = json_body(req);
    auto codes = app::confirm_enrolment(s.store, req.context(), json_string(body, "code"));
    return Response::json(nlohmann::json{{"recovery_codes", codes_json(codes)}}.dump());
  }});

  routes.push_back({"POST", "/api/v1/me/mfa/disable", Access::logged_in, [&s](Request& req) {
    auto body = json_body(req);
    app::disable_mfa(s.store, req.context(), json_string(body, "password"), json_string(body, "code"), req.address,
                     login_policy(s));
    return Response::json(R"({"ok":true})");
  }});
}

}  // namespace hms::http
