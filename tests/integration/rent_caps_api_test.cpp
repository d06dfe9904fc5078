// The owner-rent and tenant-rent caps as regulatory data, on SQLite and PostgreSQL: `hms init`
// stores both shipped (illustrative) tables and audits each load; GET
// /api/v1/rules/owner-rent-caps and /tenant-rent-caps (contract B) answer the grid in force on
// ?date= (default today), money as "816.00", 422 on a malformed date, 401 without a session;
// `hms rules load` of a corrected table with --replace changes the amount (one audit entry), a
// broken file or a grid with other rows changes nothing; the /rules page shows both tables with
// the illustrative mark, and the region uploads a table there.
// The API tests share one server per backend, each test logging in as the staff member of an
// agency of its own; the upload changes the caps every other test reads, so it has its own suite.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <sstream>

#include <unistd.h>

#include "app/rules/reference_data.hpp"
#include "common/date.hpp"
#include "support/shared_server.hpp"
#include "support/test_database.hpp"

namespace hms::test {
namespace {

using db::Backend;
using nlohmann::json;

const std::string kSource = "illustrative — replace with the grid published by Bruxelles Logement";

std::string show(const CommandResult& r) {
  return "exit " + std::to_string(r.exit_code) + "\n--- stdout ---\n" + r.out + "--- stderr ---\n" + r.err;
}

// The shipped owner table with one amount changed (2026, apartment, 2 bedrooms: 816.00 → 820.50).
std::string corrected_owner_table() {
  std::string csv(app::shipped_rules_file("owner-rent-caps.csv"));
  const std::string from = "2026-01-01,apartment,2,816.00,";
  auto at = csv.find(from);
  if (at == std::string::npos) throw std::runtime_error("rules/owner-rent-caps.csv has no " + from);
  return csv.replace(at, from.size(), "2026-01-01,apartment,2,820.50,");
}

std::string today_iso() {
  return to_iso(std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())});
}

// ---- The API, one server per backend -----------------------------------------------------------

class RentCapsApiTest : public SharedServerTest {
 protected:
  void SetUp() override {
    SharedServerTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    a_ = new_agency();
  }
  // A GET as the staff member of the test's agency.
  HttpResult get(const std::string& path) { return call(a_.staff, "GET", path); }

  TestAgency a_;
};

TEST_P(RentCapsApiTest, InitStoresBothShippedTablesAndAuditsEachLoad) {
  // 2016 to 2026 (2016–2024 derived by scripts/derive-cap-grids.sh) × 2 types × bedrooms 0..5.
  EXPECT_EQ(server().count("rules_rent_caps WHERE kind = 'owner_rent'"), 132);
  EXPECT_EQ(server().count("rules_rent_caps WHERE kind = 'tenant_rent'"), 132);
  EXPECT_EQ(server().count("rules_rent_caps WHERE status <> 'illustrative'"), 0);
  EXPECT_EQ(server().count("rules_rent_caps WHERE source <> '" + kSource + "'"), 0);
  EXPECT_EQ(server().count("audit_log WHERE action = 'rules.load' AND object_id = 'owner_rent_caps:132'"), 1);
  EXPECT_EQ(server().count("audit_log WHERE action = 'rules.load' AND object_id = 'tenant_rent_caps:132'"), 1);
}

TEST_P(RentCapsApiTest, OwnerCapsIn2026) {
  auto r = get("/api/v1/rules/owner-rent-caps?date=2026-03-01");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("Content-Type").rfind("application/json", 0), 0u);
  const auto j = r.json();
  const auto& items = j.at("items");
  ASSERT_EQ(items.size(), 12u) << r.body;
  EXPECT_EQ(items[0], (json{{"type", "apartment"},
                            {"bedrooms", 0},
                            {"amount", "571.00"},
                            {"source", kSource},
                            {"status", "illustrative"},
                            {"valid_from", "2026-01-01"},
                            {"and_more", false}}));
  EXPECT_EQ(items[2]["amount"], "816.00");
  EXPECT_EQ(items[2]["bedrooms"], 2);
  for (std::size_t i = 0; i < 12; ++i) {
    EXPECT_EQ(items[i]["type"], i < 6 ? "apartment" : "house") << i;
    EXPECT_EQ(items[i]["bedrooms"], static_cast<int>(i % 6)) << i;
    EXPECT_EQ(items[i]["and_more"], i % 6 == 5) << "the last row of each type is the 'and more' row";
    EXPECT_EQ(items[i]["valid_from"], "2026-01-01");
    EXPECT_TRUE(items[i]["amount"].is_string());
    EXPECT_TRUE(std::regex_match(items[i]["amount"].get<std::string>(), std::regex(R"(\d+\.\d\d)")));
  }
  EXPECT_EQ(items[11]["amount"], "1336.00");
  // The first day of the 2026 grid.
  EXPECT_EQ(get("/api/v1/rules/owner-rent-caps?date=2026-01-01").json()["items"][2]["amount"], "816.00");
}

TEST_P(RentCapsApiTest, TheDayBeforeKeepsThe2025Grid) {
  auto owner = get("/api/v1/rules/owner-rent-caps?date=2025-12-31");
  ASSERT_EQ(owner.status, 200) << owner.body;
  const auto owner_json = owner.json();
  const auto& items = owner_json.at("items");
  ASSERT_EQ(items.size(), 12u);
  for (const auto& i : items) EXPECT_EQ(i["valid_from"], "2025-01-01");
  EXPECT_EQ(items[2]["amount"], "800.00");
  EXPECT_EQ(items[5]["amount"], "1250.00");

  auto tenant = get("/api/v1/rules/tenant-rent-caps?date=2025-12-31");
  ASSERT_EQ(tenant.status, 200) << tenant.body;
  const auto tenant_json = tenant.json();
  const auto& t = tenant_json.at("items");
  ASSERT_EQ(t.size(), 12u);
  EXPECT_EQ(t[0], (json{{"type", "apartment"},
                        {"bedrooms", 0},
                        {"amount", "490.00"},
                        {"source", kSource},
                        {"status", "illustrative"},
                        {"valid_from", "2025-01-01"},
                        {"and_more", false}}));
  EXPECT_EQ(get("/api/v1/rules/tenant-rent-caps?date=2026-03-01").json()["items"][2]["amount"], "714.00");
}

TEST_P(RentCapsApiTest, BeforeAnyTableThereAreNoItems) {
  for (const char* path : {"/api/v1/rules/owner-rent-caps?date=2015-12-31", "/api/v1/rules/tenant-rent-caps?date=1999-01-01"}) {
    auto r = get(path);
    ASSERT_EQ(r.status, 200) << path << " " << r.body;
    EXPECT_EQ(r.json()["items"], json::array()) << path;
  }
}

TEST_P(RentCapsApiTest, TheDateDefaultsToToday) {
  for (const char* path : {"/api/v1/rules/owner-rent-caps", "/api/v1/rules/tenant-rent-caps"}) {
    auto implicit = get(path);
    ASSERT_EQ(implicit.status, 200) << implicit.body;
    EXPECT_EQ(implicit.json()["date"], today_iso());
    EXPECT_EQ(implicit.json()["items"], get(std::string(path) + "?date=" + today_iso()).json()["items"]);
    EXPECT_EQ(get(std::string(path) + "?date=").json()["items"], implicit.json()["items"]) << "empty: today too";
  }
}

TEST_P(RentCapsApiTest, AMalformedDateIs422OnTheDateField) {
  for (const char* date : {"2026-02-30", "01/03/2026", "2026-3-1", "tomorrow", "2026-03-01T00:00"}) {
    auto r = get(std::string("/api/v1/rules/owner-rent-caps?date=") + date + "&lang=en");
    EXPECT_EQ(r.status, 422) << date << " " << r.body;
    const auto j = r.json();
    EXPECT_EQ(r.error_code(), "rules.invalid_date") << r.body;
    ASSERT_TRUE(j["error"]["fields"].is_object()) << r.body;
    EXPECT_EQ(j["error"]["fields"].size(), 1u) << r.body;
    EXPECT_TRUE(j["error"]["fields"].contains("date")) << r.body;
    EXPECT_EQ(j["error"]["message"], "Write the date as YYYY-MM-DD, for example 2026-03-01.") << r.body;
  }
  EXPECT_EQ(get("/api/v1/rules/tenant-rent-caps?date=x").status, 422);
}

TEST_P(RentCapsApiTest, EveryLoggedInRoleReadsNobodyElse) {
  for (const char* path : {"/api/v1/rules/owner-rent-caps", "/api/v1/rules/tenant-rent-caps?date=2026-03-01"}) {
    auto anonymous = server().request("GET", path);
    EXPECT_EQ(anonymous.status, 401) << path;
    EXPECT_EQ(anonymous.error_code(), "common.unauthenticated") << anonymous.body;
    EXPECT_EQ(server().request("GET", path, "", bearer("not-a-token")).status, 401) << path;
    EXPECT_EQ(get(path).status, 200) << "agency staff";
  }
  EXPECT_EQ(call("federation", "GET", "/api/v1/rules/owner-rent-caps").status, 200);
}

TEST_P(RentCapsApiTest, TheRulesPageShowsBothTablesWithTheIllustrativeMark) {
  for (const char* lang : {"en", "fr", "nl"}) {
    auto r = get(std::string("/rules?lang=") + lang);
    ASSERT_EQ(r.status, 200) << lang;
    EXPECT_NE(r.body.find("id=\"owner-rent-caps\""), std::string::npos) << lang;
    EXPECT_NE(r.body.find("id=\"tenant-rent-caps\""), std::string::npos) << lang;
    EXPECT_NE(r.body.find("<span class=\"tag tag--grey\" title=\""), std::string::npos) << lang << ": the illustrative mark";
    if (std::string(lang) != "en") {  // the notes shipped in English (rules/*.csv) are shown in the reader's language
      for (const char* english : {"replace with the grid", "re-check against", "other years matched", "social housing rent page"}) {
        EXPECT_EQ(r.body.find(english), std::string::npos) << lang << ": " << english;
      }
    }
    EXPECT_EQ(r.body.find("rules.caps."), std::string::npos) << lang << ": a key without a text";
  }
  const auto en = get("/rules?lang=en").body;
  EXPECT_NE(en.find("Owner-rent caps"), std::string::npos);
  EXPECT_NE(en.find("Tenant-rent caps"), std::string::npos);
  EXPECT_NE(en.find("These amounts are for illustration only"), std::string::npos);
  EXPECT_NE(en.find("5 or more"), std::string::npos);
  EXPECT_NE(en.find("€1,250.00"), std::string::npos) << "the 2025 grid, among the other validity dates";
  const auto fr = get("/rules?lang=fr").body;
  EXPECT_NE(fr.find("Loyers maximums payés au propriétaire"), std::string::npos);
  EXPECT_NE(fr.find("illustratif"), std::string::npos);
  EXPECT_NE(fr.find("title=\"montants illustratifs : à remplacer par la grille publiée par Bruxelles Logement\""), std::string::npos);
  EXPECT_NE(fr.find("à vérifier auprès de Statbel"), std::string::npos) << "the secondary source of the latest index months";
  EXPECT_NE(fr.find("816,00"), std::string::npos) << "the Belgian way";
  const auto nl = get("/rules?lang=nl").body;
  EXPECT_NE(nl.find("Maximale huurprijzen betaald aan de eigenaar"), std::string::npos);
  EXPECT_NE(nl.find("Slaapkamers"), std::string::npos);
}

HMS_INSTANTIATE_BACKENDS(RentCapsApiTest);

// ---- Loading tables, a fresh database per test --------------------------------------------------

class RentCapsLoadTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto init = run_hms({"init", "--db", url()});
    ASSERT_EQ(init.exit_code, 0) << show(init);
    dir_ = std::filesystem::temp_directory_path() / ("hms_rent_caps_" + std::to_string(::getpid()) + "_" +
                                                     std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  std::string file(const std::string& name, const std::string& text) {
    auto path = dir_ / name;
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }
  CommandResult load(const std::string& path, bool replace, bool as_json = false) {
    std::vector<std::string> args{"rules", "load", "--db", url(), path};
    if (replace) args.push_back("--replace");
    if (as_json) args.push_back("--json");
    return run_hms(args);
  }
  std::int64_t count(const std::string& from_where) {
    return db().acquire()->query_one("SELECT COUNT(*) FROM " + from_where)->integer(0);
  }
  std::int64_t amount(const std::string& kind, const std::string& valid_from, const std::string& type, int bedrooms) {
    return db()
        .acquire()
        ->query_one("SELECT amount_cents FROM rules_rent_caps WHERE kind = $1 AND valid_from = $2 AND dwelling_type = $3"
                    " AND bedrooms = $4",
                    {kind, valid_from, type, std::int64_t{bedrooms}})
        ->integer(0);
  }
  // Everything a load could change: the caps and the audit log.
  std::vector<std::string> snapshot() {
    std::vector<std::string> out;
    for (const auto& r : db().acquire()->query(
             "SELECT kind, valid_from, dwelling_type, bedrooms, amount_cents, status, source FROM rules_rent_caps"
             " ORDER BY kind, valid_from, dwelling_type, bedrooms"))
      out.push_back(r.text(0) + r.text(1) + r.text(2) + std::to_string(r.integer(3)) + ":" +
                    std::to_string(r.integer(4)) + r.text(5) + r.text(6));
    out.push_back("audit " + std::to_string(count("audit_log")));
    return out;
  }

  std::filesystem::path dir_;
};

TEST_P(RentCapsLoadTest, InitTwiceAddsNothing) {
  const auto before = snapshot();
  auto again = run_hms({"init", "--db", url()});
  ASSERT_EQ(again.exit_code, 0) << show(again);
  EXPECT_EQ(snapshot(), before);
  EXPECT_EQ(count("audit_log WHERE action = 'rules.load'"), 6)
      << "health index, incomes, owner caps, tenant caps, occupancy, subsidy rates";
}

TEST_P(RentCapsLoadTest, ACorrectionWithReplaceChangesTheAmountAndIsAuditedOnce) {
  const auto path = file("owner-rent-caps.csv", corrected_owner_table());
  const auto audit_before = count("audit_log");

  // Without --replace the stored value stays, counted as unchanged.
  auto kept = load(path, false, true);
  ASSERT_EQ(kept.exit_code, 0) << show(kept);
  EXPECT_EQ(json::parse(kept.out),
            (json{{"ok", true}, {"table", "owner_rent_caps"}, {"added", 0}, {"changed", 0}, {"unchanged", 132}}));
  EXPECT_EQ(amount("owner_rent", "2026-01-01", "apartment", 2), 81600);
  EXPECT_EQ(count("audit_log"), audit_before) << "nothing stored, nothing audited";

  auto replaced = load(path, true);
  ASSERT_EQ(replaced.exit_code, 0) << show(replaced);
  EXPECT_EQ(replaced.out, "Owner-rent caps: 0 added, 1 changed, 131 unchanged.\n");
  EXPECT_EQ(amount("owner_rent", "2026-01-01", "apartment", 2), 82050);
  EXPECT_EQ(amount("owner_rent", "2025-01-01", "apartment", 2), 80000) << "the other rows are untouched";
  EXPECT_EQ(count("audit_log"), audit_before + 1);
  EXPECT_EQ(count("audit_log WHERE action = 'rules.load' AND object_type = 'rules' AND object_id = "
                  "'owner_rent_caps:1' AND actor_login = 'cli'"),
            1);
  EXPECT_EQ(amount("tenant_rent", "2026-01-01", "apartment", 2), 71400) << "the tenant table is another table";

  auto verify = run_hms({"audit", "verify", "--db", url()});
  EXPECT_EQ(verify.exit_code, 0) << show(verify);
}

TEST_P(RentCapsLoadTest, ANewValidityDateIsAdded) {
  const std::string src = ",verified,Bruxelles Logement, circular of 2026-12-15\n";
  std::string csv = "valid_from,type,bedrooms,tenant_cap,status,source\n";
  for (const char* type : {"apartment", "house"})
    for (int n = 0; n <= 3; ++n)
      csv += std::string("2027-01-01,") + type + "," + std::to_string(n) + "," + std::to_string(600 + 100 * n) + src;
  auto r = load(file("tenant-2027.csv", csv), false, true);
  ASSERT_EQ(r.exit_code, 0) << show(r);
  EXPECT_EQ(json::parse(r.out)["table"], "tenant_rent_caps");
  EXPECT_EQ(json::parse(r.out)["added"], 8);
  EXPECT_EQ(count("rules_rent_caps WHERE kind = 'tenant_rent' AND valid_from = '2027-01-01'"), 8);
  EXPECT_EQ(count("rules_rent_caps WHERE source = 'Bruxelles Logement, circular of 2026-12-15'"), 8);
  EXPECT_EQ(count("audit_log WHERE object_id = 'tenant_rent_caps:8'"), 1);
}

TEST_P(RentCapsLoadTest, ABrokenFileChangesNothing) {
  const auto before = snapshot();
  // A good correction (2026 apartment 2), then a bad row later on (line 134): nothing is stored.
  std::string csv = corrected_owner_table();
  csv += "2027-01-01,castle,0,900.00,illustrative,x\n";
  auto r = load(file("broken.csv", csv), true);
  EXPECT_EQ(r.exit_code, 2) << show(r);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("The rent-cap table is not valid at line 134: type must be apartment or house."),
            std::string::npos)
      << show(r);
  EXPECT_EQ(snapshot(), before);

  // A gap, in a tenant file.
  auto gap = load(file("gap.csv", "valid_from,type,bedrooms,tenant_cap,status,source\n"
                                  "2027-01-01,apartment,0,500,verified,x\n"
                                  "2027-01-01,apartment,2,700,verified,x\n"
                                  "2027-01-01,house,0,550,verified,x\n"),
                  true);
  EXPECT_EQ(gap.exit_code, 2) << show(gap);
  EXPECT_NE(gap.err.find("line 3"), std::string::npos) << show(gap);
  EXPECT_EQ(snapshot(), before);

  // A file of no known table, and an empty one.
  auto unknown = load(file("unknown.csv", "valid_from;type;bedrooms;amount;status;source\n"), true);
  EXPECT_EQ(unknown.exit_code, 2) << show(unknown);
  auto header_only = load(file("empty.csv", "valid_from,type,bedrooms,amount,status,source\n"), true);
  EXPECT_EQ(header_only.exit_code, 2) << show(header_only);
  EXPECT_NE(header_only.err.find("line 1: the file has no rows"), std::string::npos) << show(header_only);
  EXPECT_EQ(snapshot(), before);
}

TEST_P(RentCapsLoadTest, AStoredGridKeepsItsRows) {
  const auto before = snapshot();
  // 2026 with a sixth row for apartments: the stored "5 and more" would silently become "5".
  std::string csv = corrected_owner_table();
  csv += "2026-01-01,apartment,6,1400.00,illustrative,x\n";
  auto r = load(file("more-rows.csv", csv), true, false);
  EXPECT_EQ(r.exit_code, 2) << show(r);
  EXPECT_NE(r.err.find("The apartment grid of 01/01/2026 has rows for 0 to 6 bedrooms in this file but 0 to 5 in "
                       "the database"),
            std::string::npos)
      << show(r);
  EXPECT_EQ(snapshot(), before);
}

HMS_INSTANTIATE_BACKENDS(RentCapsLoadTest);

// ---- The region's upload page ----------------------------------------------------------------

// A multipart/form-data body with a file field "file" and a "replace" field.
std::pair<std::string, std::string> upload_body(const std::string& csv, bool replace) {
  const std::string boundary = "hmsRentCapsBoundary7Q";
  std::string body = "--" + boundary +
                     "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"caps.csv\"\r\n"
                     "Content-Type: text/csv\r\n\r\n" +
                     csv + "\r\n";
  if (replace) body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"replace\"\r\n\r\nyes\r\n";
  body += "--" + boundary + "--\r\n";
  return {body, "multipart/form-data; boundary=" + boundary};
}

// The upload changes the region-wide caps that RentCapsApiTest reads (816.00 becomes 820.50): a
// suite, and so a server, of its own.
class RentCapsUploadTest : public SharedServerTest {};

TEST_P(RentCapsUploadTest, TheRegionUploadsACorrectionThatTheApiThenShows) {
  auto& server = this->server();
  const auto region = token("region");
  const auto staff = token(new_agency().staff);

  // Agency staff may not load tables.
  auto [body, type] = upload_body(corrected_owner_table(), true);
  auto refused = server.request("POST", "/rules?lang=en", body, bearer(staff), type);
  EXPECT_EQ(refused.status, 403) << refused.body.substr(0, 300);

  // A broken table: 422 on the page, nothing changed.
  auto [bad_body, bad_type] = upload_body("valid_from,type,bedrooms,amount,status,source\n2026-01-01,apartment,0,abc,x,y\n", true);
  auto bad = server.request("POST", "/rules?lang=en", bad_body, bearer(region), bad_type);
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("The rent-cap table is not valid at line 2"), std::string::npos) << bad.body.substr(0, 2000);

  auto ok = server.request("POST", "/rules?lang=en", body, bearer(region), type);
  ASSERT_EQ(ok.status, 200) << ok.body.substr(0, 300) << "\n" << server.log_tail();
  EXPECT_NE(ok.body.find("Owner-rent caps: 0 added, 1 changed, 131 unchanged."), std::string::npos);
  EXPECT_EQ(server.count("audit_log WHERE action = 'rules.load' AND object_id = 'owner_rent_caps:1' AND "
                         "actor_login = 'region'"),
            1);

  auto api = server.request("GET", "/api/v1/rules/owner-rent-caps?date=2026-03-01", "", bearer(staff));
  ASSERT_EQ(api.status, 200);
  EXPECT_EQ(api.json()["items"][2]["amount"], "820.50");
  EXPECT_EQ(server.request("GET", "/api/v1/rules/owner-rent-caps?date=2025-03-01", "", bearer(staff))
                .json()["items"][2]["amount"],
            "800.00");
}

HMS_INSTANTIATE_BACKENDS(RentCapsUploadTest);

}  // namespace
}  // namespace hms::test
