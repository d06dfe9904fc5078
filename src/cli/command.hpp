// What every command of the `hms` program shares: where its output goes, the clock, the
// language of its messages, how it opens the database, and how it joins the program. One file
// per command in commands/, which declares the command, its options and what it runs:
//   void register_agency_add(Registry& registry) {
//     auto o = std::make_shared<Options>();
//     Command c = registry.command("agency add");   // help: cli.help.agency.add.about
//     c.db(o->db);                                   // --db, required; help: cli.help.db
//     c.option("--code", o->code)->required();       // help: cli.help.agency.add.code
//     c.json();
//     c.runs([o](Env& env) { return agency_add(env, *o); });
//   }
// and one line in commands.cpp. main.cpp maps failures to exit codes: 2 for bad usage and
// validation errors, 1 for anything else (contract, "CLI").
#pragma once
#include <CLI/CLI.hpp>

#include <functional>
#include <iosfwd>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "storage/db/database.hpp"
#include "storage/sql_store.hpp"
#include "web/catalog.hpp"

namespace hms::cli {

struct Env {
  std::ostream& out;
  std::ostream& err;
  std::istream& in;
  const Clock& clock;
  std::string lang;  // of messages: from HMS_LANG or LANG (fr, nl), else en
  bool json = false;
  const web::Catalog& catalog;

  // A message of the catalogs in the command's language, e.g. say("cli.agency_added", {{"code", …}}).
  std::string say(const std::string& key, const std::map<std::string, std::string>& params = {}) const {
    return catalog.format(lang, key, params);
  }
};

// Opens the database of --db. Unless `create`, a missing SQLite file or a database whose
// migrations are not all applied is an error that says to run `hms init`.
std::shared_ptr<db::Database> open_database(const std::string& url, bool create);
// The store of --db with its field-encryption key (storage/crypto/field_cipher.hpp); with
// `create` (init, demo), a new key file is made for a new database.
storage::SqlStore open_store(const std::string& url, bool create);
// hms check's checks of the database of `url`, reported on env.out (JSON with env.json); 0 when
// everything holds, else 1 (commands/check.cpp).
int check_and_report(Env& env, const std::string& url);

using Run = std::function<int(Env&)>;
class Registry;

// One command being declared. Help texts come from the catalogs (cli.txt) in the user's
// language: an option's is cli.help.<path>.<name> ("agency add" --code: cli.help.agency.add.code;
// positional FILE: ….file), or cli.help.<name> when every command shares it (--db, --json).
class Command {
 public:
  Command(Registry& registry, CLI::App& app, std::string key);

  template <typename T>
  CLI::Option* option(const std::string& name, T& value) {
    return app_->add_option(name, value, help(name));
  }
  CLI::Option* flag(const std::string& name, bool& value) { return app_->add_flag(name, value, help(name)); }
  CLI::Option* db(std::string& url) { return option("--db", url)->required(); }
  CLI::Option* json();  // --json: Env::json
  // min..max, described in the user's language ("INT in [1 - 65535]").
  CLI::Validator range(int min, int max) const;
  // What the command does when the command line names it.
  void runs(Run run);
  CLI::App& app() { return *app_; }

 private:
  std::string help(const std::string& name) const;
  Registry* registry_;
  CLI::App* app_;
  std::string key_;  // "cli.help.agency.add"; "cli.help" for the program itself
};

// The program's command line: the commands declared, their help in the user's language.
class Registry {
 public:
  Registry(const web::Catalog& catalog, std::string lang);

  // The program's own options (--today).
  Command program();
  // "index", or "agency add": the group "agency" is made on first use and requires one of its
  // commands; its help is cli.help.agency.about.
  Command command(const std::string& path);

  CLI::App& app() { return *app_; }
  bool json() const { return json_; }
  // Runs the command named on the parsed command line; 2 (bad usage) if it names none.
  int run(Env& env) const;
  // The text of a catalog key in the user's language.
  std::string text(const std::string& key, const std::map<std::string, std::string>& params = {}) const;

 private:
  friend class Command;
  CLI::App& made(CLI::App& app);  // the help flag in the translated group

  const web::Catalog& catalog_;
  std::string lang_;
  std::unique_ptr<CLI::App> app_;
  bool json_ = false;
  std::vector<std::pair<const CLI::App*, Run>> runs_;
};

// Every command, in the order `hms --help` lists them (commands.cpp).
void register_commands(Registry& registry);

}  // namespace hms::cli
