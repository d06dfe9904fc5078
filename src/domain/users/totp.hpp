// Time-based one-time passwords (RFC 6238) as every authenticator app reads them: HMAC-SHA1,
// 6 digits, 30-second steps, a 160-bit secret shown in base32 (RFC 4648) inside an
// otpauth:// URI. E.g. the RFC's secret "12345678901234567890" at 59 s (step 1) gives
// "287082"; a code is accepted one step either side of now, and never twice (the step of the
// last code accepted is kept and only a later step passes).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hms::users {

inline constexpr std::int64_t kTotpStepSeconds = 30;
inline constexpr int kTotpDigits = 6;
inline constexpr std::size_t kTotpSecretBytes = 20;  // 160 bits, the length RFC 4226 recommends
inline constexpr std::int64_t kTotpWindowSteps = 1;   // a clock off by up to 30 s still works

// RFC 4648 base32, upper case, without '=' padding: "Hello" → "JBSWY3DP".
std::string base32_encode(std::string_view bytes);
// Ignores case, spaces, '-' and '='; none when another character is found.
std::optional<std::string> base32_decode(std::string_view text);

// The time step of a moment: floor(unix seconds / 30).
inline std::int64_t totp_step(std::int64_t unix_seconds) { return unix_seconds / kTotpStepSeconds; }

// The HOTP value (RFC 4226) of `secret` (raw bytes) at `step`, zero-padded to `digits`.
std::string totp_code(std::string_view secret, std::int64_t step, int digits = kTotpDigits);

// The step, within kTotpWindowSteps of now and later than `last_step`, whose code is `code`
// (6 digits; spaces ignored); none otherwise. Compared in constant time.
std::optional<std::int64_t> totp_match(std::string_view secret, std::string_view code, std::int64_t now,
                                       std::int64_t last_step);

// otpauth://totp/ISSUER:ACCOUNT?secret=…&issuer=ISSUER&algorithm=SHA1&digits=6&period=30, the
// text of the QR code an authenticator app scans (never a link the browser follows).
std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret);

}  // namespace hms::users
