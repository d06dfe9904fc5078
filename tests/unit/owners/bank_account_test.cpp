// The bank accounts and enterprise numbers owners give (domain/owners/bank_account): IBANs
// checked by ISO 13616 mod 97 and, for Belgian ones, by the BBAN's own two check digits;
// grouped and masked forms; enterprise numbers (BCE/KBO) checked by mod 97.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/error.hpp"
#include "domain/owners/bank_account.hpp"

namespace hms::owners {
namespace {

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

std::string iban_refusal(const std::string& text) { return refusal([&] { validate_iban(text); }, "iban"); }
std::string company_refusal(const std::string& text) {
  return refusal([&] { validate_company_number(text); }, "company_number");
}

// ---- IBAN -----------------------------------------------------------------------------------

TEST(ValidateIban, AcceptsValidBelgianAccounts) {
  EXPECT_EQ(validate_iban("BE68539007547034"), "BE68539007547034");
  EXPECT_EQ(validate_iban("BE71096123456769"), "BE71096123456769");
}

TEST(ValidateIban, AcceptsLowerCaseSpacesAndDashesAndAnswersTheCompactForm) {
  EXPECT_EQ(validate_iban("be68 5390 0754 7034"), "BE68539007547034");
  EXPECT_EQ(validate_iban("  BE68 5390 0754 7034  "), "BE68539007547034");
  EXPECT_EQ(validate_iban("Be71-0961-2345-6769"), "BE71096123456769");
  EXPECT_EQ(validate_iban("nl91 abna 0417 1643 00"), "NL91ABNA0417164300");
}

TEST(ValidateIban, AcceptsValidForeignAccounts) {
  EXPECT_EQ(validate_iban("NL91ABNA0417164300"), "NL91ABNA0417164300");
  EXPECT_EQ(validate_iban("FR1420041010050500013M02606"), "FR1420041010050500013M02606");
  EXPECT_EQ(validate_iban("DE89370400440532013000"), "DE89370400440532013000");
}

TEST(ValidateIban, RefusesAWrongIsoCheckDigit) {
  EXPECT_EQ(iban_refusal("BE69539007547034"), "owners.invalid_iban");
  EXPECT_EQ(iban_refusal("BE68539007547043"), "owners.invalid_iban");  // two digits swapped
  EXPECT_EQ(iban_refusal("NL92ABNA0417164300"), "owners.invalid_iban");
  EXPECT_EQ(iban_refusal("DE89370400440532013001"), "owners.invalid_iban");
}

TEST(ValidateIban, RefusesABelgianAccountWhoseIsoCheckIsRightButBbanCheckIsWrong) {
  // BBAN 539007547035: its own check should be 5390075470 mod 97 = 34, not 35; the ISO check
  // digits (41) were computed for this wrong BBAN, so only the Belgian check can catch it.
  EXPECT_EQ(iban_refusal("BE41539007547035"), "owners.invalid_iban");
  // First ten digits divisible by 97: the check is 97, never 00 (both pass the ISO check).
  EXPECT_EQ(validate_iban("BE54000000097097"), "BE54000000097097");
  EXPECT_EQ(iban_refusal("BE54000000097000"), "owners.invalid_iban");
}

TEST(ValidateIban, RefusesAWrongLength) {
  EXPECT_EQ(iban_refusal("BE6853900754703"), "owners.invalid_iban");     // 15
  EXPECT_EQ(iban_refusal("BE685390075470340"), "owners.invalid_iban");   // 17
  EXPECT_EQ(iban_refusal("NL91ABNA041716430"), "owners.invalid_iban");   // 17 for NL (18)
  EXPECT_EQ(iban_refusal("BE68"), "owners.invalid_iban");
  EXPECT_EQ(iban_refusal(""), "owners.invalid_iban");
  EXPECT_EQ(iban_refusal("   "), "owners.invalid_iban");
}

TEST(ValidateIban, RefusesAnUnknownCountry) {
  EXPECT_EQ(iban_refusal("XX68539007547034"), "owners.invalid_iban");
  EXPECT_EQ(iban_refusal("US68539007547034"), "owners.invalid_iban");
}

TEST(ValidateIban, RefusesOtherCharacters) {
  EXPECT_EQ(iban_refusal("BE68.5390.0754.7034"), "owners.invalid_iban");
  EXPECT_EQ(iban_refusal("BE6853900754703\xC3\xA9"), "owners.invalid_iban");
  EXPECT_EQ(iban_refusal("1E68539007547034"), "owners.invalid_iban");
  EXPECT_EQ(iban_refusal("BEX8539007547034"), "owners.invalid_iban");
  // A Belgian BBAN is all digits, even where the letters would pass mod 97.
  EXPECT_EQ(iban_refusal("BE68A39007547034"), "owners.invalid_iban");
}

TEST(FormatIban, GroupsByFour) {
  EXPECT_EQ(format_iban("BE68539007547034"), "BE68 5390 0754 7034");
  EXPECT_EQ(format_iban("FR1420041010050500013M02606"), "FR14 2004 1010 0505 0001 3M02 606");
}

TEST(MaskIban, ShowsOnlyTheCountryCheckAndLastFour) {
  EXPECT_EQ(mask_iban("BE68539007547034"), "BE68 \u2022\u2022\u2022\u2022 \u2022\u2022\u2022\u2022 7034");
  for (const std::string iban : {"NL91ABNA0417164300", "FR1420041010050500013M02606", "DE89370400440532013000"}) {
    const auto masked = mask_iban(iban);
    EXPECT_EQ(masked.substr(0, 4), iban.substr(0, 4)) << masked;
    EXPECT_EQ(masked.substr(masked.size() - 4), iban.substr(iban.size() - 4)) << masked;
    // Nothing of the middle is shown.
    const auto middle = iban.substr(4, iban.size() - 8);
    for (std::size_t i = 0; i + 4 <= middle.size(); ++i)
      EXPECT_EQ(masked.find(middle.substr(i, 4)), std::string::npos) << masked << " shows " << middle.substr(i, 4);
  }
  EXPECT_EQ(mask_iban("BE68539007547034").find("5390"), std::string::npos);
}

// ---- Enterprise number ----------------------------------------------------------------------

TEST(ValidateCompanyNumber, AcceptsTheUsualForms) {
  EXPECT_EQ(validate_company_number("0403.170.701"), "0403170701");
  EXPECT_EQ(validate_company_number("0403170701"), "0403170701");
  EXPECT_EQ(validate_company_number("BE0403170701"), "0403170701");
  EXPECT_EQ(validate_company_number("be 0403.170.701"), "0403170701");
  EXPECT_EQ(validate_company_number("BE 0403 170 701"), "0403170701");
  EXPECT_EQ(validate_company_number("1000000021"), "1000000021");
  EXPECT_EQ(validate_company_number("0970000097"), "0970000097");  // first eight divisible by 97
}

TEST(ValidateCompanyNumber, AcceptsAnOldNineDigitNumber) {
  EXPECT_EQ(validate_company_number("403170701"), "0403170701");
  EXPECT_EQ(validate_company_number("403.170.701"), "0403170701");
}

TEST(ValidateCompanyNumber, RefusesAWrongCheck) {
  EXPECT_EQ(company_refusal("0403.170.702"), "owners.invalid_company_number");
  EXPECT_EQ(company_refusal("0403.170.710"), "owners.invalid_company_number");
  EXPECT_EQ(company_refusal("0970000000"), "owners.invalid_company_number");
}

TEST(ValidateCompanyNumber, RefusesANumberStartingWithTwo) {
  // 20000000 + its right check digits (42): still refused, numbers start with 0 or 1.
  EXPECT_EQ(company_refusal("2000000042"), "owners.invalid_company_number");
  EXPECT_EQ(company_refusal("2000.000.042"), "owners.invalid_company_number");
}

TEST(ValidateCompanyNumber, RefusesWrongLengthsAndCharacters) {
  for (const std::string bad : {"", "BE", "04031707", "04031707011", "0403.170.70A", "NL0403170701", "0403/170/701",
                                "+403170701"})
    EXPECT_EQ(company_refusal(bad), "owners.invalid_company_number") << bad;
}

TEST(FormatCompanyNumber, DotsTheTenDigits) {
  EXPECT_EQ(format_company_number("0403170701"), "0403.170.701");
  EXPECT_EQ(format_company_number("12345"), "12345");
}

}  // namespace
}  // namespace hms::owners
