// Golden tests of the `hms` command line: the real binary, its exact output, error text and
// exit code (contract: --help everywhere, --json prints one JSON document, errors on stderr,
// exit 2 for bad usage or validation, 1 for other failures). Messages are English (HMS_LANG=en)
// unless a test asks for another language. Database commands run on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>

#include "domain/audit/audit_entry.hpp"
#include "storage/audit/audit_anchor.hpp"
#include "storage/crypto/field_cipher.hpp"
#include "storage/db/database.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace hms::test {
namespace {

using db::Backend;
using nlohmann::json;

// Prints what the command printed when an expectation about it fails.
std::string show(const CommandResult& r) {
  return "exit " + std::to_string(r.exit_code) + "\n--- stdout ---\n" + r.out + "--- stderr ---\n" + r.err;
}

// ---- Without a database -----------------------------------------------------------------------

// --help, bad usage and a missing SQLite file: golden scenarios (tests/scenarios/cli/).

TEST(Cli, RoutesJsonListsTheRouteTable) {
  auto r = run_hms({"routes", "--json"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  auto j = json::parse(r.out);
  ASSERT_TRUE(j["items"].is_array());
  EXPECT_EQ(j["total"], j["items"].size());
  EXPECT_TRUE(std::count(r.out.begin(), r.out.end(), '\n') == 1) << "one JSON document on one line";
  auto text = run_hms({"routes"});
  EXPECT_NE(text.out.find("POST\t/api/v1/session\topen\n"), std::string::npos) << show(text);
}

// ---- With a database, on both backends ------------------------------------------------------

class CliTest : public BackendTest {
 protected:
  CommandResult hms(std::vector<std::string> args, const std::string& input = "") {
    args.insert(args.begin() + (args.size() >= 2 && (args[0] == "agency" || args[0] == "user" || args[0] == "audit" || args[0] == "rent") ? 2 : 1),
                {"--db", url()});
    return run_hms(args, input);
  }
  void init() {
    auto r = hms({"init"});
    ASSERT_EQ(r.exit_code, 0) << show(r);
  }
  std::vector<std::vector<std::string>> rows(db::Database& database, const std::string& sql) {
    std::vector<std::vector<std::string>> out;
    for (const auto& row : database.acquire()->query(sql)) {
      std::vector<std::string> values;
      for (std::size_t i = 0; i < row.size(); ++i) values.push_back(row.is_null(i) ? "NULL" : row.text(i));
      out.push_back(values);
    }
    return out;
  }
};

TEST_P(CliTest, InitIsIdempotent) {
  auto first = hms({"init"});
  EXPECT_EQ(first.exit_code, 0) << show(first);
  EXPECT_TRUE(std::regex_match(first.out, std::regex("Database .* applied [1-9][0-9]* migration\\(s\\)\\.\n")))
      << show(first);
  EXPECT_EQ(first.out.find("password"), std::string::npos);
  auto second = hms({"init"});
  EXPECT_EQ(second.exit_code, 0) << show(second);
  EXPECT_EQ(second.out, "Database " + db::redact_url(url()) + " is up to date.\n");
  EXPECT_EQ(second.err, "");
  auto json_run = hms({"init", "--json"});
  EXPECT_EQ(json_run.exit_code, 0) << show(json_run);
  EXPECT_EQ(json::parse(json_run.out), (json{{"ok", true}, {"applied", json::array()}}));
  EXPECT_EQ(json_run.out.back(), '\n');
}

TEST_P(CliTest, InitJsonListsTheMigrationsApplied) {
  auto r = hms({"init", "--json"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  auto j = json::parse(r.out);
  EXPECT_EQ(j["ok"], true);
  ASSERT_TRUE(j["applied"].is_array());
  ASSERT_FALSE(j["applied"].empty());
  EXPECT_EQ(j["applied"][0], 1);
}

TEST_P(CliTest, CommandOnAnUninitialisedDatabaseSaysToRunInit) {
  auto r = hms({"agency", "add", "--code", "AB", "--name", "x"});
  EXPECT_EQ(r.exit_code, 2) << show(r);
  const auto shown = db::redact_url(url());
  EXPECT_EQ(r.err, "hms: The database " + shown + " is not initialised or not up to date. Run: hms init --db " + shown + "\n");
}

TEST_P(CliTest, AgencyAddValidatesAndRefusesDuplicates) {
  init();
  auto ok = hms({"agency", "add", "--code", "ais-ixelles", "--name", "AIS Ixelles - Elsene"});
  EXPECT_EQ(ok.exit_code, 0) << show(ok);
  EXPECT_EQ(ok.out, "Agency AIS-IXELLES (AIS Ixelles - Elsene) added.\n");
  EXPECT_EQ(ok.err, "");

  for (const std::string bad : {"A", "AIS_X", "AIS X", "ABCDEFGHIJKLMNOPQ", "ÉCOLE"}) {
    auto r = hms({"agency", "add", "--code", bad, "--name", "x"});
    EXPECT_EQ(r.exit_code, 2) << bad << "\n" << show(r);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "hms: Enter a code of 2 to 16 letters, digits or hyphens, for example AIS-IXELLES.\n") << bad;
  }
  auto duplicate = hms({"agency", "add", "--code", "AIS-Ixelles", "--name", "Again"});
  EXPECT_EQ(duplicate.exit_code, 1) << show(duplicate);
  EXPECT_EQ(duplicate.err, "hms: There is already an agency with the code AIS-IXELLES.\n");

  auto json_run = hms({"agency", "add", "--code", "SVK-JETTE", "--name", "SVK Jette", "--json"});
  ASSERT_EQ(json_run.exit_code, 0) << show(json_run);
  auto j = json::parse(json_run.out);
  EXPECT_EQ(j["code"], "SVK-JETTE");
  EXPECT_EQ(j["name"], "SVK Jette");
  EXPECT_TRUE(j["id"].is_number_integer());
  EXPECT_EQ(rows(db(), "SELECT code, name FROM agencies ORDER BY code"),
            (std::vector<std::vector<std::string>>{{"AIS-IXELLES", "AIS Ixelles - Elsene"}, {"SVK-JETTE", "SVK Jette"}}));
}

TEST_P(CliTest, MessagesFollowHmsLang) {
  init();
  ASSERT_EQ(hms({"agency", "add", "--code", "AB", "--name", "x"}).exit_code, 0);
  auto fr = run_hms({"agency", "add", "--db", url(), "--code", "AB", "--name", "x"}, "", {{"HMS_LANG", "fr"}});
  EXPECT_EQ(fr.exit_code, 1);
  EXPECT_EQ(fr.err, "hms: Il existe déjà une agence avec le code AB.\n") << show(fr);
  auto nl = run_hms({"agency", "add", "--db", url(), "--code", "AB", "--name", "x"}, "", {{"LANG", "nl_BE.UTF-8"}});
  EXPECT_EQ(nl.exit_code, 1);
  EXPECT_NE(nl.err, fr.err);
  EXPECT_NE(nl.err.find("AB"), std::string::npos) << show(nl);
}

TEST_P(CliTest, UserAddReadsThePasswordFromStandardInput) {
  init();
  ASSERT_EQ(hms({"agency", "add", "--code", "AIS-A", "--name", "Agence A"}).exit_code, 0);
  auto ok = hms({"user", "add", "--login", "M.Dupont", "--role", "agency_staff", "--agency", "ais-a", "--name",
                 "Marie Dupont"},
                "lantern harbour meadow 41\n");
  EXPECT_EQ(ok.exit_code, 0) << show(ok);
  EXPECT_EQ(ok.out, "User m.dupont (agency_staff, AIS-A) added.\n");
  // A Windows line end is not part of the password.
  auto crlf = hms({"user", "add", "--login", "region.one", "--role", "region", "--json"}, "granite river compass 88\r\n");
  ASSERT_EQ(crlf.exit_code, 0) << show(crlf);
  auto j = json::parse(crlf.out);
  EXPECT_EQ(j["login"], "region.one");
  EXPECT_EQ(j["role"], "region");
  EXPECT_TRUE(j["agency"].is_null());
  EXPECT_EQ(j["name"], "region.one") << "the name defaults to the login";
  EXPECT_EQ(crlf.out.find("granite"), std::string::npos) << "the password is never printed";
  EXPECT_EQ(rows(db(), "SELECT u.login, u.name, u.role, a.code FROM users u LEFT JOIN agencies a ON a.id = u.agency_id "
                       "ORDER BY u.login"),
            (std::vector<std::vector<std::string>>{{"m.dupont", "Marie Dupont", "agency_staff", "AIS-A"},
                                                   {"region.one", "region.one", "region", "NULL"}}));
  EXPECT_EQ(rows(db(), "SELECT COUNT(*) FROM users WHERE password_hash LIKE '$argon2id$%'"),
            (std::vector<std::vector<std::string>>{{"2"}}));
}

TEST_P(CliTest, UserAddRefusesBadInput) {
  init();
  ASSERT_EQ(hms({"agency", "add", "--code", "AIS-A", "--name", "Agence A"}).exit_code, 0);
  auto common = hms({"user", "add", "--login", "bob", "--role", "region"}, "Azerty2024!!\n");
  EXPECT_EQ(common.exit_code, 2) << show(common);
  EXPECT_EQ(common.err,
            "hms: This password is one of the most common ones. Choose a less predictable one, for example a sentence "
            "of a few words.\n");
  auto short_password = hms({"user", "add", "--login", "bob", "--role", "region"}, "too short\n");
  EXPECT_EQ(short_password.exit_code, 2) << show(short_password);
  EXPECT_EQ(short_password.err, "hms: Enter a password of at least 12 characters.\n");
  auto no_agency = hms({"user", "add", "--login", "bob", "--role", "agency_staff"}, "lantern harbour meadow 41\n");
  EXPECT_EQ(no_agency.exit_code, 2) << show(no_agency);
  EXPECT_EQ(no_agency.err,
            "hms: Choose the agency of this user: agency staff and administrators belong to one agency.\n");
  auto admin_no_agency = hms({"user", "add", "--login", "bob", "--role", "agency_admin"}, "lantern harbour meadow 41\n");
  EXPECT_EQ(admin_no_agency.exit_code, 2) << show(admin_no_agency);
  auto unknown_agency = hms({"user", "add", "--login", "bob", "--role", "agency_staff", "--agency", "NOPE"},
                            "lantern harbour meadow 41\n");
  EXPECT_EQ(unknown_agency.exit_code, 2) << show(unknown_agency);
  EXPECT_EQ(unknown_agency.err, "hms: There is no agency with the code NOPE.\n");
  auto bad_role = hms({"user", "add", "--login", "bob", "--role", "janitor"}, "lantern harbour meadow 41\n");
  EXPECT_EQ(bad_role.exit_code, 2) << show(bad_role);
  auto no_password = hms({"user", "add", "--login", "bob", "--role", "region"}, "");
  EXPECT_EQ(no_password.exit_code, 2) << show(no_password);
  EXPECT_NE(no_password.err.find("standard input"), std::string::npos) << show(no_password);
  auto contains_login = hms({"user", "add", "--login", "bobby", "--role", "region"}, "i am bobby the builder\n");
  EXPECT_EQ(contains_login.exit_code, 2) << show(contains_login);
  EXPECT_EQ(contains_login.err, "hms: The password must not contain the user name.\n");
  EXPECT_EQ(rows(db(), "SELECT COUNT(*) FROM users"), (std::vector<std::vector<std::string>>{{"0"}}));

  ASSERT_EQ(hms({"user", "add", "--login", "bob", "--role", "region"}, "lantern harbour meadow 41\n").exit_code, 0);
  auto taken = hms({"user", "add", "--login", "BOB", "--role", "federation"}, "another fine passphrase\n");
  EXPECT_EQ(taken.exit_code, 1) << show(taken);
  EXPECT_EQ(taken.err.rfind("hms: The user name bob is already taken.", 0), 0u) << show(taken);
}

TEST_P(CliTest, DemoTwiceOnTheSameDatabaseFailsTheSecondTime) {
  // A small region (800 dwellings over the 24 agencies) for speed; the summary counts what it wrote.
  auto first = hms({"demo", "--dwellings", "800", "--ledger-years", "1"});
  ASSERT_EQ(first.exit_code, 0) << show(first);
  std::smatch counts;
  ASSERT_TRUE(std::regex_search(first.out, counts,
                                std::regex(": 24 agencies, ([0-9]+) users, ([0-9]+) dwellings, ([0-9]+) owners, "
                                           "([0-9]+) owner contracts, ([0-9]+) applicants, ([0-9]+) leases, ([0-9]+) ledger "
                                           "entries \\(([0-9]+) payments\\) over 12 months\\.\n")))
      << show(first);
  EXPECT_EQ(counts[1].str(), rows(db(), "SELECT COUNT(*) FROM users")[0][0]);
  EXPECT_EQ(counts[2].str(), rows(db(), "SELECT COUNT(*) FROM dwellings")[0][0]);
  EXPECT_EQ(counts[3].str(), rows(db(), "SELECT COUNT(*) FROM owners")[0][0]);
  EXPECT_EQ(counts[4].str(), rows(db(), "SELECT COUNT(*) FROM owner_contracts")[0][0]);
  EXPECT_EQ(counts[5].str(), rows(db(), "SELECT COUNT(*) FROM applicants")[0][0]);
  EXPECT_EQ(counts[6].str(), rows(db(), "SELECT COUNT(*) FROM leases")[0][0]);
  EXPECT_NEAR(std::stoi(counts[2].str()), 800, 12);
  EXPECT_EQ(counts[7].str(), rows(db(), "SELECT COUNT(*) FROM ledger_entries")[0][0]);
  EXPECT_EQ(counts[8].str(), rows(db(), "SELECT COUNT(*) FROM ledger_entries WHERE journal = 'BANK' AND description LIKE '+++%'")[0][0]);
  // The households (issue 9.7): a waiting list of 1,500 for 800 dwellings, one lease per stay.
  EXPECT_NEAR(std::stoi(rows(db(), "SELECT COUNT(*) FROM applicants WHERE status = 'active'")[0][0]), 1500, 30);
  EXPECT_EQ(rows(db(), "SELECT COUNT(*) FROM dwelling_statuses WHERE status = 'active'")[0][0], counts[6].str());
  // About 92 % of the tenants at or below the admission income, and no lease above its cap.
  const double eligible = std::stod(rows(db(), "SELECT COUNT(*) FROM leases WHERE band = 'eligible'")[0][0]);
  EXPECT_NEAR(eligible / std::stod(counts[6].str()), 0.9, 0.05);
  EXPECT_EQ(rows(db(), "SELECT COUNT(*) FROM leases WHERE tenant_rent_cap_cents IS NOT NULL AND tenant_rent_cents > "
                       "tenant_rent_cap_cents")[0][0], "0");
  EXPECT_NE(first.out.find("Demo logins (role, login, password):\n"), std::string::npos);
  auto second = hms({"demo", "--dwellings", "800"});
  EXPECT_EQ(second.exit_code, 1) << show(second);
  EXPECT_EQ(second.out, "");
  EXPECT_EQ(second.err,
            "hms: This database already holds agencies: the demo region is built only in an empty database. Use a new "
            "file.\n");
  auto verify = hms({"audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << show(verify);
  const auto entries = rows(db(), "SELECT COUNT(*) FROM audit_log")[0][0];
  EXPECT_EQ(verify.out, "The audit log holds: " + entries + " entries, every one chained to the one before.\n");
  auto verify_json = hms({"audit", "verify", "--json"});
  EXPECT_EQ(json::parse(verify_json.out),
            (json{{"ok", true}, {"entries", std::stoll(entries)}, {"first_broken", nullptr}}));
}

TEST_P(CliTest, DemoJsonPrintsOneLoginPerRoleAndTwentyFourAgencies) {
  // The full default region: 24 agencies, about 8,000 dwellings with their owners and contracts
  // (without the years of ledger, which DemoLedgerTest covers on a smaller region).
  auto r = hms({"demo", "--json", "--ledger-years", "0"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  auto j = json::parse(r.out);
  EXPECT_EQ(j["agencies"], 24);
  ASSERT_EQ(j["logins"].size(), 6u) << r.out;
  std::set<std::string> roles;
  for (const auto& l : j["logins"]) {
    roles.insert(l["role"].get<std::string>());
    EXPECT_FALSE(l["login"].get<std::string>().empty());
    EXPECT_GE(l["password"].get<std::string>().size(), 12u);
    const bool agency_role = l["role"] == "agency_staff" || l["role"] == "agency_admin";
    EXPECT_EQ(l["agency"].is_string(), agency_role) << l.dump();
  }
  EXPECT_EQ(roles, (std::set<std::string>{"agency_staff", "agency_admin", "federation", "region", "system_admin"}));
  EXPECT_EQ(rows(db(), "SELECT COUNT(*) FROM agencies")[0][0], "24");
  EXPECT_EQ(j["users"], std::stoll(rows(db(), "SELECT COUNT(*) FROM users")[0][0]));
  // The stock: the counts printed are those stored, about 8,000 dwellings, one contract or more each.
  EXPECT_EQ(j["dwellings"], std::stoll(rows(db(), "SELECT COUNT(*) FROM dwellings")[0][0]));
  EXPECT_EQ(j["owners"], std::stoll(rows(db(), "SELECT COUNT(*) FROM owners")[0][0]));
  EXPECT_EQ(j["contracts"], std::stoll(rows(db(), "SELECT COUNT(*) FROM owner_contracts")[0][0]));
  EXPECT_NEAR(j["dwellings"].get<double>(), 8000, 100);
  EXPECT_GT(j["owners"].get<int>(), 5000);
  EXPECT_LT(j["owners"].get<int>(), j["dwellings"].get<int>());
  EXPECT_GT(j["contracts"].get<int>(), j["dwellings"].get<int>());
  EXPECT_EQ(rows(db(), "SELECT COUNT(*) FROM dwellings d WHERE NOT EXISTS "
                       "(SELECT 1 FROM owner_contracts k WHERE k.dwelling_id = d.id)")[0][0],
            "0");
  // Every agency between 100 and 850 dwellings; one audit entry for each agency's stock.
  for (const auto& size : rows(db(), "SELECT a.code, COUNT(d.id) FROM agencies a LEFT JOIN dwellings d ON "
                                     "d.agency_id = a.id GROUP BY a.code")) {
    EXPECT_GE(std::stoi(size[1]), 100) << size[0];
    EXPECT_LE(std::stoi(size[1]), 850) << size[0];
  }
  EXPECT_EQ(rows(db(), "SELECT COUNT(*) FROM audit_log WHERE action = 'demo.stock'")[0][0], "24");
}

TEST_P(CliTest, DemoWithTheSameSeedGivesTheSameRegion) {
  // The same seed and day give the same region, stock, history and ledger included (two years of
  // it: the same entries with the same numbers, the same payment files).
  auto other = fresh_database(backend());
  auto demo = [](const std::string& url, const char* seed) {
    return run_hms({"--today", "2026-06-15", "demo", "--db", url, "--seed", seed, "--dwellings", "800", "--ledger-years",
                    "2", "--json"});
  };
  auto a = demo(url(), "7");
  auto b = demo(other.url, "7");
  ASSERT_EQ(a.exit_code, 0) << show(a);
  ASSERT_EQ(b.exit_code, 0) << show(b);
  EXPECT_EQ(json::parse(a.out)["logins"], json::parse(b.out)["logins"]) << "same logins and passwords";
  const char* dwellings =
      "SELECT a.code, d.reference, d.street, d.house_number, d.box, d.postcode, d.floor, d.dwelling_type, d.bedrooms, "
      "d.surface_dm2, d.peb_class, d.peb_number, d.peb_date, d.cadastral_reference, d.categories, d.status, "
      "d.status_since, d.created_at, d.updated_at FROM dwellings d JOIN agencies a ON a.id = d.agency_id "
      "ORDER BY a.code, d.reference";
  for (const char* sql :
       {"SELECT code, name, street, house_number, postcode FROM agencies ORDER BY code",
        "SELECT u.login, u.name, u.role, a.code FROM users u LEFT JOIN agencies a ON a.id = u.agency_id "
        "ORDER BY u.login",
        dwellings,
        "SELECT a.code, d.reference, s.status, s.from_date, s.to_date, s.recorded_at FROM dwelling_statuses s "
        "JOIN dwellings d ON d.id = s.dwelling_id JOIN agencies a ON a.id = d.agency_id "
        "ORDER BY a.code, d.reference, s.from_date",
        "SELECT a.code, b.street, b.house_number, b.postcode, COUNT(d.id) FROM buildings b JOIN agencies a ON "
        "a.id = b.agency_id JOIN dwellings d ON d.building_id = b.id GROUP BY a.code, b.street, b.house_number, "
        "b.postcode ORDER BY a.code, b.street, b.house_number, b.postcode",
        "SELECT a.code, o.kind, o.name, o.iban_country, o.iban_last4, o.company_number, o.email, o.phone, o.address, "
        "o.language, o.created_at FROM owners o JOIN agencies a ON a.id = o.agency_id "
        "ORDER BY a.code, o.name, o.iban_last4, o.address",
        "SELECT a.code, d.reference, o.name, o.iban_last4, k.kind, k.start_date, k.end_date, k.signed_on, "
        "k.registered, k.management_fee_bp, k.guarantee_vacancy, k.guarantee_unpaid_rent, k.guarantee_damage, "
        "k.owner_rent_cents, k.cap_cents, k.created_at FROM owner_contracts k JOIN agencies a ON a.id = k.agency_id "
        "JOIN dwellings d ON d.id = k.dwelling_id JOIN owners o ON o.id = k.owner_id "
        "ORDER BY a.code, d.reference, k.start_date",
        "SELECT a.code, d.reference, k.start_date, r.valid_from, r.amount_cents, r.reason, r.cap_cents, r.recorded_at "
        "FROM owner_contract_rents r JOIN owner_contracts k ON k.id = r.contract_id JOIN dwellings d ON "
        "d.id = k.dwelling_id JOIN agencies a ON a.id = r.agency_id ORDER BY a.code, d.reference, r.valid_from",
        "SELECT g.code, e.journal, e.year, e.number, e.posted_on, e.posted_at, l.position, c.code, l.debit_cents, "
        "l.credit_cents FROM ledger_lines l JOIN ledger_entries e ON e.id = l.entry_id JOIN agencies g ON "
        "g.id = e.agency_id JOIN ledger_accounts c ON c.id = l.account_id "
        "ORDER BY g.code, e.journal, e.year, e.number, l.position",
        // (not the files' bytes: their end-to-end ids name the owners' ids, which interleave when
        // PostgreSQL's workers write agencies side by side)
        "SELECT g.code, r.month, r.execution_date, r.message_id, r.transfers, r.total_cents FROM payout_runs r "
        "JOIN agencies g ON g.id = r.agency_id ORDER BY g.code, r.month"}) {
    auto left = rows(db(), sql);
    EXPECT_FALSE(left.empty()) << sql;
    EXPECT_EQ(left, rows(*other.db, sql)) << sql;
  }
  // Another seed, another region (same agencies, other people, other stock).
  auto third = fresh_database(backend());
  ASSERT_EQ(demo(third.url, "8").exit_code, 0);
  const char* people = "SELECT login, name FROM users ORDER BY login";
  EXPECT_NE(rows(db(), people), rows(*third.db, people));
  EXPECT_NE(rows(db(), dwellings), rows(*third.db, dwellings));
  EXPECT_NE(rows(db(), "SELECT name FROM owners ORDER BY name"), rows(*third.db, "SELECT name FROM owners ORDER BY name"));
}

TEST_P(CliTest, RentRunPostsOneCallPerLeaseInForceOnceAMonth) {
  // Contract E on the demo region: the dry run counts the leases and owner contracts in force in
  // the month, the run posts one entry for each, a second run posts nothing and says so.
  ASSERT_EQ(hms({"demo", "--json", "--ledger-years", "0"}).exit_code, 0);
  auto database = db::Database::open(url());
  const std::string in_force = " WHERE agency_id = (SELECT id FROM agencies WHERE code = 'AIS-BXL')"
                               " AND start_date <= '2026-11-30' AND (end_date IS NULL OR end_date >= '2026-11-01')";
  const auto leases = database->acquire()->query_one("SELECT COUNT(*) FROM leases" + in_force)->integer(0);
  const auto contracts = database->acquire()->query_one("SELECT COUNT(*) FROM owner_contracts" + in_force)->integer(0);
  ASSERT_GT(leases, 0);
  auto dry = hms({"rent", "run", "--agency", "AIS-BXL", "--month", "2026-11", "--dry-run", "--json"});
  ASSERT_EQ(dry.exit_code, 0) << show(dry);
  auto j = json::parse(dry.out);
  EXPECT_EQ(j["rent_calls"], leases);
  EXPECT_EQ(j["owner_rents"], contracts);
  EXPECT_EQ(j["already_done"], false);
  EXPECT_EQ(database->acquire()->query_one("SELECT COUNT(*) FROM ledger_entries")->integer(0), 0);
  auto run = hms({"rent", "run", "--agency", "AIS-BXL", "--month", "2026-11", "--json"});
  ASSERT_EQ(run.exit_code, 0) << show(run);
  EXPECT_EQ(json::parse(run.out), j);
  EXPECT_EQ(database->acquire()->query_one("SELECT COUNT(*) FROM ledger_entries")->integer(0), leases + contracts);
  auto again = hms({"rent", "run", "--agency", "AIS-BXL", "--month", "2026-11"});
  EXPECT_EQ(again.exit_code, 0) << show(again);
  EXPECT_NE(again.out.find("already posted"), std::string::npos) << show(again);
  EXPECT_EQ(database->acquire()->query_one("SELECT COUNT(*) FROM ledger_entries")->integer(0), leases + contracts);
  EXPECT_EQ(hms({"rent", "run", "--agency", "AIS-BXL", "--month", "11/2026"}).exit_code, 2);
  EXPECT_EQ(hms({"rent", "run", "--agency", "AIS-NONE", "--month", "2026-11"}).exit_code, 2);
  EXPECT_EQ(hms({"rent", "run", "--agency", "AIS-BXL"}).exit_code, 2);  // --month is required
  // The Region's month-end job: every agency in one process; AIS-BXL, already posted, posts
  // nothing more, and every other agency posts its month as its own command would have.
  auto neither = hms({"rent", "run", "--month", "2026-11"});
  EXPECT_EQ(neither.exit_code, 2);
  EXPECT_NE(neither.err.find("--all-agencies"), std::string::npos) << show(neither);
  EXPECT_EQ(hms({"rent", "run", "--agency", "AIS-BXL", "--all-agencies", "--month", "2026-11"}).exit_code, 2);
  const auto month_in_force = [&](const std::string& table) {
    return database->acquire()
        ->query_one("SELECT COUNT(*) FROM " + table +
                    " WHERE start_date <= '2026-11-30' AND (end_date IS NULL OR end_date >= '2026-11-01')")
        ->integer(0);
  };
  const auto region = month_in_force("leases") + month_in_force("owner_contracts");
  auto all = hms({"rent", "run", "--all-agencies", "--month", "2026-11", "--json"});
  ASSERT_EQ(all.exit_code, 0) << show(all);
  auto each = json::parse(all.out);
  EXPECT_EQ(each["month"], "2026-11");
  ASSERT_EQ(each["agencies"].size(),
            static_cast<std::size_t>(database->acquire()->query_one("SELECT COUNT(*) FROM agencies")->integer(0)));
  for (const auto& a : each["agencies"])
    EXPECT_EQ(a["already_done"], a["agency"] == "AIS-BXL") << a.dump();
  EXPECT_EQ(database->acquire()->query_one("SELECT COUNT(*) FROM ledger_entries")->integer(0), region);
  auto all_again = hms({"rent", "run", "--all-agencies", "--month", "2026-11"});
  EXPECT_EQ(all_again.exit_code, 0) << show(all_again);
  EXPECT_NE(all_again.out.find("AIS-BXL: The rent run of"), std::string::npos) << show(all_again);
  EXPECT_EQ(database->acquire()->query_one("SELECT COUNT(*) FROM ledger_entries")->integer(0), region);
}

TEST_P(CliTest, AuditVerifyFindsAnEditedRow) {
  init();
  ASSERT_EQ(hms({"agency", "add", "--code", "AB", "--name", "x"}).exit_code, 0);
  ASSERT_EQ(hms({"agency", "add", "--code", "CD", "--name", "y"}).exit_code, 0);
  ASSERT_EQ(hms({"agency", "add", "--code", "EF", "--name", "z"}).exit_code, 0);
  auto ok = hms({"audit", "verify"});
  EXPECT_EQ(ok.exit_code, 0) << show(ok);
  // hms init records the loading of the six shipped regulatory tables, then three agencies.
  EXPECT_EQ(ok.out, "The audit log holds: 9 entries, every one chained to the one before.\n");
  auto second = rows(db(), "SELECT id FROM audit_log ORDER BY id")[1][0];
  db().acquire()->execute("UPDATE audit_log SET object_id = '999' WHERE id = " + second);
  auto broken = hms({"audit", "verify", "--json"});
  EXPECT_EQ(broken.exit_code, 1) << show(broken);
  auto j = json::parse(broken.out);
  EXPECT_EQ(j["ok"], false);
  EXPECT_EQ(j["first_broken"], std::stoll(second));
  auto text = hms({"audit", "verify"});
  EXPECT_EQ(text.exit_code, 1);
  EXPECT_EQ(text.out, "The audit log is broken at entry " + second +
                          " (after 1 good entries): it was changed outside hms.\n");
}

// hms check (issue 14.2) on a demo region with a year of ledger: everything holds; then each
// kind of damage done behind hms's back is named with where it is, and the exit code says it.
TEST_P(CliTest, CheckFindsAnUnbalancedEntryAGapAndAValueThatDoesNotOpen) {
  ASSERT_EQ(hms({"demo", "--dwellings", "400", "--agencies", "4", "--ledger-years", "1"}).exit_code, 0);
  auto ok = hms({"check", "--json"});
  ASSERT_EQ(ok.exit_code, 0) << show(ok);
  auto j = json::parse(ok.out);
  EXPECT_EQ(j["ok"], true);
  std::map<std::string, json> by_name;
  for (const auto& c : j["checks"]) by_name[c["name"]] = c;
  EXPECT_EQ(by_name.size(), 5u);
  EXPECT_GT(by_name["journals"]["checked"].get<std::int64_t>(), 1000);
  EXPECT_GT(by_name["encrypted_fields"]["checked"].get<std::int64_t>(), 400) << "owners' IBANs and households' data";
  EXPECT_GT(by_name["audit_chain"]["checked"].get<std::int64_t>(), 0);
  EXPECT_EQ(by_name["integrity"]["applies"], GetParam() == db::Backend::sqlite);
  auto text = hms({"check"});
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("Everything holds."), std::string::npos) << text.out;

  // A line's amount changed: its entry no longer balances.
  const auto entry = rows(db(), "SELECT MIN(entry_id) FROM ledger_lines WHERE lease_id IS NOT NULL")[0][0];
  db().acquire()->execute("UPDATE ledger_lines SET debit_cents = debit_cents + 1 WHERE entry_id = " + entry +
                          " AND debit_cents > 0");
  // An entry deleted with its lines: a gap in its journal's numbers.
  const auto middle = rows(db(), "SELECT MIN(id) FROM ledger_entries WHERE journal = 'RENT' AND id > " + entry)[0][0];
  db().acquire()->execute("DELETE FROM ledger_lines WHERE entry_id = " + middle);
  db().acquire()->execute("DELETE FROM ledger_entries WHERE id = " + middle);
  // An owner's IBAN copied onto another owner: it does not open for that row.
  const auto owners = rows(db(), "SELECT id FROM owners ORDER BY id LIMIT 2");
  db().acquire()->execute("UPDATE owners SET iban_cipher = (SELECT iban_cipher FROM owners WHERE id = " + owners[0][0] +
                          ") WHERE id = " + owners[1][0]);
  auto broken = hms({"check", "--json"});
  EXPECT_EQ(broken.exit_code, 1) << show(broken);
  j = json::parse(broken.out);
  EXPECT_EQ(j["ok"], false);
  for (const auto& c : j["checks"]) by_name[c["name"]] = c;
  EXPECT_EQ(by_name["journals"]["problems"], 2) << broken.out;
  EXPECT_NE(by_name["journals"]["first"].get<std::string>().find("ledger_entries " + entry + " (RENT"), std::string::npos)
      << broken.out;
  EXPECT_EQ(by_name["encrypted_fields"]["problems"], 1);
  EXPECT_EQ(by_name["encrypted_fields"]["first"], "owners.iban " + owners[1][0]);
  EXPECT_EQ(by_name["audit_chain"]["ok"], true) << "the audit log was not touched";
  auto nl = run_hms({"check", "--db", url()}, "", {{"HMS_LANG", "nl"}});
  EXPECT_EQ(nl.exit_code, 1);
  EXPECT_NE(nl.out.find("Er klopt iets niet"), std::string::npos) << nl.out;
  EXPECT_NE(nl.out.find("✗ Dagboeken"), std::string::npos) << nl.out;
}

// Regression (B6): the chain was a plain hash kept in the database only, so whoever could write
// the database could rewrite an entry with every hash after it, rewrite the whole log, or cut
// its tail, and `hms audit verify` said it held. Now each entry is sealed with a key outside the
// database, and a checkpoint beside the key file names the last entry committed.
class CliAuditTest : public CliTest {
 protected:
  // Three agencies after init: 9 entries (6 shipped tables, 3 agencies).
  void SetUp() override {
    CliTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    init();
    for (const char* code : {"AB", "CD", "EF"}) ASSERT_EQ(hms({"agency", "add", "--code", code, "--name", "x"}).exit_code, 0);
  }
  std::vector<audit::AuditEntry> log() {
    std::vector<audit::AuditEntry> out;
    for (const auto& r : db().acquire()->query("SELECT id, at, actor_user_id, actor_login, agency_id, action,"
                                               " object_type, object_id, request_id, previous_hash, hash"
                                               " FROM audit_log ORDER BY id"))
      out.push_back({r.integer(0), r.integer(1), r.opt_integer(2), r.text(3), r.opt_integer(4), r.text(5),
                     r.text(6), r.text(7), r.text(8), r.text(9), r.text(10), ""});
    return out;
  }
  // What an attacker without the key can do: store `entries` with unkeyed hashes from `from` on.
  void rewrite(std::vector<audit::AuditEntry> entries, std::size_t from) {
    for (std::size_t i = from; i < entries.size(); ++i) {
      entries[i].previous_hash = i == 0 ? audit::kGenesisHash : entries[i - 1].hash;
      entries[i].hash = audit::chain_hash(entries[i]);
      db().acquire()->execute("UPDATE audit_log SET object_id = $2, previous_hash = $3, hash = $4 WHERE id = $1",
                              {entries[i].id, entries[i].object_id, entries[i].previous_hash, entries[i].hash});
    }
  }
  json verify_json(int expected_exit) {
    auto r = hms({"audit", "verify", "--json"});
    EXPECT_EQ(r.exit_code, expected_exit) << show(r);
    return json::parse(r.out);
  }
};

TEST_P(CliAuditTest, TheCheckpointNamesTheLastEntryCommitted) {
  auto entries = log();
  ASSERT_EQ(entries.size(), 9u);  // 6 shipped tables, 3 agencies
  EXPECT_EQ(entries.back().hash.rfind("v2:", 0), 0u) << "sealed, not a plain hash";
  auto checkpoint = storage::AuditAnchor(storage::audit_checkpoint_for(url())).read();
  ASSERT_TRUE(checkpoint) << storage::audit_checkpoint_for(url());
  EXPECT_EQ(checkpoint->id, entries.back().id);
  EXPECT_EQ(checkpoint->hash, entries.back().hash);
  struct stat st {};
  ASSERT_EQ(::stat(storage::audit_checkpoint_for(url()).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(verify_json(0), (json{{"ok", true}, {"entries", 9}, {"first_broken", nullptr}}));
}

TEST_P(CliAuditTest, AnEntryRewrittenWithEveryHashAfterItIsNamed) {
  auto entries = log();
  entries[3].object_id = "999";
  rewrite(entries, 3);
  auto j = verify_json(1);
  EXPECT_EQ(j["first_broken"], entries[3].id);
  EXPECT_EQ(j["problem"], "broken");
  auto text = hms({"audit", "verify"});
  EXPECT_EQ(text.out, "The audit log is broken at entry " + std::to_string(entries[3].id) +
                          " (after 3 good entries): it was changed outside hms.\n");
}

TEST_P(CliAuditTest, ALogRewrittenWholeWithoutTheKeyShows) {
  // Every entry rehashed from the first, as the old scheme allowed: a chain that holds in
  // itself, but not the one the checkpoint recorded.
  auto entries = log();
  entries[3].object_id = "999";
  rewrite(entries, 0);
  auto j = verify_json(1);
  EXPECT_EQ(j["ok"], false);
  EXPECT_EQ(j["problem"], "rewritten");
  auto text = hms({"audit", "verify"});
  EXPECT_EQ(text.exit_code, 1);
  EXPECT_EQ(text.out, "The audit log was rewritten: entry " + std::to_string(entries.back().id) +
                          " is not the one recorded in " + storage::audit_checkpoint_for(url()) + ".\n");
}

TEST_P(CliAuditTest, DeletingTheLastEntriesShowsAsACutTail) {
  auto entries = log();
  db().acquire()->execute("DELETE FROM audit_log WHERE id >= $1", {entries[7].id});  // the last two
  auto j = verify_json(1);
  EXPECT_EQ(j["ok"], false);
  EXPECT_EQ(j["problem"], "truncated");
  EXPECT_EQ(j["entries"], 7);
  EXPECT_EQ(j["first_broken"], nullptr) << "what is left chains well";
  auto text = hms({"audit", "verify"});
  EXPECT_EQ(text.out, "The audit log was cut: entry " + std::to_string(entries.back().id) +
                          ", the last one recorded in " + storage::audit_checkpoint_for(url()) +
                          ", is not there (7 entries checked).\n");
}

TEST_P(CliAuditTest, ADatabaseWithoutItsKeySaysTheKeyIsMissing) {
  // SQLite: the file copied elsewhere without its key file; PostgreSQL: the key file gone.
  std::string copy = url();
  const std::string key = storage::key_file_for(url());
  if (backend() == Backend::sqlite) {
    const std::string path = url().substr(std::string("sqlite:").size());
    std::filesystem::copy_file(path, path + ".copy");
    copy = "sqlite:" + path + ".copy";
  } else {
    std::filesystem::rename(key, key + ".away");
  }
  auto r = run_hms({"audit", "verify", "--db", copy});
  EXPECT_EQ(r.exit_code, 1) << show(r);
  EXPECT_EQ(r.out, "The key file " + storage::key_file_for(copy) +
                       " is missing: the audit log's seals cannot be checked without it. Restore this database's key"
                       " file (or set HMS_KEY_FILE).\n");
  auto j = run_hms({"audit", "verify", "--db", copy, "--json"});
  EXPECT_EQ(json::parse(j.out)["problem"], "key_missing") << show(j);
  if (backend() == Backend::postgres) std::filesystem::rename(key + ".away", key);
  // With its key file but without the checkpoint, a cut tail could not show: said too.
  if (backend() == Backend::sqlite) {
    std::filesystem::copy_file(key, storage::key_file_for(copy));
    auto no_checkpoint = run_hms({"audit", "verify", "--db", copy, "--json"});
    EXPECT_EQ(no_checkpoint.exit_code, 1) << show(no_checkpoint);
    EXPECT_EQ(json::parse(no_checkpoint.out)["problem"], "no_checkpoint");
  }
  EXPECT_EQ(hms({"audit", "verify"}).exit_code, 0) << "the original, with its key and checkpoint";
}

HMS_INSTANTIATE_BACKENDS(CliTest);
HMS_INSTANTIATE_BACKENDS(CliAuditTest);

}  // namespace
}  // namespace hms::test
