#include "storage/crypto/field_cipher.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

#include "common/text.hpp"
#include "storage/db/database.hpp"

namespace hms::storage {
namespace {

constexpr std::string_view kVersion1 = "v1:";
constexpr std::string_view kVersion = "v2:";
constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;

std::vector<unsigned char> from_hex(std::string_view hex) {
  std::vector<unsigned char> out(hex.size() / 2);
  std::size_t len = 0;
  if (hex.size() % 2 != 0 ||
      sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &len, nullptr) != 0 ||
      len != out.size())
    throw std::runtime_error("field cipher: malformed stored value");
  return out;
}

std::string to_hex(const unsigned char* data, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, size);
  out.pop_back();
  return out;
}

// v2: column, agency and row, NUL-separated.
std::string associated_data(const FieldPlace& place) {
  return std::string(place.column) + '\0' + std::to_string(place.agency_id) + '\0' + std::to_string(place.row_id);
}

std::string place_tag(const FieldPlace& place) {
  return std::to_string(place.agency_id) + "." + std::to_string(place.row_id) + ":";
}

std::string open_value(std::string_view hex, std::string_view ad, const unsigned char* key) {
  auto bytes = from_hex(hex);
  if (bytes.size() < kNonce + kTag) throw std::runtime_error("field cipher: value too short");
  std::string plain(bytes.size() - kNonce - kTag, '\0');
  unsigned long long len = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(plain.data()), &len, nullptr,
                                                 bytes.data() + kNonce, bytes.size() - kNonce,
                                                 reinterpret_cast<const unsigned char*>(ad.data()), ad.size(),
                                                 bytes.data(), key) != 0)
    throw std::runtime_error("field cipher: the value does not open with this key (wrong key file?)");
  plain.resize(len);
  return plain;
}

// "postgresql://…" → ~/.config/hms/keys/<hash of the URL without password><suffix>;
// a SQLite file → <file><suffix>.
std::string beside_database(const std::string& url, const std::string& suffix) {
  const bool postgres = url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
  if (!postgres) return (url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url) + suffix;
  std::array<unsigned char, 16> h{};
  std::string redacted = db::redact_url(url);
  crypto_generichash(h.data(), h.size(), reinterpret_cast<const unsigned char*>(redacted.data()), redacted.size(),
                     nullptr, 0);
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : ".") + "/.config/hms/keys/" + to_hex(h.data(), h.size()) + suffix;
}

}  // namespace

FieldCipher::FieldCipher(const std::array<unsigned char, kKeyBytes>& key) : key_(key) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  // A separate sub-key for the blind index, so that the index reveals nothing of the AEAD key.
  crypto_kdf_derive_from_key(index_key_.data(), index_key_.size(), 1, "hmsindex", key_.data());
  crypto_kdf_derive_from_key(audit_key_.data(), audit_key_.size(), 2, "hmsaudit", key_.data());
}

std::string FieldCipher::encrypt(const FieldPlace& place, std::string_view plaintext) const {
  const std::string ad = associated_data(place);
  std::vector<unsigned char> out(kNonce + plaintext.size() + kTag);
  randombytes_buf(out.data(), kNonce);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      out.data() + kNonce, &written, reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
      reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nullptr, out.data(), key_.data());
  return std::string(kVersion) + place_tag(place) + to_hex(out.data(), kNonce + written);
}

std::string FieldCipher::decrypt(const FieldPlace& place, std::string_view stored) const {
  if (stored.starts_with(kVersion1)) return open_value(stored.substr(kVersion1.size()), place.column, key_.data());
  if (!stored.starts_with(kVersion)) throw std::runtime_error("field cipher: unknown version");
  // 1. The place the value was made for is written in clear before it: another row's value
  //    is refused by name. 2. The place is also its associated data: editing the tag does not help.
  stored.remove_prefix(kVersion.size());
  const std::string tag = place_tag(place);
  if (!stored.starts_with(tag)) throw MovedValue("field cipher: the value was made for another row");
  return open_value(stored.substr(tag.size()), associated_data(place), key_.data());
}

bool FieldCipher::is_current(std::string_view stored) { return stored.starts_with(kVersion); }

std::string FieldCipher::blind_index(std::string_view column, std::string_view value) const {
  std::array<unsigned char, 32> out{};
  crypto_generichash_state state;
  crypto_generichash_init(&state, index_key_.data(), index_key_.size(), out.size());
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(column.data()), column.size());
  const unsigned char separator = 0;
  crypto_generichash_update(&state, &separator, 1);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(value.data()), value.size());
  crypto_generichash_final(&state, out.data(), out.size());
  return to_hex(out.data(), out.size());
}

std::string key_file_for(const std::string& url) {
  if (const char* env = std::getenv("HMS_KEY_FILE"); env && *env) return env;
  return beside_database(url, ".key");
}

std::string audit_checkpoint_for(const std::string& url) {
  if (const char* env = std::getenv("HMS_AUDIT_CHECKPOINT"); env && *env) return env;
  return beside_database(url, ".audit-checkpoint");
}

FieldCipher load_field_cipher(const std::string& url, bool create) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  const std::string path = key_file_for(url);
  std::array<unsigned char, FieldCipher::kKeyBytes> key{};
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (!create)
      throw std::runtime_error("the encryption key file " + path +
                               " is missing: run `hms init` on a new database, or set HMS_KEY_FILE");
    std::filesystem::path p(path);
    if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
    randombytes_buf(key.data(), key.size());
    const mode_t old = ::umask(077);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    ::umask(old);
    out.write(reinterpret_cast<const char*>(key.data()), static_cast<std::streamsize>(key.size()));
    out.close();
    if (!out) throw std::runtime_error("cannot write the encryption key file " + path);
    std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    return FieldCipher(key);
  }
  if ((st.st_mode & 077) != 0)
    throw std::runtime_error("the encryption key file " + path +
                             " is readable by other users: chmod 600 it before starting hms");
  std::ifstream in(path, std::ios::binary);
  in.read(reinterpret_cast<char*>(key.data()), static_cast<std::streamsize>(key.size()));
  if (in.gcount() != static_cast<std::streamsize>(key.size()) || in.peek() != std::ifstream::traits_type::eof())
    throw std::runtime_error("the encryption key file " + path + " is not a 32-byte key");
  return FieldCipher(key);
}

}  // namespace hms::storage
