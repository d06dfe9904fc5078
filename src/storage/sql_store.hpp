// The Store of domain/store.hpp over a db::Database (SQLite or PostgreSQL): each unit of
// work holds one pooled connection and one transaction, and the repositories of every
// module work on that connection.
#pragma once
#include <memory>

#include "domain/store.hpp"
#include "storage/attachments/file_folder.hpp"
#include "storage/audit/audit_anchor.hpp"
#include "storage/crypto/field_cipher.hpp"
#include "storage/db/database.hpp"

namespace hms::storage {

class SqlStore final : public Store {
 public:
  // `cipher` encrypts personal fields and seals the audit log (see storage/crypto/field_cipher.hpp
  // for its key); `anchor` keeps the audit checkpoint outside the database (none: no checkpoint);
  // `files` holds the attached documents (attachments_folder_for; none: uploads fail).
  SqlStore(std::shared_ptr<db::Database> db, FieldCipher cipher, AuditAnchor anchor = {}, DiskFileFolder files = {})
      : db_(std::move(db)), cipher_(std::move(cipher)), anchor_(std::move(anchor)), files_(std::move(files)) {}
  std::unique_ptr<UnitOfWork> read() override;
  std::unique_ptr<UnitOfWork> write() override;
  attachments::FileFolder& attachment_files() override { return files_; }
  db::Database& database() { return *db_; }
  const FieldCipher& cipher() const { return cipher_; }
  // Re-encrypts the values written before the current version (v1 IBANs, bound to their column
  // only) for their row, in one transaction; answers how many (hms init, after an upgrade).
  std::int64_t reencrypt_old_values();

 private:
  std::unique_ptr<UnitOfWork> open(bool write);
  std::shared_ptr<db::Database> db_;
  FieldCipher cipher_;
  AuditAnchor anchor_;
  DiskFileFolder files_;
};

}  // namespace hms::storage
