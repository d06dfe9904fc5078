#include "formats/cells.hpp"

#include <charconv>
#include <stdexcept>
#include <system_error>

#include "common/date.hpp"
#include "common/money.hpp"

namespace hms::formats::cells {

namespace {

[[noreturn]] void bad_cell(std::string_view text, const Column& column, const char* expected) {
  throw std::invalid_argument("formats: column \"" + column.title + "\" expects " + expected +
                              ", got \"" + std::string(text) + "\"");
}

}  // namespace

std::int64_t parse_integer(std::string_view text, const Column& column) {
  std::int64_t value = 0;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  const auto [end, error] = std::from_chars(first, last, value);
  if (text.empty() || text[0] == '+' || error != std::errc{} || end != last)
    bad_cell(text, column, "an integer");
  return value;
}

std::chrono::year_month_day parse_day(std::string_view text, const Column& column) {
  const auto date = parse_date(text);
  if (!date) bad_cell(text, column, "a date YYYY-MM-DD");
  return date.value();
}

std::string money_decimal_comma(std::int64_t cents) {
  std::string text = Money::from_cents(cents).format_plain();
  for (char& c : text)
    if (c == '.') c = ',';
  return text;
}

bool looks_like_formula(std::string_view text) {
  if (text.empty()) return false;
  const char c = text.front();
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

}  // namespace hms::formats::cells
