// The field parsers shared by the forms, the API, the import and the command line: every form
// each accepts, and every text it refuses refused with the caller's code (never its own), and
// read_field / optional_field putting that code on the field named.
#include "app/fields/fields.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <limits>

namespace hms::app::fields {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

// The code a parse was refused with, or "ok".
std::string refusal(const std::function<void()>& parse) {
  try {
    parse();
    return "ok";
  } catch (const DomainError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::validation);
    EXPECT_TRUE(e.fields().empty());
    return e.code();
  }
}

TEST(Fields, Dates) {
  EXPECT_EQ(parse_date("2026-11-29", "x.date"), year{2026} / month{11} / day{29});
  EXPECT_EQ(parse_date("  2024-02-29 ", "x.date"), year{2024} / month{2} / day{29});
  for (const char* text : {"", " ", "2026-02-29", "2026-13-01", "29/11/2026", "2026-1-1", "2026-11-29x", "20261129"})
    EXPECT_EQ(refusal([&] { parse_date(text, "owners.bad_end"); }), "owners.bad_end") << text;
}

// Issue 15.6: a date typed in a form, day first or ISO, as ISO; "31/02/2026" flagged.
TEST(Fields, TypedDates) {
  bool no_day = true;
  for (const char* text : {"05/09/2026", "5/9/2026", "5.9.2026", "05-09-2026", "2026-09-05", " 05/09/2026 "}) {
    EXPECT_EQ(iso_of_typed_date(text, &no_day), "2026-09-05") << text;
    EXPECT_FALSE(no_day) << text;
  }
  EXPECT_EQ(iso_of_typed_date("31/02/2026", &no_day), "2026-02-31");
  EXPECT_TRUE(no_day) << "a date's shape naming no day";
  EXPECT_EQ(iso_of_typed_date("2026-02-31", &no_day), "2026-02-31");
  EXPECT_TRUE(no_day);
  EXPECT_EQ(iso_of_typed_date("tomorrow", &no_day), "tomorrow") << "left for parse_date to refuse";
  EXPECT_FALSE(no_day);
  EXPECT_EQ(refusal([&] { parse_date(iso_of_typed_date("31/02/2026"), "common.invalid_date"); }), "common.invalid_date");
}

TEST(Fields, Integers) {
  EXPECT_EQ(parse_int("3", 0, 20, "x"), 3);
  EXPECT_EQ(parse_int(" 007 ", 0, 20, "x"), 7);
  EXPECT_EQ(parse_int("-2", -5, 200, "x"), -2);
  EXPECT_EQ(parse_int("0", 0, 0, "x"), 0);
  EXPECT_EQ(parse_int("9223372036854775807", 0, kMax, "x"), kMax);
  EXPECT_EQ(parse_int("-9223372036854775808", kMin, 0, "x"), kMin);
  for (const char* text : {"", " ", "-", "+3", "3.0", "3,5", "1 000", "abc", "3a", "--3", "0x10", "½"})
    EXPECT_EQ(refusal([&] { parse_int(text, -100, 100, "stock.invalid_floor"); }), "stock.invalid_floor") << text;
}

TEST(Fields, IntegerBounds) {
  EXPECT_EQ(parse_int("20", 0, 20, "x"), 20);
  EXPECT_EQ(parse_int("-5", -5, 200, "x"), -5);
  EXPECT_EQ(refusal([] { parse_int("21", 0, 20, "stock.invalid_bedrooms"); }), "stock.invalid_bedrooms");
  EXPECT_EQ(refusal([] { parse_int("-1", 0, 20, "stock.invalid_bedrooms"); }), "stock.invalid_bedrooms");
  EXPECT_EQ(refusal([] { parse_int("-6", -5, 200, "stock.invalid_floor"); }), "stock.invalid_floor");
  // Beyond int64 on either side: refused, never wrapped.
  EXPECT_EQ(refusal([] { parse_int("9223372036854775808", 0, kMax, "common.invalid_id"); }), "common.invalid_id");
  EXPECT_EQ(refusal([] { parse_int("-9223372036854775809", kMin, 0, "common.invalid_id"); }), "common.invalid_id");
  EXPECT_EQ(refusal([] { parse_int("99999999999999999999999", kMin, kMax, "common.invalid_id"); }), "common.invalid_id");
}

TEST(Fields, Money) {
  EXPECT_EQ(parse_money("745", "x").cents(), 74500);
  EXPECT_EQ(parse_money(" 745,50 ", "x").cents(), 74550);
  EXPECT_EQ(parse_money("1.234,56", "x").cents(), 123456);
  EXPECT_EQ(parse_money("1 234,56", "x").cents(), 123456);
  EXPECT_EQ(parse_money("1,234.56", "x").cents(), 123456);
  EXPECT_EQ(parse_money("745,50 €", "x").cents(), 74550);
  EXPECT_EQ(parse_money("-12.5", "x").cents(), -1250);
  // Each of Money::parse's own codes (empty, invalid, ambiguous, too many decimals, overflow)
  // becomes the caller's.
  for (const char* text : {"", "abc", "1.234", "745,505", "99999999999999999999", "12 €x"})
    EXPECT_EQ(refusal([&] { parse_money(text, "owners.invalid_rent"); }), "owners.invalid_rent") << text;
}

TEST(Fields, YesNo) {
  for (const char* text : {"yes", "YES", " true ", "1", "oui", "Oui", "ja", "on"}) EXPECT_TRUE(parse_yes_no(text, "x")) << text;
  for (const char* text : {"no", "No", "false", "0", "non", "NEE", "off"}) EXPECT_FALSE(parse_yes_no(text, "x")) << text;
  for (const char* text : {"", " ", "y", "n", "maybe", "2", "yes!", "si", "oui non"})
    EXPECT_EQ(refusal([&] { parse_yes_no(text, "owners.invalid_yes_no"); }), "owners.invalid_yes_no") << text;
}

TEST(Fields, Percentages) {
  EXPECT_EQ(parse_percent("8", "x").basis_points(), 800);
  EXPECT_EQ(parse_percent("8,5", "x").basis_points(), 850);
  EXPECT_EQ(parse_percent("8.25 %", "x").basis_points(), 825);
  EXPECT_EQ(parse_percent(" 8,5% ", "x").basis_points(), 850);
  EXPECT_EQ(parse_percent("0", "x").basis_points(), 0);
  EXPECT_EQ(parse_percent("8,", "x").basis_points(), 800);
  EXPECT_EQ(parse_percent(",5", "x").basis_points(), 50);
  EXPECT_EQ(parse_percent("9999.99", "x").basis_points(), 999999);
  for (const char* text : {"", " ", "%", "-1", "8,555", "8,5,5", "8.5.", "abc", "8 %%", "10000", "1e2", "8 5"})
    EXPECT_EQ(refusal([&] { parse_percent(text, "owners.invalid_management_fee"); }), "owners.invalid_management_fee")
        << text;
}

// Regression: the owners' copy read "." and "," as 0 % (a mandate without commission).
TEST(Fields, APercentageNeedsADigit) {
  for (const char* text : {".", ",", " . %", ",%"})
    EXPECT_EQ(refusal([&] { parse_percent(text, "owners.invalid_management_fee"); }), "owners.invalid_management_fee")
        << text;
}

TEST(Fields, ReadFieldPutsTheCodeOnTheField) {
  Problems problems;
  EXPECT_EQ(read_field("oui", "registered", problems, parse_yes_no, "indexation.invalid_registered"), true);
  EXPECT_EQ(read_field("peut-être", "registered", problems, parse_yes_no, "indexation.invalid_registered"), std::nullopt);
  EXPECT_EQ(read_field("x", "floor", problems, parse_int, -5, 200, "stock.invalid_floor"), std::nullopt);
  try {
    problems.throw_if_any();
    FAIL() << "no problem";
  } catch (const DomainError& e) {
    EXPECT_EQ(e.code(), "indexation.invalid_registered");
    EXPECT_EQ(e.fields(), (std::map<std::string, std::string>{{"floor", "stock.invalid_floor"},
                                                              {"registered", "indexation.invalid_registered"}}));
  }
}

TEST(Fields, AnOptionalFieldLeftBlankIsNone) {
  Problems problems;
  EXPECT_EQ(optional_field(std::nullopt, "end", problems, parse_date, "common.invalid_date"), std::nullopt);
  EXPECT_EQ(optional_field(std::string(" "), "end", problems, parse_date, "common.invalid_date"), std::nullopt);
  EXPECT_NO_THROW(problems.throw_if_any());
  EXPECT_EQ(optional_field(std::string("2027-02-28"), "end", problems, parse_date, "common.invalid_date"),
            year{2027} / month{2} / day{28});
  EXPECT_EQ(optional_field(std::string("2027-02-29"), "end", problems, parse_date, "common.invalid_date"), std::nullopt);
  try {
    problems.throw_if_any();
    FAIL() << "no problem";
  } catch (const DomainError& e) {
    EXPECT_EQ(e.fields(), (std::map<std::string, std::string>{{"end", "common.invalid_date"}}));
  }
}

}  // namespace
}  // namespace hms::app::fields
