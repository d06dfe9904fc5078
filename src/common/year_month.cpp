#include "common/year_month.hpp"

#include <fmt/format.h>

#include "common/date.hpp"

namespace hms {

namespace {

constexpr int kFirstYear = 1;
constexpr int kLastYear = 9999;

DomainError invalid() { return DomainError(ErrorKind::validation, "year_month.invalid"); }

int checked_index(int year, int month) {
  if (year < kFirstYear || year > kLastYear || month < 1 || month > 12) throw invalid();
  return year * 12 + month - 1;
}

}  // namespace

YearMonth::YearMonth(int year, int month) : index_(checked_index(year, month)) {}

Result<YearMonth> YearMonth::parse(std::string_view text) {
  if (text.size() != 7) return invalid();
  // "2026-11" is valid exactly when "2026-11-01" is a valid date.
  auto first_day = parse_date(std::string(text) + "-01");
  if (!first_day) return invalid();
  return of(first_day.value());
}

YearMonth YearMonth::of(std::chrono::year_month_day date) {
  return YearMonth(static_cast<int>(date.year()),
                   static_cast<int>(static_cast<unsigned>(date.month())));
}

std::string YearMonth::to_string() const { return fmt::format("{:04}-{:02}", year(), month()); }

YearMonth YearMonth::plus_months(int months) const {
  const long long index = static_cast<long long>(index_) + months;
  if (index < kFirstYear * 12 || index > kLastYear * 12 + 11) throw invalid();
  return YearMonth(static_cast<int>(index / 12), static_cast<int>(index % 12) + 1);
}

std::chrono::year_month_day YearMonth::first_day() const {
  return std::chrono::year{year()} / std::chrono::month{static_cast<unsigned>(month())} /
         std::chrono::day{1};
}

std::chrono::year_month_day YearMonth::last_day() const {
  return std::chrono::year_month_day{std::chrono::year{year()} /
                                     std::chrono::month{static_cast<unsigned>(month())} /
                                     std::chrono::last};
}

bool YearMonth::contains(std::chrono::year_month_day date) const {
  return date.year() == std::chrono::year{year()} &&
         date.month() == std::chrono::month{static_cast<unsigned>(month())};
}

}  // namespace hms
