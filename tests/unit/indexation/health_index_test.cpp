// HealthIndex: reading the index table (one base only, every bad line refused with its number
// and the reason), IndexValue::text(), looking a month up (unknown → indexation.index_unknown
// naming the month and the last one known), and the table shipped with hms.
#include "domain/indexation/health_index.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <string>

#include "app/rules/reference_data.hpp"
#include "common/error.hpp"

namespace hms::indexation {
namespace {

const std::string kHeader = "month,value,base,status,source\n";

// The error of parsing `csv`, or nullopt if it parses.
std::optional<DomainError> parse_error(const std::string& csv) {
  try {
    HealthIndex::parse_csv(csv);
  } catch (const DomainError& e) {
    return e;
  }
  return std::nullopt;
}

void expect_refused(const std::string& body, int line, const std::string& reason_contains) {
  const auto e = parse_error(kHeader + body);
  ASSERT_TRUE(e.has_value()) << body;
  EXPECT_EQ(e->kind(), ErrorKind::validation) << body;
  EXPECT_EQ(e->code(), "indexation.invalid_index_table") << body;
  EXPECT_EQ(e->params().at("line"), std::to_string(line)) << body;
  EXPECT_NE(e->params().at("reason").find(reason_contains), std::string::npos)
      << body << " → reason: " << e->params().at("reason");
}

TEST(HealthIndex, ParsesMonthsValuesStatusAndSource) {
  const auto h = HealthIndex::parse_csv(kHeader +
                                        "2021-05,110.99,2013,verified,Statbel\n"
                                        "2021-06,111.3,2013,verified,Statbel\n"
                                        "2021-07,112,2013,single_secondary_source,a file, with commas\n");
  EXPECT_EQ(h.base_year(), 2013);
  ASSERT_EQ(h.values().size(), 3u);
  EXPECT_EQ(h.at(YearMonth(2021, 5)).hundredths, 11099);
  EXPECT_EQ(h.at(YearMonth(2021, 6)).hundredths, 11130);  // one decimal: 111.3 → 111.30
  EXPECT_EQ(h.at(YearMonth(2021, 7)).hundredths, 11200);  // no decimal: 112 → 112.00
  EXPECT_EQ(h.at(YearMonth(2021, 5)).status, "verified");
  EXPECT_EQ(h.at(YearMonth(2021, 7)).status, "single_secondary_source");
  EXPECT_EQ(h.at(YearMonth(2021, 7)).source, "a file, with commas");  // the rest of the line
  EXPECT_EQ(h.at(YearMonth(2021, 6)).month, YearMonth(2021, 6));
  EXPECT_EQ(h.last(), YearMonth(2021, 7));
  EXPECT_TRUE(h.has(YearMonth(2021, 6)));
  EXPECT_FALSE(h.has(YearMonth(2021, 8)));
}

TEST(HealthIndex, AcceptsCrLfAndBlankLines) {
  const auto h = HealthIndex::parse_csv("month,value,base,status,source\r\n2021-05,110.99,2013,verified,x\r\n\r\n"
                                        "2021-06,111.31,2013,verified,x\r\n");
  EXPECT_EQ(h.values().size(), 2u);
  EXPECT_EQ(h.at(YearMonth(2021, 6)).hundredths, 11131);
  EXPECT_EQ(h.at(YearMonth(2021, 6)).source, "x");
}

TEST(HealthIndex, EmptyTableKnowsNoMonth) {
  const auto h = HealthIndex::parse_csv(kHeader);
  EXPECT_TRUE(h.values().empty());
  EXPECT_FALSE(h.last().has_value());
  try {
    h.at(YearMonth(2021, 5));
    FAIL() << "no error";
  } catch (const DomainError& e) {
    EXPECT_EQ(e.code(), "indexation.index_unknown");
    EXPECT_EQ(e.params().at("month"), "2021-05");
    EXPECT_EQ(e.params().at("last"), "-");
  }
}

TEST(HealthIndex, RefusesAFileMixingBases) {
  // Base 2013 = 100 then base 2025 = 100: ratios across the two would be meaningless.
  expect_refused("2025-11,136.49,2013,verified,x\n2025-12,136.69,2013,verified,x\n2026-01,100.52,2025,verified,x\n", 4,
                 "base");
  const auto e = parse_error(kHeader + "2025-12,136.69,2013,verified,x\n2026-01,100.52,2025,verified,x\n");
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->params().at("reason"), "base 2025 mixed with base 2013");
}

TEST(HealthIndex, RefusesBadMonthsWithTheirLineNumber) {
  for (const char* month : {"2021-13", "2021-00", "2021-5", "21-05", "2021/05", "", "2021-05-01", "May 2021"}) {
    expect_refused("2021-04,110.93,2013,verified,x\n" + std::string(month) + ",110.99,2013,verified,x\n", 3, "month");
  }
  // A blank line still counts in the numbering.
  expect_refused("2021-04,110.93,2013,verified,x\n\n2021-13,110.99,2013,verified,x\n", 4, "month");
}

TEST(HealthIndex, RefusesBadValuesWithTheirLineNumber) {
  for (const char* value : {"", "abc", "110.999", "-110.99", "0", "0.00", "1e2", " 110.99", "110.9x", "110..9",
                            ".99"}) {
    expect_refused("2021-04,110.93,2013,verified,x\n2021-05," + std::string(value) + ",2013,verified,x\n", 3, "value");
  }
}

TEST(HealthIndex, RefusesBadBasesShortLinesAndRepeatedMonths) {
  expect_refused("2021-05,110.99,13,verified,x\n", 2, "base");
  expect_refused("2021-05,110.99,,verified,x\n", 2, "base");
  expect_refused("2021-05,110.99,2013,verified\n", 2, "expected month,value,base,status,source");
  expect_refused("2021-05,110.99,2013,verified,x\n2021-05,110.99,2013,verified,x\n", 3, "month given twice");
}

TEST(HealthIndex, ValueText) {
  EXPECT_EQ((IndexValue{YearMonth(2021, 5), 11099, "verified", ""}.text()), "110.99");
  EXPECT_EQ((IndexValue{YearMonth(2021, 5), 11130, "verified", ""}.text()), "111.30");
  EXPECT_EQ((IndexValue{YearMonth(2021, 5), 10005, "verified", ""}.text()), "100.05");
  EXPECT_EQ((IndexValue{YearMonth(2021, 5), 10000, "verified", ""}.text()), "100.00");
  EXPECT_EQ((IndexValue{YearMonth(2021, 5), 9901, "verified", ""}.text()), "99.01");
  EXPECT_EQ((IndexValue{YearMonth(2021, 5), 1, "verified", ""}.text()), "0.01");
  EXPECT_DOUBLE_EQ((IndexValue{YearMonth(2021, 5), 11130, "verified", ""}.value()), 111.3);
  // text() reads back through the parser.
  const auto h = HealthIndex::parse_csv(kHeader + "2021-05,100.05,2013,verified,x\n");
  EXPECT_EQ(h.at(YearMonth(2021, 5)).text(), "100.05");
}

TEST(HealthIndex, UnknownMonthNamesTheMonthAndTheLastKnown) {
  const auto h = HealthIndex::parse_csv(kHeader + "2021-05,110.99,2013,verified,x\n2021-06,111.31,2013,verified,x\n");
  try {
    h.at(YearMonth(2021, 7));
    FAIL() << "no error";
  } catch (const DomainError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::validation);
    EXPECT_EQ(e.code(), "indexation.index_unknown");
    EXPECT_EQ(e.params().at("month"), "2021-07");
    EXPECT_EQ(e.params().at("last"), "2021-06");
  }
}

TEST(HealthIndex, ShippedTable) {
  const auto& h = app::shipped_health_index();
  EXPECT_EQ(h.base_year(), 2013);
  ASSERT_FALSE(h.values().empty());
  EXPECT_EQ(h.values().begin()->first, YearMonth(2015, 1));
  EXPECT_EQ(h.last(), YearMonth(2026, 6));
  EXPECT_EQ(h.values().size(), 138u);  // 2015-01 … 2026-06, no month missing
  // Spot checks against finance-formats.md §6 (the reference's example and sanity check).
  EXPECT_EQ(h.at(YearMonth(2020, 12)).hundredths, 10988);
  EXPECT_EQ(h.at(YearMonth(2025, 1)).hundredths, 13552);
  EXPECT_EQ(h.at(YearMonth(2022, 2)).hundredths, 11874);
  EXPECT_EQ(h.at(YearMonth(2023, 2)).hundredths, 12686);
  // Verified up to 2025-12; 2026 from a single secondary source.
  for (const auto& [month, v] : h.values()) {
    if (month.year() <= 2025)
      EXPECT_EQ(v.status, "verified") << month.to_string();
    else
      EXPECT_EQ(v.status, "single_secondary_source") << month.to_string();
    EXPECT_FALSE(v.source.empty()) << month.to_string();
  }
}

}  // namespace
}  // namespace hms::indexation
