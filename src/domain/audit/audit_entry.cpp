#include "domain/audit/audit_entry.hpp"

#include <sodium.h>

#include <array>

namespace hms::audit {
namespace {

void absorb(crypto_generichash_state& st, const std::string& s) {
  auto n = static_cast<std::uint64_t>(s.size());
  std::array<unsigned char, 8> len{};
  for (std::size_t i = 0; i < 8; ++i) len[i] = static_cast<unsigned char>(n >> (8 * i));
  crypto_generichash_update(&st, len.data(), len.size());
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(s.data()), s.size());
}

std::string opt(const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : "-"; }

}  // namespace

std::string chain_hash(const AuditEntry& e) {
  crypto_generichash_state st;
  crypto_generichash_init(&st, nullptr, 0, 32);
  for (const std::string& part :
       {e.previous_hash, std::to_string(e.at), opt(e.actor_user_id), e.actor_login, opt(e.agency_id),
        e.action, e.object_type, e.object_id, e.request_id})
    absorb(st, part);
  std::array<unsigned char, 32> out{};
  crypto_generichash_final(&st, out.data(), out.size());
  std::array<char, 65> hex{};
  sodium_bin2hex(hex.data(), hex.size(), out.data(), out.size());
  return std::string(hex.data(), 64);
}

std::optional<std::int64_t> verify_chain(const std::vector<AuditEntry>& entries,
                                         std::string& previous) {
  for (const auto& e : entries) {
    if (e.previous_hash != previous || chain_hash(e) != e.hash) return e.id;
    previous = e.hash;
  }
  return std::nullopt;
}

}  // namespace hms::audit
