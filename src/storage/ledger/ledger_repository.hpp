// The ledger on SQL (tables ledger_accounts, ledger_entries, ledger_lines, ledger_closings,
// rent_runs; V0019). Lines carry their entry's journal and date, so that a lease's statement and
// an account's ledger read one index (ledger_lines_lease, ledger_lines_account).
#pragma once
#include <map>
#include <tuple>
#include <utility>

#include "domain/ledger/ledger.hpp"
#include "storage/db/database.hpp"

namespace hms::storage {

class SqlLedgerRepository final : public ledger::LedgerRepository {
 public:
  explicit SqlLedgerRepository(db::Connection& c) : c_(c) {}
  void ensure_chart(std::int64_t agency_id) override;
  std::vector<ledger::Account> accounts(std::int64_t agency_id) override;
  void lock_journal(std::int64_t agency_id, ledger::Journal journal, int year) override;
  std::int64_t insert(ledger::Entry& e) override;
  std::optional<ledger::Entry> find_by_id(std::int64_t id) override;
  std::optional<std::int64_t> reversal_of(std::int64_t id) override;
  std::optional<YearMonth> closed_until(std::int64_t agency_id) override;
  void close_until(std::int64_t agency_id, YearMonth month, std::optional<std::int64_t> user_id, std::int64_t at) override;
  std::vector<ledger::TrialBalanceRow> trial_balance(std::int64_t agency_id, std::chrono::year_month_day from,
                                                     std::chrono::year_month_day to) override;
  ledger::LeaseBalance lease_balance(std::int64_t lease_id, std::chrono::year_month_day day) override;
  std::vector<ledger::StatementLine> lease_lines(std::int64_t lease_id, int limit, int offset) override;
  std::int64_t count_lease_lines(std::int64_t lease_id) override;
  std::vector<ledger::StatementLine> account_lines(std::int64_t agency_id, const std::string& code, int limit,
                                                   int offset) override;
  std::int64_t count_account_lines(std::int64_t agency_id, const std::string& code) override;
  Money account_balance_before(std::int64_t agency_id, const std::string& code, int offset) override;
  std::vector<ledger::MonthFigures> month_figures(std::optional<std::int64_t> agency_id, std::chrono::year_month_day from,
                                                 std::chrono::year_month_day to) override;
  std::optional<ledger::RentRunRecord> rent_run(std::int64_t agency_id, YearMonth month) override;
  void insert_rent_run(const ledger::RentRunRecord& r, std::optional<std::int64_t> user_id) override;

 private:
  std::int64_t account_id(std::int64_t agency_id, const std::string& code);
  db::Connection& c_;
  std::map<std::pair<std::int64_t, std::string>, std::int64_t> account_ids_;  // within this unit of work
  std::map<std::tuple<std::int64_t, std::string, int>, std::int64_t> next_numbers_;  // (agency, journal, year) → next
};

}  // namespace hms::storage
