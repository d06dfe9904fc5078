// The accounting export on SQL: the exports in accounting_exports (V0025); the lines, the
// reversed entries' names and the parties read from the ledger (ledger_entries, ledger_lines)
// with the leases' households and dwellings and the owner contracts' owners.
#pragma once
#include "domain/accounting/accounting.hpp"
#include "storage/db/database.hpp"

namespace hms::storage {

class SqlAccountingRepository final : public accounting::AccountingRepository {
 public:
  explicit SqlAccountingRepository(db::Connection& c) : c_(c) {}
  std::int64_t last_entry_id(std::int64_t agency_id) override;
  std::vector<accounting::ExportLine> lines(std::int64_t agency_id, std::chrono::year_month_day from,
                                            std::chrono::year_month_day to, std::int64_t last_entry_id) override;
  std::vector<accounting::EntryName> reversed_names(std::int64_t agency_id, std::chrono::year_month_day from,
                                                    std::chrono::year_month_day to, std::int64_t last_entry_id) override;
  std::vector<accounting::Party> parties(std::int64_t agency_id, std::chrono::year_month_day from,
                                         std::chrono::year_month_day to, std::int64_t last_entry_id) override;
  std::int64_t insert(accounting::ExportRecord& r) override;
  std::optional<accounting::ExportRecord> find(std::int64_t id) override;
  std::vector<accounting::ExportRecord> list(std::int64_t agency_id, int limit) override;

 private:
  db::Connection& c_;
};

}  // namespace hms::storage
