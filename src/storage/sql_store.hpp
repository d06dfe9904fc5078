// The Store of domain/store.hpp over a db::Database (SQLite or PostgreSQL): each unit of
// work holds one pooled connection and one transaction, and the repositories of every
// module work on that connection.
#pragma once
#include <memory>

#include "domain/store.hpp"
#include "storage/crypto/field_cipher.hpp"
#include "storage/db/database.hpp"

namespace hms::storage {

class SqlStore final : public Store {
 public:
  // `cipher` encrypts personal fields (see storage/crypto/field_cipher.hpp for its key).
  SqlStore(std::shared_ptr<db::Database> db, FieldCipher cipher) : db_(std::move(db)), cipher_(std::move(cipher)) {}
  std::unique_ptr<UnitOfWork> read() override;
  std::unique_ptr<UnitOfWork> write() override;
  db::Database& database() { return *db_; }

 private:
  std::unique_ptr<UnitOfWork> open(bool write);
  std::shared_ptr<db::Database> db_;
  FieldCipher cipher_;
};

}  // namespace hms::storage
