// hms import stock --db URL --agency CODE FILE [--dry-run] [--json] : an agency's dwellings, owners
// and owner contracts from a CSV or XLSX file (contract B). The file is checked whole; any problem:
// nothing is written, every problem is listed by line and column, exit 2. What is imported but
// incomplete (a company without its enterprise number) is a warning, on stderr or in "warnings".
#include <fstream>
#include <ostream>
#include <sstream>

#include "app/onboarding/stock_import.hpp"
#include "cli/command.hpp"
#include "cli/exit_codes.hpp"

namespace hms::cli {

namespace {

struct Options {
  std::string db, agency, file;
  bool dry_run = false;
};

int import_stock(Env& env, const Options& o) {
  const std::string& file = o.file;
  const bool dry_run = o.dry_run;
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(env.say("cli.import_unreadable", {{"file", file}}));
  std::stringstream bytes;
  bytes << in.rdbuf();
  storage::SqlStore store = open_store(o.db, false);
  app::Context ctx{env.clock, "cli", std::nullopt, std::nullopt};
  auto report = app::run_stock_import(store, ctx, o.agency, file, bytes.str(), dry_run);

  auto message = [&](const app::ImportProblem& p) { return env.catalog.format(env.lang, p.code, p.params); };
  if (!report.ok()) {
    if (env.json) {
      nlohmann::ordered_json errors = nlohmann::ordered_json::array();
      for (const auto& p : report.problems)
        errors.push_back({{"line", p.line}, {"column", p.column}, {"code", p.code}, {"message", message(p)}});
      env.out << nlohmann::ordered_json{{"ok", false}, {"errors", errors}}.dump() << "\n";
    } else {
      for (const auto& p : report.problems) {
        const char* key = p.line == 0 ? "cli.import_problem_file"
                          : p.column.empty() ? "cli.import_problem_line"
                                             : "cli.import_problem";
        env.err << env.say(key, {{"line", std::to_string(p.line)}, {"column", p.column}, {"message", message(p)}})
                << "\n";
      }
    }
    env.err << "hms: " << env.say("cli.import_invalid", {{"count", std::to_string(report.problems.size())}}) << "\n";
    return kExitUsage;
  }

  // What was imported incomplete (a company without its number): said, never an error.
  nlohmann::ordered_json warnings = nlohmann::ordered_json::array();
  for (const auto& w : report.warnings) {
    warnings.push_back({{"line", w.line}, {"column", w.column}, {"code", w.code}, {"message", message(w)}});
    if (!env.json)
      env.err << env.say("cli.import_warning", {{"line", std::to_string(w.line)}, {"column", w.column}, {"message", message(w)}})
              << "\n";
  }
  if (env.json) {
    env.out << nlohmann::ordered_json{{"ok", true},
                              {"dwellings", report.created.dwellings},
                              {"owners", report.created.owners},
                              {"contracts", report.created.contracts},
                              {"unchanged",
                               {{"dwellings", report.unchanged.dwellings},
                                {"owners", report.unchanged.owners},
                                {"contracts", report.unchanged.contracts}}},
                              {"rows", report.rows},
                              {"agency", report.agency_code},
                              {"dry_run", dry_run},
                              {"warnings", warnings}}
                   .dump()
            << "\n";
  } else {
    env.out << env.say(dry_run ? "cli.import_checked" : "cli.import_done",
                       {{"agency", report.agency_code},
                        {"rows", std::to_string(report.rows)},
                        {"dwellings", std::to_string(report.created.dwellings)},
                        {"owners", std::to_string(report.created.owners)},
                        {"contracts", std::to_string(report.created.contracts)},
                        {"dwellings_unchanged", std::to_string(report.unchanged.dwellings)},
                        {"owners_unchanged", std::to_string(report.unchanged.owners)},
                        {"contracts_unchanged", std::to_string(report.unchanged.contracts)}})
            << "\n";
  }
  return kExitOk;
}

}  // namespace

void register_import_stock(Registry& registry) {
  auto o = std::make_shared<Options>();
  Command c = registry.command("import stock");
  c.db(o->db);
  c.option("--agency", o->agency)->required();
  c.option("FILE", o->file)->required()->check(CLI::ExistingFile);
  c.flag("--dry-run", o->dry_run);
  c.json();
  c.runs([o](Env& env) { return import_stock(env, *o); });
}

}  // namespace hms::cli
