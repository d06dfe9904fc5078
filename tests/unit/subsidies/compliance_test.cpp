// The compliance report's lights (domain/oversight/compliance.hpp): each threshold on both sides,
// the overall light the worst.
#include <gtest/gtest.h>

#include "domain/oversight/compliance.hpp"

namespace hms::oversight {
namespace {

// An agency where everything holds.
ComplianceFacts holding() {
  ComplianceFacts f;
  f.year = 2026;
  f.declared = 400;
  f.registered = 400;
  f.dwellings = 400;
  f.inventory_submitted = true;
  f.request_status = "accepted";
  f.leases = 300;
  f.at_or_below = 200;
  f.owner_rents = 400;
  f.tenant_rents = 300;
  return f;
}

Light light_of(const ComplianceReport& r, const std::string& key) {
  for (const auto& c : r.checks)
    if (c.key == key) return c.light;
  ADD_FAILURE() << key;
  return Light::red;
}

TEST(ComplianceTest, AnAgencyWhereEverythingHoldsIsGreen) {
  const auto r = assess(holding());
  ASSERT_EQ(r.checks.size(), 7u);
  for (const auto& c : r.checks) EXPECT_EQ(c.light, Light::green) << c.key;
  EXPECT_EQ(r.overall, Light::green);
}

TEST(ComplianceTest, CoverageIsGreenFrom95AmberFrom85PerCent) {
  auto f = holding();
  for (auto [declared, light] : {std::pair{421, Light::green}, {422, Light::amber}, {470, Light::amber}, {471, Light::red}}) {
    f.declared = declared;  // 400/421 = 95.01 %, 400/422 = 94.8 %, 400/470 = 85.1 %, 400/471 = 84.9 %
    EXPECT_EQ(light_of(assess(f), "coverage"), light) << declared;
  }
  f.declared.reset();
  EXPECT_EQ(light_of(assess(f), "coverage"), Light::amber) << "nothing declared";
  EXPECT_FALSE(coverage_per_mille(f));
}

TEST(ComplianceTest, TheTwoThirdsRuleIsComparedExactly) {
  auto f = holding();
  f.leases = 3;
  f.at_or_below = 2;
  EXPECT_EQ(light_of(assess(f), "two_thirds"), Light::green);
  f.leases = 301;
  f.at_or_below = 200;  // 0.6645
  EXPECT_EQ(light_of(assess(f), "two_thirds"), Light::red);
  f.leases = 0;
  f.at_or_below = 0;
  EXPECT_EQ(light_of(assess(f), "two_thirds"), Light::amber);
}

TEST(ComplianceTest, RentsAboveTheirCapAreAmberUpToTwoPerCent) {
  auto f = holding();
  f.owner_above_cap = 8;  // 2.0 %
  EXPECT_EQ(light_of(assess(f), "owner_caps"), Light::amber);
  f.owner_above_cap = 9;
  EXPECT_EQ(light_of(assess(f), "owner_caps"), Light::red);
  f.tenant_above_cap = 1;
  EXPECT_EQ(light_of(assess(f), "tenant_caps"), Light::amber);
  EXPECT_EQ(assess(f).overall, Light::red) << "the worst light";
}

TEST(ComplianceTest, TheInventoryTheRequestAndLongVacancy) {
  auto f = holding();
  f.inventory_submitted = false;
  f.request_status = "rejected";
  f.long_vacant = 8;  // 2.0 %: green
  auto r = assess(f);
  EXPECT_EQ(light_of(r, "inventory"), Light::red);
  EXPECT_EQ(light_of(r, "request"), Light::amber);
  EXPECT_EQ(light_of(r, "vacancy"), Light::green);
  f.request_status = "";
  f.long_vacant = 21;  // 5.25 %
  r = assess(f);
  EXPECT_EQ(light_of(r, "request"), Light::red);
  EXPECT_EQ(light_of(r, "vacancy"), Light::red);
}

}  // namespace
}  // namespace hms::oversight
