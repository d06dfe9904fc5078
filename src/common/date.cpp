#include "common/date.hpp"

#include <fmt/format.h>

#include <ctime>

namespace hms {

namespace {

// The value of text[offset, offset + count) if those are all ASCII digits, else -1.
int digits_at(std::string_view text, std::size_t offset, std::size_t count) {
  int value = 0;
  for (char c : text.substr(offset, count)) {
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

Result<std::chrono::year_month_day> parse_date(std::string_view text) {
  const DomainError invalid(ErrorKind::validation, "date.invalid");
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return invalid;
  const int year = digits_at(text, 0, 4);
  const int month = digits_at(text, 5, 2);
  const int day = digits_at(text, 8, 2);
  if (year < 1 || month < 0 || day < 0) return invalid;
  const std::chrono::year_month_day date{std::chrono::year{year},
                                         std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok()) return invalid;
  return date;
}

std::optional<std::string> iso_from_typed_date(std::string_view text) {
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') return std::string(text);
  // D, M: one or two digits; then a four-digit year; one separator, the same twice.
  const auto sep = text.find_first_of("/.-");
  if (sep == std::string_view::npos || sep == 0 || sep > 2) return std::nullopt;
  const auto sep2 = text.find(text[sep], sep + 1);
  if (sep2 == std::string_view::npos || sep2 - sep - 1 < 1 || sep2 - sep - 1 > 2 || text.size() - sep2 - 1 != 4)
    return std::nullopt;
  const int day = digits_at(text, 0, sep);
  const int month = digits_at(text, sep + 1, sep2 - sep - 1);
  const int year = digits_at(text, sep2 + 1, 4);
  if (day < 0 || month < 0 || year < 0) return std::nullopt;
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

bool names_no_day(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return false;
  return digits_at(iso, 0, 4) >= 0 && digits_at(iso, 5, 2) >= 0 && digits_at(iso, 8, 2) >= 0 && !parse_date(iso);
}

std::string to_iso(std::chrono::year_month_day date) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

std::string iso_utc_time(std::int64_t seconds) {
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &tm);
  return text;
}

std::string to_belgian(std::chrono::year_month_day date) {
  return fmt::format("{:02}/{:02}/{:04}", static_cast<unsigned>(date.day()),
                     static_cast<unsigned>(date.month()), static_cast<int>(date.year()));
}

int days_between(std::chrono::year_month_day from, std::chrono::year_month_day to) {
  return static_cast<int>((std::chrono::sys_days{to} - std::chrono::sys_days{from}).count());
}

std::chrono::year_month_day add_days(std::chrono::year_month_day date, int days) {
  return std::chrono::year_month_day{std::chrono::sys_days{date} + std::chrono::days{days}};
}

std::chrono::year_month_day add_months(std::chrono::year_month_day date, int months) {
  auto later = date + std::chrono::months{months};
  if (!later.ok()) later = later.year() / later.month() / std::chrono::last;
  return later;
}

}  // namespace hms
