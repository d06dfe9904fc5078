// Fault tests (issue 14.1, issue 10's "all or nothing"). First `hms rent run` and `hms import bank`
// killed with SIGKILL (kill -9) at many points of their work, on copies of one demo database
// (SQLite). Each promise is checked after every kill: the command left all of its work or none
// (the month's rent entries and its run record together; the statement, its movements and their
// bank entries together), the journal's numbers have no gap, the audit chain verifies, and the
// command run again completes the work exactly once. The kill points are spread over one and a
// half times a whole run on the same copy, so that some land before, inside and after the transaction.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>
#include <nlohmann/json.hpp>

#include "storage/db/database.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace hms::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The number of kill points per command, spread over one and a half times a whole run (timed
// just before, on the same machine), so that some land after the commit too.
constexpr int kKills = 16;
std::chrono::microseconds kill_point(std::chrono::microseconds whole, int k) { return whole * 3 * k / (2 * kKills); }

class KillNineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("hms-kill9-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "base");
    auto demo = run_hms({"demo", "--db", url_of("base"), "--agencies", "1", "--dwellings", "900", "--years", "1",
                         "--seed", "9", "--json"});
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
    const auto report = json::parse(demo.out);
    for (const auto& l : report["logins"])
      if (l["role"] == "agency_admin") agency_ = l["agency"];
    for (const auto& f : fs::directory_iterator(report.at("bank_statements").get<std::string>()))
      statements_.push_back(f.path());
    std::sort(statements_.begin(), statements_.end());
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  static std::string url_of(const std::string& copy) { return "sqlite://" + (dir_ / copy / "hms.db").string(); }
  // A fresh copy of the demo database (the file, its key, its audit checkpoint).
  static std::string copy_of_base(const std::string& name) {
    fs::remove_all(dir_ / name);
    fs::create_directories(dir_ / name);
    for (const auto& f : fs::directory_iterator(dir_ / "base"))
      if (f.is_regular_file()) fs::copy_file(f.path(), dir_ / name / f.path().filename());
    return url_of(name);
  }
  static std::int64_t scalar(const std::string& url, const std::string& sql) {
    auto database = db::Database::open(url, 1);
    return database->acquire()->query_one(sql)->integer(0);
  }
  // Every journal's numbers of every year run from 1 without a gap.
  static void expect_gap_free(const std::string& url) {
    auto database = db::Database::open(url, 1);
    for (const auto& r : database->acquire()->query(
             "SELECT journal, year, COUNT(*), MAX(number) FROM ledger_entries GROUP BY agency_id, journal, year"))
      EXPECT_EQ(r.integer(2), r.integer(3)) << r.text(0) << " " << r.text(1);
  }
  static void expect_audit_verifies(const std::string& url) {
    auto verify = run_hms({"audit", "verify", "--db", url});
    EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  }

  static fs::path dir_;
  static std::string agency_;
  static std::vector<fs::path> statements_;
};

fs::path KillNineTest::dir_;
std::string KillNineTest::agency_;
std::vector<fs::path> KillNineTest::statements_;

TEST_F(KillNineTest, ARentRunKilledAnywherePostsTheWholeMonthOrNothing) {
  const std::string month = "2031-01";  // after the demo's ledger: every lease and contract still in force
  const auto rent_entries = [&](const std::string& url) {
    return scalar(url, "SELECT COUNT(*) FROM ledger_entries WHERE journal = 'RENT' AND period = '" + month + "'");
  };
  const auto runs = [&](const std::string& url) {
    return scalar(url, "SELECT COUNT(*) FROM rent_runs WHERE month = '" + month + "'");
  };
  const std::vector<std::string> args = {"rent", "run", "--agency", agency_, "--month", month, "--json"};
  auto with_db = [&](const std::string& url) {
    auto a = args;
    a.insert(a.begin() + 2, {"--db", url});
    return a;
  };

  // A whole run, timed: how many entries the month holds.
  const auto whole = copy_of_base("rent-whole");
  const auto started = std::chrono::steady_clock::now();
  auto done = run_hms(with_db(whole));
  const auto took = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
  ASSERT_EQ(done.exit_code, 0) << done.err;
  const auto report = json::parse(done.out);
  const std::int64_t all = report["rent_calls"].get<std::int64_t>() + report["owner_rents"].get<std::int64_t>();
  ASSERT_GT(all, 500) << "the demo's month is too small to cut";
  ASSERT_EQ(rent_entries(whole), all);

  int killed = 0, none = 0, whole_month = 0;
  for (int k = 1; k <= kKills; ++k) {
    const auto url = copy_of_base("rent-" + std::to_string(k));
    auto cut = run_hms_killed_after(with_db(url), kill_point(took, k));
    killed += cut.exit_code == 137;
    const auto posted = rent_entries(url);
    EXPECT_TRUE(posted == 0 || posted == all) << "killed at " << k << "/" << kKills << " of 1.5 runs: " << posted << " of " << all;
    EXPECT_EQ(runs(url), posted == all ? 1 : 0) << "the run record goes with its entries";
    (posted == 0 ? none : whole_month) += 1;
    expect_gap_free(url);
    expect_audit_verifies(url);
    // Run again: the month is completed once, never twice.
    auto again = run_hms(with_db(url));
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(json::parse(again.out)["already_done"], posted == all);
    EXPECT_EQ(rent_entries(url), all);
    EXPECT_EQ(runs(url), 1);
    expect_gap_free(url);
    fs::remove_all(dir_ / ("rent-" + std::to_string(k)));
  }
  EXPECT_GT(killed, 0) << "no kill landed while the run was working";
  std::cout << "rent run of " << all << " entries in " << took.count() / 1000 << " ms; " << killed << " of " << kKills
            << " runs killed, " << none << " left nothing, " << whole_month << " left the whole month\n";
}

TEST_F(KillNineTest, ABankImportKilledAnywhereImportsTheWholeFileOrNothing) {
  ASSERT_FALSE(statements_.empty());
  const auto file = statements_.front().string();
  const auto state = [](const std::string& url) {
    return std::vector<std::int64_t>{scalar(url, "SELECT COUNT(*) FROM bank_statements"),
                                     scalar(url, "SELECT COUNT(*) FROM bank_movements"),
                                     scalar(url, "SELECT COUNT(*) FROM ledger_entries WHERE journal = 'BANK'")};
  };
  const auto whole = copy_of_base("bank-whole");
  const auto before = state(whole);
  const auto started = std::chrono::steady_clock::now();
  auto done = run_hms({"import", "bank", "--db", whole, "--agency", agency_, file, "--json"});
  const auto took = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
  ASSERT_EQ(done.exit_code, 0) << done.err;
  const auto after = state(whole);
  ASSERT_GT(after[1], before[1]);

  int killed = 0;
  for (int k = 1; k <= kKills; ++k) {
    const auto url = copy_of_base("bank-" + std::to_string(k));
    auto cut = run_hms_killed_after({"import", "bank", "--db", url, "--agency", agency_, file}, kill_point(took, k));
    killed += cut.exit_code == 137;
    const auto now = state(url);
    EXPECT_TRUE(now == before || now == after) << "killed at " << k << "/" << kKills << " of 1.5 runs: " << json(now).dump();
    expect_gap_free(url);
    expect_audit_verifies(url);
    // Imported again: the whole file once (a statement already there is refused, exit 1).
    auto again = run_hms({"import", "bank", "--db", url, "--agency", agency_, file});
    EXPECT_EQ(again.exit_code, now == after ? 1 : 0) << again.err;
    EXPECT_EQ(state(url), after);
    fs::remove_all(dir_ / ("bank-" + std::to_string(k)));
  }
  EXPECT_GT(killed, 0) << "no kill landed while the import was working";
  std::cout << "bank import of " << after[1] - before[1] << " movements in " << took.count() / 1000 << " ms; " << killed
            << " of " << kKills << " imports killed\n";
}

// A SQLite file cut short (a copy stopped half-way, a full disk) or with a damaged page (issue
// 14.1). Cut at half its pages or at an odd byte: `hms serve` and `hms check` refuse it at once,
// saying so, and write nothing to it. A page overwritten in the middle: `hms check` finds it
// (exit 1, the file's integrity).
TEST_F(KillNineTest, ACutOrDamagedDatabaseFileIsFoundNotServed) {
  const auto base_size = fs::file_size(dir_ / "base" / "hms.db");
  for (const auto cut : {base_size / 2 / 4096 * 4096, base_size * 2 / 3 + 123}) {
    const auto url = copy_of_base("cut");
    const auto file = dir_ / "cut" / "hms.db";
    fs::resize_file(file, cut);
    auto serve = run_hms_killed_after({"serve", "--db", url, "--port", std::to_string(free_port())}, std::chrono::seconds(15));
    EXPECT_EQ(serve.exit_code, 1) << "cut at " << cut << ": " << serve.out << serve.err;
    EXPECT_NE(serve.err.find("is cut short"), std::string::npos) << serve.err;
    EXPECT_NE(serve.err.find("hms restore"), std::string::npos) << serve.err;
    auto check = run_hms({"check", "--db", url});
    EXPECT_EQ(check.exit_code, 1) << check.out << check.err;
    EXPECT_NE(check.err.find("is cut short"), std::string::npos) << check.err;
    EXPECT_EQ(fs::file_size(file), cut) << "nothing written to it";
    EXPECT_FALSE(fs::exists(dir_ / "cut" / "hms.db-wal") && fs::file_size(dir_ / "cut" / "hms.db-wal") > 0);
  }
  const auto url = copy_of_base("damaged");
  {
    std::fstream f(dir_ / "damaged" / "hms.db", std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(base_size / 2 / 4096 * 4096));
    const std::string garbage(4096, '\x5a');
    f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  auto check = run_hms({"check", "--db", url});
  EXPECT_EQ(check.exit_code, 1) << check.out << check.err;
  EXPECT_NE(check.out.find("✗ Integrity of the file"), std::string::npos) << check.out << check.err;
}

// kill -9 of `hms serve` under write load (issue 14.1), on both backends: four clients create
// dwellings as fast as the server answers; once 200 creations are acknowledged (201) the server
// is killed mid-stream. Promise: every acknowledged dwelling is in the database with its audit
// entry (one transaction), the audit chain verifies, hms check holds, and the server started
// again on the same database serves and writes.
class ServeKillTest : public ::testing::TestWithParam<db::Backend> {
 protected:
  void SetUp() override { HMS_REQUIRE_BACKEND(GetParam()); }
};

TEST_P(ServeKillTest, EveryAcknowledgedWriteSurvivesAKillNine) {
  ServerProcess server(GetParam());
  server.add_agency("AIS-KILL", "Agency killed");
  const std::string password = "a long enough passphrase";
  server.add_user("staff.kill", "agency_staff", "AIS-KILL", password);
  server.start();
  const auto token = server.login("staff.kill", password);

  constexpr int kClients = 4;
  constexpr std::size_t kAcknowledged = 200;
  std::mutex mutex;
  std::vector<std::string> acknowledged;
  std::atomic<int> failed_after_kill{0};
  std::atomic<bool> killed{false};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c)
    clients.emplace_back([&, c] {
      for (int i = 0; i < 100000; ++i) {
        const std::string reference = "KILL-" + std::to_string(c) + "-" + std::to_string(i);
        const json body = {{"reference", reference}, {"street", "Rue du Crash"}, {"number", std::to_string(i + 1)},
                           {"box", std::to_string(c)}, {"postcode", "1000"}, {"type", "apartment"}, {"bedrooms", 1}};
        const auto r = server.request("POST", "/api/v1/dwellings", body.dump(), bearer(token));
        if (r.status == 201) {
          std::lock_guard lock(mutex);
          acknowledged.push_back(reference);
        } else if (killed) {
          ++failed_after_kill;
          return;
        } else {
          ADD_FAILURE() << "before the kill: " << r.status << " " << r.body;
          return;
        }
      }
    });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  for (;;) {
    {
      std::lock_guard lock(mutex);
      if (acknowledged.size() >= kAcknowledged) break;
    }
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "the server acknowledged too few writes";
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  killed = true;
  server.kill_hard();
  for (auto& t : clients) t.join();
  EXPECT_EQ(failed_after_kill, kClients) << "every client saw the server go";

  // Every acknowledged write is there, with its audit entry.
  for (const auto& reference : acknowledged)
    EXPECT_EQ(server.count("dwellings WHERE reference = '" + reference + "'"), 1) << reference;
  const auto dwellings = server.count("dwellings");
  EXPECT_GE(dwellings, static_cast<std::int64_t>(acknowledged.size()));
  EXPECT_EQ(server.count("audit_log WHERE action = 'stock.create'"), dwellings)
      << "each dwelling committed with its audit entry, none without";
  auto verify = run_hms({"audit", "verify", "--db", server.db_url()});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  auto check = run_hms({"check", "--db", server.db_url()});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  std::cout << "[          ] " << acknowledged.size() << " writes acknowledged before the kill, " << dwellings
            << " in the database after it\n";

  // Started again on the same database: it serves and writes.
  server.start();
  const auto again = server.login("staff.kill", password);
  const json body = {{"reference", "AFTER-KILL"}, {"street", "Rue du Crash"}, {"number", "1"}, {"box", "9"},
                     {"postcode", "1000"}, {"type", "apartment"}, {"bedrooms", 1}};
  EXPECT_EQ(server.request("POST", "/api/v1/dwellings", body.dump(), bearer(again)).status, 201);
}

HMS_INSTANTIATE_BACKENDS(ServeKillTest);

}  // namespace
}  // namespace hms::test
