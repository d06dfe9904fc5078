// Contract E for the bank, against a real `hms serve`, `hms agency set` and `hms import bank` on
// SQLite and PostgreSQL: a CODA file built in the real layout (finance-formats.md §1) imported
// after the rent run: credits matched by structured communication, by IBAN + amount of an open
// call (a lease paid from that IBAN before), a wrong check digit not matched, a partial payment
// and an over-payment (a negative balance); the --json report; a duplicate statement, a bad file
// and a statement of an account that is not the agency's refused with nothing written; the manual
// match (409 the second time, 404 across agencies); GET /api/v1/bank/movements with the
// counterparty IBAN masked; the balances after (called − paid).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <thread>

#include "support/coda_file.hpp"
#include "support/national_number.hpp"
#include "support/shared_server.hpp"

namespace hms::test {
namespace {

using nlohmann::json;

constexpr const char* kAccount = "BE11068246013548";  // the agency's account (sample.coda)
constexpr const char* kPayerX = "BE25735104827682";   // a tenant's account
constexpr const char* kPayerY = "BE16001583920474";   // another one, never seen before

// The 12 digits of "+++250/2000/01456+++".
std::string reference_digits(const std::string& shown) {
  std::string out;
  for (char c : shown)
    if (c >= '0' && c <= '9') out += c;
  return out;
}

// The same reference with its check digits off by one (97 → 01).
std::string wrong_check(const std::string& reference) {
  const int check = std::stoi(reference.substr(10));
  return reference.substr(0, 10) + coda_digits(check % 97 + 1, 2);
}

class BankApiTest : public TwoAgenciesTest {
 protected:
  // A lease from 2026-03-01 at 585.00 + 60.00 of charges on a dwelling held by a main lease;
  // answers {id, payment_reference digits}.
  std::pair<std::int64_t, std::string> lease(const std::string& login) {
    const auto n = std::to_string(++next_);
    auto d = created(login, "/api/v1/dwellings",
                     json{{"reference", "BK-" + n}, {"street", "Rue Haute"}, {"number", n}, {"postcode", "1000"},
                          {"type", "apartment"}, {"bedrooms", 2}, {"status", "vacant"}});
    auto o = created(login, "/api/v1/owners", json{{"kind", "person"}, {"name", "Owner " + n}, {"iban", "BE68539007547034"}});
    created(login, "/api/v1/owner-contracts",
            json{{"dwelling_id", d["id"]}, {"owner_id", o["id"]}, {"kind", "main_lease"}, {"start", "2026-01-01"},
                 {"owner_rent", "650.00"}});
    json member = {{"first_name", "Amina"}, {"last_name", "Bank" + n}, {"birth_date", "1985-06-15"},
                   {"relation", "applicant"}, {"dependent", false}, {"disabled", false},
                   {"national_number", national_number("850615", next_ % 997 + 1, false)}};
    auto a = created(login, "/api/v1/applicants",
                     json{{"members", json::array({member})}, {"income_year", 2024}, {"income", "21400.00"},
                          {"incomes", 1}, {"preferred_postcodes", json::array()}, {"over_indebted", false}});
    auto l = created(login, "/api/v1/leases",
                     json{{"dwelling_id", d["id"]}, {"applicant_id", a["id"]}, {"kind", "standard"}, {"start", "2026-03-01"},
                          {"tenant_rent", "585.00"}, {"charges", "60.00"}, {"deposit", "1170.00"}});
    return {l.value("id", std::int64_t{0}), reference_digits(l.value("payment_reference", ""))};
  }
  CommandResult hms(std::vector<std::string> args, const std::string& lang = "en") {
    return run_hms(args, "", {{"HMS_LANG", lang}});
  }
  CommandResult agency_set(const TestAgency& a, const std::string& iban) {
    return hms({"agency", "set", "--db", server().db_url(), "--code", a.code, "--iban", iban, "--bic", "GKCCBEBB"});
  }
  CommandResult rent_run(const TestAgency& a, const std::string& month) {
    return hms({"rent", "run", "--db", server().db_url(), "--agency", a.code, "--month", month, "--json"});
  }
  CommandResult import(const TestAgency& a, const std::string& bytes, const std::string& lang = "en") {
    const auto path = std::filesystem::temp_directory_path() /
                      ("hms-bank-" + std::to_string(::getpid()) + "-" + std::to_string(++files_) + ".cod");
    std::ofstream(path, std::ios::binary) << bytes;
    auto r = hms({"import", "bank", "--db", server().db_url(), "--agency", a.code, path.string(), "--json"}, lang);
    std::filesystem::remove(path);
    return r;
  }
  std::string balance(const std::string& login, std::int64_t lease_id, const std::string& date) {
    auto r = call(login, "GET", "/api/v1/leases/" + std::to_string(lease_id) + "/balance?date=" + date);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().dump();
  }
  static std::string figures(const std::string& called, const std::string& paid, const std::string& balance) {
    return json{{"called", called}, {"paid", paid}, {"balance", balance}}.dump();
  }
  // Every row the bank import may write, for "nothing was written".
  std::string written(const TestAgency& a) {
    const auto id = std::to_string(a.id);
    return std::to_string(count("bank_statements WHERE agency_id = " + id)) + "/" +
           std::to_string(count("bank_movements WHERE agency_id = " + id)) + "/" +
           std::to_string(count("ledger_entries WHERE agency_id = " + id)) + "/" +
           std::to_string(count("ledger_lines WHERE agency_id = " + id));
  }
  json movements(const std::string& login, const std::string& status) {
    auto r = call(login, "GET", "/api/v1/bank/movements?status=" + status);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }

  int next_ = 0;
  int files_ = 0;
};

TEST_P(BankApiTest, AStatementIsMatchedPostedAndNeverImportedTwice) {
  ASSERT_EQ(agency_set(a_, "BE11 0682 4601 3548").exit_code, 0);
  auto bad_iban = agency_set(a_, "BE11068246013549");
  EXPECT_EQ(bad_iban.exit_code, 2) << bad_iban.err;
  const auto [l1, r1] = lease(a_.staff);  // pays in full by reference
  const auto [l2, r2] = lease(a_.staff);  // pays part
  const auto [l3, r3] = lease(a_.staff);  // pays more
  const auto [l4, r4] = lease(a_.staff);  // pays from kPayerX, by reference in March, without in April
  const auto [l5, r5] = lease(a_.staff);  // a wrong check digit, matched by hand
  ASSERT_EQ(r1.size(), 12u);
  ASSERT_EQ(rent_run(a_, "2026-03").exit_code, 0);  // 645.00 called from each

  const auto march = coda(kAccount, "001", "050326",
                          {{64'500, r1, "", kPayerY, "TENANT ONE"},
                           {64'500, r4, "", kPayerX, "TENANT FOUR"},
                           {30'000, r2, "", "", "TENANT TWO"},
                           {70'000, r3, "", "", "TENANT THREE"},
                           {64'500, wrong_check(r5), "", "", "TENANT FIVE"},
                           {-92'500, "", "FRAIS ENTRETIEN", "BE60320331604270", "PEETERS JAN"},
                           {12'345, "", "DIVERS", "", "SOMEONE"}});
  const auto before = written(a_);
  auto first = import(a_, march);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(json::parse(first.out),
            (json{{"ok", true}, {"statements", 1}, {"movements", 7}, {"matched", 4}, {"unmatched", 3}}));
  EXPECT_EQ(count("ledger_entries WHERE agency_id = " + std::to_string(a_.id) + " AND journal = 'BANK'"), 4);

  // The same statement again: refused, exit 1, nothing written.
  const auto after_first = written(a_);
  EXPECT_NE(after_first, before);
  auto again = import(a_, march);
  EXPECT_EQ(again.exit_code, 1) << again.out << again.err;
  EXPECT_NE(again.err.find("bank.duplicate_statement"), std::string::npos) << again.err;
  EXPECT_EQ(written(a_), after_first);

  // A bad file (a movement's amount changed: the balance no longer adds up): exit 2, the line
  // and the reason named, nothing written.
  auto broken = coda(kAccount, "002", "050426", {{64'500, "", "LOYER", kPayerX, "TENANT FOUR"}});
  broken.replace(broken.find("000000000645000"), 15, "000000000645100");
  auto refused = import(a_, broken, "fr");
  EXPECT_EQ(refused.exit_code, 2) << refused.err;
  EXPECT_NE(refused.err.find("bank.invalid_file"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("Ligne"), std::string::npos) << refused.err;
  EXPECT_EQ(written(a_), after_first);

  // A statement of an account that is not the agency's: refused, nothing written.
  auto foreign = import(a_, coda("BE68539007547034", "002", "050426", {{64'500, r1, "", "", "X"}}));
  EXPECT_EQ(foreign.exit_code, 2) << foreign.err;
  EXPECT_NE(foreign.err.find("bank.unknown_account"), std::string::npos) << foreign.err;
  EXPECT_EQ(written(a_), after_first);
  // Agency B has no account: A's statement is not B's.
  EXPECT_EQ(import(b_, march).exit_code, 2);
  EXPECT_EQ(written(b_), "0/0/0/0");

  // April: the IBAN that paid lease 4 before, with the amount of its open call and no reference.
  ASSERT_EQ(rent_run(a_, "2026-04").exit_code, 0);
  auto april = import(a_, coda(kAccount, "002", "050426",
                               {{64'500, "", "LOYER AVRIL", kPayerX, "TENANT FOUR"},
                                {64'500, "", "LOYER AVRIL", "BE20363220715456", "NOBODY KNOWN"}}));
  ASSERT_EQ(april.exit_code, 0) << april.err;
  EXPECT_EQ(json::parse(april.out),
            (json{{"ok", true}, {"statements", 1}, {"movements", 2}, {"matched", 1}, {"unmatched", 1}}));

  // How each was matched, and why the others were not; the counterparty IBAN masked.
  auto matched = movements(a_.staff, "matched");
  ASSERT_EQ(matched["total"], 5);
  std::map<std::int64_t, std::vector<std::string>> methods;
  for (const auto& m : matched["items"]) methods[m["lease_id"].get<std::int64_t>()].push_back(m["match_method"]);
  EXPECT_EQ(methods[l1], std::vector<std::string>{"structured_communication"});
  EXPECT_EQ(methods[l4].size(), 2u);
  EXPECT_NE(std::find(methods[l4].begin(), methods[l4].end(), "iban_and_amount"), methods[l4].end());
  auto unmatched = movements(a_.staff, "unmatched");
  ASSERT_EQ(unmatched["total"], 4);
  std::map<std::string, json> by_amount;
  for (const auto& m : unmatched["items"]) {
    EXPECT_EQ(m["counterparty_iban"].get<std::string>().find("BE"), std::string::npos) << m.dump();
    by_amount[m["amount"].get<std::string>() + " " + m["counterparty_name"].get<std::string>()] = m;
  }
  EXPECT_EQ(by_amount["645.00 TENANT FIVE"]["unmatched_reason"], "wrong_check_digits");
  EXPECT_EQ(by_amount["-925.00 PEETERS JAN"]["unmatched_reason"], "not_a_credit");
  EXPECT_EQ(by_amount["-925.00 PEETERS JAN"]["counterparty_iban"], "•••• 4270");
  EXPECT_EQ(by_amount["123.45 SOMEONE"]["unmatched_reason"], "no_lease_fits");
  EXPECT_EQ(by_amount["645.00 NOBODY KNOWN"]["unmatched_reason"], "no_lease_fits");
  EXPECT_EQ(call(a_.staff, "GET", "/api/v1/bank/movements?status=lost").status, 422);
  auto paged = call(a_.staff, "GET", "/api/v1/bank/movements?limit=2&offset=0").json();
  EXPECT_EQ(paged["items"].size(), 2u);
  EXPECT_EQ(paged["total"], 9);

  // A person matches the credit with the wrong check digit to lease 5; a second time is a 409.
  const auto five = by_amount["645.00 TENANT FIVE"]["id"].get<std::int64_t>();
  const auto path = "/api/v1/bank/movements/" + std::to_string(five) + "/match";
  EXPECT_EQ(call(b_.staff, "POST", path, json{{"lease_id", l5}}).status, 404);  // another agency's movement
  EXPECT_EQ(call("region", "POST", path, json{{"lease_id", l5}}).status, 403);
  const auto [other_lease, other_reference] = lease(b_.staff);
  EXPECT_EQ(call(a_.staff, "POST", path, json{{"lease_id", other_lease}}).status, 404);  // another agency's lease
  EXPECT_EQ(call(a_.staff, "POST", path, json{{"lease_id", "x"}}).status, 422);
  auto debit = by_amount["-925.00 PEETERS JAN"]["id"].get<std::int64_t>();
  auto refused_debit = call(a_.staff, "POST", "/api/v1/bank/movements/" + std::to_string(debit) + "/match", json{{"lease_id", l5}});
  EXPECT_EQ(refused_debit.status, 422) << refused_debit.body;
  EXPECT_EQ(refused_debit.error_code(), "bank.not_a_credit");
  // Eight people match it at once (really concurrent on PostgreSQL): one match, one BANK entry,
  // seven 409s (regression: on PostgreSQL each read the line unmatched and posted its entry).
  const auto lines_before = server().count("ledger_lines WHERE lease_id = " + std::to_string(l5));
  std::vector<HttpResult> at_once(8);
  {
    const auto& t = token(a_.staff);
    std::vector<std::thread> people;
    for (std::size_t i = 0; i < at_once.size(); ++i)
      people.emplace_back([&, i] { at_once[i] = server().request("POST", path, json{{"lease_id", l5}}.dump(), bearer(t)); });
    for (auto& p : people) p.join();
  }
  HttpResult by_hand;
  int conflicts = 0;
  for (const auto& r : at_once) {
    if (r.status == 200) by_hand = r;
    if (r.status == 409 && r.error_code() == "bank.already_matched") ++conflicts;
  }
  ASSERT_EQ(by_hand.status, 200) << at_once[0].body;
  EXPECT_EQ(conflicts, 7) << [&] {
    std::string all;
    for (const auto& r : at_once) all += std::to_string(r.status) + " " + r.body + "\n";
    return all;
  }();
  EXPECT_EQ(server().count("ledger_lines WHERE lease_id = " + std::to_string(l5)), lines_before + 1);
  EXPECT_EQ(by_hand.json()["status"], "matched");
  EXPECT_EQ(by_hand.json()["match_method"], "manual");
  auto twice = call(a_.staff, "POST", path, json{{"lease_id", l4}});
  EXPECT_EQ(twice.status, 409) << twice.body;
  EXPECT_EQ(twice.error_code(), "bank.already_matched");
  EXPECT_EQ(movements(a_.staff, "unmatched")["total"], 3);
  EXPECT_EQ(movements(b_.staff, "unmatched")["total"], 0);

  // The balances: called − paid. A partial payment leaves the rest due, an over-payment is a
  // credit (a negative balance).
  EXPECT_EQ(balance(a_.staff, l1, "2026-03-31"), figures("645.00", "645.00", "0.00"));
  EXPECT_EQ(balance(a_.staff, l2, "2026-03-31"), figures("645.00", "300.00", "345.00"));
  EXPECT_EQ(balance(a_.staff, l3, "2026-03-31"), figures("645.00", "700.00", "-55.00"));
  EXPECT_EQ(balance(a_.staff, l4, "2026-04-30"), figures("1290.00", "1290.00", "0.00"));
  EXPECT_EQ(balance(a_.staff, l5, "2026-04-30"), figures("1290.00", "645.00", "645.00"));
  EXPECT_EQ(balance(a_.staff, l2, "2026-04-30"), figures("1290.00", "300.00", "990.00"));

  // The trial balance still balances, the bank account holds what was matched.
  auto tb = call(a_.staff, "GET", "/api/v1/ledger/trial-balance?from=2026-01-01&to=2026-12-31").json();
  EXPECT_EQ(tb["debit"], tb["credit"]);
  for (const auto& item : tb["items"]) {
    if (item["account"] != "550") continue;
    EXPECT_EQ(item["debit"], "3580.00");  // March 645 + 645 + 300 + 700, April 645, by hand 645
  }
}

TEST_P(BankApiTest, TheAgencyAdminKeepsTheAccountsAndTheStaffUploads) {
  // The settings page: the admin adds an account; the staff may not.
  const auto& admin = cookie(a_.admin);
  auto add = server().request("POST", "/settings/bank-accounts",
                              "iban=BE11+0682+4601+3548&bic=gkccbebb&csrf_token=" + admin.csrf, admin.headers(false),
                              "application/x-www-form-urlencoded");
  EXPECT_EQ(add.status, 303) << add.body;
  auto wrong = server().request("POST", "/settings/bank-accounts", "iban=BE11068246013549&bic=GKCCBEBB&csrf_token=" + admin.csrf,
                                admin.headers(false), "application/x-www-form-urlencoded");
  EXPECT_EQ(wrong.status, 422);
  auto page = server().request("GET", "/settings/bank-accounts", "", admin.headers(false));
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("BE11 0682 4601 3548"), std::string::npos);
  EXPECT_EQ(page.body.find("BE11 0682 4601 3549"), std::string::npos);
  const auto& staff = cookie(a_.staff);
  EXPECT_EQ(server().request("GET", "/settings/bank-accounts", "", staff.headers(false)).status, 403);
  EXPECT_EQ(count("bank_accounts WHERE agency_id = " + std::to_string(a_.id)), 1);
  EXPECT_EQ(count("bank_accounts WHERE agency_id = " + std::to_string(b_.id)), 0);
}

// GDPR art. 17 (issue 9.5): a household is erased at its request once its lease has ended. Its
// members lose their names, birth days and national numbers, the bank movement that paid its rent
// loses the payer's name and account, and every amount of its rent account stays. The staff may
// not erase, only the agency admin; not while the lease runs; the page asks for a ticked box.
TEST_P(BankApiTest, AnErasedHouseholdKeepsItsAmountsButNotItsPeople) {
  ASSERT_EQ(agency_set(a_, kAccount).exit_code, 0);
  const auto [l, reference] = lease(a_.staff);
  ASSERT_EQ(rent_run(a_, "2026-03").exit_code, 0);
  ASSERT_EQ(import(a_, coda(kAccount, "001", "050326", {{64'500, reference, "", kPayerX, "AMINA PAYER"}})).exit_code, 0);
  const auto applicant = call(a_.staff, "GET", "/api/v1/leases/" + std::to_string(l)).json()["applicant_id"].get<std::int64_t>();
  const auto path = "/api/v1/applicants/" + std::to_string(applicant);
  const auto money = balance(a_.staff, l, "2026-12-31");
  EXPECT_EQ(money, figures("645.00", "645.00", "0.00"));

  // Not the staff; not while the lease runs; nothing changed.
  EXPECT_EQ(call(a_.staff, "POST", path + "/erase").status, 403);
  auto running = call(a_.admin, "POST", path + "/erase");
  EXPECT_EQ(running.status, 409) << running.body;
  EXPECT_EQ(running.error_code(), "applicants.erase_lease_in_force");
  EXPECT_EQ(call(b_.admin, "POST", path + "/erase").status, 404);
  // The page asks for the box to be ticked.
  const auto& admin = cookie(a_.admin);
  auto unticked = server().request("POST", "/applicants/" + std::to_string(applicant) + "/erase", "csrf_token=" + admin.csrf,
                                   admin.headers(false), "application/x-www-form-urlencoded");
  EXPECT_EQ(unticked.status, 303);
  EXPECT_NE(unticked.header("Location").find("erase_error=applicants.erase_confirm"), std::string::npos);
  EXPECT_EQ(call(a_.staff, "GET", path).json()["members"][0]["last_name"].get<std::string>().rfind("Bank", 0), 0u);

  ASSERT_EQ(call(a_.staff, "POST", "/api/v1/leases/" + std::to_string(l) + "/end",
                 json{{"end", "2026-06-30"}, {"reason", "moved out"}}).status, 200);
  auto erased = server().request("POST", "/applicants/" + std::to_string(applicant) + "/erase",
                                 "confirm=yes&csrf_token=" + admin.csrf, admin.headers(false), "application/x-www-form-urlencoded");
  EXPECT_EQ(erased.status, 303);
  EXPECT_NE(erased.header("Location").find("erased=1"), std::string::npos) << erased.header("Location");

  const auto household = call(a_.staff, "GET", path).json();
  EXPECT_EQ(household["status"], "struck_off");
  EXPECT_EQ(household["members"][0]["first_name"], "—");
  EXPECT_EQ(household["members"][0]["last_name"], "—");
  EXPECT_EQ(household["members"][0]["birth_date"], "1985-01-01");
  const auto nn = household["members"][0].value("national_number", json());
  EXPECT_TRUE(nn.is_null() || nn == "") << nn;
  EXPECT_EQ(household["income"], "0.00");
  EXPECT_EQ(count("applicant_members WHERE applicant_id = " + std::to_string(applicant) + " AND national_number_cipher IS NOT NULL"), 0);
  // The bank movement forgot the payer; the ledger kept every amount and never named them.
  const auto matched = movements(a_.staff, "matched");
  ASSERT_EQ(matched["items"].size(), 1u);
  EXPECT_EQ(matched["items"][0]["counterparty_name"], "");
  EXPECT_EQ(matched["items"][0]["counterparty_iban"], "");
  EXPECT_EQ(balance(a_.staff, l, "2026-12-31"), money);
  EXPECT_EQ(count("ledger_entries WHERE description LIKE '%AMINA%'"), 0);
  EXPECT_EQ(count("audit_log WHERE action = 'applicants.erase' AND object_id = '" + std::to_string(applicant) + "'"), 1);
  // Once.
  auto again = call(a_.admin, "POST", path + "/erase");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.error_code(), "applicants.already_erased");
}

HMS_INSTANTIATE_BACKENDS(BankApiTest);

// `hms demo` writes two CODA files of recent months for its first agency, with the account
// added: importing them matches most credits and leaves some for a person.
TEST(BankDemo, TheDemoWritesStatementsThatImportWithAMix) {
  const auto dir = std::filesystem::temp_directory_path() / ("hms-bank-demo-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string url = "sqlite://" + (dir / "demo.db").string();
  auto demo = run_hms({"demo", "--db", url, "--agencies", "2", "--dwellings", "120", "--json"});
  ASSERT_EQ(demo.exit_code, 0) << demo.err;
  const auto report = json::parse(demo.out);
  const auto folder = std::filesystem::path(report.at("bank_statements").get<std::string>());
  EXPECT_EQ(folder, std::filesystem::absolute(dir / "bank-statements"));
  std::string agency;
  for (const auto& l : report["logins"])
    if (l["role"] == "agency_admin") agency = l["agency"];
  std::vector<std::filesystem::path> files;
  for (const auto& f : std::filesystem::directory_iterator(folder)) files.push_back(f.path());
  std::sort(files.begin(), files.end());
  ASSERT_EQ(files.size(), 2u);
  for (const auto& f : files) {
    auto imported = run_hms({"import", "bank", "--db", url, "--agency", agency, f.string(), "--json"});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    const auto counts = json::parse(imported.out);
    EXPECT_GT(counts["matched"].get<int>(), 0) << imported.out;
    EXPECT_GT(counts["unmatched"].get<int>(), 1) << imported.out;  // more than the bank fee
  }
  EXPECT_EQ(run_hms({"import", "bank", "--db", url, "--agency", agency, files[0].string()}).exit_code, 1);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace hms::test
