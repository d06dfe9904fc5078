// The illustrative cap grids of 2016 to 2024 are derived, not typed: the shipped tables
// (rules/owner-rent-caps.csv, rules/tenant-rent-caps.csv, compiled in) must be exactly what
// scripts/derive-cap-grids.sh prints from the 2025 grid and the health index, so a change of
// either is made by re-running the script. Then what the derivation means for a contract: one
// starting in 2019 is checked against the 2019 grid (the 2025 amount × the health index of
// December 2018 / that of December 2024), one starting before 2016 against none.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "app/owners/owners.hpp"
#include "app/rules/reference_data.hpp"
#include "common/date.hpp"
#include "common/error.hpp"
#include "domain/rules/rent_caps.hpp"

namespace hms::rules {
namespace {

// The source tree: __FILE__ is relative to build/ (ctest runs the tests from build/tests).
std::filesystem::path root() {
  const auto relative = std::filesystem::path(__FILE__).parent_path() / ".." / ".." / "..";
  for (const auto& base : {std::filesystem::current_path(), std::filesystem::current_path().parent_path()})
    if (std::filesystem::exists(base / relative / "scripts" / "derive-cap-grids.sh")) return base / relative;
  return relative;
}

std::string output_of(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
  std::string out;
  std::array<char, 4096> buffer{};
  while (pipe && std::fgets(buffer.data(), buffer.size(), pipe.get())) out += buffer.data();
  return out;
}

std::chrono::year_month_day d(const char* iso) { return parse_date(iso).value(); }

TEST(CapGridsDerivation, TheShippedTablesAreTheScriptsOutput) {
  for (const char* name : {"owner-rent-caps.csv", "tenant-rent-caps.csv"}) {
    const auto script = (root() / "scripts" / "derive-cap-grids.sh").string();
    const auto file = (root() / "rules" / name).string();
    const auto derived = output_of("bash '" + script + "' '" + file + "'");
    ASSERT_FALSE(derived.empty()) << script << " printed nothing";
    EXPECT_EQ(derived, std::string(app::shipped_rules_file(name)))
        << name << " is not the output of scripts/derive-cap-grids.sh: run it with --write";
  }
}

TEST(CapGridsDerivation, AContractStartingIn2019IsCheckedAgainstThe2019Grid) {
  const auto& owner = app::shipped_rent_caps(CapKind::owner_rent);
  // Apartment, 2 bedrooms: 800.00 (2025) × 108.45 (2018-12) / 133.73 (2024-12) = 648.77… → 649.00.
  const auto cap_2019 = owner.cap_for(d("2019-06-01"), stock::DwellingType::apartment, 2);
  ASSERT_TRUE(cap_2019);
  EXPECT_EQ(cap_2019->amount, Money::from_cents(64900));
  EXPECT_EQ(cap_2019->valid_from, d("2019-01-01"));
  EXPECT_EQ(cap_2019->status, "illustrative");
  EXPECT_EQ(cap_2019->source, "illustrative — replace with the grid published by Bruxelles Logement");
  // The day before the 2019 grid, the 2018 one: 800.00 × 106.15 (2017-12) / 133.73 = 635.01… → 635.00.
  EXPECT_EQ(owner.cap_for(d("2018-12-31"), stock::DwellingType::apartment, 2)->amount, Money::from_cents(63500));
  // A house with 3 bedrooms in 2019, the tenant side: 885.00 × 108.45 / 133.73 = 717.70… → 718.00.
  EXPECT_EQ(app::shipped_rent_caps(CapKind::tenant_rent).cap_for(d("2019-06-01"), stock::DwellingType::house, 3)->amount,
            Money::from_cents(71800));

  // The contract's rules: one cent above the 2019 cap is refused naming it, at the cap accepted.
  app::ContractFields f;
  f.kind = "main_lease";
  f.start = "2019-06-01";
  f.owner_rent = "649.01";
  const app::CapBasis apartment_2{stock::DwellingType::apartment, 2};
  try {
    app::contract_from_fields(f, {}, owner, apartment_2, {});
    FAIL() << "649.01 from 2019-06-01 was accepted";
  } catch (const DomainError& e) {
    EXPECT_EQ(e.fields().at("owner_rent"), "owners.rent_above_cap");
    EXPECT_EQ(e.params().at("cap"), "649.00");
  }
  f.owner_rent = "649.00";
  EXPECT_EQ(app::contract_from_fields(f, {}, owner, apartment_2, {}).cap, Money::from_cents(64900));
  // Before the first grid (2016-01-01): nothing to check against, and the contract keeps no cap.
  f.start = "2015-12-31";
  f.owner_rent = "5000.00";
  EXPECT_FALSE(app::contract_from_fields(f, {}, owner, apartment_2, {}).cap);
  EXPECT_FALSE(owner.cap_for(d("2015-12-31"), stock::DwellingType::apartment, 2));
}

}  // namespace
}  // namespace hms::rules
