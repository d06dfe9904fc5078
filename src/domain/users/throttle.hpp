// Throttling of failed logins (ASVS 6.3.1) that slows an attacker without locking the real
// user out: after 5 failures, each further attempt must wait 1, 2, 4 … seconds since the
// last failure, capped at 60 s per login (so a stranger guessing one's password delays one
// by a minute at most) and 15 min per address (an attacker's machine). Counters start
// again after 15 minutes without failure; a successful login clears both.
// E.g. 8 failures for "m.dupont", the last 3 s ago: wait 8 - 3 = 5 s more.
#pragma once
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/users/user.hpp"

namespace hms::users {

inline constexpr std::int64_t kThrottleFreeFailures = 5;
inline constexpr std::int64_t kThrottleWindowSeconds = 15 * 60;
inline constexpr std::int64_t kThrottleLoginCapSeconds = 60;
inline constexpr std::int64_t kThrottleAddressCapSeconds = 15 * 60;

inline std::string throttle_login_key(std::string_view login) { return "login:" + std::string(login); }
inline std::string throttle_address_key(std::string_view address) { return "address:" + std::string(address); }

// Seconds still to wait before another attempt may be checked (0: go ahead).
inline std::int64_t throttle_wait(const ThrottleState& s, std::int64_t now, std::int64_t cap) {
  if (s.failures < kThrottleFreeFailures || now - s.last_failure_at >= kThrottleWindowSeconds) return 0;
  std::int64_t excess = std::min<std::int64_t>(s.failures - kThrottleFreeFailures, 20);
  std::int64_t delay = std::min<std::int64_t>(std::int64_t{1} << excess, cap);
  return std::max<std::int64_t>(0, s.last_failure_at + delay - now);
}

}  // namespace hms::users
