// hms routes [--json] : the route table of the web server (method, pattern, access, and in JSON
// the permission a route needs, the agency-owned object its {id} names and the most bytes of a body), from which the tests build their isolation and header matrices
// and check the body limits of deploy/nginx/hms.conf.
#include <ostream>

#include "cli/command.hpp"
#include "http/server.hpp"

namespace hms::cli {

namespace {

int routes(Env& env) {
  // The routes only need the services to exist, not to work: no database is opened.
  struct NoStore : Store {
    std::unique_ptr<UnitOfWork> read() override { throw std::logic_error("no database"); }
    std::unique_ptr<UnitOfWork> write() override { throw std::logic_error("no database"); }
    attachments::FileFolder& attachment_files() override { throw std::logic_error("no database"); }
  } store;
  web::Views views;
  http::Services services{store, env.clock, views, {}};
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : http::all_routes(services))
    items.push_back({{"method", r.method},
                     {"pattern", r.pattern},
                     {"access", r.guard.access == http::Access::open ? "open" : "logged_in"},
                     {"permission", r.guard.permission ? nlohmann::json(users::to_string(*r.guard.permission)) : nlohmann::json()},
                     {"object", r.guard.object.empty() ? nlohmann::json() : nlohmann::json(std::string(r.guard.object))},
                     {"max_body", r.max_body}});
  if (env.json) {
    env.out << nlohmann::json{{"items", items}, {"total", items.size()}}.dump() << "\n";
  } else {
    for (const auto& i : items)
      env.out << i["method"].get<std::string>() << "\t" << i["pattern"].get<std::string>() << "\t"
              << i["access"].get<std::string>() << "\n";
  }
  return 0;
}

}  // namespace

void register_routes(Registry& registry) {
  Command c = registry.command("routes");
  c.json();
  c.runs(routes);
}

}  // namespace hms::cli
