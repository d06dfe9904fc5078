// RentCapTable: reading a cap grid (every bad line refused with its number and the reason),
// the "and more" row, the grid in force on a day (the later grid wins from its date, the day
// before keeps the earlier one), the cap of one dwelling, and the two tables shipped with hms.
#include "domain/rules/rent_caps.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "app/rules/reference_data.hpp"
#include "common/date.hpp"
#include "common/error.hpp"

namespace hms::rules {
namespace {

using stock::DwellingType;

const std::string kOwnerHeader = "valid_from,type,bedrooms,amount,status,source\n";
const std::string kTenantHeader = "valid_from,type,bedrooms,tenant_cap,status,source\n";

std::chrono::year_month_day d(const char* iso) { return parse_date(iso).value(); }

// Two grids (2025 and 2026), 0..2 bedrooms, both types; 2026 = 2025 + 10 €.
const std::string kTwoGrids = kOwnerHeader +
                              "2025-01-01,apartment,0,560.00,illustrative,example\n"
                              "2025-01-01,apartment,1,680.00,illustrative,example\n"
                              "2025-01-01,apartment,2,800.00,illustrative,example\n"
                              "2025-01-01,house,0,620.00,illustrative,example\n"
                              "2025-01-01,house,1,740.00,illustrative,example\n"
                              "2025-01-01,house,2,860.00,illustrative,example\n"
                              "2026-01-01,house,0,630,verified,Moniteur belge, 2025-12-20\n"  // a source with a comma
                              "2026-01-01,house,1,750,verified,Moniteur belge, 2025-12-20\n"
                              "2026-01-01,house,2,870,verified,Moniteur belge, 2025-12-20\n"
                              "2026-01-01,apartment,2,810,verified,Moniteur belge, 2025-12-20\n"  // any order
                              "2026-01-01,apartment,1,690,verified,x\n"
                              "2026-01-01,apartment,0,570,verified,x\n";

std::optional<DomainError> parse_error(const std::string& csv, CapKind kind = CapKind::owner_rent) {
  try {
    RentCapTable::parse(kind, csv);
  } catch (const DomainError& e) {
    return e;
  }
  return std::nullopt;
}

void expect_refused(const std::string& csv, int line, const std::string& reason_contains,
                    CapKind kind = CapKind::owner_rent) {
  const auto e = parse_error(csv, kind);
  ASSERT_TRUE(e.has_value()) << csv;
  EXPECT_EQ(e->kind(), ErrorKind::validation) << csv;
  EXPECT_EQ(e->code(), "rules.invalid_cap_table") << csv;
  EXPECT_EQ(e->params().at("line"), std::to_string(line)) << csv;
  EXPECT_NE(e->params().at("reason").find(reason_contains), std::string::npos)
      << csv << " → reason: " << e->params().at("reason");
}

// A valid grid of one validity date, 0..1 bedrooms for both types, then `extra` lines.
std::string grid_with(const std::string& extra) {
  return kOwnerHeader +
         "2026-01-01,apartment,0,570,illustrative,x\n"  // line 2
         "2026-01-01,apartment,1,690,illustrative,x\n"  // line 3
         "2026-01-01,house,0,630,illustrative,x\n"      // line 4
         "2026-01-01,house,1,750,illustrative,x\n"      // line 5
         + extra;                                       // line 6 …
}

TEST(RentCaps, KindNamesAndHeaders) {
  EXPECT_EQ(to_string(CapKind::owner_rent), "owner_rent");
  EXPECT_EQ(to_string(CapKind::tenant_rent), "tenant_rent");
  EXPECT_EQ(cap_file_header(CapKind::owner_rent), "valid_from,type,bedrooms,amount,status,source");
  EXPECT_EQ(cap_file_header(CapKind::tenant_rent), "valid_from,type,bedrooms,tenant_cap,status,source");
}

TEST(RentCaps, ParsesAGrid) {
  auto t = RentCapTable::parse(CapKind::tenant_rent, "\xEF\xBB\xBF" + kTenantHeader +
                                                         "2026-01-01,house,1,750.00,verified,Moniteur belge, 2025-12-20\r\n"
                                                         "2026-01-01,apartment,1,690,verified,s\r\n"
                                                         "\r\n"
                                                         "2026-01-01,house,0,630,verified,s\r\n"
                                                         "2026-01-01,apartment,0,570,illustrative,s\r\n");
  EXPECT_EQ(t.kind(), CapKind::tenant_rent);
  EXPECT_FALSE(t.empty());
  ASSERT_EQ(t.rows().size(), 4u);
  const auto& r = t.rows();
  EXPECT_EQ(r[0].type, DwellingType::apartment);
  EXPECT_EQ(r[0].bedrooms, 0);
  EXPECT_FALSE(r[0].and_more);
  EXPECT_EQ(r[0].amount, Money::from_cents(57000));
  EXPECT_EQ(r[0].status, "illustrative");
  EXPECT_EQ(r[1].type, DwellingType::apartment);
  EXPECT_EQ(r[1].bedrooms, 1);
  EXPECT_TRUE(r[1].and_more);
  EXPECT_EQ(r[2].type, DwellingType::house);
  EXPECT_EQ(r[2].bedrooms, 0);
  EXPECT_FALSE(r[2].and_more);
  EXPECT_EQ(r[3].type, DwellingType::house);
  EXPECT_TRUE(r[3].and_more);
  EXPECT_EQ(r[3].source, "Moniteur belge, 2025-12-20") << "a source may hold commas";
  EXPECT_EQ(r[3].valid_from, d("2026-01-01"));
}

TEST(RentCaps, RefusesEveryBadRowWithItsLine) {
  expect_refused(grid_with("2026-01-01,bungalow,2,800,illustrative,x\n"), 6, "type");
  expect_refused(grid_with("2026-01-01,apartment,-1,800,illustrative,x\n"), 6, "bedrooms");
  expect_refused(grid_with("2026-01-01,apartment,1.5,800,illustrative,x\n"), 6, "bedrooms");
  expect_refused(grid_with("2026-01-01,apartment,two,800,illustrative,x\n"), 6, "bedrooms");
  expect_refused(grid_with("2026-01-01,apartment,,800,illustrative,x\n"), 6, "bedrooms");
  expect_refused(grid_with("2026-01-01,apartment,2,huit cents,illustrative,x\n"), 6, "amount");
  expect_refused(grid_with("2026-01-01,apartment,2,-800,illustrative,x\n"), 6, "amount");
  expect_refused(grid_with("2026-01-01,apartment,2,0,illustrative,x\n"), 6, "amount");
  expect_refused(grid_with("2026-01-01,apartment,2,800.123,illustrative,x\n"), 6, "amount");
  expect_refused(grid_with("2026-01-01,apartment,2,\"800\",illustrative,x\n"), 6, "amount");
  expect_refused(grid_with("2026-02-30,apartment,2,800,illustrative,x\n"), 6, "valid_from");
  expect_refused(grid_with("01/01/2027,apartment,2,800,illustrative,x\n"), 6, "valid_from");
  expect_refused(grid_with("2026-01-01,apartment,2,800,,x\n"), 6, "status");
  expect_refused(grid_with("2026-01-01,apartment,2,800,illustrative,\n"), 6, "source");
  expect_refused(grid_with("2026-01-01,apartment,2,800,illustrative\n"), 6, "6 columns");
  expect_refused(grid_with("2026-01-01,house,1,760,illustrative,x\n"), 6, "given twice (first on line 5)");
  // A gap: apartment 0, 1, then 3.
  expect_refused(grid_with("2026-01-01,apartment,3,950,illustrative,x\n"), 6, "2 is missing");
  // A grid that does not start at 0 (studios).
  expect_refused(grid_with("2027-01-01,apartment,1,700,illustrative,x\n"
                           "2027-01-01,house,0,640,illustrative,x\n"),
                 6, "0 is missing");
  // A validity date with one type only.
  expect_refused(grid_with("2027-01-01,apartment,0,580,illustrative,x\n"
                           "2027-01-01,apartment,1,700,illustrative,x\n"),
                 6, "2027-01-01 has no row for type house");
}

TEST(RentCaps, RefusesAWrongHeaderAndAnEmptyFile) {
  expect_refused("", 1, "empty");
  expect_refused("\n\n", 1, "empty");
  expect_refused(kOwnerHeader, 1, "no rows");
  expect_refused(kOwnerHeader + "\n\r\n", 1, "no rows");
  // The tenant file is not an owner file, nor the reverse.
  expect_refused(kTenantHeader + "2026-01-01,apartment,0,500,illustrative,x\n", 1, "first line",
                 CapKind::owner_rent);
  expect_refused(kOwnerHeader + "2026-01-01,apartment,0,500,illustrative,x\n", 1, "first line",
                 CapKind::tenant_rent);
  expect_refused("month,value,base,status,source\n2026-01,130.00,2013,verified,x\n", 1, "first line");
}

TEST(RentCaps, InForceIsTheLatestGridOnOrBeforeTheDate) {
  const auto t = RentCapTable::parse(CapKind::owner_rent, kTwoGrids);
  EXPECT_EQ(t.rows().size(), 12u);
  EXPECT_EQ(t.validity_dates(), (std::vector{d("2025-01-01"), d("2026-01-01")}));

  EXPECT_TRUE(t.in_force(d("2024-12-31")).empty()) << "before any grid";
  const auto y2025 = t.in_force(d("2025-12-31"));
  ASSERT_EQ(y2025.size(), 6u);
  for (const auto& r : y2025) EXPECT_EQ(r.valid_from, d("2025-01-01"));
  EXPECT_EQ(y2025[0].type, DwellingType::apartment);
  EXPECT_EQ(y2025[0].bedrooms, 0);
  EXPECT_EQ(y2025[2].type, DwellingType::apartment);
  EXPECT_TRUE(y2025[2].and_more);
  EXPECT_EQ(y2025[3].type, DwellingType::house);
  EXPECT_EQ(y2025[3].bedrooms, 0);
  EXPECT_EQ(y2025[5].amount, Money::from_cents(86000));
  EXPECT_TRUE(y2025[5].and_more);

  const auto y2026 = t.in_force(d("2026-01-01"));
  ASSERT_EQ(y2026.size(), 6u);
  for (const auto& r : y2026) EXPECT_EQ(r.valid_from, d("2026-01-01"));
  EXPECT_EQ(y2026[1].amount, Money::from_cents(69000));
  EXPECT_EQ(t.in_force(d("2099-06-30")).size(), 6u) << "the last grid stays in force";
  const auto of_2025 = t.of_date(d("2025-01-01"));
  ASSERT_EQ(of_2025.size(), y2025.size());
  for (std::size_t i = 0; i < of_2025.size(); ++i) {
    EXPECT_EQ(of_2025[i].type, y2025[i].type);
    EXPECT_EQ(of_2025[i].bedrooms, y2025[i].bedrooms);
    EXPECT_EQ(of_2025[i].amount, y2025[i].amount);
  }
  EXPECT_TRUE(t.of_date(d("2025-06-01")).empty());
}

TEST(RentCaps, CapForADwelling) {
  const auto t = RentCapTable::parse(CapKind::owner_rent, kTwoGrids);
  // Exact number of bedrooms.
  auto c = t.cap_for(d("2026-03-01"), DwellingType::apartment, 1);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->amount, Money::from_cents(69000));
  EXPECT_EQ(c->bedrooms, 1);
  EXPECT_FALSE(c->and_more);
  c = t.cap_for(d("2026-03-01"), DwellingType::house, 0);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->amount, Money::from_cents(63000));
  // "And more": 2 is the last row, 7 bedrooms take it.
  c = t.cap_for(d("2026-03-01"), DwellingType::house, 7);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->bedrooms, 2);
  EXPECT_TRUE(c->and_more);
  EXPECT_EQ(c->amount, Money::from_cents(87000));
  EXPECT_EQ(t.cap_for(d("2026-03-01"), DwellingType::house, 2)->amount, Money::from_cents(87000));
  // The later grid wins from its date; the day before keeps the earlier one.
  EXPECT_EQ(t.cap_for(d("2026-01-01"), DwellingType::apartment, 2)->amount, Money::from_cents(81000));
  EXPECT_EQ(t.cap_for(d("2025-12-31"), DwellingType::apartment, 2)->amount, Money::from_cents(80000));
  EXPECT_EQ(t.cap_for(d("2025-12-31"), DwellingType::apartment, 2)->valid_from, d("2025-01-01"));
  EXPECT_EQ(t.cap_for(d("2025-01-01"), DwellingType::apartment, 0)->amount, Money::from_cents(56000));
  // Before any grid; a negative number of bedrooms.
  EXPECT_FALSE(t.cap_for(d("2024-12-31"), DwellingType::apartment, 1));
  EXPECT_FALSE(t.cap_for(d("2026-03-01"), DwellingType::apartment, -1));
  EXPECT_FALSE(RentCapTable().cap_for(d("2026-03-01"), DwellingType::apartment, 1)) << "an empty table";
}

TEST(RentCaps, ConstructedFromRowsSortsThemAndSetsAndMore) {
  std::vector<RentCap> rows = {
      {d("2026-01-01"), DwellingType::house, 1, true, Money::from_cents(75000), "verified", "s"},
      {d("2026-01-01"), DwellingType::house, 0, true, Money::from_cents(63000), "verified", "s"},
      {d("2025-01-01"), DwellingType::house, 0, false, Money::from_cents(62000), "verified", "s"},
  };
  RentCapTable t(CapKind::tenant_rent, rows);
  EXPECT_EQ(t.kind(), CapKind::tenant_rent);
  ASSERT_EQ(t.rows().size(), 3u);
  EXPECT_EQ(t.rows()[0].valid_from, d("2025-01-01"));
  EXPECT_TRUE(t.rows()[0].and_more) << "the only row of its grid";
  EXPECT_FALSE(t.rows()[1].and_more) << "recomputed, whatever the row said";
  EXPECT_TRUE(t.rows()[2].and_more);
  // Houses only in force: apartments have no cap.
  EXPECT_FALSE(t.cap_for(d("2026-03-01"), DwellingType::apartment, 0));
  EXPECT_EQ(t.in_force(d("2026-03-01")).size(), 2u);
  EXPECT_TRUE(RentCapTable().empty());
}

TEST(RentCaps, TheShippedTablesAreIllustrativeAndWhole) {
  const std::string kSource = "illustrative — replace with the grid published by Bruxelles Logement";
  for (auto kind : {CapKind::owner_rent, CapKind::tenant_rent}) {
    const auto& t = app::shipped_rent_caps(kind);
    EXPECT_EQ(t.kind(), kind);
    std::vector<std::chrono::year_month_day> every_1_january;  // 2016 (derived, see scripts/derive-cap-grids.sh) to 2026
    for (int year = 2016; year <= 2026; ++year)
      every_1_january.push_back(std::chrono::year{year} / std::chrono::January / 1);
    EXPECT_EQ(t.validity_dates(), every_1_january);
    ASSERT_EQ(t.rows().size(), 11u * 12u) << "11 dates × 2 types × bedrooms 0..5";
    for (const auto& r : t.rows()) {
      EXPECT_EQ(r.status, "illustrative");
      EXPECT_EQ(r.source, kSource);
      EXPECT_EQ(r.and_more, r.bedrooms == 5);
      EXPECT_EQ(r.amount.cents() % 100, 0) << "rounded to the euro";
    }
    // 2026 is 2025 × ~1.02, every row.
    for (auto type : stock::kAllDwellingTypes)
      for (int n = 0; n <= 5; ++n) {
        const auto a = t.cap_for(d("2025-06-01"), type, n)->amount.cents();
        const auto b = t.cap_for(d("2026-06-01"), type, n)->amount.cents();
        EXPECT_NEAR(static_cast<double>(b) / static_cast<double>(a), 1.02, 0.002) << to_string(type) << " " << n;
        if (n > 0) {
          EXPECT_GT(a, t.cap_for(d("2025-06-01"), type, n - 1)->amount.cents()) << "more rooms, higher cap";
        }
      }
  }
  const auto& owner = app::shipped_rent_caps(CapKind::owner_rent);
  EXPECT_EQ(owner.cap_for(d("2026-01-01"), DwellingType::apartment, 2)->amount, Money::from_cents(81600));
  EXPECT_EQ(owner.cap_for(d("2025-01-01"), DwellingType::apartment, 0)->amount, Money::from_cents(56000));
  EXPECT_EQ(owner.cap_for(d("2025-01-01"), DwellingType::apartment, 9)->amount, Money::from_cents(125000));
  // Tenant caps are lower than owner caps (85–90 % of them).
  const auto& tenant = app::shipped_rent_caps(CapKind::tenant_rent);
  for (const auto& o : owner.rows()) {
    const auto t = tenant.cap_for(o.valid_from, o.type, o.bedrooms);
    ASSERT_TRUE(t);
    const double ratio = static_cast<double>(t->amount.cents()) / static_cast<double>(o.amount.cents());
    EXPECT_GE(ratio, 0.85);
    EXPECT_LE(ratio, 0.90);
  }
}

}  // namespace
}  // namespace hms::rules
