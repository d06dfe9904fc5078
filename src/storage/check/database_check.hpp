// What a database must hold after a crash, a restore or an upgrade (issue 14.2, `hms check`),
// each read in its own read transaction:
//   1. "integrity": SQLite's integrity check of the file (PostgreSQL checks its pages itself);
//   2. "foreign_keys": no row naming a row that is not there (SQLite's foreign_key_check;
//      PostgreSQL never lets one in);
//   3. "journals": every ledger entry has two lines or more whose debits equal their credits,
//      and every (agency, journal, year) is numbered 1..N without a gap;
//   4. "encrypted_fields": every value of storage/crypto/encrypted_fields.hpp opens with the key
//      file, for its own row.
// The audit log's chain is checked by app::verify_audit_log (hms audit verify).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "storage/crypto/field_cipher.hpp"
#include "storage/db/database.hpp"

namespace hms::storage {

struct CheckFinding {
  std::string name;          // "integrity", "foreign_keys", "journals", "encrypted_fields"
  bool applies = true;       // false: the backend guarantees it (PostgreSQL's integrity and keys)
  std::int64_t checked = 0;  // what was looked at: entries, values, rows
  std::int64_t problems = 0;
  std::string first;         // where the first problem is, as table and row ("ledger_entries 42 (RENT 2026/7)"); no personal data
  bool ok() const { return problems == 0; }
};

std::vector<CheckFinding> check_database(db::Database& db, const FieldCipher& cipher);

}  // namespace hms::storage
