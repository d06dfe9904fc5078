#include "app/users/passwords.hpp"

#include "app/users/authentication.hpp"

#include <sodium.h>

#include <array>
#include <stdexcept>

namespace hms::app {
namespace {

void init_sodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw std::runtime_error("libsodium could not be initialised");
}

std::string to_hex(const unsigned char* data, std::size_t n) {
  std::string hex(n * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), data, n);
  hex.pop_back();
  return hex;
}

}  // namespace

std::string hash_password(std::string_view password) {
  init_sodium();
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str(out.data(), password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("out of memory while hashing a password");
  return std::string(out.data());
}

bool verify_password(const std::string& hash, std::string_view password) {
  init_sodium();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void verify_password_dummy(std::string_view password) {
  static const std::string dummy = hash_password("not a real password, only spends time");
  verify_password(dummy, password);
}

std::string random_token() {
  init_sodium();
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return to_hex(bytes.data(), bytes.size());
}

std::string token_hash(std::string_view token) {
  init_sodium();
  std::array<unsigned char, 32> out{};
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  return to_hex(out.data(), out.size());
}

void confirm_password(Store& store, const Context& ctx, const std::optional<std::string>& password) {
  if (ctx.is_cli()) return;
  if (!password || password->empty())
    throw DomainError(ErrorKind::validation, "users.password_confirmation_required").field("password");
  check_own_password(store, ctx, *password, "password", "users.password_confirmation_wrong");
}

}  // namespace hms::app
