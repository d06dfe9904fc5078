// hms agency add --db URL --code CODE --name NAME
#include <ostream>

#include "app/agencies/agency_admin.hpp"
#include "cli/command.hpp"

namespace hms::cli {

int cmd_agency_add(Env& env, const std::string& url, const std::string& code, const std::string& name) {
  storage::SqlStore store = open_store(url, false);
  app::Context ctx{env.clock, "cli", std::nullopt, std::nullopt};
  auto a = app::add_agency(store, ctx, code, name);
  if (env.json)
    env.out << nlohmann::json{{"id", a.id}, {"code", a.code}, {"name", a.name}}.dump() << "\n";
  else
    env.out << env.say("cli.agency_added", {{"code", a.code}, {"name", a.name}}) << "\n";
  return 0;
}

}  // namespace hms::cli
