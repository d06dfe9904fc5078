// Several `hms serve` on one database (issue 14.3): the servers keep nothing of their own
// between requests, so a load balancer may send each request to any of them. Two servers on the
// same database (PostgreSQL, and SQLite's one file): a session opened on one works on the
// other and ends on both; failed logins count together wherever they land; a write on one is
// read on the other; the same month's rent run asked of both at once is posted once.
#include <gtest/gtest.h>

#include <thread>

#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace hms::test {
namespace {

using nlohmann::json;

class SeveralServersTest : public ::testing::TestWithParam<db::Backend> {
 protected:
  void SetUp() override { HMS_REQUIRE_BACKEND(GetParam()); }
};

constexpr const char* kPassword = "a long enough passphrase";

TEST_P(SeveralServersTest, ASessionMovesBetweenServersAndTheirCountersAreShared) {
  ServerProcess first(GetParam());
  first.add_agency("AIS-TWO", "Two servers");
  first.add_user("staff.two", "agency_staff", "AIS-TWO", kPassword);
  first.add_user("admin.two", "agency_admin", "AIS-TWO", kPassword);
  first.start();
  ServerProcess second(first, ServerProcess::SameDatabase{});
  second.start();

  // A browser's session opened on the first server, used on the second.
  const auto browser = first.cookie_login("staff.two", kPassword);
  auto me = second.request("GET", "/api/v1/me", "", browser.headers(false));
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.json()["login"], "staff.two");
  const json dwelling = {{"reference", "TWO-1"}, {"street", "Rue des Deux Serveurs"}, {"number", "2"},
                         {"postcode", "1000"},   {"type", "apartment"},                {"bedrooms", 2}};
  auto made = second.request("POST", "/api/v1/dwellings", dwelling.dump(), browser.headers(true));
  ASSERT_EQ(made.status, 201) << made.body;
  const auto path = "/api/v1/dwellings/" + std::to_string(made.json()["id"].get<std::int64_t>());
  auto read = first.request("GET", path, "", browser.headers(false));
  EXPECT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json()["reference"], "TWO-1");
  // Logged out on the second: gone on the first too.
  EXPECT_EQ(second.request("DELETE", "/api/v1/session", "", browser.headers(true)).status, 200);
  EXPECT_EQ(first.request("GET", "/api/v1/me", "", browser.headers(false)).status, 401);

  // Five failed logins, alternately on each server: the sixth attempt waits, on either.
  for (int i = 0; i < 5; ++i) {
    const auto& server = i % 2 == 0 ? first : second;
    auto r = server.request("POST", "/api/v1/session",
                            json{{"login", "admin.two"}, {"password", "wrong password " + std::to_string(i)}}.dump());
    EXPECT_EQ(r.status, 401) << r.body;
  }
  for (const auto* server : {&first, &second}) {
    auto r = server->request("POST", "/api/v1/session", json{{"login", "admin.two"}, {"password", kPassword}}.dump());
    EXPECT_EQ(r.status, 429) << r.body;
  }

  // The same month's rent run asked four times of each server at once: posted once, the others
  // told it was done (or that it is being posted), never a 500.
  const auto token = first.login("staff.two", kPassword);
  std::vector<HttpResult> runs(8);
  std::vector<std::thread> asking;
  for (std::size_t i = 0; i < runs.size(); ++i)
    asking.emplace_back([&, i] {
      const auto& server = i % 2 == 0 ? first : second;
      runs[i] = server.request("POST", "/api/v1/rent-runs", json{{"month", "2026-04"}}.dump(), bearer(token));
    });
  for (auto& t : asking) t.join();
  int posted = 0;
  for (const auto& r : runs) {
    EXPECT_TRUE(r.status == 200 || r.status == 201 || r.status == 409) << r.status << " " << r.body;
    if ((r.status == 200 || r.status == 201) && r.json()["already_done"] == false) ++posted;
  }
  EXPECT_EQ(posted, 1);
  EXPECT_EQ(first.count("rent_runs"), 1);
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(, SeveralServersTest, ::testing::Values(db::Backend::sqlite, db::Backend::postgres),
                         BackendParamName{});

}  // namespace hms::test
