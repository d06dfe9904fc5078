#include "http/error_mapping.hpp"

namespace hms::http {

int status_of(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::bad_request: return 400;
    case ErrorKind::unauthenticated: return 401;
    case ErrorKind::forbidden: return 403;
    case ErrorKind::not_found: return 404;
    case ErrorKind::conflict: return 409;
    case ErrorKind::validation: return 422;
    case ErrorKind::too_many_requests: return 429;
  }
  return 500;
}

nlohmann::json error_json(const web::Views& views, const std::string& lang, const DomainError& e) {
  const auto& cat = views.catalog();
  nlohmann::json j = {{"code", e.code()}, {"message", cat.format(lang, e.code(), e.params())}};
  if (e.kind() == ErrorKind::validation) {
    nlohmann::json fields = nlohmann::json::object();
    for (const auto& [field, code] : e.fields()) fields[field] = cat.format(lang, code, e.params());
    j["fields"] = fields;
  }
  return j;
}

Response error_response(const web::Views& views, const Request& request, const DomainError& e, int status) {
  if (status == 0) status = status_of(e.kind());
  if (request.is_api()) {
    Response r = Response::json(nlohmann::json{{"error", error_json(views, request.lang, e)}}.dump(), status);
    if (auto it = e.params().find("seconds"); it != e.params().end()) r.headers.emplace("Retry-After", it->second);
    return r;
  }
  web::PageInfo info;
  info.lang = request.lang;
  info.user = request.auth ? std::optional(request.auth->user) : std::nullopt;
  info.csrf_token = request.auth ? request.auth->session.csrf_token : "";
  info.path = request.path;
  info.title = views.catalog().text(request.lang, "common.error.title." + std::to_string(status));
  nlohmann::json model = {{"status", status},
                          {"heading", info.title},
                          {"message", views.catalog().format(request.lang, e.code(), e.params())},
                          {"request_id", request.request_id}};
  return Response::html(views.page(info, "error", model), status);
}

Response internal_error_response(const web::Views& views, const Request& request) {
  if (request.is_api())
    return Response::json(nlohmann::json{{"error",
                                          {{"code", "internal"},
                                           {"message", views.catalog().text(request.lang, "internal")},
                                           {"request_id", request.request_id}}}}
                              .dump(),
                          500);
  web::PageInfo info;
  info.lang = request.lang;
  info.path = request.path;
  info.title = views.catalog().text(request.lang, "common.error.title.500");
  nlohmann::json model = {{"status", 500},
                          {"heading", info.title},
                          {"message", views.catalog().text(request.lang, "internal")},
                          {"request_id", request.request_id}};
  return Response::html(views.page(info, "error", model), 500);
}

}  // namespace hms::http
