// Golden tests of the two calculators of contract C on the real `hms` binary, with the tables
// shipped with hms: `hms index` (Brussels rent indexation) and `hms eligibility` (admission
// income). Exact JSON documents, error messages and exit codes (2 for validation), French steps.
// The arithmetic of each case is written next to it (indices from rules/health-index.csv).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/server_process.hpp"

namespace hms::test {
namespace {

using nlohmann::json;

std::string show(const CommandResult& r) {
  return "exit " + std::to_string(r.exit_code) + "\n--- stdout ---\n" + r.out + "--- stderr ---\n" + r.err;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// One JSON document on stdout, nothing on stderr, exit 0.
json json_of(const CommandResult& r) {
  EXPECT_EQ(r.exit_code, 0) << show(r);
  EXPECT_TRUE(r.err.empty()) << show(r);
  EXPECT_FALSE(r.out.empty()) << show(r);
  EXPECT_EQ(r.out.back(), '\n') << show(r);
  EXPECT_EQ(r.out.find('\n'), r.out.size() - 1) << "one line\n" << show(r);
  return json::parse(r.out, nullptr, false);
}

json step(const char* key, json params, const char* text) { return {{"key", key}, {"params", params}, {"text", text}}; }

// ---- hms index --------------------------------------------------------------------------------

TEST(CalculatorsCli, IndexReferenceExampleJson) {
  // finance-formats.md §6.1: signed 2021-01-15 → starting index 2020-12 = 109.88; in force
  // 2021-02-01; on 2025-02-01 (year 4) → new index 2025-01 = 135.52.
  // 650.00 × 135.52 / 109.88 = 801.6745… → "801.67".
  const auto r = run_hms({"index", "--rent", "650,00", "--signed", "2021-01-15", "--start", "2021-02-01", "--on",
                          "2025-02-01", "--peb", "C", "--registered", "yes", "--json"});
  const json j = json_of(r);
  const json expected = {
      {"rent", "801.67"},
      {"base_index", {{"month", "2020-12"}, {"value", 109.88}, {"status", "verified"}}},
      {"new_index", {{"month", "2025-01"}, {"value", 135.52}, {"status", "verified"}}},
      {"anniversary", "2025-02-01"},
      {"regime", "standard"},
      {"factor", 1.0},
      {"steps",
       json::array({
           step("indexation.step.base_rent", {{"rent", "650.00"}}, "Base rent stated in the lease: 650.00."),
           step("indexation.step.base_index", {{"month", "2020-12"}, {"signed", "2021-01-15"}, {"value", "109.88"}},
                "Starting index: the health index of 2020-12, the month before the lease was signed (2021-01-15): 109.88."),
           step("indexation.step.anniversary", {{"date", "2025-02-01"}, {"n", "4"}},
                "Anniversary applied: 2025-02-01 (anniversary number 4 of the entry into force)."),
           step("indexation.step.new_index", {{"month", "2025-01"}, {"value", "135.52"}},
                "New index: the health index of 2025-01, the month before the anniversary month: 135.52."),
           step("indexation.step.standard", json::object(), "Standard indexation: base rent × new index / starting index."),
           step("indexation.step.formula", {{"new", "135.52"}, {"rent", "650.00"}, {"result", "801.67"}, {"start", "109.88"}},
                "650.00 × 135.52 / 109.88 = 801.67 (rounded to the cent, half up)."),
       })},
  };
  EXPECT_EQ(j, expected) << j.dump(2);
  // The contract's types: the rent a string with two decimals, index values numbers.
  EXPECT_TRUE(j["rent"].is_string());
  EXPECT_TRUE(j["base_index"]["value"].is_number());
  EXPECT_TRUE(j["factor"].is_number());
}

TEST(CalculatorsCli, IndexCorrectionFactorJson) {
  // 700.00, signed 2019-11-05 → starting index 2019-10 = 108.98; in force 2019-12-01; class E.
  // Frozen anniversary 2022-12-01 (2022 cohort): 2022-11 = 127.44, previous 2021-11 = 115.20;
  // factor (115.20 + 127.44) / (2 × 127.44) = 242.64 / 254.88 = 0.951977…
  // On 2023-12-01 (2023-11 = 128.55): 700 × 128.55 / 108.98 × 242.64 / 254.88 = 786.0496… → "786.05".
  const auto r = run_hms({"index", "--rent", "700", "--signed", "2019-11-05", "--start", "2019-12-01", "--on",
                          "2023-12-01", "--peb", "E", "--json"});
  const json j = json_of(r);
  const json expected = {
      {"rent", "786.05"},
      {"base_index", {{"month", "2019-10"}, {"value", 108.98}, {"status", "verified"}}},
      {"new_index", {{"month", "2023-11"}, {"value", 128.55}, {"status", "verified"}}},
      {"anniversary", "2023-12-01"},
      {"regime", "correction_factor"},
      {"factor", 0.951977},
      {"steps",
       json::array({
           step("indexation.step.base_rent", {{"rent", "700.00"}}, "Base rent stated in the lease: 700.00."),
           step("indexation.step.base_index", {{"month", "2019-10"}, {"signed", "2019-11-05"}, {"value", "108.98"}},
                "Starting index: the health index of 2019-10, the month before the lease was signed (2019-11-05): 108.98."),
           step("indexation.step.anniversary", {{"date", "2023-12-01"}, {"n", "4"}},
                "Anniversary applied: 2023-12-01 (anniversary number 4 of the entry into force)."),
           step("indexation.step.new_index", {{"month", "2023-11"}, {"value", "128.55"}},
                "New index: the health index of 2023-11, the month before the anniversary month: 128.55."),
           step("indexation.step.correction_e",
                {{"frozen", "127.44"}, {"frozen_date", "2022-12-01"}, {"frozen_month", "2022-11"}, {"previous", "115.20"},
                 {"previous_month", "2021-11"}},
                "The lease was in force before 14 October 2022 with class E: a correction factor keeps half of the rise "
                "lost at the anniversary of 2022-12-01: (115.20 + 127.44) / (2 × 127.44)."),
           step("indexation.step.correction_cohort_2022_unverified", json::object(),
                "The factor for anniversaries between 14 October and 31 December 2022 comes from secondary sources, not "
                "yet from the text of the ordinance of 13 October 2023."),
           step("indexation.step.formula_with_factor",
                {{"factor", "0.951977"}, {"new", "128.55"}, {"rent", "700.00"}, {"result", "786.05"}, {"start", "108.98"}},
                "700.00 × 128.55 / 108.98 × 0.951977 = 786.05 (rounded to the cent, half up)."),
       })},
  };
  EXPECT_EQ(j, expected) << j.dump(2);
}

TEST(CalculatorsCli, IndexRegimesWithoutIndexation) {
  // Unregistered, no certificate, before the first anniversary: the base rent, no index.
  struct Case {
    std::vector<std::string> extra;
    const char* on;
    const char* regime;
  };
  for (const auto& c : std::vector<Case>{{{"--peb", "C", "--registered", "no"}, "2025-02-01", "unregistered"},
                                         {{"--peb", "none"}, "2025-02-01", "no_certificate"},
                                         {{"--peb", "C"}, "2022-01-31", "before_first_anniversary"}}) {
    std::vector<std::string> args = {"index", "--rent", "650", "--signed", "2021-01-15", "--start", "2021-02-01",
                                     "--on", c.on, "--json"};
    args.insert(args.end(), c.extra.begin(), c.extra.end());
    const json j = json_of(run_hms(args));
    EXPECT_EQ(j["rent"], "650.00") << c.regime;
    EXPECT_EQ(j["regime"], c.regime);
    EXPECT_TRUE(j["base_index"].is_null()) << c.regime;
    EXPECT_TRUE(j["new_index"].is_null()) << c.regime;
    EXPECT_EQ(j["factor"], 1.0) << c.regime;
  }
}

TEST(CalculatorsCli, IndexLimitationAndUnverifiedIndexSteps) {
  // 800.00, signed 2020-09-20 (2020-08 = 110.20), in force 2020-10-14, class F, on 2022-10-14:
  // first day of the limitation; the rent stays last year's: 800 × 112.29 / 110.20 = 815.17.
  json j = json_of(run_hms({"index", "--rent", "800", "--signed", "2020-09-20", "--start", "2020-10-14", "--on",
                            "2022-10-14", "--peb", "F", "--json"}));
  EXPECT_EQ(j["rent"], "815.17");
  EXPECT_EQ(j["regime"], "limitation_2022");
  EXPECT_EQ(j["steps"][4]["key"], "indexation.step.limitation_fg");
  // 700.00, signed 2021-02-15 (2021-01 = 110.35), in force 2021-03-01, class G, on 2026-03-01:
  // 2026-02 = 138.06 comes from a single secondary source, and the steps say so.
  // 700 × 138.06 / 110.35 × 118.74 / 126.86 = 819.7207… → 819.72.
  j = json_of(run_hms({"index", "--rent", "700", "--signed", "2021-02-15", "--start", "2021-03-01", "--on", "2026-03-01",
                       "--peb", "G", "--json"}));
  EXPECT_EQ(j["rent"], "819.72");
  EXPECT_EQ(j["new_index"], (json{{"month", "2026-02"}, {"value", 138.06}, {"status", "single_secondary_source"}}));
  EXPECT_EQ(j["steps"][4]["key"], "indexation.step.index_unverified");
  EXPECT_EQ(j["steps"][4]["params"]["month"], "2026-02");
}

TEST(CalculatorsCli, IndexTextOutput) {
  const auto r = run_hms({"index", "--rent", "650.00", "--signed", "2021-01-15", "--start", "2021-02-01", "--on",
                          "2025-02-01", "--peb", "C"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  EXPECT_EQ(r.out,
            "- Base rent stated in the lease: 650.00.\n"
            "- Starting index: the health index of 2020-12, the month before the lease was signed (2021-01-15): 109.88.\n"
            "- Anniversary applied: 2025-02-01 (anniversary number 4 of the entry into force).\n"
            "- New index: the health index of 2025-01, the month before the anniversary month: 135.52.\n"
            "- Standard indexation: base rent × new index / starting index.\n"
            "- 650.00 × 135.52 / 109.88 = 801.67 (rounded to the cent, half up).\n"
            "New rent: 801.67\n");
  EXPECT_TRUE(r.err.empty()) << show(r);
}

TEST(CalculatorsCli, IndexStepsInFrench) {
  const auto r = run_hms({"index", "--rent", "650.00", "--signed", "2021-01-15", "--start", "2021-02-01", "--on",
                          "2025-02-01", "--peb", "C"},
                         "", {{"HMS_LANG", "fr"}});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  EXPECT_EQ(r.out,
            "- Loyer de base indiqué dans le bail : 650.00.\n"
            "- Indice de départ : l'indice santé de 2020-12, le mois précédant la signature du bail (2021-01-15) : 109.88.\n"
            "- Anniversaire appliqué : 2025-02-01 (4e anniversaire de l'entrée en vigueur).\n"
            "- Nouvel indice : l'indice santé de 2025-01, le mois précédant le mois de l'anniversaire : 135.52.\n"
            "- Indexation ordinaire : loyer de base × nouvel indice / indice de départ.\n"
            "- 650.00 × 135.52 / 109.88 = 801.67 (arrondi au cent, la moitié vers le haut).\n"
            "Nouveau loyer : 801.67\n");
  // In JSON, the keys stay the same and the texts are French.
  const json j = json_of(run_hms({"index", "--rent", "700", "--signed", "2019-11-05", "--start", "2019-12-01", "--on",
                                  "2023-12-01", "--peb", "F", "--json"},
                                 "", {{"HMS_LANG", "fr"}}));
  EXPECT_EQ(j["steps"][5]["key"], "indexation.step.correction_cohort_2022_unverified");
  EXPECT_EQ(j["steps"][5]["text"],
            "Le facteur pour les anniversaires entre le 14 octobre et le 31 décembre 2022 provient de sources "
            "secondaires, pas encore du texte de l'ordonnance du 13 octobre 2023.");
  EXPECT_TRUE(contains(j["steps"][4]["text"].get<std::string>(), "classe F ou G")) << j.dump(2);
}

TEST(CalculatorsCli, IndexUnpublishedMonthIsAnError) {
  // Anniversary 2027-03-01 needs 2027-02; the table ends with 2026-06.
  const auto r = run_hms({"index", "--rent", "650", "--signed", "2021-01-15", "--start", "2021-03-01", "--on",
                          "2027-03-01", "--peb", "C", "--json"});
  EXPECT_EQ(r.exit_code, 2) << show(r);
  EXPECT_TRUE(r.out.empty()) << show(r);
  EXPECT_EQ(r.err,
            "hms: The health index of 2027-02 is not known yet (the last one known is 2026-06): this indexation cannot "
            "be computed before it is published.\n");
  const auto fr = run_hms({"index", "--rent", "650", "--signed", "2021-01-15", "--start", "2021-03-01", "--on",
                           "2027-03-01", "--peb", "C"},
                          "", {{"HMS_LANG", "fr"}});
  EXPECT_EQ(fr.exit_code, 2) << show(fr);
  EXPECT_TRUE(contains(fr.err, "2027-02")) << show(fr);
  EXPECT_TRUE(contains(fr.err, "n'est pas encore connu")) << show(fr);
}

// Regression: without --peb the reference example gave 650.00 (no certificate) instead of 801.67.
// Omitting the class means "not said": taken as not limiting (A–D), and the steps say so where
// the class could have changed the result.
TEST(CalculatorsCli, IndexWithoutPebTakesTheClassAsNotLimitingAndSaysSo) {
  const auto r = run_hms({"index", "--rent", "650", "--signed", "2021-01-15", "--start", "2021-02-01", "--on",
                          "2025-02-01", "--json"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  const auto j = json::parse(r.out);
  EXPECT_EQ(j["rent"], "801.67");
  EXPECT_EQ(j["regime"], "standard");
  EXPECT_TRUE(contains(r.out, "indexation.step.peb_not_given")) << show(r);
  // A lease that started after the limitation: the class changes nothing, no note.
  const auto later = run_hms({"index", "--rent", "650", "--signed", "2023-01-10", "--start", "2023-11-01", "--on",
                              "2025-11-01", "--json"});
  ASSERT_EQ(later.exit_code, 0) << show(later);
  EXPECT_FALSE(contains(later.out, "peb_not_given")) << show(later);
}

// Regression: a lease signed before the table's first month was told its index "is not known yet".
TEST(CalculatorsCli, IndexBeforeTheTableSaysSo) {
  const auto r = run_hms({"index", "--rent", "650", "--signed", "2014-06-10", "--start", "2014-07-01", "--on",
                          "2016-07-01", "--peb", "C"});
  EXPECT_EQ(r.exit_code, 2) << show(r);
  EXPECT_TRUE(contains(r.err, "2014-05")) << show(r);
  EXPECT_TRUE(contains(r.err, "2015-01")) << show(r);
  EXPECT_FALSE(contains(r.err, "not known yet")) << show(r);
}

TEST(CalculatorsCli, IndexBadArgumentsExitTwo) {
  const std::vector<std::string> base = {"index", "--rent", "650", "--signed", "2021-01-15", "--start", "2021-02-01",
                                         "--on", "2025-02-01"};
  auto with = [&](std::vector<std::string> extra) {
    auto args = base;
    args.insert(args.end(), extra.begin(), extra.end());
    return run_hms(args);
  };
  for (const char* peb : {"H", "AB", "", "0"}) {
    const auto r = with({"--peb", peb});
    EXPECT_EQ(r.exit_code, 2) << peb << "\n" << show(r);
    EXPECT_TRUE(r.out.empty()) << show(r);
    EXPECT_EQ(r.err, "hms: Enter the energy certificate's class: a letter from A to G, or none.\n") << peb;
  }
  auto r = with({"--peb", "C", "--registered", "maybe"});
  EXPECT_EQ(r.exit_code, 2) << show(r);
  EXPECT_TRUE(contains(r.err, "registered")) << show(r);
  r = run_hms({"index", "--rent", "650", "--signed", "2021-02-30", "--start", "2021-02-01", "--on", "2025-02-01"});
  EXPECT_EQ(r.exit_code, 2) << show(r);
  r = run_hms({"index", "--rent", "abc", "--signed", "2021-01-15", "--start", "2021-02-01", "--on", "2025-02-01"});
  EXPECT_EQ(r.exit_code, 2) << show(r);
  r = run_hms({"index", "--rent", "650", "--signed", "2021-01-15", "--start", "2021-02-01", "--on", "2021-01-01",
               "--peb", "C"});
  EXPECT_EQ(r.exit_code, 2) << show(r);
  EXPECT_EQ(r.err, "hms: The date asked for must be on or after the lease's entry into force.\n") << show(r);
  r = run_hms({"index", "--rent", "650", "--signed", "2021-01-15", "--start", "2021-02-01"});  // --on missing
  EXPECT_EQ(r.exit_code, 2) << show(r);
  EXPECT_TRUE(contains(r.err, "--on")) << show(r);
}

// ---- hms eligibility --------------------------------------------------------------------------

TEST(CalculatorsCli, EligibilityContractExampleJson) {
  // 2024: 34,919.57 + 2 × 2,618.96 = 40,157.49; 45,000 / 40,157.49 = 1.1206 → 1.12: moderate.
  const auto r = run_hms({"eligibility", "--year", "2024", "--adults", "2", "--incomes", "2", "--children", "2",
                          "--income", "45000", "--json"});
  const json j = json_of(r);
  EXPECT_EQ(j, (json{{"ceiling", "40157.49"},
                     {"ratio", 1.12},
                     {"band", "moderate"},
                     {"composition", "two_or_more_incomes"},
                     {"year", 2024},
                     {"status", "verified"},
                     {"source", "binhome.brussels (candidats)"}}))
      << j.dump(2);
  EXPECT_TRUE(j["ceiling"].is_string());
  EXPECT_TRUE(j["ratio"].is_number());
}

TEST(CalculatorsCli, EligibilityHouseholdsAndBands) {
  struct Case {
    std::vector<std::string> args;
    const char* ceiling;
    double ratio;
    const char* band;
  };
  const std::vector<Case> cases = {
      // Single person 2024: 27,499.10, exactly 100 %.
      {{"--adults", "1", "--incomes", "1", "--children", "0", "--income", "27499.10"}, "27499.10", 1.0, "eligible"},
      // One cent above 100 %: moderate.
      {{"--adults", "1", "--incomes", "1", "--children", "0", "--income", "27499.11"}, "27499.10", 1.0, "moderate"},
      // 150 % = 41,248.65 exactly; one cent more is middle.
      {{"--adults", "1", "--incomes", "1", "--children", "0", "--income", "41248.65"}, "27499.10", 1.5, "moderate"},
      {{"--adults", "1", "--incomes", "1", "--children", "0", "--income", "41.248,66"}, "27499.10", 1.5, "middle"},
      // 200 % = 54,998.20 exactly; one cent more is above.
      {{"--adults", "1", "--incomes", "1", "--children", "0", "--income", "54998.20"}, "27499.10", 2.0, "middle"},
      {{"--adults", "1", "--incomes", "1", "--children", "0", "--income", "54998.21"}, "27499.10", 2.0, "above"},
      // One adult with one disabled child: 30,554.58 + 2 × 2,618.96 = 35,792.50; 30,000 → 0.84.
      {{"--adults", "1", "--incomes", "1", "--children", "1", "--disabled-children", "1", "--income", "30000"},
       "35792.50", 0.84, "eligible"},
      // Two adults, one disabled, two incomes: 34,919.57 + 5,237.91 = 40,157.48; 60,000 → 1.49.
      {{"--adults", "2", "--incomes", "2", "--children", "0", "--disabled-adults", "1", "--income", "60000"},
       "40157.48", 1.49, "moderate"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {"eligibility", "--year", "2024", "--json"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    const json j = json_of(run_hms(args));
    EXPECT_EQ(j["ceiling"], c.ceiling) << j.dump();
    EXPECT_EQ(j["ratio"], c.ratio) << j.dump();
    EXPECT_EQ(j["band"], c.band) << j.dump();
  }
  // 2023, the contract's household: 33,524.93 + 2 × 2,514.36 = 38,553.65; 45,000 → 1.17.
  const json j = json_of(run_hms({"eligibility", "--year", "2023", "--adults", "2", "--incomes", "2", "--children", "2",
                                  "--income", "45000", "--json"}));
  EXPECT_EQ(j["ceiling"], "38553.65");
  EXPECT_EQ(j["ratio"], 1.17);
  EXPECT_EQ(j["year"], 2023);
}

TEST(CalculatorsCli, EligibilityJsonRatioIsRoundedOnce) {
  // 45,175.17 / 40,157.49 = 1.1249500… : to two decimals, 1.12. Rounding first to four decimals
  // (1.1250) and then to two gives 1.13, which is wrong.
  const json j = json_of(run_hms({"eligibility", "--year", "2024", "--adults", "2", "--incomes", "2", "--children", "2",
                                  "--income", "45175.17", "--json"}));
  EXPECT_EQ(j["ratio"], 1.12) << j.dump();
  EXPECT_EQ(j["band"], "moderate");
}

TEST(CalculatorsCli, EligibilityTextOutput) {
  const auto r = run_hms({"eligibility", "--year", "2024", "--adults", "2", "--incomes", "2", "--children", "2",
                          "--income", "45000"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  EXPECT_EQ(r.out, "2024: the ceiling is 40157.49; the income is 112.06 % of it: moderate income (100 to 150 %).\n");
  const auto fr = run_hms({"eligibility", "--year", "2024", "--adults", "2", "--incomes", "2", "--children", "2",
                           "--income", "45000"},
                          "", {{"HMS_LANG", "fr"}});
  ASSERT_EQ(fr.exit_code, 0) << show(fr);
  EXPECT_EQ(fr.out, "2024 : le plafond est de 40157.49 ; le revenu en représente 112.06 % : revenus modérés (100 à 150 %).\n");
}

TEST(CalculatorsCli, EligibilityUnknownYearExitsTwo) {
  const auto r = run_hms({"eligibility", "--year", "2025", "--adults", "2", "--incomes", "2", "--children", "2",
                          "--income", "45000", "--json"});
  EXPECT_EQ(r.exit_code, 2) << show(r);
  EXPECT_TRUE(r.out.empty()) << show(r);
  EXPECT_EQ(r.err, "hms: There is no verified admission-income table for 2025. Verified years: 2019, 2023, 2024.\n");
}

TEST(CalculatorsCli, EligibilityInvalidHouseholdExitsTwo) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"--adults", "0", "--incomes", "0", "--children", "0"},
           {"--adults", "1", "--incomes", "2", "--children", "0"},
           {"--adults", "1", "--incomes", "1", "--children", "1", "--disabled-children", "2"},
           {"--adults", "1", "--incomes", "1", "--children", "0", "--disabled-adults", "2"}}) {
    std::vector<std::string> all = {"eligibility", "--year", "2024", "--income", "1000"};
    all.insert(all.end(), args.begin(), args.end());
    const auto r = run_hms(all);
    EXPECT_EQ(r.exit_code, 2) << show(r);
    EXPECT_TRUE(r.out.empty()) << show(r);
    EXPECT_TRUE(r.err.rfind("hms: Check the household:", 0) == 0) << show(r);
  }
  const auto r = run_hms({"eligibility", "--year", "2024", "--adults", "1", "--incomes", "1", "--children", "0",
                          "--income", "-5"});
  EXPECT_EQ(r.exit_code, 2) << show(r);
  EXPECT_EQ(r.err, "hms: Enter an income of zero or more.\n") << show(r);
}

// ---- Help -------------------------------------------------------------------------------------

TEST(CalculatorsCli, HelpExitsZero) {
  for (const char* command : {"index", "eligibility"}) {
    const auto r = run_hms({command, "--help"});
    EXPECT_EQ(r.exit_code, 0) << command << "\n" << show(r);
    EXPECT_TRUE(contains(r.out, "Usage:")) << show(r);
    EXPECT_TRUE(r.err.empty()) << show(r);
  }
  const auto index = run_hms({"index", "--help"});
  for (const char* option : {"--rent", "--signed", "--start", "--on", "--peb", "--registered", "--json"})
    EXPECT_TRUE(contains(index.out, option)) << option << "\n" << show(index);
  const auto eligibility = run_hms({"eligibility", "--help"});
  for (const char* option : {"--year", "--adults", "--incomes", "--children", "--disabled-children", "--disabled-adults",
                             "--income", "--json"})
    EXPECT_TRUE(contains(eligibility.out, option)) << option << "\n" << show(eligibility);
}

}  // namespace
}  // namespace hms::test
