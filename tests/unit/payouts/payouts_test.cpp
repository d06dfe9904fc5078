// The owner payment rule (domain/payouts/payouts.hpp): one transfer per owner summing its
// contracts, the management fee on mandates only and its named rounding, exclusions with their
// reason, the end-to-end id and the remittance text cut to their maxima.
#include <gtest/gtest.h>

#include <algorithm>

#include "domain/payouts/payouts.hpp"

namespace hms::payouts {
namespace {

constexpr const char* kIbanA = "BE68539007547034";
constexpr const char* kIbanB = "BE71096123456769";

Money eur(std::int64_t cents) { return Money::from_cents(cents); }

ContractFacts mandate(std::int64_t id, const std::string& dwelling, std::int64_t bp, std::int64_t owner,
                      const std::string& name, const std::string& iban, const std::string& lang = "fr") {
  return {id, dwelling, owners::ContractKind::management_mandate, Rate::from_basis_points(bp), owner, name, iban, lang};
}
ContractFacts main_lease(std::int64_t id, const std::string& dwelling, std::int64_t owner, const std::string& name,
                         const std::string& iban, const std::string& lang = "fr") {
  return {id, dwelling, owners::ContractKind::main_lease, std::nullopt, owner, name, iban, lang};
}

TEST(PayoutsRule, TheFeeIsTakenOnMandatesOnlyAndRoundedHalfAwayFromZero) {
  // 745.50 × 8.50 % = 63.3675 → 63.37; 100.10 × 5 % = 5.005 → 5.01 (half away from zero).
  std::map<std::int64_t, ContractFacts> facts{{1, mandate(1, "IX-0042", 850, 10, "Marie Dubois", kIbanA)},
                                              {2, mandate(2, "IX-0043", 500, 10, "Marie Dubois", kIbanA)},
                                              {3, main_lease(3, "IX-0050", 11, "Jan Peeters", kIbanB, "nl")}};
  const auto plan = plan_payouts(YearMonth(2026, 3), {{1, eur(74'550)}, {2, eur(10'010)}, {3, eur(65'000)}}, facts);
  ASSERT_EQ(plan.transfers.size(), 2u);
  const auto& peeters = plan.transfers[0];  // by name: "Jan Peeters" < "Marie Dubois"
  EXPECT_EQ(peeters.owner_name, "Jan Peeters");
  EXPECT_EQ(peeters.gross, eur(65'000));
  EXPECT_EQ(peeters.fee, Money::zero());   // a main lease: the whole owner rent
  EXPECT_EQ(peeters.net(), eur(65'000));
  EXPECT_EQ(peeters.remittance, "Huur 2026-03 IX-0050");
  const auto& dubois = plan.transfers[1];
  ASSERT_EQ(dubois.contracts.size(), 2u);
  EXPECT_EQ(dubois.contracts[0].fee, eur(6'337));
  EXPECT_EQ(dubois.contracts[1].fee, eur(501));
  EXPECT_EQ(dubois.gross, eur(84'560));
  EXPECT_EQ(dubois.fee, eur(6'838));
  EXPECT_EQ(dubois.net(), eur(77'722));
  EXPECT_EQ(dubois.remittance, "Loyer 2026-03 IX-0042 IX-0043");
  EXPECT_EQ(dubois.end_to_end_id, "HMS-2026-03-O000010");
  EXPECT_EQ(dubois.iban, kIbanA);
  EXPECT_EQ(plan.gross, eur(149'560));
  EXPECT_EQ(plan.fee, eur(6'838));
  EXPECT_EQ(plan.net(), eur(142'722));
}

TEST(PayoutsRule, TheRoundingIsNamed) {
  EXPECT_EQ(kManagementFeeRounding, Rounding::half_away_from_zero);
  // 0.50 × 1 % = 0.005 → 0.01, not 0.00.
  EXPECT_EQ(Rate::from_basis_points(100).apply(eur(50), kManagementFeeRounding), eur(1));
}

TEST(PayoutsRule, OwnersWithoutAValidIbanAreListedWithTheirReason) {
  std::map<std::int64_t, ContractFacts> facts{{1, main_lease(1, "SG-0001", 20, "Sans Compte", "")},
                                              {2, main_lease(2, "SG-0002", 21, "Mauvais Compte", "BE68539007547035")},
                                              {3, main_lease(3, "SG-0003", 22, "Bon Compte", kIbanA)}};
  const auto plan = plan_payouts(YearMonth(2026, 4), {{1, eur(50'000)}, {2, eur(60'000)}, {3, eur(70'000)}}, facts);
  ASSERT_EQ(plan.transfers.size(), 1u);
  EXPECT_EQ(plan.transfers[0].owner_id, 22);
  ASSERT_EQ(plan.excluded.size(), 2u);
  EXPECT_EQ(plan.excluded[0].owner_name, "Mauvais Compte");
  EXPECT_EQ(plan.excluded[0].reason, Exclusion::invalid_iban);
  EXPECT_EQ(plan.excluded[0].gross, eur(60'000));
  EXPECT_EQ(plan.excluded[1].reason, Exclusion::missing_iban);
  EXPECT_EQ(plan.excluded[1].dwellings, std::vector<std::string>{"SG-0001"});
  EXPECT_EQ(plan.net(), eur(70'000));  // the excluded are in no total of the file
}

TEST(PayoutsRule, AReversedRentIsNotPaid) {
  std::map<std::int64_t, ContractFacts> facts{{1, main_lease(1, "RV-0001", 30, "Owner", kIbanA)}};
  const auto plan = plan_payouts(YearMonth(2026, 5), {{1, Money::zero()}}, facts);
  EXPECT_TRUE(plan.transfers.empty());
  EXPECT_TRUE(plan.excluded.empty());
}

TEST(PayoutsRule, TheRemittanceTextKeepsWholeReferencesWithin140) {
  std::vector<std::string> dwellings;
  for (int i = 0; i < 30; ++i) dwellings.push_back("REF-" + std::to_string(1000 + i));
  const auto text = remittance_text("en", YearMonth(2026, 3), dwellings);
  EXPECT_LE(text.size(), kMaxRemittance);
  EXPECT_EQ(text.substr(0, 18), "Rent 2026-03 REF-1");
  const auto last = text.substr(text.rfind(' ') + 1);  // ends on a whole reference
  EXPECT_NE(std::find(dwellings.begin(), dwellings.end(), last), dwellings.end()) << last;
  EXPECT_EQ(end_to_end_id(YearMonth(2026, 3), 123456789012LL), "HMS-2026-03-O123456789012");
  EXPECT_LE(end_to_end_id(YearMonth(2026, 3), 9'223'372'036'854'775'807LL).size(), 35u);
}

TEST(PayoutsRule, FileFormatsReadAndWrite) {
  EXPECT_EQ(to_string(FileFormat::pain_001_001_09), "pain.001.001.09");
  EXPECT_EQ(parse_file_format("pain.001.001.03"), FileFormat::pain_001_001_03);
  EXPECT_FALSE(parse_file_format("pain.001.001.10").has_value());
}

}  // namespace
}  // namespace hms::payouts
