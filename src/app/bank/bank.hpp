// The agency's bank side (issue 10 point 3, contract E): its own accounts (`hms agency set`, the
// settings page), the import of a bank statement file (`hms import bank`, the upload page) with
// the automatic matching of credits to leases, the list of movements and the manual match.
// Permissions: the accounts are the agency's settings (agency_settings_manage); importing and
// matching post into the ledger (ledger_post); the list reads it (ledger_view). The agency is
// always the actor's own (or, from the CLI, the one named), never a request parameter.
// E.g. import_bank_file(store, ctx, "IX", bytes of sample.coda) → 1 statement, 4 movements,
// 2 credits matched by structured communication, 1 debit and 1 credit left for a person.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "domain/bank/bank.hpp"
#include "domain/bank/matching.hpp"

namespace hms::app {

// The BANK entry of a payment to a lease: D 550 / C 400 (lease), on the day it was booked, built
// by ledger::build_entry (a closed period refuses it). Every tenant payment posts through it.
ledger::Entry payment_entry(std::int64_t agency_id, std::chrono::year_month_day day, std::string description,
                            std::int64_t lease_id, Money amount, std::optional<YearMonth> closed);

// The agency's accounts (agency_settings_manage or ledger_view), by IBAN.
std::vector<bank::AgencyAccount> agency_bank_accounts(Store& store, const Context& ctx,
                                                      const std::optional<std::string>& agency_code);

// Adds an account to the agency's accounts, or sets the BIC of one it has
// (agency_settings_manage). The IBAN is checked (length, mod 97: "bank.invalid_iban" on field
// "iban"), the BIC is 8 or 11 letters and digits ("bank.invalid_bic" on field "bic"). Audited
// "bank.account_set". Answers the account.
bank::AgencyAccount set_agency_bank_account(Store& store, const Context& ctx, const std::optional<std::string>& agency_code,
                                            std::string_view iban, std::string_view bic);

// One movement of an imported file and what the matching made of it.
struct ImportedMovement {
  std::int64_t id = 0;
  std::string statement;               // "024"
  int sequence = 0;
  std::chrono::year_month_day date{};
  Money amount;
  std::string counterparty_name;
  std::string counterparty_iban_last4;
  std::string communication;           // "+++250/2000/01456+++" when structured, else the free text
  std::optional<std::int64_t> lease_id;
  std::string dwelling;                // the matched lease's dwelling reference
  std::optional<bank::MatchMethod> method;
  std::optional<bank::UnmatchedReason> reason;
};

// What an import did (contract E's --json, and the page's report).
struct BankImport {
  std::string format;                  // "coda" | "camt.053"
  std::int64_t statements = 0;
  std::int64_t movements = 0;
  std::int64_t matched = 0;
  std::int64_t unmatched = 0;          // every movement not matched, debits included
  std::map<std::string, std::int64_t> matched_by;   // method → count
  std::vector<ImportedMovement> lines;              // in file order
};

// Imports a CODA or camt.053 file into the agency (ledger_post), in one transaction:
//   1. the whole file is parsed and checked first: a bad file is "bank.invalid_file" (422, the
//      line or element and the reason as params), nothing written;
//   2. each statement's account is one of the agency's ("bank.unknown_account", 422), and was not
//      imported before ("bank.duplicate_statement", 409), else nothing is written;
//   3. each credit is matched (bank::match_credit) against the agency's leases: their payment
//      references, the IBANs that paid each before (compared by blind index) and their rent
//      calls still open (the oldest paid first); each match posts one BANK entry D 550 / C 400
//      (lease) of the whole amount (a partial payment leaves the rest due, an over-payment is a
//      credit on the lease); the others stay unmatched with the reason.
// Audited "bank.import" with the counts.
BankImport import_bank_file(Store& store, const Context& ctx, const std::optional<std::string>& agency_code,
                            std::string_view bytes);

// The agency's movements, newest statement first (ledger_view).
Page<bank::StoredMovement> list_bank_movements(Store& store, const Context& ctx, std::optional<bank::MovementStatus> status,
                                               Paging paging);
bank::StoredMovement read_bank_movement(Store& store, const Context& ctx, std::int64_t id);

// A person matches an unmatched credit to a lease of the agency (ledger_post): 404
// "bank.movement_not_found" / "leases.not_found" outside the agency, 409 "bank.already_matched",
// 422 "bank.not_a_credit" for a debit. Posts the BANK entry; audited "bank.match".
bank::StoredMovement match_bank_movement(Store& store, const Context& ctx, std::int64_t movement_id,
                                         std::int64_t lease_id);

// A lease a person may match a movement to, with what it still owes.
struct MatchCandidate {
  std::int64_t lease_id = 0;
  std::string dwelling;
  std::string household;
  std::string payment_reference;     // 12 digits
  Money open;                        // the sum of its open calls
  bool amount_fits = false;          // one of its open calls is the movement's amount
};
// The leases of the movement's agency for `query` (ledger_view): empty, those with an open call
// of the movement's amount; an amount ("685,00"), those with an open call of that amount; else
// the lease search (dwelling reference, household name, payment reference). At most 50.
std::vector<MatchCandidate> match_candidates(Store& store, const Context& ctx, std::int64_t movement_id,
                                             const std::string& query);

}  // namespace hms::app
