// Second factors on SQL (tables user_mfa, user_recovery_codes, pending_logins): the TOTP
// secret is encrypted with the field cipher, its associated data naming the user's row, so
// a secret copied onto another user's row does not decrypt.
#pragma once
#include "domain/users/mfa.hpp"
#include "storage/crypto/field_cipher.hpp"
#include "storage/db/database.hpp"

namespace hms::storage {

class SqlMfaRepository final : public users::MfaRepository {
 public:
  SqlMfaRepository(db::Connection& c, const FieldCipher& cipher) : c_(c), cipher_(cipher) {}
  std::optional<users::MfaSecret> find(std::int64_t user_id) override;
  void save_unconfirmed(std::int64_t user_id, const std::string& secret, std::int64_t now) override;
  void enable(std::int64_t user_id, std::int64_t step) override;
  bool use_step(std::int64_t user_id, std::int64_t step) override;
  void remove(std::int64_t user_id) override;
  void replace_recovery_codes(std::int64_t user_id, const std::vector<std::string>& hashes) override;
  bool use_recovery_code(std::int64_t user_id, const std::string& hash, std::int64_t now) override;
  int recovery_codes_left(std::int64_t user_id) override;
  void insert_pending(const users::PendingLogin& p) override;
  std::optional<users::PendingLogin> find_pending(std::string_view token_hash) override;
  void count_pending_failure(std::int64_t id) override;
  void remove_pending(std::int64_t id) override;
  void remove_expired_pending(std::int64_t now) override;

 private:
  db::Connection& c_;
  const FieldCipher& cipher_;
};

}  // namespace hms::storage
