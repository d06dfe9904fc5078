#include "storage/attachments/attachment_repository.hpp"

#include <stdexcept>

namespace hms::storage {
namespace {

constexpr const char* kInsert =
    "INSERT INTO attachments (agency_id, attached_to, attached_id, category, file_name, media_type, size_bytes,"
    " sha256, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id";
constexpr const char* kColumns =
    "SELECT a.id, a.agency_id, a.attached_to, a.attached_id, a.category, a.file_name, a.media_type, a.size_bytes,"
    " a.sha256, a.uploaded_by, u.login, a.uploaded_at, a.deleted_at, a.deleted_by"
    " FROM attachments a LEFT JOIN users u ON u.id = a.uploaded_by ";
constexpr const char* kWhereId = "WHERE a.id = $1";
// Led by agency_id: the index attachments_object.
constexpr const char* kWhereObject =
    "WHERE a.agency_id = $1 AND a.attached_to = $2 AND a.attached_id = $3 AND a.deleted_at IS NULL"
    " ORDER BY a.uploaded_at DESC, a.id DESC";
constexpr const char* kMarkDeleted =
    "UPDATE attachments SET deleted_at = $2, deleted_by = $3 WHERE id = $1 AND deleted_at IS NULL";

attachments::Attachment read(const db::Row& r) {
  attachments::Attachment a;
  a.id = r.integer(0);
  a.agency_id = r.integer(1);
  auto to = attachments::parse_attached_to(r.text(2));
  auto category = attachments::parse_category(r.text(4));
  if (!to || !category) throw std::runtime_error("attachments: unknown kind in row " + std::to_string(a.id));
  a.attached_to = *to;
  a.attached_id = r.integer(3);
  a.category = *category;
  a.file_name = r.text(5);
  a.media_type = r.text(6);
  a.size_bytes = r.integer(7);
  a.sha256 = r.text(8);
  a.uploaded_by = r.opt_integer(9);
  a.uploaded_by_login = r.opt_text(10).value_or("");
  a.uploaded_at = r.integer(11);
  a.deleted_at = r.opt_integer(12);
  a.deleted_by = r.opt_integer(13);
  return a;
}

}  // namespace

std::int64_t SqlAttachmentRepository::insert(const attachments::Attachment& a) {
  auto row = c_.query_one(kInsert, {a.agency_id, std::string(attachments::to_string(a.attached_to)), a.attached_id,
                                    std::string(attachments::to_string(a.category)), a.file_name, a.media_type,
                                    a.size_bytes, a.sha256, db::nullable(a.uploaded_by), a.uploaded_at});
  return row->integer(0);
}

std::optional<attachments::Attachment> SqlAttachmentRepository::find_by_id(std::int64_t id) {
  auto r = c_.query_one(std::string(kColumns) + kWhereId, {id});
  if (!r) return std::nullopt;
  return read(*r);
}

std::vector<attachments::Attachment> SqlAttachmentRepository::list(std::int64_t agency_id, attachments::AttachedTo to,
                                                                   std::int64_t attached_id) {
  std::vector<attachments::Attachment> out;
  for (const auto& r : c_.query(std::string(kColumns) + kWhereObject,
                                {agency_id, std::string(attachments::to_string(to)), attached_id}))
    out.push_back(read(r));
  return out;
}

void SqlAttachmentRepository::mark_deleted(std::int64_t id, std::optional<std::int64_t> by, std::int64_t at) {
  c_.execute(kMarkDeleted, {id, at, db::nullable(by)});
}

}  // namespace hms::storage
