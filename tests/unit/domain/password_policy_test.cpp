// The password policy at its boundaries: 12 to 128 characters counted as characters (not
// UTF-8 bytes), no common password nor its stem ("Azerty2024!"), not the login inside it.
#include <gtest/gtest.h>

#include <string>

#include "common/error.hpp"
#include "domain/users/password_policy.hpp"

namespace hms::users {
namespace {

// The code of the DomainError check_password throws, or "" if it accepts the password.
std::string refusal(std::string_view password, std::string_view login = "m.dupont") {
  try {
    check_password(password, login);
    return "";
  } catch (const DomainError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::validation);
    EXPECT_EQ(e.fields().count("password"), 1u) << "the error points at the password field";
    return e.code();
  }
}

std::string repeat(std::string_view unit, std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += unit;
  return s;
}

// A non-common password of exactly n ASCII characters.
std::string ascii(std::size_t n) {
  const std::string alphabet = "qx7vbn2lmp4zrt9wk";
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += alphabet[i % alphabet.size()];
  return s;
}

TEST(PasswordPolicy, LengthBoundaries) {
  EXPECT_EQ(kPasswordMinLength, 12u);
  EXPECT_EQ(kPasswordMaxLength, 128u);
  EXPECT_EQ(refusal(""), "users.password_too_short");
  EXPECT_EQ(refusal(ascii(11)), "users.password_too_short");
  EXPECT_EQ(refusal(ascii(12)), "");
  EXPECT_EQ(refusal(ascii(128)), "");
  EXPECT_EQ(refusal(ascii(129)), "users.password_too_long");
}

TEST(PasswordPolicy, LengthIsCountedInCharactersNotBytes) {
  // "é" is 2 bytes, "€" 3, "🏠" 4: 11 of them are too short whatever their byte count.
  for (std::string_view c : {"é", "€", "🏠"}) {
    EXPECT_EQ(refusal(repeat(c, 11)), "users.password_too_short") << c;
    EXPECT_EQ(refusal(repeat(c, 12)), "") << c;
    EXPECT_EQ(refusal(repeat(c, 128)), "") << c << " × 128 (" << repeat(c, 128).size() << " bytes)";
    EXPECT_EQ(refusal(repeat(c, 129)), "users.password_too_long") << c;
  }
  EXPECT_EQ(refusal("ééééé 123456"), "") << "mixed: 12 characters";
  EXPECT_EQ(refusal("ééééé 12345"), "users.password_too_short") << "mixed: 11 characters, 16 bytes";
}

TEST(PasswordPolicy, CommonPasswordsAndTheirStemsAreRefused) {
  for (const char* p : {"111111111111", "000000000000", "azertyuiop123", "AZERTYUIOP123", "Azerty2024!!", "Azerty2024!",
                        "Password2024!", "password1234", "motdepasse2024", "MotDePasse123!", "wachtwoord123",
                        "Bruxelles2024!", "Brussel12345!", "azertyazerty", "Welkom123456"}) {
    auto code = refusal(p);
    // "Azerty2024!" has 11 characters: too short first, common anyway.
    if (std::string(p).size() < 12)
      EXPECT_EQ(code, "users.password_too_short") << p;
    else
      EXPECT_EQ(code, "users.password_too_common") << p;
  }
}

// Regression: "123456789012" was accepted (no letters, so no stem to look up).
TEST(PasswordPolicy, PasswordsOfDigitsOnlyAreRefused) {
  EXPECT_EQ(refusal("123456789012"), "users.password_too_common");
  EXPECT_EQ(refusal("20261129201812"), "users.password_too_common");
}

TEST(PasswordPolicy, LongerPasswordsAroundACommonWordAreFine) {
  EXPECT_EQ(refusal("correct horse battery"), "");
  EXPECT_EQ(refusal("my azerty keyboard is old"), "") << "a common word inside a sentence is fine";
  EXPECT_EQ(refusal("2024azertyazerty"), "") << "the stem is taken from the end only";
}

TEST(PasswordPolicy, ThePasswordMustNotContainTheLogin) {
  EXPECT_EQ(refusal("m.dupont rules the world", "m.dupont"), "users.password_contains_login");
  EXPECT_EQ(refusal("I AM M.DUPONT, FEAR ME", "m.dupont"), "users.password_contains_login");
  EXPECT_EQ(refusal("hello m.dupont", "M.Dupont"), "users.password_contains_login");
  EXPECT_EQ(refusal("a sentence about dupont", "m.dupont"), "") << "part of the login is fine";
  EXPECT_EQ(refusal("ab is a short login inside", "ab"), "") << "logins under 3 characters are not searched";
}

TEST(PasswordPolicy, ErrorCarriesTheLimitsForTheMessage) {
  try {
    check_password("short", "x");
    FAIL() << "accepted a short password";
  } catch (const DomainError& e) {
    EXPECT_EQ(e.params().at("min"), "12");
    EXPECT_EQ(e.params().at("max"), "128");
  }
}

}  // namespace
}  // namespace hms::users
