// YearMonth: validation, parsing and printing, month arithmetic across years, first and last
// days (leap years included), containment and ordering.
#include "common/year_month.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace hms {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

year_month_day ymd(int y, unsigned m, unsigned d) { return year{y} / month{m} / day{d}; }

std::string construction_error(int y, int m) {
  try {
    YearMonth(y, m);
    return "ok";
  } catch (const DomainError& error) {
    EXPECT_EQ(error.kind(), ErrorKind::validation);
    return error.code();
  }
}

TEST(YearMonth, ConstructsFromYearAndMonth) {
  const YearMonth november(2026, 11);
  EXPECT_EQ(november.year(), 2026);
  EXPECT_EQ(november.month(), 11);
  EXPECT_EQ(YearMonth(1, 1).to_string(), "0001-01");
  EXPECT_EQ(YearMonth(9999, 12).to_string(), "9999-12");
}

TEST(YearMonth, RejectsMonthsAndYearsOutOfRange) {
  EXPECT_EQ(construction_error(2026, 0), "year_month.invalid");
  EXPECT_EQ(construction_error(2026, 13), "year_month.invalid");
  EXPECT_EQ(construction_error(2026, -1), "year_month.invalid");
  EXPECT_EQ(construction_error(0, 1), "year_month.invalid");
  EXPECT_EQ(construction_error(10000, 1), "year_month.invalid");
  EXPECT_EQ(construction_error(2026, 12), "ok");
}

TEST(YearMonth, Parses) {
  EXPECT_EQ(YearMonth::parse("2026-11").value(), YearMonth(2026, 11));
  EXPECT_EQ(YearMonth::parse("0001-01").value(), YearMonth(1, 1));
  for (const char* text : {"", "2026-13", "2026-00", "2026-1", "26-11", "2026/11", "2026-11-01",
                           "abcd-ef", "0000-01", " 2026-11", "2026-11 ", "+202-11", "2026-1a"}) {
    const auto result = YearMonth::parse(text);
    ASSERT_FALSE(result) << text;
    EXPECT_EQ(result.error().code(), "year_month.invalid") << text;
  }
}

TEST(YearMonth, ParseReadsBackEveryMonthOfTwoCenturies) {
  for (int y = 1950; y <= 2150; ++y) {
    for (int m = 1; m <= 12; ++m) {
      const YearMonth period(y, m);
      ASSERT_EQ(YearMonth::parse(period.to_string()).value(), period);
    }
  }
}

TEST(YearMonth, OfADate) {
  EXPECT_EQ(YearMonth::of(ymd(2026, 11, 29)), YearMonth(2026, 11));
  EXPECT_EQ(YearMonth::of(ymd(2024, 2, 29)), YearMonth(2024, 2));
}

TEST(YearMonth, NextAndPrevious) {
  EXPECT_EQ(YearMonth(2026, 11).next(), YearMonth(2026, 12));
  EXPECT_EQ(YearMonth(2026, 12).next(), YearMonth(2027, 1));
  EXPECT_EQ(YearMonth(2027, 1).previous(), YearMonth(2026, 12));
  EXPECT_EQ(YearMonth(2026, 11).previous(), YearMonth(2026, 10));
  EXPECT_THROW(YearMonth(9999, 12).next(), DomainError);
  EXPECT_THROW(YearMonth(1, 1).previous(), DomainError);
}

TEST(YearMonth, PlusMonths) {
  EXPECT_EQ(YearMonth(2026, 11).plus_months(0), YearMonth(2026, 11));
  EXPECT_EQ(YearMonth(2026, 11).plus_months(3), YearMonth(2027, 2));
  EXPECT_EQ(YearMonth(2026, 11).plus_months(14), YearMonth(2028, 1));
  EXPECT_EQ(YearMonth(2026, 11).plus_months(-11), YearMonth(2025, 12));
  EXPECT_EQ(YearMonth(2026, 1).plus_months(-25), YearMonth(2023, 12));
  EXPECT_THROW(YearMonth(2026, 1).plus_months(2147483647), DomainError);
  EXPECT_THROW(YearMonth(2026, 1).plus_months(-2147483647 - 1), DomainError);
}

TEST(YearMonth, FirstAndLastDay) {
  EXPECT_EQ(YearMonth(2026, 11).first_day(), ymd(2026, 11, 1));
  EXPECT_EQ(YearMonth(2026, 11).last_day(), ymd(2026, 11, 30));
  EXPECT_EQ(YearMonth(2026, 12).last_day(), ymd(2026, 12, 31));
  EXPECT_EQ(YearMonth(2026, 2).last_day(), ymd(2026, 2, 28));
  EXPECT_EQ(YearMonth(2024, 2).last_day(), ymd(2024, 2, 29));
  EXPECT_EQ(YearMonth(2100, 2).last_day(), ymd(2100, 2, 28));
  EXPECT_EQ(YearMonth(2000, 2).last_day(), ymd(2000, 2, 29));
}

TEST(YearMonth, Contains) {
  const YearMonth november(2026, 11);
  EXPECT_TRUE(november.contains(ymd(2026, 11, 1)));
  EXPECT_TRUE(november.contains(ymd(2026, 11, 30)));
  EXPECT_FALSE(november.contains(ymd(2026, 10, 31)));
  EXPECT_FALSE(november.contains(ymd(2026, 12, 1)));
  EXPECT_FALSE(november.contains(ymd(2025, 11, 15)));
}

TEST(YearMonth, Ordering) {
  EXPECT_LT(YearMonth(2026, 11), YearMonth(2026, 12));
  EXPECT_LT(YearMonth(2026, 12), YearMonth(2027, 1));
  EXPECT_GT(YearMonth(2027, 1), YearMonth(2026, 12));
  EXPECT_NE(YearMonth(2026, 11), YearMonth(2025, 11));
}

TEST(YearMonth, MonthsBetween) {
  EXPECT_EQ(months_between(YearMonth(2026, 1), YearMonth(2026, 11)), 10);
  EXPECT_EQ(months_between(YearMonth(2026, 11), YearMonth(2026, 1)), -10);
  EXPECT_EQ(months_between(YearMonth(2025, 12), YearMonth(2026, 1)), 1);
  EXPECT_EQ(months_between(YearMonth(2024, 3), YearMonth(2026, 3)), 24);
  EXPECT_EQ(months_between(YearMonth(2026, 3), YearMonth(2026, 3)), 0);
}

}  // namespace
}  // namespace hms
