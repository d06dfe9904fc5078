// Arrears (issue 11 part 1, contract E "/api/v1/arrears"): what a household still owes, how old
// it is, and which step of the agency's reminder ladder it has reached. Payments pay the oldest
// calls first, so the oldest unpaid call is the first whose amount the payments do not cover.
// E.g. calls of 645.00 on 2026-01-01, 02-01 and 03-01, 1,000.00 paid: January is paid, February
// is paid 355.00 of 645.00, so on 2026-03-15 the balance is 935.00, the oldest unpaid call is
// 2026-02-01, 42 days old: 290.00 is 31–60 days old and 645.00 is 0–30 days old.
#pragma once
#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/money.hpp"
#include "domain/arrears/payment_plan.hpp"

namespace hms::arrears {

// A rent call of a lease, net of its reversal (a call reversed whole is no call): what the
// household was asked to pay on a day.
struct Call {
  std::chrono::year_month_day date{};
  Money amount;  // > 0
};

// The steps of the reminder ladder, in order; `none` before the first.
enum class Step { none, reminder, second_reminder, formal_notice };
std::string_view to_string(Step s);  // "none" | "reminder" | "second_reminder" | "formal_notice"
inline constexpr std::array<Step, 3> kSteps = {Step::reminder, Step::second_reminder, Step::formal_notice};

// One rung of the ladder: the step is reached when the oldest unpaid call is at least
// `after_days` old and the balance at least `threshold`.
struct Rung {
  Step step = Step::reminder;
  int after_days = 0;
  Money threshold;
};

// The agency's reminder ladder (its settings): a rung per step, later steps after more days.
struct Ladder {
  std::array<Rung, 3> rungs;
  // What an agency starts with until its admin changes it: a reminder 10 days after the due date
  // from 25.00, a second reminder after 25 days, a formal notice after 45 days from one month's
  // rent of a small dwelling (500.00). A starting point, not a rule of the Region.
  static Ladder defaults();
};
// What is wrong with a ladder (each step after more days than the one before, from a threshold
// no lower): the field ("second_reminder_days", "formal_notice_threshold", …) and the reason,
// "arrears.days_not_increasing" or "arrears.threshold_decreasing". Empty: the ladder is good.
struct LadderProblem {
  std::string field;
  std::string code;
};
std::vector<LadderProblem> check_ladder(const Ladder& ladder);

// The age classes of the ageing table: 0–30, 31–60, 61–90, more than 90 days.
inline constexpr std::array<int, 3> kAgeingLimits = {30, 60, 90};
using Ageing = std::array<Money, 4>;
std::size_t age_class(int days);

// Where a lease stands on a day.
struct LeaseArrears {
  std::int64_t lease_id = 0;
  Money balance;                                         // called − paid; > 0 in arrears
  std::optional<std::chrono::year_month_day> oldest_unpaid;  // the oldest call not fully paid
  int days = 0;                                          // its age on the day
  Step step = Step::none;
  Ageing ageing{};                                       // what is unpaid, by the age of its call
};

// The calls the payments leave open, oldest first, each with what is left unpaid of it: the
// payments pay the oldest calls first (calls in any order; a negative `paid`, money paid back,
// leaves every call open). E.g. calls of 645.00 on 01-01 and 02-01, 900.00 paid → {02-01: 390.00}.
std::vector<Call> open_calls(std::vector<Call> calls, Money paid);

// The lease's arrears on `day` from its calls (any order) and what it paid up to that day (the
// steps in arrears.cpp). A lease whose balance is not above zero has no oldest unpaid call.
LeaseArrears lease_arrears(std::int64_t lease_id, std::vector<Call> calls, Money paid,
                           std::chrono::year_month_day day, const Ladder& ladder);

// The step a balance owed for `days` reaches on the ladder.
Step step_reached(const Ladder& ladder, int days, Money balance);

// A lease's account as the ledger says on a day: the calls that its balance needs, newest back
// to the first one not paid whole (the older ones, paid whole, are left out with what paid
// them), and what was paid towards those. Their balance is the lease's, and open_calls gives
// the same open calls as the whole history would. E.g. ten years of calls of 645.00 all paid
// but the last, half paid: calls {645.00 of this month}, paid 322.50.
struct LeaseAccount {
  std::int64_t lease_id = 0;
  std::vector<Call> calls;
  Money paid;
};

// A reminder letter sent to a household: the step it was written for, its date and the balance
// it asked for.
struct Letter {
  std::int64_t lease_id = 0;
  Step step = Step::reminder;
  std::chrono::year_month_day date{};
  Money balance;
  std::optional<std::int64_t> sent_by;  // none: the command line
  std::int64_t sent_at = 0;
};
std::optional<Step> parse_step(std::string_view s);

class ArrearsRepository {
 public:
  virtual ~ArrearsRepository() = default;
  // The agency's ladder; none: it never changed the defaults.
  virtual std::optional<Ladder> ladder(std::int64_t agency_id) = 0;
  virtual void save_ladder(std::int64_t agency_id, const Ladder& ladder, std::int64_t now) = 0;
  // Every lease of the agency with a line in its tenants' account up to `day`, by lease id: its
  // account (calls net of their reversals; paid: the BANK journal and any credit to it outside).
  virtual std::vector<LeaseAccount> lease_accounts(std::int64_t agency_id, std::chrono::year_month_day day) = 0;
  // One lease's account up to `day` (no line: no calls, nothing paid).
  virtual LeaseAccount lease_account(std::int64_t lease_id, std::chrono::year_month_day day) = 0;
  virtual void insert_letter(std::int64_t agency_id, const Letter& letter) = 0;
  // The last letter of each lease of the agency that got one, by lease id.
  virtual std::vector<Letter> last_letters(std::int64_t agency_id) = 0;
  // Payment plans: inserted (gives the id), cancelled, read one, a lease's (newest first), and
  // the agency's not cancelled (by lease id, newest first).
  virtual std::int64_t insert_plan(PaymentPlan& plan) = 0;
  virtual void cancel_plan(std::int64_t plan_id, std::chrono::year_month_day day) = 0;
  virtual std::optional<PaymentPlan> plan(std::int64_t plan_id) = 0;
  virtual std::vector<PaymentPlan> lease_plans(std::int64_t lease_id) = 0;
  virtual std::vector<PaymentPlan> agency_plans(std::int64_t agency_id) = 0;
};

}  // namespace hms::arrears
