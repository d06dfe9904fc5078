// Contract E for the rent ledger, against a real `hms serve` and `hms rent run` on SQLite and
// PostgreSQL: the rent run of a month posts one rent call per lease in force (pro rata for part
// of the month; rent and charges apart) and one rent due per owner contract in force, a dry run
// posts nothing, a second run posts nothing and says so; GET /api/v1/leases/{id}/balance and
// GET /api/v1/ledger/trial-balance (its two totals equal); POST /api/v1/rent-runs for the
// agency's own month. Isolation: another agency's lease is a 404, the region and the federation
// get 403; a bad month is refused (exit 2, 422) with a message in the user's language.
#include <gtest/gtest.h>

#include <thread>

#include <chrono>
#include <cstdio>

#include "domain/ledger/ledger.hpp"
#include "support/pdf_text.hpp"
#include "support/shared_server.hpp"

namespace hms::test {
namespace {

using nlohmann::json;

class LedgerApiTest : public TwoAgenciesTest {
 protected:
  CommandResult rent_run(const std::string& agency, const std::string& month, bool dry_run = false,
                         const std::string& lang = "en") {
    std::vector<std::string> args = {"rent", "run", "--db", server().db_url(), "--agency", agency, "--month", month, "--json"};
    if (dry_run) args.push_back("--dry-run");
    return run_hms(args, "", {{"HMS_LANG", lang}});
  }
  std::int64_t entries_of(const TestAgency& a) { return count("ledger_entries WHERE agency_id = " + std::to_string(a.id)); }
  std::string balance(const std::string& login, std::int64_t lease_id, const std::string& date) {
    auto r = call(login, "GET", "/api/v1/leases/" + std::to_string(lease_id) + "/balance?date=" + date);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().dump();
  }

};

TEST_P(LedgerApiTest, TheRentRunPostsProRataOnceAndTheBalancesFollow) {
  const auto let = held_dwelling(a_.staff);
  held_dwelling(a_.staff);  // vacant all month: its owner is paid all the same
  const auto l = leased(a_.staff, let, "2026-03-17");

  // A dry run: what would be posted, nothing written. 15 days of 31: 585.00 → 283.06, 60.00 → 29.03.
  auto dry = rent_run(a_.code, "2026-03", true);
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_EQ(json::parse(dry.out), (json{{"month", "2026-03"}, {"rent_calls", 1}, {"tenant_total", "312.09"},
                                        {"owner_rents", 2}, {"owner_total", "1300.00"}, {"already_done", false}}));
  EXPECT_EQ(entries_of(a_), 0);

  auto run = rent_run(a_.code, "2026-03");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(json::parse(run.out), json::parse(dry.out));
  EXPECT_EQ(entries_of(a_), 3);
  EXPECT_EQ(count("ledger_lines WHERE agency_id = " + std::to_string(a_.id)), 7);  // 3 + 2 + 2

  // The same month again posts nothing and says so.
  auto again = rent_run(a_.code, "2026-03");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  auto again_json = json::parse(again.out);
  EXPECT_EQ(again_json["already_done"], true);
  EXPECT_EQ(again_json["rent_calls"], 0);
  EXPECT_EQ(entries_of(a_), 3);

  EXPECT_EQ(balance(a_.staff, l, "2026-02-28"), (json{{"called", "0.00"}, {"paid", "0.00"}, {"balance", "0.00"}}).dump());
  EXPECT_EQ(balance(a_.staff, l, "2026-03-31"), (json{{"called", "312.09"}, {"paid", "0.00"}, {"balance", "312.09"}}).dump());

  // April from the API, as the agency's user: the whole month.
  auto april = call(a_.staff, "POST", "/api/v1/rent-runs", json{{"month", "2026-04"}});
  ASSERT_EQ(april.status, 201) << april.body;
  EXPECT_EQ(april.json()["tenant_total"], "645.00");
  EXPECT_EQ(april.json()["owner_total"], "1300.00");
  EXPECT_EQ(april.json()["vacancy_total"], "650.00");
  EXPECT_EQ(call(a_.staff, "POST", "/api/v1/rent-runs", json{{"month", "2026-04"}}).json()["already_done"], true);
  EXPECT_EQ(balance(a_.admin, l, "2026-04-30"), (json{{"called", "957.09"}, {"paid", "0.00"}, {"balance", "957.09"}}).dump());

  // The trial balance: both totals equal, per account.
  auto tb = call(a_.staff, "GET", "/api/v1/ledger/trial-balance?from=2026-03-01&to=2026-03-31");
  ASSERT_EQ(tb.status, 200) << tb.body;
  auto tbj = tb.json();
  EXPECT_EQ(tbj["debit"], "1612.09");
  EXPECT_EQ(tbj["credit"], "1612.09");
  std::map<std::string, std::pair<std::string, std::string>> by_account;
  for (const auto& item : tbj["items"]) {
    by_account[item["account"]] = {item["debit"], item["credit"]};
    EXPECT_FALSE(item["name"].get<std::string>().empty());
  }
  EXPECT_EQ(by_account["400"], (std::pair<std::string, std::string>{"312.09", "0.00"}));
  EXPECT_EQ(by_account["700"], (std::pair<std::string, std::string>{"0.00", "283.06"}));
  EXPECT_EQ(by_account["701"], (std::pair<std::string, std::string>{"0.00", "29.03"}));
  EXPECT_EQ(by_account["610"], (std::pair<std::string, std::string>{"1300.00", "0.00"}));
  EXPECT_EQ(by_account["440"], (std::pair<std::string, std::string>{"0.00", "1300.00"}));
  auto year = call(a_.staff, "GET", "/api/v1/ledger/trial-balance?from=2026-01-01&to=2026-12-31").json();
  EXPECT_EQ(year["debit"], "3557.09");
  EXPECT_EQ(year["credit"], year["debit"]);
}

TEST_P(LedgerApiTest, AnotherAgencyNeverSeesTheLedger) {
  const auto l = leased(a_.staff, held_dwelling(a_.staff), "2026-03-01");
  ASSERT_EQ(rent_run(a_.code, "2026-03").exit_code, 0);
  const auto path = "/api/v1/leases/" + std::to_string(l) + "/balance";
  EXPECT_EQ(call(b_.staff, "GET", path).status, 404);
  EXPECT_EQ(call(b_.admin, "GET", path).status, 404);
  for (const char* role : {"region", "federation", "sysadmin"}) {
    EXPECT_EQ(call(role, "GET", path).status, 403) << role;
    EXPECT_EQ(call(role, "GET", "/api/v1/ledger/trial-balance").status, 403) << role;
    EXPECT_EQ(call(role, "POST", "/api/v1/rent-runs", json{{"month", "2026-03"}}).status, 403) << role;
  }
  auto tb = call(b_.staff, "GET", "/api/v1/ledger/trial-balance?from=2026-01-01&to=2026-12-31").json();
  EXPECT_EQ(tb["items"].size(), 0u);
  EXPECT_EQ(tb["debit"], "0.00");
  // B's rent run posts nothing of A's.
  auto b_run = call(b_.staff, "POST", "/api/v1/rent-runs", json{{"month", "2026-03"}});
  EXPECT_EQ(b_run.status, 201) << b_run.body;
  EXPECT_EQ(b_run.json()["rent_calls"], 0);
  EXPECT_EQ(entries_of(b_), 0);
  EXPECT_EQ(call(a_.staff, "GET", "/api/v1/leases/999999999/balance").status, 404);
}

TEST_P(LedgerApiTest, ABadMonthIsRefusedInTheUsersLanguage) {
  auto fr = rent_run(a_.code, "2026-13", false, "fr");
  EXPECT_EQ(fr.exit_code, 2) << fr.out << fr.err;
  EXPECT_NE(fr.err.find("n'est pas un mois"), std::string::npos) << fr.err;
  auto unknown = rent_run("NOPE", "2026-03");
  EXPECT_EQ(unknown.exit_code, 2) << unknown.err;
  for (const char* month : {"2026-13", "03-2026", ""}) {
    auto r = call(a_.staff, "POST", "/api/v1/rent-runs", json{{"month", month}});
    EXPECT_EQ(r.status, 422) << month << " " << r.body;
    EXPECT_EQ(r.error_code(), "ledger.invalid_month");
    EXPECT_TRUE(r.json()["error"]["fields"].contains("month")) << r.body;
  }
  EXPECT_EQ(call(a_.staff, "POST", "/api/v1/rent-runs", json{{"month", "2026-03"}, {"extra", 1}}).status, 422);
  EXPECT_EQ(call(a_.staff, "GET", "/api/v1/ledger/trial-balance?from=2026-02-30").status, 422);
  EXPECT_EQ(call(a_.staff, "GET", "/api/v1/ledger/trial-balance?from=2026-03-01&to=2026-02-01").status, 422);
}

TEST_P(LedgerApiTest, TheAgencyAdminClosesAMonthAndNothingPostsIntoIt) {
  leased(a_.staff, held_dwelling(a_.staff), "2026-03-01");
  auto close = [&](const std::string& login, const std::string& month) {
    const auto& c = cookie(login);
    return server().request("POST", "/ledger/close", "month=" + month + "&csrf_token=" + c.csrf, c.headers(false),
                            "application/x-www-form-urlencoded");
  };
  EXPECT_EQ(close(a_.staff, "2026-03").status, 403);  // the staff posts, only the admin closes
  EXPECT_EQ(close(a_.admin, "2026-03").status, 303);
  EXPECT_EQ(count("ledger_closings WHERE agency_id = " + std::to_string(a_.id)), 1);
  EXPECT_EQ(close(a_.admin, "2026-02").status, 422);  // already closed
  auto refused = call(a_.staff, "POST", "/api/v1/rent-runs", json{{"month", "2026-03"}});
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.error_code(), "ledger.period_closed");
  EXPECT_EQ(entries_of(a_), 0);
  EXPECT_EQ(count("rent_runs WHERE agency_id = " + std::to_string(a_.id)), 0);
  // Another agency's months stay open.
  EXPECT_EQ(call(b_.staff, "POST", "/api/v1/rent-runs", json{{"month", "2026-03"}}).status, 201);
  // April is open.
  auto april = call(a_.staff, "POST", "/api/v1/rent-runs", json{{"month", "2026-04"}});
  EXPECT_EQ(april.status, 201) << april.body;
  EXPECT_EQ(april.json()["rent_calls"], 1);
}

// The dashboard's month at a glance (issue 11.4): this month's rent run of one lease (645.00
// called, 650.00 due to its owner, nothing collected yet) on the agency's cards, in its arrears
// by age, and on its rows of the region's tables (the month, what is owed by age); another
// agency's figures stay its own.
TEST_P(LedgerApiTest, TheDashboardShowsTheMonthAtAGlance) {
  const auto today = std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
  char month[32];
  std::snprintf(month, sizeof month, "%04d-%02u", static_cast<int>(today.year()), static_cast<unsigned>(today.month()));
  leased(a_.staff, held_dwelling(a_.staff), "2026-01-01");
  ASSERT_EQ(rent_run(a_.code, month).exit_code, 0);
  auto page = server().request("GET", "/?lang=fr", "", cookie(a_.staff).headers(false));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("id=\"money-called\">645,00"), std::string::npos) << page.body.substr(0, 200);
  EXPECT_NE(page.body.find("id=\"money-collected\">0,00"), std::string::npos);
  EXPECT_NE(page.body.find("id=\"money-rate\">0"), std::string::npos);
  EXPECT_NE(page.body.find("card card--alert"), std::string::npos) << "nothing collected: the rate is marked";
  EXPECT_NE(page.body.find("id=\"money-owners-due\">650,00"), std::string::npos);
  EXPECT_NE(page.body.find("1 bail(s) en arriéré"), std::string::npos);
  // Agency b posted nothing this month: its cards say so, without a's figures.
  auto other = server().request("GET", "/?lang=fr", "", cookie(b_.staff).headers(false));
  EXPECT_NE(other.body.find("id=\"money-called\">0,00"), std::string::npos);
  EXPECT_NE(other.body.find("id=\"money-no-rent-run\""), std::string::npos) << "its month is still to run";
  EXPECT_EQ(page.body.find("id=\"money-no-rent-run\""), std::string::npos);
  // The region reads every agency's row, sums without names.
  auto region = server().request("GET", "/?lang=en", "", cookie("region").headers(false));
  ASSERT_EQ(region.status, 200);
  const auto row = region.body.find("<abbr title=\"" + a_.name + "\">" + a_.code + "</abbr>");
  ASSERT_NE(row, std::string::npos);
  const auto end = region.body.find("</tr>", row);
  EXPECT_NE(region.body.substr(row, end - row).find("€645.00"), std::string::npos) << region.body.substr(row, end - row);
  // And what each agency's households owe today, by age: a's 645.00 called this month, b nothing.
  const auto owed = region.body.find("id=\"money-agencies-arrears\"");
  ASSERT_NE(owed, std::string::npos);
  const auto owed_row = region.body.find("<abbr title=\"" + a_.name + "\">" + a_.code + "</abbr>", owed);
  ASSERT_NE(owed_row, std::string::npos);
  const auto owed_text = region.body.substr(owed_row, region.body.find("</tr>", owed_row) - owed_row);
  EXPECT_NE(owed_text.find("€645.00</td><td class=\"num nowrap\">€0.00"), std::string::npos) << owed_text;
  EXPECT_NE(owed_text.find("<td class=\"num\">1</td>"), std::string::npos) << owed_text;
}

// The lease statement for the household (issue 10.1), a PDF letter in its language: the balance
// brought forward, each call of the span with the balance after it, what is owed at the end and
// how to pay; a span that ends before it starts is refused; another agency's lease is a 404.
TEST_P(LedgerApiTest, TheLeaseStatementIsALetterToTheHousehold) {
  const auto lease = leased(a_.staff, held_dwelling(a_.staff), "2026-01-01");
  for (const char* m : {"2026-01", "2026-02", "2026-03"}) ASSERT_EQ(rent_run(a_.code, m).exit_code, 0);
  const auto path = "/leases/" + std::to_string(lease) + "/statement/pdf";
  auto pdf = server().request("GET", path + "?from=2026-02-01&to=2026-03-31", "", cookie(a_.staff).headers(false));
  ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 300);
  EXPECT_EQ(pdf.header("Content-Type"), "application/pdf");
  if (const auto text = pdf_text(pdf.body)) {
    for (const char* shown : {"Relevé de votre compte de loyer du 01/02/2026 au 31/03/2026", "Solde reporté", "645,00",
                              "1.290,00", "1.935,00", "vous devez 1.935,00", "+++"})
      EXPECT_NE(text->find(shown), std::string::npos) << shown << "\n" << *text;
  }
  EXPECT_EQ(count("audit_log WHERE action = 'ledger.statement'"), 1);
  EXPECT_EQ(server().request("GET", path + "?from=2026-03-01&to=2026-02-01", "", cookie(a_.staff).headers(false)).status, 422);
  EXPECT_EQ(server().request("GET", path, "", cookie(b_.staff).headers(false)).status, 404);
  EXPECT_EQ(server().request("GET", path, "", cookie("region").headers(false)).status, 403);
}

TEST(LedgerMonthFigures, TheCollectionRateIsRoundedHalfAwayFromZeroInBasisPoints) {
  auto rate = [](std::int64_t called, std::int64_t collected) {
    return ledger::MonthFigures{0, Money::from_cents(called), Money::from_cents(collected), {}, {}}.collection_rate();
  };
  EXPECT_EQ(rate(64'500, 64'500), 10'000);
  EXPECT_EQ(rate(300, 100), 3'333);
  EXPECT_EQ(rate(300, 200), 6'667);
  EXPECT_EQ(rate(20'000, 1), 1);    // 0.5 basis point: away from zero
  EXPECT_EQ(rate(100, 150), 15'000);  // paid ahead
  EXPECT_FALSE(rate(0, 100).has_value());
}

// A posted entry never changes: a correction is its reversal (issue 10.1), from the API as from
// the entry's page. The reversal swaps every line, lives in MISC, is linked both ways, happens
// once, and not into a closed month; the lease's balance follows; another agency gets a 404.
TEST_P(LedgerApiTest, AnEntryIsReversedOnceAndTheBalanceFollows) {
  const auto l = leased(a_.staff, held_dwelling(a_.staff), "2026-03-01");
  ASSERT_EQ(rent_run(a_.code, "2026-03").exit_code, 0);
  const auto rent_entry = server().db().acquire()->query_one(
      "SELECT entry_id FROM ledger_lines WHERE lease_id = " + std::to_string(l))->integer(0);
  const auto path = "/api/v1/ledger/entries/" + std::to_string(rent_entry);
  auto entry = call(a_.staff, "GET", path);
  ASSERT_EQ(entry.status, 200) << entry.body;
  EXPECT_EQ(entry.json()["journal"], "RENT");
  EXPECT_EQ(entry.json()["reversed_by"], nullptr);
  EXPECT_EQ(entry.json()["lines"][0], (json{{"account", "400"}, {"debit", "645.00"}, {"credit", "0.00"},
                                            {"lease_id", l}, {"owner_contract_id", nullptr}}));

  // Another agency: as for an entry that does not exist, and nothing posted.
  EXPECT_EQ(call(b_.staff, "GET", path).status, 404);
  EXPECT_EQ(call(b_.staff, "POST", path + "/reversal", json{{"date", "2026-03-20"}}).status, 404);
  EXPECT_EQ(call("region", "POST", path + "/reversal", json{{"date", "2026-03-20"}}).status, 403);
  EXPECT_EQ(entries_of(a_), 2);

  auto reversal = call(a_.staff, "POST", path + "/reversal", json{{"date", "2026-03-20"}});
  ASSERT_EQ(reversal.status, 201) << reversal.body;
  const auto r = reversal.json();
  EXPECT_EQ(r["journal"], "MISC");
  EXPECT_EQ(r["date"], "2026-03-20");
  EXPECT_EQ(r["reverses"], rent_entry);
  EXPECT_EQ(r["lines"][0], (json{{"account", "400"}, {"debit", "0.00"}, {"credit", "645.00"}, {"lease_id", l},
                                 {"owner_contract_id", nullptr}}));
  EXPECT_EQ(call(a_.staff, "GET", path).json()["reversed_by"], r["id"]);
  EXPECT_EQ(balance(a_.staff, l, "2026-03-31"), (json{{"called", "0.00"}, {"paid", "0.00"}, {"balance", "0.00"}}).dump());

  // Once only; a reversal is not reversed here either way round.
  auto twice = call(a_.staff, "POST", path + "/reversal", json{{"date", "2026-03-21"}});
  EXPECT_EQ(twice.status, 409) << twice.body;
  EXPECT_EQ(twice.error_code(), "ledger.already_reversed");
  EXPECT_EQ(entries_of(a_), 3);

  // Not into a closed month: the form again with its error, and nothing written.
  const auto owner_entry = server().db().acquire()->query_one(
      "SELECT entry_id FROM ledger_lines WHERE owner_contract_id IS NOT NULL AND agency_id = " + std::to_string(a_.id))->integer(0);
  const auto& c = cookie(a_.admin);
  ASSERT_EQ(server().request("POST", "/ledger/close", "month=2026-03&csrf_token=" + c.csrf, c.headers(false),
                             "application/x-www-form-urlencoded").status, 303);
  auto closed = server().request("POST", "/ledger/entries/" + std::to_string(owner_entry) + "/reverse",
                                 "date=25/03/2026&csrf_token=" + c.csrf, c.headers(false), "application/x-www-form-urlencoded");
  EXPECT_EQ(closed.status, 422) << closed.body.substr(0, 300);
  EXPECT_NE(closed.body.find("id=\"reverse-form\""), std::string::npos) << "the form again, with its error";
  EXPECT_EQ(entries_of(a_), 3);
  // From the page, in an open month: the reversal's page comes next.
  auto page = server().request("POST", "/ledger/entries/" + std::to_string(owner_entry) + "/reverse",
                               "date=02/04/2026&csrf_token=" + c.csrf, c.headers(false), "application/x-www-form-urlencoded");
  EXPECT_EQ(page.status, 303) << page.body.substr(0, 300);
  EXPECT_NE(page.header("Location").find("reversed=1"), std::string::npos);
  EXPECT_EQ(entries_of(a_), 4);
  auto tb = call(a_.staff, "GET", "/api/v1/ledger/trial-balance?from=2026-01-01&to=2026-12-31").json();
  EXPECT_EQ(tb["debit"], tb["credit"]);
}

// A lease's deposit in the ledger (issue 10.4): lodged, then returned, each a MISC entry off the
// balance sheet (D 032 / C 033, then the opposite); what is refused writes nothing; the amount
// is locked while the receipt stands; reversing the return takes it off the lease.
TEST_P(LedgerApiTest, TheDepositIsPostedWhenLodgedAndWhenReturned) {
  const auto l = leased(a_.staff, held_dwelling(a_.staff), "2026-03-01");  // deposit 1170.00
  const auto base = "/api/v1/leases/" + std::to_string(l) + "/deposit";
  auto none = call(a_.staff, "GET", base);
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_EQ(none.json()["deposit"], "1170.00");
  EXPECT_EQ(none.json()["postings"], json::array());

  // The return before the receipt, and a receipt dated in the future: refused, nothing written.
  auto early = call(a_.staff, "POST", base + "/return", json{{"date", "2026-03-05"}, {"returned", "1170.00"}});
  EXPECT_EQ(early.status, 422) << early.body;
  EXPECT_EQ(early.error_code(), "leases.deposit_not_received");
  auto future = call(a_.staff, "POST", base + "/received", json{{"date", "2099-01-01"}});
  EXPECT_EQ(future.status, 422) << future.body;
  EXPECT_EQ(future.error_code(), "leases.deposit_date_future");
  EXPECT_EQ(entries_of(a_), 0);
  EXPECT_EQ(count("deposit_postings"), 0);

  auto received = call(a_.staff, "POST", base + "/received", json{{"date", "2026-03-04"}});
  ASSERT_EQ(received.status, 201) << received.body;
  EXPECT_EQ(received.json()["journal"], "MISC");
  EXPECT_EQ(received.json()["lines"], (json{{{"account", "032"}, {"debit", "1170.00"}, {"credit", "0.00"}, {"lease_id", nullptr}, {"owner_contract_id", nullptr}},
                                             {{"account", "033"}, {"debit", "0.00"}, {"credit", "1170.00"}, {"lease_id", nullptr}, {"owner_contract_id", nullptr}}}));
  auto again = call(a_.staff, "POST", base + "/received", json{{"date", "2026-03-05"}});
  EXPECT_EQ(again.status, 422);
  EXPECT_EQ(again.error_code(), "leases.deposit_already_received");
  // The household's balance is untouched: the deposit is not a rent.
  EXPECT_EQ(balance(a_.staff, l, "2026-12-31"), (json{{"called", "0.00"}, {"paid", "0.00"}, {"balance", "0.00"}}).dump());
  // Its amount is locked while it stands as lodged.
  auto patch = call(a_.staff, "PATCH", "/api/v1/leases/" + std::to_string(l), json{{"deposit", "1000.00"}});
  EXPECT_EQ(patch.status, 422) << patch.body;
  EXPECT_EQ(patch.error_code(), "leases.deposit_posted");

  // The return: more than the deposit, or before it was lodged, is refused with both problems.
  auto too_much = call(a_.staff, "POST", base + "/return", json{{"date", "2026-03-01"}, {"returned", "1200.00"}});
  EXPECT_EQ(too_much.status, 422) << too_much.body;
  const auto problems = too_much.json()["error"]["fields"];
  EXPECT_NE(problems.value("returned", "").find("1170.00"), std::string::npos) << too_much.body;
  EXPECT_NE(problems.value("date", "").find("04/03/2026"), std::string::npos) << too_much.body;
  EXPECT_EQ(entries_of(a_), 1);
  auto returned = call(a_.staff, "POST", base + "/return", json{{"date", "2026-11-20"}, {"returned", "900.00"}});
  ASSERT_EQ(returned.status, 201) << returned.body;
  EXPECT_EQ(returned.json()["lines"][0]["account"], "033");
  EXPECT_EQ(returned.json()["lines"][0]["debit"], "1170.00");
  EXPECT_NE(returned.json()["description"].get<std::string>().find("kept 270.00"), std::string::npos);
  auto state = call(a_.staff, "GET", base).json();
  EXPECT_EQ(state["returned"], "900.00");
  EXPECT_EQ(state["returned_on"], "2026-11-20");
  EXPECT_EQ(state["postings"].size(), 2u);
  auto tb = call(a_.staff, "GET", "/api/v1/ledger/trial-balance?from=2026-01-01&to=2026-12-31").json();
  EXPECT_EQ(tb["debit"], "2340.00");
  EXPECT_EQ(tb["credit"], "2340.00");

  // The return reversed: the lease holds its deposit again, and it may be returned again.
  const auto return_entry = returned.json()["id"].get<std::int64_t>();
  ASSERT_EQ(call(a_.staff, "POST", "/api/v1/ledger/entries/" + std::to_string(return_entry) + "/reversal",
                 json{{"date", "2026-11-21"}}).status, 201);
  state = call(a_.staff, "GET", base).json();
  EXPECT_EQ(state["returned"], nullptr);
  EXPECT_EQ(state["postings"][1]["reversed"], true);
  EXPECT_EQ(call(a_.staff, "POST", base + "/return", json{{"date", "2026-11-22"}, {"returned", "1170.00"}}).status, 201);

  // Another agency, and the roles outside the agency.
  EXPECT_EQ(call(b_.staff, "GET", base).status, 404);
  EXPECT_EQ(call(b_.staff, "POST", base + "/received", json{{"date", "2026-03-04"}}).status, 404);
  EXPECT_EQ(call("federation", "GET", base).status, 403);
  EXPECT_EQ(count("deposit_postings WHERE agency_id = " + std::to_string(b_.id)), 0);
}

// The same deposit recorded as lodged by eight people at once (really concurrent on PostgreSQL):
// one receipt and its one entry, the others refused as already received, never a 500.
TEST_P(LedgerApiTest, ADepositLodgedEightTimesAtOnceIsPostedOnce) {
  // (Last of the suite, and counted as differences: the suite's tests share one server.)
  const auto l = leased(a_.staff, held_dwelling(a_.staff), "2026-03-01");
  const auto entries_before = entries_of(a_);
  const auto path = "/api/v1/leases/" + std::to_string(l) + "/deposit/received";
  const auto& t = token(a_.staff);
  std::vector<HttpResult> at_once(8);
  std::vector<std::thread> people;
  for (std::size_t i = 0; i < at_once.size(); ++i)
    people.emplace_back([&, i] { at_once[i] = server().request("POST", path, json{{"date", "2026-03-04"}}.dump(), bearer(t)); });
  for (auto& p : people) p.join();
  int posted = 0, refused = 0;
  for (const auto& r : at_once) {
    if (r.status == 201) ++posted;
    else if (r.error_code() == "leases.deposit_already_received") ++refused;
    else ADD_FAILURE() << r.status << " " << r.body;
  }
  EXPECT_EQ(posted, 1);
  EXPECT_EQ(refused, 7);
  EXPECT_EQ(count("deposit_postings WHERE lease_id = " + std::to_string(l)), 1);
  EXPECT_EQ(entries_of(a_), entries_before + 1);
}

HMS_INSTANTIATE_BACKENDS(LedgerApiTest);

}  // namespace
}  // namespace hms::test
