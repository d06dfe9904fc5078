// Verifying the audit log's hash chain from the first entry to the last (hms audit verify).
#pragma once
#include "app/context.hpp"

namespace hms::app {

struct AuditCheck {
  std::int64_t entries = 0;                  // entries checked
  std::optional<std::int64_t> first_broken;  // id of the first entry that does not chain
};

AuditCheck verify_audit_log(Store& store, const Context& ctx);
Page<audit::AuditEntry> list_audit(Store& store, const Context& ctx, Paging paging);

}  // namespace hms::app
