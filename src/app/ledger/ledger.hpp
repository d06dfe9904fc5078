// Reading and keeping the agency's ledger (issue 10 part 1, contract E): a lease's balance and
// statement, the trial balance, an account's ledger with its running balance, closing periods
// (agency admin) and reversing an entry. The agency is always the actor's own (Scope), never a
// parameter; a lease or an entry of another agency is the 404 of an unknown id. Posting itself
// goes through ledger::build_entry (domain/ledger/ledger.hpp), e.g. by the rent run.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/leases/leases.hpp"
#include "domain/ledger/ledger.hpp"

namespace hms::app {

// A month typed by a person ("2026-03"): DomainError(validation, "ledger.invalid_month") on field
// "month" otherwise.
YearMonth parse_ledger_month(std::string_view text);

// Contract E: called and paid up to `day` (ledger_view and leases_view; 404 leases.not_found).
ledger::LeaseBalance lease_balance(Store& store, const Context& ctx, std::int64_t lease_id, std::chrono::year_month_day day);

struct TrialBalance {
  std::vector<ledger::TrialBalanceRow> rows;  // by account code; names are catalog keys or the agency's text
  Money debit;
  Money credit;                               // always equal to debit
};
// The actor's agency, lines posted from `from` to `to` inclusive ("ledger.invalid_span" if to < from).
TrialBalance trial_balance(Store& store, const Context& ctx, std::chrono::year_month_day from, std::chrono::year_month_day to);

// A page of lines with the balance (debit − credit) before its first line: the running balance
// of line i is before + Σ (debit − credit) of lines 0..i.
struct LedgerPage {
  std::vector<ledger::StatementLine> lines;
  std::int64_t total = 0;
  Money before;
  int offset = 0;  // of the first line shown
};
// An account of the actor's agency ("ledger.unknown_account", 404, for a code it does not have).
LedgerPage account_ledger(Store& store, const Context& ctx, const std::string& code, Paging paging);
// The lease's calls and payments (its 400 lines), audited "ledger.statement". A negative offset
// asks for the last page: the latest lines, where a statement opens.
LedgerPage lease_statement(Store& store, const Context& ctx, std::int64_t lease_id, Paging paging);
// A lease's statement for its household (issue 10 part 1), as a letter in its language: the
// lines posted from `from` to `to` (oldest first) with the balance before them and after.
// ledger_view and leases_view; 404 "leases.not_found"; "ledger.invalid_span" (field "to") when
// to < from. Audited "ledger.statement".
struct LeaseStatementLetter {
  HouseholdAddressee to;
  std::chrono::year_month_day from{};
  std::chrono::year_month_day until{};
  Money opening;                             // the balance before `from` (called − paid)
  std::vector<ledger::StatementLine> lines;  // posted from..until
  Money closing;                             // the balance after the last line
  std::chrono::year_month_day date{};        // the letter's: today
};
LeaseStatementLetter lease_statement_letter(Store& store, const Context& ctx, std::int64_t lease_id,
                                            std::chrono::year_month_day from, std::chrono::year_month_day until);

// The agency's accounts, by code.
std::vector<ledger::Account> ledger_accounts(Store& store, const Context& ctx);

// The month at a glance (issue 11.4, money_figures_view): the figures of the actor's agency, or
// of every agency for the region and the federation (sums, no name), by agency id; an agency
// with nothing posted in the month has no row.
std::vector<ledger::MonthFigures> month_figures(Store& store, const Context& ctx, YearMonth month);

// Closes every month up to `month` (ledger_close: the agency admin): later than the months
// already closed ("ledger.already_closed"), not after the current month ("ledger.close_future").
// Audited "ledger.close".
void close_periods(Store& store, const Context& ctx, YearMonth month);
std::optional<YearMonth> closed_until(Store& store, const Context& ctx);

// Posts the reversal of entry `id` on `date` (ledger_post): 404 "ledger.entry_not_found",
// 409 "ledger.already_reversed". The reversal of a deposit's return takes the return off its
// lease. Audited "ledger.reverse". Answers the reversal.
ledger::Entry reverse_entry(Store& store, const Context& ctx, std::int64_t id, std::chrono::year_month_day date);
// An entry of the actor's agency (ledger_view), with the id of its reversal if it was reversed.
struct EntryView {
  ledger::Entry entry;
  std::optional<std::int64_t> reversed_by;
};
EntryView read_entry(Store& store, const Context& ctx, std::int64_t id);

}  // namespace hms::app
