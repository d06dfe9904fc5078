#include "support/shared_server.hpp"

#include <sodium.h>

#include <array>
#include <ctime>
#include <iostream>
#include <map>
#include <stdexcept>

#include "storage/users/user_repository.hpp"
#include "support/national_number.hpp"

namespace hms::test {
namespace {

// kSharedPassword as Argon2id at libsodium's lowest cost (the cost is part of the hash, so the
// server verifies it at that cost): made once per process.
const std::string& cheap_hash() {
  static const std::string hash = [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    std::array<char, crypto_pwhash_STRBYTES> out{};
    const std::string password = kSharedPassword;
    if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), crypto_pwhash_argon2id_OPSLIMIT_MIN,
                              crypto_pwhash_argon2id_MEMLIMIT_MIN, crypto_pwhash_ALG_ARGON2ID13) != 0)
      throw std::runtime_error("crypto_pwhash_str_alg failed");
    return std::string(out.data());
  }();
  return hash;
}

std::int64_t insert_user(ServerProcess& server, const std::string& login, const std::string& role,
                         const std::string& agency, const std::string& name) {
  auto c = server.db().acquire();
  users::User u;
  u.login = login;
  u.name = name.empty() ? login : name;
  u.role = users::parse_role(role).value();
  if (!agency.empty()) u.agency_id = c->query_one("SELECT id FROM agencies WHERE code = $1", {agency})->integer(0);
  u.password_hash = cheap_hash();
  u.created_at = std::time(nullptr);
  return storage::SqlUserRepository(*c).insert(u);
}

}  // namespace

struct SharedServerTest::Shared {
  std::unique_ptr<ServerProcess> server;
  std::map<std::string, std::string> tokens;      // login -> bearer token
  std::map<std::string, CookieSession> cookies;   // login -> browser session
  int agencies = 0;                               // agencies made by new_agency()
  int objects = 0;                                // dwellings and households made by the fixtures
};

SharedServerTest::Shared& SharedServerTest::shared(hms::db::Backend backend) {
  static std::map<hms::db::Backend, Shared> all;
  return all[backend];
}

void SharedServerTest::TearDownTestSuite() {
  for (auto backend : {hms::db::Backend::sqlite, hms::db::Backend::postgres}) shared(backend) = Shared{};
}

void SharedServerTest::SetUp() {
  HMS_REQUIRE_BACKEND(GetParam());
  shared_ = &shared(GetParam());
  if (shared_->server) return;
  auto server = std::make_unique<ServerProcess>(GetParam());
  insert_user(*server, "region", "region", "", "Rita Region");
  insert_user(*server, "federation", "federation", "", "Fred Federation");
  insert_user(*server, "sysadmin", "system_admin", "", "Sys Admin");
  seed(*server);
  server->start();
  shared_->server = std::move(server);
}

void SharedServerTest::TearDown() {
  if (HasFailure() && shared_ && shared_->server)
    std::cerr << "---- server log (tail) ----\n" << shared_->server->log_tail() << "\n";
}

ServerProcess& SharedServerTest::server() { return *shared_->server; }

TestAgency SharedServerTest::new_agency() {
  const auto n = std::to_string(++shared_->agencies);
  TestAgency a{0, "T" + n, "Agency T" + n, "t" + n + ".staff", "t" + n + ".admin"};
  auto r = call("sysadmin", "POST", "/api/v1/agencies", {{"code", a.code}, {"name", a.name}});
  if (r.status != 201) throw std::runtime_error("new agency " + a.code + ": HTTP " + std::to_string(r.status) + " " + r.body);
  a.id = r.json().at("id").get<std::int64_t>();
  new_user(a.staff, "agency_staff", a.code, "Staff " + a.code);
  new_user(a.admin, "agency_admin", a.code, "Admin " + a.code);
  return a;
}

std::int64_t SharedServerTest::new_user(const std::string& login, const std::string& role, const std::string& agency,
                                        const std::string& name) {
  return insert_user(server(), login, role, agency, name);
}

const std::string& SharedServerTest::token(const std::string& login, const std::string& password) {
  auto& t = shared_->tokens[login];
  if (t.empty()) t = server().login(login, password);
  return t;
}

const CookieSession& SharedServerTest::cookie(const std::string& login, const std::string& password) {
  auto it = shared_->cookies.find(login);
  if (it == shared_->cookies.end()) it = shared_->cookies.emplace(login, server().cookie_login(login, password)).first;
  return it->second;
}

HttpResult SharedServerTest::call(const std::string& login, const std::string& method, const std::string& path,
                                  const nlohmann::json& body) {
  return server().request(method, path, body.is_null() ? "" : body.dump(), login.empty() ? Headers{} : bearer(token(login)));
}

nlohmann::json SharedServerTest::created(const std::string& login, const std::string& path,
                                         const nlohmann::json& body) {
  auto r = call(login, "POST", path, body);
  EXPECT_EQ(r.status, 201) << "POST " << path << " " << body.dump() << " → " << r.body;
  return r.json();
}

std::int64_t SharedServerTest::vacant_dwelling(const std::string& login, int bedrooms, const std::string& postcode) {
  const auto n = std::to_string(++shared_->objects);
  auto d = created(login, "/api/v1/dwellings",
                   {{"reference", "FX-" + n}, {"street", "Rue Haute"}, {"number", n}, {"postcode", postcode},
                    {"type", "apartment"}, {"bedrooms", bedrooms}, {"status", "vacant"}});
  return d.value("id", std::int64_t{0});
}

std::int64_t SharedServerTest::held_dwelling(const std::string& login, int bedrooms) {
  const auto d = vacant_dwelling(login, bedrooms);
  auto o = created(login, "/api/v1/owners",
                   {{"kind", "person"}, {"name", "Owner " + std::to_string(d)}, {"iban", "BE68539007547034"}});
  created(login, "/api/v1/owner-contracts",
          {{"dwelling_id", d}, {"owner_id", o["id"]}, {"kind", "main_lease"}, {"start", "2026-01-01"},
           {"owner_rent", "650.00"}});
  return d;
}

std::int64_t SharedServerTest::household(const std::string& login, int persons, const nlohmann::json& extra) {
  const int n = ++shared_->objects;
  const auto family = "Household" + std::to_string(n);
  auto members = nlohmann::json::array({{{"first_name", "Amina"}, {"last_name", family}, {"birth_date", "1985-06-15"},
                                         {"relation", "applicant"}, {"dependent", false}, {"disabled", false},
                                         {"national_number", national_number("850615", n % 997 + 1, false)}}});
  for (int i = 1; i < persons; ++i)
    members.push_back({{"first_name", "Child" + std::to_string(i)}, {"last_name", family},
                       {"birth_date", "2015-02-0" + std::to_string(i)}, {"relation", "child"},
                       {"dependent", true}, {"disabled", false}});
  nlohmann::json body = {{"members", members},   {"income_year", 2024}, {"income", "21400.00"}, {"incomes", 1},
                         {"preferred_postcodes", nlohmann::json::array()}, {"over_indebted", false}};
  for (const auto& [k, v] : extra.items()) body[k] = v;
  return created(login, "/api/v1/applicants", body).value("id", std::int64_t{0});
}

nlohmann::json SharedServerTest::lease_body(std::int64_t dwelling, std::int64_t applicant, const std::string& start,
                                            const nlohmann::json& extra) {
  nlohmann::json body = {{"dwelling_id", dwelling}, {"applicant_id", applicant}, {"kind", "standard"},
                         {"start", start},          {"tenant_rent", "585.00"},     {"charges", "60.00"},
                         {"deposit", "1170.00"}};
  for (const auto& [k, v] : extra.items()) body[k] = v;
  return body;
}

std::int64_t SharedServerTest::leased(const std::string& login, std::int64_t dwelling, const std::string& start) {
  return created(login, "/api/v1/leases", lease_body(dwelling, household(login), start)).value("id", std::int64_t{0});
}

}  // namespace hms::test
