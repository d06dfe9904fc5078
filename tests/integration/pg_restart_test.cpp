// PostgreSQL restarted under load (issue 14.1), on a throwaway cluster of its own (the suite's
// shared server is left alone): while the database is down, `hms serve` answers each request
// with a clean error (a JSON 5xx, never a crash or a hang), and once it is back the same server
// process reads and writes again — nobody restarts hms.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include "storage/db/database.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace hms::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Runs a shell command; answers its standard output (trimmed), or throws if it fails.
std::string shell(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run " + command);
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe)) out += buffer;
  if (::pclose(pipe) != 0) throw std::runtime_error("failed: " + command + "\n" + out);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

const std::string kScript = (fs::path(HMS_SOURCE_DIR) / "scripts" / "pg-throwaway.sh").string();

TEST(PostgresRestart, RequestsFailCleanlyAndRecoverWithoutRestartingHms) {
  HMS_REQUIRE_BACKEND(db::Backend::postgres);
  const fs::path dir = fs::temp_directory_path() / ("hms-pg-restart-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const std::string url = shell("bash " + kScript + " start " + dir.string() + " 2>/dev/null");
  struct Stop {  // the cluster goes whatever happens
    fs::path dir;
    ~Stop() { std::system(("bash " + kScript + " stop " + dir.string() + " > /dev/null 2>&1").c_str()); }
  } stop{dir};
  const char* shared = std::getenv("HMS_TEST_PG_URL");
  const std::string shared_url = shared ? shared : "";
  ::setenv("HMS_TEST_PG_URL", url.c_str(), 1);  // this suite's own process only
  {
    ServerProcess server(db::Backend::postgres);
    ::setenv("HMS_TEST_PG_URL", shared_url.c_str(), 1);
    server.add_agency("AIS-PG", "Restarted");
    const std::string password = "a long enough passphrase";
    server.add_user("staff.pg", "agency_staff", "AIS-PG", password);
    server.start();
    const auto token = server.login("staff.pg", password);
    const auto dwelling = [](const std::string& reference) {
      return json{{"reference", reference}, {"street", "Rue du Redémarrage"}, {"number", "1"}, {"box", reference},
                  {"postcode", "1000"},     {"type", "apartment"},             {"bedrooms", 1}}
          .dump();
    };
    ASSERT_EQ(server.request("POST", "/api/v1/dwellings", dwelling("BEFORE"), bearer(token)).status, 201);

    // Two clients read and write all along; PostgreSQL restarts (fast shutdown: every session
    // of hms is cut) in the middle.
    std::atomic<bool> done{false};
    std::mutex mutex;
    std::map<int, int> statuses;
    std::vector<std::string> unclean;
    std::vector<std::thread> clients;
    for (int c = 0; c < 2; ++c)
      clients.emplace_back([&, c] {
        for (int i = 0; !done; ++i) {
          const auto r = c == 0 ? server.request("GET", "/api/v1/dwellings?limit=5", "", bearer(token))
                                : server.request("POST", "/api/v1/dwellings", dwelling("W" + std::to_string(i)), bearer(token));
          std::lock_guard lock(mutex);
          ++statuses[r.status];
          const bool ok = r.status == 200 || r.status == 201;
          const auto body = json::parse(r.body, nullptr, false);
          const bool clean_error = r.status >= 500 && body.is_object() && body.contains("error");
          if (!ok && !clean_error) unclean.push_back(std::to_string(r.status) + " " + r.body.substr(0, 200));
          std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
      });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    shell("bash -c 'source " + kScript + " && bin=$(_pg_throwaway_bin) && _pg_throwaway_as_owner " + dir.string() +
          " \"$bin/pg_ctl\" -D " + (dir / "data").string() + " -m fast -w restart' > /dev/null 2>&1");
    // Back within 10 s, in the same process.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    bool back = false;
    while (!back && std::chrono::steady_clock::now() < deadline) {
      back = server.request("GET", "/api/v1/dwellings?limit=5", "", bearer(token)).status == 200;
      if (!back) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    done = true;
    for (auto& t : clients) t.join();
    EXPECT_TRUE(back) << "hms did not recover within 10 s:\n" << server.log_tail();
    EXPECT_TRUE(unclean.empty()) << unclean.front();
    EXPECT_TRUE(server.running());
    EXPECT_EQ(server.request("POST", "/api/v1/dwellings", dwelling("AFTER"), bearer(token)).status, 201);
    auto reopened = db::Database::open(server.db_url(), 1);  // the test's own pool lost its connection too
    EXPECT_EQ(reopened->acquire()->query_one("SELECT count(*) FROM dwellings WHERE reference = 'BEFORE'")->integer(0), 1);
    std::string seen;
    for (const auto& [status, n] : statuses) seen += " " + std::to_string(status) + "×" + std::to_string(n);
    std::cout << "[          ] answers while PostgreSQL restarted:" << seen << "\n";
  }
}

}  // namespace
}  // namespace hms::test
