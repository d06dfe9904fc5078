// hms agency set --db URL --code CODE --iban IBAN --bic BIC (contract E): adds the account to the
// agency's own bank accounts (or sets its BIC); the IBAN's check digits are verified (mod 97).
// A bank statement is imported only for one of these accounts.
#include <ostream>

#include "app/bank/bank.hpp"
#include "cli/command.hpp"
#include "domain/owners/bank_account.hpp"

namespace hms::cli {

namespace {

struct Options {
  std::string db, code, iban, bic;
};

int agency_set(Env& env, const Options& o) {
  storage::SqlStore store = open_store(o.db, false);
  app::Context ctx{env.clock, "cli", std::nullopt, std::nullopt};
  const auto account = app::set_agency_bank_account(store, ctx, o.code, o.iban, o.bic);
  if (env.json) {
    env.out << nlohmann::json{{"ok", true}, {"code", o.code}, {"iban", account.iban}, {"bic", account.bic}}.dump() << "\n";
    return 0;
  }
  env.out << env.say("bank.account.cli_set", {{"code", o.code}, {"iban", owners::format_iban(account.iban)}, {"bic", account.bic}})
          << "\n";
  return 0;
}

}  // namespace

void register_agency_set(Registry& registry) {
  auto o = std::make_shared<Options>();
  Command c = registry.command("agency set");
  c.db(o->db);
  c.option("--code", o->code)->required();
  c.option("--iban", o->iban)->required();
  c.option("--bic", o->bic)->required();
  c.json();
  c.runs([o](Env& env) { return agency_set(env, *o); });
}

}  // namespace hms::cli
