// Eligibility of a household against the admission income of social housing for a year
// (domain-research.md §4.2; rules/admission-incomes.csv): the ceiling for the household's
// composition, the ratio of its income to it, and the band: eligible (≤ 100 %), moderate
// (≤ 150 %), middle (≤ 200 %, over-indebtedness), above. A disabled dependent child counts as
// two children. E.g. 2024, two adults with two incomes and two children:
// 34,919.57 + 2 × 2,618.96 = 40,157.49; an income of 45,000.00 is 112 %: moderate.
#pragma once
#include <map>
#include <string>
#include <string_view>

#include "common/money.hpp"

namespace hms::applicants {

struct AdmissionIncomes {
  int year = 0;
  Money single;                         // one adult, no dependent child
  Money household_one_income;
  Money household_two_or_more_incomes;
  Money per_dependent_child;
  Money per_disabled_adult;
  std::string status;                   // "verified", "verified-old"
  std::string source;
};

class AdmissionIncomeTable {
 public:
  // Columns year,single,household_one_income,household_two_or_more_incomes,per_dependent_child,
  // per_disabled_adult,status,source. DomainError(validation, "eligibility.invalid_table").
  static AdmissionIncomeTable parse_csv(std::string_view csv);
  // DomainError(validation, "eligibility.year_unknown") with the years known, for a year
  // without a verified table: never extrapolated.
  const AdmissionIncomes& year(int year) const;
  const std::map<int, AdmissionIncomes>& years() const { return years_; }
  void add(AdmissionIncomes year) { years_.insert_or_assign(year.year, std::move(year)); }

 private:
  std::map<int, AdmissionIncomes> years_;
};

struct Household {
  int adults = 1;
  int incomes = 1;             // adults with an income
  int children = 0;            // all dependent children
  int disabled_children = 0;   // of whom disabled (each counts as two)
  int disabled_adults = 0;
};

enum class Band { eligible, moderate, middle, above };
std::string_view to_string(Band b);

enum class Composition { single, one_income, two_or_more_incomes };
std::string_view to_string(Composition c);

struct Eligibility {
  Money ceiling;
  Composition composition = Composition::single;
  std::int64_t ratio_percent_hundredths = 0;  // income / ceiling, in hundredths of a percent, half up (112.06 % → 11206)
  std::int64_t ratio_hundredths = 0;          // income / ceiling to two decimals, rounded once, half up (1.12 → 112)
  Band band = Band::eligible;
  double ratio() const { return static_cast<double>(ratio_hundredths) / 100.0; }  // 1.12, as the contract shows it
};

// DomainError(validation): eligibility.invalid_household (field of the count at fault),
// eligibility.negative_income.
Eligibility assess(const AdmissionIncomes& table, const Household& household, Money income);

}  // namespace hms::applicants
