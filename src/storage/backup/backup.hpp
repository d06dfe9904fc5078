// hms backup and hms restore (issue 14.2): everything an installation needs to start again, in
// one file encrypted with a passphrase (backup_file.hpp):
//   "manifest.json"      the backend, when, the number of migrations, the files' count;
//   "database.sqlite"    a consistent copy of the live SQLite file (SQLite's online backup
//                        API, in one step: writers wait, readers do not), or
//   "database.pgdump"    pg_dump's custom format of the PostgreSQL database (one snapshot);
//   "key"                the key file of the encrypted fields (field_cipher.hpp);
//   "audit-checkpoint"   the audit log's checkpoint, when there is one;
//   "attachments/…"      every attached document's file.
// A restore reads and checks the whole file before it writes anything, then puts each part where
// the target URL's own would be (the key file and attachments beside a SQLite file, …), and
// refuses to overwrite: the target database must be empty (no SQLite file; no table in
// PostgreSQL), and no other key file or attachment may already be there.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace hms::storage {

struct BackupSummary {
  std::string backend;            // "sqlite" or "postgresql"
  std::string created_at;         // UTC, ISO 8601, e.g. "2026-12-07T21:50:02Z"
  std::int64_t migrations = 0;    // schema migrations applied in the copy
  std::int64_t attachments = 0;   // attached documents' files
  std::uintmax_t bytes = 0;       // the backup file's size (backup) or the database's (restore)
};

// Writes `out` ("<out>.partial" until complete). Refused (DomainError validation): a passphrase
// too short, `out` already there ("backup.out_exists"). A failure of pg_dump says what it said.
BackupSummary backup_database(const std::string& url, const std::filesystem::path& out, std::string_view passphrase,
                              std::int64_t now_seconds);

// Restores `from` into the empty database `url`. Refused (DomainError validation): a target not
// empty ("backup.target_not_empty"), another key file or attachments already in the target's
// place ("backup.target_key_exists", "backup.target_attachments_exist"), a backup of the other
// backend ("backup.other_backend"), a wrong passphrase or a damaged file (backup_file.hpp).
BackupSummary restore_database(const std::filesystem::path& from, const std::string& url, std::string_view passphrase);

}  // namespace hms::storage
