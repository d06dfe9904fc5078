// The Store of domain/store.hpp over a db::Database (SQLite or PostgreSQL): each unit of
// work holds one pooled connection and one transaction, and the repositories of every
// module work on that connection.
#pragma once
#include <memory>

#include "domain/store.hpp"
#include "storage/db/database.hpp"

namespace hms::storage {

class SqlStore final : public Store {
 public:
  explicit SqlStore(std::shared_ptr<db::Database> db) : db_(std::move(db)) {}
  std::unique_ptr<UnitOfWork> read() override;
  std::unique_ptr<UnitOfWork> write() override;
  db::Database& database() { return *db_; }

 private:
  std::unique_ptr<UnitOfWork> open(bool write);
  std::shared_ptr<db::Database> db_;
};

}  // namespace hms::storage
