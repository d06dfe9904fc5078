// DateRange: half-open [start, end) semantics at both edges, open-ended ranges, overlap,
// length in days and intersection.
#include "common/date_range.hpp"

#include <gtest/gtest.h>

namespace hms {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

year_month_day ymd(int y, unsigned m, unsigned d) { return year{y} / month{m} / day{d}; }

const DateRange kYear2024(ymd(2024, 1, 1), ymd(2025, 1, 1));
const DateRange kFrom2024July(ymd(2024, 7, 1));

std::string construction_error(year_month_day start, year_month_day end) {
  try {
    DateRange(start, end);
    return "ok";
  } catch (const DomainError& error) {
    EXPECT_EQ(error.kind(), ErrorKind::validation);
    return error.code();
  }
}

TEST(DateRange, EndMustComeAfterStart) {
  EXPECT_EQ(construction_error(ymd(2024, 1, 1), ymd(2024, 1, 1)), "date_range.end_before_start");
  EXPECT_EQ(construction_error(ymd(2024, 1, 2), ymd(2024, 1, 1)), "date_range.end_before_start");
  EXPECT_EQ(construction_error(ymd(2024, 1, 1), ymd(2024, 1, 2)), "ok");
}

TEST(DateRange, Accessors) {
  EXPECT_EQ(kYear2024.start(), ymd(2024, 1, 1));
  EXPECT_EQ(kYear2024.end(), ymd(2025, 1, 1));
  EXPECT_FALSE(kYear2024.is_open_ended());
  EXPECT_TRUE(kFrom2024July.is_open_ended());
  EXPECT_EQ(kFrom2024July.end(), std::nullopt);
}

TEST(DateRange, ContainsIsHalfOpen) {
  EXPECT_TRUE(kYear2024.contains(ymd(2024, 1, 1)));
  EXPECT_TRUE(kYear2024.contains(ymd(2024, 12, 31)));
  EXPECT_FALSE(kYear2024.contains(ymd(2025, 1, 1)));
  EXPECT_FALSE(kYear2024.contains(ymd(2023, 12, 31)));
  EXPECT_TRUE(kFrom2024July.contains(ymd(2024, 7, 1)));
  EXPECT_TRUE(kFrom2024July.contains(ymd(9999, 12, 31)));
  EXPECT_FALSE(kFrom2024July.contains(ymd(2024, 6, 30)));
}

TEST(DateRange, Overlaps) {
  const DateRange year_2025(ymd(2025, 1, 1), ymd(2026, 1, 1));
  const DateRange last_day_of_2024(ymd(2024, 12, 31), ymd(2025, 1, 1));
  const DateRange from_2025(ymd(2025, 1, 1));
  EXPECT_FALSE(kYear2024.overlaps(year_2025));  // they only touch
  EXPECT_FALSE(year_2025.overlaps(kYear2024));
  EXPECT_TRUE(kYear2024.overlaps(last_day_of_2024));
  EXPECT_FALSE(last_day_of_2024.overlaps(year_2025));
  EXPECT_TRUE(kYear2024.overlaps(kFrom2024July));
  EXPECT_TRUE(kFrom2024July.overlaps(kYear2024));
  EXPECT_FALSE(kYear2024.overlaps(from_2025));
  EXPECT_TRUE(kFrom2024July.overlaps(from_2025));
  EXPECT_TRUE(kYear2024.overlaps(kYear2024));
}

TEST(DateRange, Days) {
  EXPECT_EQ(kYear2024.days(), 366);
  EXPECT_EQ(DateRange(ymd(2025, 1, 1), ymd(2026, 1, 1)).days(), 365);
  EXPECT_EQ(DateRange(ymd(2026, 11, 29), ymd(2026, 11, 30)).days(), 1);
  EXPECT_EQ(kFrom2024July.days(), std::nullopt);
}

TEST(DateRange, Intersection) {
  EXPECT_EQ(kYear2024.intersection(kFrom2024July), DateRange(ymd(2024, 7, 1), ymd(2025, 1, 1)));
  EXPECT_EQ(kFrom2024July.intersection(kYear2024), DateRange(ymd(2024, 7, 1), ymd(2025, 1, 1)));
  EXPECT_EQ(kFrom2024July.intersection(DateRange(ymd(2025, 3, 1))), DateRange(ymd(2025, 3, 1)));
  const DateRange march(ymd(2024, 3, 1), ymd(2024, 4, 1));
  EXPECT_EQ(kYear2024.intersection(march), march);
  EXPECT_EQ(march.intersection(kYear2024), march);
  const DateRange year_2025(ymd(2025, 1, 1), ymd(2026, 1, 1));
  EXPECT_EQ(kYear2024.intersection(year_2025), std::nullopt);
  EXPECT_EQ(kYear2024.intersection(DateRange(ymd(2025, 1, 1))), std::nullopt);
}

}  // namespace
}  // namespace hms
