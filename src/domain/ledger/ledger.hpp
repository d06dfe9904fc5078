// The agency's double-entry ledger (glossary: ledger; contract E): accounts of the minimum chart
// of accounts (reference/finance-formats.md §5.3), journals, and entries whose lines balance.
// Sub-accounts: the tenants' account 400 and the owners' account 440 are one account row each;
// a line of 400 names its lease (`lease_id`), a line of 440 its owner contract
// (`owner_contract_id`): "400 (lease 12)" is the lines of 400 with lease_id 12. Posted entries
// never change: a correction is a reversal entry (`reverses` the original), then a new entry.
// E.g. RENT 2026/000042 on 2026-03-01, period 2026-03: D 400 (lease 12) 645.00 /
// C 700 585.00 / C 701 60.00.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/money.hpp"
#include "common/year_month.hpp"

namespace hms::ledger {

// The accounts hms posts to (finance-formats.md §5.3); an agency may add its own.
inline constexpr std::string_view kTenants = "400";        // one sub-account per lease
inline constexpr std::string_view kOwners = "440";         // one sub-account per owner contract
inline constexpr std::string_view kDepositsHeld = "488";   // guarantees held in cash
inline constexpr std::string_view kSuspense = "499";       // unmatched bank lines
inline constexpr std::string_view kBank = "550";
inline constexpr std::string_view kRentsOwed = "610";      // rents due to owners
inline constexpr std::string_view kRentIncome = "700";     // rents called from tenants
inline constexpr std::string_view kChargesIncome = "701";  // charges provisions called
inline constexpr std::string_view kManagementFees = "706";  // the agency's fees on management mandates
// Off the balance sheet (class 0, rights and commitments): the rental deposits lodged for the
// agency on accounts in the tenants' names or as guarantees, and who lodged them. The codes are
// the PCMN's "garanties reçues" / "constituants de garanties" as we understand it [I]: not
// checked against the royal decree's text; an agency may rename them.
inline constexpr std::string_view kGuaranteesReceived = "032";
inline constexpr std::string_view kGuarantors = "033";

struct Account {
  std::int64_t id = 0;
  std::int64_t agency_id = 0;
  std::string code;   // "400"
  std::string name;   // a catalog key "ledger.account.a400" for the standard chart, else the agency's text
  int account_class = 0;  // the code's first digit: 0 off the balance sheet, 1–5 balance sheet, 6 expenses, 7 income
};

// The standard chart every agency's ledger starts with (the names are catalog keys).
std::vector<Account> standard_chart();

// RENT: the monthly rent runs; BANK: bank statements (payments); MISC: anything else, reversals
// of the other journals included.
enum class Journal { rent, bank, misc };
std::string_view to_string(Journal j);  // "RENT" | "BANK" | "MISC"
std::optional<Journal> parse_journal(std::string_view s);

// One side of an entry: exactly one of debit and credit is above zero.
struct Line {
  std::string account;        // the account's code
  Money debit;
  Money credit;
  std::optional<std::int64_t> lease_id;           // the tenant's sub-account (account 400)
  std::optional<std::int64_t> owner_contract_id;  // the owner's sub-account (account 440)
};
Line debit(std::string_view account, Money amount);
Line credit(std::string_view account, Money amount);

// What a use case wants posted; build_entry makes it an Entry or refuses it.
struct Draft {
  std::int64_t agency_id = 0;
  Journal journal = Journal::misc;
  std::chrono::year_month_day date{};  // the posting date; its month is the entry's period
  std::string description;
  std::vector<Line> lines;
  std::optional<std::int64_t> reverses;  // the entry this one cancels
};

struct Entry {
  std::int64_t id = 0;
  std::int64_t agency_id = 0;
  Journal journal = Journal::misc;
  int year = 0;              // the posting date's year: numbers restart at 1 each year
  std::int64_t number = 0;   // gap-free per agency, journal and year; given when it is inserted
  std::chrono::year_month_day date{};
  YearMonth period{2026, 1};
  std::string description;
  std::vector<Line> lines;
  std::optional<std::int64_t> reverses;
  std::int64_t posted_at = 0;
  Money total() const;       // the sum of the debits (= of the credits)
};

// The one function that makes an entry postable (style.md example 3). In order:
//   1. at least two lines ("ledger.empty_entry");
//   2. each line names an account and has exactly one side above zero, the other zero
//      ("ledger.invalid_line", param line: its 1-based position);
//   3. a line of 400 names its lease, one of 440 its owner contract, and no other line names
//      either ("ledger.missing_sub_account", param line);
//   4. the debits equal the credits ("ledger.unbalanced", params debit and credit);
//   5. the period (the month of the date) is after the closed months ("ledger.period_closed",
//      params period and closed_until).
// All are DomainError(validation) on field "entry"; the number is left to the repository.
Entry build_entry(Draft draft, std::optional<YearMonth> closed_until);

// The entry that cancels `original`: the same lines with debit and credit swapped, on `date`
// (its period must be open), in MISC, `reverses` the original. Built by build_entry.
Entry reverse_entry(const Entry& original, std::chrono::year_month_day date, std::optional<YearMonth> closed_until);

// How a monthly amount is shared when a contract covers part of a month.
inline constexpr Rounding kProRataRounding = Rounding::half_away_from_zero;
// amount × days ÷ days of the month, rounded half away from zero to the cent (contract E):
// 600.00 for 15 days of a 31-day month is 290.32.
Money pro_rata(Money monthly, int days, int days_in_month);

// One row of the trial balance: an account's debits and credits over a span of days.
struct TrialBalanceRow {
  std::string account;
  std::string name;
  Money debit;
  Money credit;
};

// One line of an account ledger or a lease statement, in posting order.
struct StatementLine {
  std::int64_t entry_id = 0;
  Journal journal = Journal::misc;
  int year = 0;
  std::int64_t number = 0;
  std::chrono::year_month_day date{};
  std::string description;
  std::string account;
  Money debit;
  Money credit;
  std::optional<std::int64_t> lease_id;
  std::optional<std::int64_t> owner_contract_id;
  std::optional<std::int64_t> reverses;
};

// What a lease was called and paid up to a day (contract E): called is the lease's 400 lines in
// every journal but BANK (debit − credit: a reversed call is no call), paid its 400 lines in BANK
// (credit − debit); balance = called − paid (positive: the household owes).
struct LeaseBalance {
  Money called;
  Money paid;
  Money balance() const { return called - paid; }
};

// An agency's month at a glance (issue 11.4), from the lines posted in the month: `called` the
// tenants' calls (400 outside BANK, debit − credit: a reversed call is no call), `collected` the
// tenants' payments (400 in BANK, credit − debit), `owners_due` the rents due to owners (440
// outside BANK, credit − debit), `owners_paid` the payments to owners (440 in BANK, debit − credit).
struct MonthFigures {
  std::int64_t agency_id = 0;
  Money called;
  Money collected;
  Money owners_due;
  Money owners_paid;
  // collected ÷ called in basis points, rounded half away from zero; none when nothing was called.
  std::optional<std::int64_t> collection_rate() const;
};

// A monthly rent run done: one per agency and month.
struct RentRunRecord {
  std::int64_t agency_id = 0;
  YearMonth month{2026, 1};
  std::int64_t rent_calls = 0;
  Money tenant_total;
  std::int64_t owner_rents = 0;
  Money owner_total;
  std::int64_t run_at = 0;
};

class LedgerRepository {
 public:
  virtual ~LedgerRepository() = default;
  // The agency's accounts, by code; the standard chart is added the first time (ensure_chart).
  virtual void ensure_chart(std::int64_t agency_id) = 0;
  virtual std::vector<Account> accounts(std::int64_t agency_id) = 0;
  // Holds the agency's journal of that year until the transaction ends, so that what is read
  // after it includes whatever another writer posted there before (PostgreSQL runs writers side
  // by side; SQLite's writer is alone already). insert() takes it; a job that first reads whether
  // it was done (the rent run) takes it before that read.
  virtual void lock_journal(std::int64_t agency_id, Journal journal, int year) = 0;
  // Gives the entry its number (the next of its agency, journal and year) and id, then its lines.
  virtual std::int64_t insert(Entry& e) = 0;
  virtual std::optional<Entry> find_by_id(std::int64_t id) = 0;
  // The id of the entry reversing `id`, if any.
  virtual std::optional<std::int64_t> reversal_of(std::int64_t id) = 0;
  // The last closed month of the agency; none: every period is open.
  virtual std::optional<YearMonth> closed_until(std::int64_t agency_id) = 0;
  virtual void close_until(std::int64_t agency_id, YearMonth month, std::optional<std::int64_t> user_id,
                           std::int64_t at) = 0;
  // Sums per account over lines posted from `from` to `to` (inclusive), by account code.
  virtual std::vector<TrialBalanceRow> trial_balance(std::int64_t agency_id, std::chrono::year_month_day from,
                                                     std::chrono::year_month_day to) = 0;
  virtual LeaseBalance lease_balance(std::int64_t lease_id, std::chrono::year_month_day day) = 0;
  // The lease's lines of account 400, oldest first.
  virtual std::vector<StatementLine> lease_lines(std::int64_t lease_id, int limit, int offset) = 0;
  virtual std::int64_t count_lease_lines(std::int64_t lease_id) = 0;
  // An account's lines, oldest first, and the balance (debit − credit) of the lines before `offset`.
  virtual std::vector<StatementLine> account_lines(std::int64_t agency_id, const std::string& code, int limit,
                                                   int offset) = 0;
  virtual std::int64_t count_account_lines(std::int64_t agency_id, const std::string& code) = 0;
  virtual Money account_balance_before(std::int64_t agency_id, const std::string& code, int offset) = 0;
  // The month's figures (lines posted from `from` to `to`) of one agency, or of every agency
  // with a line in the span (by agency id).
  virtual std::vector<MonthFigures> month_figures(std::optional<std::int64_t> agency_id, std::chrono::year_month_day from,
                                                  std::chrono::year_month_day to) = 0;
  virtual std::optional<RentRunRecord> rent_run(std::int64_t agency_id, YearMonth month) = 0;
  virtual void insert_rent_run(const RentRunRecord& r, std::optional<std::int64_t> user_id) = 0;
};

}  // namespace hms::ledger
