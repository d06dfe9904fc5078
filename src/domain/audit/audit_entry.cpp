#include "domain/audit/audit_entry.hpp"

#include <sodium.h>

namespace hms::audit {
namespace {

constexpr std::string_view kSealVersion = "v2:";

void absorb(crypto_generichash_state& st, const std::string& s) {
  auto n = static_cast<std::uint64_t>(s.size());
  std::array<unsigned char, 8> len{};
  for (std::size_t i = 0; i < 8; ++i) len[i] = static_cast<unsigned char>(n >> (8 * i));
  crypto_generichash_update(&st, len.data(), len.size());
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(s.data()), s.size());
}

std::string opt(const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : "-"; }

// hex(BLAKE2b-256) of the entry's fields, keyed (v2, with the details) when `key` is given.
std::string digest(const AuditEntry& e, const unsigned char* key, std::size_t key_size) {
  crypto_generichash_state st;
  crypto_generichash_init(&st, key, key_size, 32);
  for (const std::string& part :
       {e.previous_hash, std::to_string(e.at), opt(e.actor_user_id), e.actor_login, opt(e.agency_id),
        e.action, e.object_type, e.object_id, e.request_id})
    absorb(st, part);
  if (key) absorb(st, e.details);
  std::array<unsigned char, 32> out{};
  crypto_generichash_final(&st, out.data(), out.size());
  std::array<char, 65> hex{};
  sodium_bin2hex(hex.data(), hex.size(), out.data(), out.size());
  return std::string(hex.data(), 64);
}

bool is_v2(const std::string& hash) { return hash.starts_with(kSealVersion); }

}  // namespace

std::string seal(const AuditEntry& e, const ChainKey& key) {
  return std::string(kSealVersion) + digest(e, key.data(), key.size());
}

std::string chain_hash(const AuditEntry& e) { return digest(e, nullptr, 0); }

std::optional<std::int64_t> verify_chain(const std::vector<AuditEntry>& entries, std::string& previous,
                                         const ChainKey& key) {
  for (const auto& e : entries) {
    if (e.previous_hash != previous) return e.id;                                  // 1.
    const bool sealed = is_v2(e.hash);
    if (!sealed && is_v2(previous)) return e.id;                                   // 2. no way back to v1
    const std::string expected = sealed ? seal(e, key) : chain_hash(e);
    if (expected.size() != e.hash.size() || sodium_memcmp(expected.data(), e.hash.data(), expected.size()) != 0)
      return e.id;
    previous = e.hash;
  }
  return std::nullopt;
}

}  // namespace hms::audit
