#include "storage/ledger/ledger_repository.hpp"

#include "common/date.hpp"
#include "storage/db/dates.hpp"

namespace hms::storage {
namespace {

using std::chrono::year_month_day;

constexpr const char* kAddAccount =
    "INSERT INTO ledger_accounts (agency_id, code, name) VALUES ($1, $2, $3)"
    " ON CONFLICT (agency_id, code) DO NOTHING";
constexpr const char* kAccounts =
    "SELECT id, agency_id, code, name FROM ledger_accounts WHERE agency_id = $1 ORDER BY code";
constexpr const char* kAccountId = "SELECT id FROM ledger_accounts WHERE agency_id = $1 AND code = $2";
// Gap-free: the next number of the agency, journal and year, inside the write transaction
// (one writer at a time; the unique constraint refuses a second one all the same).
constexpr const char* kNextNumber =
    "SELECT COALESCE(MAX(number), 0) + 1 FROM ledger_entries WHERE agency_id = $1 AND journal = $2 AND year = $3";
constexpr const char* kInsertEntry =
    "INSERT INTO ledger_entries (agency_id, journal, year, number, posted_on, period, description, reverses, posted_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";
constexpr const char* kInsertLine =
    "INSERT INTO ledger_lines (agency_id, entry_id, position, account_id, journal, posted_on, debit_cents, credit_cents,"
    " lease_id, owner_contract_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
constexpr const char* kEntry =
    "SELECT id, agency_id, journal, year, number, posted_on, description, reverses, posted_at FROM ledger_entries WHERE id = $1";
constexpr const char* kEntryLines =
    "SELECT a.code, l.debit_cents, l.credit_cents, l.lease_id, l.owner_contract_id FROM ledger_lines l"
    " JOIN ledger_accounts a ON a.id = l.account_id WHERE l.entry_id = $1 ORDER BY l.position";
constexpr const char* kReversalOf = "SELECT id FROM ledger_entries WHERE reverses = $1";
constexpr const char* kClosedUntil = "SELECT MAX(closed_until) FROM ledger_closings WHERE agency_id = $1";
constexpr const char* kClose =
    "INSERT INTO ledger_closings (agency_id, closed_until, closed_by, closed_at) VALUES ($1, $2, $3, $4)";
constexpr const char* kTrialBalance =
    "SELECT a.code, a.name, SUM(l.debit_cents), SUM(l.credit_cents) FROM ledger_lines l"
    " JOIN ledger_accounts a ON a.id = l.account_id"
    " WHERE l.agency_id = $1 AND l.posted_on >= $2 AND l.posted_on <= $3 GROUP BY a.code, a.name ORDER BY a.code";
// Called: every journal but BANK (a reversed call cancels itself); paid: BANK.
constexpr const char* kLeaseBalance =
    "SELECT COALESCE(SUM(CASE WHEN journal <> 'BANK' THEN debit_cents - credit_cents ELSE 0 END), 0),"
    " COALESCE(SUM(CASE WHEN journal = 'BANK' THEN credit_cents - debit_cents ELSE 0 END), 0)"
    " FROM ledger_lines WHERE lease_id = $1 AND posted_on <= $2";
constexpr const char* kLineColumns =
    "SELECT e.id, e.journal, e.year, e.number, l.posted_on, e.description, a.code, l.debit_cents, l.credit_cents,"
    " l.lease_id, l.owner_contract_id, e.reverses FROM ledger_lines l JOIN ledger_entries e ON e.id = l.entry_id"
    " JOIN ledger_accounts a ON a.id = l.account_id ";
// In the order of the indexes ledger_lines_lease and ledger_lines_account.
constexpr const char* kLineOrder = " ORDER BY l.posted_on, l.entry_id, l.id LIMIT $2 OFFSET $3";
constexpr const char* kCountLeaseLines = "SELECT COUNT(*) FROM ledger_lines WHERE lease_id = $1";
constexpr const char* kCountAccountLines = "SELECT COUNT(*) FROM ledger_lines WHERE account_id = $1";
constexpr const char* kBalanceBefore =
    "SELECT COALESCE(SUM(d - c), 0) FROM (SELECT debit_cents d, credit_cents c FROM ledger_lines WHERE account_id = $1"
    " ORDER BY posted_on, entry_id, id LIMIT $2) s";
// The month's figures: the lines of 400 and 440 posted in the span, by agency, read from each
// agency's two accounts (ledger_lines_account: the span of each, not every agency's history).
constexpr const char* kMonthFigures =
    "SELECT l.agency_id,"
    " COALESCE(SUM(CASE WHEN a.code = '400' AND l.journal <> 'BANK' THEN l.debit_cents - l.credit_cents ELSE 0 END), 0),"
    " COALESCE(SUM(CASE WHEN a.code = '400' AND l.journal = 'BANK' THEN l.credit_cents - l.debit_cents ELSE 0 END), 0),"
    " COALESCE(SUM(CASE WHEN a.code = '440' AND l.journal <> 'BANK' THEN l.credit_cents - l.debit_cents ELSE 0 END), 0),"
    " COALESCE(SUM(CASE WHEN a.code = '440' AND l.journal = 'BANK' THEN l.debit_cents - l.credit_cents ELSE 0 END), 0)"
    " FROM ledger_accounts a CROSS JOIN ledger_lines l"
    " WHERE a.code IN ('400', '440') AND l.account_id = a.id AND l.posted_on >= $1 AND l.posted_on <= $2";
constexpr const char* kRentRun =
    "SELECT agency_id, month, rent_calls, tenant_total_cents, owner_rents, owner_total_cents, run_at FROM rent_runs"
    " WHERE agency_id = $1 AND month = $2";
constexpr const char* kInsertRentRun =
    "INSERT INTO rent_runs (agency_id, month, rent_calls, tenant_total_cents, owner_rents, owner_total_cents, run_by, run_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

ledger::StatementLine read_line(const db::Row& r) {
  ledger::StatementLine l;
  l.entry_id = r.integer(0);
  l.journal = ledger::parse_journal(r.text(1)).value_or(ledger::Journal::misc);
  l.year = static_cast<int>(r.integer(2));
  l.number = r.integer(3);
  l.date = parse_date(r.text(4)).value();
  l.description = r.text(5);
  l.account = r.text(6);
  l.debit = Money::from_cents(r.integer(7));
  l.credit = Money::from_cents(r.integer(8));
  l.lease_id = r.opt_integer(9);
  l.owner_contract_id = r.opt_integer(10);
  l.reverses = r.opt_integer(11);
  return l;
}

std::int64_t sum_of(const db::Row& r, std::size_t i) { return r.opt_integer(i).value_or(0); }

}  // namespace

void SqlLedgerRepository::ensure_chart(std::int64_t agency_id) {
  for (const auto& a : ledger::standard_chart())
    c_.execute(kAddAccount, {agency_id, a.code, a.name});
}

std::vector<ledger::Account> SqlLedgerRepository::accounts(std::int64_t agency_id) {
  std::vector<ledger::Account> out;
  for (const auto& r : c_.query(kAccounts, {agency_id}))
    out.push_back({r.integer(0), r.integer(1), r.text(2), r.text(3), r.text(2).empty() ? 0 : r.text(2).front() - '0'});
  return out;
}

std::int64_t SqlLedgerRepository::account_id(std::int64_t agency_id, const std::string& code) {
  auto key = std::make_pair(agency_id, code);
  if (auto found = account_ids_.find(key); found != account_ids_.end()) return found->second;
  auto row = c_.query_one(kAccountId, {agency_id, code});
  if (!row)
    throw std::move(DomainError(ErrorKind::validation, "ledger.unknown_account").param("account", code).field("entry"));
  return account_ids_[key] = row->integer(0);
}

void SqlLedgerRepository::lock_journal(std::int64_t agency_id, ledger::Journal journal, int year) {
  if (c_.backend() != db::Backend::postgres) return;
  c_.query("SELECT pg_advisory_xact_lock(CAST($1 AS integer), CAST($2 AS integer))",
           {agency_id, static_cast<std::int64_t>(year) * 16 + static_cast<std::int64_t>(journal)});
}

std::int64_t SqlLedgerRepository::insert(ledger::Entry& e) {
  const std::string journal(ledger::to_string(e.journal));
  const std::string date = to_iso(e.date);
  // The next number: read once per agency, journal and year in this unit of work, then counted.
  auto key = std::make_tuple(e.agency_id, journal, e.year);
  auto next = next_numbers_.find(key);
  if (next == next_numbers_.end()) {
    // Regression: two people matching bank lines at once, one got a 500 on the unique number.
    lock_journal(e.agency_id, e.journal, e.year);
    next = next_numbers_.emplace(key, c_.query_one(kNextNumber, {e.agency_id, journal, static_cast<std::int64_t>(e.year)})
                                          ->integer(0)).first;
  }
  e.number = next->second++;
  e.id = c_.query_one(kInsertEntry, {e.agency_id, journal, static_cast<std::int64_t>(e.year), e.number, date,
                                     e.period.to_string(), e.description, db::nullable(e.reverses), e.posted_at})
             ->integer(0);
  std::int64_t position = 0;
  for (const auto& l : e.lines)
    c_.execute(kInsertLine, {e.agency_id, e.id, ++position, account_id(e.agency_id, l.account), journal, date,
                             l.debit.cents(), l.credit.cents(), db::nullable(l.lease_id), db::nullable(l.owner_contract_id)});
  return e.id;
}

std::optional<ledger::Entry> SqlLedgerRepository::find_by_id(std::int64_t id) {
  auto r = c_.query_one(kEntry, {id});
  if (!r) return std::nullopt;
  ledger::Entry e;
  e.id = r->integer(0);
  e.agency_id = r->integer(1);
  e.journal = ledger::parse_journal(r->text(2)).value_or(ledger::Journal::misc);
  e.year = static_cast<int>(r->integer(3));
  e.number = r->integer(4);
  e.date = parse_date(r->text(5)).value();
  e.period = YearMonth::of(e.date);
  e.description = r->text(6);
  e.reverses = r->opt_integer(7);
  e.posted_at = r->integer(8);
  for (const auto& l : c_.query(kEntryLines, {id}))
    e.lines.push_back({l.text(0), Money::from_cents(l.integer(1)), Money::from_cents(l.integer(2)), l.opt_integer(3),
                       l.opt_integer(4)});
  return e;
}

std::optional<std::int64_t> SqlLedgerRepository::reversal_of(std::int64_t id) {
  auto r = c_.query_one(kReversalOf, {id});
  return r ? std::optional(r->integer(0)) : std::nullopt;
}

std::optional<YearMonth> SqlLedgerRepository::closed_until(std::int64_t agency_id) {
  auto r = c_.query_one(kClosedUntil, {agency_id});
  if (!r || r->is_null(0)) return std::nullopt;
  return YearMonth::parse(r->text(0)).value();
}

void SqlLedgerRepository::close_until(std::int64_t agency_id, YearMonth month, std::optional<std::int64_t> user_id,
                                      std::int64_t at) {
  c_.execute(kClose, {agency_id, month.to_string(), db::nullable(user_id), at});
}

std::vector<ledger::TrialBalanceRow> SqlLedgerRepository::trial_balance(std::int64_t agency_id, year_month_day from,
                                                                        year_month_day to) {
  std::vector<ledger::TrialBalanceRow> out;
  for (const auto& r : c_.query(kTrialBalance, {agency_id, to_iso(from), to_iso(to)}))
    out.push_back({r.text(0), r.text(1), Money::from_cents(sum_of(r, 2)), Money::from_cents(sum_of(r, 3))});
  return out;
}

ledger::LeaseBalance SqlLedgerRepository::lease_balance(std::int64_t lease_id, year_month_day day) {
  auto r = c_.query_one(kLeaseBalance, {lease_id, to_iso(day)});
  return {Money::from_cents(sum_of(*r, 0)), Money::from_cents(sum_of(*r, 1))};
}

std::vector<ledger::StatementLine> SqlLedgerRepository::lease_lines(std::int64_t lease_id, int limit, int offset) {
  std::vector<ledger::StatementLine> out;
  for (const auto& r : c_.query(std::string(kLineColumns) + "WHERE l.lease_id = $1" + kLineOrder,
                                {lease_id, static_cast<std::int64_t>(limit), static_cast<std::int64_t>(offset)}))
    out.push_back(read_line(r));
  return out;
}

std::int64_t SqlLedgerRepository::count_lease_lines(std::int64_t lease_id) {
  return c_.query_one(kCountLeaseLines, {lease_id})->integer(0);
}

std::vector<ledger::StatementLine> SqlLedgerRepository::account_lines(std::int64_t agency_id, const std::string& code,
                                                                      int limit, int offset) {
  std::vector<ledger::StatementLine> out;
  auto id = c_.query_one(kAccountId, {agency_id, code});
  if (!id) return out;
  for (const auto& r : c_.query(std::string(kLineColumns) + "WHERE l.account_id = $1" + kLineOrder,
                                {id->integer(0), static_cast<std::int64_t>(limit), static_cast<std::int64_t>(offset)}))
    out.push_back(read_line(r));
  return out;
}

std::int64_t SqlLedgerRepository::count_account_lines(std::int64_t agency_id, const std::string& code) {
  auto id = c_.query_one(kAccountId, {agency_id, code});
  return id ? c_.query_one(kCountAccountLines, {id->integer(0)})->integer(0) : 0;
}

Money SqlLedgerRepository::account_balance_before(std::int64_t agency_id, const std::string& code, int offset) {
  auto id = c_.query_one(kAccountId, {agency_id, code});
  if (!id || offset <= 0) return Money::zero();
  return Money::from_cents(sum_of(*c_.query_one(kBalanceBefore, {id->integer(0), static_cast<std::int64_t>(offset)}), 0));
}

std::optional<ledger::RentRunRecord> SqlLedgerRepository::rent_run(std::int64_t agency_id, YearMonth month) {
  auto r = c_.query_one(kRentRun, {agency_id, month.to_string()});
  if (!r) return std::nullopt;
  return ledger::RentRunRecord{r->integer(0), YearMonth::parse(r->text(1)).value(), r->integer(2),
                               Money::from_cents(r->integer(3)), r->integer(4), Money::from_cents(r->integer(5)),
                               r->integer(6)};
}

void SqlLedgerRepository::insert_rent_run(const ledger::RentRunRecord& r, std::optional<std::int64_t> user_id) {
  c_.execute(kInsertRentRun, {r.agency_id, r.month.to_string(), r.rent_calls, r.tenant_total.cents(), r.owner_rents,
                              r.owner_total.cents(), db::nullable(user_id), r.run_at});
}

std::vector<ledger::MonthFigures> SqlLedgerRepository::month_figures(std::optional<std::int64_t> agency_id,
                                                                   std::chrono::year_month_day from,
                                                                   std::chrono::year_month_day to) {
  const std::string group = " GROUP BY l.agency_id ORDER BY l.agency_id";
  const auto rows = agency_id ? c_.query(std::string(kMonthFigures) + " AND a.agency_id = $3" + group,
                                         {to_iso(from), to_iso(to), *agency_id})
                              : c_.query(std::string(kMonthFigures) + group, {to_iso(from), to_iso(to)});
  std::vector<ledger::MonthFigures> out;
  for (const auto& r : rows)
    out.push_back({r.integer(0), Money::from_cents(r.integer(1)), Money::from_cents(r.integer(2)),
                   Money::from_cents(r.integer(3)), Money::from_cents(r.integer(4))});
  return out;
}

}  // namespace hms::storage
