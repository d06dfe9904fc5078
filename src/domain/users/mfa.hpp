// A user's second factor: a TOTP secret (domain/users/totp.hpp) confirmed by a first code,
// ten single-use recovery codes, and the pending logins between the password and the code.
// E.g. "a.admin" enrols, scans the QR code, types 287082: MFA is on, and at the next login
// the password alone opens no session — only a pending login that waits 5 minutes for a code.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/users/role.hpp"

namespace hms::users {

struct MfaSecret {
  std::int64_t user_id = 0;
  std::string secret;          // the raw 20 bytes (encrypted at rest by the repository)
  bool enabled = false;        // false: shown for enrolment, waiting for its first right code
  std::int64_t last_step = 0;  // the time step of the last code accepted: it never passes again
};

// The roles that must use a second factor when the installation requires it
// (hms serve --require-mfa): every role but agency staff, who may enrol of their own accord.
constexpr bool mfa_required_for(Role r) { return r != Role::agency_staff; }

// Between a right password and the second step: what the pending login waits for.
enum class PendingStage { code, enrol };
inline constexpr std::int64_t kPendingCodeSeconds = 5 * 60;    // time to type a code
inline constexpr std::int64_t kPendingEnrolSeconds = 15 * 60;  // time to install an app and scan
inline constexpr int kPendingLoginAttempts = 5;                // wrong codes, then the password again

struct PendingLogin {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string token_hash;  // BLAKE2b-256 hex of the cookie's token; the token is never stored
  PendingStage stage = PendingStage::code;
  std::int64_t expires_at = 0;
  int failures = 0;
};

// Recovery codes: 10 of 16 base32 characters (80 bits), shown once as "ABCD-EFGH-JKLM-NPQR",
// stored as a BLAKE2b hash. Typed in any case, with or without the dashes.
inline constexpr int kRecoveryCodeCount = 10;
std::string new_recovery_code();                        // from libsodium's randombytes
std::string normalise_recovery_code(std::string_view);  // upper case, without spaces and dashes
std::string recovery_code_hash(std::int64_t user_id, std::string_view code);  // of the normalised code
bool looks_like_recovery_code(std::string_view typed);  // 16 base32 characters once normalised

class MfaRepository {
 public:
  virtual ~MfaRepository() = default;
  virtual std::optional<MfaSecret> find(std::int64_t user_id) = 0;
  // A new secret waiting for its first code (replaces an unconfirmed one).
  virtual void save_unconfirmed(std::int64_t user_id, const std::string& secret, std::int64_t now) = 0;
  virtual void enable(std::int64_t user_id, std::int64_t step) = 0;
  // Records `step` as used if it is later than the last one; false if another request used it first.
  virtual bool use_step(std::int64_t user_id, std::int64_t step) = 0;
  // The secret and the recovery codes.
  virtual void remove(std::int64_t user_id) = 0;

  virtual void replace_recovery_codes(std::int64_t user_id, const std::vector<std::string>& hashes) = 0;
  // Marks the code used; false if it is not one of the user's unused codes.
  virtual bool use_recovery_code(std::int64_t user_id, const std::string& hash, std::int64_t now) = 0;
  virtual int recovery_codes_left(std::int64_t user_id) = 0;

  virtual void insert_pending(const PendingLogin& p) = 0;
  virtual std::optional<PendingLogin> find_pending(std::string_view token_hash) = 0;
  virtual void count_pending_failure(std::int64_t id) = 0;
  virtual void remove_pending(std::int64_t id) = 0;
  virtual void remove_expired_pending(std::int64_t now) = 0;
};

}  // namespace hms::users
