// The matching of a bank credit to a lease: by structured communication (check digits verified),
// else by the payer's IBAN and the exact amount of an open call on exactly one lease.
#include "domain/bank/matching.hpp"

#include <gtest/gtest.h>

namespace hms::bank {
namespace {

const std::vector<OpenLease> kLeases{
    {1, "250200001456", {"BE25735104827682"}, {Money::from_cents(68'500)}},
    {2, "250200011560", {"BE16001583920474"}, {Money::from_cents(54'250), Money::from_cents(10'000)}},
    {3, "250200021664", {"BE16001583920474"}, {Money::from_cents(10'000)}},
};

Credit credit(std::int64_t cents, std::optional<std::string> reference, std::string iban = {}) {
  return {Money::from_cents(cents), std::move(reference), std::move(iban)};
}

TEST(Matching, ByStructuredCommunicationFirst) {
  const MatchResult r = match_credit(credit(1, "250200011560", "BE25735104827682"), kLeases);
  EXPECT_EQ(r.lease_id, 2);
  EXPECT_EQ(r.method, MatchMethod::structured_communication);
  EXPECT_FALSE(r.reason);
}

TEST(Matching, AWrongCheckIsNeverMatched) {
  // 2502000014 mod 97 = 56: "250200001457" has a wrong check, and the IBAN and amount of lease
  // 1 do not rescue it.
  const MatchResult r = match_credit(credit(68'500, "250200001457", "BE25735104827682"), kLeases);
  EXPECT_FALSE(r.lease_id);
  EXPECT_EQ(r.reason, UnmatchedReason::wrong_check_digits);
}

TEST(Matching, ByIbanAndAmountWhenExactlyOneLeaseFits) {
  MatchResult r = match_credit(credit(68'500, std::nullopt, "BE25735104827682"), kLeases);
  EXPECT_EQ(r.lease_id, 1);
  EXPECT_EQ(r.method, MatchMethod::iban_and_amount);
  r = match_credit(credit(54'250, std::nullopt, "BE16001583920474"), kLeases);
  EXPECT_EQ(r.lease_id, 2);
  // A valid reference of no open lease still goes through the IBAN rule.
  r = match_credit(credit(68'500, "000000009797", "BE25735104827682"), kLeases);
  EXPECT_EQ(r.lease_id, 1);
  EXPECT_EQ(r.method, MatchMethod::iban_and_amount);
}

TEST(Matching, LeavesTheRestToAPerson) {
  EXPECT_EQ(match_credit(credit(10'000, std::nullopt, "BE16001583920474"), kLeases).reason, UnmatchedReason::ambiguous);
  EXPECT_EQ(match_credit(credit(68'501, std::nullopt, "BE25735104827682"), kLeases).reason, UnmatchedReason::no_lease_fits);
  EXPECT_EQ(match_credit(credit(68'500, std::nullopt, "BE60320331604270"), kLeases).reason, UnmatchedReason::no_lease_fits);
  EXPECT_EQ(match_credit(credit(68'500, std::nullopt), kLeases).reason, UnmatchedReason::no_lease_fits);
  EXPECT_EQ(match_credit(credit(5, "000000009797"), kLeases).reason, UnmatchedReason::unknown_reference);
  EXPECT_EQ(match_credit(credit(-68'500, "250200001456"), kLeases).reason, UnmatchedReason::not_a_credit);
  EXPECT_EQ(match_credit(credit(0, "250200001456"), kLeases).reason, UnmatchedReason::not_a_credit);
  EXPECT_STREQ(to_string(UnmatchedReason::ambiguous), "ambiguous");
  EXPECT_STREQ(to_string(MatchMethod::iban_and_amount), "iban_and_amount");
}

}  // namespace
}  // namespace hms::bank
