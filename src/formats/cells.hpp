// The cells of an exported list, checked against their column's kind and put in the form each
// writer needs: "74550" in a money column is 74550 cents, shown "745,50" in CSV and written
// as the number 745.5 in XLSX. Internal to the formats library.
#pragma once
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "formats/table.hpp"

namespace hms::formats::cells {

// "-12" gives -12. Only an optional '-' and ASCII digits; anything else, or a value outside
// int64, throws std::invalid_argument naming the column.
std::int64_t parse_integer(std::string_view text, const Column& column);

// "2026-11-29"; anything else throws std::invalid_argument naming the column.
std::chrono::year_month_day parse_day(std::string_view text, const Column& column);

// 74550 gives "745,50", -5 gives "-0,05": decimal comma, no thousands separator.
std::string money_decimal_comma(std::int64_t cents);

// True if a spreadsheet would read `text` as a formula: it starts with = + - @ tab or CR.
bool looks_like_formula(std::string_view text);

}  // namespace hms::formats::cells
