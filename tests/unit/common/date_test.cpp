// Date helpers: strict ISO parsing that checks the day exists, ISO and Belgian printing,
// and day arithmetic across month ends, year ends and leap days.
#include "common/date.hpp"

#include <gtest/gtest.h>

namespace hms {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

year_month_day ymd(int y, unsigned m, unsigned d) { return year{y} / month{m} / day{d}; }

TEST(Date, ParsesIso) {
  EXPECT_EQ(parse_date("2026-11-29").value(), ymd(2026, 11, 29));
  EXPECT_EQ(parse_date("2024-02-29").value(), ymd(2024, 2, 29));
  EXPECT_EQ(parse_date("2000-02-29").value(), ymd(2000, 2, 29));
  EXPECT_EQ(parse_date("0001-01-01").value(), ymd(1, 1, 1));
  EXPECT_EQ(parse_date("9999-12-31").value(), ymd(9999, 12, 31));
}

TEST(Date, RejectsAnythingElse) {
  for (const char* text : {"",
                           "2026-02-29",
                           "2100-02-29",
                           "2026-11-31",
                           "2026-04-31",
                           "2026-00-10",
                           "2026-13-01",
                           "2026-11-00",
                           "2026-11-32",
                           "0000-01-01",
                           "2026-1-01",
                           "2026-11-1",
                           "26-11-29",
                           "2026/11/29",
                           "20261129",
                           "2026-11-2x",
                           "+026-11-29",
                           "-026-11-29",
                           " 2026-11-29",
                           "2026-11-29 ",
                           "2026-11-29T00:00",
                           "29/11/2026",
                           "2026-11",
                           "2026-11-\xD9\xA1"}) {
    const auto result = parse_date(text);
    ASSERT_FALSE(result) << text;
    EXPECT_EQ(result.error().code(), "date.invalid") << text;
    EXPECT_EQ(result.error().kind(), ErrorKind::validation) << text;
  }
}

TEST(Date, Prints) {
  EXPECT_EQ(to_iso(ymd(2026, 11, 29)), "2026-11-29");
  EXPECT_EQ(to_iso(ymd(2026, 1, 5)), "2026-01-05");
  EXPECT_EQ(to_iso(ymd(1, 1, 1)), "0001-01-01");
  EXPECT_EQ(to_belgian(ymd(2026, 11, 29)), "29/11/2026");
  EXPECT_EQ(to_belgian(ymd(2026, 1, 5)), "05/01/2026");
  EXPECT_EQ(to_belgian(ymd(1, 1, 1)), "01/01/0001");
}

TEST(Date, DaysBetween) {
  EXPECT_EQ(days_between(ymd(2026, 11, 29), ymd(2026, 12, 1)), 2);
  EXPECT_EQ(days_between(ymd(2026, 12, 1), ymd(2026, 11, 29)), -2);
  EXPECT_EQ(days_between(ymd(2026, 11, 29), ymd(2026, 11, 29)), 0);
  EXPECT_EQ(days_between(ymd(2024, 1, 1), ymd(2025, 1, 1)), 366);
  EXPECT_EQ(days_between(ymd(2025, 1, 1), ymd(2026, 1, 1)), 365);
  EXPECT_EQ(days_between(ymd(2024, 2, 28), ymd(2024, 3, 1)), 2);
  EXPECT_EQ(days_between(ymd(2026, 2, 28), ymd(2026, 3, 1)), 1);
}

TEST(Date, AddDays) {
  EXPECT_EQ(add_days(ymd(2026, 11, 29), 3), ymd(2026, 12, 2));
  EXPECT_EQ(add_days(ymd(2026, 12, 31), 1), ymd(2027, 1, 1));
  EXPECT_EQ(add_days(ymd(2027, 1, 1), -1), ymd(2026, 12, 31));
  EXPECT_EQ(add_days(ymd(2024, 2, 28), 1), ymd(2024, 2, 29));
  EXPECT_EQ(add_days(ymd(2026, 2, 28), 1), ymd(2026, 3, 1));
  EXPECT_EQ(add_days(ymd(2026, 11, 29), 0), ymd(2026, 11, 29));
  EXPECT_EQ(add_days(ymd(2024, 1, 1), 366), ymd(2025, 1, 1));
}

TEST(Date, EveryDayOfTwentyYearsReadsBackAndFollowsTheLast) {
  const auto first = ymd(2015, 1, 1);
  for (int offset = 0; offset < 7305; ++offset) {
    const auto date = add_days(first, offset);
    ASSERT_TRUE(date.ok());
    ASSERT_EQ(parse_date(to_iso(date)).value(), date);
    ASSERT_EQ(days_between(first, date), offset);
    ASSERT_EQ(add_days(date, -offset), first);
  }
}

}  // namespace
}  // namespace hms

// Issue 15.6: a Brussels user types the day first; the import and the forms read it.
TEST(TypedDate, DayFirstOrIsoBecomesIso) {
  EXPECT_EQ(hms::iso_from_typed_date("05/09/2026"), "2026-09-05");
  EXPECT_EQ(hms::iso_from_typed_date("5/9/2026"), "2026-09-05");
  EXPECT_EQ(hms::iso_from_typed_date("05.09.2026"), "2026-09-05");
  EXPECT_EQ(hms::iso_from_typed_date("05-09-2026"), "2026-09-05");
  EXPECT_EQ(hms::iso_from_typed_date("2026-09-05"), "2026-09-05");
  // Unchecked: the day is refused later, as "this date does not exist".
  EXPECT_EQ(hms::iso_from_typed_date("31/02/2026"), "2026-02-31");
  EXPECT_TRUE(hms::names_no_day("2026-02-31"));
  EXPECT_TRUE(hms::names_no_day("2026-13-01"));
  EXPECT_FALSE(hms::names_no_day("2026-02-28"));
  EXPECT_FALSE(hms::names_no_day("2026-2-3"));
  // Not a date: none.
  for (const char* text : {"", "tomorrow", "05/09/26", "05/09-2026", "123/09/2026", "05//2026", "a5/09/2026", "05/09/20261"})
    EXPECT_FALSE(hms::iso_from_typed_date(text).has_value()) << text;
}
