// The owner payment runs on SQL (tables payout_runs, payout_lines, payout_line_contracts,
// payout_settings; V0024), and what the RENT journal posted to the owners' account 440 for a
// month (ledger_lines, V0019).
#pragma once
#include "domain/payouts/payouts.hpp"
#include "storage/db/database.hpp"

namespace hms::storage {

class SqlPayoutRepository final : public payouts::PayoutRepository {
 public:
  explicit SqlPayoutRepository(db::Connection& c) : c_(c) {}
  std::vector<payouts::RentDue> rents_due(std::int64_t agency_id, YearMonth month) override;
  std::optional<payouts::Run> find_run(std::int64_t agency_id, YearMonth month) override;
  std::int64_t insert_run(payouts::Run& r) override;
  void set_confirmed(std::int64_t run_id, std::optional<std::int64_t> user_id, std::int64_t at,
                     std::int64_t entry_id) override;
  std::optional<payouts::FileFormat> format(std::int64_t agency_id) override;
  void set_format(std::int64_t agency_id, payouts::FileFormat f, std::int64_t at) override;

 private:
  db::Connection& c_;
};

}  // namespace hms::storage
