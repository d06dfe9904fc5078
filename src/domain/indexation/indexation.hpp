// Brussels indexation of a residential lease rent (Housing Code art. 224/2; reference:
// finance-formats.md §6): new rent = base rent × new index / starting index, where the
// starting index is the health index of the month before the lease was signed and the new
// index that of the month before the anniversary month of its entry into force; with the
// energy-certificate (PEB) limitation of 14 Oct 2022 – 13 Oct 2023 and, from 14 Oct 2023, the
// permanent correction factor for leases in force before 14 Oct 2022 of class E, F or G.
// Rounded once, to the cent, half up. Every result carries its steps, ready for a letter.
// E.g. 650.00, signed 2021-01-15, in force 2021-02-01, class C, on 2025-02-01:
//   650.00 × 135.52 (2025-01) / 109.88 (2020-12) = 801.67.
#pragma once
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/money.hpp"
#include "domain/indexation/health_index.hpp"

namespace hms::indexation {

enum class Regime {
  standard,                  // the plain formula
  limitation_2022,           // anniversary between 14 Oct 2022 and 13 Oct 2023: by PEB class
  correction_factor,         // from 14 Oct 2023, lease in force before 14 Oct 2022, class E, F or G
  unregistered,              // no indexation for an unregistered lease
  no_certificate,            // no indexation without an energy certificate
  before_first_anniversary,  // nothing to index yet
};
std::string_view to_string(Regime r);

struct Request {
  Money base_rent;                          // the rent stated in the lease, without charges
  std::chrono::year_month_day signed_on;    // gives the starting index
  std::chrono::year_month_day start;        // entry into force: gives the anniversaries
  std::chrono::year_month_day on;           // the date asked for: the last anniversary on or before it applies
  bool certificate = true;                  // an energy certificate was given to the tenant
  std::optional<char> peb;                  // its class 'A'…'G'; none: not said — taken as not limiting (A–D), and said so in the steps
  bool registered = true;
};

// One line of the explanation: a catalog key ("indexation.step.new_index") and its values.
// A note (`note` true) is a remark for the staff on the quality of a source or an input not
// given ("the index of 2026-05 comes from a single secondary source"), not a step of the
// calculation: shown in the preview and the calculators, never printed in a letter.
struct Step {
  std::string key;
  std::map<std::string, std::string> params;
  bool note = false;
};

struct Result {
  Money rent;                                          // the rent due from the anniversary on
  Regime regime = Regime::standard;
  std::optional<IndexValue> base_index;                // none when nothing is indexed
  std::optional<IndexValue> new_index;
  std::optional<std::chrono::year_month_day> anniversary;
  std::int64_t factor_numerator = 1;                   // the factor applied to base × new / start
  std::int64_t factor_denominator = 1;
  double factor() const { return static_cast<double>(factor_numerator) / static_cast<double>(factor_denominator); }
  std::vector<Step> steps;
};

// The limitation period and the correction factor's scope (ordinances of 7 Oct 2022 and 13 Oct 2023).
inline constexpr std::chrono::year_month_day kLimitationFirstDay{std::chrono::year{2022}, std::chrono::October, std::chrono::day{14}};
inline constexpr std::chrono::year_month_day kLimitationLastDay{std::chrono::year{2023}, std::chrono::October, std::chrono::day{13}};

// Throws DomainError(validation): indexation.invalid_peb, indexation.on_before_start,
// indexation.negative_rent, and indexation.index_unknown when an index needed is not published.
Result index_rent(const HealthIndex& index, const Request& request);

// The n-th anniversary of `start` (n = 0: start itself); 29 February falls on the 28th in other years.
std::chrono::year_month_day anniversary(std::chrono::year_month_day start, int n);

}  // namespace hms::indexation
