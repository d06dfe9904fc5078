// hms — the command-line program: every command of contract A, with --help everywhere and
// --json where it prints results. The options are declared here; each command lives in
// commands/<name>.cpp.
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "common/date.hpp"
#include "web/catalog.hpp"

namespace {

std::string message_language() {
  for (const char* var : {"HMS_LANG", "LANG"}) {
    const char* v = std::getenv(var);
    if (v && std::string(v).size() >= 2) {
      auto lang = hms::web::supported_language(std::string(v).substr(0, 2));
      if (!lang.empty()) return lang;
    }
  }
  return "en";
}

std::unique_ptr<hms::Clock> make_clock(const std::string& today) {
  if (today.empty()) return std::make_unique<hms::SystemClock>();
  auto d = hms::parse_date(today).value();
  auto seconds = std::chrono::sys_days{d}.time_since_epoch();
  return std::make_unique<hms::FixedClock>(std::chrono::duration_cast<std::chrono::seconds>(seconds).count() + 12 * 3600);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace hms::cli;
  CLI::App app{"hms — housing management for the social rental agencies of the Brussels-Capital Region"};
  app.require_subcommand(1);
  std::string today;
  app.add_option("--today", today, "Act as if today were this date (YYYY-MM-DD), for reproducible runs");

  std::string db;
  bool json = false;
  auto db_option = [&db](CLI::App* c) { c->add_option("--db", db, "Database: a file path, sqlite:PATH or postgresql://user:pass@host:port/db")->required(); };
  auto json_flag = [&json](CLI::App* c) { c->add_flag("--json", json, "Print the result as one JSON document"); };

  auto* init = app.add_subcommand("init", "Create or migrate the database (idempotent)");
  db_option(init);
  json_flag(init);

  auto* agency = app.add_subcommand("agency", "Manage agencies");
  agency->require_subcommand(1);
  auto* agency_add = agency->add_subcommand("add", "Add an agency");
  std::string code, name;
  db_option(agency_add);
  agency_add->add_option("--code", code, "2-16 letters, digits or '-', e.g. AIS-IXELLES")->required();
  agency_add->add_option("--name", name, "The agency's name")->required();
  json_flag(agency_add);

  auto* user = app.add_subcommand("user", "Manage users");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "Add a user; the password is read from standard input (one line)");
  std::string login, role, user_name;
  std::optional<std::string> user_agency, language;
  db_option(user_add);
  user_add->add_option("--login", login, "3-64 of a-z 0-9 . _ @ -")->required();
  user_add->add_option("--role", role, "agency_staff, agency_admin (both need --agency), federation, region, system_admin")->required();
  user_add->add_option("--agency", user_agency, "The agency's code, for agency roles");
  user_add->add_option("--name", user_name, "Display name (default: the login)");
  user_add->add_option("--language", language, "fr, nl or en (default: the browser's)");
  json_flag(user_add);

  auto* serve = app.add_subcommand("serve", "Serve the web interface and the JSON API");
  ServeOptions serve_options;
  db_option(serve);
  serve->add_option("--port", serve_options.port, "TCP port (default 8080)")->check(CLI::Range(1, 65535));
  serve->add_option("--bind", serve_options.bind, "Address to listen on (default 127.0.0.1)");
  serve->add_flag("--secure-cookies", serve_options.secure_cookies, "Served over HTTPS (behind a proxy): Secure cookies and HSTS");
  serve->add_option("--threads", serve_options.threads, "Worker threads (default 32)")->check(CLI::Range(2, 512));

  auto* demo = app.add_subcommand("demo", "Fill an empty database with a deterministic synthetic region and print its demo logins");
  DemoOptions demo_options;
  db_option(demo);
  demo->add_option("--agencies", demo_options.agencies, "Number of agencies (default 24)");
  demo->add_option("--dwellings", demo_options.dwellings, "Dwellings over all agencies; sets each agency's size (default 8000)");
  demo->add_option("--years", demo_options.years, "Years of history for the modules that keep one (default 10)");
  demo->add_option("--seed", demo_options.seed, "Same seed, same region (default 1)");
  json_flag(demo);

  auto* routes = app.add_subcommand("routes", "List the web server's routes");
  json_flag(routes);

  auto* index = app.add_subcommand("index", "The Brussels indexation of a lease rent, with its steps");
  IndexOptions index_options;
  index->add_option("--rent", index_options.rent, "The base rent of the lease, e.g. 650 or 650,00")->required();
  index->add_option("--signed", index_options.signed_on, "The date the lease was signed (YYYY-MM-DD): gives the starting index")->required();
  index->add_option("--start", index_options.start, "The date the lease came into force (YYYY-MM-DD): gives the anniversaries")->required();
  index->add_option("--on", index_options.on, "The anniversary asked for (YYYY-MM-DD); the last anniversary on or before it applies")->required();
  index->add_option("--peb", index_options.peb, "The energy certificate's class: A to G, or none when no certificate was given (needed when the anniversary falls in or after the 2022-2023 limitation, for leases in force before it)");
  index->add_option("--registered", index_options.registered, "Whether the lease is registered: yes or no (default yes)");
  index->add_option("--db", index_options.db, "Use the tables stored in this database (default: the tables shipped with hms)");
  json_flag(index);

  auto* eligibility = app.add_subcommand("eligibility", "The admission-income ceiling of a household and its income band");
  EligibilityOptions eligibility_options;
  eligibility->add_option("--year", eligibility_options.year, "The year of the admission incomes")->required();
  eligibility->add_option("--adults", eligibility_options.adults, "Adults in the household")->required();
  eligibility->add_option("--incomes", eligibility_options.incomes, "Adults with an income")->required();
  eligibility->add_option("--children", eligibility_options.children, "Dependent children, disabled ones included")->required();
  eligibility->add_option("--disabled-children", eligibility_options.disabled_children, "Of the children, how many are disabled (each counts as two)");
  eligibility->add_option("--disabled-adults", eligibility_options.disabled_adults, "Disabled adults");
  eligibility->add_option("--income", eligibility_options.income, "The household's income, e.g. 45000 or 45.000,00")->required();
  eligibility->add_option("--db", eligibility_options.db, "Use the tables stored in this database (default: the tables shipped with hms)");
  json_flag(eligibility);

  auto* rules = app.add_subcommand("rules", "The regulatory tables (health index, admission incomes, rent caps)");
  rules->require_subcommand(1);
  auto* rules_load = rules->add_subcommand("load", "Load a table (CSV like rules/*.csv): new months of the index, a new year of incomes, a new grid of rent caps");
  std::string rules_file;
  bool rules_replace = false;
  db_option(rules_load);
  rules_load->add_option("FILE", rules_file, "The CSV file")->required()->check(CLI::ExistingFile);
  rules_load->add_flag("--replace", rules_replace, "Also overwrite stored rows whose value differs (a correction)");
  json_flag(rules_load);

  auto* import = app.add_subcommand("import", "Onboarding: bring an agency's data in from a spreadsheet");
  import->require_subcommand(1);
  auto* import_stock = import->add_subcommand(
      "stock", "Dwellings with their owner and owner contract, one per line, from a .csv or .xlsx file; checked whole first");
  std::string import_agency, import_file;
  bool import_dry_run = false;
  db_option(import_stock);
  import_stock->add_option("--agency", import_agency, "The agency's code, e.g. AIS-IXELLES")->required();
  import_stock->add_option("FILE", import_file, "The .csv (UTF-8, ';' or ',') or .xlsx file; columns named in the first row")
      ->required()
      ->check(CLI::ExistingFile);
  import_stock->add_flag("--dry-run", import_dry_run, "Check the file and count what would be created; write nothing");
  json_flag(import_stock);

  auto* indexation_cmd = app.add_subcommand("indexation", "The yearly indexation of owner rents");
  indexation_cmd->require_subcommand(1);
  auto* indexation_run = indexation_cmd->add_subcommand(
      "run", "Index the owner contracts whose anniversary falls in a month; write a PDF letter per owner");
  IndexationRunOptions indexation_options;
  db_option(indexation_run);
  indexation_run->add_option("--agency", indexation_options.agency, "The agency's code, e.g. AIS-IXELLES")->required();
  indexation_run->add_option("--month", indexation_options.month, "The month of the anniversaries, YYYY-MM")->required();
  indexation_run->add_flag("--dry-run", indexation_options.dry_run, "Compute and show the new rents; store nothing, write no letter");
  indexation_run->add_option("--letters", indexation_options.letters,
                             "Folder for the letters (default: indexation-<AGENCY>-<YYYY-MM> in the current folder)");
  json_flag(indexation_run);

  auto* audit = app.add_subcommand("audit", "The audit log");
  audit->require_subcommand(1);
  auto* audit_verify = audit->add_subcommand("verify", "Check the audit log's hash chain from end to end");
  db_option(audit_verify);
  json_flag(audit_verify);

  const std::string lang = message_language();
  hms::web::Catalog catalog;
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "hms: " << catalog.format(lang, "cli.usage", {{"detail", e.what()}}) << "\n"
              << "     hms --help\n";
    return kExitUsage;
  }

  try {
    auto clock = make_clock(today);
    Env env{std::cout, std::cerr, std::cin, *clock, lang, json, catalog};
    if (*init) return cmd_init(env, db);
    if (*agency_add) return cmd_agency_add(env, db, code, name);
    if (*user_add) return cmd_user_add(env, db, login, role, user_agency, user_name, language);
    if (*serve) return cmd_serve(env, db, serve_options);
    if (*demo) return cmd_demo(env, db, demo_options);
    if (*routes) return cmd_routes(env);
    if (*audit_verify) return cmd_audit_verify(env, db);
    if (*index) return cmd_index(env, index_options);
    if (*rules_load) return cmd_rules_load(env, db, rules_file, rules_replace);
    if (*indexation_run) return cmd_indexation_run(env, db, indexation_options);
    if (*import_stock) return cmd_import_stock(env, db, import_agency, import_file, import_dry_run);
    if (*eligibility) return cmd_eligibility(env, eligibility_options);
  } catch (const hms::DomainError& e) {
    std::cerr << "hms: " << catalog.format(lang, e.code(), e.params());
    for (const auto& [field, problem] : e.fields())
      if (problem != e.code()) std::cerr << " (" << field << ": " << catalog.format(lang, problem, e.params()) << ")";
    std::cerr << "\n";
    return exit_code(e.kind());
  } catch (const std::exception& e) {
    std::cerr << "hms: " << e.what() << "\n";
    return kExitFailure;
  }
  return kExitUsage;
}
