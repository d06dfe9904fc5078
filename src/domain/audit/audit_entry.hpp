// The audit log: who did what to which object, when, in which request — never the values
// of sensitive fields. Append-only and chained: each entry's seal covers the previous entry's
// seal, so an edited or deleted row breaks the chain (verify_chain finds where). The seal is a
// MAC keyed with a sub-key of the key file (outside the database), so whoever can write the
// database cannot rewrite the chain after an edit; a checkpoint outside the database (the last
// entry committed) shows a cut tail. ADR 0007.
// E.g. {actor "m.dupont", action "users.create", object users/42, agency 3}.
#pragma once
#include <array>
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
  std::string previous_hash;                 // seal of the entry before; 64 zeros for the first
  std::string hash;                          // seal(*this, key)
  std::string details;                       // e.g. "email,iban": field names, never values
};

inline const std::string kGenesisHash(64, '0');

// The audit sub-key (storage derives it from the key file's key; never the raw key).
using ChainKey = std::array<unsigned char, 32>;

// The seal of an entry, over previous_hash and every field but id and hash, length-prefixed:
// "v2:" + hex(BLAKE2b-256 keyed with `key`). Entries written before v2 carry chain_hash (v1),
// which does not cover `details` (they have none).
std::string seal(const AuditEntry& e, const ChainKey& key);
// v1, without key: hex(BLAKE2b-256), 64 characters. Checked, never written any more.
std::string chain_hash(const AuditEntry& e);

// The id of the first entry whose seal or link is wrong, or none if the chain holds.
// `entries` in id order; `previous_hash` is the seal before the first of them (kGenesisHash
// at the start of the log) and is advanced, so that a long log is checked in batches.
// Steps, for each entry:
//   1. it links to the seal before it;
//   2. a v2 seal is the keyed MAC; a v1 hash is the unkeyed hash, and is accepted only before
//      the first v2 entry (after one, a v1 entry is a rewrite by someone without the key).
std::optional<std::int64_t> verify_chain(const std::vector<AuditEntry>& entries, std::string& previous_hash,
                                         const ChainKey& key);

// The last entry committed, as the checkpoint outside the database recorded it.
struct Checkpoint {
  std::int64_t id = 0;
  std::string hash;
};

struct AuditFilter {
  std::optional<std::int64_t> agency_id;  // none: every agency
};

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  // Links the entry to the last one (in the same transaction as the change it records),
  // seals it and stores it. Answers its id.
  virtual std::int64_t append(AuditEntry e) = 0;
  virtual std::vector<AuditEntry> list(const AuditFilter& f, int limit, int offset) = 0;
  virtual std::int64_t count(const AuditFilter& f) = 0;
  // The entries about objects of `object_type` with one of `object_ids`, newest first, at most
  // `limit` (who read or changed a household's record, for its copy of its data).
  virtual std::vector<AuditEntry> about(const std::string& object_type, const std::vector<std::string>& object_ids,
                                        int limit) = 0;
  // Every entry in id order, in batches, for verification.
  virtual std::vector<AuditEntry> range(std::int64_t after_id, int limit) = 0;
  // The key that seals the entries, for verification.
  virtual const ChainKey& key() const = 0;
  // The checkpoint outside the database; none when there is no checkpoint file (yet).
  // Read it before the entries: it names only entries committed before it was written.
  virtual std::optional<Checkpoint> checkpoint() = 0;
};

}  // namespace hms::audit
