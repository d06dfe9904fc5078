// The audit log's checkpoint outside the database: a small file (beside the key file by
// default, see audit_checkpoint_for) naming the last entry committed and its seal, so that a
// cut tail, or a log rewritten whole in SQL, shows in `hms audit verify`. ADR 0007.
//   AuditAnchor anchor("data/hms.db.audit-checkpoint");
//   anchor.advance({812, "v2:3f…"});   // after the commit of entry 812
//   anchor.read();                     // {812, "v2:3f…"}
// Several processes may write one database (a server and the command line): the file is
// locked (flock) while read or written, and only ever moves forward (a later id).
#pragma once
#include <optional>
#include <string>

#include "domain/audit/audit_entry.hpp"

namespace hms::storage {

class AuditAnchor {
 public:
  AuditAnchor() = default;  // no checkpoint (stores made by tests in process)
  explicit AuditAnchor(std::string path) : path_(std::move(path)) {}
  const std::string& path() const { return path_; }
  // None when there is no file (or no path). Throws std::runtime_error on an unreadable file.
  std::optional<audit::Checkpoint> read() const;
  // Records `c` (mode 0600, flushed to disk) unless the file already names a later entry.
  // Throws std::runtime_error when the file cannot be written.
  void advance(const audit::Checkpoint& c) const;

 private:
  std::string path_;
};

}  // namespace hms::storage
