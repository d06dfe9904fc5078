// An owner contract's own fields (domain/owners/owner_contract: validate_contract), the days it
// covers (period(), half-open) and the rule "an owner rent is within its cap"
// (check_rent_within_cap): at the cap accepted, one cent above refused with the cap named.
#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "common/date.hpp"
#include "common/error.hpp"
#include "domain/owners/owner_contract.hpp"

namespace hms::owners {
namespace {

std::chrono::year_month_day day(const char* iso) { return parse_date(iso).value(); }

OwnerContract lease() {
  OwnerContract k;
  k.kind = ContractKind::main_lease;
  k.start = day("2026-03-01");
  k.end = day("2035-02-28");
  k.signed_on = day("2026-02-10");
  k.owner_rent = Money::from_cents(78000);
  return k;
}

OwnerContract mandate() {
  OwnerContract k = lease();
  k.kind = ContractKind::management_mandate;
  k.management_fee = Rate::from_basis_points(850);
  return k;
}

std::map<std::string, std::string> problems_of(const OwnerContract& k) {
  try {
    validate_contract(k);
    return {};
  } catch (const DomainError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::validation);
    return e.fields();
  }
}

TEST(ContractKind, ParsesItsTwoNames) {
  EXPECT_EQ(parse_contract_kind("management_mandate"), ContractKind::management_mandate);
  EXPECT_EQ(parse_contract_kind("main_lease"), ContractKind::main_lease);
  EXPECT_FALSE(parse_contract_kind("lease"));
  EXPECT_EQ(to_string(ContractKind::main_lease), "main_lease");
  EXPECT_EQ(to_string(ContractKind::management_mandate), "management_mandate");
}

TEST(ValidateContract, AcceptsALeaseAndAMandate) {
  EXPECT_NO_THROW(validate_contract(lease()));
  EXPECT_NO_THROW(validate_contract(mandate()));
  OwnerContract open = lease();
  open.end.reset();
  open.signed_on.reset();
  EXPECT_NO_THROW(validate_contract(open));
}

TEST(ValidateContract, AOneDayContractIsFineAnEndBeforeTheStartIsNot) {
  OwnerContract k = lease();
  k.end = k.start;
  EXPECT_NO_THROW(validate_contract(k));
  k.end = day("2026-02-28");
  EXPECT_EQ(problems_of(k), (std::map<std::string, std::string>{{"end", "owners.end_before_start"}}));
}

TEST(ValidateContract, SignedOnMayNotComeAfterTheStart) {
  OwnerContract k = lease();
  k.signed_on = k.start;
  EXPECT_NO_THROW(validate_contract(k));
  k.signed_on = day("2026-03-02");
  EXPECT_EQ(problems_of(k), (std::map<std::string, std::string>{{"signed_on", "owners.signed_after_start"}}));
}

TEST(ValidateContract, TheRentMustBePositive) {
  OwnerContract k = lease();
  k.owner_rent = Money::zero();
  EXPECT_EQ(problems_of(k), (std::map<std::string, std::string>{{"owner_rent", "owners.invalid_rent"}}));
  k.owner_rent = Money::from_cents(-1);
  EXPECT_EQ(problems_of(k), (std::map<std::string, std::string>{{"owner_rent", "owners.invalid_rent"}}));
  k.owner_rent = Money::from_cents(1);
  EXPECT_NO_THROW(validate_contract(k));
  // Regression: 92233720368547758.07 was accepted where no cap applied (before 2025).
  k.owner_rent = Money::from_cents(10'000'000);
  EXPECT_NO_THROW(validate_contract(k)) << "100 000.00";
  k.owner_rent = Money::from_cents(10'000'001);
  EXPECT_EQ(problems_of(k), (std::map<std::string, std::string>{{"owner_rent", "owners.invalid_rent"}}));
  k.owner_rent = Money::from_cents(std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(problems_of(k), (std::map<std::string, std::string>{{"owner_rent", "owners.invalid_rent"}}));
}

TEST(ValidateContract, AMandateHasAFeeBetweenZeroAndThirtyPercentALeaseHasNone) {
  OwnerContract k = mandate();
  for (std::int64_t ok : {0, 850, 3000}) {
    k.management_fee = Rate::from_basis_points(ok);
    EXPECT_NO_THROW(validate_contract(k)) << ok;
  }
  for (std::int64_t bad : {-1, 3001}) {
    k.management_fee = Rate::from_basis_points(bad);
    EXPECT_EQ(problems_of(k), (std::map<std::string, std::string>{{"management_fee", "owners.invalid_management_fee"}}))
        << bad;
  }
  k.management_fee.reset();
  EXPECT_EQ(problems_of(k), (std::map<std::string, std::string>{{"management_fee", "owners.invalid_management_fee"}}));
  OwnerContract l = lease();
  l.management_fee = Rate::from_basis_points(850);
  EXPECT_EQ(problems_of(l), (std::map<std::string, std::string>{{"management_fee", "owners.fee_only_for_mandate"}}));
}

TEST(ValidateContract, ReportsEveryProblemAtOnce) {
  OwnerContract k = mandate();
  k.end = day("2026-01-01");
  k.signed_on = day("2026-04-01");
  k.owner_rent = Money::zero();
  k.management_fee = Rate::from_basis_points(5000);
  EXPECT_EQ(problems_of(k), (std::map<std::string, std::string>{{"end", "owners.end_before_start"},
                                                                {"signed_on", "owners.signed_after_start"},
                                                                {"owner_rent", "owners.invalid_rent"},
                                                                {"management_fee", "owners.invalid_management_fee"}}));
}

TEST(ContractPeriod, IsHalfOpenTheDayAfterTheEnd) {
  OwnerContract k = lease();
  auto p = k.period();
  EXPECT_EQ(p.start(), day("2026-03-01"));
  ASSERT_TRUE(p.end());
  EXPECT_EQ(*p.end(), day("2035-03-01"));
  EXPECT_TRUE(p.contains(day("2035-02-28")));
  EXPECT_FALSE(p.contains(day("2035-03-01")));
  EXPECT_FALSE(p.contains(day("2026-02-28")));
  // A one-day contract covers its day.
  k.end = k.start;
  EXPECT_EQ(k.period().days(), 1);
  // Open-ended.
  k.end.reset();
  EXPECT_TRUE(k.period().is_open_ended());
  EXPECT_TRUE(k.period().contains(day("2099-12-31")));
}

TEST(ContractPeriod, ContractsMeetingEndToStartDoNotOverlap) {
  OwnerContract first = lease();
  first.end = day("2026-12-31");
  OwnerContract second = lease();
  second.start = day("2027-01-01");
  second.end.reset();
  EXPECT_FALSE(first.period().overlaps(second.period()));
  second.start = day("2026-12-31");
  EXPECT_TRUE(first.period().overlaps(second.period()));
}

TEST(RentWithinCap, AtTheCapIsAccepted) {
  EXPECT_NO_THROW(check_rent_within_cap(Money::from_cents(81600), Money::from_cents(81600)));
  EXPECT_NO_THROW(check_rent_within_cap(Money::from_cents(74550), Money::from_cents(81600)));
}

TEST(RentWithinCap, OneCentAboveIsRefusedWithTheCapInTheParams) {
  try {
    check_rent_within_cap(Money::from_cents(81601), Money::from_cents(81600));
    FAIL() << "one cent above the cap was accepted";
  } catch (const DomainError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::validation);
    EXPECT_EQ(e.code(), "owners.rent_above_cap");
    EXPECT_EQ(e.params().at("cap"), "816.00");
    EXPECT_EQ(e.params().at("rent"), "816.01");
    EXPECT_EQ(e.fields().count("owner_rent"), 1u);
  }
}

TEST(RentWithinCap, NoCapMeansAccepted) {
  EXPECT_NO_THROW(check_rent_within_cap(Money::from_cents(999999), std::nullopt));
}

}  // namespace
}  // namespace hms::owners
