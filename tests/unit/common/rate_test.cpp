// Rate: basis points applied to an amount exactly, rounded by the rule named, at each half cent
// and near the limits of int64 cents (the assertions of the former free percent()).
#include "common/rate.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace hms {
namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

Money cents(std::int64_t value) { return Money::from_cents(value); }
Rate bp(std::int64_t basis_points) { return Rate::from_basis_points(basis_points); }

TEST(Rate, HoldsBasisPointsAndCompares) {
  EXPECT_EQ(bp(850).basis_points(), 850);
  EXPECT_EQ(Rate().basis_points(), 0);
  EXPECT_EQ(bp(850), bp(850));
  EXPECT_LT(bp(850), bp(3000));
  EXPECT_GT(bp(3001), bp(3000));
}

TEST(Rate, AppliesToAnAmount) {
  EXPECT_EQ(bp(250).apply(cents(10000), Rounding::down).cents(), 250);      // 2.5 % of 100 €
  EXPECT_EQ(bp(10000).apply(cents(74550), Rounding::down).cents(), 74550);  // 100 %
  EXPECT_EQ(bp(0).apply(cents(74550), Rounding::half_up).cents(), 0);
  EXPECT_EQ(bp(850).apply(cents(74550), Rounding::half_up).cents(), 6337);  // 8,5 % of 745,50 € is 63.3675
  EXPECT_EQ(bp(850).apply(cents(74550), Rounding::down).cents(), 6336);
  EXPECT_EQ(bp(333).apply(cents(74550), Rounding::half_away_from_zero).cents(), 2483);  // 24.825
  EXPECT_EQ(bp(333).apply(cents(74550), Rounding::down).cents(), 2482);
  EXPECT_EQ(bp(333).apply(cents(-74550), Rounding::half_up).cents(), -2483);  // -24.825
}

TEST(Rate, RoundsAtHalfACent) {
  // 1 % of 745,50 € is 745.5 cents.
  EXPECT_EQ(bp(100).apply(cents(74550), Rounding::half_up).cents(), 746);
  EXPECT_EQ(bp(100).apply(cents(74550), Rounding::half_away_from_zero).cents(), 746);
  EXPECT_EQ(bp(100).apply(cents(74550), Rounding::down).cents(), 745);
  EXPECT_EQ(bp(100).apply(cents(-74550), Rounding::half_up).cents(), -745);
  EXPECT_EQ(bp(100).apply(cents(-74550), Rounding::half_away_from_zero).cents(), -746);
  EXPECT_EQ(bp(100).apply(cents(-74550), Rounding::down).cents(), -745);
  // 50 % of (2k + 1) cents lies exactly halfway between k and k + 1.
  for (std::int64_t k = -100; k < 100; ++k) {
    const Money amount = cents(2 * k + 1);
    const bool positive = 2 * k + 1 > 0;
    EXPECT_EQ(bp(5000).apply(amount, Rounding::half_away_from_zero).cents(), positive ? k + 1 : k);
    EXPECT_EQ(bp(5000).apply(amount, Rounding::half_up).cents(), k + 1);
    EXPECT_EQ(bp(5000).apply(amount, Rounding::down).cents(), positive ? k : k + 1);
  }
}

TEST(Rate, OverflowIsAnError) {
  EXPECT_EQ(bp(10000).apply(cents(kMax), Rounding::down).cents(), kMax);
  try {
    bp(10001).apply(cents(kMax), Rounding::down);
    FAIL() << "no overflow";
  } catch (const DomainError& e) {
    EXPECT_EQ(e.code(), "money.overflow");
  }
}

}  // namespace
}  // namespace hms
