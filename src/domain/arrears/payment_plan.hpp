// A payment plan (glossary: payment_plan, plan d'apurement, afbetalingsplan; issue 11 part 1):
// the household of a lease in arrears agrees to pay off `total` in monthly instalments from a
// first due date, on top of its rent. A plan moves no money: the ledger keeps the rent calls and
// the payments, and the plan is followed from the lease's balance. What the household has paid off
// on a day is the balance on the day the plan was agreed less the balance on that day (its rent
// goes on being called, so only what it pays beyond the rent counts). An instalment is met when,
// by its due date plus the plan's days of grace, what was paid off reaches the instalments so
// far; the first one missed breaches the plan. While a plan runs, the reminder ladder waits.
// E.g. agreed on 2026-03-20 with a balance of 1,290.00: 1,290.00 in 6 instalments from
// 2026-04-05 (215.00 each), 10 days of grace; on 2026-05-16 the balance is 900.00 (390.00 paid
// off, below the 430.00 due by 2026-05-15): breached on 2026-05-16.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "common/money.hpp"

namespace hms::arrears {

// The bounds of what is agreed.
inline constexpr int kMinInstalments = 2;
inline constexpr int kMaxInstalments = 36;
inline constexpr int kMaxGraceDays = 60;

struct PaymentPlan {
  std::int64_t id = 0;
  std::int64_t agency_id = 0;
  std::int64_t lease_id = 0;
  std::chrono::year_month_day agreed_on{};
  Money start_balance;                   // the lease's balance on agreed_on (> 0)
  Money total;                           // what the instalments pay off, at most start_balance
  int instalments = 0;                   // kMinInstalments–kMaxInstalments, one a month
  std::chrono::year_month_day first_due{};
  int grace_days = 10;                   // 0–kMaxGraceDays
  std::optional<std::chrono::year_month_day> cancelled_on;
  std::optional<std::int64_t> made_by;   // none: the command line
  std::int64_t made_at = 0;
};

struct Instalment {
  int number = 0;                        // 1-based
  std::chrono::year_month_day due{};     // first_due, then the same day of each next month
  Money amount;                          // total ÷ instalments, down to the cent; the last one takes the rest
  Money cumulative;                      // the instalments up to this one
  std::chrono::year_month_day deadline{};  // due + the plan's days of grace: met by then, or missed
};

// The instalments of a plan (monthly, from first_due: add_months keeps the day or the month's
// last). E.g. 1,000.00 in 3 from 2026-01-31: 333.33 on 01-31, 333.33 on 02-28, 333.34 on 03-31.
std::vector<Instalment> schedule(const PaymentPlan& plan);

enum class PlanState { running, completed, breached, cancelled };
std::string_view to_string(PlanState s);  // "running" | "completed" | "breached" | "cancelled"

enum class InstalmentState { met, pending, missed };
std::string_view to_string(InstalmentState s);  // "met" | "pending" | "missed"

struct PlanProgress {
  PlanState state = PlanState::running;
  Money paid_off;                        // on the day followed, 0 at least, total at most
  Money left;                            // total − paid_off
  std::vector<Instalment> instalments;
  std::vector<InstalmentState> states;   // one per instalment
  std::optional<std::chrono::year_month_day> breached_on;  // the day after the first missed deadline
};

// Where the plan stands on `day` (style.md example 3). `paid_off_by` gives, for each
// instalment's deadline already past on `day`, what was paid off by it (start_balance − the
// balance on that deadline), in the order of the instalments; `paid_off_now` what was paid off
// by `day`. In order:
//   1. a plan cancelled on or before `day` is cancelled;
//   2. each instalment whose deadline is past is met when what was paid off by its deadline
//      reaches its cumulative amount, else missed; the others are met if already paid off, else
//      pending;
//   3. completed when what is paid off reaches the total; else breached (on the day after the
//      first missed deadline) when one is missed; else running.
PlanProgress follow(const PaymentPlan& plan, const std::vector<Money>& paid_off_by, Money paid_off_now,
                    std::chrono::year_month_day day);

// The deadlines past on `day`, in order: the days whose balances follow() needs.
std::vector<std::chrono::year_month_day> past_deadlines(const PaymentPlan& plan, std::chrono::year_month_day day);

}  // namespace hms::arrears
