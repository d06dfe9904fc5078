// hms audit verify --db URL [--json] : checks the audit log's hash chain from end to end.
#include <ostream>

#include "app/audit/audit_check.hpp"
#include "cli/command.hpp"

namespace hms::cli {

namespace {

int audit_verify(Env& env, const std::string& url) {
  storage::SqlStore store = open_store(url, false);
  app::Context ctx{env.clock, "cli", std::nullopt, std::nullopt};
  auto check = app::verify_audit_log(store, ctx);
  if (env.json) {
    env.out << nlohmann::json{{"ok", !check.first_broken}, {"entries", check.entries},
                              {"first_broken", check.first_broken ? nlohmann::json(*check.first_broken) : nlohmann::json()}}
                   .dump()
            << "\n";
  } else if (check.first_broken) {
    env.out << env.say("cli.audit_broken", {{"id", std::to_string(*check.first_broken)},
                                            {"entries", std::to_string(check.entries)}})
            << "\n";
  } else {
    env.out << env.say("cli.audit_holds", {{"entries", std::to_string(check.entries)}}) << "\n";
  }
  return check.first_broken ? 1 : 0;
}

}  // namespace

void register_audit_verify(Registry& registry) {
  auto url = std::make_shared<std::string>();
  Command c = registry.command("audit verify");
  c.db(*url);
  c.json();
  c.runs([url](Env& env) { return audit_verify(env, *url); });
}

}  // namespace hms::cli
