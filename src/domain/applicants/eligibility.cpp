#include "domain/applicants/eligibility.hpp"

#include <charconv>
#include <vector>

#include "common/error.hpp"
#include "common/text.hpp"

namespace hms::applicants {
namespace {

DomainError invalid(int line, const std::string& reason) {
  return DomainError(ErrorKind::validation, "eligibility.invalid_table")
      .param("line", std::to_string(line))
      .param("reason", reason);
}

}  // namespace

std::string_view to_string(Band b) {
  switch (b) {
    case Band::eligible: return "eligible";
    case Band::moderate: return "moderate";
    case Band::middle: return "middle";
    case Band::above: return "above";
  }
  return "";
}

std::string_view to_string(Composition c) {
  switch (c) {
    case Composition::single: return "single";
    case Composition::one_income: return "one_income";
    case Composition::two_or_more_incomes: return "two_or_more_incomes";
  }
  return "";
}

AdmissionIncomeTable AdmissionIncomeTable::parse_csv(std::string_view csv) {
  AdmissionIncomeTable t;
  const auto lines = split(csv, '\n');
  for (std::size_t n = 1; n < lines.size(); ++n) {  // lines[0] is the header
    const int line_no = static_cast<int>(n) + 1;
    std::string_view line = lines[n];
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    auto f = split(line, ',');
    if (f.size() < 8) throw invalid(line_no, "expected 8 columns");
    AdmissionIncomes a;
    if (std::from_chars(f[0].data(), f[0].data() + f[0].size(), a.year).ec != std::errc() || a.year < 1990)
      throw invalid(line_no, "year");
    Money* amounts[] = {&a.single, &a.household_one_income, &a.household_two_or_more_incomes, &a.per_dependent_child,
                        &a.per_disabled_adult};
    for (std::size_t i = 0; i < 5; ++i) {
      auto m = Money::parse(f[i + 1]);
      if (!m || m.value() <= Money::zero()) throw invalid(line_no, "amount in column " + std::to_string(i + 2));
      *amounts[i] = m.value();
    }
    a.status = std::string(f[6]);
    a.source = std::string(f[7]);
    for (std::size_t i = 8; i < f.size(); ++i) a.source += "," + std::string(f[i]);
    if (t.years_.contains(a.year)) throw invalid(line_no, "year given twice");
    t.years_.emplace(a.year, a);
  }
  return t;
}

const AdmissionIncomes& AdmissionIncomeTable::year(int y) const {
  auto it = years_.find(y);
  if (it == years_.end() || it->second.status.rfind("verified", 0) != 0) {
    std::string known;
    for (const auto& [year, a] : years_)
      if (a.status.rfind("verified", 0) == 0) known += (known.empty() ? "" : ", ") + std::to_string(year);
    throw DomainError(ErrorKind::validation, "eligibility.year_unknown")
        .param("year", std::to_string(y))
        .param("known", known)
        .field("year");
  }
  return it->second;
}

Eligibility assess(const AdmissionIncomes& t, const Household& h, Money income) {
  auto bad = [](const char* field) {
    return DomainError(ErrorKind::validation, "eligibility.invalid_household").field(field);
  };
  Problems problems;
  if (h.adults < 1 || h.adults > 20) problems.add(bad("adults"));
  if (h.incomes < 0 || h.incomes > h.adults) problems.add(bad("incomes"));
  if (h.children < 0 || h.children > 30) problems.add(bad("children"));
  if (h.disabled_children < 0 || h.disabled_children > h.children) problems.add(bad("disabled_children"));
  if (h.disabled_adults < 0 || h.disabled_adults > h.adults) problems.add(bad("disabled_adults"));
  if (income < Money::zero())
    problems.add(DomainError(ErrorKind::validation, "eligibility.negative_income").field("income"));
  problems.throw_if_any();

  // 1. The composition: one adult without children is a single person; otherwise by incomes.
  Eligibility e;
  Money base;
  if (h.adults == 1 && h.children == 0) {
    e.composition = Composition::single;
    base = t.single;
  } else if (h.incomes >= 2) {
    e.composition = Composition::two_or_more_incomes;
    base = t.household_two_or_more_incomes;
  } else {
    e.composition = Composition::one_income;
    base = t.household_one_income;
  }
  // 2. The ceiling: + per dependent child (a disabled one counts twice), + per disabled adult.
  e.ceiling = base + multiply(t.per_dependent_child, h.children + h.disabled_children, 1, Rounding::half_up) +
              multiply(t.per_disabled_adult, h.disabled_adults, 1, Rounding::half_up);
  // 3. The ratio (shown rounded) and the band (compared exactly, in cents).
  __extension__ typedef __int128 Wide;
  const Wide in = income.cents(), ceil = e.ceiling.cents();
  e.ratio_percent_hundredths = static_cast<std::int64_t>((in * 20000 + ceil) / (2 * ceil));
  e.ratio_hundredths = static_cast<std::int64_t>((in * 200 + ceil) / (2 * ceil));
  if (in <= ceil) e.band = Band::eligible;
  else if (2 * in <= 3 * ceil) e.band = Band::moderate;
  else if (in <= 2 * ceil) e.band = Band::middle;
  else e.band = Band::above;
  return e;
}

}  // namespace hms::applicants
