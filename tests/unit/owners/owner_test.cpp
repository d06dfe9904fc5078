// An owner's fields (domain/owners/owner: validate_owner): what is normalised, what is
// refused, and that every problem is reported at once with its field.
#include <gtest/gtest.h>

#include <string>

#include "common/error.hpp"
#include "domain/owners/owner.hpp"

namespace hms::owners {
namespace {

Owner person() {
  Owner o;
  o.kind = OwnerKind::person;
  o.name = "Marie Dubois";
  o.iban = "BE68539007547034";
  o.email = "marie.dubois@example.be";
  o.phone = "+32 2 511 22 33";
  o.address = "Avenue Louise 54, 1050 Ixelles";
  o.language = "fr";
  return o;
}

Owner company() {
  Owner o = person();
  o.kind = OwnerKind::company;
  o.name = "Immo Sablon SRL";
  o.company_number = "0403.170.701";
  return o;
}

// The fields of the error validate_owner throws; empty if it accepts.
std::map<std::string, std::string> problems_of(const Owner& o) {
  try {
    validate_owner(o);
    return {};
  } catch (const DomainError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::validation);
    return e.fields();
  }
}

TEST(OwnerKind, ParsesItsTwoNames) {
  EXPECT_EQ(parse_owner_kind("person"), OwnerKind::person);
  EXPECT_EQ(parse_owner_kind("company"), OwnerKind::company);
  EXPECT_FALSE(parse_owner_kind("Person"));
  EXPECT_FALSE(parse_owner_kind(""));
  EXPECT_EQ(to_string(OwnerKind::company), "company");
  EXPECT_EQ(to_string(OwnerKind::person), "person");
}

TEST(ValidateOwner, AcceptsAPersonAndNormalises) {
  Owner o = person();
  o.name = "  Marie Dubois ";
  o.iban = "be68 5390 0754 7034";
  o.email = " marie.dubois@example.be ";
  o.language = "";
  auto v = validate_owner(o);
  EXPECT_EQ(v.name, "Marie Dubois");
  EXPECT_EQ(v.iban, "BE68539007547034");
  EXPECT_EQ(v.email, "marie.dubois@example.be");
  EXPECT_EQ(v.language, "fr") << "French by default";
  EXPECT_EQ(v.company_number, "");
}

TEST(ValidateOwner, AcceptsACompanyWithItsNumberNormalised) {
  auto v = validate_owner(company());
  EXPECT_EQ(v.company_number, "0403170701");
}

TEST(ValidateOwner, APersonMayGiveACompanyNumberButItMustBeValid) {
  Owner o = person();
  o.company_number = "0403170701";
  EXPECT_EQ(validate_owner(o).company_number, "0403170701");
  o.company_number = "0403170702";
  EXPECT_EQ(problems_of(o), (std::map<std::string, std::string>{{"company_number", "owners.invalid_company_number"}}));
}

// Contract B has no company number column (issue 8, C1): a company without one is valid but
// incomplete, its to-do named by missing_details.
TEST(ValidateOwner, ACompanyWithoutItsNumberIsValidButIncomplete) {
  Owner o = company();
  EXPECT_TRUE(missing_details(validate_owner(o)).empty());
  for (const char* none : {"", "   "}) {
    o.company_number = none;
    auto valid = validate_owner(o);
    EXPECT_EQ(valid.company_number, "");
    auto missing = missing_details(valid);
    ASSERT_EQ(missing.size(), 1u) << "'" << none << "'";
    EXPECT_EQ(missing[0].field, "company_number");
    EXPECT_EQ(missing[0].code, "owners.company_number_missing");
  }
  EXPECT_TRUE(missing_details(validate_owner(person())).empty()) << "a person has no enterprise number to give";
}

TEST(ValidateOwner, ReportsEveryProblemAtOnce) {
  Owner o = company();
  o.name = " ";
  o.iban = "BE69539007547034";
  o.company_number = "12";
  o.email = "not an address";
  o.phone = "call me";
  o.language = "de";
  auto fields = problems_of(o);
  EXPECT_EQ(fields, (std::map<std::string, std::string>{{"name", "owners.invalid_name"},
                                                        {"iban", "owners.invalid_iban"},
                                                        {"company_number", "owners.invalid_company_number"},
                                                        {"email", "owners.invalid_email"},
                                                        {"phone", "owners.invalid_phone"},
                                                        {"language", "owners.invalid_language"}}));
}

TEST(ValidateOwner, TheIbanIsRequired) {
  Owner o = person();
  o.iban = "";
  EXPECT_EQ(problems_of(o), (std::map<std::string, std::string>{{"iban", "owners.invalid_iban"}}));
}

TEST(ValidateOwner, EmailAndPhoneAreOptionalButPlausible) {
  Owner o = person();
  o.email = "";
  o.phone = "";
  EXPECT_NO_THROW(validate_owner(o));
  for (const std::string bad : {"marie@", "@example.be", "marie@example", "marie@@example.be", "marie dubois@example.be",
                                "a@b.be;c@d.be"}) {
    o.email = bad;
    EXPECT_EQ(problems_of(o).count("email"), 1u) << bad;
  }
  o.email = "";
  for (const std::string good : {"02 511 22 33", "+32 (0)2 511.22.33", "0475/12.34.56"}) {
    o.phone = good;
    EXPECT_NO_THROW(validate_owner(o)) << good;
  }
  for (const std::string bad : {"1234567", "02 511 22 33 ext 4", "+32 2 511 22 33 44 55 66 77"}) {
    o.phone = bad;
    EXPECT_EQ(problems_of(o).count("phone"), 1u) << bad;
  }
}

TEST(ValidateOwner, NameLengthAndEncoding) {
  Owner o = person();
  o.name = std::string(200, 'a');
  EXPECT_NO_THROW(validate_owner(o));
  o.name = std::string(201, 'a');
  EXPECT_EQ(problems_of(o).count("name"), 1u);
  o.name = "\xC3\x89lise Dupr\xC3\xA9";  // Élise Dupré
  EXPECT_NO_THROW(validate_owner(o));
  o.name = "bad \xC3";  // truncated UTF-8
  EXPECT_EQ(problems_of(o).count("name"), 1u);
  o.name = "Marie\nDubois";
  EXPECT_EQ(problems_of(o).count("name"), 1u) << "no control characters";
}

// Regression: lengths were counted in bytes, so a name of 150 accented letters (300 bytes)
// was refused as longer than 200 characters.
TEST(ValidateOwner, LengthsCountCharactersNotBytes) {
  Owner o = company();
  std::string name;
  for (int i = 0; i < 200; ++i) name += "\xC3\xA9";
  o.name = name;
  EXPECT_NO_THROW(validate_owner(o));
  o.name += "e";
  EXPECT_EQ(problems_of(o).count("name"), 1u);
  o = person();
  std::string address;
  for (int i = 0; i < 500; ++i) address += "\xC3\xA8";
  o.address = address;
  EXPECT_NO_THROW(validate_owner(o));
  o.address += "x";
  EXPECT_EQ(problems_of(o).count("address"), 1u);
}

TEST(ValidateOwner, InvalidUtf8IsRefused) {
  Owner o = person();
  o.email = "marie\xC3@example.be";
  EXPECT_EQ(problems_of(o).count("email"), 1u);
  o = person();
  o.address = "Avenue Louise \xFF";
  EXPECT_EQ(problems_of(o).count("address"), 1u);
}

// What tells two namesakes apart on the contract form: the commune of their address.
TEST(CommuneOf, TheLastPostcodeAndItsCommune) {
  EXPECT_EQ(commune_of("Avenue Louise 54, 1050 Ixelles"), "1050 Ixelles");
  EXPECT_EQ(commune_of("Kerkstraat 3 2000 Antwerpen, België"), "2000 Antwerpen");
  EXPECT_EQ(commune_of("Rue Féronstrée 10\n4000 Liège\nBelgique"), "4000 Liège");
  EXPECT_EQ(commune_of("Chaussée de Wavre 1234 bte 5, 1160 Auderghem"), "1160 Auderghem") << "the last one";
  EXPECT_EQ(commune_of("Rue Haute 12345, Bruxelles"), "") << "five digits are no postcode";
  EXPECT_EQ(commune_of("B1050 Ixelles"), "") << "inside a word";
  EXPECT_EQ(commune_of(""), "");
}

}  // namespace
}  // namespace hms::owners
