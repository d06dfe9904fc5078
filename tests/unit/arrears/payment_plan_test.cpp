// The payment plan's rules (domain/arrears/payment_plan.hpp): the schedule splits the total down
// to the cent with the rest on the last instalment, one a month keeping the day (or the month's
// last); an instalment is met when what was paid off by its deadline reaches the instalments so
// far; the first one missed breaches the plan on the day after its deadline; paying it all off
// completes it, even late; a cancelled plan is cancelled.
#include "domain/arrears/payment_plan.hpp"

#include <gtest/gtest.h>

#include "common/date.hpp"

namespace hms::arrears {
namespace {

Money eur(std::int64_t cents) { return Money::from_cents(cents); }
std::chrono::year_month_day day(const char* iso) { return parse_date(iso).value(); }

PaymentPlan plan_of(std::int64_t total, int count, const char* first_due, int grace = 10) {
  PaymentPlan p;
  p.agreed_on = day("2026-03-20");
  p.start_balance = eur(total);
  p.total = eur(total);
  p.instalments = count;
  p.first_due = day(first_due);
  p.grace_days = grace;
  return p;
}

TEST(PaymentPlanTest, TheScheduleSplitsDownToTheCentAndTheLastTakesTheRest) {
  const auto s = schedule(plan_of(100000, 3, "2026-01-31", 5));
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].amount, eur(33333));
  EXPECT_EQ(s[1].amount, eur(33333));
  EXPECT_EQ(s[2].amount, eur(33334));
  EXPECT_EQ(s[2].cumulative, eur(100000));
  EXPECT_EQ(s[0].due, day("2026-01-31"));
  EXPECT_EQ(s[1].due, day("2026-02-28"));
  EXPECT_EQ(s[2].due, day("2026-03-31"));
  EXPECT_EQ(s[1].deadline, day("2026-03-05"));
}

TEST(PaymentPlanTest, MetByTheDeadlineOrMissedAndThenBreached) {
  const auto p = plan_of(129000, 6, "2026-04-05");  // 215.00 each, deadlines the 15th
  EXPECT_EQ(past_deadlines(p, day("2026-05-16")), (std::vector<std::chrono::year_month_day>{day("2026-04-15"), day("2026-05-15")}));
  // 215.00 paid off by 04-15, only 390.00 by 05-15 (430.00 due): breached on 05-16.
  auto f = follow(p, {eur(21500), eur(39000)}, eur(39000), day("2026-05-16"));
  EXPECT_EQ(f.state, PlanState::breached);
  EXPECT_EQ(f.breached_on, day("2026-05-16"));
  EXPECT_EQ(f.states[0], InstalmentState::met);
  EXPECT_EQ(f.states[1], InstalmentState::missed);
  EXPECT_EQ(f.states[2], InstalmentState::pending);
  EXPECT_EQ(f.paid_off, eur(39000));
  EXPECT_EQ(f.left, eur(90000));
  // The day of the deadline itself is still in time.
  EXPECT_EQ(follow(p, {eur(21500)}, eur(21500), day("2026-05-15")).state, PlanState::running);
  // Paid ahead: the instalments not yet due are met already.
  auto ahead = follow(p, {eur(50000)}, eur(50000), day("2026-04-20"));
  EXPECT_EQ(ahead.state, PlanState::running);
  EXPECT_EQ(ahead.states[1], InstalmentState::met);
  EXPECT_EQ(ahead.states[2], InstalmentState::pending);
}

TEST(PaymentPlanTest, PaidOffCompletesEvenLateAndCancelledWins) {
  auto p = plan_of(60000, 2, "2026-04-05");
  auto late = follow(p, {eur(0), eur(0)}, eur(70000), day("2026-06-01"));  // more than the total: clamped
  EXPECT_EQ(late.state, PlanState::completed);
  EXPECT_EQ(late.paid_off, eur(60000));
  EXPECT_EQ(late.left, eur(0));
  p.cancelled_on = day("2026-04-01");
  EXPECT_EQ(follow(p, {}, eur(0), day("2026-04-02")).state, PlanState::cancelled);
  EXPECT_EQ(follow(p, {}, eur(0), day("2026-03-31")).state, PlanState::running);
  // Money paid back (the balance went up): nothing paid off.
  EXPECT_EQ(follow(p, {}, eur(-5000), day("2026-03-31")).paid_off, eur(0));
}

TEST(PaymentPlanTest, StatesHaveNames) {
  for (auto s : {PlanState::running, PlanState::completed, PlanState::breached, PlanState::cancelled})
    EXPECT_FALSE(to_string(s).empty());
  EXPECT_EQ(to_string(InstalmentState::missed), "missed");
}

}  // namespace
}  // namespace hms::arrears
