// throttle_wait: free attempts (5 per login, 20 per address), then 1, 2, 4 … seconds after the
// last failure, capped (60 s for a login, 15 min for an address), forgotten after 15 minutes
// without failure.
#include <gtest/gtest.h>

#include "domain/users/throttle.hpp"

namespace hms::users {
namespace {

constexpr std::int64_t kLast = 1'767'225'600;  // the last failure, seconds since 1970

// The login rule's schedule; `cap` other than 60 keeps 5 free failures with the address's cap,
// to test the doubling past 60 s.
std::int64_t wait(std::int64_t failures, std::int64_t since_last, std::int64_t cap = kThrottleLogin.cap_seconds) {
  return throttle_wait(ThrottleState{failures, kLast}, kLast + since_last, ThrottleRule{5, cap});
}

TEST(ThrottleWait, NoWaitBeforeFiveFailures) {
  for (std::int64_t f = 0; f < 5; ++f) {
    EXPECT_EQ(wait(f, 0), 0) << f << " failures";
    EXPECT_EQ(wait(f, 0, kThrottleAddress.cap_seconds), 0) << f << " failures";
  }
}

TEST(ThrottleWait, DoublesFromOneSecondAfterTheFifthFailure) {
  EXPECT_EQ(wait(5, 0), 1);
  EXPECT_EQ(wait(6, 0), 2);
  EXPECT_EQ(wait(7, 0), 4);
  EXPECT_EQ(wait(8, 0), 8);
  EXPECT_EQ(wait(9, 0), 16);
  EXPECT_EQ(wait(10, 0), 32);
}

TEST(ThrottleWait, CountsFromTheLastFailure) {
  EXPECT_EQ(wait(8, 3), 5) << "the example of throttle.hpp";
  EXPECT_EQ(wait(5, 1), 0);
  EXPECT_EQ(wait(6, 1), 1);
  EXPECT_EQ(wait(6, 2), 0);
  EXPECT_EQ(wait(7, 10), 0);
}

TEST(ThrottleWait, CappedAt60SecondsPerLoginAnd15MinutesPerAddress) {
  EXPECT_EQ(kThrottleLogin.cap_seconds, 60);
  EXPECT_EQ(kThrottleAddress.cap_seconds, 900);
  EXPECT_EQ(wait(11, 0), 60) << "64 s capped";
  EXPECT_EQ(wait(11, 0, kThrottleAddress.cap_seconds), 64);
  EXPECT_EQ(wait(15, 0, kThrottleAddress.cap_seconds), 900) << "1024 s capped";
  EXPECT_EQ(wait(1'000'000, 0), 60) << "no overflow however many failures";
  EXPECT_EQ(wait(1'000'000, 0, kThrottleAddress.cap_seconds), 900);
  EXPECT_EQ(wait(1'000'000, 59), 1);
  EXPECT_EQ(wait(1'000'000, 60), 0);
}

TEST(ThrottleWait, ForgottenAfter15MinutesWithoutFailure) {
  EXPECT_EQ(kThrottleWindowSeconds, 15 * 60);
  EXPECT_EQ(wait(1'000'000, 15 * 60 - 1, kThrottleAddress.cap_seconds), 1);
  EXPECT_EQ(wait(1'000'000, 15 * 60, kThrottleAddress.cap_seconds), 0);
  EXPECT_EQ(wait(1'000'000, 24 * 3600, kThrottleAddress.cap_seconds), 0);
}

TEST(ThrottleWait, AClockGoingBackwardsNeverGivesANegativeWait) {
  EXPECT_GE(wait(3, -100), 0);
  EXPECT_GE(wait(100, -100), 0);
}

TEST(ThrottleWait, AnAddressHas20FreeFailures) {
  EXPECT_EQ(kThrottleLogin.free_failures, 5);
  EXPECT_EQ(kThrottleAddress.free_failures, 20);
  EXPECT_EQ(throttle_wait(ThrottleState{19, kLast}, kLast, kThrottleAddress), 0);
  EXPECT_EQ(throttle_wait(ThrottleState{20, kLast}, kLast, kThrottleAddress), 1);
  EXPECT_EQ(throttle_wait(ThrottleState{30, kLast}, kLast, kThrottleAddress), 900) << "1024 s capped";
}

TEST(ThrottleKeys, LoginAndAddressKeysAreSeparate) {
  EXPECT_EQ(throttle_login_key("m.dupont"), "login:m.dupont");
  EXPECT_EQ(throttle_address_key("192.0.2.1"), "address:192.0.2.1");
  EXPECT_NE(throttle_login_key("192.0.2.1"), throttle_address_key("192.0.2.1"));
}

// Exports of personal data: 10 in a window of an hour that starts with its first export; the
// 11th waits for the window's end; a window that ended counts nothing.
TEST(ExportRateLimit, TenAnHourThenWaitForTheWindowsEnd) {
  EXPECT_EQ(kExportsPerUser.max_events, 10);
  EXPECT_EQ(kExportsPerUser.window_seconds, 3600);
  const std::int64_t start = kLast;  // the window's first export
  EXPECT_EQ(rate_limit_wait(ThrottleState{0, 0}, start, kExportsPerUser), 0) << "never exported";
  EXPECT_EQ(rate_limit_wait(ThrottleState{9, start}, start + 60, kExportsPerUser), 0);
  EXPECT_EQ(rate_limit_wait(ThrottleState{10, start}, start + 35 * 60, kExportsPerUser), 25 * 60);
  EXPECT_EQ(rate_limit_wait(ThrottleState{10, start}, start + 3599, kExportsPerUser), 1);
  EXPECT_EQ(rate_limit_wait(ThrottleState{10, start}, start + 3600, kExportsPerUser), 0) << "a new window";
  EXPECT_EQ(throttle_export_key(42), "export:42");
  EXPECT_EQ(throttle_export_key(42).rfind(kThrottleExportPrefix, 0), 0u);
}

}  // namespace
}  // namespace hms::users
