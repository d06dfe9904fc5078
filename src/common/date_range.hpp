// A half-open span of days [start, end), or [start, ...) when the end is not known yet.
// A contract from 2024-01-01 to 2025-01-01 covers all of 2024 (366 days) and not 2025-01-01;
// a lease with no end date covers every day from its start.
#pragma once
#include <algorithm>
#include <chrono>
#include <optional>

#include "common/error.hpp"

namespace hms {

class DateRange {
 public:
  // Throws DomainError(validation, "date_range.end_before_start") unless start < end.
  explicit DateRange(std::chrono::year_month_day start,
                     std::optional<std::chrono::year_month_day> end = std::nullopt)
      : start_(start), end_(end) {
    if (end_ && *end_ <= start_) {
      throw DomainError(ErrorKind::validation, "date_range.end_before_start");
    }
  }

  std::chrono::year_month_day start() const { return start_; }
  // The first day no longer covered; empty when open-ended.
  std::optional<std::chrono::year_month_day> end() const { return end_; }
  bool is_open_ended() const { return !end_; }

  bool contains(std::chrono::year_month_day date) const {
    return start_ <= date && (!end_ || date < *end_);
  }

  // True when at least one day is in both.
  bool overlaps(const DateRange& other) const {
    return (!other.end_ || start_ < *other.end_) && (!end_ || other.start_ < *end_);
  }

  // The number of days covered; empty when open-ended.
  std::optional<int> days() const {
    if (!end_) return std::nullopt;
    return static_cast<int>((std::chrono::sys_days{*end_} - std::chrono::sys_days{start_}).count());
  }

  // The days in both; empty when they do not overlap.
  std::optional<DateRange> intersection(const DateRange& other) const {
    if (!overlaps(other)) return std::nullopt;
    auto end = end_ ? end_ : other.end_;
    if (end_ && other.end_) end = std::min(*end_, *other.end_);
    return DateRange(std::max(start_, other.start_), end);
  }

  friend bool operator==(const DateRange&, const DateRange&) = default;

 private:
  std::chrono::year_month_day start_;
  std::optional<std::chrono::year_month_day> end_;
};

}  // namespace hms
