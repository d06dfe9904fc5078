// A management mandate recorded without a fee (contract B has no fee column) takes the agency's
// default fee, marked as such; a fee given wins; a main lease takes none; no default set is one
// problem on management_fee that says so (owners.default_fee_not_set), reported with the others.
#include <gtest/gtest.h>

#include "app/owners/owners.hpp"
#include "common/error.hpp"

namespace hms::app {
namespace {

agencies::AgencySettings with_fee(std::optional<std::int64_t> bp) {
  agencies::AgencySettings s;
  s.agency_id = 1;
  s.management_fee = bp ? std::optional(Rate::from_basis_points(*bp)) : std::nullopt;
  return s;
}

ContractFields mandate(std::optional<std::string> fee = std::nullopt) {
  ContractFields f;
  f.kind = "management_mandate";
  f.start = "2026-03-01";
  f.owner_rent = "700";
  f.management_fee = std::move(fee);
  return f;
}

owners::OwnerContract from(const ContractFields& f, const agencies::AgencySettings& s) {
  return contract_from_fields(f, {}, rules::RentCapTable{}, std::nullopt, s);
}

TEST(DefaultFee, AMandateWithoutAFeeTakesTheAgencysDefault) {
  for (const auto& none : {std::optional<std::string>{}, std::optional<std::string>{""}, std::optional<std::string>{" "}}) {
    auto k = from(mandate(none), with_fee(800));
    EXPECT_EQ(k.management_fee, Rate::from_basis_points(800));
    EXPECT_TRUE(k.management_fee_default);
  }
}

TEST(DefaultFee, AFeeGivenWinsAndALeaseTakesNone) {
  auto k = from(mandate("9,5"), with_fee(800));
  EXPECT_EQ(k.management_fee, Rate::from_basis_points(950));
  EXPECT_FALSE(k.management_fee_default);
  auto lease = mandate();
  lease.kind = "main_lease";
  auto l = from(lease, with_fee(800));
  EXPECT_FALSE(l.management_fee);
  EXPECT_FALSE(l.management_fee_default);
}

TEST(DefaultFee, NoDefaultSetIsOneProblemAmongTheOthers) {
  auto f = mandate();
  f.end = "2026-01-01";  // before the start
  try {
    from(f, with_fee(std::nullopt));
    FAIL() << "a mandate without a fee nor a default was accepted";
  } catch (const DomainError& e) {
    EXPECT_EQ(e.fields(), (std::map<std::string, std::string>{{"management_fee", "owners.default_fee_not_set"},
                                                              {"end", "owners.end_before_start"}}));
  }
}

}  // namespace
}  // namespace hms::app
