// Eligibility against the admission income of Brussels social housing (domain-research.md §4.2,
// rules/admission-incomes.csv, contract C): the household's composition and ceiling, the ratio
// and the band at each boundary (exactly at 100 %, 150 %, 200 % and one cent above), the years
// known, and invalid households. Each ceiling writes its arithmetic from the table.
#include "domain/applicants/eligibility.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <string>

#include "app/rules/reference_data.hpp"
#include "common/error.hpp"

namespace hms::applicants {
namespace {

Money money(const char* text) { return Money::parse(text).value(); }

const AdmissionIncomes& year(int y) { return app::shipped_admission_incomes().year(y); }

Eligibility assess_2024(Household h, const char* income) { return assess(year(2024), h, money(income)); }

std::optional<DomainError> error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const DomainError& e) {
    return e;
  }
  return std::nullopt;
}

// ---- Ceilings by composition ------------------------------------------------------------------

TEST(Eligibility, ContractExample) {
  // 2024, two adults with two incomes, two children: 34,919.57 + 2 × 2,618.96 = 40,157.49.
  // 45,000.00 / 40,157.49 = 1.12058… → 112.06 % (1.12 shown): moderate.
  const auto e = assess_2024({.adults = 2, .incomes = 2, .children = 2}, "45000");
  EXPECT_EQ(e.ceiling.format_plain(), "40157.49");
  EXPECT_EQ(e.composition, Composition::two_or_more_incomes);
  EXPECT_EQ(e.ratio_percent_hundredths, 11206);
  EXPECT_EQ(e.ratio_hundredths, 112);
  EXPECT_DOUBLE_EQ(e.ratio(), 1.12) << "the contract shows the ratio rounded once to two decimals";
  EXPECT_EQ(e.band, Band::moderate);
}

TEST(Eligibility, SinglePersonVersusOneAdultWithAChild) {
  // One adult, no child: a single person, 27,499.10.
  auto e = assess_2024({.adults = 1, .incomes = 1, .children = 0}, "20000");
  EXPECT_EQ(e.composition, Composition::single);
  EXPECT_EQ(e.ceiling.format_plain(), "27499.10");
  // Without an income, still a single person.
  EXPECT_EQ(assess_2024({.adults = 1, .incomes = 0, .children = 0}, "0").composition, Composition::single);
  // One adult with one child: a household with one income, 30,554.58 + 2,618.96 = 33,173.54.
  e = assess_2024({.adults = 1, .incomes = 1, .children = 1}, "20000");
  EXPECT_EQ(e.composition, Composition::one_income);
  EXPECT_EQ(e.ceiling.format_plain(), "33173.54");
  // Two adults, one income, no child: 30,554.58.
  e = assess_2024({.adults = 2, .incomes = 1, .children = 0}, "20000");
  EXPECT_EQ(e.composition, Composition::one_income);
  EXPECT_EQ(e.ceiling.format_plain(), "30554.58");
  // Two adults, no income: a household, counted with one income (the lower ceiling).
  EXPECT_EQ(assess_2024({.adults = 2, .incomes = 0, .children = 0}, "0").ceiling.format_plain(), "30554.58");
  // Three adults, three incomes: "two or more", 34,919.57.
  e = assess_2024({.adults = 3, .incomes = 3, .children = 0}, "20000");
  EXPECT_EQ(e.composition, Composition::two_or_more_incomes);
  EXPECT_EQ(e.ceiling.format_plain(), "34919.57");
}

TEST(Eligibility, DisabledChildCountsAsTwo) {
  // Two adults, one income, two children of whom one disabled: 3 children counted:
  // 30,554.58 + 3 × 2,618.96 = 38,411.46.
  EXPECT_EQ(assess_2024({.adults = 2, .incomes = 1, .children = 2, .disabled_children = 1}, "1").ceiling.format_plain(),
            "38411.46");
  // One adult, one disabled child: 30,554.58 + 2 × 2,618.96 = 35,792.50.
  EXPECT_EQ(assess_2024({.adults = 1, .incomes = 1, .children = 1, .disabled_children = 1}, "1").ceiling.format_plain(),
            "35792.50");
  // Two adults, two incomes, two disabled children: 34,919.57 + 4 × 2,618.96 = 45,395.41.
  EXPECT_EQ(assess_2024({.adults = 2, .incomes = 2, .children = 2, .disabled_children = 2}, "1").ceiling.format_plain(),
            "45395.41");
}

TEST(Eligibility, DisabledAdults) {
  // Two adults, two incomes, one disabled adult: 34,919.57 + 5,237.91 = 40,157.48.
  EXPECT_EQ(assess_2024({.adults = 2, .incomes = 2, .disabled_adults = 1}, "1").ceiling.format_plain(), "40157.48");
  // Both disabled: 34,919.57 + 2 × 5,237.91 = 45,395.39.
  EXPECT_EQ(assess_2024({.adults = 2, .incomes = 2, .disabled_adults = 2}, "1").ceiling.format_plain(), "45395.39");
  // A disabled single person: 27,499.10 + 5,237.91 = 32,737.01, still "single".
  const auto e = assess_2024({.adults = 1, .incomes = 1, .disabled_adults = 1}, "1");
  EXPECT_EQ(e.ceiling.format_plain(), "32737.01");
  EXPECT_EQ(e.composition, Composition::single);
  // Everything at once: 2 adults (1 disabled), 1 income, 3 children (1 disabled):
  // 30,554.58 + 4 × 2,618.96 + 5,237.91 = 46,268.33.
  EXPECT_EQ(assess_2024({.adults = 2, .incomes = 1, .children = 3, .disabled_children = 1, .disabled_adults = 1}, "1")
                .ceiling.format_plain(),
            "46268.33");
}

// ---- Bands at their boundaries ----------------------------------------------------------------

struct BandCase {
  const char* income;
  Band band;
  std::int64_t ratio;  // hundredths of a percent
};

TEST(Eligibility, BandBoundariesOnAnEvenCeiling) {
  // Single person 2024, ceiling 27,499.10: 150 % = 41,248.65 and 200 % = 54,998.20 exactly.
  const BandCase cases[] = {
      {"0", Band::eligible, 0},
      {"27499.09", Band::eligible, 10000},
      {"27499.10", Band::eligible, 10000},   // exactly 100 %
      {"27499.11", Band::moderate, 10000},   // one cent above: moderate, though the ratio shows 100.00 %
      {"41248.65", Band::moderate, 15000},   // exactly 150 %
      {"41248.66", Band::middle, 15000},     // one cent above
      {"54998.20", Band::middle, 20000},     // exactly 200 %
      {"54998.21", Band::above, 20000},      // one cent above
      {"100000", Band::above, 36365},        // 100,000 / 27,499.10 = 3.63648…
  };
  for (const auto& c : cases) {
    const auto e = assess_2024({.adults = 1, .incomes = 1}, c.income);
    EXPECT_EQ(e.band, c.band) << c.income;
    EXPECT_EQ(e.ratio_percent_hundredths, c.ratio) << c.income;
  }
}

TEST(Eligibility, BandBoundariesOnAnOddCeiling) {
  // The contract's household, ceiling 40,157.49: 150 % = 60,236.235 (between two cents) and
  // 200 % = 80,314.98. The band is decided exactly, in cents, not on the rounded ratio.
  const BandCase cases[] = {
      {"40157.49", Band::eligible, 10000},
      {"40157.50", Band::moderate, 10000},
      {"60236.23", Band::moderate, 15000},  // 149.99999 %
      {"60236.24", Band::middle, 15000},    // 150.00001 %
      {"80314.98", Band::middle, 20000},
      {"80314.99", Band::above, 20000},
  };
  for (const auto& c : cases) {
    const auto e = assess_2024({.adults = 2, .incomes = 2, .children = 2}, c.income);
    EXPECT_EQ(e.band, c.band) << c.income;
    EXPECT_EQ(e.ratio_percent_hundredths, c.ratio) << c.income;
  }
}

TEST(Eligibility, BandNames) {
  EXPECT_EQ(to_string(Band::eligible), "eligible");
  EXPECT_EQ(to_string(Band::moderate), "moderate");
  EXPECT_EQ(to_string(Band::middle), "middle");
  EXPECT_EQ(to_string(Band::above), "above");
  EXPECT_EQ(to_string(Composition::single), "single");
  EXPECT_EQ(to_string(Composition::one_income), "one_income");
  EXPECT_EQ(to_string(Composition::two_or_more_incomes), "two_or_more_incomes");
}

// ---- Years ------------------------------------------------------------------------------------

TEST(Eligibility, Values2024) {
  const auto& t = year(2024);
  EXPECT_EQ(t.year, 2024);
  EXPECT_EQ(t.single.format_plain(), "27499.10");
  EXPECT_EQ(t.household_one_income.format_plain(), "30554.58");
  EXPECT_EQ(t.household_two_or_more_incomes.format_plain(), "34919.57");
  EXPECT_EQ(t.per_dependent_child.format_plain(), "2618.96");
  EXPECT_EQ(t.per_disabled_adult.format_plain(), "5237.91");
  EXPECT_EQ(t.status, "verified");
  EXPECT_FALSE(t.source.empty());
}

TEST(Eligibility, Values2023) {
  const auto& t = year(2023);
  EXPECT_EQ(t.single.format_plain(), "26400.83");
  EXPECT_EQ(t.household_one_income.format_plain(), "29334.27");
  EXPECT_EQ(t.household_two_or_more_incomes.format_plain(), "33524.93");
  EXPECT_EQ(t.per_dependent_child.format_plain(), "2514.36");
  EXPECT_EQ(t.per_disabled_adult.format_plain(), "5028.72");
  EXPECT_EQ(t.status, "verified");
  // The contract's household in 2023: 33,524.93 + 2 × 2,514.36 = 38,553.65;
  // 45,000 / 38,553.65 = 1.16720… → 116.72 %: moderate.
  const auto e = assess(t, {.adults = 2, .incomes = 2, .children = 2}, money("45000"));
  EXPECT_EQ(e.ceiling.format_plain(), "38553.65");
  EXPECT_EQ(e.ratio_percent_hundredths, 11672);
  EXPECT_EQ(e.band, Band::moderate);
  // One adult with a child in 2023: 29,334.27 + 2,514.36 = 31,848.63.
  EXPECT_EQ(assess(t, {.adults = 1, .incomes = 1, .children = 1}, money("1")).ceiling.format_plain(), "31848.63");
}

TEST(Eligibility, Year2019IsVerifiedOldAndAccepted) {
  // 2019 comes from an older page ("verified-old"): accepted, with its status shown.
  // 29,154.90 + 2 × 2,186.61 = 33,528.12.
  const auto& t = year(2019);
  EXPECT_EQ(t.status, "verified-old");
  EXPECT_EQ(assess(t, {.adults = 2, .incomes = 2, .children = 2}, money("1")).ceiling.format_plain(), "33528.12");
}

TEST(Eligibility, YearWithoutATableIsAnErrorListingTheVerifiedYears) {
  for (int y : {2025, 2022, 2020, 1990}) {
    const auto e = error_of([y] { year(y); });
    ASSERT_TRUE(e.has_value()) << y;
    EXPECT_EQ(e->kind(), ErrorKind::validation);
    EXPECT_EQ(e->code(), "eligibility.year_unknown");
    EXPECT_EQ(e->params().at("year"), std::to_string(y));
    EXPECT_EQ(e->params().at("known"), "2019, 2023, 2024");
    EXPECT_EQ(e->fields().count("year"), 1u);
  }
}

TEST(Eligibility, UnverifiedRowIsNotAYear) {
  const auto t = AdmissionIncomeTable::parse_csv(
      "year,single,household_one_income,household_two_or_more_incomes,per_dependent_child,per_disabled_adult,status,source\n"
      "2024,27499.10,30554.58,34919.57,2618.96,5237.91,verified,binhome\n"
      "2025,28000,31000,35000,2650,5300,estimated,a guess\n");
  EXPECT_EQ(t.year(2024).single.format_plain(), "27499.10");
  const auto e = error_of([&] { t.year(2025); });
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->code(), "eligibility.year_unknown");
  EXPECT_EQ(e->params().at("known"), "2024");
}

TEST(Eligibility, TableParseErrors) {
  const std::string header =
      "year,single,household_one_income,household_two_or_more_incomes,per_dependent_child,per_disabled_adult,status,source\n";
  auto expect_refused = [&](const std::string& body, const char* line, const char* reason) {
    const auto e = error_of([&] { AdmissionIncomeTable::parse_csv(header + body); });
    ASSERT_TRUE(e.has_value()) << body;
    EXPECT_EQ(e->code(), "eligibility.invalid_table") << body;
    EXPECT_EQ(e->params().at("line"), line) << body;
    EXPECT_NE(e->params().at("reason").find(reason), std::string::npos) << body << ": " << e->params().at("reason");
  };
  expect_refused("20x4,1,1,1,1,1,verified,x\n", "2", "year");
  expect_refused("2024,1,1,1,1,1,verified\n", "2", "columns");
  expect_refused("2024,1,abc,1,1,1,verified,x\n", "2", "column 3");
  expect_refused("2024,1,1,1,1,0,verified,x\n", "2", "column 6");
  expect_refused("2024,1,1,1,1,1,verified,x\n2024,1,1,1,1,1,verified,x\n", "3", "year given twice");
}

// ---- Invalid households -----------------------------------------------------------------------

void expect_invalid(const Household& h, const char* field, const char* income = "1000") {
  const auto e = error_of([&] { assess(year(2024), h, money(income)); });
  ASSERT_TRUE(e.has_value()) << field;
  EXPECT_EQ(e->kind(), ErrorKind::validation) << field;
  EXPECT_EQ(e->fields().count(field), 1u) << field;
}

TEST(Eligibility, InvalidHouseholds) {
  expect_invalid({.adults = 0, .incomes = 0}, "adults");
  expect_invalid({.adults = 2, .incomes = 3}, "incomes");
  expect_invalid({.adults = 1, .incomes = -1}, "incomes");
  expect_invalid({.adults = 1, .incomes = 1, .children = 1, .disabled_children = 2}, "disabled_children");
  expect_invalid({.adults = 1, .incomes = 1, .children = 0, .disabled_children = 1}, "disabled_children");
  expect_invalid({.adults = 1, .incomes = 1, .children = -1}, "children");
  expect_invalid({.adults = 2, .incomes = 2, .disabled_adults = 3}, "disabled_adults");
  // The code is eligibility.invalid_household, the field names the count at fault.
  const auto e = error_of([] { assess(year(2024), {.adults = 0, .incomes = 0}, money("1")); });
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->code(), "eligibility.invalid_household");
  EXPECT_EQ(e->fields().at("adults"), "eligibility.invalid_household");
  // Several problems are reported together.
  const auto both = error_of(
      [] { assess(year(2024), {.adults = 0, .incomes = 1, .children = 0, .disabled_children = 1}, money("1")); });
  ASSERT_TRUE(both.has_value());
  EXPECT_EQ(both->fields().count("adults"), 1u);
  EXPECT_EQ(both->fields().count("incomes"), 1u);
  EXPECT_EQ(both->fields().count("disabled_children"), 1u);
  // A negative income.
  const auto neg = error_of([] { assess(year(2024), {.adults = 1, .incomes = 1}, money("-1")); });
  ASSERT_TRUE(neg.has_value());
  EXPECT_EQ(neg->code(), "eligibility.negative_income");
  EXPECT_EQ(neg->fields().count("income"), 1u);
}

}  // namespace
}  // namespace hms::applicants
