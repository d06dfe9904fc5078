// Arrears on SQL: the ladder in arrears_ladders; a lease's calls and payments read from the
// ledger's tenants' lines (ledger_lines with a lease_id), a call netted with its reversal: first
// every lease's balance from one covering index, then the recent calls of those that owe.
#pragma once
#include "domain/arrears/arrears.hpp"
#include "storage/db/database.hpp"

namespace hms::storage {

class SqlArrearsRepository final : public arrears::ArrearsRepository {
 public:
  explicit SqlArrearsRepository(db::Connection& c) : c_(c) {}
  std::optional<arrears::Ladder> ladder(std::int64_t agency_id) override;
  void save_ladder(std::int64_t agency_id, const arrears::Ladder& ladder, std::int64_t now) override;
  std::vector<arrears::LeaseAccount> lease_accounts(std::int64_t agency_id, std::chrono::year_month_day day) override;
  arrears::LeaseAccount lease_account(std::int64_t lease_id, std::chrono::year_month_day day) override;
  void insert_letter(std::int64_t agency_id, const arrears::Letter& letter) override;
  std::vector<arrears::Letter> last_letters(std::int64_t agency_id) override;
  std::int64_t insert_plan(arrears::PaymentPlan& plan) override;
  void cancel_plan(std::int64_t plan_id, std::chrono::year_month_day day) override;
  std::optional<arrears::PaymentPlan> plan(std::int64_t plan_id) override;
  std::vector<arrears::PaymentPlan> lease_plans(std::int64_t lease_id) override;
  std::vector<arrears::PaymentPlan> agency_plans(std::int64_t agency_id) override;

 private:
  arrears::LeaseAccount account(std::int64_t lease_id, const std::string& until, Money balance);
  db::Connection& c_;
};

}  // namespace hms::storage
