// The subsidy request's rules (domain/subsidies/subsidy_request.hpp): the rates table read and
// checked whole (the shipped file, then every way a file can be wrong), the rates in force on a
// day, the request's lines from an inventory (subsidisable dwellings only, by contract kind, the
// transit ones), and tranches that add up to the total exactly.
#include <gtest/gtest.h>

#include <sstream>

#include "app/rules/reference_data.hpp"
#include "common/date.hpp"
#include "common/error.hpp"
#include "domain/subsidies/subsidy_request.hpp"

namespace hms::subsidies {
namespace {

using std::chrono::year_month_day;

year_month_day d(const char* iso) { return parse_date(iso).value(); }

constexpr const char* kHeader = "valid_from,part,value,status,source\n";

std::string rows(const std::string& date, const std::string& shares = "50:06-30,50:12-31") {
  std::string out = date + ",dwelling.management_mandate,1500.00,verified,test\n" + date +
                    ",dwelling.main_lease,1200,verified,test\n" + date + ",transit_complement,600.50,verified,test\n" +
                    date + ",fixed,60000.00,verified,test\n";
  int n = 0;
  std::stringstream ss(shares);
  for (std::string item; std::getline(ss, item, ',');) {
    ++n;
    const auto colon = item.find(':');
    out += date + ",tranche." + std::to_string(n) + ".share," + item.substr(0, colon) + ",verified,test\n";
    out += date + ",tranche." + std::to_string(n) + ".due," + item.substr(colon + 1) + ",verified,test\n";
  }
  return out;
}

std::string reason_of(const std::string& csv) {
  try {
    SubsidyRateTable::parse(csv);
  } catch (const DomainError& e) {
    EXPECT_EQ(e.code(), "rules.invalid_subsidy_rates");
    return e.params().at("line") + ": " + e.params().at("reason");
  }
  return "accepted";
}

TEST(SubsidyRatesTest, TheShippedTableIsIllustrativeAndComplete) {
  const auto rates = SubsidyRateTable::parse(app::shipped_rules_file("subsidy-rates.csv")).in_force(d("2027-01-01"));
  ASSERT_TRUE(rates);
  EXPECT_EQ(rates->status, "illustrative");
  ASSERT_EQ(rates->tranches.size(), 3u);
  EXPECT_EQ(rates->tranches[2].justification, "income_mix");
}

TEST(SubsidyRatesTest, TheRatesInForceAreThoseOfTheLatestDateOnOrBefore) {
  auto table = SubsidyRateTable::parse(kHeader + rows("2024-01-01") + rows("2027-01-01", "100:03-31"));
  EXPECT_FALSE(table.in_force(d("2023-12-31")));
  auto r2026 = table.in_force(d("2026-12-31"));
  ASSERT_TRUE(r2026);
  EXPECT_EQ(r2026->valid_from, d("2024-01-01"));
  EXPECT_EQ(r2026->per_main_lease_cents, 120000);
  EXPECT_EQ(r2026->transit_cents, 60050);
  EXPECT_EQ(r2026->tranches.size(), 2u);
  EXPECT_EQ(table.in_force(d("2027-01-01"))->tranches.size(), 1u);
  EXPECT_EQ(r2026->status, "verified");
}

TEST(SubsidyRatesTest, AFileThatDoesNotHoldTogetherIsRefusedWithItsLineAndReason) {
  EXPECT_EQ(reason_of(""), "1: the file is empty");
  EXPECT_EQ(reason_of("valid_from,part,amount,status,source\n"), "1: the first line must be valid_from,part,value,status,source");
  EXPECT_EQ(reason_of(kHeader), "1: the file has no rows");
  EXPECT_EQ(reason_of(kHeader + std::string("2024-01-01,staff,1,verified,test\n")), "2: unknown part staff");
  EXPECT_EQ(reason_of(kHeader + std::string("2024-01-01,fixed,-5,verified,test\n")),
            "2: the value must be an amount in euros, 0 or more");
  EXPECT_EQ(reason_of(kHeader + std::string("2024-01-01,tranche.1.due,13-01,verified,test\n")), "2: a due date is MM-DD");
  EXPECT_EQ(reason_of(kHeader + std::string("2024-01-01,tranche.1.share,0,verified,test\n")),
            "2: a share is a whole per cent, 1 to 100");
  EXPECT_EQ(reason_of(kHeader + std::string("2024-02-30,fixed,1,verified,test\n")), "2: valid_from must be a date YYYY-MM-DD");
  EXPECT_EQ(reason_of(kHeader + std::string("2024-01-01,fixed,1,,test\n")), "2: status is empty");
  EXPECT_EQ(reason_of(kHeader + rows("2024-01-01") + "2024-01-01,fixed,1,verified,test\n"),
            "10: 2024-01-01: fixed given twice (first on line 5)");
  EXPECT_EQ(reason_of(kHeader + std::string("2024-01-01,fixed,1,verified,test\n")),
            "2: 2024-01-01: part dwelling.management_mandate is missing");
  EXPECT_EQ(reason_of(kHeader + rows("2024-01-01", "40:03-31,40:06-30")),
            "2: 2024-01-01: the tranches' shares add up to 80 %, not 100 %");
  EXPECT_EQ(reason_of(kHeader + rows("2024-01-01", "100:03-31") + "2024-01-01,tranche.3.share,10,verified,test\n" +
                      "2024-01-01,tranche.3.due,12-31,verified,test\n"),
            "2: 2024-01-01: tranches must be numbered 1, 2, 3 … without a gap");
  EXPECT_EQ(reason_of(kHeader + rows("2024-01-01", "100:03-31") + "2024-01-01,tranche.2.share,10,verified,test\n"),
            "2: 2024-01-01: tranche 2 needs a share and a due date");
  EXPECT_EQ(reason_of(kHeader + rows("2024-01-01")), "accepted");
}

InventoryItem item(bool subsidisable, const char* kind, const char* categories = "") {
  InventoryItem it;
  it.subsidisable = subsidisable;
  it.contract_kind = kind;
  it.categories = categories;
  return it;
}

TEST(SubsidyRequestTest, TheRequestCountsSubsidisableDwellingsByKindAndTheTransitOnes) {
  Inventory inv;
  inv.agency_id = 7;
  inv.agency_code = "IX";
  inv.date = d("2026-09-30");
  inv.items = {item(true, "management_mandate", "student,transit"), item(true, "management_mandate"),
               item(true, "main_lease", "transit"), item(false, "main_lease", "transit")};
  auto rates = SubsidyRateTable::parse(kHeader + rows("2024-01-01")).in_force(d("2027-01-01")).value();
  const auto r = compute_request(inv, rates);
  EXPECT_EQ(r.year, 2027);
  EXPECT_EQ(r.rates_from, d("2024-01-01"));
  ASSERT_EQ(r.lines.size(), 4u);
  EXPECT_EQ(r.lines[0].part, "dwelling.management_mandate");
  EXPECT_EQ(r.lines[0].count, 2);
  EXPECT_EQ(r.lines[0].amount_cents, 300000);
  EXPECT_EQ(r.lines[1].count, 1);  // the one over the cap is not asked for
  EXPECT_EQ(r.lines[2].count, 2);
  EXPECT_EQ(r.lines[2].amount_cents, 120100);
  EXPECT_EQ(r.lines[3].count, 1);
  EXPECT_EQ(r.total_cents, 300000 + 120000 + 120100 + 6000000);
}

TEST(SubsidyRequestTest, TranchesAddUpToTheTotalTheLastTakingTheRemainder) {
  auto rates = SubsidyRateTable::parse(kHeader + rows("2024-01-01", "33:02-29,33:06-30,34:12-31")).in_force(d("2027-01-01")).value();
  const auto t = plan_tranches(100001, 2027, rates);  // 1.000,01 €
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0].amount_cents, 33000);  // 330.0033 rounded down
  EXPECT_EQ(t[1].amount_cents, 33000);
  EXPECT_EQ(t[2].amount_cents, 34001);
  EXPECT_EQ(t[0].due_on, d("2027-02-28"));  // 29 February on a common year
  EXPECT_EQ(plan_tranches(100001, 2028, rates)[0].due_on, d("2028-02-29"));
  for (std::int64_t total : {0, 1, 99, 123456789, 96160000}) {
    std::int64_t sum = 0;
    for (const auto& x : plan_tranches(total, 2027, rates)) sum += x.amount_cents;
    EXPECT_EQ(sum, total) << total;
  }
}

}  // namespace
}  // namespace hms::subsidies
