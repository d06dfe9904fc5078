// Arrears' own rules (domain/arrears): payments pay the oldest calls first, so the oldest unpaid
// call and the ageing of what is owed follow from the calls and the total paid; the reminder
// step is the last rung whose days and threshold are both reached; a ladder must climb.
#include <gtest/gtest.h>

#include "common/date.hpp"
#include "domain/arrears/arrears.hpp"

namespace hms::arrears {
namespace {

std::chrono::year_month_day day(const char* iso) { return parse_date(iso).value(); }
Money eur(std::int64_t cents) { return Money::from_cents(cents); }

std::vector<Call> three_months() {
  return {{day("2026-03-01"), eur(64500)}, {day("2026-01-01"), eur(64500)}, {day("2026-02-01"), eur(64500)}};
}

TEST(ArrearsTest, PaymentsPayTheOldestCallsFirst) {
  // January paid whole, February 355.00 of 645.00, March not at all (the calls in any order).
  auto a = lease_arrears(7, three_months(), eur(100000), day("2026-03-15"), Ladder::defaults());
  EXPECT_EQ(a.lease_id, 7);
  EXPECT_EQ(a.balance, eur(93500));
  ASSERT_TRUE(a.oldest_unpaid.has_value());
  EXPECT_EQ(to_iso(*a.oldest_unpaid), "2026-02-01");
  EXPECT_EQ(a.days, 42);
  EXPECT_EQ(a.ageing[0], eur(64500));  // March, 14 days old
  EXPECT_EQ(a.ageing[1], eur(29000));  // what is left of February, 42 days old
  EXPECT_EQ(a.ageing[2], eur(0));
  EXPECT_EQ(a.ageing[3], eur(0));
  EXPECT_EQ(a.step, Step::second_reminder);  // 42 days: past 25, not yet 45
}

// The rent calls the IBAN + amount rule of the bank import compares a credit with, and the ages
// of the arrears: the payments settle the oldest calls first, a partly paid call keeps its rest.
TEST(ArrearsTest, OpenCallsAreWhatThePaymentsLeaveOfTheNewestCalls) {
  EXPECT_EQ(open_calls(three_months(), eur(0)).size(), 3u);
  const auto open = open_calls(three_months(), eur(90000));
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[0].date, day("2026-02-01"));
  EXPECT_EQ(open[0].amount, eur(39000));
  EXPECT_EQ(open[1].amount, eur(64500));
  EXPECT_TRUE(open_calls(three_months(), eur(200000)).empty());  // an over-payment leaves nothing open
  EXPECT_TRUE(open_calls({}, eur(1)).empty());
  EXPECT_EQ(open_calls(three_months(), eur(-100)).size(), 3u);  // money paid back opens nothing more
}

// What the repository reads of a long history (LeaseAccount: the calls the balance needs, and
// what was paid towards them) gives the same arrears as the whole history.
TEST(ArrearsTest, TheRecentCallsTheBalanceNeedsGiveTheSameArrears) {
  const auto whole = lease_arrears(7, three_months(), eur(100000), day("2026-03-15"), Ladder::defaults());
  const auto recent = lease_arrears(7, {{day("2026-03-01"), eur(64500)}, {day("2026-02-01"), eur(64500)}}, eur(35500),
                                    day("2026-03-15"), Ladder::defaults());
  EXPECT_EQ(recent.balance, whole.balance);
  EXPECT_EQ(recent.oldest_unpaid, whole.oldest_unpaid);
  EXPECT_EQ(recent.ageing, whole.ageing);
  EXPECT_EQ(recent.step, whole.step);
}

TEST(ArrearsTest, APaidUpOrAheadLeaseHasNoOldestUnpaidCall) {
  auto paid = lease_arrears(1, three_months(), eur(193500), day("2026-06-30"), Ladder::defaults());
  EXPECT_EQ(paid.balance, eur(0));
  EXPECT_FALSE(paid.oldest_unpaid.has_value());
  EXPECT_EQ(paid.step, Step::none);
  auto ahead = lease_arrears(1, three_months(), eur(200000), day("2026-06-30"), Ladder::defaults());
  EXPECT_EQ(ahead.balance, eur(-6500));
  EXPECT_FALSE(ahead.oldest_unpaid.has_value());
}

TEST(ArrearsTest, TheStepNeedsBothTheDaysAndTheThreshold) {
  const auto ladder = Ladder::defaults();  // 10 d from 25.00, 25 d from 25.00, 45 d from 500.00
  EXPECT_EQ(step_reached(ladder, 9, eur(100000)), Step::none);
  EXPECT_EQ(step_reached(ladder, 10, eur(2500)), Step::reminder);
  EXPECT_EQ(step_reached(ladder, 10, eur(2499)), Step::none);
  EXPECT_EQ(step_reached(ladder, 90, eur(49999)), Step::second_reminder);  // old, but below the notice's amount
  EXPECT_EQ(step_reached(ladder, 45, eur(50000)), Step::formal_notice);
  EXPECT_EQ(step_reached(ladder, 400, eur(0)), Step::none);
}

TEST(ArrearsTest, AgeClassesAreThirtyDaysWide) {
  EXPECT_EQ(age_class(0), 0u);
  EXPECT_EQ(age_class(30), 0u);
  EXPECT_EQ(age_class(31), 1u);
  EXPECT_EQ(age_class(60), 1u);
  EXPECT_EQ(age_class(61), 2u);
  EXPECT_EQ(age_class(90), 2u);
  EXPECT_EQ(age_class(91), 3u);
  EXPECT_EQ(age_class(2000), 3u);
}

TEST(ArrearsTest, ALadderMustClimb) {
  EXPECT_TRUE(check_ladder(Ladder::defaults()).empty());
  Ladder bad = Ladder::defaults();
  bad.rungs[1].after_days = 10;            // not after the reminder
  bad.rungs[2].threshold = eur(1000);      // below the second reminder's 25.00
  auto problems = check_ladder(bad);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].field, "second_reminder_days");
  EXPECT_EQ(problems[0].code, "arrears.days_not_increasing");
  EXPECT_EQ(problems[1].field, "formal_notice_threshold");
  EXPECT_EQ(problems[1].code, "arrears.threshold_decreasing");
}

// Whatever the calls and the payment, the ageing adds up to the balance when it is positive,
// and the oldest unpaid call is the oldest call with something left.
TEST(ArrearsTest, TheAgeingAlwaysAddsUpToTheBalance) {
  std::uint32_t seed = 12345;
  auto next = [&] { return seed = seed * 1103515245u + 12345u, (seed >> 8) % 1000; };
  for (int round = 0; round < 500; ++round) {
    std::vector<Call> calls;
    Money called;
    const int n = 1 + static_cast<int>(next() % 12);
    for (int i = 0; i < n; ++i) {
      auto amount = eur(1 + next() * 100);
      calls.push_back({std::chrono::year_month_day{std::chrono::year{2025} / std::chrono::month(1 + i % 12) / 1}, amount});
      called += amount;
    }
    const auto paid = eur(static_cast<std::int64_t>(next()) * 90);
    auto a = lease_arrears(1, calls, paid, day("2026-06-30"), Ladder::defaults());
    EXPECT_EQ(a.balance, called - paid);
    if (a.balance <= Money::zero()) continue;
    Money aged;
    for (auto m : a.ageing) aged += m;
    EXPECT_EQ(aged, a.balance) << "round " << round;
    ASSERT_TRUE(a.oldest_unpaid.has_value());
    EXPECT_EQ(a.days, days_between(*a.oldest_unpaid, day("2026-06-30")));
  }
}

}  // namespace
}  // namespace hms::arrears
