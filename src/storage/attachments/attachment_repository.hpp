// Attached documents on SQL (table attachments, V0015): the rows only; the bytes are files
// (file_folder.hpp). The uploader's login is read along from users.
#pragma once
#include "domain/attachments/attachment.hpp"
#include "storage/db/database.hpp"

namespace hms::storage {

class SqlAttachmentRepository final : public attachments::AttachmentRepository {
 public:
  explicit SqlAttachmentRepository(db::Connection& c) : c_(c) {}
  std::int64_t insert(const attachments::Attachment& a) override;
  std::optional<attachments::Attachment> find_by_id(std::int64_t id) override;
  std::vector<attachments::Attachment> list(std::int64_t agency_id, attachments::AttachedTo to,
                                            std::int64_t attached_id) override;
  void mark_deleted(std::int64_t id, std::optional<std::int64_t> by, std::int64_t at) override;

 private:
  db::Connection& c_;
};

}  // namespace hms::storage
