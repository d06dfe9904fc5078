// A rate held exactly in basis points, hundredths of a percent: an agency's management fee of
// 8,5 % is Rate::from_basis_points(850), and its share of an owner rent of 745,50 € is
// fee.apply(rent, Rounding::half_up), 63,37 €. Fees, subsidy shares and pro rata go through
// apply() with a named rounding rule. Read from text by app::fields::parse_percent; shown to
// people by web::percent_text.
#pragma once
#include <compare>
#include <cstdint>

#include "common/money.hpp"

namespace hms {

class Rate {
 public:
  constexpr Rate() = default;
  static constexpr Rate from_basis_points(std::int64_t basis_points) { return Rate(basis_points); }
  constexpr std::int64_t basis_points() const { return basis_points_; }

  // amount × rate, rounded to the cent by `rounding`, computed exactly (2,5 % of 100 € is 2,50 €).
  // Throws DomainError money.overflow if the result does not fit.
  Money apply(Money amount, Rounding rounding) const { return multiply(amount, basis_points_, 10'000, rounding); }

  friend constexpr auto operator<=>(Rate, Rate) = default;
  friend constexpr bool operator==(Rate, Rate) = default;

 private:
  constexpr explicit Rate(std::int64_t basis_points) : basis_points_(basis_points) {}

  std::int64_t basis_points_ = 0;
};

}  // namespace hms
