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

inline constexpr std::string_view kThrottleLoginPrefix = "login:";
inline constexpr std::string_view kThrottleAddressPrefix = "address:";
inline std::string throttle_login_key(std::string_view login) { return std::string(kThrottleLoginPrefix) + std::string(login); }
inline std::string throttle_address_key(std::string_view address) {
  return std::string(kThrottleAddressPrefix) + std::string(address);
}

// Seconds still to wait before another attempt may be checked (0: go ahead).
inline std::int64_t throttle_wait(const ThrottleState& s, std::int64_t now, ThrottleRule rule) {
  if (s.failures < rule.free_failures || now - s.last_failure_at >= kThrottleWindowSeconds) return 0;
  std::int64_t excess = std::min<std::int64_t>(s.failures - rule.free_failures, 20);
  std::int64_t delay = std::min<std::int64_t>(std::int64_t{1} << excess, rule.cap_seconds);
  return std::max<std::int64_t>(0, s.last_failure_at + delay - now);
}

// Exports of personal data (owners, owner contracts, every owner's letters of a month) per user,
// counted in the login counters' table: a key's `failures` is the number of exports in the
// window and `last_failure_at` the window's start. A rental manager exports a few files a day;
// 10 in an hour leaves room for a re-try or two and stops a script, or a stolen session,
// from draining the owners list by the hundred. E.g. the 11th export at 10:40 in a window
// begun at 10:05: wait 25 minutes.
struct RateLimit {
  std::int64_t max_events;      // allowed in one window
  std::int64_t window_seconds;  // a window starts with its first event
};
inline constexpr RateLimit kExportsPerUser{10, 60 * 60};
inline constexpr std::string_view kThrottleExportPrefix = "export:";
inline std::string throttle_export_key(std::int64_t user_id) {
  return std::string(kThrottleExportPrefix) + std::to_string(user_id);
}

// Seconds until the limit allows another event (0: go ahead; a window that ended counts nothing).
inline std::int64_t rate_limit_wait(const ThrottleState& s, std::int64_t now, RateLimit rule) {
  if (now - s.last_failure_at >= rule.window_seconds || s.failures < rule.max_events) return 0;
  return std::max<std::int64_t>(1, s.last_failure_at + rule.window_seconds - now);
}

}  // namespace hms::users
