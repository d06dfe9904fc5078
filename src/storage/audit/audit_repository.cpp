#include "storage/audit/audit_repository.hpp"

#include "storage/db/where.hpp"

namespace hms::storage {
namespace {

// PostgreSQL writers run concurrently: this lock (which conflicts with itself) makes the
// read of the last hash and the insert one step. SQLite writers are already serialised.
constexpr const char* kLockPostgres = "LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE";
constexpr const char* kLastHash = "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1";
constexpr const char* kInsert =
    "INSERT INTO audit_log (at, actor_user_id, actor_login, agency_id, action, object_type, object_id,"
    " request_id, previous_hash, hash, details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id";
constexpr const char* kColumns =
    "SELECT id, at, actor_user_id, actor_login, agency_id, action, object_type, object_id, request_id,"
    " previous_hash, hash, details FROM audit_log ";
// One agency's rows, or all of them. Two SQL texts rather than "($1 = 0 OR agency_id = $2)":
// with the OR, neither SQLite nor PostgreSQL uses audit_log_agency, and an agency's page reads
// the whole log backwards (and its count scans it all).
constexpr const char* kAgencyFilter = "WHERE agency_id = $1 ";

audit::AuditEntry read(const db::Row& r) {
  return {r.integer(0), r.integer(1), r.opt_integer(2), r.text(3), r.opt_integer(4), r.text(5),
          r.text(6),    r.text(7),    r.text(8),        r.text(9), r.text(10),        r.text(11)};
}

}  // namespace

std::int64_t SqlAuditRepository::append(audit::AuditEntry e) {
  if (c_.backend() == db::Backend::postgres) c_.execute(kLockPostgres);
  auto last = c_.query_one(kLastHash);
  e.previous_hash = last ? last->text(0) : audit::kGenesisHash;
  e.hash = audit::seal(e, key_);
  e.id = c_.query_one(kInsert, {e.at, db::nullable(e.actor_user_id), e.actor_login, db::nullable(e.agency_id),
                                e.action, e.object_type, e.object_id, e.request_id, e.previous_hash, e.hash, e.details})
             ->integer(0);
  appended_ = audit::Checkpoint{e.id, e.hash};
  return e.id;
}

std::vector<audit::AuditEntry> SqlAuditRepository::list(const audit::AuditFilter& f, int limit, int offset) {
  std::vector<audit::AuditEntry> out;
  auto rows = f.agency_id
                  ? c_.query(std::string(kColumns) + kAgencyFilter + "ORDER BY id DESC LIMIT $2 OFFSET $3",
                             {*f.agency_id, std::int64_t{limit}, std::int64_t{offset}})
                  : c_.query(std::string(kColumns) + "ORDER BY id DESC LIMIT $1 OFFSET $2",
                             {std::int64_t{limit}, std::int64_t{offset}});
  for (const auto& r : rows) out.push_back(read(r));
  return out;
}

std::int64_t SqlAuditRepository::count(const audit::AuditFilter& f) {
  auto row = f.agency_id ? c_.query_one(std::string("SELECT count(*) FROM audit_log ") + kAgencyFilter, {*f.agency_id})
                         : c_.query_one("SELECT count(*) FROM audit_log");
  return row->integer(0);
}

std::vector<audit::AuditEntry> SqlAuditRepository::about(const std::string& object_type,
                                                         const std::vector<std::string>& object_ids, int limit) {
  std::vector<audit::AuditEntry> out;
  if (object_ids.empty()) return out;
  db::Where w;
  w.add("object_type = ?", {object_type});
  std::string in;
  std::vector<db::Value> ids;
  for (const auto& id : object_ids) {
    in += in.empty() ? "?" : ", ?";
    ids.emplace_back(id);
  }
  w.add("object_id IN (" + in + ")", std::move(ids));
  for (const auto& r : c_.query(std::string(kColumns) + w.sql + " ORDER BY id DESC" + w.limit_offset(limit, 0), w.params))
    out.push_back(read(r));
  return out;
}

std::vector<audit::AuditEntry> SqlAuditRepository::range(std::int64_t after_id, int limit) {
  std::vector<audit::AuditEntry> out;
  for (const auto& r : c_.query(std::string(kColumns) + "WHERE id > $1 ORDER BY id LIMIT $2",
                                {after_id, std::int64_t{limit}}))
    out.push_back(read(r));
  return out;
}

}  // namespace hms::storage
