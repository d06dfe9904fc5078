// TOTP as authenticator apps compute it: the RFC 4226 and RFC 6238 test vectors (SHA-1), base32
// of RFC 4648, the window of one step either side, a code never accepted twice, the otpauth URI;
// and the recovery codes (format, typed loosely, hashed per user).
#include <gtest/gtest.h>

#include <set>

#include "domain/users/mfa.hpp"
#include "domain/users/totp.hpp"

namespace hms::users {
namespace {

const std::string kRfcSecret = "12345678901234567890";  // the ASCII seed of RFC 4226 and 6238 (SHA-1)

TEST(Totp, Rfc4226HotpVectors) {
  const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                            "254676", "287922", "162583", "399871", "520489"};
  for (int counter = 0; counter < 10; ++counter) EXPECT_EQ(totp_code(kRfcSecret, counter), expected[counter]) << counter;
}

TEST(Totp, Rfc6238Sha1Vectors) {
  // RFC 6238 appendix B: time (s), 8-digit TOTP with SHA-1.
  const std::pair<std::int64_t, const char*> vectors[] = {
      {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
      {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
  };
  for (const auto& [time, code] : vectors) EXPECT_EQ(totp_code(kRfcSecret, totp_step(time), 8), code) << time;
  // The 6 digits apps show are the last 6 of these.
  EXPECT_EQ(totp_code(kRfcSecret, totp_step(59)), "287082");
  EXPECT_EQ(totp_code(kRfcSecret, totp_step(1111111109)), "081804");
}

TEST(Totp, Base32Rfc4648Vectors) {
  const std::pair<const char*, const char*> vectors[] = {{"", ""},           {"f", "MY"},          {"fo", "MZXQ"},
                                                         {"foo", "MZXW6"},   {"foob", "MZXW6YQ"},  {"fooba", "MZXW6YTB"},
                                                         {"foobar", "MZXW6YTBOI"}};
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(base32_encode(plain), encoded) << plain;
    EXPECT_EQ(base32_decode(encoded), plain) << encoded;
  }
  EXPECT_EQ(base32_decode("mzxw 6ytb-oi======"), "foobar") << "case, spaces, dashes and padding are ignored";
  EXPECT_FALSE(base32_decode("MZXW1")) << "1 is not a base32 digit";
  EXPECT_EQ(base32_encode(kRfcSecret), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  EXPECT_EQ(base32_encode(kRfcSecret).size(), 32u) << "160 bits are 32 characters";
}

TEST(Totp, AcceptsOneStepEitherSideAndNoMore) {
  const std::int64_t now = 1'800'000'015;  // inside step 60 000 000
  const std::int64_t step = totp_step(now);
  for (std::int64_t delta : {-1, 0, 1}) {
    auto found = totp_match(kRfcSecret, totp_code(kRfcSecret, step + delta), now, 0);
    ASSERT_TRUE(found) << delta;
    EXPECT_EQ(*found, step + delta);
  }
  for (std::int64_t delta : {-2, 2, 10})
    EXPECT_FALSE(totp_match(kRfcSecret, totp_code(kRfcSecret, step + delta), now, 0)) << delta;
  EXPECT_FALSE(totp_match(kRfcSecret, "12345", now, 0)) << "5 digits";
  EXPECT_FALSE(totp_match(kRfcSecret, "", now, 0));
  EXPECT_FALSE(totp_match("another secret of 20b", totp_code(kRfcSecret, step), now, 0)) << "another secret";
  const std::string spaced = totp_code(kRfcSecret, step).insert(3, " ");
  EXPECT_TRUE(totp_match(kRfcSecret, spaced, now, 0)) << "\"123 456\" as apps show it";
}

TEST(Totp, ACodeIsNeverAcceptedTwice) {
  const std::int64_t now = 1'800'000'015;
  const std::int64_t step = totp_step(now);
  const std::string code = totp_code(kRfcSecret, step);
  ASSERT_EQ(totp_match(kRfcSecret, code, now, 0), step);
  EXPECT_FALSE(totp_match(kRfcSecret, code, now, step)) << "its step is the last one used";
  EXPECT_FALSE(totp_match(kRfcSecret, code, now + 30, step)) << "still in the window 30 s later, still refused";
  EXPECT_FALSE(totp_match(kRfcSecret, totp_code(kRfcSecret, step - 1), now, step)) << "an earlier step neither";
  EXPECT_EQ(totp_match(kRfcSecret, totp_code(kRfcSecret, step + 1), now + 30, step), step + 1) << "the next one passes";
}

TEST(Totp, OtpauthUriAsAppsReadIt) {
  EXPECT_EQ(otpauth_uri("hms", "a.admin@ais-bxl", kRfcSecret),
            "otpauth://totp/hms:a.admin%40ais-bxl?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=hms"
            "&algorithm=SHA1&digits=6&period=30");
}

TEST(RecoveryCodes, FormatAndLooseTyping) {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    const std::string code = new_recovery_code();
    ASSERT_EQ(code.size(), 19u) << code;
    EXPECT_EQ(code[4], '-');
    EXPECT_TRUE(looks_like_recovery_code(code)) << code;
    seen.insert(code);
  }
  EXPECT_EQ(seen.size(), 50u) << "80 random bits: no two alike";
  EXPECT_EQ(normalise_recovery_code("abcd-efgh ijkl-mnop"), "ABCDEFGHIJKLMNOP");
  EXPECT_TRUE(looks_like_recovery_code("abcd efgh ijkl mnop"));
  EXPECT_FALSE(looks_like_recovery_code("287082"));
  EXPECT_FALSE(looks_like_recovery_code("ABCD-EFGH-IJKL-MNO1")) << "1 is not base32";
}

TEST(RecoveryCodes, HashedPerUserAndAsTyped) {
  EXPECT_EQ(recovery_code_hash(7, "ABCD-EFGH-IJKL-MNOP"), recovery_code_hash(7, "abcdefghijklmnop"));
  EXPECT_NE(recovery_code_hash(7, "ABCD-EFGH-IJKL-MNOP"), recovery_code_hash(8, "ABCD-EFGH-IJKL-MNOP"));
  EXPECT_EQ(recovery_code_hash(7, "ABCD-EFGH-IJKL-MNOP").size(), 64u);
  EXPECT_EQ(recovery_code_hash(7, "ABCD-EFGH-IJKL-MNOP").find("ABCD"), std::string::npos);
}

TEST(MfaPolicy, EveryRoleButAgencyStaff) {
  EXPECT_FALSE(mfa_required_for(Role::agency_staff));
  for (Role r : {Role::agency_admin, Role::federation, Role::region, Role::system_admin}) EXPECT_TRUE(mfa_required_for(r));
}

}  // namespace
}  // namespace hms::users
