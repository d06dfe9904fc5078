// hms audit verify --db URL [--json] : checks the audit log's chain from end to end, each
// entry's seal with the key file's audit sub-key, and its tail against the checkpoint kept
// outside the database (ADR 0007). Exit 0 when everything holds, 1 otherwise.
#include <filesystem>
#include <ostream>

#include "app/audit/audit_check.hpp"
#include "cli/command.hpp"

namespace hms::cli {
namespace {

using Tail = app::AuditCheck::Tail;

// The problem's name in --json and its message's key, or none when the log holds.
std::optional<std::pair<const char*, const char*>> problem_of(const app::AuditCheck& check) {
  if (check.first_broken) return std::pair{"broken", "cli.audit_broken"};
  switch (check.tail) {
    case Tail::anchored:
    case Tail::unsealed: return std::nullopt;
    case Tail::no_checkpoint: return std::pair{"no_checkpoint", "cli.audit_no_checkpoint"};
    case Tail::cut: return std::pair{"truncated", "cli.audit_truncated"};
    case Tail::rewritten: return std::pair{"rewritten", "cli.audit_rewritten"};
  }
  return std::nullopt;
}

int audit_verify(Env& env, const std::string& url) {
  // Without the key file no seal can be checked: say so rather than "broken at the first entry".
  const std::string key_file = storage::key_file_for(url);
  if (!std::filesystem::exists(key_file)) {
    open_database(url, false);  // a missing or uninitialised database says so first
    if (env.json)
      env.out << nlohmann::json{{"ok", false}, {"entries", 0}, {"first_broken", nullptr}, {"problem", "key_missing"}}.dump()
              << "\n";
    else
      env.out << env.say("cli.audit_key_missing", {{"file", key_file}}) << "\n";
    return 1;
  }
  storage::SqlStore store = open_store(url, false);
  app::Context ctx{env.clock, "cli", std::nullopt, std::nullopt};
  auto check = app::verify_audit_log(store, ctx);
  const auto problem = problem_of(check);
  if (env.json) {
    nlohmann::json j{{"ok", !problem}, {"entries", check.entries},
                     {"first_broken", check.first_broken ? nlohmann::json(*check.first_broken) : nlohmann::json()}};
    if (problem) j["problem"] = problem->first;
    env.out << j.dump() << "\n";
  } else if (problem) {
    env.out << env.say(problem->second,
                       {{"id", std::to_string(check.first_broken  ? *check.first_broken
                                              : check.checkpoint ? check.checkpoint->id
                                                                 : 0)},
                        {"entries", std::to_string(check.entries)},
                        {"file", storage::audit_checkpoint_for(url)}})
            << "\n";
  } else {
    env.out << env.say("cli.audit_holds", {{"entries", std::to_string(check.entries)}}) << "\n";
  }
  return problem ? 1 : 0;
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
