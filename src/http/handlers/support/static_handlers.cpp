// Static files (our CSS and JS, htmx from npm) and a health check for load balancers.
#include "http/handlers/module_routes.hpp"
#include "http/handlers/support/support.hpp"

namespace hms::http {

void add_static_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/static/{name}", Access::open, [&s](Request& req) {
    const std::string& name = req.path_params.at("name");
    auto file = s.views.static_file(name);
    if (!file) throw DomainError(ErrorKind::not_found, "common.not_found");
    Response r;
    r.body = std::string(*file);
    if (name.ends_with(".css")) r.content_type = "text/css; charset=utf-8";
    else if (name.ends_with(".js")) r.content_type = "text/javascript; charset=utf-8";
    else if (name.ends_with(".svg")) r.content_type = "image/svg+xml";
    else r.content_type = "application/octet-stream";
    r.headers.emplace("Cache-Control", "public, max-age=3600");
    return r;
  }});

  routes.push_back({"GET", "/healthz", Access::open, [](Request&) { return Response::json(R"({"ok":true})"); }});
}

}  // namespace hms::http
