// hms rules load --db URL FILE [--replace] [--json] : a new month of the health index or a new
// year of admission incomes, checked whole, stored, audited.
#include <fstream>
#include <ostream>
#include <sstream>

#include "app/rules/rules_admin.hpp"
#include "cli/command.hpp"

namespace hms::cli {

int cmd_rules_load(Env& env, const std::string& url, const std::string& file, bool replace) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  storage::SqlStore store = open_store(url, false);
  app::Context ctx{env.clock, "cli", std::nullopt, std::nullopt};
  auto load = app::load_rules(store, ctx, text.str(), replace);
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

}  // namespace hms::cli
