#include "storage/users/mfa_repository.hpp"

#include "storage/crypto/encrypted_fields.hpp"

namespace hms::storage {
namespace {

constexpr const char* kFindSecret = "SELECT secret_cipher, enabled, last_step FROM user_mfa WHERE user_id = $1";
// An enabled secret is never replaced: it must be turned off first.
constexpr const char* kSaveUnconfirmed =
    "INSERT INTO user_mfa (user_id, secret_cipher, enabled, last_step, created_at) VALUES ($1, $2, 0, 0, $3)"
    " ON CONFLICT (user_id) DO UPDATE SET secret_cipher = excluded.secret_cipher, last_step = 0,"
    " created_at = excluded.created_at WHERE user_mfa.enabled = 0";
constexpr const char* kEnable = "UPDATE user_mfa SET enabled = 1, last_step = $2 WHERE user_id = $1";
constexpr const char* kUseStep = "UPDATE user_mfa SET last_step = $2 WHERE user_id = $1 AND last_step < $2";
constexpr const char* kRemoveSecret = "DELETE FROM user_mfa WHERE user_id = $1";

constexpr const char* kRemoveRecoveryCodes = "DELETE FROM user_recovery_codes WHERE user_id = $1";
constexpr const char* kInsertRecoveryCode = "INSERT INTO user_recovery_codes (user_id, code_hash) VALUES ($1, $2)";
constexpr const char* kUseRecoveryCode =
    "UPDATE user_recovery_codes SET used_at = $3 WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL";
constexpr const char* kRecoveryCodesLeft =
    "SELECT count(*) FROM user_recovery_codes WHERE user_id = $1 AND used_at IS NULL";

constexpr const char* kInsertPending =
    "INSERT INTO pending_logins (token_hash, user_id, stage, expires_at, failures) VALUES ($1, $2, $3, $4, 0)";
constexpr const char* kFindPending =
    "SELECT id, user_id, token_hash, stage, expires_at, failures FROM pending_logins WHERE token_hash = $1";
constexpr const char* kCountPendingFailure = "UPDATE pending_logins SET failures = failures + 1 WHERE id = $1";
constexpr const char* kRemovePending = "DELETE FROM pending_logins WHERE id = $1";
constexpr const char* kRemoveExpiredPending = "DELETE FROM pending_logins WHERE expires_at <= $1";

// The associated data of a secret: its column and its row (a user's id is unique across agencies).
FieldPlace secret_place(std::int64_t user_id) { return {kMfaSecretPlace, 0, user_id}; }

}  // namespace

std::optional<users::MfaSecret> SqlMfaRepository::find(std::int64_t user_id) {
  auto r = c_.query_one(kFindSecret, {user_id});
  if (!r) return std::nullopt;
  return users::MfaSecret{user_id, cipher_.decrypt(secret_place(user_id), r->text(0)), r->integer(1) != 0,
                          r->integer(2)};
}

void SqlMfaRepository::save_unconfirmed(std::int64_t user_id, const std::string& secret, std::int64_t now) {
  c_.execute(kSaveUnconfirmed, {user_id, cipher_.encrypt(secret_place(user_id), secret), now});
}

void SqlMfaRepository::enable(std::int64_t user_id, std::int64_t step) { c_.execute(kEnable, {user_id, step}); }

bool SqlMfaRepository::use_step(std::int64_t user_id, std::int64_t step) {
  return c_.execute(kUseStep, {user_id, step}) == 1;
}

void SqlMfaRepository::remove(std::int64_t user_id) {
  c_.execute(kRemoveRecoveryCodes, {user_id});
  c_.execute(kRemoveSecret, {user_id});
}

void SqlMfaRepository::replace_recovery_codes(std::int64_t user_id, const std::vector<std::string>& hashes) {
  c_.execute(kRemoveRecoveryCodes, {user_id});
  for (const auto& h : hashes) c_.execute(kInsertRecoveryCode, {user_id, h});
}

bool SqlMfaRepository::use_recovery_code(std::int64_t user_id, const std::string& hash, std::int64_t now) {
  return c_.execute(kUseRecoveryCode, {user_id, hash, now}) == 1;
}

int SqlMfaRepository::recovery_codes_left(std::int64_t user_id) {
  return static_cast<int>(c_.query_one(kRecoveryCodesLeft, {user_id})->integer(0));
}

void SqlMfaRepository::insert_pending(const users::PendingLogin& p) {
  c_.execute(kInsertPending, {p.token_hash, p.user_id,
                              std::string(p.stage == users::PendingStage::enrol ? "enrol" : "code"), p.expires_at});
}

std::optional<users::PendingLogin> SqlMfaRepository::find_pending(std::string_view token_hash) {
  auto r = c_.query_one(kFindPending, {std::string(token_hash)});
  if (!r) return std::nullopt;
  return users::PendingLogin{r->integer(0), r->integer(1), r->text(2),
                             r->text(3) == "enrol" ? users::PendingStage::enrol : users::PendingStage::code,
                             r->integer(4), static_cast<int>(r->integer(5))};
}

void SqlMfaRepository::count_pending_failure(std::int64_t id) { c_.execute(kCountPendingFailure, {id}); }
void SqlMfaRepository::remove_pending(std::int64_t id) { c_.execute(kRemovePending, {id}); }
void SqlMfaRepository::remove_expired_pending(std::int64_t now) { c_.execute(kRemoveExpiredPending, {now}); }

}  // namespace hms::storage
