// hms rent run --db URL --agency CODE --month YYYY-MM [--dry-run] [--json] (contract E): the
// month's rent calls and rents due to owners posted in the agency's ledger, once per month.
// --json → {"month", "rent_calls", "tenant_total", "owner_rents", "owner_total", "already_done"}:
// what this command posted (a dry run: what it would post; a month already run: 0).
#include <ostream>

#include "app/ledger/ledger.hpp"
#include "app/ledger/rent_run.hpp"
#include "cli/command.hpp"
#include "http/handlers/ledger/ledger_json.hpp"
#include "web/texts.hpp"

namespace hms::cli {

namespace {

struct Options {
  std::string db, agency, month;
  bool dry_run = false;
};

int rent_run(Env& env, const Options& o) {
  const auto month = app::parse_ledger_month(o.month);
  storage::SqlStore store = open_store(o.db, false);
  app::Context ctx{env.clock, "cli", std::nullopt, std::nullopt};
  const auto run = app::run_rent(store, ctx, o.agency, month, o.dry_run);
  if (env.json) {
    env.out << http::rent_run_json(run, false).dump() << "\n";
    return 0;
  }
  const web::Texts tx{env.catalog, env.lang};
  if (run.already_done) {
    env.out << env.say("ledger.rent_run.cli_already_done", {{"month", tx.month(run.month)}}) << "\n";
    return 0;
  }
  const auto counts = app::reported(run);
  env.out << env.say(run.dry_run ? "ledger.rent_run.cli_summary_dry" : "ledger.rent_run.cli_summary",
                     {{"month", tx.month(run.month)},
                      {"calls", std::to_string(counts.rent_calls)},
                      {"tenant_total", tx.money(counts.tenant_total)},
                      {"owners", std::to_string(counts.owner_rents)},
                      {"owner_total", tx.money(counts.owner_total)},
                      {"vacancy", tx.money(run.vacancy_total)}})
          << "\n";
  return 0;
}

}  // namespace

void register_rent_run(Registry& registry) {
  auto o = std::make_shared<Options>();
  Command c = registry.command("rent run");
  c.db(o->db);
  c.option("--agency", o->agency)->required();
  c.option("--month", o->month)->required();
  c.flag("--dry-run", o->dry_run);
  c.json();
  c.runs([o](Env& env) { return rent_run(env, *o); });
}

}  // namespace hms::cli
