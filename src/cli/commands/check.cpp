// hms check --db URL [--json] : what a database must hold after a crash, a restore or an upgrade
// (issue 14.2): SQLite's integrity and foreign keys, the audit log's sealed chain, every journal
// entry balanced and numbered without a gap, every encrypted field opening with the key file
// (storage/check/database_check.hpp). Exit 0 when everything holds, 1 otherwise.
#include <filesystem>
#include <ostream>

#include "app/audit/audit_check.hpp"
#include "cli/command.hpp"
#include "storage/check/database_check.hpp"

namespace hms::cli {

int check_and_report(Env& env, const std::string& url) {
  const std::string key_file = storage::key_file_for(url);
  if (!std::filesystem::exists(key_file)) {
    open_database(url, false);  // a missing or uninitialised database says so first
    env.err << env.say("cli.audit_key_missing", {{"file", key_file}}) << "\n";
    return 1;
  }
  storage::SqlStore store = open_store(url, false);
  auto findings = storage::check_database(store.database(), store.cipher());  // the key file read once
  // The audit chain, as hms audit verify checks it.
  app::Context ctx{env.clock, "cli", std::nullopt, std::nullopt};
  storage::CheckFinding chain;
  chain.name = "audit_chain";
  try {
    const auto audit = app::verify_audit_log(store, ctx);
    chain.checked = audit.entries;
    if (!audit.ok()) {
      chain.problems = 1;
      chain.first = audit.first_broken ? "audit_log " + std::to_string(*audit.first_broken) : storage::audit_checkpoint_for(url);
    }
  } catch (const std::exception& e) {  // a damaged page stops the read: reported, not thrown
    chain.problems = 1;
    chain.first = e.what();
  }
  findings.insert(findings.begin() + 2, chain);

  bool ok = true;
  for (const auto& f : findings) ok = ok && f.ok();
  if (env.json) {
    nlohmann::json checks = nlohmann::json::array();
    for (const auto& f : findings)
      checks.push_back({{"name", f.name}, {"ok", f.ok()}, {"applies", f.applies}, {"checked", f.checked},
                        {"problems", f.problems}, {"first", f.first.empty() ? nlohmann::json() : nlohmann::json(f.first)}});
    env.out << nlohmann::json{{"ok", ok}, {"checks", checks}}.dump() << "\n";
  } else {
    for (const auto& f : findings) {
      const std::map<std::string, std::string> params = {{"checked", std::to_string(f.checked)},
                                                         {"problems", std::to_string(f.problems)},
                                                         {"first", f.first}};
      const std::string what = env.say("cli.check." + f.name, params);
      if (!f.applies) env.out << "  " << what << ": " << env.say("cli.check.by_the_database", params) << "\n";
      else if (f.ok()) env.out << "✓ " << what << ": " << env.say("cli.check.holds", params) << "\n";
      else env.out << "✗ " << what << ": " << env.say("cli.check.broken", params) << "\n";
    }
    env.out << env.say(ok ? "cli.check.all_hold" : "cli.check.some_broken") << "\n";
  }
  return ok ? 0 : 1;
}

void register_check(Registry& registry) {
  auto url = std::make_shared<std::string>();
  Command c = registry.command("check");
  c.db(*url);
  c.json();
  c.runs([url](Env& env) { return check_and_report(env, *url); });
}

}  // namespace hms::cli
