// The inventory's rules (domain/subsidies/inventory.hpp) and adoption's coverage: the cap's
// order, the rent and status in force on the date, the default date, derogations by decision
// date, warnings and the diff.
#include <gtest/gtest.h>

#include "common/date.hpp"
#include "domain/oversight/adoption.hpp"
#include "domain/subsidies/inventory.hpp"

namespace hms::subsidies {
namespace {

using std::chrono::year_month_day;

year_month_day d(const char* iso) { return parse_date(iso).value(); }

ContractOn contract(std::int64_t id, std::int64_t dwelling, const char* start, const char* ref) {
  ContractOn c;
  c.contract_id = id;
  c.dwelling_id = dwelling;
  c.reference = ref;
  c.start = d(start);
  c.type = "apartment";
  c.postcode = "1050";
  c.kind = "main_lease";
  c.latest_owner_rent_cents = 80000;
  return c;
}

TEST(InventoryTest, TheFirstCapDwellingsByContractStartThenIdAreSubsidisable) {
  InventorySource src;
  src.date = d("2026-09-30");
  src.cap = 2;
  src.contracts = {contract(1, 30, "2021-01-01", "C"), contract(2, 10, "2022-01-01", "A"), contract(3, 20, "2021-01-01", "B")};
  const auto inv = build_inventory(src);
  ASSERT_EQ(inv.items.size(), 3u);
  EXPECT_EQ(inv.items[0].reference, "B");  // same start as C, lower dwelling id
  EXPECT_EQ(inv.items[1].reference, "C");
  EXPECT_EQ(inv.items[2].reference, "A");
  EXPECT_TRUE(inv.items[1].subsidisable);
  EXPECT_FALSE(inv.items[2].subsidisable);
  EXPECT_EQ(inv.subsidisable, 2);
  EXPECT_EQ(inv.over_cap, 1);
}

TEST(InventoryTest, RentStatusAndLeaseAreThoseInForceOnTheDate) {
  InventorySource src;
  src.date = d("2026-09-30");
  src.contracts = {contract(1, 10, "2020-01-01", "A")};
  src.owner_rents = {{1, d("2020-01-01"), 70000, std::nullopt}, {1, d("2025-01-01"), 75000, std::nullopt}};
  src.statuses = {{10, "vacant", d("2026-01-01")}};
  src.leases = {{5, 10, d("2026-02-01"), 60000, 55000, "moderate"}};
  src.lease_rents = {{5, d("2026-02-01"), 50000, 55000}};
  const auto inv = build_inventory(src);
  ASSERT_EQ(inv.items.size(), 1u);
  const auto& it = inv.items[0];
  EXPECT_EQ(it.owner_rent_cents, 75000);
  EXPECT_EQ(it.status, "vacant");
  EXPECT_TRUE(it.leased);
  EXPECT_EQ(it.tenant_rent_cents, 50000);  // the version in force, not the latest amount
  EXPECT_EQ(it.band, "moderate");
  EXPECT_EQ(inv.vacant, 1);
  EXPECT_EQ(inv.leased, 1);
  // Vacant since 2026-01-01: 272 days on the date, more than six months.
  const auto w = warnings(inv);
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0].kind, "no_energy_class");
  EXPECT_EQ(w[1].kind, "long_vacancy");
}

TEST(InventoryTest, TheDefaultDateAndTheDerogationInForce) {
  EXPECT_EQ(default_reference_date(d("2026-09-29")), d("2025-09-30"));
  EXPECT_EQ(default_reference_date(d("2026-09-30")), d("2026-09-30"));
  EXPECT_EQ(default_reference_date(d("2026-12-07")), d("2026-09-30"));
  std::vector<Derogation> ds = {{1, 1, 480, d("2025-06-01"), "R1", std::nullopt, 0},
                                {2, 1, 520, d("2026-10-15"), "R2", std::nullopt, 0}};
  EXPECT_EQ(cap_on(ds, d("2025-05-31")), kDefaultCap);
  EXPECT_EQ(cap_on(ds, d("2026-09-30")), 480);
  EXPECT_EQ(cap_on(ds, d("2026-10-15")), 520);
}

TEST(InventoryTest, TheDiffListsAddedRemovedAndChangedFields) {
  InventorySource src;
  src.date = d("2026-09-30");
  src.contracts = {contract(1, 10, "2020-01-01", "A"), contract(2, 20, "2020-01-01", "B")};
  const auto frozen = build_inventory(src);
  src.contracts = {contract(2, 20, "2020-01-01", "B"), contract(3, 30, "2026-01-01", "C")};
  src.contracts[0].bedrooms = 2;
  const auto live = build_inventory(src);
  const auto changes = diff(frozen, live);
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_EQ(changes[0].change, "removed");
  EXPECT_EQ(changes[0].reference, "A");
  EXPECT_EQ(changes[1].change, "changed");
  ASSERT_EQ(changes[1].fields.size(), 1u);
  EXPECT_EQ(changes[1].fields[0].field, "bedrooms");
  EXPECT_EQ(changes[1].fields[0].frozen, "0");
  EXPECT_EQ(changes[1].fields[0].live, "2");
  EXPECT_EQ(changes[2].change, "added");
  EXPECT_TRUE(diff(live, live).empty());
}

TEST(AdoptionTest, CoverageIsAPercentWithOneDecimalRoundedHalfUp) {
  EXPECT_EQ(oversight::coverage(6990, 7749), "90.2");  // the parliamentary question's figures
  EXPECT_EQ(oversight::coverage(450, 500), "90.0");
  EXPECT_EQ(oversight::coverage(1, 8), "12.5");
  EXPECT_EQ(oversight::coverage(1, 16), "6.3");  // 6.25 → 6.3
  EXPECT_EQ(oversight::coverage(520, 500), "104.0");
  EXPECT_EQ(oversight::coverage(10, std::nullopt), std::nullopt);
  EXPECT_EQ(oversight::coverage(10, 0), std::nullopt);
}

}  // namespace
}  // namespace hms::subsidies
