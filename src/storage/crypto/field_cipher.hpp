// Encryption of personal fields at rest (security-reliability.md: IBAN, national number,
// incomes): XChaCha20-Poly1305 (libsodium AEAD) with the value's place — column, agency and
// row — as associated data, so that a value copied onto another row does not open (ADR 0007),
// and a keyed BLAKE2b "blind index" to find a value without decrypting every row.
// The 32-byte key lives outside the database, in a file readable by its owner only:
//   HMS_KEY_FILE, else beside a SQLite file ("data/hms.db" → "data/hms.db.key"), else
//   ~/.config/hms/keys/<hash of the PostgreSQL URL without password>.key.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <stdexcept>
#include <string_view>

namespace hms::storage {

// Where a value is stored, e.g. {"owners.iban", agency 3, owner 42}.
struct FieldPlace {
  std::string_view column;
  std::int64_t agency_id = 0;
  std::int64_t row_id = 0;
};

// A v2 value made for another row (copied there behind hms's back); the repository turns it
// into its module's DomainError (e.g. owners.iban_unreadable), which the use case audits.
struct MovedValue : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class FieldCipher {
 public:
  static constexpr std::size_t kKeyBytes = 32;
  explicit FieldCipher(const std::array<unsigned char, kKeyBytes>& key);

  // "v2:<agency>.<row>:" + hex(nonce ‖ ciphertext ‖ tag), the place as associated data.
  std::string encrypt(const FieldPlace& place, std::string_view plaintext) const;
  // Opens a v2 value made for this place, or a v1 value (written before v2: "v1:" + hex, the
  // column alone as associated data). A v2 value naming another place: MovedValue.
  // Otherwise throws std::runtime_error if the value was not made with this key.
  std::string decrypt(const FieldPlace& place, std::string_view stored) const;
  // True for a value of the current version (v2); a v1 value is re-encrypted by `hms init`.
  static bool is_current(std::string_view stored);
  // hex(BLAKE2b-256 keyed with a sub-key of the key) of column ‖ value: equal values, equal index.
  std::string blind_index(std::string_view column, std::string_view value) const;
  // The sub-key that seals the audit log (crypto_kdf, context "hmsaudit"): never the raw key.
  const std::array<unsigned char, kKeyBytes>& audit_key() const { return audit_key_; }

 private:
  std::array<unsigned char, kKeyBytes> key_;
  std::array<unsigned char, kKeyBytes> index_key_;
  std::array<unsigned char, kKeyBytes> audit_key_;
};

// The key file for a database URL (see above).
std::string key_file_for(const std::string& url);
// The audit checkpoint file for a database URL: HMS_AUDIT_CHECKPOINT, else beside a SQLite
// file ("data/hms.db" → "data/hms.db.audit-checkpoint"), else
// ~/.config/hms/keys/<hash of the PostgreSQL URL without password>.audit-checkpoint.
std::string audit_checkpoint_for(const std::string& url);
// Reads the key; with `create`, makes a new random key file (mode 0600) when there is none.
// Throws std::runtime_error when missing (without create), unreadable, of the wrong size, or
// readable by group or others.
FieldCipher load_field_cipher(const std::string& url, bool create);

}  // namespace hms::storage
