// Password hashing with Argon2id (libsodium crypto_pwhash_str, "interactive" limits:
// 2 passes over 64 MiB). The stored string carries its own parameters and salt, e.g.
// "$argon2id$v=19$m=65536,t=2,p=1$…".
#pragma once
#include <string>
#include <string_view>

#include "app/context.hpp"

namespace hms::app {

std::string hash_password(std::string_view password);
bool verify_password(const std::string& hash, std::string_view password);
// Spends the time of one verification, so that an unknown login answers as slowly as a known one.
void verify_password_dummy(std::string_view password);

// Asks the acting user's password again before a sensitive change (e.g. an owner's IBAN, ADR
// 0007): DomainError(validation) on the field "password", users.password_confirmation_required
// when none was typed, users.password_confirmation_wrong when it is not theirs. The command line
// (no user) confirms nothing.
void confirm_password(Store& store, const Context& ctx, const std::optional<std::string>& password);

// 256-bit random token, hex; and its BLAKE2b-256 hash (hex), which is what is stored.
std::string random_token();
std::string token_hash(std::string_view token);

}  // namespace hms::app
