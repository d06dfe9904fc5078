// Calendar dates are std::chrono::year_month_day; these helpers read and write them. A lease
// signed on 29 November 2026 is parse_date("2026-11-29"), shown as "29/11/2026" to a Brussels
// reader. Years run from 0001 to 9999 so that every date has a four-digit ISO form.
#pragma once
#include <cstdint>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.hpp"

namespace hms {

// Exactly "YYYY-MM-DD" naming a day that exists ("2026-02-29" does not); code date.invalid.
Result<std::chrono::year_month_day> parse_date(std::string_view text);

// A date as a Brussels reader types it, day first: "05/09/2026", "5/9/2026", "05.09.2026" or
// "05-09-2026" — or the ISO "2026-09-05". Its ISO text, unchecked ("31/02/2026" gives
// "2026-02-31", which parse_date then refuses), or none when it is neither shape. The import and
// the forms read typed dates through it; the API keeps to YYYY-MM-DD (contract A).
std::optional<std::string> iso_from_typed_date(std::string_view text);

// True for "YYYY-MM-DD" digits whose day does not exist ("2026-02-31", "2026-13-01"): the
// message is then "this date does not exist" rather than "write a date".
bool names_no_day(std::string_view iso);

// "2026-11-29".
std::string to_iso(std::chrono::year_month_day date);

// "2026-03-05T10:15:00", the UTC time of seconds since 1970.
std::string iso_utc_time(std::int64_t seconds);

// "29/11/2026".
std::string to_belgian(std::chrono::year_month_day date);

// Days from `from` to `to`: days_between(2026-11-29, 2026-12-01) is 2; negative if to < from.
int days_between(std::chrono::year_month_day from, std::chrono::year_month_day to);

// add_days(2026-11-29, 3) is 2026-12-02; `days` may be negative.
std::chrono::year_month_day add_days(std::chrono::year_month_day date, int days);

// add_months(2026-08-31, 6) is 2027-02-28: the same day `months` later, or the last day of that
// month when the day does not exist in it.
std::chrono::year_month_day add_months(std::chrono::year_month_day date, int months);

}  // namespace hms
