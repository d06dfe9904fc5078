#include <filesystem>

#include "cli/command.hpp"
#include "common/embedded.hpp"
#include "common/error.hpp"

namespace hms::cli {

std::shared_ptr<db::Database> open_database(const std::string& url, bool create) {
  const bool postgres = url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
  if (!create && !postgres) {
    std::string path = url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url;
    if (!std::filesystem::exists(path))
      throw DomainError(ErrorKind::validation, "cli.database_missing").param("db", path);
  }
  auto database = db::Database::open(url, 16);
  if (!create) {
    auto conn = database->acquire();
    std::int64_t applied = 0;
    try {
      applied = conn->query_one("SELECT count(*) FROM schema_migrations")->integer(0);
    } catch (const std::exception&) {
      applied = 0;
    }
    if (applied < static_cast<std::int64_t>(embedded::migrations().size()))
      throw DomainError(ErrorKind::validation, "cli.database_not_initialised").param("db", db::redact_url(url));
  }
  return database;
}

storage::SqlStore open_store(const std::string& url, bool create) {
  auto database = open_database(url, create);
  if (create && !std::filesystem::exists(storage::key_file_for(url))) {
    // A new key for a database that already holds encrypted values would make them unreadable.
    std::int64_t owners = 0;
    try {
      owners = database->acquire()->query_one("SELECT count(*) FROM owners")->integer(0);
    } catch (const std::exception&) {
      owners = 0;  // no table yet: a new database
    }
    if (owners > 0)
      throw std::runtime_error("the encryption key file " + storage::key_file_for(url) +
                               " is missing and the database holds encrypted data: restore the key file");
  }
  return storage::SqlStore(database, storage::load_field_cipher(url, create),
                           storage::AuditAnchor(storage::audit_checkpoint_for(url)),
                           storage::DiskFileFolder(storage::attachments_folder_for(url)));
}

}  // namespace hms::cli
