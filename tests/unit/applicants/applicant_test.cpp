// The applicant's rules: the national register number (mod 97, the "2" prefix for births from
// 2000), the masked form, the household as the admission incomes count it, the band (none for
// a year without a table), may_be_housed, the field checks (every problem at once) and the
// renewal of candidacy.
#include <gtest/gtest.h>

#include "common/error.hpp"
#include "domain/applicants/applicant.hpp"
#include "domain/applicants/national_number.hpp"

namespace hms::applicants {
namespace {

using namespace std::chrono;

TEST(NationalNumber, ChecksTheDigitsOfABirthBefore2000) {
  EXPECT_TRUE(is_valid_national_number("85073003328"));
  EXPECT_FALSE(is_valid_national_number("85073003329"));
  EXPECT_FALSE(is_valid_national_number("85073003300"));
  EXPECT_FALSE(is_valid_national_number("8507300332"));
}

TEST(NationalNumber, ChecksTheDigitsOfABirthFrom2000WithTheTwoPrefix) {
  EXPECT_TRUE(is_valid_national_number("17073003384"));   // 2017: 97 - (2170730033 mod 97)
  EXPECT_FALSE(is_valid_national_number("17073003383"));
  EXPECT_TRUE(is_valid_national_number("12030124527"));
  EXPECT_FALSE(is_valid_national_number("12030124528"));
}

TEST(NationalNumber, AcceptsPunctuationAndRefusesTheRest) {
  EXPECT_EQ(normalize_national_number("85.07.30-033.28"), std::optional<std::string>("85073003328"));
  EXPECT_EQ(normalize_national_number("850730 033 28"), std::optional<std::string>("85073003328"));
  EXPECT_EQ(normalize_national_number("85/07/30-033-28"), std::optional<std::string>("85073003328"));
  EXPECT_FALSE(normalize_national_number("8507300332"));
  EXPECT_FALSE(normalize_national_number("850730033280"));
  EXPECT_FALSE(normalize_national_number("85O73003328"));
  EXPECT_FALSE(normalize_national_number(""));
  EXPECT_FALSE(normalize_national_number("85.07.30-033.29"));
}

TEST(NationalNumber, IsShownMaskedOrFormatted) {
  EXPECT_EQ(mask_national_number("85073003328"), "85.07.30-xxx.xx");
  EXPECT_EQ(format_national_number("85073003328"), "85.07.30-033.28");
}

TEST(NationalNumber, NotBeforeTheCheck) {
  // 1917 and 2017 share the digits: the pre-2000 check digits (55) are valid too, for 1917.
  EXPECT_TRUE(is_valid_national_number("17073003355"));
}

Applicant amina() {
  Applicant a;
  a.registered_on = 2025y / March / 14;
  a.status_since = a.renewed_on = a.registered_on;
  a.income_year = 2024;
  a.income = Money::from_cents(2'140'000);
  a.incomes = 1;
  a.members.push_back({"Amina", "El Idrissi", 1985y / July / 30, Relation::applicant, false, false, "85.07.30-033.28"});
  a.members.push_back({"Yasmine", "El Idrissi", 2017y / July / 30, Relation::child, true, false, ""});
  return a;
}

AdmissionIncomeTable table_2024() {
  AdmissionIncomeTable t;
  AdmissionIncomes y;
  y.year = 2024;
  y.single = Money::from_cents(2'619'300);
  y.household_one_income = Money::from_cents(2'910'292);
  y.household_two_or_more_incomes = Money::from_cents(3'326'049);
  y.per_dependent_child = Money::from_cents(261'896);
  y.per_disabled_adult = Money::from_cents(523'792);
  y.status = "verified";
  t.add(y);
  return t;
}

TEST(Applicant, NameIsTheApplicantMember) {
  auto a = amina();
  std::swap(a.members[0], a.members[1]);
  EXPECT_EQ(a.name(), "Amina El Idrissi");
}

TEST(Applicant, HouseholdCountsDependentsAsChildren) {
  auto a = amina();
  a.members.push_back({"Omar", "El Idrissi", 2019y / May / 1, Relation::child, true, true, ""});
  a.members.push_back({"Fatima", "Benali", 1950y / May / 1, Relation::other, false, true, ""});
  const auto h = household_of(a);
  EXPECT_EQ(h.adults, 2);
  EXPECT_EQ(h.children, 2);
  EXPECT_EQ(h.disabled_children, 1);
  EXPECT_EQ(h.disabled_adults, 1);
  EXPECT_EQ(h.incomes, 1);
}

TEST(Applicant, BandFromTheTableOfTheIncomeYearOrNone) {
  auto a = amina();
  EXPECT_EQ(band_of(a, table_2024()), std::optional(Band::eligible));
  a.income = Money::from_cents(4'000'000);
  EXPECT_EQ(band_of(a, table_2024()), std::optional(Band::moderate));
  a.income = Money::from_cents(9'000'000);
  EXPECT_EQ(band_of(a, table_2024()), std::optional(Band::above));
  a.income_year = 2019;
  EXPECT_FALSE(band_of(a, table_2024())) << "no table for 2019: unknown, never invented";
}

TEST(Applicant, MayBeHoused) {
  EXPECT_TRUE(may_be_housed(Band::eligible, false));
  EXPECT_TRUE(may_be_housed(Band::moderate, false));
  EXPECT_FALSE(may_be_housed(Band::middle, false));
  EXPECT_TRUE(may_be_housed(Band::middle, true));
  EXPECT_FALSE(may_be_housed(Band::above, true));
  EXPECT_FALSE(may_be_housed(std::nullopt, true));
}

TEST(Applicant, ValidationKeepsTheDigitsOfTheNationalNumber) {
  auto a = amina();
  validate_applicant(a, 2026y / January / 1);
  EXPECT_EQ(a.members[0].national_number, "85073003328");
}

TEST(Applicant, ValidationReportsEveryProblemAtOnce) {
  auto a = amina();
  a.members[0].national_number = "85.07.30-033.29";
  a.members[1].relation = Relation::applicant;
  a.members[1].first_name = " ";
  a.members[1].birth_date = 2027y / January / 1;
  a.status = Status::struck_off;
  a.income = Money::from_cents(-1);
  a.preferred_postcodes = {"10500"};
  try {
    validate_applicant(a, 2026y / January / 1);
    FAIL() << "accepted";
  } catch (const DomainError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::validation);
    const auto& f = e.fields();
    EXPECT_EQ(f.at("members"), "applicants.one_applicant");
    EXPECT_EQ(f.at("members.0.national_number"), "applicants.invalid_national_number");
    EXPECT_EQ(f.at("members.1.first_name"), "applicants.invalid_name");
    EXPECT_EQ(f.at("members.1.birth_date"), "applicants.invalid_birth_date");
    EXPECT_EQ(f.at("status_reason"), "applicants.status_reason_required");
    EXPECT_EQ(f.at("income"), "applicants.invalid_income");
    EXPECT_EQ(f.at("preferred_postcodes"), "applicants.invalid_postcode");
  }
}

TEST(Applicant, ValidationRefusesTwoApplicantsOrNone) {
  auto a = amina();
  a.members[0].relation = Relation::partner;
  EXPECT_THROW(validate_applicant(a, 2026y / January / 1), DomainError);
  a.members.clear();
  EXPECT_THROW(validate_applicant(a, 2026y / January / 1), DomainError);
}

TEST(Applicant, TheSameNationalNumberTwiceInAHousehold) {
  auto a = amina();
  a.members[1].national_number = "85073003328";
  try {
    validate_applicant(a, 2026y / January / 1);
    FAIL();
  } catch (const DomainError& e) {
    EXPECT_EQ(e.fields().at("members.1.national_number"), "applicants.same_national_number");
  }
}

TEST(Applicant, ValidationTidies) {
  auto a = amina();
  a.preferred_postcodes = {"1210", " 1030", "1210"};
  a.referral = "  ";
  a.status_reason = "left over";
  validate_applicant(a, 2026y / January / 1);
  EXPECT_EQ(a.preferred_postcodes, (std::vector<std::string>{"1030", "1210"}));
  EXPECT_FALSE(a.referral);
  EXPECT_EQ(a.status_reason, "") << "only a struck-off applicant keeps a reason";
}

TEST(Applicant, IncomesNoMoreThanAdults) {
  auto a = amina();
  a.incomes = 2;
  try {
    validate_applicant(a, 2026y / January / 1);
    FAIL();
  } catch (const DomainError& e) {
    EXPECT_EQ(e.fields().at("incomes"), "applicants.invalid_incomes");
  }
}

TEST(Applicant, DidNotRenew) {
  auto a = amina();
  a.renewed_on = 2024y / December / 31;
  EXPECT_TRUE(did_not_renew(a, 12, 2026y / January / 1));
  EXPECT_FALSE(did_not_renew(a, 24, 2026y / January / 1));
  a.renewed_on = 2025y / January / 1;
  EXPECT_FALSE(did_not_renew(a, 12, 2026y / January / 1)) << "exactly a year: still in time";
  a.renewed_on = 2020y / January / 1;
  a.status = Status::housed;
  EXPECT_FALSE(did_not_renew(a, 12, 2026y / January / 1));
}

}  // namespace
}  // namespace hms::applicants
