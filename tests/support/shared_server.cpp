#include "support/shared_server.hpp"

#include <sodium.h>

#include <array>
#include <ctime>
#include <iostream>
#include <map>
#include <stdexcept>

#include "storage/users/user_repository.hpp"

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

}  // namespace hms::test
