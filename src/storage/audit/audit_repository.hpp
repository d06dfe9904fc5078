// The audit log on SQL (table audit_log), chained and sealed in the writer's transaction; the
// unit of work moves the checkpoint (audit_anchor.hpp) to the last entry appended once it commits.
#pragma once
#include "domain/audit/audit_entry.hpp"
#include "storage/audit/audit_anchor.hpp"
#include "storage/db/database.hpp"

namespace hms::storage {

class SqlAuditRepository final : public audit::AuditRepository {
 public:
  SqlAuditRepository(db::Connection& c, const audit::ChainKey& key, const AuditAnchor& anchor)
      : c_(c), key_(key), anchor_(anchor) {}
  std::int64_t append(audit::AuditEntry e) override;
  std::vector<audit::AuditEntry> list(const audit::AuditFilter& f, int limit, int offset) override;
  std::int64_t count(const audit::AuditFilter& f) override;
  std::vector<audit::AuditEntry> about(const std::string& object_type, const std::vector<std::string>& object_ids,
                                       int limit) override;
  std::vector<audit::AuditEntry> range(std::int64_t after_id, int limit) override;
  const audit::ChainKey& key() const override { return key_; }
  std::optional<audit::Checkpoint> checkpoint() override { return anchor_.read(); }
  // The last entry appended through this repository (for the checkpoint after the commit).
  const std::optional<audit::Checkpoint>& appended() const { return appended_; }

 private:
  db::Connection& c_;
  const audit::ChainKey& key_;
  const AuditAnchor& anchor_;
  std::optional<audit::Checkpoint> appended_;
};

}  // namespace hms::storage
