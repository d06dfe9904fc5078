// Verifying the audit log from the first entry to the last, and its tail against the
// checkpoint kept outside the database (hms audit verify). ADR 0007.
#pragma once
#include "app/context.hpp"

namespace hms::app {

struct AuditCheck {
  // What the checkpoint outside the database says of the log's tail.
  enum class Tail {
    anchored,       // the checkpoint's entry is there, with its seal
    unsealed,       // no checkpoint and no sealed entry: a log written before v2 (or empty)
    no_checkpoint,  // sealed entries but no checkpoint: a cut tail would not show
    cut,            // the checkpoint names an entry that is not there
    rewritten,      // the checkpoint's entry is there with another seal
  };
  std::int64_t entries = 0;                  // entries checked
  std::optional<std::int64_t> first_broken;  // id of the first entry that does not chain
  Tail tail = Tail::unsealed;
  std::optional<audit::Checkpoint> checkpoint;
  bool ok() const { return !first_broken && (tail == Tail::anchored || tail == Tail::unsealed); }
};

AuditCheck verify_audit_log(Store& store, const Context& ctx);
Page<audit::AuditEntry> list_audit(Store& store, const Context& ctx, Paging paging);

}  // namespace hms::app
