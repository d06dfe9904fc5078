// A dwelling's fields as typed (domain/stock/dwelling: parse_surface, parse_peb_class,
// parse_categories, validate_reference, validate_dwelling) and its status history
// (status_on, days_in_status over half-open periods).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/date.hpp"
#include "common/error.hpp"
#include "domain/stock/dwelling.hpp"

namespace hms::stock {
namespace {

std::chrono::year_month_day day(const char* iso) { return parse_date(iso).value(); }

// The code of the validation error thrown (pointing at `field`), or "" if accepted.
template <typename F>
std::string refusal(F&& f, const std::string& field) {
  try {
    f();
    return "";
  } catch (const DomainError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::validation) << e.code();
    EXPECT_EQ(e.fields().count(field), 1u) << e.code() << " should point at " << field;
    return e.code();
  }
}

// ---- Fields ---------------------------------------------------------------------------------

TEST(ParseSurface, ReadsSquareMetresWithOneDecimalAsTenths) {
  EXPECT_EQ(parse_surface("68,5"), 685);
  EXPECT_EQ(parse_surface("68.5"), 685);
  EXPECT_EQ(parse_surface("68"), 680);
  EXPECT_EQ(parse_surface(" 68,5 "), 685);
  EXPECT_EQ(parse_surface("68.50"), 685) << "a trailing zero is not a second decimal";
  EXPECT_EQ(parse_surface("68."), 680);
  EXPECT_EQ(parse_surface("10"), 100);
  EXPECT_EQ(parse_surface("1000"), 10000);
}

TEST(ParseSurface, EmptyIsNone) {
  EXPECT_FALSE(parse_surface(""));
  EXPECT_FALSE(parse_surface("   "));
}

TEST(ParseSurface, RefusesTwoDecimalsAndOtherText) {
  for (const std::string bad : {"68.55", "68,05", "68,5,1", "68.5.", "sixty", "68 m2", "-68", "6 8", "1e2", ",", "."}) {
    EXPECT_EQ(refusal([&] { parse_surface(bad); }, "surface_m2"), "stock.invalid_surface") << bad;
  }
}

TEST(ParseSurface, RefusesImplausibleSizes) {
  for (const std::string bad : {"9,9", "0", "1000,1", "1001", "99999999999999999999"}) {
    EXPECT_EQ(refusal([&] { parse_surface(bad); }, "surface_m2"), "stock.invalid_surface") << bad;
  }
}

TEST(ParsePebClass, AcceptsAToGInEitherCase) {
  EXPECT_EQ(parse_peb_class("D"), 'D');
  EXPECT_EQ(parse_peb_class("d"), 'D');
  EXPECT_EQ(parse_peb_class(" a "), 'A');
  EXPECT_EQ(parse_peb_class("g"), 'G');
  EXPECT_FALSE(parse_peb_class(""));
  EXPECT_FALSE(parse_peb_class("  "));
}

TEST(ParsePebClass, RefusesOtherLetters) {
  for (const std::string bad : {"H", "h", "AB", "A+", "1", "-"})
    EXPECT_EQ(refusal([&] { parse_peb_class(bad); }, "peb_class"), "stock.invalid_peb_class") << bad;
}

TEST(ParseCategories, SortsDeduplicatesAndLowerCases) {
  EXPECT_EQ(parse_categories("transit, student"), (std::vector<std::string>{"student", "transit"}));
  EXPECT_EQ(parse_categories("Large_Family,transit,large_family"), (std::vector<std::string>{"large_family", "transit"}));
  EXPECT_EQ(parse_categories("disability_adapted"), (std::vector<std::string>{"disability_adapted"}));
  EXPECT_TRUE(parse_categories("").empty());
  EXPECT_TRUE(parse_categories(" , ").empty());
}

TEST(ParseCategories, RefusesAnUnknownOneNamingIt) {
  try {
    parse_categories("transit, penthouse");
    FAIL() << "accepted an unknown category";
  } catch (const DomainError& e) {
    EXPECT_EQ(e.code(), "stock.invalid_category");
    EXPECT_EQ(e.params().at("category"), "penthouse");
    EXPECT_EQ(e.fields().count("categories"), 1u);
  }
}

TEST(DwellingStatus, NamesRoundTrip) {
  for (auto s : kAllDwellingStatuses) EXPECT_EQ(parse_dwelling_status(to_string(s)), s);
  EXPECT_FALSE(parse_dwelling_status("Active"));
  EXPECT_FALSE(parse_dwelling_status("sold"));
  for (auto t : kAllDwellingTypes) EXPECT_EQ(parse_dwelling_type(to_string(t)), t);
  EXPECT_FALSE(parse_dwelling_type("studio"));
}

TEST(ValidateReference, TrimsAndBoundsTheLength) {
  EXPECT_EQ(validate_reference("  IX-0042 "), "IX-0042");
  EXPECT_EQ(validate_reference(std::string(32, 'R')), std::string(32, 'R'));
  for (const std::string& bad : {std::string(""), std::string("   "), std::string(33, 'R'), std::string("IX\t42"), std::string("IX\n42"), std::string("\xC3")})
    EXPECT_EQ(refusal([&] { validate_reference(bad); }, "reference"), "stock.invalid_reference") << bad;
}

Dwelling sample() {
  Dwelling d;
  d.reference = "IX-0042";
  d.street = "Rue de la Paix";
  d.number = "12";
  d.box = "3";
  d.bedrooms = 2;
  d.surface_dm2 = 685;
  d.floor = 2;
  return d;
}

TEST(ValidateDwelling, AcceptsASampleAndReportsEveryProblemAtOnce) {
  EXPECT_NO_THROW(validate_dwelling(sample()));
  Dwelling d = sample();
  d.reference = "";
  d.street = " ";
  d.number = std::string(11, '1');
  d.box = std::string(11, 'b');
  d.floor = 201;
  d.bedrooms = 21;
  d.surface_dm2 = 99;
  try {
    validate_dwelling(d);
    FAIL();
  } catch (const DomainError& e) {
    EXPECT_EQ(e.fields(), (std::map<std::string, std::string>{{"reference", "stock.invalid_reference"},
                                                              {"street", "stock.invalid_street"},
                                                              {"number", "stock.invalid_number"},
                                                              {"box", "stock.invalid_box"},
                                                              {"floor", "stock.invalid_floor"},
                                                              {"bedrooms", "stock.invalid_bedrooms"},
                                                              {"surface_m2", "stock.invalid_surface"}}));
  }
}

TEST(ValidateDwelling, BoundsOfFloorAndBedrooms) {
  Dwelling d = sample();
  for (int ok : {-5, 0, 200}) {
    d.floor = ok;
    EXPECT_NO_THROW(validate_dwelling(d)) << ok;
  }
  d.floor = -6;
  EXPECT_THROW(validate_dwelling(d), DomainError);
  d = sample();
  for (int ok : {0, 20}) {
    d.bedrooms = ok;
    EXPECT_NO_THROW(validate_dwelling(d)) << ok;
  }
  d.bedrooms = -1;
  EXPECT_THROW(validate_dwelling(d), DomainError);
}

// Regression: a street in invalid UTF-8 (a form's "%C3", a file in Latin-1) was stored, and
// every JSON answer listing the dwelling then failed with a 500.
TEST(ValidateDwelling, InvalidUtf8IsRefused) {
  const std::string broken = "Rue de la Paix \xC3";
  for (const char* field : {"street", "number", "box", "peb_number", "cadastral_reference"}) {
    Dwelling d = sample();
    if (std::string(field) == "street") d.street = broken;
    if (std::string(field) == "number") d.number = "1\xE9";
    if (std::string(field) == "box") d.box = "\xFF";
    if (std::string(field) == "peb_number") d.peb_number = "2024\xC3";
    if (std::string(field) == "cadastral_reference") d.cadastral_reference = "21009\x80";
    try {
      validate_dwelling(d);
      ADD_FAILURE() << field << " in invalid UTF-8 accepted";
    } catch (const DomainError& e) {
      EXPECT_EQ(e.fields().count(field), 1u) << field << ": " << e.code();
    }
  }
  EXPECT_EQ(refusal([&] { validate_reference("IX-\xC3"); }, "reference"), "stock.invalid_reference");
}

TEST(ValidateDwelling, LengthsCountCharactersNotBytes) {
  Dwelling d = sample();
  std::string e_acute = "\xC3\xA9";
  std::string street;
  for (int i = 0; i < 120; ++i) street += e_acute;  // 120 characters, 240 bytes
  d.street = street;
  EXPECT_NO_THROW(validate_dwelling(d));
  d.street += e_acute;
  EXPECT_THROW(validate_dwelling(d), DomainError);
  std::string reference;
  for (int i = 0; i < 32; ++i) reference += e_acute;
  EXPECT_EQ(validate_reference(reference), reference);
  EXPECT_THROW(validate_reference(reference + "R"), DomainError);
  d = sample();
  d.street = "Chauss\xC3\xA9" "e de Wavre";
  EXPECT_NO_THROW(validate_dwelling(d));
}

// ---- Status history -------------------------------------------------------------------------

// active [2024-03-01, 2025-12-15), vacant [2025-12-15, 2026-01-20), works [2026-01-20,
// 2026-02-01), active [2026-02-01, …).
std::vector<StatusPeriod> history() {
  return {
      {DwellingStatus::active, day("2024-03-01"), day("2025-12-15"), 0, {}, {}},
      {DwellingStatus::vacant, day("2025-12-15"), day("2026-01-20"), 0, {}, {}},
      {DwellingStatus::works, day("2026-01-20"), day("2026-02-01"), 0, {}, {}},
      {DwellingStatus::active, day("2026-02-01"), std::nullopt, 0, {}, {}},
  };
}

TEST(StatusOn, FollowsHalfOpenPeriods) {
  const auto h = history();
  EXPECT_FALSE(status_on(h, day("2024-02-29"))) << "before the first period";
  EXPECT_EQ(status_on(h, day("2024-03-01")), DwellingStatus::active) << "the first day is in";
  EXPECT_EQ(status_on(h, day("2025-12-14")), DwellingStatus::active) << "the last day before the change";
  EXPECT_EQ(status_on(h, day("2025-12-15")), DwellingStatus::vacant) << "the end day belongs to the next period";
  EXPECT_EQ(status_on(h, day("2026-01-19")), DwellingStatus::vacant);
  EXPECT_EQ(status_on(h, day("2026-01-20")), DwellingStatus::works);
  EXPECT_EQ(status_on(h, day("2026-01-31")), DwellingStatus::works);
  EXPECT_EQ(status_on(h, day("2026-02-01")), DwellingStatus::active);
  EXPECT_EQ(status_on(h, day("2099-12-31")), DwellingStatus::active) << "the running period has no end";
  EXPECT_FALSE(status_on({}, day("2026-01-01")));
}

TEST(StatusOn, AZeroLengthPeriodCoversNoDay) {
  // Two changes on the same day: vacant [2026-03-01, 2026-03-01) then works from 2026-03-01.
  std::vector<StatusPeriod> h = {
      {DwellingStatus::active, day("2026-01-01"), day("2026-03-01"), 0, {}, {}},
      {DwellingStatus::vacant, day("2026-03-01"), day("2026-03-01"), 0, {}, {}},
      {DwellingStatus::works, day("2026-03-01"), std::nullopt, 0, {}, {}},
  };
  EXPECT_EQ(status_on(h, day("2026-03-01")), DwellingStatus::works);
  EXPECT_EQ(days_in_status(h, DwellingStatus::vacant, day("2026-01-01"), day("2027-01-01")), 0);
}

// The period in force on a day is what a person reads as "the status" (issue 15.9): a period
// starting after that day is planned, not current.
TEST(PeriodOn, APeriodStartingLaterIsNotInForceYet) {
  std::vector<StatusPeriod> h = {
      {DwellingStatus::active, day("2026-01-01"), day("2027-01-01"), 0, {}, {}},
      {DwellingStatus::vacant, day("2027-01-01"), std::nullopt, 0, {}, {}},
  };
  ASSERT_NE(period_on(h, day("2026-12-06")), nullptr);
  EXPECT_EQ(period_on(h, day("2026-12-06"))->status, DwellingStatus::active) << "vacant is only planned";
  EXPECT_EQ(period_on(h, day("2027-01-01"))->status, DwellingStatus::vacant);
  EXPECT_EQ(period_on(h, day("2025-12-31")), nullptr) << "before the first period";
}

TEST(VacancyReason, EveryReasonReadsBackAndAnUnknownOneIsNone) {
  for (auto r : kAllVacancyReasons) EXPECT_EQ(parse_vacancy_reason(to_string(r)), r);
  EXPECT_FALSE(parse_vacancy_reason("bored"));
  EXPECT_FALSE(parse_vacancy_reason(""));
}

TEST(DaysInStatus, CountsAVacancyAcrossNewYearInEachYear) {
  const auto h = history();
  // Vacant 2025-12-15 … 2026-01-19: 17 days in 2025 (15–31 Dec), 19 days in 2026 (1–19 Jan).
  EXPECT_EQ(days_in_status(h, DwellingStatus::vacant, day("2025-01-01"), day("2026-01-01")), 17);
  EXPECT_EQ(days_in_status(h, DwellingStatus::vacant, day("2026-01-01"), day("2027-01-01")), 19);
  EXPECT_EQ(days_in_status(h, DwellingStatus::vacant, day("2025-01-01"), day("2027-01-01")), 36);
  // Works 2026-01-20 … 2026-01-31.
  EXPECT_EQ(days_in_status(h, DwellingStatus::works, day("2026-01-01"), day("2027-01-01")), 12);
  // Active in 2025: 1 Jan … 14 Dec = 348 days; in 2026: from 1 Feb, 334 days.
  EXPECT_EQ(days_in_status(h, DwellingStatus::active, day("2025-01-01"), day("2026-01-01")), 348);
  EXPECT_EQ(days_in_status(h, DwellingStatus::active, day("2026-01-01"), day("2027-01-01")), 334);
  // Every day of a year is in exactly one status.
  int total = 0;
  for (auto s : kAllDwellingStatuses) total += days_in_status(h, s, day("2026-01-01"), day("2027-01-01"));
  EXPECT_EQ(total, 365);
  // Including 2024 (a leap year) from the first day: 306 days from 1 March.
  EXPECT_EQ(days_in_status(h, DwellingStatus::active, day("2024-01-01"), day("2025-01-01")), 306);
}

TEST(DaysInStatus, WindowBoundariesAreHalfOpenToo) {
  const auto h = history();
  EXPECT_EQ(days_in_status(h, DwellingStatus::vacant, day("2025-12-15"), day("2025-12-16")), 1);
  EXPECT_EQ(days_in_status(h, DwellingStatus::vacant, day("2026-01-20"), day("2026-02-20")), 0);
  EXPECT_EQ(days_in_status(h, DwellingStatus::vacant, day("2026-01-19"), day("2026-01-20")), 1);
  EXPECT_EQ(days_in_status(h, DwellingStatus::vacant, day("2025-12-20"), day("2025-12-20")), 0) << "empty window";
  EXPECT_EQ(days_in_status(h, DwellingStatus::vacant, day("2026-01-01"), day("2025-01-01")), 0) << "reversed window";
  EXPECT_EQ(days_in_status(h, DwellingStatus::ended, day("2000-01-01"), day("2100-01-01")), 0);
}

}  // namespace
}  // namespace hms::stock
