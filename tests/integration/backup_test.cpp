// hms backup and hms restore (issue 14.2) on SQLite and PostgreSQL, with the real binary,
// pg_dump and pg_restore: a demo region backed up and restored into an empty database holds the
// same rows in every table, opens with the key file restored beside it, passes hms check and
// takes new rows; a wrong passphrase, a file cut short or changed, or a target that is not empty
// restore nothing.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>

#include "storage/attachments/file_folder.hpp"
#include "storage/crypto/field_cipher.hpp"
#include "storage/db/database.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace hms::test {
namespace {

namespace fs = std::filesystem;
using Rows = std::vector<std::vector<std::string>>;

std::string show(const CommandResult& r) {
  return "exit " + std::to_string(r.exit_code) + "\n--- stdout ---\n" + r.out + "--- stderr ---\n" + r.err;
}

class BackupTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    folder_ = fs::temp_directory_path() / ("hms-backup-test-" + std::to_string(::getpid()) + "-" +
                                           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(folder_);
    fs::create_directories(folder_);
    std::ofstream(folder_ / "passphrase") << "a passphrase of the agency\n";
  }
  void TearDown() override {
    if (!folder_.empty()) fs::remove_all(folder_);
  }
  CommandResult hms(const std::vector<std::string>& args) { return run_hms(args); }
  // An empty place to restore into: a SQLite file not there yet (a restore never replaces a
  // file), or a new PostgreSQL database, dropped with the test.
  struct Target {
    std::string url;
    std::optional<TestDatabase> postgres;
    std::shared_ptr<db::Database> open() const { return db::Database::open(url, 2); }
  };
  Target new_target(const std::string& name) {
    Target t;
    if (backend() == db::Backend::sqlite) {
      t.url = "sqlite:" + (folder_ / (name + ".db")).string();
    } else {
      t.postgres = fresh_database(backend());
      t.url = t.postgres->url;
    }
    return t;
  }
  std::string pass() const { return (folder_ / "passphrase").string(); }

  // Every table's rows, sorted (the order of a table without ORDER BY is the engine's).
  static std::map<std::string, Rows> every_table(db::Database& database) {
    const bool sqlite = database.backend() == db::Backend::sqlite;
    std::map<std::string, Rows> tables;
    auto c = database.acquire();
    for (const auto& t : c->query(sqlite ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                                         : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
      Rows rows;
      for (const auto& row : c->query("SELECT * FROM " + t.text(0))) {
        std::vector<std::string> values;
        for (std::size_t i = 0; i < row.size(); ++i) values.push_back(row.is_null(i) ? "NULL" : row.text(i));
        rows.push_back(std::move(values));
      }
      std::sort(rows.begin(), rows.end());
      tables[t.text(0)] = std::move(rows);
    }
    return tables;
  }

  fs::path folder_;
};

TEST_P(BackupTest, TheDemoRegionComesBackRowForRowWithItsKeyAndAttachments) {
  auto demo = hms({"--today", "2026-06-15", "demo", "--db", url(), "--agencies", "3", "--dwellings", "300",
                   "--ledger-years", "2"});
  ASSERT_EQ(demo.exit_code, 0) << show(demo);
  // An attached document's file (the demo attaches none; SQLite's folder is beside the file).
  const bool sqlite = backend() == db::Backend::sqlite;
  if (sqlite) {
    fs::create_directories(fs::path(storage::attachments_folder_for(url())) / "1" / "ab");
    std::ofstream(fs::path(storage::attachments_folder_for(url())) / "1" / "ab" / "abcdef") << "%PDF-1.7 a lease";
  }

  const std::string out = (folder_ / "region.hmsbackup").string();
  auto backup = hms({"backup", "--db", url(), "--out", out, "--passphrase-file", pass(), "--json"});
  ASSERT_EQ(backup.exit_code, 0) << show(backup);
  const auto summary = nlohmann::json::parse(backup.out);
  EXPECT_EQ(summary["backend"], sqlite ? "sqlite" : "postgresql");
  EXPECT_EQ(summary["attachments"], sqlite ? 1 : 0);
  EXPECT_EQ(summary["bytes"], fs::file_size(out));
  struct stat st{};
  ASSERT_EQ(::stat(out.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u) << "the backup holds the key: its owner's only";
  EXPECT_FALSE(fs::exists(out + ".partial"));
  // Nothing of the agencies' data in clear in the file.
  std::ifstream in(out, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(bytes.find("AIS-"), std::string::npos);
  EXPECT_EQ(bytes.find("SQLite format"), std::string::npos);
  // A backup never overwrites a file.
  auto again = hms({"backup", "--db", url(), "--out", out, "--passphrase-file", pass()});
  EXPECT_EQ(again.exit_code, 2) << show(again);
  EXPECT_NE(again.err.find("already exists"), std::string::npos) << show(again);

  // Restored into an empty database: every table the same, hms check holds.
  auto target = new_target("restored");
  auto restored = hms({"restore", "--from", out, "--db", target.url, "--passphrase-file", pass()});
  ASSERT_EQ(restored.exit_code, 0) << show(restored);
  EXPECT_NE(restored.out.find("Everything holds."), std::string::npos) << show(restored);
  const auto before = every_table(db()), after = every_table(*target.open());
  ASSERT_GE(before.size(), 50u);
  EXPECT_EQ(before.size(), after.size());
  for (const auto& [table, rows] : before) {
    ASSERT_TRUE(after.contains(table)) << table;
    EXPECT_EQ(rows, after.at(table)) << table;
  }
  EXPECT_GT(before.at("ledger_lines").size(), 1000u);
  // The key beside it opens the encrypted fields (hms check opened them); the attachment is back.
  std::ifstream key_before(storage::key_file_for(url()), std::ios::binary), key_after(storage::key_file_for(target.url), std::ios::binary);
  EXPECT_EQ(std::string((std::istreambuf_iterator<char>(key_before)), {}),
            std::string((std::istreambuf_iterator<char>(key_after)), {}));
  if (sqlite) {
    std::ifstream attached(fs::path(storage::attachments_folder_for(target.url)) / "1" / "ab" / "abcdef");
    EXPECT_EQ(std::string((std::istreambuf_iterator<char>(attached)), {}), "%PDF-1.7 a lease");
  }
  // The restored database takes new rows (PostgreSQL's sequences came back too).
  auto added = hms({"agency", "add", "--db", target.url, "--code", "AIS-NEW", "--name", "After the restore"});
  EXPECT_EQ(added.exit_code, 0) << show(added);

  // The same backup restores nothing into a database that is not empty.
  auto not_empty = hms({"restore", "--from", out, "--db", target.url, "--passphrase-file", pass()});
  EXPECT_EQ(not_empty.exit_code, 2) << show(not_empty);
  EXPECT_NE(not_empty.err.find("is not empty"), std::string::npos) << show(not_empty);
}

TEST_P(BackupTest, AWrongPassphraseOrADamagedFileRestoresNothing) {
  ASSERT_EQ(hms({"init", "--db", url()}).exit_code, 0);
  ASSERT_EQ(hms({"agency", "add", "--db", url(), "--code", "AIS-A", "--name", "A"}).exit_code, 0);
  const std::string out = (folder_ / "a.hmsbackup").string();
  auto backup = hms({"backup", "--db", url(), "--out", out, "--passphrase-file", pass()});
  ASSERT_EQ(backup.exit_code, 0) << show(backup);
  std::string bytes;
  {
    std::ifstream in(out, std::ios::binary);
    bytes.assign((std::istreambuf_iterator<char>(in)), {});
  }
  const auto write = [&](const std::string& name, const std::string& content) {
    std::ofstream(folder_ / name, std::ios::binary) << content;
    return (folder_ / name).string();
  };
  std::string changed = bytes;
  changed[changed.size() / 2] ^= 0x01;
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"wrong passphrase", write("wrong", "another passphrase entirely\n"), out},
      {"cut short", pass(), write("cut.hmsbackup", bytes.substr(0, bytes.size() - 100))},
      {"one bit changed", pass(), write("changed.hmsbackup", changed)},
      {"not a backup", pass(), pass()},
  };
  const std::vector<std::string> messages = {"does not open with this passphrase", "is cut short",
                                             "changed or damaged", "is not an hms backup"};
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const auto& [what, passphrase, file] = cases[i];
    auto target = new_target("case" + std::to_string(i));
    auto r = hms({"restore", "--from", file, "--db", target.url, "--passphrase-file", passphrase});
    EXPECT_EQ(r.exit_code, 2) << what << "\n" << show(r);
    EXPECT_NE(r.err.find(messages[i]), std::string::npos) << what << "\n" << show(r);
    EXPECT_FALSE(fs::exists(storage::key_file_for(target.url))) << what;
    if (backend() == db::Backend::sqlite) {
      EXPECT_FALSE(fs::exists(*db::sqlite_path(target.url))) << what;
    } else {
      EXPECT_EQ(target.open()->acquire()
                    ->query_one("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
                    ->integer(0),
                0)
          << what;
    }
  }
  // A backup's passphrase has 12 characters or more.
  auto short_one = hms({"backup", "--db", url(), "--out", (folder_ / "b.hmsbackup").string(), "--passphrase-file",
                        write("short", "short\n")});
  EXPECT_EQ(short_one.exit_code, 2) << show(short_one);
  EXPECT_NE(short_one.err.find("at least 12 characters"), std::string::npos) << show(short_one);
  // The passphrase never on the command line: without a file or HMS_BACKUP_PASSPHRASE, refused.
  auto none = hms({"backup", "--db", url(), "--out", (folder_ / "b.hmsbackup").string()});
  EXPECT_EQ(none.exit_code, 2) << show(none);
  EXPECT_NE(none.err.find("HMS_BACKUP_PASSPHRASE"), std::string::npos) << show(none);
  EXPECT_FALSE(fs::exists(folder_ / "b.hmsbackup"));
}

}  // namespace

HMS_INSTANTIATE_BACKENDS(BackupTest);

}  // namespace hms::test
