// The audit log on SQL (table audit_log), chained in the writer's transaction.
#pragma once
#include "domain/audit/audit_entry.hpp"
#include "storage/db/database.hpp"

namespace hms::storage {

class SqlAuditRepository final : public audit::AuditRepository {
 public:
  explicit SqlAuditRepository(db::Connection& c) : c_(c) {}
  std::int64_t append(audit::AuditEntry e) override;
  std::vector<audit::AuditEntry> list(const audit::AuditFilter& f, int limit, int offset) override;
  std::int64_t count(const audit::AuditFilter& f) override;
  std::vector<audit::AuditEntry> range(std::int64_t after_id, int limit) override;

 private:
  db::Connection& c_;
};

}  // namespace hms::storage
