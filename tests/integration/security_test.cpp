// The security promises of the foundation, checked against a real `hms serve` on SQLite and
// PostgreSQL. Route-table driven (`hms routes --json`), so a new route is covered the day it
// is added: security headers on every answer, a session required by every logged-in route,
// 405 for a wrong method, CSRF on every cookie-authenticated state change (and none for a
// bearer token). Then agency isolation between two agencies (also route-table driven for the
// routes of an agency's objects: dwellings, owners, owner contracts), the role matrix over
// HTTP, login throttling, the audit of logins and user creation, and what the server log holds.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <thread>

#include "http/server.hpp"
#include "support/coda_file.hpp"
#include "support/server_process.hpp"

namespace hms::test {
namespace {

using db::Backend;
using nlohmann::json;

struct RouteInfo {
  std::string method, pattern, access;
  std::string object;      // what its {id} names, as the route declares it ("" without {id})
  std::string permission;  // the permission it needs before its body is read ("" if none)
  bool api() const { return pattern.rfind("/api/", 0) == 0; }
  bool state_change() const { return method != "GET" && method != "HEAD"; }
  std::string name() const { return method + " " + pattern; }
};

// Every route of the server, as `hms routes --json` lists them.
const std::vector<RouteInfo>& routes() {
  static const std::vector<RouteInfo> all = [] {
    auto r = run_hms({"routes", "--json"});
    if (r.exit_code != 0) throw std::runtime_error("hms routes --json failed: " + r.err);
    std::vector<RouteInfo> out;
    const auto table = json::parse(r.out);
    for (const auto& item : table.at("items"))
      out.push_back({item.at("method").get<std::string>(), item.at("pattern").get<std::string>(),
                     item.at("access").get<std::string>(), item.value("object", json()).is_string() ? item.at("object").get<std::string>() : "",
                     item.value("permission", json()).is_string() ? item.at("permission").get<std::string>() : ""});
    return out;
  }();
  return all;
}

// A concrete path for a pattern: {id} becomes `id`, {name} a static file that exists.
std::string concrete(const std::string& pattern, std::int64_t id) {
  std::string out;
  std::size_t pos = 0;
  while (pos < pattern.size()) {
    auto open = pattern.find('{', pos);
    if (open == std::string::npos) {
      out += pattern.substr(pos);
      break;
    }
    auto close = pattern.find('}', open);
    out += pattern.substr(pos, open - pos);
    const auto name = pattern.substr(open + 1, close - open - 1);
    out += name == "name" ? "hms.css" : name == "code" ? "400" : std::to_string(id);  // {code}: a ledger account
    pos = close + 1;
  }
  return out;
}

struct Account {
  std::string login, role, agency, password;
};

const std::vector<Account>& accounts() {
  static const std::vector<Account> a = {
      {"admin.a", "agency_admin", "AIS-A", "lantern harbour meadow 41"},
      {"staff.a", "agency_staff", "AIS-A", "violet bicycle orchard 17"},
      {"admin.b", "agency_admin", "AIS-B", "pepper lighthouse canyon 76"},
      {"staff.b", "agency_staff", "AIS-B", "walnut glacier trumpet 35"},
      {"region", "region", "", "granite river compass 88"},
      {"federation", "federation", "", "copper kettle thunder 52"},
      {"sysadmin", "system_admin", "", "marble window saffron 63"},
  };
  return a;
}

const std::string& password_of(const std::string& login) {
  for (const auto& a : accounts())
    if (a.login == login) return a.password;
  throw std::out_of_range(login);
}

std::string form(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields) out += (out.empty() ? "" : "&") + k + "=" + httplib::detail::encode_query_param(v);
  return out;
}

constexpr const char* kForm = "application/x-www-form-urlencoded";

// The family of an agency's objects a route belongs to ("dwellings", "owners",
// "owner-contracts"), from its pattern; "" for the others.
std::string object_family(const std::string& pattern) {
  for (const char* family : {"dwellings", "owners", "owner-contracts", "applicants", "leases"})
    for (const std::string& prefix : {std::string("/api/v1/") + family, std::string("/") + family})
      if (pattern == prefix || pattern.rfind(prefix + "/", 0) == 0) return family;
  return "";
}

// Who may read a route: the system administrator manages the installation, not an agency's
// stock, owners, indexation, import or their search; an agency's staff member reads those.
std::string reader_of(const std::string& pattern) {
  if (pattern == "/applicants/retention") return "admin.a";  // erasing households: the agency admin only
  if (!object_family(pattern).empty() || pattern.rfind("/indexation", 0) == 0 || pattern.rfind("/import", 0) == 0 ||
      pattern == "/search" || pattern.rfind("/documents/", 0) == 0 || pattern == "/api/v1/income-mix" ||
      pattern.rfind("/allocation/", 0) == 0 || pattern.rfind("/ledger", 0) == 0 ||
      pattern.rfind("/api/v1/ledger/", 0) == 0 || pattern == "/rent-run" || pattern == "/api/v1/rent-runs" ||
      pattern.rfind("/arrears", 0) == 0 || pattern == "/api/v1/arrears" ||
      pattern.rfind("/inventor", 0) == 0 || pattern.rfind("/api/v1/inventor", 0) == 0 ||
      pattern.rfind("/subsidy-requests", 0) == 0 || pattern.rfind("/api/v1/subsidy-requests", 0) == 0 ||
      pattern.rfind("/property-tax", 0) == 0 || pattern == "/api/v1/property-tax" ||
      pattern == "/api/v1/agencies/{code}/derogations" ||
      pattern.rfind("/bank", 0) == 0 || pattern.rfind("/api/v1/bank/", 0) == 0 || pattern.rfind("/payouts", 0) == 0 ||
      pattern.rfind("/accounting", 0) == 0 || pattern.rfind("/api/v1/accounting/", 0) == 0)
    return "staff.a";
  // Adoption compares the agencies: the Region's and the federation's view (contract F).
  if (pattern == "/adoption" || pattern == "/api/v1/adoption" || pattern.rfind("/compliance", 0) == 0 ||
      pattern == "/api/v1/compliance" || pattern.rfind("/committee", 0) == 0 || pattern == "/api/v1/committee" ||
      pattern == "/coaching" || pattern == "/api/v1/coachings")
    return "federation";
  if (pattern.rfind("/settings", 0) == 0) return "admin.a";  // the agency's settings: its admin only
  // The helpdesk: the federation writes articles and reads the figures; an agency's staff
  // member asks and reads its agency's tickets; anyone reads the published articles.
  if (pattern.find("/support/figures") != std::string::npos || pattern == "/support/articles/new" ||
      pattern == "/support/articles/{id}/edit")
    return "federation";
  if (pattern.rfind("/support/", 0) == 0 || pattern.rfind("/api/v1/support/tickets", 0) == 0) return "staff.a";
  return "sysadmin";
}

// The object a pattern's {id} names, as the route table declares it ("" for none).
std::string object_of(const std::string& pattern) {
  for (const auto& r : routes())
    if (r.pattern == pattern && !r.object.empty()) return r.object;
  return "";
}

class SecurityTest : public ::testing::TestWithParam<Backend> {
 protected:
  struct Seeded {
    std::unique_ptr<ServerProcess> server;
    std::map<std::string, std::int64_t> ids;  // login -> user id
    std::map<std::string, std::string> tokens;
    std::map<std::string, std::int64_t> objects;  // object family -> one object of AIS-A
  };
  static std::map<Backend, Seeded>& seeded() {
    static std::map<Backend, Seeded> s;
    return s;
  }
  static void TearDownTestSuite() { seeded().clear(); }

  void SetUp() override {
    HMS_REQUIRE_BACKEND(GetParam());
    auto& s = seeded()[GetParam()];
    if (!s.server) {
      auto server = std::make_unique<ServerProcess>(GetParam());
      server->add_agency("AIS-A", "Agence A");
      server->add_agency("AIS-B", "Agence B");
      for (const auto& a : accounts()) s.ids[a.login] = server->add_user(a.login, a.role, a.agency, a.password);
      server->start();
      s.objects = seed_objects(*server);
      s.server = std::move(server);
    }
    seeded_ = &s;
  }
  void TearDown() override {
    if (HasFailure() && seeded_ && seeded_->server)
      std::cerr << "---- server log (tail) ----\n" << seeded_->server->log_tail() << "\n";
  }

  // One dwelling, owner and owner contract of AIS-A, made by its staff through the API.
  static std::map<std::string, std::int64_t> seed_objects(ServerProcess& server) {
    const auto h = bearer(server.login("staff.a", password_of("staff.a")));
    auto made = [&](const std::string& path, const json& body) {
      auto r = server.request("POST", path, body.dump(), h);
      if (r.status != 201) throw std::runtime_error("seeding POST " + path + ": " + std::to_string(r.status) + " " + r.body);
      return r.json().at("id").get<std::int64_t>();
    };
    std::map<std::string, std::int64_t> o;
    o["dwelling"] = made("/api/v1/dwellings", {{"reference", "SEC-0001"}, {"street", "Rue de la Loi"}, {"number", "16"},
                                                {"postcode", "1000"}, {"type", "apartment"}, {"bedrooms", 2}});
    o["owner"] = made("/api/v1/owners", {{"kind", "person"}, {"name", "Sophie Secure"}, {"iban", "BE68539007547034"}});
    o["owner_contract"] = made("/api/v1/owner-contracts", {{"dwelling_id", o["dwelling"]}, {"owner_id", o["owner"]},
                                                            {"kind", "main_lease"}, {"start", "2026-01-01"},
                                                            {"end", "2026-12-31"}, {"owner_rent", "700.00"}});
    // A document attached to the dwelling (the upload form, as a browser sends it).
    auto file = multipart({{"category", "signed_contract"}}, "file", "SEC-0001 contract.pdf", "%PDF-1.4\nSophie Secure\n%%EOF\n");
    auto uploaded = server.request("POST", "/dwellings/" + std::to_string(o["dwelling"]) + "/documents", file.body, h, file.type);
    if (uploaded.status != 303 || uploaded.header("Location").find("document=added") == std::string::npos)
      throw std::runtime_error("seeding a document: " + std::to_string(uploaded.status) + " " + uploaded.header("Location"));
    o["attachment"] = server.db().acquire()->query_one("SELECT max(id) FROM attachments")->integer(0);
    // An applicant (contract D: personal data of the agency only).
    o["applicant"] = made("/api/v1/applicants",
                          {{"income_year", 2024}, {"income", "21400"}, {"incomes", 1},
                           {"members", json::array({{{"first_name", "Sophie"}, {"last_name", "Secure"},
                                                     {"birth_date", "1985-07-30"}, {"relation", "applicant"},
                                                     {"national_number", "85073003328"}}})}});
    // A lease of that household for the seeded dwelling (held by the seeded main lease in 2026).
    o["lease"] = made("/api/v1/leases", {{"dwelling_id", o["dwelling"]}, {"applicant_id", o["applicant"]}, {"kind", "standard"},
                                         {"start", "2026-02-01"}, {"tenant_rent", "500.00"}, {"deposit", "0"}});
    // A bank movement of AIS-A, left unmatched: its account added and a statement imported by the CLI.
    if (run_hms({"agency", "set", "--db", server.db_url(), "--code", "AIS-A", "--iban", "BE11068246013548", "--bic", "GKCCBEBB"})
            .exit_code != 0)
      throw std::runtime_error("seeding the agency's bank account");
    const auto coda_path = std::filesystem::temp_directory_path() / ("hms-security-" + std::to_string(::getpid()) + ".cod");
    std::ofstream(coda_path, std::ios::binary) << coda("BE11068246013548", "001", "050326",
                                                        {{64'500, "", "LOYER", "BE25735104827682", "SOPHIE SECURE"}});
    auto imported = run_hms({"import", "bank", "--db", server.db_url(), "--agency", "AIS-A", coda_path.string()});
    std::filesystem::remove(coda_path);
    if (imported.exit_code != 0) throw std::runtime_error("seeding a bank statement: " + imported.err);
    o["bank_movement"] = server.db().acquire()->query_one("SELECT max(id) FROM bank_movements")->integer(0);
    // A ledger entry of AIS-A: the rent run of March posts the seeded lease's rent call.
    auto run = server.request("POST", "/api/v1/rent-runs", json{{"month", "2026-03"}}.dump(), h);
    if (run.status != 201) throw std::runtime_error("seeding a rent run: " + run.body);
    o["ledger_entry"] = server.db().acquire()->query_one("SELECT min(id) FROM ledger_entries")->integer(0);
    // An accounting export of AIS-A (its ledger's entries, the rent run of no month: none).
    o["accounting_export"] = made("/api/v1/accounting/exports", {{"from", "2026-03-01"}, {"to", "2026-03-31"}, {"format", "csv"}});
    // A help request of AIS-A with a file, and a published knowledge article of the federation.
    o["support_ticket"] = made("/api/v1/support/tickets", {{"subject", "SEC-0001 plafond"}, {"question", "Sophie Secure?"},
                                                           {"category", "usage"}, {"from", "/dwellings"}});
    auto shot = multipart({}, "file", "screen.png", std::string("\x89PNG\r\n\x1A\n", 8) + "SEC-0001");
    auto attached = server.request("POST", "/support/tickets/" + std::to_string(o["support_ticket"]) + "/files", shot.body, h, shot.type);
    if (attached.status != 303 || attached.header("Location").find("file_error") != std::string::npos)
      throw std::runtime_error("seeding a ticket's file: " + std::to_string(attached.status) + " " + attached.header("Location"));
    o["support_file"] = server.db().acquire()->query_one("SELECT max(id) FROM support_files")->integer(0);
    const auto fed = bearer(server.login("federation", password_of("federation")));
    auto article = server.request("POST", "/api/v1/support/articles",
                                  json{{"title_fr", "Plafond"}, {"body_fr", "Texte"}, {"title_nl", "Plafond"}, {"body_nl", "Tekst"},
                                       {"title_en", "Cap"}, {"body_en", "Text"}, {"published", "true"}}.dump(), fed);
    if (article.status != 201) throw std::runtime_error("seeding an article: " + article.body);
    o["support_article"] = article.json().at("id").get<std::int64_t>();
    // A frozen inventory of AIS-A (contract F: only its admin freezes it).
    const auto admin = bearer(server.login("admin.a", password_of("admin.a")));
    auto frozen = server.request("POST", "/api/v1/inventories", json{{"date", "2026-09-30"}}.dump(), admin);
    if (frozen.status != 201) throw std::runtime_error("seeding an inventory: " + frozen.body);
    o["inventory"] = frozen.json().at("id").get<std::int64_t>();
    // Its subsidy request for 2027 (only the agency admin makes it).
    auto request = server.request("POST", "/api/v1/subsidy-requests", json{{"inventory", o["inventory"]}}.dump(), admin);
    if (request.status != 201) throw std::runtime_error("seeding a subsidy request: " + request.body);
    o["subsidy_request"] = request.json().at("id").get<std::int64_t>();
    return o;
  }

  ServerProcess& server() { return *seeded_->server; }
  std::int64_t id(const std::string& login) { return seeded_->ids.at(login); }
  // The id a route's {id} takes: the seeded object it names, else staff.a's user id.
  std::int64_t object_id(const std::string& pattern) {
    auto seeded = seeded_->objects.find(object_of(pattern));
    return seeded == seeded_->objects.end() ? id("staff.a") : seeded->second;
  }
  bool seeded_object(const std::string& object) const { return seeded_->objects.contains(object); }
  std::string path_of(const RouteInfo& route) { return concrete(route.pattern, object_id(route.pattern)); }
  // The changes a refused request must not have made to the agency's objects.
  std::string objects_state() {
    std::string out;
    auto c = server().db().acquire();
    for (const char* sql : {"SELECT id, updated_at FROM dwellings ORDER BY id", "SELECT id, updated_at FROM owners ORDER BY id",
                            "SELECT id, updated_at FROM owner_contracts ORDER BY id",
                            "SELECT id, contract_id FROM owner_contract_rents ORDER BY id",
                            "SELECT id, status, from_date FROM dwelling_statuses ORDER BY id",
                            "SELECT id, agency_id, attached_to, attached_id, deleted_at FROM attachments ORDER BY id",
                            "SELECT id, updated_at, status, renewed_on FROM applicants ORDER BY id",
                            "SELECT id, applicant_id, first_name FROM applicant_members ORDER BY id",
                            "SELECT id, applicant_id FROM applicant_changes ORDER BY id",
                            "SELECT id, updated_at, end_date, end_reason, deposit_cents, deposit_returned_cents FROM leases ORDER BY id",
                            "SELECT id, lease_id, done_on FROM lease_inventories ORDER BY id",
                            "SELECT id, applicant_id, kind FROM allocation_decisions ORDER BY id",
                            "SELECT agency_id, referral, updated_at FROM allocation_priorities ORDER BY agency_id",
                            "SELECT id, agency_id, journal, number FROM ledger_entries ORDER BY id",
                            "SELECT id, agency_id, month FROM rent_runs ORDER BY id",
                            "SELECT id, lease_id, event, entry_id FROM deposit_postings ORDER BY id",
                            "SELECT id, agency_id, closed_until FROM ledger_closings ORDER BY id",
                            "SELECT agency_id, reminder_days, updated_at FROM arrears_ladders ORDER BY agency_id",
                            "SELECT id, lease_id, step FROM arrears_letters ORDER BY id",
                            "SELECT id, lease_id, total_cents, cancelled_on FROM payment_plans ORDER BY id",
                            "SELECT id, agency_id, iban, bic FROM bank_accounts ORDER BY id",
                            "SELECT id, agency_id, number FROM bank_statements ORDER BY id",
                            "SELECT id, status, lease_id, entry_id FROM bank_movements ORDER BY id",
                            "SELECT id, agency_id, last_entry_id, digest FROM accounting_exports ORDER BY id",
                            "SELECT id, status, triage, updated_at, asker_unread, federation_unread FROM support_tickets ORDER BY id",
                            "SELECT id, ticket_id FROM support_comments ORDER BY id", "SELECT id, ticket_id FROM support_files ORDER BY id",
                            "SELECT id, updated_at, published FROM support_articles ORDER BY id",
                            "SELECT id, agency_id, ref_date, dwellings FROM subsidies_inventories ORDER BY id",
                            "SELECT id, inventory_id, reference, bedrooms FROM subsidies_inventory_items ORDER BY id",
                            "SELECT id, agency_id, cap FROM subsidies_derogations ORDER BY id",
                            "SELECT id, agency_id, dwellings FROM oversight_declared_stock ORDER BY id",
                            "SELECT id, agency_id, status, total_cents FROM subsidies_requests ORDER BY id",
                            "SELECT id, request_id, kind FROM subsidies_request_events ORDER BY id",
                            "SELECT id, request_id, justified_on, paid_on FROM subsidies_tranches ORDER BY id",
                            "SELECT id, agency_id, minutes FROM support_coachings ORDER BY id",
                            "SELECT id, training_id, agency_id, people FROM support_training_attendees ORDER BY id"})
      for (const auto& r : c->query(sql)) {
        for (std::size_t i = 0; i < r.size(); ++i) out += (r.is_null(i) ? std::string("-") : r.text(i)) + ",";
        out += "\n";
      }
    return out;
  }
  const std::string& token(const std::string& login) {
    auto& t = seeded_->tokens[login];
    if (t.empty()) t = server().login(login, password_of(login));
    return t;
  }
  HttpResult call(const std::string& method, const std::string& path, const std::string& body = "",
                  const Headers& h = {}, const std::string& type = "application/json") {
    return server().request(method, path, body, h, type);
  }
  std::int64_t agency_id(const std::string& code) {
    return server().db().acquire()->query_one("SELECT id FROM agencies WHERE code = $1", {code})->integer(0);
  }
  bool disabled(const std::string& login) {
    return server().count("users WHERE login = '" + login + "' AND disabled = 1") == 1;
  }

 private:
  Seeded* seeded_ = nullptr;
};

// ---- The route table ------------------------------------------------------------------------

TEST_P(SecurityTest, RouteTableListsTheContractRoutes) {
  std::set<std::string> names;
  for (const auto& r : routes()) names.insert(r.name());
  for (const char* expected : {"POST /api/v1/session", "DELETE /api/v1/session", "GET /api/v1/me", "GET /api/v1/agencies",
                               "GET /login", "POST /login", "GET /", "GET /healthz"})
    EXPECT_TRUE(names.contains(expected)) << expected;
  for (const auto& r : routes()) {
    EXPECT_TRUE(r.access == "open" || r.access == "logged_in") << r.name();
    // Only these may be reached without logging in.
    if (r.access == "open") {
      EXPECT_TRUE(r.pattern == "/api/v1/session" || r.pattern == "/login" || r.pattern == "/healthz" ||
                  r.pattern == "/login/code" || r.pattern == "/login/enrol" || r.pattern.rfind("/static/", 0) == 0)
          << r.name() << " is open";
    }
  }
}

void expect_security_headers(const HttpResult& r, const std::string& what, bool is_static) {
  ASSERT_NE(r.status, 0) << what << ": no answer";
  const auto csp = r.header("Content-Security-Policy");
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << what << ": CSP " << csp;
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << what << ": CSP " << csp;
  EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos) << what << ": CSP " << csp;
  EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff") << what;
  EXPECT_FALSE(r.header("Referrer-Policy").empty()) << what;
  EXPECT_FALSE(r.header("X-Request-Id").empty()) << what;
  if (!is_static || r.status != 200) {
    EXPECT_NE(r.header("Cache-Control").find("no-store"), std::string::npos)
        << what << ": Cache-Control " << r.header("Cache-Control");
  }
}

TEST_P(SecurityTest, EveryRouteAnswersWithTheSecurityHeaders) {
  for (const auto& route : routes()) {
    const bool is_static = route.pattern.rfind("/static/", 0) == 0;
    const auto path = path_of(route);
    auto anonymous = call(route.method, path);
    expect_security_headers(anonymous, route.name() + " (anonymous)", is_static);
    if (route.method == "GET") {
      const auto reader = reader_of(route.pattern);
      auto logged_in = call("GET", path, "", bearer(token(reader)));
      expect_security_headers(logged_in, route.name() + " (" + reader + ")", is_static);
      if (route.pattern.rfind("/import/{id}", 0) == 0 || route.pattern == "/indexation/letters.pdf" ||
          route.pattern == "/payouts/{month}/file") {
        // Import jobs live in the server's memory, per session, letters need an indexation run
        // of the month and a payment file a payout run: there is none to show here.
        EXPECT_EQ(logged_in.status, 404) << route.name() << ": " << logged_in.body.substr(0, 300);
      } else {
        EXPECT_LT(logged_in.status, 400) << route.name() << " (" << reader << "): " << logged_in.body.substr(0, 300);
      }
    }
  }
  expect_security_headers(call("GET", "/no/such/page"), "GET /no/such/page", false);
  expect_security_headers(call("GET", "/static/no-such-file.css"), "GET /static/no-such-file.css", true);
  auto css = call("GET", "/static/hms.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.header("Content-Type").rfind("text/css", 0), 0u);
}

TEST_P(SecurityTest, EveryLoggedInRouteNeedsASession) {
  const std::vector<std::pair<std::string, Headers>> strangers = {
      {"no session", {}},
      {"unknown bearer", bearer(std::string(64, '0'))},
      {"unknown cookie", {{"Cookie", "hms_session=" + std::string(64, '1')}}},
      {"malformed bearer", {{"Authorization", "Bearer"}}},
  };
  int checked = 0;
  for (const auto& route : routes()) {
    if (route.access != "logged_in") continue;
    const auto path = path_of(route);
    for (const auto& [who, headers] : strangers) {
      auto r = call(route.method, path, "", headers);
      if (route.api()) {
        EXPECT_EQ(r.status, 401) << route.name() << " with " << who;
        EXPECT_EQ(r.error_code(), "common.unauthenticated") << route.name() << " with " << who << ": " << r.body;
      } else {
        EXPECT_EQ(r.status, 303) << route.name() << " with " << who;
        EXPECT_EQ(r.header("Location"), "/login") << route.name() << " with " << who;
      }
    }
    ++checked;
  }
  EXPECT_GT(checked, 10);
}

TEST_P(SecurityTest, WrongMethodOnAKnownPathIs405) {
  std::map<std::string, std::set<std::string>> methods;  // pattern -> its methods
  for (const auto& r : routes()) methods[r.pattern].insert(r.method);
  int checked = 0;
  for (const auto& [pattern, allowed] : methods) {
    const auto path = concrete(pattern, object_id(pattern));
    for (const char* method : {"GET", "POST", "PATCH", "DELETE"}) {
      if (allowed.contains(method)) continue;
      auto r = call(method, path, "", bearer(token("sysadmin")));
      EXPECT_EQ(r.status, 405) << method << " " << pattern;
      if (pattern.rfind("/api/", 0) == 0) {
        EXPECT_EQ(r.error_code(), "common.method_not_allowed") << r.body;
      }
      ++checked;
    }
    if (!allowed.contains("GET")) {
      auto anonymous = call("GET", path);
      EXPECT_EQ(anonymous.status, 405) << "GET " << pattern << " (anonymous)";
    }
  }
  EXPECT_GT(checked, 20);
}

// ---- CSRF -----------------------------------------------------------------------------------

TEST_P(SecurityTest, CookieStateChangesWithoutTheCsrfTokenAreRefusedAndChangeNothing) {
  auto this_admin = server().cookie_login("sysadmin", password_of("sysadmin"));
  auto staff = server().cookie_login("staff.a", password_of("staff.a"));  // for an agency's objects
  auto other = server().cookie_login("admin.a", password_of("admin.a"));
  const auto dwelling = std::to_string(object_id("/dwellings/{id}"));
  const auto owner = std::to_string(object_id("/owners/{id}"));
  // Bodies that would succeed with the token, so that only CSRF can stop them.
  const std::map<std::string, std::pair<std::string, std::string>> bodies = {
      {"POST /api/v1/dwellings",
       {R"({"reference":"CSRF-D1","street":"Rue Forgée","number":"1","postcode":"1000","type":"house","bedrooms":1})",
        "application/json"}},
      {"PATCH /api/v1/dwellings/{id}", {R"({"street":"Rue Forgée","status":"ended"})", "application/json"}},
      {"POST /api/v1/owners", {R"({"kind":"person","name":"Forged Owner","iban":"NL91ABNA0417164300"})", "application/json"}},
      {"PATCH /api/v1/owners/{id}", {R"({"iban":"NL91ABNA0417164300"})", "application/json"}},
      {"POST /api/v1/owner-contracts",
       {json{{"dwelling_id", dwelling}, {"owner_id", owner}, {"kind", "main_lease"}, {"start", "2027-01-01"},
             {"owner_rent", "700.00"}}.dump(),
        "application/json"}},
      {"PATCH /api/v1/owner-contracts/{id}", {R"({"owner_rent":"650.00","rent_from":"2026-06-01"})", "application/json"}},
      {"POST /dwellings",
       {form({{"reference", "CSRF-F1"}, {"street", "Rue Forgée"}, {"number", "2"}, {"postcode", "1000"},
              {"type", "house"}, {"bedrooms", "1"}}),
        kForm}},
      {"POST /dwellings/{id}", {form({{"street", "Rue Forgée"}}), kForm}},
      {"POST /dwellings/{id}/status", {form({{"status", "ended"}}), kForm}},
      {"POST /owners", {form({{"kind", "person"}, {"name", "Forged Owner"}, {"iban", "NL91ABNA0417164300"}}), kForm}},
      {"POST /owners/{id}/edit",
       {form({{"kind", "person"}, {"name", "Sophie Secure"}, {"iban", "NL91ABNA0417164300"}}), kForm}},
      {"POST /owner-contracts",
       {form({{"dwelling_id", dwelling}, {"owner_id", owner}, {"kind", "main_lease"}, {"start", "2027-01-01"},
              {"owner_rent", "700,00"}}),
        kForm}},
      {"POST /owner-contracts/{id}/rent", {form({{"owner_rent", "650,00"}, {"rent_from", "2026-06-01"}}), kForm}},
      {"POST /owner-contracts/{id}/edit", {form({{"end", "2026-11-30"}}), kForm}},
      {"POST /api/v1/agencies", {R"({"code":"CSRF-API","name":"Forged"})", "application/json"}},
      {"POST /api/v1/users",
       {R"({"login":"csrf.api","role":"region","password":"forged but long enough"})", "application/json"}},
      {"PATCH /api/v1/users/{id}", {R"({"disabled":true})", "application/json"}},
      {"POST /api/v1/me/password",
       {json{{"current_password", password_of("sysadmin")}, {"new_password", "a forged new passphrase"}}.dump(),
        "application/json"}},
      {"POST /agencies", {form({{"code", "CSRF-FORM"}, {"name", "Forged"}}), kForm}},
      {"POST /users", {form({{"login", "csrf.form"}, {"role", "region"}, {"password", "forged but long enough"}}), kForm}},
      {"POST /account/password",
       {form({{"current_password", password_of("sysadmin")},
              {"new_password", "a forged new passphrase"},
              {"confirm_password", "a forged new passphrase"}}),
        kForm}},
      {"POST /account/language", {form({{"language", "nl"}, {"back", "/"}}), kForm}},
  };
  auto snapshot = [this] {
    std::vector<std::int64_t> v;
    for (const char* table : {"users", "agencies", "sessions", "audit_log", "users WHERE disabled = 1",
                              "users WHERE language IS NOT NULL"})
      v.push_back(server().count(table));
    return v;
  };
  const auto hash_before = server().db().acquire()->query_one("SELECT password_hash FROM users WHERE login = 'sysadmin'")->text(0);
  const auto before = snapshot();
  const auto objects_before = objects_state();
  int checked = 0;
  for (const auto& route : routes()) {
    if (route.access != "logged_in" || !route.state_change()) continue;
    const auto path = path_of(route);
    auto b = bodies.contains(route.name()) ? bodies.at(route.name()) : std::pair<std::string, std::string>{"", kForm};
    // The session of someone who may make that change.
    const auto& admin = reader_of(route.pattern) == "staff.a" ? staff : this_admin;
    // No token; another session's token; an empty token; the token in the wrong place (query).
    std::vector<std::pair<std::string, Headers>> attempts = {
        {"no token", admin.headers(false)},
        {"another session's token", {{"Cookie", "hms_session=" + admin.cookie}, {"X-CSRF-Token", other.csrf}}},
        {"empty token", {{"Cookie", "hms_session=" + admin.cookie}, {"X-CSRF-Token", ""}}},
    };
    for (const auto& [what, headers] : attempts) {
      auto r = call(route.method, path, b.first, headers, b.second);
      EXPECT_EQ(r.status, 403) << route.name() << " with " << what << ": " << r.body.substr(0, 200);
      if (route.api()) {
        EXPECT_EQ(r.error_code(), "common.csrf_failed") << route.name();
      }
    }
    if (b.second == kForm) {
      auto wrong_field = call(route.method, path, b.first + "&csrf_token=" + other.csrf, admin.headers(false), kForm);
      EXPECT_EQ(wrong_field.status, 403) << route.name() << " with another session's form token";
      auto in_query = call(route.method, path + "?csrf_token=" + admin.csrf, b.first, admin.headers(false), kForm);
      EXPECT_EQ(in_query.status, 403) << route.name() << " with the token in the query string";
    }
    ++checked;
  }
  EXPECT_GT(checked, 8);
  EXPECT_EQ(snapshot(), before) << "a refused request changed something";
  EXPECT_EQ(objects_state(), objects_before) << "a refused request changed a dwelling, owner or contract";
  EXPECT_EQ(server().db().acquire()->query_one("SELECT password_hash FROM users WHERE login = 'sysadmin'")->text(0),
            hash_before);
  EXPECT_FALSE(disabled("staff.a"));
  EXPECT_EQ(call("GET", "/api/v1/me", "", this_admin.headers(false)).status, 200) << "the session survived";
}

TEST_P(SecurityTest, CookieStateChangesWorkWithTheCsrfToken) {
  auto admin = server().cookie_login("sysadmin", password_of("sysadmin"));
  // JSON API: the X-CSRF-Token header.
  auto api = call("POST", "/api/v1/agencies", R"({"code":"CSRF-OK1","name":"With the header"})", admin.headers(true));
  EXPECT_EQ(api.status, 201) << api.body;
  auto patch = call("PATCH", "/api/v1/users/" + std::to_string(id("staff.b")), R"({"disabled":true})", admin.headers(true));
  EXPECT_EQ(patch.status, 200) << patch.body;
  EXPECT_TRUE(disabled("staff.b"));
  // Forms: the csrf_token field.
  auto page = call("POST", "/agencies", form({{"code", "CSRF-OK2"}, {"name", "With the field"}, {"csrf_token", admin.csrf}}),
                   admin.headers(false), kForm);
  EXPECT_EQ(page.status, 303) << page.body.substr(0, 300);
  EXPECT_EQ(page.header("Location"), "/agencies");
  auto enable = call("POST", "/users/" + std::to_string(id("staff.b")) + "/enable", form({{"csrf_token", admin.csrf}}),
                     admin.headers(false), kForm);
  EXPECT_EQ(enable.status, 303);
  EXPECT_FALSE(disabled("staff.b"));
  EXPECT_EQ(server().count("agencies WHERE code IN ('CSRF-OK1', 'CSRF-OK2')"), 2);
  // An agency's objects, with the header.
  auto staff = server().cookie_login("staff.a", password_of("staff.a"));
  auto dwelling = call("POST", "/api/v1/dwellings",
                       R"({"reference":"CSRF-OK3","street":"Rue Permise","number":"3","postcode":"1000","type":"house","bedrooms":1})",
                       staff.headers(true));
  EXPECT_EQ(dwelling.status, 201) << dwelling.body;
  auto owner = call("PATCH", "/api/v1/owners/" + std::to_string(object_id("/owners/{id}")), R"({"phone":"+32 2 511 22 33"})",
                    staff.headers(true));
  EXPECT_EQ(owner.status, 200) << owner.body;
  EXPECT_EQ(server().count("dwellings WHERE reference = 'CSRF-OK3'"), 1);
}

TEST_P(SecurityTest, BearerStateChangesNeedNoCsrfToken) {
  const auto& t = token("sysadmin");
  auto created = call("POST", "/api/v1/agencies", R"({"code":"BEARER-1","name":"By token"})", bearer(t));
  EXPECT_EQ(created.status, 201) << created.body;
  const auto path = "/api/v1/users/" + std::to_string(id("staff.b"));
  EXPECT_EQ(call("PATCH", path, R"({"disabled":true})", bearer(t)).status, 200);
  EXPECT_TRUE(disabled("staff.b"));
  EXPECT_EQ(call("PATCH", path, R"({"disabled":false})", bearer(t)).status, 200);
  EXPECT_FALSE(disabled("staff.b"));
}

// ---- Agency isolation -----------------------------------------------------------------------

TEST_P(SecurityTest, AgencyAdminCannotSeeOrChangeAnotherAgencysUsers) {
  const auto& t = token("admin.a");
  auto cookie = server().cookie_login("admin.a", password_of("admin.a"));
  for (const char* other : {"admin.b", "staff.b", "region", "federation", "sysadmin"}) {
    const auto api = "/api/v1/users/" + std::to_string(id(other));
    auto get = call("GET", api, "", bearer(t));
    EXPECT_EQ(get.status, 404) << other << ": " << get.body;
    EXPECT_EQ(get.error_code(), "users.not_found") << other;
    auto patch = call("PATCH", api, R"({"disabled":true})", bearer(t));
    EXPECT_EQ(patch.status, 404) << other << ": " << patch.body;
    auto page = call("GET", "/users/" + std::to_string(id(other)), "", cookie.headers(false));
    EXPECT_EQ(page.status, 404) << other;
    EXPECT_EQ(page.header("Content-Type").rfind("text/html", 0), 0u);
    auto disable = call("POST", "/users/" + std::to_string(id(other)) + "/disable",
                        form({{"csrf_token", cookie.csrf}}), cookie.headers(false), kForm);
    EXPECT_EQ(disable.status, 404) << other;
    EXPECT_FALSE(disabled(other)) << other << " was changed by another agency's admin";
  }
  // The same 404 as for a user that does not exist: existence is not revealed.
  auto absent = call("GET", "/api/v1/users/987654", "", bearer(t));
  auto foreign = call("GET", "/api/v1/users/" + std::to_string(id("staff.b")), "", bearer(t));
  EXPECT_EQ(absent.body, foreign.body);
  // Its own agency's users it does manage.
  EXPECT_EQ(call("GET", "/api/v1/users/" + std::to_string(id("staff.a")), "", bearer(t)).status, 200);
}

// Objects whose isolation a test of their own proves: a user (other rules: the agency admin
// manages users) and an upload waiting for confirmation (its id is a random token, not a number;
// only its own user sees it and only its session confirms it: app/jobs/uploads.hpp).
const std::map<std::string, std::string>& isolated_elsewhere() {
  static const std::map<std::string, std::string> m = {
      {"user", "SecurityTest.AgencyAdminCannotSeeOrChangeAnotherAgencysUsers"},
      {"import_job", "ImportPageTest.AnAgencyUserChecksConfirmsAndFindsTheImport"},
      // Knowledge articles are the federation's, read by every agency: nothing to isolate.
      {"support_article", "SupportTest.ArticlesAreWrittenByTheFederationAndReadByEveryone"}};
  return m;
}

// Route-table driven, from the object each {id} route declares it reaches (a dwelling, an
// owner, an owner contract; API and pages; reading and changing): another agency's user gets
// 404, as for an id that does not exist, and changes nothing; the object's own agency reads it.
// A new {id} route must name its object (the server refuses its table otherwise), and an object
// this test cannot seed fails it until seed_objects() makes one.
TEST_P(SecurityTest, AnotherAgencyGets404OnEveryRouteOfAnAgencysObject) {
  // A route for the agency admin only (erasing a household) is asked by the other agency's admin:
  // its staff gets the 403 of its role, whatever the id.
  auto staff_cookie = server().cookie_login("staff.b", password_of("staff.b"));
  auto admin_cookie = server().cookie_login("admin.b", password_of("admin.b"));
  const auto before = objects_state();
  int checked = 0;
  for (const auto& route : routes()) {
    if (route.pattern.find("{id}") == std::string::npos) continue;
    ASSERT_FALSE(route.object.empty()) << route.name() << " declares no object";
    if (isolated_elsewhere().contains(route.object)) continue;
    ASSERT_TRUE(seeded_object(route.object))
        << route.name() << " reaches a \"" << route.object << "\": seed one of AIS-A in seed_objects() so that this test asks for it as AIS-B";
    const auto path = path_of(route);
    const auto absent = concrete(route.pattern, 987654321);
    const bool admin_only = route.permission == "personal_data_erase" || route.permission == "inventory_submit";
    // The Region's decisions on an agency's request: no agency role holds the permission, so
    // another agency's user gets the 403 of its role, the same whether the object exists or not.
    const bool region_only = route.permission == "subsidy_review";
    const auto& cookie = admin_only ? admin_cookie : staff_cookie;
    const auto& t = token(admin_only ? "admin.b" : "staff.b");
    HttpResult r, none;
    if (route.api()) {
      const std::string body = route.state_change() ? R"({"street":"Rue Volée","name":"Stolen","end":"2026-06-30"})" : "";
      r = call(route.method, path, body, bearer(t));
      none = call(route.method, absent, body, bearer(t));
    } else {
      const std::string body = route.state_change() ? form({{"csrf_token", cookie.csrf}, {"street", "Rue Volée"}}) : "";
      r = call(route.method, path, body, cookie.headers(false), kForm);
      none = call(route.method, absent, body, cookie.headers(false), kForm);
    }
    EXPECT_EQ(r.status, region_only ? 403 : 404) << route.name() << " by another agency: " << r.body.substr(0, 300);
    EXPECT_EQ(none.status, region_only ? 403 : 404) << route.name() << " of an id that does not exist";
    if (route.api()) {
      EXPECT_EQ(r.body, none.body) << route.name() << ": the answer tells whether the object exists";
    }
    EXPECT_EQ(r.body.find("Sophie Secure"), std::string::npos) << route.name();
    EXPECT_EQ(r.body.find("SEC-0001"), std::string::npos) << route.name();
    EXPECT_EQ(r.body.find("plafond"), std::string::npos) << route.name();
    if (route.method == "GET") {
      auto own = call("GET", path, "", bearer(token("staff.a")));
      EXPECT_LT(own.status, 400) << route.name() << " by its own agency: " << own.body.substr(0, 300);
    }
    ++checked;
  }
  EXPECT_GE(checked, 20) << "the routes of dwellings, owners and owner contracts";
  EXPECT_EQ(objects_state(), before) << "another agency's request changed something";
  // Its lists do not show them either.
  for (const char* list : {"/api/v1/dwellings?q=SEC-0001", "/api/v1/owners?q=sophie", "/api/v1/owner-contracts?q=sophie",
                           "/api/v1/support/tickets", "/api/v1/support/tickets?agency=AIS-A"}) {
    auto l = call("GET", list, "", bearer(token("staff.b")));
    EXPECT_EQ(l.status, 200) << list;
    EXPECT_EQ(l.json()["total"], 0) << list << ": " << l.body;
  }
}

// Issue 8 C3: a user without a route's permission gets 403 before the body is read (the region
// got 422 common.unknown_field on a PATCH with an unknown field, 403 with a valid one). Route-
// table driven: every route that declares the permission to change the stock or the owners,
// asked by the region (which reads them) and the system administrator with a body full of
// unknown fields, answers 403 common.forbidden and changes nothing.
TEST_P(SecurityTest, WithoutTheRoutesPermissionTheBodyIsNeverRead) {
  const auto before = objects_state();
  int checked = 0;
  for (const char* login : {"region", "sysadmin"}) {
    auto cookie = server().cookie_login(login, password_of(login));
    for (const auto& route : routes()) {
      if (route.permission != "stock_manage" && route.permission != "owners_manage" &&
          route.permission != "attachments_manage" && route.permission != "attachments_view" &&
          route.permission != "applicants_manage" && route.permission != "applicants_view")
        continue;
      const auto path = path_of(route);
      HttpResult r;
      if (route.api())
        r = call(route.method, path, R"({"no_such_field":1,"street":"Rue Volée"})", bearer(token(login)));
      else
        r = call(route.method, path, form({{"csrf_token", cookie.csrf}, {"no_such_field", "1"}}), cookie.headers(false), kForm);
      EXPECT_EQ(r.status, 403) << login << " " << route.name() << ": " << r.body.substr(0, 200);
      if (route.api()) {
        EXPECT_EQ(r.error_code(), "common.forbidden") << login << " " << route.name();
      }
      ++checked;
    }
  }
  EXPECT_GE(checked, 2 * 12) << "the routes that change dwellings, owners and owner contracts";
  EXPECT_EQ(objects_state(), before);
}

// Applicants are the agency's personal data (contract D): every route of theirs (and of the
// allocation: candidates, decisions, the yearly report), for each of
// the five roles: the agency's staff and admin reach them, the region, the federation and the
// system admin get 403 (before any body is read), and nothing changes. Erasing a household is
// the agency admin's (its changes are the API suite's: BankApiTest.AnErasedHousehold…).
TEST_P(SecurityTest, ApplicantRoutesForTheAgencysUsersOnly) {
  const auto before = objects_state();
  int checked = 0;
  for (const auto& route : routes()) {
    if (route.pattern.find("/applicants") == std::string::npos && route.pattern.find("/candidates") == std::string::npos &&
        route.pattern.find("/decisions") == std::string::npos && route.pattern.rfind("/allocation/", 0) != 0)
      continue;
    ASSERT_TRUE(route.permission == "applicants_view" || route.permission == "applicants_manage" ||
                route.permission == "personal_data_erase")
        << route.name();
    const auto path = path_of(route);
    for (const char* login : {"staff.a", "admin.a", "region", "federation", "sysadmin"}) {
      const bool agency = std::string(login) == "staff.a" || std::string(login) == "admin.a";
      if (agency && route.state_change()) continue;  // their changes are the API suite's
      auto cookie = server().cookie_login(login, password_of(login));
      HttpResult r;
      if (route.api())
        r = call(route.method, path, route.state_change() ? R"({"income":"1"})" : "", bearer(token(login)));
      else
        r = call(route.method, path, route.state_change() ? form({{"csrf_token", cookie.csrf}, {"purpose", "lease"}}) : "",
                 cookie.headers(false), route.state_change() ? kForm : "application/json");
      if (agency && route.permission == "personal_data_erase" && std::string(login) == "staff.a") {
        EXPECT_EQ(r.status, 403) << login << " " << route.name() << ": erasing is the agency admin's";
      } else if (agency) {
        EXPECT_LT(r.status, 400) << login << " " << route.name() << ": " << r.body.substr(0, 300);
      } else {
        EXPECT_EQ(r.status, 403) << login << " " << route.name() << ": " << r.body.substr(0, 300);
        EXPECT_EQ(r.body.find("Secure"), std::string::npos) << login << " " << route.name();
      }
      ++checked;
    }
  }
  EXPECT_GE(checked, 50) << "the applicants' and the allocation's API and pages";
  EXPECT_EQ(objects_state(), before);
}

TEST_P(SecurityTest, AgencyAdminCannotCreateUsersOutsideItsAgency) {
  const auto& t = token("admin.a");
  const auto users_before = server().count("users");
  auto r = call("POST", "/api/v1/users",
                R"({"login":"intruder.b","role":"agency_staff","agency":"AIS-B","password":"sneaky long passphrase"})",
                bearer(t));
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.error_code(), "users.unknown_agency");
  EXPECT_TRUE(r.json()["error"]["fields"].contains("agency")) << r.body;
  for (const char* role : {"region", "federation", "system_admin"}) {
    auto cross = call("POST", "/api/v1/users",
                      json{{"login", std::string("intruder.") + role}, {"role", role},
                           {"password", "sneaky long passphrase"}}.dump(),
                      bearer(t));
    EXPECT_EQ(cross.status, 403) << role << ": " << cross.body;
    EXPECT_EQ(cross.error_code(), "users.role_not_allowed") << role;
  }
  EXPECT_EQ(server().count("users"), users_before) << "no user created";
  // The form has no agency field for an agency admin: one sent anyway is ignored.
  auto cookie = server().cookie_login("admin.a", password_of("admin.a"));
  auto page = call("POST", "/users",
                   form({{"login", "form.user"}, {"role", "agency_staff"}, {"agency", "AIS-B"},
                         {"password", "honest long passphrase"}, {"csrf_token", cookie.csrf}}),
                   cookie.headers(false), kForm);
  EXPECT_EQ(page.status, 303) << page.body.substr(0, 300);
  EXPECT_EQ(server().count("users u JOIN agencies a ON a.id = u.agency_id WHERE u.login = 'form.user' AND a.code = 'AIS-A'"), 1);
  EXPECT_EQ(server().count("users u JOIN agencies a ON a.id = u.agency_id WHERE a.code = 'AIS-B'"), 2);
}

TEST_P(SecurityTest, AgencyAdminListsOnlyItsOwnAgencysUsers) {
  const auto& t = token("admin.a");
  const auto own = server().count("users u JOIN agencies a ON a.id = u.agency_id WHERE a.code = 'AIS-A'");
  for (const char* query : {"", "?agency=AIS-B", "?limit=500", "?q=b", "?q=staff.b", "?agency_id=2"}) {
    auto r = call("GET", std::string("/api/v1/users") + query, "", bearer(t));
    ASSERT_EQ(r.status, 200) << query;
    auto j = r.json();
    for (const auto& u : j["items"]) EXPECT_EQ(u["agency"], "AIS-A") << query << ": " << u.dump();
    if (std::string(query).find("q=") == std::string::npos) {
      EXPECT_EQ(j["total"], own) << query;
    }
    if (std::string(query) == "?q=staff.b") {
      EXPECT_EQ(j["total"], 0);
    }
  }
  // Staff of an agency do not manage users at all.
  EXPECT_EQ(call("GET", "/api/v1/users", "", bearer(token("staff.a"))).status, 403);
  // The audit log an agency admin reads is its agency's only.
  auto audit = call("GET", "/api/v1/audit?limit=500", "", bearer(t));
  ASSERT_EQ(audit.status, 200);
  EXPECT_EQ(audit.json()["total"], server().count("audit_log WHERE agency_id = " + std::to_string(agency_id("AIS-A"))));
  const auto audit_json = audit.json();  // a range-for over audit.json()["items"] would read a destroyed temporary
  for (const auto& e : audit_json["items"]) {
    EXPECT_NE(e["actor"], "admin.b");
    EXPECT_NE(e["actor"], "staff.b");
  }
}

TEST_P(SecurityTest, RoleMatrixOverHttp) {
  // region: reads every agency, creates nothing.
  auto agencies = call("GET", "/api/v1/agencies", "", bearer(token("region")));
  EXPECT_EQ(agencies.status, 200);
  EXPECT_GE(agencies.json()["total"].get<int>(), 2);
  EXPECT_EQ(call("POST", "/api/v1/agencies", R"({"code":"REGION-X","name":"No"})", bearer(token("region"))).status, 403);
  auto region_user = call("POST", "/api/v1/users",
                          R"({"login":"by.region","role":"agency_staff","agency":"AIS-A","password":"quiet orange tractor 29"})",
                          bearer(token("region")));
  EXPECT_EQ(region_user.status, 403) << region_user.body;
  EXPECT_EQ(region_user.error_code(), "common.forbidden");
  EXPECT_EQ(server().count("users WHERE login = 'by.region'"), 0);
  EXPECT_EQ(server().count("agencies WHERE code = 'REGION-X'"), 0);
  // federation: no user data.
  EXPECT_EQ(call("GET", "/api/v1/users", "", bearer(token("federation"))).status, 403);
  EXPECT_EQ(call("GET", "/api/v1/users/" + std::to_string(id("staff.a")), "", bearer(token("federation"))).status, 403);
  EXPECT_EQ(call("GET", "/api/v1/audit", "", bearer(token("federation"))).status, 403);
  EXPECT_EQ(call("GET", "/api/v1/agencies", "", bearer(token("federation"))).status, 200);
  // agency staff: no agency creation either.
  EXPECT_EQ(call("POST", "/api/v1/agencies", R"({"code":"STAFF-X","name":"No"})", bearer(token("staff.a"))).status, 403);
  EXPECT_EQ(call("POST", "/api/v1/agencies", R"({"code":"ADMIN-X","name":"No"})", bearer(token("admin.a"))).status, 403);
  // system_admin: creates a region user, who can then log in.
  auto created = call("POST", "/api/v1/users",
                      R"({"login":"region.two","role":"region","password":"quiet orange tractor 29"})",
                      bearer(token("sysadmin")));
  EXPECT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["role"], "region");
  EXPECT_TRUE(created.json()["agency"].is_null());
}

// ---- Audit and logs -------------------------------------------------------------------------

TEST_P(SecurityTest, LoginAndUserCreationEachAddOneAuditEntryWithoutThePassword) {
  const auto before = server().count("audit_log");
  const auto& t = token("sysadmin");  // may log in (the suite's first use)
  const auto after_first_login = server().count("audit_log");
  EXPECT_LE(after_first_login - before, 1);

  server().login("staff.a", password_of("staff.a"));
  EXPECT_EQ(server().count("audit_log"), after_first_login + 1);
  EXPECT_EQ(server().count("audit_log WHERE action = 'users.login' AND actor_login = 'staff.a' AND object_id = '" +
                           std::to_string(id("staff.a")) + "'"),
            server().count("audit_log WHERE action = 'users.login' AND actor_login = 'staff.a'"));

  const std::string secret = "audit secret passphrase 90";
  auto created = call("POST", "/api/v1/users", json{{"login", "audited.user"}, {"role", "federation"}, {"password", secret}}.dump(),
                      bearer(t));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(server().count("audit_log"), after_first_login + 2);
  EXPECT_EQ(server().count("audit_log WHERE action = 'users.create' AND object_id = '" +
                           std::to_string(created.json()["id"].get<std::int64_t>()) + "' AND actor_login = 'sysadmin'"),
            1);

  auto rows = server().db().acquire()->query(
      "SELECT at, actor_user_id, actor_login, agency_id, action, object_type, object_id, request_id, previous_hash, hash "
      "FROM audit_log");
  for (const auto& row : rows)
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (row.is_null(i)) continue;
      const auto value = row.text(i);
      EXPECT_EQ(value.find(secret), std::string::npos);
      EXPECT_EQ(value.find(password_of("staff.a")), std::string::npos);
      EXPECT_EQ(value.find(password_of("sysadmin")), std::string::npos);
    }
}

TEST_P(SecurityTest, ServerLogAndDatabaseHoldNeitherPasswordNorToken) {
  const std::string password = password_of("admin.b");
  auto r = call("POST", "/api/v1/session", json{{"login", "admin.b"}, {"password", password}}.dump());
  ASSERT_EQ(r.status, 200);
  const auto token = r.json()["token"].get<std::string>();
  EXPECT_EQ(call("GET", "/api/v1/me?lang=en", "", bearer(token)).status, 200);
  const auto log = server().log();
  EXPECT_FALSE(log.empty()) << "the server writes an access log";
  EXPECT_NE(log.find("/api/v1/session"), std::string::npos) << "the access log records the request";
  EXPECT_EQ(log.find(password), std::string::npos) << "the password is in the server log";
  EXPECT_EQ(log.find(token), std::string::npos) << "the session token is in the server log";
  // Stored: only the token's hash, never the token nor the password.
  EXPECT_EQ(server().count("sessions WHERE token_hash = '" + token + "'"), 0);
  EXPECT_EQ(server().count("users WHERE password_hash LIKE '%" + password + "%'"), 0);
  EXPECT_EQ(server().count("users WHERE login = 'admin.b' AND password_hash LIKE '$argon2id$%'"), 1);
}

HMS_INSTANTIATE_BACKENDS(SecurityTest);

// ---- Login throttling (a server per test: the counters are per address) ---------------------

class ThrottleTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    HMS_REQUIRE_BACKEND(GetParam());
    server_ = std::make_unique<ServerProcess>(GetParam());
    server_->add_user("target.user", "region", "", kTargetPassword);
    server_->add_user("bystander", "federation", "", kBystanderPassword);
    server_->start();
  }
  void TearDown() override {
    if (HasFailure() && server_) std::cerr << "---- server log (tail) ----\n" << server_->log_tail() << "\n";
  }
  HttpResult attempt(const std::string& login, const std::string& password) {
    return server_->request("POST", "/api/v1/session", json{{"login", login}, {"password", password}}.dump());
  }
  // Waits until the wall clock is just past a whole second, so that a burst of requests
  // falls within one second of the server's (whole-second) throttle clock.
  static void align_to_second() {
    using namespace std::chrono;
    auto now = system_clock::now().time_since_epoch();
    auto into = duration_cast<milliseconds>(now) % 1000;
    std::this_thread::sleep_for(milliseconds(1000 - into.count() + 20));
  }
  static constexpr const char* kTargetPassword = "granite river compass 88";
  static constexpr const char* kBystanderPassword = "copper kettle thunder 52";
  std::unique_ptr<ServerProcess> server_;
};

TEST_P(ThrottleTest, FiveFailuresThenEvenTheRightPasswordWaits) {
  for (int i = 0; i < 4; ++i) EXPECT_EQ(attempt("target.user", "wrong password number " + std::to_string(i)).status, 401);
  align_to_second();
  EXPECT_EQ(attempt("target.user", "wrong password number 4").status, 401);  // the 5th failure
  // The 6th and 7th attempts, right away: refused before the password is even checked.
  for (const char* password : {kTargetPassword, "wrong password number 6"}) {
    auto r = attempt("target.user", password);
    ASSERT_EQ(r.status, 429) << r.body;
    EXPECT_EQ(r.error_code(), "users.too_many_attempts");
    const auto retry = r.header("Retry-After");
    ASSERT_FALSE(retry.empty()) << "429 without Retry-After";
    EXPECT_GE(std::stoi(retry), 1);
    EXPECT_LE(std::stoi(retry), 2);
    EXPECT_NE(r.json()["error"]["message"].get<std::string>().find(retry), std::string::npos) << r.body;
    EXPECT_TRUE(set_cookie_header(r, "hms_session").empty());
  }
  // After the wait, the right password works again (and clears the counters).
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  auto ok = attempt("target.user", kTargetPassword);
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(attempt("target.user", "wrong once more").status, 401) << "the counter starts again from zero";
}

// A password asked again inside a session (a new password, a new IBAN, turning the second
// factor off) is throttled like a login: a borrowed session cannot guess the password at
// Argon2id's speed (found while landing MFA: these checks were not counted).
TEST_P(ThrottleTest, APasswordAskedAgainInASessionIsThrottledLikeALogin) {
  const auto token = server_->login("target.user", kTargetPassword);
  const Headers h = {{"Authorization", "Bearer " + token}};
  auto change = [&](const std::string& current) {
    return server_->request("POST", "/api/v1/me/password",
                            json{{"current_password", current}, {"new_password", "a brand new passphrase 2027"}}.dump(), h);
  };
  for (int i = 0; i < 4; ++i) EXPECT_EQ(change("wrong guess " + std::to_string(i)).status, 422);
  align_to_second();
  EXPECT_EQ(change("wrong guess 4").status, 422);  // the 5th failure
  auto r = change(kTargetPassword);
  ASSERT_EQ(r.status, 429) << "the right password waits too: " << r.body;
  EXPECT_EQ(r.error_code(), "users.too_many_attempts");
  EXPECT_EQ(server_->count("users WHERE login = 'target.user' AND password_hash IS NOT NULL"), 1);
  // After the wait, the right password is taken.
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  EXPECT_EQ(change(kTargetPassword).status, 200);
}

TEST_P(ThrottleTest, ThrottledAttemptsAreNeitherCountedNorAudited) {
  const auto before = server_->count("audit_log WHERE action = 'users.login_failed'");
  for (int i = 0; i < 4; ++i) attempt("target.user", "wrong password " + std::to_string(i));
  align_to_second();
  attempt("target.user", "wrong password 4");
  EXPECT_EQ(attempt("target.user", "wrong password 5").status, 429);
  EXPECT_EQ(server_->count("audit_log WHERE action = 'users.login_failed'"), before + 5);
  EXPECT_EQ(server_->count("login_throttle WHERE throttle_key = 'login:target.user' AND failures = 5"), 1);
}

// Another person logging in from the same address (an agency's office behind one NAT) is not
// held back by someone else's mistyped password: the address counter only slows down an
// address that fails across many logins.
TEST_P(ThrottleTest, AnotherLoginFromTheSameAddressIsNotHeldBack) {
  for (int i = 0; i < 4; ++i) attempt("target.user", "wrong password " + std::to_string(i));
  align_to_second();
  attempt("target.user", "wrong password 4");
  ASSERT_EQ(attempt("target.user", kTargetPassword).status, 429) << "the target login is throttled";
  auto other = attempt("bystander", kBystanderPassword);
  EXPECT_EQ(other.status, 200) << "one login's failures throttled another login from the same address: " << other.body;
}

// …but an address that keeps failing over many different logins is slowed down.
TEST_P(ThrottleTest, AnAddressFailingAcrossManyLoginsIsThrottled) {
  int refused_at = 0;
  for (int i = 1; i <= 40 && refused_at == 0; ++i) {
    auto r = attempt("guess." + std::to_string(i), "wrong password " + std::to_string(i));
    if (r.status == 429) {
      refused_at = i;
      EXPECT_EQ(r.error_code(), "users.too_many_attempts");
      EXPECT_FALSE(r.header("Retry-After").empty());
    } else {
      EXPECT_EQ(r.status, 401) << r.body;
    }
  }
  EXPECT_GT(refused_at, 0) << "40 failures over 40 logins from one address were never throttled";
}

// Before (issue 8 B4): an attempt was counted after its password was checked, so 24 guesses
// sent at once all found no failure yet and all had their password checked.
TEST_P(ThrottleTest, ParallelGuessesAreCountedBeforeThePasswordIsChecked) {
  const auto audited_before = server_->count("audit_log WHERE action = 'users.login_failed'");
  align_to_second();
  std::atomic<int> checked{0}, refused{0}, other{0};
  std::vector<std::thread> guesses;
  for (int i = 0; i < 24; ++i)
    guesses.emplace_back([&, i] {
      auto r = attempt("target.user", "parallel guess " + std::to_string(i));
      // Status 0: the test's HTTP client (cpp-httplib 0.11) lost the connection before sending
      // under 24 threads — it happens against the old server too; the request never arrived.
      for (int retry = 0; r.status == 0 && retry < 3; ++retry) r = attempt("target.user", "parallel guess " + std::to_string(i));
      (r.status == 401 ? checked : r.status == 429 ? refused : other)++;
      if (r.status != 401 && r.status != 429) ADD_FAILURE() << "HTTP " << r.status << " " << r.body.substr(0, 200);
    });
  for (auto& g : guesses) g.join();
  EXPECT_EQ(other.load(), 0);
  // The 5 free failures; a 6th only if the server's clock turned a second during the burst.
  EXPECT_GE(checked.load(), 5);
  EXPECT_LE(checked.load(), 6) << checked.load() << " of 24 parallel guesses got past the throttle";
  EXPECT_EQ(server_->count("audit_log WHERE action = 'users.login_failed'") - audited_before, checked.load());
}

// Before: any string sent as a login became a key of its own ("login:" + 1 MB of anything).
TEST_P(ThrottleTest, OnlyALoginThatCouldExistBecomesAThrottleKey) {
  for (const std::string& login : {std::string(5000, 'x'), std::string("robert'); drop table users;--"),
                                  std::string("m dupont"), std::string("é.dupont"), std::string("ab")}) {
    auto r = attempt(login, "whatever it is");
    EXPECT_EQ(r.status, 401) << login.substr(0, 40) << ": " << r.body;
    EXPECT_EQ(r.error_code(), "users.wrong_credentials");
  }
  EXPECT_EQ(server_->count("login_throttle WHERE throttle_key LIKE 'login:%'"), 0);
  EXPECT_EQ(server_->count("login_throttle WHERE throttle_key = 'address:127.0.0.1' AND failures = 5"), 1)
      << "the address counts them all";
}

// Before: counters stayed in login_throttle for ever, one row per login and address ever tried.
TEST_P(ThrottleTest, CountersOlderThanTheWindowArePurged) {
  const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::system_clock::now().time_since_epoch()).count();
  server_->db().acquire()->execute(
      "INSERT INTO login_throttle (throttle_key, failures, last_failure_at) VALUES"
      " ('login:gone.user', 9, $1), ('address:192.0.2.1', 30, $2), ('login:recent.user', 2, $3)",
      {now - 3600, now - 960, now - 60});
  EXPECT_EQ(attempt("target.user", "a wrong password").status, 401);
  EXPECT_EQ(server_->count("login_throttle WHERE throttle_key IN ('login:gone.user', 'address:192.0.2.1')"), 0);
  EXPECT_EQ(server_->count("login_throttle WHERE throttle_key = 'login:recent.user'"), 1);
}

// Before: there was no way to throttle by the client's address behind a reverse proxy (every
// client was the proxy). X-Forwarded-For is a client's own word unless the proxy wrote it.
TEST_P(ThrottleTest, ForwardedForIsBelievedOnlyFromATrustedProxy) {
  auto attempt_via = [&](const std::string& login, const std::string& forwarded) {
    return server_->request("POST", "/api/v1/session", json{{"login", login}, {"password", "a wrong one"}}.dump(),
                            {{"X-Forwarded-For", forwarded}});
  };
  auto failures_of = [&](const std::string& address) {
    return server_->count("login_throttle WHERE throttle_key = 'address:" + address + "'") == 0
               ? 0
               : server_->db().acquire()->query_one("SELECT failures FROM login_throttle WHERE throttle_key = 'address:" +
                                                    address + "'")->integer(0);
  };
  // Without --trusted-proxy: ignored.
  EXPECT_EQ(attempt_via("guess.one", "203.0.113.7").status, 401);
  EXPECT_EQ(failures_of("203.0.113.7"), 0);
  EXPECT_EQ(failures_of("127.0.0.1"), 1);
  // With it: the right-most address that is not the proxy's; never an entry that is not an address.
  server_->stop();
  server_->start({"--trusted-proxy", "127.0.0.1"});
  EXPECT_EQ(attempt_via("guess.two", "198.51.100.1, 203.0.113.7").status, 401);
  EXPECT_EQ(failures_of("203.0.113.7"), 1);
  EXPECT_EQ(failures_of("198.51.100.1"), 0) << "the left-most entry is the client's own word";
  EXPECT_EQ(attempt_via("guess.three", "203.0.113.8, 127.0.0.1").status, 401);
  EXPECT_EQ(failures_of("203.0.113.8"), 1) << "a trusted proxy in the chain is skipped";
  EXPECT_EQ(attempt_via("guess.four", "login:target.user").status, 401);
  EXPECT_EQ(server_->count("login_throttle WHERE throttle_key LIKE 'address:login%'"), 0);
  EXPECT_EQ(failures_of("127.0.0.1"), 2) << "an entry that is not an address leaves the proxy's";
  // And the address it names is what gets throttled.
  int refused_at = 0;
  for (int i = 1; i <= 30 && refused_at == 0; ++i)
    if (attempt_via("spray." + std::to_string(i), "203.0.113.9").status == 429) refused_at = i;
  EXPECT_GT(refused_at, 0);
  EXPECT_EQ(attempt_via("guess.five", "203.0.113.10").status, 401) << "another client behind the proxy is not held back";
}

HMS_INSTANTIATE_BACKENDS(ThrottleTest);

}  // namespace
}  // namespace hms::test

namespace hms::test {
namespace {

// The test of the isolation test: a route with {id} that names no object cannot join the table
// (the server and `hms routes` refuse it), so it is never missed by the test above.
TEST(RouteTableTest, ARouteWithAnIdMustNameTheObjectItReaches) {
  auto answer = [](http::Request&) { return http::Response::json("{}"); };
  std::vector<http::Route> table = {{"GET", "/things/{id}", http::Access::logged_in, answer}};
  EXPECT_THROW(http::check_routes(table), std::logic_error);
  table[0].guard = http::reaching("thing");
  EXPECT_NO_THROW(http::check_routes(table));
  table.push_back({"GET", "/things", http::reaching("thing"), answer});
  EXPECT_THROW(http::check_routes(table), std::logic_error) << "an object named by a route without {id}";
}

}  // namespace
}  // namespace hms::test
