// One `hms serve` per backend shared by all the tests of a suite, each test working in agencies
// of its own, so that a suite pays for one server start and one login per user however many
// tests it holds:
//   class DwellingApiTest : public hms::test::SharedServerTest {};
//   TEST_P(DwellingApiTest, AnotherAgencysUserGets404) {
//     const auto a = new_agency();  // e.g. code "T3", users "t3.staff" and "t3.admin": this test's own
//     const auto b = new_agency();  // a second one, to prove isolation
//     auto made = call(a.staff, "POST", "/api/v1/dwellings", body);  // bearer token, logged in once
//     EXPECT_EQ(call(b.staff, "GET", path).status, 404);
//     auto page = server().request("GET", "/dwellings", "", cookie(a.staff).headers(false));
//   }
//   HMS_INSTANTIATE_BACKENDS(DwellingApiTest);
// Every shared server also has the cross-agency users "region", "federation" and "sysadmin".
// The fixture's users all have the password kSharedPassword, hashed with Argon2id at the lowest
// cost libsodium allows, so that a login (the real POST /api/v1/session) costs microseconds, not
// 64 MiB of memory-hard hashing; a test of the hashing itself makes its user with `hms user
// add` (ServerProcess::add_user) or through the API.
// ctest runs one process per suite and backend (cmake/gtest_suites.cmake): the suite's server
// starts at its first test and stops after its last (TearDownTestSuite).
#pragma once
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "support/server_process.hpp"

namespace hms::test {

inline constexpr const char* kSharedPassword = "shared suite passphrase 42";

// An agency made for one test, with one user of each agency role.
struct TestAgency {
  std::int64_t id = 0;
  std::string code;   // "T3": unique on the suite's server
  std::string name;   // "Agency T3"
  std::string staff;  // login of its agency_staff member, "t3.staff"
  std::string admin;  // login of its agency_admin, "t3.admin"
};

class SharedServerTest : public ::testing::TestWithParam<hms::db::Backend> {
 public:
  static void TearDownTestSuite();  // stops the suite's servers and forgets their logins

 protected:
  // Starts this backend's server at the suite's first test (after seed()). A subclass that
  // overrides SetUp() calls this first, then returns if IsSkipped() || HasFatalFailure().
  void SetUp() override;
  void TearDown() override;  // prints the server's log tail when the test failed
  // Called once per server, before it starts: seeding through the CLI (add_agency, add_user).
  virtual void seed(ServerProcess&) {}

  ServerProcess& server();
  hms::db::Backend backend() const { return GetParam(); }
  // A fresh agency with its staff member and its admin (password kSharedPassword).
  TestAgency new_agency();
  // A fresh user (password kSharedPassword); `agency` is a code, or "" for a cross-agency role.
  // Answers its id.
  std::int64_t new_user(const std::string& login, const std::string& role, const std::string& agency,
                        const std::string& name = "");
  // A bearer token / a browser session for `login` (password kSharedPassword unless given),
  // logged in at the first call and kept for the rest of the suite.
  const std::string& token(const std::string& login, const std::string& password = kSharedPassword);
  const CookieSession& cookie(const std::string& login, const std::string& password = kSharedPassword);
  // A request as `login` with its bearer token ("" for none); a null body sends none.
  HttpResult call(const std::string& login, const std::string& method, const std::string& path,
                  const nlohmann::json& body = nullptr);
  std::int64_t count(const std::string& from_where) { return server().count(from_where); }

  // The tenancy modules' fixtures, made through the API as `login` (each expects its 201):
  // POST `body` to `path`; the created object.
  nlohmann::json created(const std::string& login, const std::string& path, const nlohmann::json& body);
  // A vacant apartment of the login's agency with `bedrooms`, in `postcode`.
  std::int64_t vacant_dwelling(const std::string& login, int bedrooms = 2, const std::string& postcode = "1000");
  // The same, held by a main lease from 2026-01-01 at 650.00 a month from a new owner.
  std::int64_t held_dwelling(const std::string& login, int bedrooms = 2);
  // A household of `persons`: the applicant (a valid national number, born 1985) and dependent
  // children; an eligible income of 21,400.00 in 2024; `extra` replaces fields of the body
  // ({"income", …}, {"registered_on", …}, {"over_indebted", true}…).
  std::int64_t household(const std::string& login, int persons = 1,
                         const nlohmann::json& extra = nlohmann::json::object());
  // A lease body: standard, from `start`, 585.00 + 60.00 of charges, a deposit of 1170.00;
  // `extra` replaces fields.
  static nlohmann::json lease_body(std::int64_t dwelling, std::int64_t applicant,
                                   const std::string& start = "2026-03-01",
                                   const nlohmann::json& extra = nlohmann::json::object());
  // A lease of `dwelling` from `start` (lease_body) to a new one-person household; its id.
  std::int64_t leased(const std::string& login, std::int64_t dwelling, const std::string& start);

 private:
  struct Shared;
  static Shared& shared(hms::db::Backend backend);
  Shared* shared_ = nullptr;
};

// The usual shape of a module's API test: two fresh agencies per test, `a_` whose staff works
// and `b_` whose staff must see nothing of a_'s (isolation), e.g.
//   class LeasesApiTest : public TwoAgenciesTest {};
class TwoAgenciesTest : public SharedServerTest {
 protected:
  void SetUp() override {
    SharedServerTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    a_ = new_agency();
    b_ = new_agency();
  }
  TestAgency a_, b_;
};

}  // namespace hms::test
