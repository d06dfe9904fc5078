#include "app/fields/fields.hpp"

#include <limits>

#include "common/date.hpp"

namespace hms::app::fields {

namespace {

__extension__ typedef __int128 Int128;  // holds the magnitude of any int64 with its sign

DomainError refused(const std::string& code) { return DomainError(ErrorKind::validation, code); }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::chrono::year_month_day parse_date(std::string_view text, const std::string& code) {
  auto date = hms::parse_date(trim(text));
  if (!date) throw refused(code);
  return date.value();
}

std::string iso_of_typed_date(std::string_view text, bool* no_such_day) {
  const auto typed = trim(text);
  auto iso = iso_from_typed_date(typed);
  if (no_such_day) *no_such_day = iso && names_no_day(*iso);
  return iso ? *iso : std::string(typed);
}

std::int64_t parse_int(std::string_view text, std::int64_t min, std::int64_t max, const std::string& code) {
  text = trim(text);
  const bool negative = text.starts_with('-');
  if (negative) text.remove_prefix(1);
  if (text.empty()) throw refused(code);
  std::uint64_t magnitude = 0;
  for (char c : text)
    if (!is_digit(c) || __builtin_mul_overflow(magnitude, 10u, &magnitude) ||
        __builtin_add_overflow(magnitude, static_cast<unsigned>(c - '0'), &magnitude))
      throw refused(code);
  const Int128 value = negative ? -static_cast<Int128>(magnitude) : static_cast<Int128>(magnitude);
  if (value < min || value > max) throw refused(code);
  return static_cast<std::int64_t>(value);
}

Money parse_money(std::string_view text, const std::string& code) {
  auto amount = Money::parse(trim(text));
  if (!amount) throw refused(code);
  return amount.value();
}

bool parse_yes_no(std::string_view text, const std::string& code) {
  const std::string word = to_lower_ascii(trim(text));
  for (const char* yes : {"yes", "true", "1", "oui", "ja", "on"})
    if (word == yes) return true;
  for (const char* no : {"no", "false", "0", "non", "nee", "off"})
    if (word == no) return false;
  throw refused(code);
}

Rate parse_percent(std::string_view text, const std::string& code) {
  // 1. Without surrounding whitespace and a trailing '%' (and the whitespace before it).
  text = trim(text);
  if (text.ends_with('%')) text = trim(text.substr(0, text.size() - 1));
  // 2. Whole percents up to 9999, then at most two decimals after the first '.' or ','.
  std::int64_t whole = 0, fraction = 0;
  int digits = 0, decimals = -1;
  for (char c : text) {
    if ((c == ',' || c == '.') && decimals < 0) {
      decimals = 0;
    } else if (is_digit(c) && decimals < 0 && whole < 1000) {
      whole = whole * 10 + (c - '0');
      ++digits;
    } else if (is_digit(c) && decimals >= 0 && decimals < 2) {
      fraction = fraction * 10 + (c - '0');
      ++decimals;
      ++digits;
    } else {
      throw refused(code);
    }
  }
  if (digits == 0) throw refused(code);  // "", "%", "." and "," are no percentage
  if (decimals == 1) fraction *= 10;
  return Rate::from_basis_points(whole * 100 + fraction);
}

std::optional<std::int64_t> id_or_none(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  try {
    return parse_int(*text, 1, std::numeric_limits<std::int64_t>::max(), "common.invalid_id");
  } catch (const DomainError&) {
    return std::nullopt;
  }
}

}  // namespace hms::app::fields
