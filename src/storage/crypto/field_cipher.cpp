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

constexpr std::string_view kVersion = "v1:";

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

}  // namespace

FieldCipher::FieldCipher(const std::array<unsigned char, kKeyBytes>& key) : key_(key) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  // A separate sub-key for the blind index, so that the index reveals nothing of the AEAD key.
  crypto_kdf_derive_from_key(index_key_.data(), index_key_.size(), 1, "hmsindex", key_.data());
}

std::string FieldCipher::encrypt(std::string_view column, std::string_view plaintext) const {
  constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  std::vector<unsigned char> out(kNonce + plaintext.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
  randombytes_buf(out.data(), kNonce);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      out.data() + kNonce, &written, reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
      reinterpret_cast<const unsigned char*>(column.data()), column.size(), nullptr, out.data(), key_.data());
  return std::string(kVersion) + to_hex(out.data(), kNonce + written);
}

std::string FieldCipher::decrypt(std::string_view column, std::string_view stored) const {
  constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  if (stored.substr(0, kVersion.size()) != kVersion) throw std::runtime_error("field cipher: unknown version");
  auto bytes = from_hex(stored.substr(kVersion.size()));
  if (bytes.size() < kNonce + crypto_aead_xchacha20poly1305_ietf_ABYTES)
    throw std::runtime_error("field cipher: value too short");
  std::string plain(bytes.size() - kNonce - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  unsigned long long len = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(plain.data()), &len, nullptr,
                                                 bytes.data() + kNonce, bytes.size() - kNonce,
                                                 reinterpret_cast<const unsigned char*>(column.data()),
                                                 column.size(), bytes.data(), key_.data()) != 0)
    throw std::runtime_error("field cipher: the value does not open with this key (wrong key file?)");
  plain.resize(len);
  return plain;
}

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
  const bool postgres = url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
  if (!postgres) return (url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url) + ".key";
  std::array<unsigned char, 16> h{};
  std::string redacted = db::redact_url(url);
  crypto_generichash(h.data(), h.size(), reinterpret_cast<const unsigned char*>(redacted.data()), redacted.size(),
                     nullptr, 0);
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : ".") + "/.config/hms/keys/" + to_hex(h.data(), h.size()) + ".key";
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
