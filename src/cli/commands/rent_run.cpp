// hms rent run --db URL (--agency CODE | --all-agencies) --month YYYY-MM [--dry-run] [--json]
// (contract E): the month's rent calls and rents due to owners posted in the agency's ledger, once
// per month. --json → {"month", "rent_calls", "tenant_total", "owner_rents", "owner_total",
// "already_done"}: what this command posted (a dry run: what it would post; a month already run: 0).
//
// --all-agencies: the same for every agency of the database, in code order, in one process and
// one transaction (the Region's month-end job: the whole Region posted, or nothing; 24 commands
// would start, load their libraries, commit and checkpoint the database 24 times). An agency
// whose month was already run posts nothing. --json → {"month", "agencies": [{"agency", …the
// fields above…}]}.
#include <ostream>

#include "app/ledger/ledger.hpp"
#include "app/ledger/rent_run.hpp"
#include "cli/command.hpp"
#include "common/error.hpp"
#include "http/handlers/ledger/ledger_json.hpp"
#include "web/texts.hpp"

namespace hms::cli {

namespace {

struct Options {
  std::string db, agency, month;
  bool all_agencies = false;
  bool dry_run = false;
};

std::string summary(Env& env, const app::RentRun& run) {
  const web::Texts tx{env.catalog, env.lang};
  if (run.already_done) return env.say("ledger.rent_run.cli_already_done", {{"month", tx.month(run.month)}});
  const auto counts = app::reported(run);
  return env.say(run.dry_run ? "ledger.rent_run.cli_summary_dry" : "ledger.rent_run.cli_summary",
                 {{"month", tx.month(run.month)},
                  {"calls", std::to_string(counts.rent_calls)},
                  {"tenant_total", tx.money(counts.tenant_total)},
                  {"owners", std::to_string(counts.owner_rents)},
                  {"owner_total", tx.money(counts.owner_total)},
                  {"vacancy", tx.money(run.vacancy_total)}});
}

int rent_run(Env& env, const Options& o) {
  if (o.all_agencies == !o.agency.empty())
    throw DomainError(ErrorKind::validation, "ledger.rent_run.cli_agency_or_all").field("agency");
  const auto month = app::parse_ledger_month(o.month);
  storage::SqlStore store = open_store(o.db, false);
  app::Context ctx{env.clock, "cli", std::nullopt, std::nullopt};
  if (!o.all_agencies) {
    const auto run = app::run_rent(store, ctx, o.agency, month, o.dry_run);
    if (env.json)
      env.out << http::rent_run_json(run, false).dump() << "\n";
    else
      env.out << summary(env, run) << "\n";
    return 0;
  }
  nlohmann::json agencies = nlohmann::json::array();
  for (const auto& run : app::run_rent_everywhere(store, ctx, month, o.dry_run)) {
    if (env.json) {
      auto one = http::rent_run_json(run, false);
      one.erase("month");
      one["agency"] = run.agency_code;
      agencies.push_back(std::move(one));
    } else {
      env.out << run.agency_code << ": " << summary(env, run) << "\n";
    }
  }
  if (env.json) env.out << nlohmann::json{{"month", month.to_string()}, {"agencies", agencies}}.dump() << "\n";
  return 0;
}

}  // namespace

void register_rent_run(Registry& registry) {
  auto o = std::make_shared<Options>();
  Command c = registry.command("rent run");
  c.db(o->db);
  c.option("--agency", o->agency);
  c.flag("--all-agencies", o->all_agencies);
  c.option("--month", o->month)->required();
  c.flag("--dry-run", o->dry_run);
  c.json();
  c.runs([o](Env& env) { return rent_run(env, *o); });
}

}  // namespace hms::cli
