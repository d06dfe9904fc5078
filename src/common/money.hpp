// An amount of euros held exactly as int64 cents: a rent of 745,50 € is Money::from_cents(74550).
// Money adds, subtracts and compares; multiplying by a rate (indexation, a subsidy share) goes
// through multiply() or Rate::apply() with a named rounding rule. Overflow throws, never wraps.
#pragma once
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/error.hpp"

namespace hms {

// How a result between two cents is rounded.
enum class Rounding {
  half_away_from_zero,  // 0.5 -> 1, -0.5 -> -1
  half_up,              // towards +inf at .5: 0.5 -> 1, -0.5 -> 0
  down                  // towards zero: 0.99 -> 0, -0.99 -> 0
};

class Money {
 public:
  constexpr Money() = default;
  static constexpr Money from_cents(std::int64_t cents) { return Money(cents); }
  static constexpr Money zero() { return Money(); }
  constexpr std::int64_t cents() const { return cents_; }

  // Reads an amount typed by a person or found in a file: "745", "745,50", "1.234,56",
  // "1 234,56", "1,234.56", "-12.5", "745,50 €", "745.50EUR". Error codes: money.empty,
  // money.invalid, money.ambiguous ("1.234"), money.too_many_decimals, money.overflow.
  static Result<Money> parse(std::string_view text);

  // "1234.56", "-0.05": the contract format of files and APIs.
  std::string format_plain() const;
  // "1.234,56 €" with a no-break space (U+00A0) before the euro sign.
  std::string format_belgian() const;
  // "€1,234.56", "-€0.05".
  std::string format_english() const;

  friend Money operator+(Money a, Money b) {
    Money sum;
    if (__builtin_add_overflow(a.cents_, b.cents_, &sum.cents_)) throw_overflow();
    return sum;
  }
  friend Money operator-(Money a, Money b) {
    Money difference;
    if (__builtin_sub_overflow(a.cents_, b.cents_, &difference.cents_)) throw_overflow();
    return difference;
  }
  friend Money operator-(Money a) { return zero() - a; }
  Money& operator+=(Money other) { return *this = *this + other; }
  Money& operator-=(Money other) { return *this = *this - other; }

  friend constexpr auto operator<=>(Money, Money) = default;
  friend constexpr bool operator==(Money, Money) = default;

 private:
  constexpr explicit Money(std::int64_t cents) : cents_(cents) {}
  [[noreturn]] static void throw_overflow();

  std::int64_t cents_ = 0;
};

// amount × numerator / denominator, rounded to the cent by `rounding`, computed exactly.
// Example: indexing a rent of 700 € by 121.34/118.20 is multiply(rent, 12134, 11820, rounding).
// Throws DomainError money.overflow if the result does not fit, std::invalid_argument if
// the denominator is 0.
Money multiply(Money amount, std::int64_t numerator, std::int64_t denominator, Rounding rounding);

}  // namespace hms
