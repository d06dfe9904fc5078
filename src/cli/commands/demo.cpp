// hms demo --db URL [--agencies 24] [--dwellings 8000] [--years 10] [--ledger-years 10] [--seed 1]:
// a realistic, deterministic synthetic region in an empty database (agencies, staff, each
// agency's stock of dwellings, owners and owner contracts, households and leases, its years of
// rent runs, payments and owner payouts), and the demo logins it prints.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <ostream>

#include "app/demo/demo_bank.hpp"
#include "app/demo/demo_region.hpp"
#include "app/rules/rules_admin.hpp"
#include "cli/command.hpp"

namespace hms::cli {

namespace {

// Where the demo's bank statements go: beside a SQLite file ("data/demo.db",
// "sqlite:///data/demo.db" → "data/bank-statements"), else ./bank-statements (PostgreSQL).
std::filesystem::path bank_folder(const std::string& url) {
  const auto path = db::sqlite_path(url);
  if (!path) return "bank-statements";
  const std::filesystem::path file(*path);
  return (file.has_parent_path() ? file.parent_path() : std::filesystem::path(".")) / "bank-statements";
}

struct Options {
  std::string db;
  int agencies = 24;
  int dwellings = 8000;
  int years = 10;
  int ledger_years = 10;
  std::uint64_t seed = 1;
};

int demo(Env& env, const Options& options) {
  const std::string& url = options.db;
  auto started = std::chrono::steady_clock::now();
  auto database = open_database(url, true);
  {
    auto conn = database->acquire();
    db::migrate(*conn);
  }
  storage::SqlStore store = open_store(url, true);
  app::load_shipped_rules(store, app::Context{env.clock, "cli-demo", std::nullopt, std::nullopt});
  app::Context ctx{env.clock, "cli-demo", std::nullopt, std::nullopt};
  // PostgreSQL takes several writers at once: four agencies are written side by side.
  const int workers = store.database().backend() == db::Backend::postgres ? 4 : 1;
  app::demo::Options build{options.agencies, options.dwellings, options.years, options.seed, workers};
  build.ledger_years = options.ledger_years;
  auto report = app::demo::build_region(store, ctx, build);
  // Two CODA files of recent months for the first agency, to import from /bank.
  std::string bank_dir;
  for (const auto& l : report.logins)
    if (l.role == "agency_admin" && bank_dir.empty()) {
      const auto folder = bank_folder(url);
      std::filesystem::create_directories(folder);
      for (const auto& f : app::demo::demo_bank_statements(store, ctx, l.agency, env.clock.today(), options.seed))
        std::ofstream(folder / f.name, std::ios::binary) << f.bytes;
      bank_dir = std::filesystem::absolute(folder).string();
    }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (env.json) {
    nlohmann::json logins = nlohmann::json::array();
    for (const auto& l : report.logins)
      logins.push_back({{"role", l.role}, {"login", l.login}, {"password", l.password},
                        {"agency", l.agency.empty() ? nlohmann::json() : nlohmann::json(l.agency)}});
    env.out << nlohmann::json{{"agencies", report.agencies},
                              {"users", report.users},
                              {"dwellings", report.stock.dwellings},
                              {"owners", report.stock.owners},
                              {"contracts", report.stock.contracts},
                              {"status_periods", report.stock.status_periods},
                              {"rent_versions", report.stock.rent_versions},
                              {"applicants", report.households.applicants},
                              {"waiting", report.households.waiting},
                              {"leases", report.households.leases},
                              {"rent_runs", report.ledger.rent_runs},
                              {"ledger_entries", report.ledger.entries},
                              {"payments", report.ledger.payments},
                              {"payout_runs", report.ledger.payout_runs},
                              {"logins", logins},
                              {"bank_statements", bank_dir},
                              {"seconds", seconds}}
                   .dump()
            << "\n";
    return 0;
  }
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.1f", seconds);
  env.out << env.say("cli.demo_built", {{"db", db::redact_url(url)},
                                        {"seed", std::to_string(options.seed)},
                                        {"seconds", secs},
                                        {"agencies", std::to_string(report.agencies)},
                                        {"users", std::to_string(report.users)},
                                        {"dwellings", std::to_string(report.stock.dwellings)},
                                        {"owners", std::to_string(report.stock.owners)},
                                        {"contracts", std::to_string(report.stock.contracts)},
                                        {"applicants", std::to_string(report.households.applicants)},
                                        {"leases", std::to_string(report.households.leases)},
                                        {"entries", std::to_string(report.ledger.entries)},
                                        {"payments", std::to_string(report.ledger.payments)},
                                        {"months", std::to_string(12 * std::clamp(options.ledger_years, 0, options.years))}})
          << "\n\n"
          << env.say("cli.demo_logins") << "\n";
  for (const auto& l : report.logins)
    env.out << "  " << std::left << std::setw(14) << l.role << std::setw(24) << l.login << l.password
            << (l.agency.empty() ? "" : "   (" + l.agency + ")") << "\n";
  if (!bank_dir.empty()) env.out << "\n" << env.say("cli.demo_bank_statements", {{"dir", bank_dir}}) << "\n";
  return 0;
}

}  // namespace

void register_demo(Registry& registry) {
  auto o = std::make_shared<Options>();
  Command c = registry.command("demo");
  c.db(o->db);
  c.option("--agencies", o->agencies);
  c.option("--dwellings", o->dwellings);
  c.option("--years", o->years);
  c.option("--ledger-years", o->ledger_years);
  c.option("--seed", o->seed);
  c.json();
  c.runs([o](Env& env) { return demo(env, *o); });
}

}  // namespace hms::cli
