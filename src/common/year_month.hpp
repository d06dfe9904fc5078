// A calendar month used as a rent period: the rent for November 2026 is owed for
// YearMonth(2026, 11), written "2026-11", which runs from 2026-11-01 to 2026-11-30.
// Years run from 1 to 9999, like dates (common/date.hpp).
#pragma once
#include <chrono>
#include <compare>
#include <string>
#include <string_view>

#include "common/error.hpp"

namespace hms {

class YearMonth {
 public:
  // Throws DomainError(validation, "year_month.invalid") unless 1 <= month <= 12 and
  // 1 <= year <= 9999.
  YearMonth(int year, int month);
  // Exactly "YYYY-MM"; code year_month.invalid.
  static Result<YearMonth> parse(std::string_view text);
  // The month a valid date falls in: 2026-11-29 gives 2026-11.
  static YearMonth of(std::chrono::year_month_day date);

  int year() const { return index_ / 12; }
  int month() const { return index_ % 12 + 1; }
  // "2026-11".
  std::string to_string() const;

  YearMonth next() const { return plus_months(1); }
  YearMonth previous() const { return plus_months(-1); }
  // 2026-11 plus 3 is 2027-02; `months` may be negative. Throws like the constructor when the
  // result leaves years 1..9999.
  YearMonth plus_months(int months) const;

  std::chrono::year_month_day first_day() const;
  std::chrono::year_month_day last_day() const;
  bool contains(std::chrono::year_month_day date) const;

  // Months from `from` to `to`: from 2026-01 to 2026-11 is 10; negative if to < from.
  friend int months_between(YearMonth from, YearMonth to) { return to.index_ - from.index_; }
  friend auto operator<=>(YearMonth, YearMonth) = default;
  friend bool operator==(YearMonth, YearMonth) = default;

 private:
  int index_;  // year * 12 + month - 1
};

}  // namespace hms
