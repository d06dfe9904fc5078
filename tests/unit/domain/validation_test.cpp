// The shapes of logins, user names and agency codes: what is accepted, how it is normalised,
// and the field a refusal points at.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/error.hpp"
#include "domain/agencies/agency.hpp"
#include "domain/users/user.hpp"

namespace hms {
namespace {

// The code of the DomainError thrown, and its field, or "" if accepted.
template <typename F>
std::string refusal(F&& f, const std::string& field) {
  try {
    f();
    return "";
  } catch (const DomainError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::validation) << e.code();
    EXPECT_EQ(e.fields().count(field), 1u) << e.code() << " points at " << field;
    return e.code();
  }
}

std::string login_refusal(const std::string& login) {
  return refusal([&] { users::validate_login(login); }, "login");
}

TEST(ValidateLogin, AcceptsAndLowerCases) {
  EXPECT_EQ(users::validate_login("M.Dupont"), "m.dupont");
  EXPECT_EQ(users::validate_login("abc"), "abc");
  EXPECT_EQ(users::validate_login("anne-marie_2@ais.brussels"), "anne-marie_2@ais.brussels");
  EXPECT_EQ(users::validate_login(std::string(64, 'a')), std::string(64, 'a'));
}

TEST(ValidateLogin, RefusesWrongLengthsAndCharacters) {
  for (const std::string& bad : std::vector<std::string>{"", "ab", std::string(65, 'a'), "m dupont", "m/dupont", "m+dupont", "dupont!",
                                "jérôme", "m.dupont\n", "m'dupont", "<script>"})
    EXPECT_EQ(login_refusal(bad), "users.invalid_login") << "'" << bad << "'";
}

TEST(ValidateName, OneTo200Characters) {
  EXPECT_EQ(refusal([] { users::validate_name("Anne"); }, "name"), "");
  EXPECT_EQ(refusal([] { users::validate_name(std::string(200, 'x')); }, "name"), "");
  EXPECT_EQ(refusal([] { users::validate_name(""); }, "name"), "users.invalid_name");
  EXPECT_EQ(refusal([] { users::validate_name(std::string(201, 'x')); }, "name"), "users.invalid_name");
}

TEST(ValidateAgency, AcceptsAndUpperCasesTheCode) {
  EXPECT_EQ(agencies::validate_agency("ais-ixelles", "AIS Ixelles - Elsene"), "AIS-IXELLES");
  EXPECT_EQ(agencies::validate_agency("AB", "x"), "AB");
  EXPECT_EQ(agencies::validate_agency("SVK-2", "SVK"), "SVK-2");
  EXPECT_EQ(agencies::validate_agency(std::string(16, 'Z'), "x"), std::string(16, 'Z'));
  EXPECT_EQ(agencies::validate_agency("AIS", std::string(200, 'n')), "AIS");
}

TEST(ValidateAgency, RefusesBadCodes) {
  for (const std::string& bad : std::vector<std::string>{"", "A", std::string(17, 'A'), "AIS_X", "AIS X", "AIS.X", "ÉCOLE", "AIS/1", "AIS\n"})
    EXPECT_EQ(refusal([&] { agencies::validate_agency(bad, "A name"); }, "code"), "agencies.invalid_code")
        << "'" << bad << "'";
}

TEST(ValidateAgency, RefusesBadNames) {
  EXPECT_EQ(refusal([] { agencies::validate_agency("AIS", ""); }, "name"), "agencies.invalid_name");
  EXPECT_EQ(refusal([] { agencies::validate_agency("AIS", std::string(201, 'n')); }, "name"), "agencies.invalid_name");
}

TEST(SessionExpiry, IdleAndAbsoluteTimeouts) {
  users::Session s;
  s.created_at = 1000;
  s.last_seen_at = 1000;
  EXPECT_FALSE(users::session_expired(s, 1000 + 29 * 60));
  EXPECT_FALSE(users::session_expired(s, 1000 + 30 * 60 - 1));
  EXPECT_TRUE(users::session_expired(s, 1000 + 30 * 60));
  s.last_seen_at = 1000 + 12 * 3600 - 60;
  EXPECT_FALSE(users::session_expired(s, 1000 + 12 * 3600 - 1));
  EXPECT_TRUE(users::session_expired(s, 1000 + 12 * 3600));
}

}  // namespace
}  // namespace hms
