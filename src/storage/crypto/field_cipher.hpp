// Encryption of personal fields at rest (security-reliability.md: IBAN, national number,
// incomes): XChaCha20-Poly1305 (libsodium AEAD) with the column's name as associated data,
// and a keyed BLAKE2b "blind index" to find a value without decrypting every row.
// The 32-byte key lives outside the database, in a file readable by its owner only:
//   HMS_KEY_FILE, else beside a SQLite file ("data/hms.db" → "data/hms.db.key"), else
//   ~/.config/hms/keys/<hash of the PostgreSQL URL without password>.key.
#pragma once
#include <array>
#include <string>
#include <string_view>

namespace hms::storage {

class FieldCipher {
 public:
  static constexpr std::size_t kKeyBytes = 32;
  explicit FieldCipher(const std::array<unsigned char, kKeyBytes>& key);

  // "v1:" + hex(nonce ‖ ciphertext ‖ tag). `column` binds the value to its place ("owners.iban").
  std::string encrypt(std::string_view column, std::string_view plaintext) const;
  // Throws std::runtime_error if the value was not made with this key for this column.
  std::string decrypt(std::string_view column, std::string_view stored) const;
  // hex(BLAKE2b-256 keyed with a sub-key of the key) of column ‖ value: equal values, equal index.
  std::string blind_index(std::string_view column, std::string_view value) const;

 private:
  std::array<unsigned char, kKeyBytes> key_;
  std::array<unsigned char, kKeyBytes> index_key_;
};

// The key file for a database URL (see above).
std::string key_file_for(const std::string& url);
// Reads the key; with `create`, makes a new random key file (mode 0600) when there is none.
// Throws std::runtime_error when missing (without create), unreadable, of the wrong size, or
// readable by group or others.
FieldCipher load_field_cipher(const std::string& url, bool create);

}  // namespace hms::storage
