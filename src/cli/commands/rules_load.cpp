// hms rules load --db URL FILE [--replace] [--json] : a new month of the health index or a new
// year of admission incomes, checked whole, stored, audited.
#include <fstream>
#include <ostream>
#include <sstream>

#include "app/rules/rules_admin.hpp"
#include "cli/command.hpp"

namespace hms::cli {

namespace {

struct Options {
  std::string db, file;
  bool replace = false;
};

int rules_load(Env& env, const Options& o) {
  std::ifstream in(o.file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  storage::SqlStore store = open_store(o.db, false);
  app::Context ctx{env.clock, "cli", std::nullopt, std::nullopt};
  auto load = app::load_rules(store, ctx, text.str(), o.replace);
  if (env.json) {
    env.out << nlohmann::json{{"ok", true},
                              {"table", app::to_string(load.table)},
                              {"added", load.count.added},
                              {"changed", load.count.changed},
                              {"unchanged", load.count.unchanged}}
                   .dump()
            << "\n";
  } else {
    env.out << env.say("cli.rules_loaded", {{"table", env.say("rules.table." + std::string(app::to_string(load.table)))},
                                            {"added", std::to_string(load.count.added)},
                                            {"changed", std::to_string(load.count.changed)},
                                            {"unchanged", std::to_string(load.count.unchanged)}})
            << "\n";
  }
  return 0;
}

}  // namespace

void register_rules_load(Registry& registry) {
  auto o = std::make_shared<Options>();
  Command c = registry.command("rules load");
  c.db(o->db);
  c.option("FILE", o->file)->required()->check(CLI::ExistingFile);
  c.flag("--replace", o->replace);
  c.json();
  c.runs([o](Env& env) { return rules_load(env, *o); });
}

}  // namespace hms::cli
