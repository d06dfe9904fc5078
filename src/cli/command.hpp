// What every command of the `hms` program shares: where its output goes, the clock, the
// language of its messages, and how it opens the database. One file per command in
// commands/; main.cpp declares their options (CLI11) and maps failures to exit codes:
// 2 for bad usage and validation errors, 1 for anything else (contract, "CLI").
#pragma once
#include <iosfwd>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

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

int cmd_init(Env& env, const std::string& url);
int cmd_agency_add(Env& env, const std::string& url, const std::string& code, const std::string& name);
int cmd_user_add(Env& env, const std::string& url, const std::string& login, const std::string& role,
                 const std::optional<std::string>& agency, const std::string& name,
                 const std::optional<std::string>& language);
struct ServeOptions {
  int port = 8080;
  std::string bind = "127.0.0.1";
  bool secure_cookies = false;
  int threads = 32;
};
int cmd_serve(Env& env, const std::string& url, const ServeOptions& options);
struct DemoOptions {
  int agencies = 24;
  int dwellings = 8000;
  int years = 10;
  std::uint64_t seed = 1;
};
int cmd_demo(Env& env, const std::string& url, const DemoOptions& options);
int cmd_routes(Env& env);
struct IndexationRunOptions {
  std::string agency, month;
  bool dry_run = false;
  std::string letters;  // folder; empty: indexation-<AGENCY>-<YYYY-MM>
};
int cmd_indexation_run(Env& env, const std::string& url, const IndexationRunOptions& options);
struct IndexOptions {
  std::string rent, signed_on, start, on;
  std::optional<std::string> peb;   // A..G, none (no certificate), or not given
  std::string registered = "yes";  // yes | no
  std::string db;                   // the tables stored there; empty: the tables shipped with hms
};
int cmd_index(Env& env, const IndexOptions& options);
struct EligibilityOptions {
  int year = 0, adults = 1, incomes = 1, children = 0, disabled_children = 0, disabled_adults = 0;
  std::string income;
  std::string db;  // as for IndexOptions
};
int cmd_eligibility(Env& env, const EligibilityOptions& options);
int cmd_audit_verify(Env& env, const std::string& url);
int cmd_rules_load(Env& env, const std::string& url, const std::string& file, bool replace);
// hms import stock: the agency's dwellings, owners and contracts from a .csv or .xlsx file.
int cmd_import_stock(Env& env, const std::string& url, const std::string& agency, const std::string& file,
                     bool dry_run);

}  // namespace hms::cli
