#include "domain/users/mfa.hpp"

#include <sodium.h>

#include <array>

#include "domain/users/totp.hpp"

namespace hms::users {

std::string new_recovery_code() {
  std::array<unsigned char, 10> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  const std::string text = base32_encode(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  return text.substr(0, 4) + "-" + text.substr(4, 4) + "-" + text.substr(8, 4) + "-" + text.substr(12, 4);
}

std::string normalise_recovery_code(std::string_view typed) {
  std::string out;
  for (char c : typed) {
    if (c == ' ' || c == '-') continue;
    out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return out;
}

bool looks_like_recovery_code(std::string_view typed) {
  const std::string code = normalise_recovery_code(typed);
  return code.size() == 16 && base32_decode(code).has_value();
}

std::string recovery_code_hash(std::int64_t user_id, std::string_view code) {
  // The user's id goes in, so equal codes of two users never share a hash.
  const std::string input = std::to_string(user_id) + ":" + normalise_recovery_code(code);
  std::array<unsigned char, crypto_generichash_BYTES> hash{};
  crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(input.data()), input.size(),
                     nullptr, 0);
  std::array<char, crypto_generichash_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), hash.data(), hash.size());
  return hex.data();
}

}  // namespace hms::users
