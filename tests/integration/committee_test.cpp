// Coaching, trainings and the follow-up committee (issue 13.4, 13.5, the checklist of 13.2) against
// a real `hms serve` on SQLite and PostgreSQL: the federation records (every problem at once,
// nothing written), the Region and the federation read; agencies get 403. The committee's line
// of an agency follows what it does: its help request, the federation's coaching and training,
// its checklist, its inventory of 30 September and the request made from it.
#include <gtest/gtest.h>

#include "support/shared_server.hpp"

namespace hms::test {
namespace {

using nlohmann::json;

class CommitteeTest : public TwoAgenciesTest {
 protected:
  json line_of(const std::string& login, const std::string& code) {
    auto r = call(login, "GET", "/api/v1/committee?year=2026");
    EXPECT_EQ(r.status, 200) << r.body.substr(0, 300);
    const auto items = r.json()["items"];
    for (const auto& i : items)
      if (i["agency"] == code) return i;
    ADD_FAILURE() << code << " not on the committee's page";
    return json();
  }
};

TEST_P(CommitteeTest, TheFederationRecordsCoachingAndTheCommitteeSeesEachAgency) {
  // A coaching: the federation only; every problem at once, nothing written.
  const json coaching = {{"agency", a_.code}, {"held_on", "2026-10-14"}, {"topic", "Premier appel des loyers"},
                         {"module", "ledger"}, {"minutes", 150}};
  for (const std::string& login : {a_.admin, std::string("region"), std::string("sysadmin")})
    EXPECT_EQ(call(login, "POST", "/api/v1/coachings", coaching).status, 403) << login;
  auto bad = call("federation", "POST", "/api/v1/coachings",
                  json{{"agency", "NOPE"}, {"held_on", "2099-01-01"}, {"topic", " "}, {"module", "x"}, {"minutes", 5}});
  EXPECT_EQ(bad.status, 422);
  for (const char* field : {"agency", "held_on", "topic", "module", "minutes"})
    EXPECT_TRUE(bad.json()["error"]["fields"].contains(field)) << field << " " << bad.body;
  EXPECT_EQ(count("support_coachings WHERE agency_id = " + std::to_string(a_.id)), 0);
  auto made = call("federation", "POST", "/api/v1/coachings", coaching);
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(made.json()["minutes"], 150);

  // A training: attendees as CODE:people, each agency once.
  for (const std::string& attendees : {std::string("NOPE:2"), a_.code + ":2, " + a_.code + ":1", a_.code + ":0", std::string("")})
    EXPECT_EQ(call("federation", "POST", "/api/v1/trainings",
                   json{{"held_on", "2026-11-05"}, {"topic", "Import CODA"}, {"attendees", attendees}}).status, 422)
        << attendees;
  auto training = call("federation", "POST", "/api/v1/trainings",
                       json{{"held_on", "2026-11-05"}, {"topic", "Import CODA"}, {"attendees", a_.code + ":2, " + b_.code + ":1"}});
  ASSERT_EQ(training.status, 201) << training.body;
  EXPECT_EQ(training.json()["attendees"].size(), 2u);
  EXPECT_EQ(count("audit_log WHERE action IN ('support.coaching', 'support.training')"), 2);

  // The year's list: the federation and the Region; agencies 403.
  auto year = call("region", "GET", "/api/v1/coachings?year=2026");
  ASSERT_EQ(year.status, 200);
  EXPECT_EQ(call(a_.staff, "GET", "/api/v1/coachings?year=2026").status, 403);

  // The committee's line of A: the coaching and training, a help request, its checklist.
  ASSERT_EQ(call(a_.staff, "POST", "/api/v1/support/tickets",
                 json{{"subject", "Appel des loyers"}, {"question", "Comment ?"}, {"category", "usage"}, {"from", "/rent-run"}}).status,
            201);
  auto a = line_of("federation", a_.code);
  EXPECT_EQ(a["coachings"], 1);
  EXPECT_EQ(a["coaching_minutes"], 150);
  EXPECT_EQ(a["trained_people"], 2);
  EXPECT_EQ(a["open_tickets"], 1);
  EXPECT_EQ(a["oldest_open_days"], 0);
  EXPECT_EQ(a["checklist"], (json{{"stock", false}, {"users", true}, {"bank_account", false}, {"rent_run", false},
                                  {"inventory", false}}));
  EXPECT_EQ(a["inventory_submitted"], false);
  EXPECT_EQ(a["request_status"], nullptr);
  EXPECT_EQ(line_of("region", b_.code)["trained_people"], 1);
  // The inventory of 30 September and the request made from it.
  auto frozen = call(a_.admin, "POST", "/api/v1/inventories", json{{"date", "2026-09-30"}});
  ASSERT_EQ(frozen.status, 201);
  ASSERT_EQ(call(a_.admin, "POST", "/api/v1/subsidy-requests", json{{"inventory", frozen.json()["id"]}}).status, 201);
  a = line_of("region", a_.code);
  EXPECT_EQ(a["inventory_submitted"], true);
  EXPECT_EQ(a["request_status"], "submitted");
  EXPECT_EQ(a["checklist"]["inventory"], true);

  // Agencies do not read the committee; its page and PDF for the meeting.
  EXPECT_EQ(call(a_.admin, "GET", "/api/v1/committee").status, 403);
  auto page = server().request("GET", "/committee?year=2026", "", cookie("federation").headers(false));
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("data-agency=\"" + a_.code + "\""), std::string::npos);
  auto pdf = server().request("GET", "/committee.pdf?year=2026", "", cookie("region").headers(false));
  EXPECT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  auto list = server().request("GET", "/coaching?year=2026", "", cookie("federation").headers(false));
  EXPECT_NE(list.body.find("Premier appel des loyers"), std::string::npos);
  EXPECT_NE(list.body.find("coaching-session-form"), std::string::npos);
  auto region_list = server().request("GET", "/coaching?year=2026", "", cookie("region").headers(false));
  EXPECT_EQ(region_list.body.find("coaching-session-form"), std::string::npos) << "the Region records nothing";
  // The agency sees its own checklist on its dashboard.
  auto dashboard = server().request("GET", "/", "", cookie(a_.admin).headers(false));
  EXPECT_NE(dashboard.body.find("id=\"first-day\""), std::string::npos);
}

HMS_INSTANTIATE_BACKENDS(CommitteeTest);

}  // namespace
}  // namespace hms::test
