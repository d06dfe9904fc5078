// hms init --db URL : create or migrate the database; idempotent. After an upgrade it also
// re-encrypts the values written before the current field encryption (ADR 0007).
#include <ostream>

#include "app/rules/rules_admin.hpp"
#include "cli/command.hpp"

namespace hms::cli {

namespace {

int init(Env& env, const std::string& url) {
  auto database = open_database(url, true);
  auto applied = db::migrate(*database->acquire());
  storage::SqlStore store = open_store(url, true);
  store.reencrypt_old_values();
  app::load_shipped_rules(store, app::Context{env.clock, "cli-init", std::nullopt, std::nullopt});
  if (env.json) {
    env.out << nlohmann::json{{"ok", true}, {"applied", applied}}.dump() << "\n";
  } else if (applied.empty()) {
    env.out << env.say("cli.init_up_to_date", {{"db", db::redact_url(url)}}) << "\n";
  } else {
    env.out << env.say("cli.init_applied", {{"db", db::redact_url(url)}, {"count", std::to_string(applied.size())}})
            << "\n";
  }
  return 0;
}

}  // namespace

void register_init(Registry& registry) {
  auto url = std::make_shared<std::string>();
  Command c = registry.command("init");
  c.db(*url);
  c.json();
  c.runs([url](Env& env) { return init(env, *url); });
}

}  // namespace hms::cli
