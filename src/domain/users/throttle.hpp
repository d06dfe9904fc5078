// Throttling of failed logins (ASVS 6.3.1) that slows an attacker without locking the real
// user out. Failures are counted per login and per client address. Past a rule's free
// failures, each further attempt must wait 1, 2, 4 … seconds since the last failure, up to
// the rule's cap: per login 5 free failures and at most 60 s (a stranger guessing one's
// password delays one by a minute at most); per address 20 free failures (a whole office
// behind one router mistypes too) and at most 15 min (an attacker's machine). Counters start
// again after 15 minutes without failure (older counters are purged); a successful login
// clears its login's counter. An attempt counts as a failure from before its password is
// checked, so that parallel guesses cannot all pass while the first is being checked.
// E.g. 8 failures for "m.dupont", the last 3 s ago: wait 8 - 3 = 5 s more.
#pragma once
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/users/user.hpp"

namespace hms::users {

struct ThrottleRule {
  std::int64_t free_failures;
  std::int64_t cap_seconds;
};

inline constexpr ThrottleRule kThrottleLogin{5, 60};
inline constexpr ThrottleRule kThrottleAddress{20, 15 * 60};
inline constexpr std::int64_t kThrottleWindowSeconds = 15 * 60;

inline std::string throttle_login_key(std::string_view login) { return "login:" + std::string(login); }
inline std::string throttle_address_key(std::string_view address) { return "address:" + std::string(address); }

// Seconds still to wait before another attempt may be checked (0: go ahead).
inline std::int64_t throttle_wait(const ThrottleState& s, std::int64_t now, ThrottleRule rule) {
  if (s.failures < rule.free_failures || now - s.last_failure_at >= kThrottleWindowSeconds) return 0;
  std::int64_t excess = std::min<std::int64_t>(s.failures - rule.free_failures, 20);
  std::int64_t delay = std::min<std::int64_t>(std::int64_t{1} << excess, rule.cap_seconds);
  return std::max<std::int64_t>(0, s.last_failure_at + delay - now);
}

}  // namespace hms::users
