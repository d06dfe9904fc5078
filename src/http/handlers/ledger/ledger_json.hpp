// The JSON shapes of the ledger (contract E): a lease's balance, the trial balance, a rent run.
#pragma once
#include <nlohmann/json.hpp>

#include "app/ledger/ledger.hpp"
#include "app/leases/deposits.hpp"
#include "app/ledger/rent_run.hpp"
#include "web/texts.hpp"

namespace hms::http {

// {"called", "paid", "balance"}
nlohmann::json balance_json(const ledger::LeaseBalance& b);
// {"items": [{"account", "name", "debit", "credit"}], "debit", "credit"}; names in `tx`'s language.
nlohmann::json trial_balance_json(const app::TrialBalance& tb, const web::Texts& tx);
// The name of an account: its catalog key translated, or the agency's own text.
std::string account_name(const std::string& name, const web::Texts& tx);
// {"month", "rent_calls", "tenant_total", "owner_rents", "owner_total", "already_done"} as the CLI
// prints it (contract E), with the lines and the vacancy cost when `with_lines`.
nlohmann::json rent_run_json(const app::RentRun& run, bool with_lines);
// An entry: {"id", "journal", "year", "number", "date", "period", "description", "reverses",
// "reversed_by", "lines": [{"account", "debit", "credit", "lease_id", "owner_contract_id"}]}.
nlohmann::json entry_json(const ledger::Entry& e, std::optional<std::int64_t> reversed_by);
// "MISC 2026/12": how an entry is named on every page.
std::string entry_label(ledger::Journal journal, int year, std::int64_t number);
// A lease's deposit: {"deposit", "form", "held_by", "returned_on", "returned", "postings":
// [{"event", "date", "entry_id", "amount", "reversed"}]}.
nlohmann::json deposit_json(const leases::Lease& l, const std::vector<leases::DepositPosting>& postings);

}  // namespace hms::http
