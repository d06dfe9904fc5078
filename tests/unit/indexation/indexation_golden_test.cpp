// Golden scenarios of the Brussels rent indexation (finance-formats.md §6; ADR 0003) on the
// health index shipped with hms (rules/health-index.csv, base 2013 = 100). Each case writes its
// arithmetic: the indices (month before signing, month before the anniversary month), the
// product, the factor, and the single rounding to the cent, half up.
//   new rent = base × new index / starting index × factor
// Regimes: standard, limitation_2022 (anniversary 14 Oct 2022 – 13 Oct 2023: A–D full, E half of
// the year's rise, F/G none), correction_factor (from 14 Oct 2023, lease in force before
// 14 Oct 2022, class E/F/G), unregistered, no_certificate, before_first_anniversary.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "app/rules/reference_data.hpp"
#include "common/date.hpp"
#include "common/error.hpp"
#include "common/money.hpp"
#include "domain/indexation/indexation.hpp"

namespace hms::indexation {
namespace {

std::chrono::year_month_day date(const char* iso) { return parse_date(iso).value(); }

const HealthIndex& shipped() { return app::shipped_health_index(); }

Result index(const char* rent, const char* signed_on, const char* start, const char* on,
             std::optional<char> peb, bool registered = true) {
  Request q;
  q.base_rent = Money::parse(rent).value();
  q.signed_on = date(signed_on);
  q.start = date(start);
  q.on = date(on);
  q.certificate = peb.has_value();  // here, no class means no certificate
  q.peb = peb;
  q.registered = registered;
  return index_rent(shipped(), q);
}

std::vector<std::string> step_keys(const Result& r) {
  std::vector<std::string> out;
  for (const auto& s : r.steps) out.push_back(s.key);
  return out;
}

const Step* find_step(const Result& r, const std::string& key) {
  for (const auto& s : r.steps)
    if (s.key == key) return &s;
  return nullptr;
}

std::string describe(const Result& r) {
  std::string out = "rent " + r.rent.format_plain() + ", regime " + std::string(to_string(r.regime)) +
                    ", factor " + std::to_string(r.factor_numerator) + "/" + std::to_string(r.factor_denominator) +
                    "\nsteps:";
  for (const auto& s : r.steps) {
    out += "\n  " + s.key;
    for (const auto& [k, v] : s.params) out += " " + k + "=" + v;
  }
  return out;
}

// The factor equals num/den (the engine may keep it unreduced).
void expect_factor(const Result& r, std::int64_t num, std::int64_t den) {
  EXPECT_EQ(r.factor_numerator * den, num * r.factor_denominator)
      << "factor " << r.factor_numerator << "/" << r.factor_denominator << " expected " << num << "/" << den;
}

void expect_indices(const Result& r, const char* base_month, std::int64_t base, const char* new_month,
                    std::int64_t new_value) {
  ASSERT_TRUE(r.base_index.has_value()) << describe(r);
  ASSERT_TRUE(r.new_index.has_value()) << describe(r);
  EXPECT_EQ(r.base_index->month.to_string(), base_month);
  EXPECT_EQ(r.base_index->hundredths, base);
  EXPECT_EQ(r.new_index->month.to_string(), new_month);
  EXPECT_EQ(r.new_index->hundredths, new_value);
}

const std::vector<std::string> kStandardSteps = {
    "indexation.step.base_rent", "indexation.step.base_index", "indexation.step.anniversary",
    "indexation.step.new_index", "indexation.step.standard",   "indexation.step.formula"};

std::vector<std::string> indexed_steps(std::vector<std::string> regime_steps, const char* formula) {
  std::vector<std::string> out = {"indexation.step.base_rent", "indexation.step.base_index",
                                  "indexation.step.anniversary", "indexation.step.new_index"};
  for (auto& s : regime_steps) out.push_back(std::move(s));
  out.emplace_back(formula);
  return out;
}

// ---- The reference's example ------------------------------------------------------------------

TEST(IndexationGolden, ReferenceExample) {
  // finance-formats.md §6.1: signed 2021-01-15 → starting index 2020-12 = 109.88;
  // in force 2021-02-01, anniversary 2025-02-01 (year 4) → new index 2025-01 = 135.52.
  // 650.00 × 135.52 / 109.88 = 801.6745… → 801.67.
  const auto r = index("650.00", "2021-01-15", "2021-02-01", "2025-02-01", 'C');
  EXPECT_EQ(r.rent.format_plain(), "801.67") << describe(r);
  EXPECT_EQ(r.regime, Regime::standard);
  expect_indices(r, "2020-12", 10988, "2025-01", 13552);
  ASSERT_TRUE(r.anniversary.has_value());
  EXPECT_EQ(to_iso(*r.anniversary), "2025-02-01");
  expect_factor(r, 1, 1);
  EXPECT_EQ(step_keys(r), kStandardSteps) << describe(r);
  // The steps carry the values a letter needs.
  EXPECT_EQ(r.steps[0].params.at("rent"), "650.00");
  EXPECT_EQ(r.steps[1].params.at("month"), "2020-12");
  EXPECT_EQ(r.steps[1].params.at("value"), "109.88");
  EXPECT_EQ(r.steps[1].params.at("signed"), "2021-01-15");
  EXPECT_EQ(r.steps[2].params.at("date"), "2025-02-01");
  EXPECT_EQ(r.steps[2].params.at("n"), "4");
  EXPECT_EQ(r.steps[3].params.at("month"), "2025-01");
  EXPECT_EQ(r.steps[3].params.at("value"), "135.52");
  const auto& formula = r.steps[5].params;
  EXPECT_EQ(formula.at("rent"), "650.00");
  EXPECT_EQ(formula.at("new"), "135.52");
  EXPECT_EQ(formula.at("start"), "109.88");
  EXPECT_EQ(formula.at("result"), "801.67");
}

TEST(IndexationGolden, OnBetweenAnniversariesTheLastOneApplies) {
  // 2025-07-15 lies between the anniversaries 2025-02-01 and 2026-02-01: 2025-02-01 applies,
  // exactly as in the reference example: 650.00 × 135.52 / 109.88 = 801.67.
  const auto r = index("650.00", "2021-01-15", "2021-02-01", "2025-07-15", 'C');
  EXPECT_EQ(r.rent.format_plain(), "801.67") << describe(r);
  ASSERT_TRUE(r.anniversary.has_value());
  EXPECT_EQ(to_iso(*r.anniversary), "2025-02-01");
  expect_indices(r, "2020-12", 10988, "2025-01", 13552);
  // The day before the next anniversary still uses 2025-02-01.
  EXPECT_EQ(index("650.00", "2021-01-15", "2021-02-01", "2026-01-31", 'C').rent.format_plain(), "801.67");
}

// ---- The first anniversary --------------------------------------------------------------------

TEST(IndexationGolden, FirstAnniversaryExactly) {
  // Anniversary 2022-02-01 (year 1): new index 2022-01 = 118.21.
  // 650.00 × 118.21 / 109.88 = 699.2764… → 699.28.
  const auto r = index("650.00", "2021-01-15", "2021-02-01", "2022-02-01", 'C');
  EXPECT_EQ(r.rent.format_plain(), "699.28") << describe(r);
  EXPECT_EQ(r.regime, Regime::standard);
  expect_indices(r, "2020-12", 10988, "2022-01", 11821);
  EXPECT_EQ(find_step(r, "indexation.step.anniversary")->params.at("n"), "1");
}

TEST(IndexationGolden, DayBeforeTheFirstAnniversaryKeepsTheBaseRent) {
  // 2022-01-31 is before the first anniversary 2022-02-01: nothing to index; 650.00 stays.
  const auto r = index("650.00", "2021-01-15", "2021-02-01", "2022-01-31", 'C');
  EXPECT_EQ(r.rent.format_plain(), "650.00");
  EXPECT_EQ(r.regime, Regime::before_first_anniversary);
  EXPECT_FALSE(r.base_index.has_value());
  EXPECT_FALSE(r.new_index.has_value());
  EXPECT_FALSE(r.anniversary.has_value());
  expect_factor(r, 1, 1);
  EXPECT_EQ(step_keys(r),
            (std::vector<std::string>{"indexation.step.base_rent", "indexation.step.before_first_anniversary"}));
  EXPECT_EQ(find_step(r, "indexation.step.before_first_anniversary")->params.at("date"), "2022-02-01");
  // On the day of entry into force itself: the same.
  EXPECT_EQ(index("650.00", "2021-01-15", "2021-02-01", "2021-02-01", 'C').regime, Regime::before_first_anniversary);
}

// ---- Preconditions: registration and certificate ----------------------------------------------

TEST(IndexationGolden, UnregisteredLeaseKeepsTheBaseRent) {
  // The reference example, but unregistered: no indexation at all, 650.00.
  const auto r = index("650.00", "2021-01-15", "2021-02-01", "2025-02-01", 'C', false);
  EXPECT_EQ(r.rent.format_plain(), "650.00");
  EXPECT_EQ(r.regime, Regime::unregistered);
  EXPECT_FALSE(r.base_index.has_value());
  EXPECT_EQ(step_keys(r), (std::vector<std::string>{"indexation.step.base_rent", "indexation.step.unregistered"}));
  // Registration is checked first: unregistered and without certificate is "unregistered".
  EXPECT_EQ(index("650.00", "2021-01-15", "2021-02-01", "2025-02-01", std::nullopt, false).regime,
            Regime::unregistered);
  // No index is needed, so a month not yet published is no error here.
  EXPECT_EQ(index("650.00", "2021-01-15", "2021-03-01", "2030-03-01", 'C', false).rent.format_plain(), "650.00");
}

TEST(IndexationGolden, NoCertificateKeepsTheBaseRentAtAnyDate) {
  // Before the limitation, during it and after it: without a certificate, 650.00 stays.
  for (const char* on : {"2022-02-01", "2023-02-01", "2025-02-01"}) {
    const auto r = index("650.00", "2021-01-15", "2021-02-01", on, std::nullopt);
    EXPECT_EQ(r.rent.format_plain(), "650.00") << on;
    EXPECT_EQ(r.regime, Regime::no_certificate) << on;
    EXPECT_EQ(step_keys(r), (std::vector<std::string>{"indexation.step.base_rent", "indexation.step.no_certificate"}))
        << on;
  }
}

// ---- The limitation's four boundary days, for every class -------------------------------------

struct BoundaryCase {
  const char* start;
  const char* on;
  std::optional<char> peb;
  const char* rent;
  Regime regime;
  std::vector<std::string> regime_steps;  // between new_index and the formula
  bool with_factor;
};

// Base rent 800.00, signed 2020-09-20 → starting index 2020-08 = 110.20.
// Lease X, in force 2020-10-13:
//   2022-10-13 (year 2, the day before the period): new index 2022-09 = 124.92, every class in full:
//     800 × 124.92 / 110.20 = 906.8602… → 906.86.
//   2023-10-13 (year 3, last day of the period): new 2023-09 = 127.52, previous 2022-09 = 124.92:
//     A–D: 800 × 127.52 / 110.20 = 925.7350… → 925.74
//     E:   800 × 127.52 / 110.20 × (124.92 + 127.52) / (2 × 127.52) = 800 × 252.44 / 220.40
//          = 916.2976… → 916.30
//     F/G: 800 × 127.52 / 110.20 × 124.92 / 127.52 = 800 × 124.92 / 110.20 = 906.86 (last year's rent)
// Lease Y, in force 2020-10-14:
//   2022-10-14 (year 2, first day of the period): new 2022-09 = 124.92, previous 2021-09 = 112.29:
//     A–D: 906.86
//     E:   800 × (112.29 + 124.92) / (2 × 110.20) = 800 × 237.21 / 220.40 = 861.0163… → 861.02
//     F/G: 800 × 112.29 / 110.20 = 815.1724… → 815.17
//   2023-10-14 (year 3, the day after the period): new 2023-09 = 127.52
//     A–D: standard, 925.74
//     E:   correction factor of the 2022-10-14 anniversary (2022 cohort):
//          800 × 127.52 / 110.20 × (112.29 + 124.92) / (2 × 124.92) = 878.9369… → 878.94
//     F/G: 800 × 127.52 / 110.20 × 112.29 / 124.92 = 832.1388… → 832.14
// Without a certificate: 800.00 on each day.
std::vector<BoundaryCase> boundary_cases() {
  std::vector<BoundaryCase> cases;
  for (char peb : {'A', 'B', 'C', 'D', 'E', 'F', 'G'}) {
    cases.push_back({"2020-10-13", "2022-10-13", peb, "906.86", Regime::standard, {"indexation.step.standard"}, false});
    const bool ad = peb <= 'D';
    const bool e = peb == 'E';
    cases.push_back({"2020-10-13", "2023-10-13", peb, ad ? "925.74" : e ? "916.30" : "906.86", Regime::limitation_2022,
                     {ad ? "indexation.step.limitation_ad" : e ? "indexation.step.limitation_e" : "indexation.step.limitation_fg"},
                     !ad});
    cases.push_back({"2020-10-14", "2022-10-14", peb, ad ? "906.86" : e ? "861.02" : "815.17", Regime::limitation_2022,
                     {ad ? "indexation.step.limitation_ad" : e ? "indexation.step.limitation_e" : "indexation.step.limitation_fg"},
                     !ad});
    if (ad)
      cases.push_back({"2020-10-14", "2023-10-14", peb, "925.74", Regime::standard, {"indexation.step.standard"}, false});
    else
      cases.push_back({"2020-10-14", "2023-10-14", peb, e ? "878.94" : "832.14", Regime::correction_factor,
                       {e ? "indexation.step.correction_e" : "indexation.step.correction_fg",
                        "indexation.step.correction_cohort_2022_unverified"},
                       true});
  }
  for (const auto& [start, on] : std::vector<std::pair<const char*, const char*>>{
           {"2020-10-13", "2022-10-13"}, {"2020-10-13", "2023-10-13"}, {"2020-10-14", "2022-10-14"}, {"2020-10-14", "2023-10-14"}})
    cases.push_back({start, on, std::nullopt, "800.00", Regime::no_certificate, {}, false});
  return cases;
}

TEST(IndexationGolden, LimitationBoundariesForEveryClass) {
  for (const auto& c : boundary_cases()) {
    const std::string label = std::string(c.on) + " class " + (c.peb ? std::string(1, *c.peb) : "none");
    const auto r = index("800.00", "2020-09-20", c.start, c.on, c.peb);
    EXPECT_EQ(r.rent.format_plain(), c.rent) << label << "\n" << describe(r);
    EXPECT_EQ(r.regime, c.regime) << label << "\n" << describe(r);
    if (c.regime == Regime::no_certificate) {
      EXPECT_EQ(step_keys(r), (std::vector<std::string>{"indexation.step.base_rent", "indexation.step.no_certificate"}))
          << label;
      continue;
    }
    EXPECT_EQ(step_keys(r), indexed_steps(c.regime_steps, c.with_factor ? "indexation.step.formula_with_factor"
                                                                         : "indexation.step.formula"))
        << label << "\n" << describe(r);
    ASSERT_TRUE(r.anniversary.has_value()) << label;
    EXPECT_EQ(to_iso(*r.anniversary), c.on) << label;
    EXPECT_EQ(r.base_index->month.to_string(), "2020-08") << label;
    EXPECT_EQ(r.base_index->hundredths, 11020) << label;
  }
}

TEST(IndexationGolden, LimitationFactorsAndTheirSteps) {
  // 2022-10-14, class E: factor (112.29 + 124.92) / (2 × 124.92); the step names 2021-09 = 112.29.
  auto r = index("800.00", "2020-09-20", "2020-10-14", "2022-10-14", 'E');
  expect_indices(r, "2020-08", 11020, "2022-09", 12492);
  expect_factor(r, 11229 + 12492, 2 * 12492);
  auto* s = find_step(r, "indexation.step.limitation_e");
  ASSERT_NE(s, nullptr) << describe(r);
  EXPECT_EQ(s->params.at("previous_month"), "2021-09");
  EXPECT_EQ(s->params.at("previous"), "112.29");
  // The formula step shows the factor, rounded for display: 23721 / 24984 = 0.949448.
  auto* f = find_step(r, "indexation.step.formula_with_factor");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->params.at("factor"), "0.949448");
  EXPECT_EQ(f->params.at("result"), "861.02");

  // 2023-10-13, class G: factor 124.92 / 127.52; the step names 2022-09 = 124.92.
  r = index("800.00", "2020-09-20", "2020-10-13", "2023-10-13", 'G');
  expect_indices(r, "2020-08", 11020, "2023-09", 12752);
  expect_factor(r, 12492, 12752);
  s = find_step(r, "indexation.step.limitation_fg");
  ASSERT_NE(s, nullptr) << describe(r);
  EXPECT_EQ(s->params.at("previous_month"), "2022-09");
  EXPECT_EQ(s->params.at("previous"), "124.92");

  // Classes A–D during the period: no factor.
  r = index("800.00", "2020-09-20", "2020-10-14", "2022-10-14", 'D');
  expect_factor(r, 1, 1);
}

TEST(IndexationGolden, FirstAnniversaryInsideTheLimitation) {
  // 600.00, signed 2022-01-20 → starting index 2021-12 = 115.60; in force 2022-02-01.
  // First anniversary 2023-02-01, in the period: new index 2023-01 = 128.00; the previous index
  // is the starting index itself.
  //   C: 600 × 128.00 / 115.60 = 664.3598… → 664.36
  //   F: 600 × 128.00 / 115.60 × 115.60 / 128.00 = 600.00 (the rent stays the base rent)
  auto r = index("600.00", "2022-01-20", "2022-02-01", "2023-02-01", 'C');
  EXPECT_EQ(r.rent.format_plain(), "664.36") << describe(r);
  EXPECT_EQ(r.regime, Regime::limitation_2022);
  r = index("600.00", "2022-01-20", "2022-02-01", "2023-02-01", 'F');
  EXPECT_EQ(r.rent.format_plain(), "600.00") << describe(r);
  expect_factor(r, 11560, 12800);
  EXPECT_EQ(find_step(r, "indexation.step.limitation_fg")->params.at("previous_month"), "2021-12");
  // A year later (2024-02-01, new index 2024-01 = 130.19), F keeps the factor 115.60 / 128.00:
  //   600 × 130.19 / 115.60 × 115.60 / 128.00 = 600 × 130.19 / 128.00 = 610.265625 → 610.27
  //   C: 600 × 130.19 / 115.60 = 675.7266… → 675.73
  r = index("600.00", "2022-01-20", "2022-02-01", "2024-02-01", 'F');
  EXPECT_EQ(r.rent.format_plain(), "610.27") << describe(r);
  EXPECT_EQ(r.regime, Regime::correction_factor);
  expect_factor(r, 11560, 12800);
  EXPECT_EQ(index("600.00", "2022-01-20", "2022-02-01", "2024-02-01", 'C').rent.format_plain(), "675.73");
}

TEST(IndexationGolden, ExactHalfCentRoundsUpOnce) {
  // The lease above with a base rent of 192.00, class F, on 2024-02-01:
  //   192 × 130.19 / 115.60 × 115.60 / 128.00 = 192 × 130.19 / 128 = 195.285 exactly → 195.29
  // (half up; a rounding to even would give 195.28, a float product could land on either side).
  const auto r = index("192.00", "2022-01-20", "2022-02-01", "2024-02-01", 'F');
  EXPECT_EQ(r.rent.format_plain(), "195.29") << describe(r);
}

// ---- Leases in force from 14 October 2022: no factor, ever ------------------------------------

TEST(IndexationGolden, LeaseInForceFromTheLimitationGetsNoFactor) {
  // 600.00, signed 2022-10-01 → starting index 2022-09 = 124.92; in force 2022-10-14 (inside the
  // period, so no anniversary ever falls in it and no correction factor applies).
  //   2023-10-14, class F (new 2023-09 = 127.52): 600 × 127.52 / 124.92 = 612.4879… → 612.49
  //   2025-10-14, class G (new 2025-09 = 135.26): 600 × 135.26 / 124.92 = 649.6637… → 649.66
  //   2024-10-14, class G (new 2024-09 = 132.41): 600 × 132.41 / 124.92 = 635.9750… → 635.98
  auto r = index("600.00", "2022-10-01", "2022-10-14", "2023-10-14", 'F');
  EXPECT_EQ(r.rent.format_plain(), "612.49") << describe(r);
  EXPECT_EQ(r.regime, Regime::standard);
  expect_factor(r, 1, 1);
  r = index("600.00", "2022-10-01", "2022-10-14", "2025-10-14", 'G');
  EXPECT_EQ(r.rent.format_plain(), "649.66") << describe(r);
  EXPECT_EQ(r.regime, Regime::standard);
  EXPECT_EQ(index("600.00", "2022-10-01", "2022-10-14", "2025-10-14", 'E').rent.format_plain(), "649.66");
  EXPECT_EQ(index("600.00", "2022-10-01", "2022-10-14", "2024-10-14", 'G').rent.format_plain(), "635.98");
}

TEST(IndexationGolden, LeaseInForceTheDayBeforeTheLimitationGetsTheFactor) {
  // The same lease in force one day earlier, 2022-10-13: its first anniversary 2023-10-13 is the
  // last day of the period (G: the previous index is the starting index, rent 600.00), and from
  // 2024-10-13 the factor 124.92 / 127.52 stays:
  //   600 × 132.41 / 124.92 × 124.92 / 127.52 = 600 × 132.41 / 127.52 = 623.0081… → 623.01
  auto r = index("600.00", "2022-10-01", "2022-10-13", "2023-10-13", 'G');
  EXPECT_EQ(r.rent.format_plain(), "600.00") << describe(r);
  EXPECT_EQ(r.regime, Regime::limitation_2022);
  r = index("600.00", "2022-10-01", "2022-10-13", "2024-10-13", 'G');
  EXPECT_EQ(r.rent.format_plain(), "623.01") << describe(r);
  EXPECT_EQ(r.regime, Regime::correction_factor);
  expect_factor(r, 12492, 12752);
  // A 2023 cohort: no note about secondary sources.
  EXPECT_EQ(find_step(r, "indexation.step.correction_cohort_2022_unverified"), nullptr) << describe(r);
}

// ---- 29 February ------------------------------------------------------------------------------

TEST(IndexationGolden, LeaseStartingOnTwentyNinthFebruary) {
  // 720.00, signed 2020-02-10 → starting index 2020-01 = 109.72; in force 2020-02-29.
  // Anniversaries: 2021-02-28, 2022-02-28, 2023-02-28, 2024-02-29, 2025-02-28.
  EXPECT_EQ(to_iso(anniversary(date("2020-02-29"), 1)), "2021-02-28");
  EXPECT_EQ(to_iso(anniversary(date("2020-02-29"), 4)), "2024-02-29");
  EXPECT_EQ(to_iso(anniversary(date("2020-02-29"), 5)), "2025-02-28");
  EXPECT_EQ(to_iso(anniversary(date("2020-02-29"), 0)), "2020-02-29");

  // 2021-02-27: before the first anniversary (2021-02-28).
  auto r = index("720.00", "2020-02-10", "2020-02-29", "2021-02-27", 'F');
  EXPECT_EQ(r.regime, Regime::before_first_anniversary);
  EXPECT_EQ(find_step(r, "indexation.step.before_first_anniversary")->params.at("date"), "2021-02-28");
  // 2021-02-28, year 1 (new 2021-01 = 110.35): 720 × 110.35 / 109.72 = 724.1341… → 724.13.
  r = index("720.00", "2020-02-10", "2020-02-29", "2021-02-28", 'F');
  EXPECT_EQ(r.rent.format_plain(), "724.13") << describe(r);
  EXPECT_EQ(r.regime, Regime::standard);
  // 2024-02-28 is before the 2024 anniversary (29th): 2023-02-28 applies, in the period, class F
  // (new 2023-01 = 128.00, previous 2022-01 = 118.21): 720 × 118.21 / 109.72 = 775.7127… → 775.71.
  r = index("720.00", "2020-02-10", "2020-02-29", "2024-02-28", 'F');
  EXPECT_EQ(r.rent.format_plain(), "775.71") << describe(r);
  EXPECT_EQ(to_iso(*r.anniversary), "2023-02-28");
  EXPECT_EQ(r.regime, Regime::limitation_2022);
  // 2024-02-29 (new 2024-01 = 130.19), F: 720 × 130.19 / 109.72 × 118.21 / 128.00 = 788.9846… → 788.98;
  // C: 720 × 130.19 / 109.72 = 854.3273… → 854.33.
  r = index("720.00", "2020-02-10", "2020-02-29", "2024-02-29", 'F');
  EXPECT_EQ(r.rent.format_plain(), "788.98") << describe(r);
  EXPECT_EQ(r.regime, Regime::correction_factor);
  EXPECT_EQ(find_step(r, "indexation.step.correction_fg")->params.at("frozen_date"), "2023-02-28");
  EXPECT_EQ(index("720.00", "2020-02-10", "2020-02-29", "2024-02-29", 'C').rent.format_plain(), "854.33");
  // 2025-03-01: the anniversary 2025-02-28 applies (new 2025-01 = 135.52):
  // 720 × 135.52 / 109.72 × 118.21 / 128.00 = 821.2858… → 821.29.
  r = index("720.00", "2020-02-10", "2020-02-29", "2025-03-01", 'F');
  EXPECT_EQ(r.rent.format_plain(), "821.29") << describe(r);
  EXPECT_EQ(to_iso(*r.anniversary), "2025-02-28");
}

// ---- Correction factors: the 2022 and 2023 cohorts --------------------------------------------

TEST(IndexationGolden, CorrectionFactor2022CohortClassE) {
  // 700.00, signed 2019-11-05 → starting index 2019-10 = 108.98; in force 2019-12-01.
  // Frozen anniversary 2022-12-01 (year 3, 14 Oct – 31 Dec 2022: the 2022 cohort): new index
  // 2022-11 = 127.44, previous 2021-11 = 115.20. Factor (115.20 + 127.44) / (2 × 127.44).
  //   2022-12-01: 700 × (115.20 + 127.44) / (2 × 108.98) = 779.2622… → 779.26
  //   2023-12-01 (2023-11 = 128.55): 700 × 128.55 / 108.98 × 242.64 / 254.88 = 786.0496… → 786.05
  //   2025-12-01 (2025-11 = 136.49): 700 × 136.49 / 108.98 × 242.64 / 254.88 = 834.6006… → 834.60
  auto r = index("700.00", "2019-11-05", "2019-12-01", "2022-12-01", 'E');
  EXPECT_EQ(r.rent.format_plain(), "779.26") << describe(r);
  EXPECT_EQ(r.regime, Regime::limitation_2022);
  for (const auto& [on, rent, new_month, new_value] :
       std::vector<std::tuple<const char*, const char*, const char*, std::int64_t>>{
           {"2023-12-01", "786.05", "2023-11", 12855}, {"2025-12-01", "834.60", "2025-11", 13649}}) {
    r = index("700.00", "2019-11-05", "2019-12-01", on, 'E');
    EXPECT_EQ(r.rent.format_plain(), rent) << on << "\n" << describe(r);
    EXPECT_EQ(r.regime, Regime::correction_factor) << on;
    expect_indices(r, "2019-10", 10898, new_month, new_value);
    expect_factor(r, 11520 + 12744, 2 * 12744);
    EXPECT_EQ(step_keys(r), indexed_steps({"indexation.step.correction_e", "indexation.step.correction_cohort_2022_unverified"},
                                          "indexation.step.formula_with_factor"))
        << on << "\n" << describe(r);
    const auto& p = find_step(r, "indexation.step.correction_e")->params;
    EXPECT_EQ(p.at("frozen_date"), "2022-12-01");
    EXPECT_EQ(p.at("frozen_month"), "2022-11");
    EXPECT_EQ(p.at("frozen"), "127.44");
    EXPECT_EQ(p.at("previous_month"), "2021-11");
    EXPECT_EQ(p.at("previous"), "115.20");
  }
}

TEST(IndexationGolden, CorrectionFactor2022CohortClassF) {
  // The same lease, class F: factor 115.20 / 127.44.
  //   2022-12-01: 700 × 115.20 / 108.98 = 739.9522… → 739.95 (the rent stays last year's)
  //   2023-12-01: 700 × 128.55 / 108.98 × 115.20 / 127.44 = 746.3972… → 746.40
  //   2025-12-01: 700 × 136.49 / 108.98 × 115.20 / 127.44 = 792.4991… → 792.50
  EXPECT_EQ(index("700.00", "2019-11-05", "2019-12-01", "2022-12-01", 'F').rent.format_plain(), "739.95");
  for (const auto& [on, rent] : std::vector<std::pair<const char*, const char*>>{{"2023-12-01", "746.40"},
                                                                                 {"2025-12-01", "792.50"}}) {
    const auto r = index("700.00", "2019-11-05", "2019-12-01", on, 'F');
    EXPECT_EQ(r.rent.format_plain(), rent) << on << "\n" << describe(r);
    EXPECT_EQ(r.regime, Regime::correction_factor);
    expect_factor(r, 11520, 12744);
    EXPECT_EQ(step_keys(r), indexed_steps({"indexation.step.correction_fg", "indexation.step.correction_cohort_2022_unverified"},
                                          "indexation.step.formula_with_factor"))
        << on << "\n" << describe(r);
  }
}

TEST(IndexationGolden, CorrectionFactor2023CohortClassE) {
  // 700.00, signed 2021-02-15 → starting index 2021-01 = 110.35; in force 2021-03-01.
  // Frozen anniversary 2023-03-01 (the 2023 cohort): new 2023-02 = 126.86, previous 2022-02 = 118.74.
  //   2023-03-01: 700 × (118.74 + 126.86) / (2 × 110.35) = 778.9759… → 778.98
  //   2024-03-01 (2024-02 = 130.95): 700 × 130.95 / 110.35 × 245.60 / 253.72 = 804.0903… → 804.09
  //   2026-03-01 (2026-02 = 138.06, single secondary source):
  //               700 × 138.06 / 110.35 × 245.60 / 253.72 = 847.7488… → 847.75
  EXPECT_EQ(index("700.00", "2021-02-15", "2021-03-01", "2023-03-01", 'E').rent.format_plain(), "778.98");
  auto r = index("700.00", "2021-02-15", "2021-03-01", "2024-03-01", 'E');
  EXPECT_EQ(r.rent.format_plain(), "804.09") << describe(r);
  EXPECT_EQ(r.regime, Regime::correction_factor);
  expect_factor(r, 11874 + 12686, 2 * 12686);
  EXPECT_EQ(step_keys(r), indexed_steps({"indexation.step.correction_e"}, "indexation.step.formula_with_factor"))
      << describe(r);
  r = index("700.00", "2021-02-15", "2021-03-01", "2026-03-01", 'E');
  EXPECT_EQ(r.rent.format_plain(), "847.75") << describe(r);
  // 2026-02 is marked single_secondary_source: the steps say so, right after the new index.
  const std::vector<std::string> expected = {"indexation.step.base_rent",        "indexation.step.base_index",
                                             "indexation.step.anniversary",      "indexation.step.new_index",
                                             "indexation.step.index_unverified", "indexation.step.correction_e",
                                             "indexation.step.formula_with_factor"};
  EXPECT_EQ(step_keys(r), expected) << describe(r);
  const auto& p = find_step(r, "indexation.step.index_unverified")->params;
  EXPECT_EQ(p.at("month"), "2026-02");
  EXPECT_EQ(p.at("source"), "public data file (secondary; other years matched) - re-check against Statbel");
  EXPECT_EQ(r.new_index->status, "single_secondary_source");
}

TEST(IndexationGolden, CorrectionFactor2023CohortClassG) {
  // The same lease, class G: factor 118.74 / 126.86 (= 0.936, the reference's sanity check).
  //   2023-03-01: 700 × 118.74 / 110.35 = 753.2215… → 753.22
  //   2024-03-01: 700 × 130.95 / 110.35 × 118.74 / 126.86 = 777.5056… → 777.51
  //   2026-03-01: 700 × 138.06 / 110.35 × 118.74 / 126.86 = 819.7207… → 819.72
  EXPECT_EQ(index("700.00", "2021-02-15", "2021-03-01", "2023-03-01", 'G').rent.format_plain(), "753.22");
  auto r = index("700.00", "2021-02-15", "2021-03-01", "2024-03-01", 'G');
  EXPECT_EQ(r.rent.format_plain(), "777.51") << describe(r);
  expect_factor(r, 11874, 12686);
  EXPECT_EQ(step_keys(r), indexed_steps({"indexation.step.correction_fg"}, "indexation.step.formula_with_factor"))
      << describe(r);
  const auto& p = find_step(r, "indexation.step.correction_fg")->params;
  EXPECT_EQ(p.at("frozen_date"), "2023-03-01");
  EXPECT_EQ(p.at("frozen_month"), "2023-02");
  EXPECT_EQ(p.at("frozen"), "126.86");
  EXPECT_EQ(p.at("previous_month"), "2022-02");
  EXPECT_EQ(p.at("previous"), "118.74");
  r = index("700.00", "2021-02-15", "2021-03-01", "2026-03-01", 'G');
  EXPECT_EQ(r.rent.format_plain(), "819.72") << describe(r);
  EXPECT_NE(find_step(r, "indexation.step.index_unverified"), nullptr) << describe(r);
  EXPECT_EQ(find_step(r, "indexation.step.correction_cohort_2022_unverified"), nullptr) << describe(r);
}

TEST(IndexationGolden, ClassesAToDNeverGetACorrectionFactor) {
  // The 2023-cohort lease, class D, 2024-03-01: 700 × 130.95 / 110.35 = 830.6751… → 830.68.
  const auto r = index("700.00", "2021-02-15", "2021-03-01", "2024-03-01", 'D');
  EXPECT_EQ(r.rent.format_plain(), "830.68") << describe(r);
  EXPECT_EQ(r.regime, Regime::standard);
  expect_factor(r, 1, 1);
}

// ---- Unknown indices: an error, never a guess -------------------------------------------------

std::optional<DomainError> error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const DomainError& e) {
    return e;
  }
  return std::nullopt;
}

TEST(IndexationGolden, UnpublishedIndexIsAnErrorNamingTheMonth) {
  // Anniversary 2027-03-01 needs the index of 2027-02; the table ends with 2026-06.
  const auto e = error_of([] { index("650.00", "2021-01-15", "2021-03-01", "2027-03-01", 'C'); });
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->kind(), ErrorKind::validation);
  EXPECT_EQ(e->code(), "indexation.index_unknown");
  EXPECT_EQ(e->params().at("month"), "2027-02");
  EXPECT_EQ(e->params().at("last"), "2026-06");
  // The last month known is enough: 2026-07-01 uses 2026-06 = 139.08 (start 2021-05 = 110.99):
  // 650 × 139.08 / 110.99 = 814.5058… → 814.51; 2026-08-01 needs 2026-07: unknown.
  EXPECT_EQ(index("650.00", "2021-06-10", "2021-07-01", "2026-07-01", 'B').rent.format_plain(), "814.51");
  const auto later = error_of([] { index("650.00", "2021-07-10", "2021-08-01", "2026-08-01", 'B'); });
  ASSERT_TRUE(later.has_value());
  EXPECT_EQ(later->params().at("month"), "2026-07");
}

TEST(IndexationGolden, StartingIndexOutsideTheTableIsAnError) {
  // Signed 2014-11-20 → starting index 2014-10, before the table's first month (2015-01).
  const auto e = error_of([] { index("650.00", "2014-11-20", "2014-12-01", "2020-12-01", 'C'); });
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->code(), "indexation.index_before_table");
  EXPECT_EQ(e->params().at("month"), "2014-10");
}

// ---- Input validation -------------------------------------------------------------------------

TEST(IndexationGolden, RejectsInvalidRequests) {
  auto e = error_of([] { index("650.00", "2021-01-15", "2021-02-01", "2025-02-01", 'H'); });
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->code(), "indexation.invalid_peb");
  EXPECT_EQ(e->fields().count("peb"), 1u);
  e = error_of([] { index("650.00", "2021-01-15", "2021-02-01", "2021-01-31", 'C'); });
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->code(), "indexation.on_before_start");
  EXPECT_EQ(e->fields().count("on"), 1u);
  e = error_of([] { index("-1.00", "2021-01-15", "2021-02-01", "2025-02-01", 'C'); });
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->code(), "indexation.negative_rent");
  // A rent of zero is allowed and stays zero.
  EXPECT_EQ(index("0", "2021-01-15", "2021-02-01", "2025-02-01", 'C').rent.format_plain(), "0.00");
}

TEST(IndexationGolden, RegimeNames) {
  EXPECT_EQ(to_string(Regime::standard), "standard");
  EXPECT_EQ(to_string(Regime::limitation_2022), "limitation_2022");
  EXPECT_EQ(to_string(Regime::correction_factor), "correction_factor");
  EXPECT_EQ(to_string(Regime::unregistered), "unregistered");
  EXPECT_EQ(to_string(Regime::no_certificate), "no_certificate");
  EXPECT_EQ(to_string(Regime::before_first_anniversary), "before_first_anniversary");
}

}  // namespace
}  // namespace hms::indexation
