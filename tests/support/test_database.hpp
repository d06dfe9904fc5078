// A fresh, empty database per test, on SQLite (a file in a new temp dir) or PostgreSQL (a new
// database created through the admin URL in HMS_TEST_PG_URL), removed when the test ends:
//   class RentTest : public hms::test::BackendTest {};
//   TEST_P(RentTest, Saves) { auto c = db().acquire(); ... }
//   HMS_INSTANTIATE_BACKENDS(RentTest);   // RentTest.Saves/sqlite and RentTest.Saves/postgres
#pragma once
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "storage/crypto/field_cipher.hpp"
#include "storage/db/database.hpp"

namespace hms::test {

// Owns a database made for one test; the destructor closes its connections and deletes it
// (SQLite: the temp dir; PostgreSQL: DROP DATABASE … WITH (FORCE)). Movable, not copyable.
struct TestDatabase {
  std::string url;
  std::shared_ptr<hms::db::Database> db;

  TestDatabase() = default;
  TestDatabase(TestDatabase&& other) noexcept;
  TestDatabase& operator=(TestDatabase&& other) noexcept;
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;
  ~TestDatabase();

 private:
  void drop() noexcept;
  hms::db::Backend backend_ = hms::db::Backend::sqlite;
  std::string admin_url_;            // PostgreSQL: where to DROP DATABASE from
  std::string name_;                 // PostgreSQL: the database's name
  std::filesystem::path directory_;  // SQLite: the temp dir holding the file
  friend TestDatabase fresh_database(hms::db::Backend backend);
};

// Creates a new empty database. Throws std::runtime_error if the backend is unavailable
// (PostgreSQL without HMS_TEST_PG_URL): guard with HMS_REQUIRE_BACKEND, or use BackendTest.
TestDatabase fresh_database(hms::db::Backend backend);

// Why the backend cannot be tested here, or nothing if it can.
std::optional<std::string> backend_unavailable(hms::db::Backend backend);
// True when the environment variable CI is set and not empty: nothing may be skipped.
bool running_in_ci();

// A fixed field-encryption key for stores made directly by tests (never used outside tests).
inline constexpr std::array<unsigned char, hms::storage::FieldCipher::kKeyBytes> kTestFieldKey{
    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};

std::string backend_name(hms::db::Backend backend);  // "sqlite", "postgres"
struct BackendParamName {
  std::string operator()(const ::testing::TestParamInfo<hms::db::Backend>& info) const {
    return backend_name(info.param);
  }
};

// Skips the test when the backend is unavailable, or fails it in CI. Use in a test body or
// SetUp() (it returns from the function).
#define HMS_REQUIRE_BACKEND(backend)                                              \
  do {                                                                            \
    if (auto hms_unavailable_ = ::hms::test::backend_unavailable(backend)) {      \
      if (::hms::test::running_in_ci()) FAIL() << *hms_unavailable_;             \
      GTEST_SKIP() << *hms_unavailable_;                                          \
    }                                                                             \
  } while (false)

// Fixture for tests that run on both backends: SetUp() makes db(), a fresh database.
// A subclass overriding SetUp() calls BackendTest::SetUp() first, then returns if
// IsSkipped() || HasFatalFailure().
class BackendTest : public ::testing::TestWithParam<hms::db::Backend> {
 protected:
  void SetUp() override;
  hms::db::Database& db() { return *database_.db; }
  const std::string& url() const { return database_.url; }
  hms::db::Backend backend() const { return GetParam(); }

 private:
  TestDatabase database_;
};

// Instantiates a value-parametrized suite on SQLite and PostgreSQL, named "sqlite"/"postgres".
#define HMS_INSTANTIATE_BACKENDS(Suite)                                                    \
  INSTANTIATE_TEST_SUITE_P(, Suite,                                                        \
                           ::testing::Values(::hms::db::Backend::sqlite,                  \
                                             ::hms::db::Backend::postgres),               \
                           ::hms::test::BackendParamName{})

}  // namespace hms::test
