// Dates in columns: stored as 'YYYY-MM-DD' text on both databases, read back as calendar dates.
#pragma once
#include <chrono>
#include <optional>

#include "common/date.hpp"
#include "storage/db/database.hpp"

namespace hms::db {

// The date in column i, or none when it is NULL.
inline std::optional<std::chrono::year_month_day> opt_date(const Row& r, std::size_t i) {
  auto t = r.opt_text(i);
  if (!t) return std::nullopt;
  return parse_date(*t).value();
}

// A date as a parameter: its ISO text, or NULL when there is none.
inline Value nullable(const std::optional<std::chrono::year_month_day>& d) { return d ? Value(to_iso(*d)) : Value(); }

}  // namespace hms::db
