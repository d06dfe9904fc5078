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

}  // namespace hms::cli
