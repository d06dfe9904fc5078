#include "common/money.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "common/text.hpp"

namespace hms {

namespace {

__extension__ typedef __int128 Int128;  // holds the exact product of two int64

constexpr std::string_view kEuroSign = "\xE2\x82\xAC";            // U+20AC
constexpr std::string_view kNoBreakSpace = "\xC2\xA0";            // U+00A0
constexpr std::string_view kNarrowNoBreakSpace = "\xE2\x80\xAF";  // U+202F
constexpr std::string_view kSpaces[] = {" ", kNoBreakSpace, kNarrowNoBreakSpace};

DomainError money_error(std::string code) {
  return DomainError(ErrorKind::validation, std::move(code));
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Byte length of the space (ASCII, no-break or narrow no-break) that `text` starts with, or 0.
std::size_t leading_space_length(std::string_view text) {
  for (auto space : kSpaces)
    if (text.starts_with(space)) return space.size();
  return 0;
}

std::size_t trailing_space_length(std::string_view text) {
  for (auto space : kSpaces)
    if (text.ends_with(space)) return space.size();
  return 0;
}

// "745,50 €" and "745.50EUR" without their currency and the spaces before it.
std::string_view without_currency(std::string_view text) {
  if (text.ends_with(kEuroSign)) {
    text.remove_suffix(kEuroSign.size());
  } else if (text.size() >= 3 && to_lower_ascii(text.substr(text.size() - 3)) == "eur") {
    text.remove_suffix(3);
  } else {
    return text;
  }
  while (const auto length = trailing_space_length(text)) text.remove_suffix(length);
  return text;
}

// True when `digits` is "1234" (no separator) or grouped by threes like "1.234.567": a first
// group of 1 to 3 digits that does not start with 0, then groups of exactly 3.
bool is_grouped(std::string_view digits, char separator) {
  auto at = digits.find(separator);
  if (at == std::string_view::npos) return true;
  if (at > 3 || digits.front() == '0') return false;
  while (at != std::string_view::npos) {
    const auto next = digits.find(separator, at + 1);
    const auto end = next == std::string_view::npos ? digits.size() : next;
    if (end - at - 1 != 3) return false;
    at = next;
  }
  return true;
}

// A normalised amount ("1.234,56") cut at its decimal separator.
struct Layout {
  std::string_view whole;     // "1.234"
  std::string_view fraction;  // "56"; empty when there is no decimal separator
  char thousands;             // the separator allowed in `whole`
};

// Decides which of '.' and ',' is the decimal separator; ' ' is only ever a thousands one.
Result<Layout> find_layout(std::string_view body) {
  const auto dots = std::count(body.begin(), body.end(), '.');
  const auto commas = std::count(body.begin(), body.end(), ',');
  const bool spaces = body.find(' ') != std::string_view::npos;
  // 1. Neither: a whole number, maybe grouped by spaces.
  if (dots + commas == 0) return Layout{body, {}, ' '};
  // 2. Both: the last one is the decimal separator, the other groups thousands.
  if (dots > 0 && commas > 0) {
    const auto at = std::max(body.rfind('.'), body.rfind(','));
    const char decimal = body[at];
    if ((decimal == '.' ? dots : commas) > 1 || spaces) return money_error("money.invalid");
    return Layout{body.substr(0, at), body.substr(at + 1), decimal == '.' ? ',' : '.'};
  }
  // 3. One kind, several times ("1.234.567"): thousands separators.
  const char mark = dots > 0 ? '.' : ',';
  if (dots + commas > 1) {
    if (spaces) return money_error("money.invalid");
    return Layout{body, {}, mark};
  }
  // 4. One kind, once: the decimal separator, unless "1.234" could also be a whole number.
  const auto at = body.find(mark);
  const auto fraction = body.substr(at + 1);
  if (fraction.find(' ') != std::string_view::npos) return money_error("money.invalid");
  if (fraction.size() == 3 && !spaces && is_grouped(body, mark)) {
    return money_error("money.ambiguous");
  }
  return Layout{body.substr(0, at), fraction, ' '};
}

// Appends |cents| as "1.234,56": thousands groups joined by `thousands`, then two decimals.
void append_magnitude(std::string& out, std::int64_t cents, std::string_view thousands,
                      char decimal) {
  const auto magnitude =
      cents < 0 ? 0 - static_cast<std::uint64_t>(cents) : static_cast<std::uint64_t>(cents);
  const auto whole = std::to_string(magnitude / 100);
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) out += thousands;
    out += whole[i];
  }
  out += decimal;
  out += static_cast<char>('0' + magnitude % 100 / 10);
  out += static_cast<char>('0' + magnitude % 10);
}

}  // namespace

Result<Money> Money::parse(std::string_view text) {
  // 1. Surrounding whitespace, a trailing currency and a leading minus are set aside.
  text = trim(text);
  if (text.empty()) return money_error("money.empty");
  text = without_currency(text);
  const bool negative = text.starts_with('-');
  if (negative) text.remove_prefix(1);

  // 2. Normalise to digits, '.', ',' and ' ' (any of the three spaces). A separator must sit
  //    between two digits.
  std::string body;
  body.reserve(text.size());
  while (!text.empty()) {
    const char c = text.front();
    if (is_digit(c) || c == '.' || c == ',') {
      body += c;
      text.remove_prefix(1);
    } else if (const auto length = leading_space_length(text)) {
      body += ' ';
      text.remove_prefix(length);
    } else {
      return money_error("money.invalid");
    }
  }
  if (body.empty() || !is_digit(body.front()) || !is_digit(body.back())) {
    return money_error("money.invalid");
  }
  for (std::size_t i = 1; i < body.size(); ++i) {
    if (!is_digit(body[i]) && !is_digit(body[i - 1])) return money_error("money.invalid");
  }

  // 3. Find the decimal separator; check the grouping of thousands and the number of decimals.
  auto layout = find_layout(body);
  if (!layout) return layout.error();
  const auto [whole, fraction, thousands] = layout.value();
  if (!is_grouped(whole, thousands)) return money_error("money.invalid");
  if (fraction.size() > 2) return money_error("money.too_many_decimals");

  // 4. Accumulate the cents; the magnitude of a negative amount may reach 2^63.
  std::uint64_t magnitude = 0;
  bool overflow = false;
  const auto push_digit = [&](char digit) {
    overflow = overflow || __builtin_mul_overflow(magnitude, 10u, &magnitude) ||
               __builtin_add_overflow(magnitude, static_cast<unsigned>(digit - '0'), &magnitude);
  };
  for (char c : whole)
    if (is_digit(c)) push_digit(c);
  push_digit(fraction.size() > 0 ? fraction[0] : '0');
  push_digit(fraction.size() > 1 ? fraction[1] : '0');
  const std::uint64_t limit =
      static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + (negative ? 1 : 0);
  if (overflow || magnitude > limit) return money_error("money.overflow");
  return from_cents(static_cast<std::int64_t>(negative ? 0 - magnitude : magnitude));
}

std::string Money::format_plain() const {
  std::string out = cents_ < 0 ? "-" : "";
  append_magnitude(out, cents_, "", '.');
  return out;
}

std::string Money::format_belgian() const {
  std::string out = cents_ < 0 ? "-" : "";
  append_magnitude(out, cents_, ".", ',');
  out += kNoBreakSpace;
  out += kEuroSign;
  return out;
}

std::string Money::format_english() const {
  std::string out = cents_ < 0 ? "-" : "";
  out += kEuroSign;
  append_magnitude(out, cents_, ",", '.');
  return out;
}

void Money::throw_overflow() { throw money_error("money.overflow"); }

Money multiply(Money amount, std::int64_t numerator, std::int64_t denominator, Rounding rounding) {
  if (denominator == 0) throw std::invalid_argument("multiply: denominator is 0");
  // 1. The exact product, over a positive divisor.
  Int128 product = static_cast<Int128>(amount.cents()) * numerator;
  Int128 divisor = denominator;
  if (divisor < 0) {
    product = -product;
    divisor = -divisor;
  }
  // 2. Truncate towards zero, then move one cent away from zero when the rule says so.
  Int128 quotient = product / divisor;
  const Int128 remainder = product % divisor;
  const Int128 twice_remainder = 2 * (remainder < 0 ? -remainder : remainder);
  const int away = product < 0 ? -1 : 1;
  switch (rounding) {
    case Rounding::half_away_from_zero:
      if (twice_remainder >= divisor) quotient += away;
      break;
    case Rounding::half_up:
      if (product < 0 ? twice_remainder > divisor : twice_remainder >= divisor) quotient += away;
      break;
    case Rounding::down:
      break;
  }
  // 3. The result must fit in int64 cents.
  if (quotient < std::numeric_limits<std::int64_t>::min() ||
      quotient > std::numeric_limits<std::int64_t>::max()) {
    throw money_error("money.overflow");
  }
  return Money::from_cents(static_cast<std::int64_t>(quotient));
}

}  // namespace hms
