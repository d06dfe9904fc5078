// hms import bank --db URL --agency CODE FILE [--json] (contract E): a CODA 2.x or camt.053 file
// (told apart by its content) imported into the agency's bank statements, each credit matched to
// a lease when it can be, in one transaction. A bad file: bank.invalid_file, the line or element
// and the reason, exit 2; a statement already imported: bank.duplicate_statement, exit 1.
// --json → {"ok": true, "statements": N, "movements": N, "matched": N, "unmatched": N}.
#include <fstream>
#include <ostream>
#include <sstream>

#include "app/bank/bank.hpp"
#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "http/handlers/bank/bank_json.hpp"
#include "web/texts.hpp"

namespace hms::cli {

namespace {

struct Options {
  std::string db, agency, file;
};

int import_bank(Env& env, const Options& o) {
  std::ifstream in(o.file, std::ios::binary);
  if (!in) throw std::runtime_error(env.say("cli.import_unreadable", {{"file", o.file}}));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  storage::SqlStore store = open_store(o.db, false);
  app::Context ctx{env.clock, "cli", std::nullopt, std::nullopt};
  const web::Texts tx{env.catalog, env.lang};
  try {
    const auto report = app::import_bank_file(store, ctx, o.agency, bytes.str());
    if (env.json) {
      env.out << http::bank_import_json(report).dump() << "\n";
      return kExitOk;
    }
    env.out << env.say("bank.import.cli_summary", {{"statements", std::to_string(report.statements)},
                                                   {"movements", std::to_string(report.movements)},
                                                   {"matched", std::to_string(report.matched)},
                                                   {"unmatched", std::to_string(report.unmatched)}})
            << "\n";
    return kExitOk;
  } catch (const DomainError& e) {
    // The file's problem with its line or element, and the code for scripts.
    env.err << "hms: " << http::bank_error_text(e, tx) << " [" << e.code() << "]\n";
    return exit_code(e.kind());
  }
}

}  // namespace

void register_import_bank(Registry& registry) {
  auto o = std::make_shared<Options>();
  Command c = registry.command("import bank");
  c.db(o->db);
  c.option("--agency", o->agency)->required();
  c.option("FILE", o->file)->required()->check(CLI::ExistingFile);
  c.json();
  c.runs([o](Env& env) { return import_bank(env, *o); });
}

}  // namespace hms::cli
