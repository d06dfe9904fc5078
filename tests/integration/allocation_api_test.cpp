// Contract D "candidates" and the decisions of issue 9.2, against a real `hms serve` on SQLite
// and PostgreSQL: GET /api/v1/dwellings/{id}/candidates answers the agency's active households
// whose band may be housed and whose size fits the dwelling's bedrooms (the shipped,
// illustrative occupancy rule: 2 bedrooms fit households of 2 to 4), best first — priority
// points, then registration date, then number — each with its reasons in words. A decision is
// recorded in order: proposing past a household still waiting is refused unless it is a
// derogation with a reason and who approved it; an answer needs a proposal first; refusals write
// nothing. The agency's weights move a referred household up. Isolation: another agency's
// dwelling is a 404; the region and the federation get 403.
#include <gtest/gtest.h>

#include "support/shared_server.hpp"

namespace hms::test {
namespace {

using nlohmann::json;

class AllocationApiTest : public TwoAgenciesTest {
 protected:
  std::vector<std::int64_t> candidate_ids(std::int64_t dwelling_id) {
    auto r = call(a_.staff, "GET", "/api/v1/dwellings/" + std::to_string(dwelling_id) + "/candidates");
    EXPECT_EQ(r.status, 200) << r.body;
    const auto body = r.json();  // kept: a range over r.json()["items"] would outlive its JSON
    std::vector<std::int64_t> out;
    for (const auto& c : body["items"]) out.push_back(c["applicant_id"].get<std::int64_t>());
    return out;
  }
  HttpResult decide(std::int64_t dwelling_id, const json& body) {
    return call(a_.staff, "POST", "/api/v1/dwellings/" + std::to_string(dwelling_id) + "/decisions", body);
  }
  std::int64_t decisions() { return count("allocation_decisions WHERE agency_id = " + std::to_string(a_.id)); }

};

TEST_P(AllocationApiTest, CandidatesAreTheFittingHouseholdsBestFirstWithTheirReasons) {
  const auto d = vacant_dwelling(a_.staff, 2, "1050");
  const auto later = household(a_.staff, 2, {{"registered_on", "2021-03-12"}});
  const auto earlier = household(a_.staff, 3, {{"registered_on", "2019-05-01"}});
  const auto same_day = household(a_.staff, 4, {{"registered_on", "2021-03-12"}});  // same day as `later`, a higher number
  household(a_.staff, 1, {{"registered_on", "2015-01-01"}});  // one person: 0 or 1 bedroom
  household(a_.staff, 5, {{"registered_on", "2015-01-01"}});  // five: 3 or 4 bedrooms
  household(a_.staff, 2, {{"registered_on", "2015-01-01"}, {"income", "90000.00"}});  // income above the bands
  household(b_.staff, 2, {{"registered_on", "2010-01-01"}});  // another agency's
  auto r = call(a_.staff, "GET", "/api/v1/dwellings/" + std::to_string(d) + "/candidates");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto items = r.json()["items"];
  ASSERT_EQ(items.size(), 3u) << items.dump();
  EXPECT_EQ(items[0]["applicant_id"], earlier);
  EXPECT_EQ(items[1]["applicant_id"], later);
  EXPECT_EQ(items[2]["applicant_id"], same_day);
  EXPECT_EQ(items[0]["registered_on"], "2019-05-01");
  EXPECT_EQ(items[0]["household_size"], 3);
  EXPECT_EQ(items[0]["band"], "eligible");
  EXPECT_TRUE(items[0]["number"].is_number_integer());
  for (const auto& c : items) {
    ASSERT_GE(c["reasons"].size(), 4u) << c.dump();  // place, registration, fit, band
    for (const auto& reason : c["reasons"]) {
      ASSERT_TRUE(reason.is_string());
      EXPECT_EQ(reason.get<std::string>().find("allocation."), std::string::npos) << "words, not a key: " << reason;
    }
  }
  // In words, in the reader's language: the registration date as it is written in Belgium.
  auto en = call(a_.staff, "GET", "/api/v1/dwellings/" + std::to_string(d) + "/candidates?lang=en").json()["items"];
  EXPECT_EQ(en[0]["reasons"][0], "First in the order.");
  EXPECT_EQ(en[0]["reasons"][1], "Registered on 01/05/2019 (no. " + std::to_string(items[0]["number"].get<int>()) + ").");
  EXPECT_EQ(en[2]["reasons"][0], "After no. " + std::to_string(items[1]["number"].get<int>()) +
                                     ", registered the same day with a lower number.");
  // The read of the households is audited, with the count and never a name.
  EXPECT_GE(count("audit_log WHERE action = 'allocation.candidates' AND details = 'dwelling_id=" + std::to_string(d) + "'"), 1);
}

TEST_P(AllocationApiTest, TheAgencysWeightsMoveAReferredHouseholdUp) {
  const auto d = vacant_dwelling(a_.staff, 2, "1050");
  const auto direct = household(a_.staff, 2, {{"registered_on", "2019-01-01"}});
  const auto referred = household(a_.staff, 2, {{"registered_on", "2024-06-01"}, {"referral", "CPAS d'Ixelles"}});
  EXPECT_EQ(candidate_ids(d), (std::vector<std::int64_t>{direct, referred}));
  const auto& admin = cookie(a_.admin);
  auto bad = server().submit("/settings/priorities?lang=en", "csrf_token=" + admin.csrf + "&referral=150&urgent=x",
                             admin.headers(false));
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_NE(bad.body.find("A weight is a whole number of points from 0 to 100."), std::string::npos);
  EXPECT_EQ(candidate_ids(d), (std::vector<std::int64_t>{direct, referred})) << "nothing saved";
  auto ok = server().submit("/settings/priorities", "csrf_token=" + admin.csrf + "&referral=10&urgent=0&preferred_commune=0",
                            admin.headers(false));
  EXPECT_EQ(ok.status, 303) << ok.body;
  EXPECT_EQ(candidate_ids(d), (std::vector<std::int64_t>{referred, direct}));
  // Agency staff may not change them.
  const auto& staff = cookie(a_.staff);
  EXPECT_EQ(server().submit("/settings/priorities", "csrf_token=" + staff.csrf + "&referral=0", staff.headers(false)).status, 403);
}

TEST_P(AllocationApiTest, DecisionsFollowTheOrderAndADerogationSaysWhyAndWhoApproved) {
  const auto d = vacant_dwelling(a_.staff, 2, "1050");
  const auto first = household(a_.staff, 2, {{"registered_on", "2018-01-01"}});
  const auto second = household(a_.staff, 2, {{"registered_on", "2019-01-01"}});
  struct Case {
    json body;
    std::string code;
  };
  const std::vector<Case> refused = {
      {{{"applicant_id", second}, {"kind", "proposed"}}, "allocation.out_of_order"},
      {{{"applicant_id", second}, {"kind", "derogation"}, {"reason", "Ground floor needed"}}, "allocation.approved_by_required"},
      {{{"applicant_id", second}, {"kind", "derogation"}, {"approved_by", "The board"}}, "allocation.reason_required"},
      {{{"applicant_id", first}, {"kind", "derogation"}, {"reason", "x"}, {"approved_by", "y"}}, "allocation.not_out_of_order"},
      {{{"applicant_id", first}, {"kind", "accepted"}}, "allocation.not_proposed"},
      {{{"applicant_id", first}, {"kind", "maybe"}}, "allocation.invalid_kind"},
      {{{"applicant_id", 999999}, {"kind", "proposed"}}, "allocation.unknown_applicant"},
  };
  for (const auto& c : refused) {
    auto r = decide(d, c.body);
    EXPECT_EQ(r.status, 422) << c.body.dump() << " → " << r.body;
    EXPECT_NE(r.body.find(c.code), std::string::npos) << c.body.dump() << " → " << r.body;
  }
  EXPECT_EQ(decisions(), 0) << "a refused decision writes nothing";

  // In order: the first is proposed and refuses (with a reason); then the second is first.
  EXPECT_EQ(decide(d, {{"applicant_id", first}, {"kind", "proposed"}}).status, 201);
  EXPECT_EQ(decide(d, {{"applicant_id", first}, {"kind", "refused"}}).status, 422) << "a refusal says why";
  EXPECT_EQ(decide(d, {{"applicant_id", first}, {"kind", "refused"}, {"reason", "Too far from school"}}).status, 201);
  auto proposed = decide(d, {{"applicant_id", second}, {"kind", "proposed"}});
  ASSERT_EQ(proposed.status, 201) << proposed.body;
  EXPECT_EQ(proposed.json()["place"], 2);
  EXPECT_EQ(decide(d, {{"applicant_id", second}, {"kind", "accepted"}}).status, 201);

  // A derogation on another dwelling: the second passes the first, with why and who approved.
  const auto other = vacant_dwelling(a_.staff, 2, "1050");
  auto derogation = decide(other, {{"applicant_id", second}, {"kind", "derogation"}, {"reason", "Wheelchair access"},
                                   {"approved_by", "Board of 12 March"}});
  ASSERT_EQ(derogation.status, 201) << derogation.body;
  EXPECT_EQ(derogation.json()["kind"], "derogation");
  EXPECT_EQ(derogation.json()["approved_by"], "Board of 12 March");
  const auto reads = count("audit_log WHERE action = 'allocation.candidates'");
  auto list = call(a_.staff, "GET", "/api/v1/dwellings/" + std::to_string(d) + "/decisions");
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.json()["items"].size(), 4u);
  EXPECT_EQ(count("audit_log WHERE action = 'allocation.candidates'"), reads);  // listing them reads no household
  EXPECT_EQ(list.json()["items"][0]["kind"], "accepted");
  EXPECT_EQ(count("audit_log WHERE action = 'allocation.decide' AND details = 'kind=derogation,place=2'"), 1);
  // The page shows the decisions and offers the lease to the household that accepted.
  auto page = server().request("GET", "/dwellings/" + std::to_string(d) + "/candidates", "", cookie(a_.staff).headers(false));
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Too far from school"), std::string::npos);
  EXPECT_NE(page.body.find("/leases/new?dwelling_id=" + std::to_string(d) + "&amp;applicant_id=" + std::to_string(second)),
            std::string::npos);
}

// Regression: a page's own "title" was replaced by the page's <title> (views.cpp sets "title"),
// so the allocation report's heading lost its year and an account's ledger was headed "Ledger".
TEST_P(AllocationApiTest, TheReportAndAnAccountAreHeadedByWhatTheyShow) {
  const auto& staff = cookie(a_.staff);
  auto report = server().request("GET", "/allocation/report?year=2025&lang=en", "", staff.headers(false));
  EXPECT_EQ(report.status, 200);
  EXPECT_NE(report.body.find("<h1>Allocation report 2025</h1>"), std::string::npos) << report.body.substr(0, 2000);
  auto account = server().request("GET", "/ledger/accounts/400?lang=en", "", staff.headers(false));
  EXPECT_EQ(account.status, 200);
  EXPECT_NE(account.body.find("<h1>Account 400"), std::string::npos) << account.body.substr(0, 2000);
}

TEST_P(AllocationApiTest, OnlyTheAgencysUsersReachItsCandidates) {
  const auto d = vacant_dwelling(a_.staff, 2, "1050");
  household(a_.staff, 2, {{"registered_on", "2019-01-01"}});
  const auto path = "/api/v1/dwellings/" + std::to_string(d);
  EXPECT_EQ(call(b_.staff, "GET", path + "/candidates").status, 404);
  EXPECT_EQ(call(b_.staff, "POST", path + "/decisions", json{{"kind", "proposed"}}).status, 404);
  for (const char* role : {"region", "federation", "sysadmin"}) {
    EXPECT_EQ(call(role, "GET", path + "/candidates").status, 403) << role;
    EXPECT_EQ(call(role, "POST", path + "/decisions", json{{"kind", "proposed"}}).status, 403) << role;
  }
  // The occupancy rule is on /rules for everyone, marked illustrative.
  auto rules = server().request("GET", "/rules?lang=en", "", cookie("region").headers(false));
  EXPECT_NE(rules.body.find("id=\"occupancy\""), std::string::npos);
  EXPECT_NE(rules.body.find("This rule is for illustration only"), std::string::npos);
}

}  // namespace

HMS_INSTANTIATE_BACKENDS(AllocationApiTest);

}  // namespace hms::test
