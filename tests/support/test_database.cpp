#include "support/test_database.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <system_error>

namespace hms::test {
namespace {

std::atomic<int> counter{0};

std::optional<std::string> env(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return std::nullopt;
  return std::string(v);
}

// postgresql://postgres@127.0.0.1:5433/postgres?x=y -> …:5433/<name>?x=y
std::string with_database(const std::string& admin_url, const std::string& name) {
  const std::size_t scheme = admin_url.find("://");
  if (scheme == std::string::npos)
    throw std::runtime_error("HMS_TEST_PG_URL must be a postgresql:// URL");
  const std::size_t path = admin_url.find('/', scheme + 3);
  const std::size_t query = admin_url.find('?', scheme + 3);
  if (path == std::string::npos || (query != std::string::npos && query < path)) {
    const std::size_t at = query == std::string::npos ? admin_url.size() : query;
    return admin_url.substr(0, at) + "/" + name + admin_url.substr(at);
  }
  const std::size_t end = query == std::string::npos ? admin_url.size() : query;
  return admin_url.substr(0, path) + "/" + name + admin_url.substr(end);
}

std::filesystem::path make_temp_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "hms_t_XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr)
    throw std::system_error(errno, std::generic_category(), "mkdtemp " + pattern);
  return pattern;
}

}  // namespace

bool running_in_ci() { return env("CI").has_value(); }

std::optional<std::string> backend_unavailable(hms::db::Backend backend) {
  if (backend == hms::db::Backend::postgres && !env("HMS_TEST_PG_URL"))
    return std::string(
        "PostgreSQL tests need HMS_TEST_PG_URL (an admin URL such as "
        "postgresql://postgres@127.0.0.1:55432/postgres): run scripts/test.sh, which starts a "
        "throwaway server with scripts/pg-throwaway.sh");
  return std::nullopt;
}

std::string backend_name(hms::db::Backend backend) {
  return backend == hms::db::Backend::sqlite ? "sqlite" : "postgres";
}

TestDatabase fresh_database(hms::db::Backend backend) {
  if (auto why = backend_unavailable(backend)) throw std::runtime_error(*why);
  TestDatabase t;
  t.backend_ = backend;
  if (backend == hms::db::Backend::sqlite) {
    t.directory_ = make_temp_dir();
    t.url = "sqlite:" + (t.directory_ / "test.db").string();
  } else {
    t.admin_url_ = *env("HMS_TEST_PG_URL");
    const std::string name =
        "hms_t_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
    auto admin = hms::db::Database::open(t.admin_url_, 1);
    auto c = admin->acquire();
    c->execute_script("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");  // a crashed run
    c->execute_script("CREATE DATABASE " + name);
    t.name_ = name;
    t.url = with_database(t.admin_url_, name);
  }
  t.db = hms::db::Database::open(t.url);
  return t;
}

TestDatabase::TestDatabase(TestDatabase&& other) noexcept
    : url(std::move(other.url)),
      db(std::move(other.db)),
      backend_(other.backend_),
      admin_url_(std::move(other.admin_url_)),
      name_(std::exchange(other.name_, {})),
      directory_(std::exchange(other.directory_, {})) {}

TestDatabase& TestDatabase::operator=(TestDatabase&& other) noexcept {
  if (this != &other) {
    drop();
    url = std::move(other.url);
    db = std::move(other.db);
    backend_ = other.backend_;
    admin_url_ = std::move(other.admin_url_);
    name_ = std::exchange(other.name_, {});
    directory_ = std::exchange(other.directory_, {});
  }
  return *this;
}

TestDatabase::~TestDatabase() { drop(); }

void TestDatabase::drop() noexcept {
  db.reset();  // closes the pool's connections (unless a test still holds the Database)
  try {
    if (!name_.empty()) {
      auto admin = hms::db::Database::open(admin_url_, 1);
      admin->acquire()->execute_script("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
      // The field-encryption key `hms init` made for it and its audit checkpoint
      // (~/.config/hms/keys/…), if any.
      std::error_code ignored;
      if (!env("HMS_KEY_FILE")) std::filesystem::remove(hms::storage::key_file_for(url), ignored);
      if (!env("HMS_AUDIT_CHECKPOINT")) std::filesystem::remove(hms::storage::audit_checkpoint_for(url), ignored);
    }
    if (!directory_.empty()) std::filesystem::remove_all(directory_);
  } catch (const std::exception& e) {
    std::cerr << "warning: cannot remove test database " << hms::db::redact_url(url) << ": "
              << e.what() << "\n";
  }
  name_.clear();
  directory_.clear();
}

void BackendTest::SetUp() {
  HMS_REQUIRE_BACKEND(GetParam());
  database_ = fresh_database(GetParam());
}

}  // namespace hms::test
