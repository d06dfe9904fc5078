// hms agency add --db URL --code CODE --name NAME
#include <ostream>

#include "app/agencies/agency_admin.hpp"
#include "cli/command.hpp"

namespace hms::cli {

namespace {

struct Options {
  std::string db, code, name;
};

int agency_add(Env& env, const Options& o) {
  storage::SqlStore store = open_store(o.db, false);
  app::Context ctx{env.clock, "cli", std::nullopt, std::nullopt};
  auto a = app::add_agency(store, ctx, o.code, o.name);
  if (env.json)
    env.out << nlohmann::json{{"id", a.id}, {"code", a.code}, {"name", a.name}}.dump() << "\n";
  else
    env.out << env.say("cli.agency_added", {{"code", a.code}, {"name", a.name}}) << "\n";
  return 0;
}

}  // namespace

void register_agency_add(Registry& registry) {
  auto o = std::make_shared<Options>();
  Command c = registry.command("agency add");
  c.db(o->db);
  c.option("--code", o->code)->required();
  c.option("--name", o->name)->required();
  c.json();
  c.runs([o](Env& env) { return agency_add(env, *o); });
}

}  // namespace hms::cli
