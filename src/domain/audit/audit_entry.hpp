// The audit log: who did what to which object, when, in which request — never the values
// of sensitive fields. Append-only and hash-chained: each entry's hash covers the previous
// entry's hash, so an edited or deleted row breaks the chain (verify_chain finds where).
// E.g. {actor "m.dupont", action "users.create", object users/42, agency 3}.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hms::audit {

struct AuditEntry {
  std::int64_t id = 0;
  std::int64_t at = 0;                       // seconds since 1970 UTC
  std::optional<std::int64_t> actor_user_id; // none: the command line
  std::string actor_login;                   // "cli" for the command line
  std::optional<std::int64_t> agency_id;     // the agency the object belongs to, if any
  std::string action;                        // "<module>.<verb>", e.g. "users.disable"
  std::string object_type;                   // e.g. "users"
  std::string object_id;                     // e.g. "42"
  std::string request_id;                    // ties the entry to the access log
  std::string previous_hash;                 // hash of the entry before; 64 zeros for the first
  std::string hash;                          // chain_hash(*this)
};

inline const std::string kGenesisHash(64, '0');

// BLAKE2b-256 (hex) over previous_hash and every field but id and hash, length-prefixed.
std::string chain_hash(const AuditEntry& e);

// The id of the first entry whose hash or link is wrong, or none if the chain holds.
// `entries` in id order; `previous_hash` is the hash before the first of them (kGenesisHash
// at the start of the log) and is advanced, so that a long log is checked in batches.
std::optional<std::int64_t> verify_chain(const std::vector<AuditEntry>& entries,
                                         std::string& previous_hash);

struct AuditFilter {
  std::optional<std::int64_t> agency_id;  // none: every agency
};

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  // Links the entry to the last one (in the same transaction as the change it records),
  // computes its hash and stores it. Answers its id.
  virtual std::int64_t append(AuditEntry e) = 0;
  virtual std::vector<AuditEntry> list(const AuditFilter& f, int limit, int offset) = 0;
  virtual std::int64_t count(const AuditFilter& f) = 0;
  // Every entry in id order, in batches, for verification.
  virtual std::vector<AuditEntry> range(std::int64_t after_id, int limit) = 0;
};

}  // namespace hms::audit
