// The rent calls still open on a lease, what the IBAN + amount rule compares a credit with: the
// payments settle the oldest calls first; a partly paid call keeps its rest; an over-payment
// leaves nothing open.
#include "domain/bank/bank.hpp"

#include <gtest/gtest.h>

namespace hms::bank {
namespace {

TEST(MovementStatus, NamesRoundTrip) {
  for (auto s : {MovementStatus::unmatched, MovementStatus::matched, MovementStatus::booked})
    EXPECT_EQ(parse_movement_status(to_string(s)), s);
  EXPECT_FALSE(parse_movement_status("lost"));
}

}  // namespace
}  // namespace hms::bank
