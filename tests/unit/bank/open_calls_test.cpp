// The rent calls still open on a lease, what the IBAN + amount rule compares a credit with: the
// payments settle the oldest calls first; a partly paid call keeps its rest; an over-payment
// leaves nothing open.
#include "domain/bank/bank.hpp"

#include <gtest/gtest.h>

namespace hms::bank {
namespace {

Money eur(std::int64_t cents) { return Money::from_cents(cents); }

TEST(OpenCalls, NothingPaidLeavesEveryCallOpen) {
  EXPECT_EQ(open_call_amounts({{eur(64'500), eur(64'500)}, eur(0)}), (std::vector<Money>{eur(64'500), eur(64'500)}));
}

TEST(OpenCalls, PaymentsSettleTheOldestCallFirst) {
  EXPECT_EQ(open_call_amounts({{eur(64'500), eur(64'500)}, eur(90'000)}), (std::vector<Money>{eur(39'000)}));
  EXPECT_EQ(open_call_amounts({{eur(64'500), eur(31'206)}, eur(64'500)}), (std::vector<Money>{eur(31'206)}));
}

TEST(OpenCalls, AnOverPaymentLeavesNothingOpen) {
  EXPECT_TRUE(open_call_amounts({{eur(64'500)}, eur(70'000)}).empty());
  EXPECT_TRUE(open_call_amounts({{}, eur(1)}).empty());
}

TEST(MovementStatus, NamesRoundTrip) {
  for (auto s : {MovementStatus::unmatched, MovementStatus::matched, MovementStatus::booked})
    EXPECT_EQ(parse_movement_status(to_string(s)), s);
  EXPECT_FALSE(parse_movement_status("lost"));
}

}  // namespace
}  // namespace hms::bank
