// Users: GET|POST /api/v1/users, GET|PATCH /api/v1/users/{id}, and the pages to list,
// create, disable and enable users (/users, /users/new, /users/{id}).
#include "app/users/user_admin.hpp"
#include "domain/users/password_policy.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/users/users_json.hpp"
#include "http/handlers/support/forms.hpp"
#include "http/handlers/support/pages.hpp"
#include "http/handlers/support/support.hpp"

namespace hms::http {

using users::Permission;
namespace {

app::NewUser new_user_from_form(const Request& req) {
  app::NewUser n;
  n.login = req.form_value("login");
  n.name = req.form_value("name");
  n.role = req.form_value("role");
  n.password = req.form_value("password");
  // An agency admin creates users in its own agency only: the form has no agency field then.
  if (req.auth && users::is_agency_role(req.auth->user.role))
    n.agency_code = req.auth->user.agency_code;
  else if (!req.form_value("agency").empty())
    n.agency_code = req.form_value("agency");
  return n;
}

Response user_form_page(const Request& req, const Services& s, const app::NewUser& n, const DomainError* error,
                        int status) {
  const auto& cat = s.views.catalog();
  auto ctx = req.context();
  nlohmann::json roles = nlohmann::json::array();
  for (auto r : users::kAllRoles) {
    if (!ctx.can(users::Permission::users_manage_any_role) && !users::is_agency_role(r)) continue;
    std::string name(users::to_string(r));
    roles.push_back({{"value", name},
                     {"label", cat.text(req.lang, "users.roles." + name)},
                     {"hint", cat.text(req.lang, "users.role_hints." + name)},
                     {"checked", n.role == name || (n.role.empty() && r == users::Role::agency_staff)}});
  }
  nlohmann::json model = {{"form", {{"login", n.login}, {"name", n.name}, {"agency", n.agency_code.value_or("")}}},
                          {"roles", roles},
                          {"choose_agency", ctx.can(users::Permission::users_manage_any_role)},
                          {"password_min", users::kPasswordMinLength}};
  if (ctx.can(users::Permission::users_manage_any_role)) {
    nlohmann::json agencies = nlohmann::json::array();
    auto uow = s.store.read();
    for (const auto& a : uow->agencies().list(std::nullopt, app::Paging::kMaxLimit, 0))
      agencies.push_back({{"code", a.code}, {"name", a.name}, {"selected", n.agency_code && *n.agency_code == a.code}});
    model["agencies"] = agencies;
  }
  if (error) model["errors"] = form_errors(s.views, req.lang, *error);
  return Response::html(s.views.page(page_info(req, s, "users.new_title", "users"), "users/new", model), status);
}

}  // namespace

void add_user_routes(std::vector<Route>& routes, Services& s) {
  auto admin_json = [&s](const Request& req) {
    return [&s, &req](const users::User& u) { return user_admin_json(u, s.views, req.lang); };
  };

  routes.push_back({"GET", "/api/v1/users", Access::logged_in, [&s, admin_json](Request& req) {
    auto page = app::list_users(s.store, req.context(), req.query_value("q"), req.paging());
    return Response::json(list_json(page, admin_json(req)).dump());
  }});

  routes.push_back({"POST", "/api/v1/users", needing(Permission::users_manage), [&s](Request& req) {
    auto body = json_body(req);
    app::NewUser n{json_string(body, "login"), json_string(body, "name"), json_string(body, "role"), std::nullopt,
                   json_string(body, "password"), std::nullopt};
    if (auto agency = json_string(body, "agency"); !agency.empty()) n.agency_code = agency;
    if (auto lang = json_string(body, "language"); !lang.empty()) n.language = lang;
    auto u = app::add_user(s.store, req.context(), n);
    return Response::json(user_admin_json(u, s.views, req.lang).dump(), 201);
  }});

  routes.push_back({"GET", "/api/v1/users/{id}", reaching("user"), [&s](Request& req) {
    auto u = app::find_managed_user(s.store, req.context(), req.path_id());
    return Response::json(user_admin_json(u, s.views, req.lang).dump());
  }});

  routes.push_back({"PATCH", "/api/v1/users/{id}", reaching("user", Permission::users_manage), [&s](Request& req) {
    auto body = json_body(req);
    auto id = req.path_id();
    auto u = app::find_managed_user(s.store, req.context(), id);  // 404 before looking at the body
    for (const auto& [key, value] : body.items()) {
      if (key != "disabled") throw DomainError(ErrorKind::validation, "common.field_not_editable").field(key);
      if (!value.is_boolean()) throw DomainError(ErrorKind::bad_request, "common.malformed_json");
      u = app::set_user_disabled(s.store, req.context(), id, value.get<bool>());
    }
    return Response::json(user_admin_json(u, s.views, req.lang).dump());
  }});

  routes.push_back({"GET", "/users", Access::logged_in, [&s, admin_json](Request& req) {
    auto paging = req.paging();
    auto page = app::list_users(s.store, req.context(), req.query_value("q"), paging);
    ListPage list{list_json(page, admin_json(req))["items"], page.total, paging, {}, "", false};  // no agency filter
    auto model = list_page_model(req, s, list);
    auto info = page_info(req, s, "users.title", "users");
    // htmx search-as-you-type replaces only the results.
    if (req.htmx()) return Response::html(s.views.fragment(info, "users/results", model));
    return Response::html(s.views.page(info, "users/list", model));
  }});

  routes.push_back({"GET", "/users/new", Access::logged_in, [&s](Request& req) {
    req.context().require(users::Permission::users_manage);
    if (auto draft = form_draft(req, s)) {
      // The typed values, without the password (never kept in a draft).
      app::NewUser n;
      n.login = draft->values.value("login", "");
      n.name = draft->values.value("name", "");
      n.role = draft->values.value("role", "");
      if (auto agency = draft->values.value("agency", ""); !agency.empty()) n.agency_code = agency;
      return user_form_page(req, s, n, &draft->error, draft->status);
    }
    return user_form_page(req, s, app::NewUser{}, nullptr, 200);
  }});

  routes.push_back({"POST", "/users", needing(Permission::users_manage), [&s](Request& req) {
    auto n = new_user_from_form(req);
    FormState typed(nlohmann::json{{"login", n.login}, {"name", n.name}, {"role", n.role}, {"agency", n.agency_code.value_or("")}});
    return submit_form(
        req, s, "/users/new", typed,
        [&] {
          auto u = app::add_user(s.store, req.context(), n);
          return Response::redirect("/users/" + std::to_string(u.id) + "?created=1");
        },
        [&](const DomainError& e, int status) { return user_form_page(req, s, n, &e, status); });
  }});

  routes.push_back({"GET", "/users/{id}", reaching("user"), [&s](Request& req) {
    auto u = app::find_managed_user(s.store, req.context(), req.path_id());
    nlohmann::json model = {{"user_detail", user_admin_json(u, s.views, req.lang)},
                            {"created", req.query_value("created") == "1"},
                            {"is_self", u.id == req.auth->user.id}};
    auto info = page_info(req, s, "users.detail_title", "users");
    return Response::html(s.views.page(info, "users/detail", model));
  }});

  for (bool disable : {true, false}) {
    routes.push_back({"POST", disable ? "/users/{id}/disable" : "/users/{id}/enable", reaching("user", Permission::users_manage),
                      [&s, disable](Request& req) {
                        app::set_user_disabled(s.store, req.context(), req.path_id(), disable);
                        return Response::redirect("/users/" + std::to_string(req.path_id()));
                      }});
  }
}

}  // namespace hms::http
