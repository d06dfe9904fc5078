// Contract E "GET /api/v1/arrears" and the arrears pages, against a real `hms serve` on SQLite
// and PostgreSQL: rent calls posted by the rent run, payments posted in the BANK journal, a
// reversed call; the leases whose balance is positive on a day, the oldest unpaid call, its age
// and the reminder step reached on the agency's ladder (the defaults, then the admin's own);
// the ageing of what is owed. A bad ladder is refused field by field and saves nothing; only the
// agency admin changes it. Isolation: another agency sees none of it; the region and the
// federation get 403.
#include <gtest/gtest.h>

#include <chrono>

#include "common/date.hpp"
#include "domain/ledger/ledger.hpp"
#include "storage/ledger/ledger_repository.hpp"
#include "support/pdf_text.hpp"
#include "support/shared_server.hpp"

namespace hms::test {
namespace {

using nlohmann::json;

class ArrearsApiTest : public TwoAgenciesTest {
 protected:
  void rent_run(const std::string& month) {
    auto r = call(a_.staff, "POST", "/api/v1/rent-runs", json{{"month", month}});
    ASSERT_EQ(r.status, 201) << r.body;
  }
  // A payment of the lease on `date` as the bank import posts it: D 550 / C 400 (lease).
  std::int64_t pay(std::int64_t lease_id, const char* date, std::int64_t cents) {
    auto c = server().db().acquire();
    auto e = ledger::build_entry({a_.id, ledger::Journal::bank, parse_date(date).value(), "payment",
                                  {ledger::debit(ledger::kBank, Money::from_cents(cents)),
                                   [&] {
                                     auto l = ledger::credit(ledger::kTenants, Money::from_cents(cents));
                                     l.lease_id = lease_id;
                                     return l;
                                   }()},
                                  std::nullopt},
                                 std::nullopt);
    return storage::SqlLedgerRepository(*c).insert(e);
  }
  // The lease's call of a month (its RENT entry), reversed on `date`.
  void reverse_call(std::int64_t lease_id, const char* month_first_day, const char* date) {
    auto c = server().db().acquire();
    storage::SqlLedgerRepository repo(*c);
    auto row = c->query_one(
        "SELECT entry_id FROM ledger_lines WHERE lease_id = $1 AND journal = 'RENT' AND posted_on = $2",
        {lease_id, std::string(month_first_day)});
    ASSERT_TRUE(row.has_value());
    auto original = repo.find_by_id(row->integer(0));
    ASSERT_TRUE(original.has_value());
    auto reversal = ledger::reverse_entry(*original, parse_date(date).value(), std::nullopt);
    repo.insert(reversal);
  }
  json arrears(const std::string& login, const std::string& date) {
    auto r = call(login, "GET", "/api/v1/arrears?date=" + date);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }

};

TEST_P(ArrearsApiTest, TheOldestUnpaidCallItsAgeAndTheStepReached) {
  const auto late = leased(a_.staff, held_dwelling(a_.staff), "2026-01-01");
  const auto on_time = leased(a_.staff, held_dwelling(a_.staff), "2026-01-01");
  const auto reversed = leased(a_.staff, held_dwelling(a_.staff), "2026-03-01");
  for (const char* m : {"2026-01", "2026-02", "2026-03"}) rent_run(m);  // 645.00 a month each
  pay(late, "2026-01-05", 100000);                                      // January and 355.00 of February
  for (const char* d : {"2026-01-03", "2026-02-03", "2026-03-03"}) pay(on_time, d, 64500);
  reverse_call(reversed, "2026-03-01", "2026-03-10");                   // March called by mistake

  const auto body = arrears(a_.staff, "2026-03-15");
  EXPECT_EQ(body["date"], "2026-03-15");
  ASSERT_EQ(body["items"].size(), 1u) << body.dump();
  EXPECT_EQ(body["items"][0], (json{{"lease_id", late}, {"balance", "935.00"}, {"oldest_unpaid", "2026-02-01"},
                                    {"days", 42}, {"step", "second_reminder"}}));
  EXPECT_EQ(body["total"], "935.00");
  EXPECT_EQ(body["ageing"], (json{{"0_30", "645.00"}, {"31_60", "290.00"}, {"61_90", "0.00"}, {"over_90", "0.00"}}));

  // Earlier, January was paid and February 10 days old with 290.00 left: a first reminder.
  auto feb = arrears(a_.staff, "2026-02-11");
  ASSERT_EQ(feb["items"].size(), 1u);
  EXPECT_EQ(feb["items"][0]["step"], "reminder");
  EXPECT_EQ(feb["items"][0]["balance"], "290.00");
  // Before any call, nobody owes anything.
  EXPECT_TRUE(arrears(a_.staff, "2025-12-31")["items"].empty());
  // The balance route agrees: called − paid.
  auto balance = call(a_.staff, "GET", "/api/v1/leases/" + std::to_string(late) + "/balance?date=2026-03-15");
  EXPECT_EQ(balance.json()["balance"], "935.00");

  // Two months later with nothing paid: a formal notice (45 days, 500.00 or more).
  auto may = arrears(a_.staff, "2026-05-01");
  EXPECT_EQ(may["items"][0]["step"], "formal_notice");
  EXPECT_EQ(may["items"][0]["days"], 89);

  // The page shows the lease with its household, the ageing and the ladder; reading the names is audited.
  const auto reads = count("audit_log WHERE action = 'arrears.list'");
  auto page = server().request("GET", "/arrears?date=2026-03-15&lang=en", "", cookie(a_.staff).headers(false));
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("data-lease=\"" + std::to_string(late) + "\""), std::string::npos);
  EXPECT_EQ(page.body.find("data-lease=\"" + std::to_string(on_time) + "\""), std::string::npos);
  EXPECT_NE(page.body.find("Second reminder"), std::string::npos);
  EXPECT_EQ(count("audit_log WHERE action = 'arrears.list'"), reads + 1);
  // A bad date is a 422 on the parameter.
  auto bad = call(a_.staff, "GET", "/api/v1/arrears?date=2026-02-30");
  EXPECT_EQ(bad.status, 422);
}

TEST_P(ArrearsApiTest, TheAdminChangesTheLadderAndABadOneSavesNothing) {
  const auto l = leased(a_.staff, held_dwelling(a_.staff), "2026-01-01");
  rent_run("2026-01");
  EXPECT_EQ(arrears(a_.staff, "2026-01-08")["items"][0]["step"], "none");  // 7 days: before the default 10

  const auto form = [&](const json& fields) {
    std::string body = "csrf_token=" + cookie(a_.admin).csrf;
    for (const auto& [k, v] : fields.items()) body += "&" + k + "=" + v.get<std::string>();
    return server().submit("/settings/reminders?lang=en", body, cookie(a_.admin).headers(false));
  };
  // Days not climbing and a threshold going down: both said, nothing saved.
  auto refused = form({{"reminder_days", "5"}, {"reminder_threshold", "10"}, {"second_reminder_days", "5"},
                       {"second_reminder_threshold", "10"}, {"formal_notice_days", "30"},
                       {"formal_notice_threshold", "5"}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("more days after the rent call"), std::string::npos);
  EXPECT_NE(refused.body.find("cannot be lower"), std::string::npos);
  EXPECT_EQ(count("arrears_ladders WHERE agency_id = " + std::to_string(a_.id)), 0);

  auto saved = form({{"reminder_days", "5"}, {"reminder_threshold", ""}, {"second_reminder_days", "15"},
                     {"second_reminder_threshold", "100"}, {"formal_notice_days", "30"},
                     {"formal_notice_threshold", "600,00"}});
  EXPECT_EQ(saved.status, 303) << saved.body;
  EXPECT_EQ(count("audit_log WHERE action = 'arrears.ladder'"), 1);
  EXPECT_EQ(arrears(a_.staff, "2026-01-08")["items"][0]["step"], "reminder");         // 7 days ≥ 5
  EXPECT_EQ(arrears(a_.staff, "2026-02-01")["items"][0]["step"], "formal_notice");    // 31 days, 645.00
  EXPECT_EQ(arrears(a_.staff, "2026-02-01")["items"][0]["lease_id"], l);

  // Only the agency admin: the staff member gets 403 on the settings page.
  auto staff = server().request("GET", "/settings/reminders", "", cookie(a_.staff).headers(false));
  EXPECT_EQ(staff.status, 403);
}

TEST_P(ArrearsApiTest, AnotherAgencyAndCrossAgencyRolesSeeNone) {
  leased(a_.staff, held_dwelling(a_.staff), "2026-01-01");
  rent_run("2026-01");
  EXPECT_EQ(arrears(a_.staff, "2026-03-01")["items"].size(), 1u);
  EXPECT_TRUE(arrears(b_.staff, "2026-03-01")["items"].empty());
  for (const char* role : {"region", "federation", "sysadmin"})
    EXPECT_EQ(call(role, "GET", "/api/v1/arrears?date=2026-03-01").status, 403) << role;
}

// The reminder letter (issue 11.1): a PDF in the household's language for the step reached on
// the day, with what is owed, since when, the structured communication and the offer of a
// payment plan; recorded as sent and shown as the lease's last letter on the arrears page; a
// lease below the first step has nothing to send; another agency's lease is a 404.
TEST_P(ArrearsApiTest, TheReminderLetterOfTheStepReachedIsWrittenAndRecorded) {
  const auto late = leased(a_.staff, held_dwelling(a_.staff), "2026-01-01");
  const auto paid = leased(a_.staff, held_dwelling(a_.staff), "2026-01-01");
  for (const char* m : {"2026-01", "2026-02", "2026-03"}) rent_run(m);  // 645.00 a month each
  for (const char* d : {"2026-01-03", "2026-02-03", "2026-03-03"}) pay(paid, d, 64500);
  const auto& session = cookie(a_.staff);
  const auto letter = [&](std::int64_t lease, const std::string& login) {
    const auto& who = cookie(login);
    return server().request("POST", "/arrears/leases/" + std::to_string(lease) + "/letter",
                            "csrf_token=" + who.csrf + "&date=2026-03-15", who.headers(false),
                            "application/x-www-form-urlencoded");
  };
  auto sent = letter(late, a_.staff);
  ASSERT_EQ(sent.status, 200) << sent.body.substr(0, 300);
  EXPECT_EQ(sent.header("Content-Type"), "application/pdf");
  if (const auto text = pdf_text(sent.body)) {
    for (const char* shown : {"Mise en demeure de payer le loyer", "1.935,00", "01/01/2026", "+++", "plan de paiement",
                              "devant le juge", "Household"})
      EXPECT_NE(text->find(shown), std::string::npos) << shown << "\n" << *text;
  }
  EXPECT_EQ(count("arrears_letters WHERE lease_id = " + std::to_string(late) + " AND step = 'formal_notice'"), 1);
  auto page = server().request("GET", "/arrears?date=2026-03-15", "", session.headers(false));
  EXPECT_NE(page.body.find("Mise en demeure le 15/03/2026"), std::string::npos);
  // Nothing to send for a lease paid up; another agency's lease is unknown; nothing recorded.
  auto nothing = letter(paid, a_.staff);
  EXPECT_EQ(nothing.status, 422);
  EXPECT_NE(nothing.body.find("aucune étape de rappel"), std::string::npos);
  EXPECT_EQ(letter(late, b_.staff).status, 404);
  EXPECT_EQ(count("arrears_letters WHERE agency_id = " + std::to_string(a_.id)), 1);
}

// Payment plans (issue 11.1): agreed from the lease's page (every bad field said at once, in the
// user's language, nothing recorded; not above the balance; one running at a time), followed from
// the ledger (met by the deadline, missed and breached, paid off and completed), holding the
// reminder letters while it runs, cancelled by the agency; another agency's lease is a 404.
TEST_P(ArrearsApiTest, APaymentPlanIsAgreedFollowedAndHoldsTheLetters) {
  const auto late = leased(a_.staff, held_dwelling(a_.staff), "2026-01-01");
  const auto other = leased(a_.staff, held_dwelling(a_.staff), "2026-01-01");
  for (const char* m : {"2026-01", "2026-02", "2026-03"}) rent_run(m);  // 645.00 a month each: 1,935.00 owed
  const auto path = "/arrears/leases/" + std::to_string(late) + "/plan";
  const auto form = [&](const std::string& login, const std::string& target, const std::string& fields) {
    const auto& who = cookie(login);
    return server().request("POST", target, "csrf_token=" + who.csrf + fields, who.headers(false),
                            "application/x-www-form-urlencoded");
  };
  const auto today = std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
  const auto in_five_days = to_iso(add_days(today, 5));

  // 1. Every bad field at once, in French; nothing recorded.
  auto bad = form(a_.staff, path, "&total=abc&instalments=1&first_due=2020-01-01&grace_days=99");
  EXPECT_EQ(bad.status, 422);
  for (const char* said : {"montant supérieur à 0,00", "de 2 à 36", "dans trois mois", "de 0 à 60"})
    EXPECT_NE(bad.body.find(said), std::string::npos) << said;
  auto above = form(a_.staff, path, "&total=5000&instalments=3&first_due=" + in_five_days + "&grace_days=10");
  EXPECT_EQ(above.status, 422);
  EXPECT_NE(above.body.find("ne peut dépasser le solde"), std::string::npos);
  EXPECT_EQ(count("payment_plans"), 0);

  // 2. Agreed: the whole balance in 3 instalments; a second one while it runs is refused.
  auto made = form(a_.staff, path, "&total=&instalments=3&first_due=" + in_five_days + "&grace_days=10");
  ASSERT_EQ(made.status, 303) << made.body.substr(0, 400);
  EXPECT_EQ(made.header("Location"), path + "?saved=1");
  EXPECT_EQ(count("payment_plans WHERE lease_id = " + std::to_string(late) + " AND total_cents = 193500"), 1);
  EXPECT_EQ(count("audit_log WHERE action = 'arrears.plan'"), 1);
  EXPECT_EQ(form(a_.staff, path, "&instalments=3&first_due=" + in_five_days).status, 409);
  auto api = call(a_.staff, "GET", "/api/v1/leases/" + std::to_string(late) + "/payment-plans");
  ASSERT_EQ(api.status, 200) << api.body;
  const auto plan = api.json()["items"][0];
  EXPECT_EQ(plan["state"], "running");
  EXPECT_EQ(plan["schedule"].size(), 3u);
  EXPECT_EQ(plan["schedule"][0]["amount"], "645.00");
  EXPECT_EQ(plan["schedule"][0]["state"], "pending");

  // 3. While it runs, no reminder letter; the arrears page shows it.
  auto letter = form(a_.staff, "/arrears/leases/" + std::to_string(late) + "/letter", "&date=" + to_iso(today));
  EXPECT_EQ(letter.status, 422);
  EXPECT_NE(letter.body.find("plan d&#39;apurement court"), std::string::npos) << letter.body.substr(0, 2000);
  auto page = server().request("GET", "/arrears", "", cookie(a_.staff).headers(false));
  EXPECT_NE(page.body.find("badge--running"), std::string::npos);

  // 4. Followed from the ledger: a plan agreed on 2026-03-20 for the other lease, 3 × 645.00 from
  //    04-05, 10 days of grace. 645.00 paid on 04-10 meets the first; nothing more by 05-15:
  //    breached on 05-16; the rest paid on 06-10: completed.
  {
    auto c = server().db().acquire();
    c->execute("INSERT INTO payment_plans (agency_id, lease_id, agreed_on, start_balance_cents, total_cents, instalments,"
               " first_due, grace_days, made_at) VALUES ($1, $2, '2026-03-20', 193500, 193500, 3, '2026-04-05', 10, 0)",
               {a_.id, other});
  }
  pay(other, "2026-04-10", 64500);
  const auto plans_on = [&](const char* date) {
    return call(a_.staff, "GET", "/api/v1/leases/" + std::to_string(other) + "/payment-plans?date=" + date).json()["items"][0];
  };
  EXPECT_EQ(plans_on("2026-04-20")["schedule"][0]["state"], "met");
  auto breached = plans_on("2026-06-01");
  EXPECT_EQ(breached["state"], "breached");
  EXPECT_EQ(breached["breached_on"], "2026-05-16");
  EXPECT_EQ(breached["schedule"][1]["state"], "missed");
  EXPECT_EQ(breached["paid_off"], "645.00");
  pay(other, "2026-06-10", 129000);
  EXPECT_EQ(plans_on("2026-06-15")["state"], "completed");

  // 5. Cancelled by the agency: the letters come back; another agency sees nothing of it.
  EXPECT_EQ(form(b_.staff, path + "/cancel", "&plan=" + plan["id"].dump()).status, 404);
  EXPECT_EQ(server().request("GET", path, "", cookie(b_.staff).headers(false)).status, 404);
  EXPECT_EQ(call(b_.staff, "GET", "/api/v1/leases/" + std::to_string(late) + "/payment-plans").status, 404);
  EXPECT_EQ(call("region", "GET", "/api/v1/leases/" + std::to_string(late) + "/payment-plans").status, 403);
  auto cancelled = form(a_.staff, path + "/cancel", "&plan=" + plan["id"].dump());
  EXPECT_EQ(cancelled.status, 303) << cancelled.body.substr(0, 300);
  EXPECT_EQ(call(a_.staff, "GET", "/api/v1/leases/" + std::to_string(late) + "/payment-plans").json()["items"][0]["state"],
            "cancelled");
  EXPECT_EQ(form(a_.staff, path + "/cancel", "&plan=" + plan["id"].dump()).status, 409);
  EXPECT_EQ(form(a_.staff, "/arrears/leases/" + std::to_string(late) + "/letter", "&date=" + to_iso(today)).status, 200);
}

HMS_INSTANTIATE_BACKENDS(ArrearsApiTest);

}  // namespace
}  // namespace hms::test
