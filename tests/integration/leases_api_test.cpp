// Contract D for leases and the income mix, against a real `hms serve` on SQLite and PostgreSQL:
// GET|POST /api/v1/leases, GET|PATCH /api/v1/leases/{id}, POST /api/v1/leases/{id}/end,
// GET /api/v1/income-mix. A lease answers the contract's fields with its structured
// communication; creating it houses the applicant and makes the dwelling active from its start;
// ending it makes the dwelling vacant from the next day. Refused, writing nothing: a rent above
// the tenant-rent cap (422 leases.rent_above_cap), no owner contract on the start (422
// leases.no_owner_contract), an overlapping lease (409 leases.overlap), an applicant housed or
// above the moderate band (422 leases.applicant_not_eligible), a deposit above two months. Then
// isolation (another agency: 404, empty list; region and federation: 403 on every lease route,
// all agencies in the income mix) and the two-thirds share.
#include <gtest/gtest.h>

#include <thread>

#include "support/shared_server.hpp"

namespace hms::test {
namespace {

using nlohmann::json;

class LeasesApiTest : public TwoAgenciesTest {
 protected:
  std::string dwelling_status(std::int64_t id) {
    return call(a_.staff, "GET", "/api/v1/dwellings/" + std::to_string(id)).json().value("status", "");
  }
  std::int64_t leases_of(const TestAgency& a) {
    return count("leases WHERE agency_id = " + std::to_string(a.id));
  }

};

TEST_P(LeasesApiTest, ALeaseHousesTheApplicantAndMakesTheDwellingActive) {
  const auto d = held_dwelling(a_.staff);
  const auto p = household(a_.staff);
  auto l = created(a_.staff, "/api/v1/leases", lease_body(d, p));
  EXPECT_EQ(l["agency"], a_.code);
  EXPECT_EQ(l["kind"], "standard");
  EXPECT_EQ(l["start"], "2026-03-01");
  EXPECT_TRUE(l["end"].is_null());
  EXPECT_EQ(l["tenant_rent"], "585.00");
  EXPECT_EQ(l["charges"], "60.00");
  EXPECT_EQ(l["deposit"], "1170.00");
  EXPECT_EQ(l["cap"], "714.00");  // apartment, 2 bedrooms, 2026 (illustrative grid)
  // The structured communication: +++ddd/dddd/ddddd+++, its check the base modulo 97.
  const std::string ref = l["payment_reference"];
  ASSERT_EQ(ref.size(), 20u) << ref;
  std::string digits;
  for (char c : ref)
    if (c >= '0' && c <= '9') digits += c;
  const long long base = std::stoll(digits.substr(0, 10));
  const long long check = base % 97 == 0 ? 97 : base % 97;
  EXPECT_EQ(std::stoll(digits.substr(10)), check);
  EXPECT_EQ(call(a_.staff, "GET", "/api/v1/applicants/" + std::to_string(p)).json().value("status", ""), "housed");
  EXPECT_EQ(dwelling_status(d), "active");
  auto read = call(a_.staff, "GET", "/api/v1/leases/" + std::to_string(l["id"].get<std::int64_t>()));
  EXPECT_EQ(read.status, 200);
  EXPECT_EQ(read.json()["payment_reference"], ref);
  EXPECT_EQ(read.json()["rent_history"].size(), 1u);
}

TEST_P(LeasesApiTest, BadLeasesAreRefusedAndWriteNothing) {
  const auto d = held_dwelling(a_.staff);
  const auto p = household(a_.staff);
  struct Case {
    json body;
    int status;
    std::string code;
  };
  const std::vector<Case> cases = {
      {lease_body(d, p, "2026-03-01", {{"tenant_rent", "714.01"}}), 422, "leases.rent_above_cap"},
      {lease_body(d, p, "2025-12-01"), 422, "leases.no_owner_contract"},
      {lease_body(d, p, "2026-03-01", {{"deposit", "1170.01"}}), 422, "leases.deposit_too_high"},
      {lease_body(d, p, "2026-03-01", {{"kind", "short"}}), 422, "leases.short_needs_end"},
      {lease_body(d, p, "2026-03-01", {{"kind", "lifelong"}, {"tenant_rent", "abc"}}), 422, ""},
  };
  for (const auto& c : cases) {
    auto r = call(a_.staff, "POST", "/api/v1/leases", c.body);
    EXPECT_EQ(r.status, c.status) << c.body.dump() << " → " << r.body;
    if (!c.code.empty()) {
      EXPECT_EQ(r.json()["error"]["code"], c.code) << r.body;
    }
  }
  // Every problem of the last one at once.
  auto both = call(a_.staff, "POST", "/api/v1/leases", cases.back().body).json();
  EXPECT_TRUE(both["error"]["fields"].contains("kind")) << both.dump();
  EXPECT_TRUE(both["error"]["fields"].contains("tenant_rent")) << both.dump();
  EXPECT_EQ(leases_of(a_), 0);
  EXPECT_EQ(call(a_.staff, "GET", "/api/v1/applicants/" + std::to_string(p)).json().value("status", ""), "active");
}

TEST_P(LeasesApiTest, OneDwellingOneLeaseAtATimeAndOneLeasePerHousehold) {
  const auto d = held_dwelling(a_.staff);
  const auto first = household(a_.staff);
  const auto second = household(a_.staff);
  created(a_.staff, "/api/v1/leases", lease_body(d, first));
  auto overlap = call(a_.staff, "POST", "/api/v1/leases", lease_body(d, second, "2027-01-01"));
  EXPECT_EQ(overlap.status, 409) << overlap.body;
  EXPECT_EQ(overlap.json()["error"]["code"], "leases.overlap");
  // The first household is housed now: not a candidate for another dwelling.
  const auto other = held_dwelling(a_.staff);
  auto housed = call(a_.staff, "POST", "/api/v1/leases", lease_body(other, first));
  EXPECT_EQ(housed.status, 422) << housed.body;
  EXPECT_EQ(housed.json()["error"]["code"], "leases.applicant_not_eligible");
  EXPECT_EQ(leases_of(a_), 1);
}

// Eight households given the same dwelling at once (really concurrent on PostgreSQL): one lease,
// seven 409 leases.overlap, never a 500 and never two leases on one dwelling (ASVS item 20).
TEST_P(LeasesApiTest, ConcurrentLeasesOfOneDwellingMakeOneLease) {
  const auto d = held_dwelling(a_.staff);
  std::vector<std::int64_t> households;
  for (int i = 0; i < 8; ++i) households.push_back(household(a_.staff));
  const auto& t = token(a_.staff);
  std::vector<HttpResult> at_once(households.size());
  std::vector<std::thread> people;
  for (std::size_t i = 0; i < households.size(); ++i)
    people.emplace_back([&, i] {
      at_once[i] = server().request("POST", "/api/v1/leases", lease_body(d, households[i]).dump(), bearer(t));
    });
  for (auto& p : people) p.join();
  int made = 0, overlaps = 0;
  for (const auto& r : at_once) {
    if (r.status == 201) ++made;
    else if (r.status == 409 && r.error_code() == "leases.overlap") ++overlaps;
    else ADD_FAILURE() << r.status << " " << r.body;
  }
  EXPECT_EQ(made, 1);
  EXPECT_EQ(overlaps, 7);
  EXPECT_EQ(count("leases WHERE dwelling_id = " + std::to_string(d)), 1);
}

TEST_P(LeasesApiTest, TheBandDecidesWhoMayBeHoused) {
  // 2024, one adult: ceiling 27,499.10. 50,000.00 is 182 %: middle, housed only when over-indebted.
  const auto middle = household(a_.staff, 1, {{"income", "50000.00"}});
  const auto middle_indebted = household(a_.staff, 1, {{"income", "50000.00"}, {"over_indebted", true}});
  const auto above = household(a_.staff, 1, {{"income", "60000.00"}, {"over_indebted", true}});  // 218 %
  auto refused = call(a_.staff, "POST", "/api/v1/leases", lease_body(held_dwelling(a_.staff), middle));
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.json()["error"]["code"], "leases.applicant_not_eligible");
  EXPECT_EQ(call(a_.staff, "POST", "/api/v1/leases", lease_body(held_dwelling(a_.staff), above)).status, 422);
  created(a_.staff, "/api/v1/leases", lease_body(held_dwelling(a_.staff), middle_indebted));
}

TEST_P(LeasesApiTest, EndingALeaseMakesTheDwellingVacantFromTheNextDay) {
  // A lease to come (the dwelling's history is never rewritten before its running period, so
  // the periods are checked on dates after the dwelling was recorded today).
  const auto d = held_dwelling(a_.staff);
  auto l = created(a_.staff, "/api/v1/leases", lease_body(d, household(a_.staff), "2027-01-01"));
  const auto path = "/api/v1/leases/" + std::to_string(l["id"].get<std::int64_t>());
  const auto periods = [&](const char* status, const char* from) {
    return count("dwelling_statuses WHERE dwelling_id = " + std::to_string(d) + " AND status = '" + status +
                 "' AND from_date = '" + from + "'");
  };
  EXPECT_EQ(periods("active", "2027-01-01"), 1);
  auto missing = call(a_.staff, "POST", path + "/end", json{{"end", "2027-06-30"}});
  EXPECT_EQ(missing.status, 422);
  EXPECT_TRUE(missing.json()["error"]["fields"].contains("reason"));
  auto before_start = call(a_.staff, "POST", path + "/end", json{{"end", "2026-12-31"}, {"reason", "x"}});
  EXPECT_EQ(before_start.status, 422);
  auto ended = call(a_.staff, "POST", path + "/end", json{{"end", "2027-06-30"}, {"reason", "left after notice"}});
  ASSERT_EQ(ended.status, 200) << ended.body;
  EXPECT_EQ(ended.json()["end"], "2027-06-30");
  EXPECT_EQ(ended.json()["end_reason"], "left after notice");
  EXPECT_EQ(periods("vacant", "2027-07-01"), 1);
  EXPECT_EQ(call(a_.staff, "POST", path + "/end", json{{"end", "2027-07-31"}, {"reason", "again"}}).status, 422);
  // The dwelling can be let again from the day after.
  created(a_.staff, "/api/v1/leases", lease_body(d, household(a_.staff), "2027-07-01"));
  EXPECT_EQ(periods("active", "2027-07-01"), 1);
}

TEST_P(LeasesApiTest, ARentChangeIsANewVersionAndANoticeGivesTheEnd) {
  const auto d = held_dwelling(a_.staff);
  auto l = created(a_.staff, "/api/v1/leases", lease_body(d, household(a_.staff), "2026-02-01"));
  const auto path = "/api/v1/leases/" + std::to_string(l["id"].get<std::int64_t>());
  auto above = call(a_.staff, "PATCH", path, json{{"tenant_rent", "714.01"}, {"rent_from", "2026-09-01"}});
  EXPECT_EQ(above.status, 422);
  auto changed = call(a_.staff, "PATCH", path, json{{"tenant_rent", "600.00"}, {"rent_from", "2026-09-01"}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["tenant_rent"], "600.00");
  ASSERT_EQ(changed.json()["rent_history"].size(), 2u);
  EXPECT_EQ(changed.json()["rent_history"][0]["amount"], "585.00");
  // A tenant's notice received on 14 May runs June, July, August.
  auto notice = call(a_.staff, "PATCH", path, json{{"notice_by", "tenant"}, {"notice_received_on", "2026-05-14"}});
  ASSERT_EQ(notice.status, 200) << notice.body;
  EXPECT_EQ(notice.json()["end"], "2026-08-31");
  EXPECT_EQ(notice.json()["notice_by"], "tenant");
  // The agency's notice: no rule known to hms, the end must be given.
  auto agency = call(a_.staff, "PATCH", path, json{{"notice_by", "agency"}, {"notice_received_on", "2026-05-20"}});
  EXPECT_EQ(agency.status, 422);
  EXPECT_EQ(agency.json()["error"]["code"], "leases.end_required");
  // Read-only fields sent back unchanged are fine; the dwelling cannot change.
  EXPECT_EQ(call(a_.staff, "PATCH", path, json{{"dwelling_id", held_dwelling(a_.staff)}}).status, 422);
}

TEST_P(LeasesApiTest, AnotherAgencyAndCrossAgencyRolesNeverSeeALease) {
  auto l = created(a_.staff, "/api/v1/leases", lease_body(held_dwelling(a_.staff), household(a_.staff)));
  const auto path = "/api/v1/leases/" + std::to_string(l["id"].get<std::int64_t>());
  EXPECT_EQ(call(b_.staff, "GET", path).status, 404);
  EXPECT_EQ(call(b_.staff, "PATCH", path, json{{"charges", "0"}}).status, 404);
  EXPECT_EQ(call(b_.staff, "POST", path + "/end", json{{"end", "2026-12-31"}, {"reason", "x"}}).status, 404);
  EXPECT_EQ(call(b_.staff, "GET", "/api/v1/leases").json()["total"], 0);
  // A body naming another agency's dwelling or applicant: as unknown as one that does not exist.
  auto cross = call(b_.staff, "POST", "/api/v1/leases", lease_body(held_dwelling(a_.staff), household(a_.staff)));
  EXPECT_EQ(cross.status, 422);
  EXPECT_TRUE(cross.json()["error"]["fields"].contains("dwelling_id")) << cross.body;
  EXPECT_TRUE(cross.json()["error"]["fields"].contains("applicant_id")) << cross.body;
  for (const char* role : {"region", "federation", "sysadmin"}) {
    EXPECT_EQ(call(role, "GET", path).status, 403) << role;
    EXPECT_EQ(call(role, "GET", "/api/v1/leases").status, 403) << role;
    EXPECT_EQ(call(role, "POST", "/api/v1/leases", lease_body(1, 1)).status, 403) << role;
  }
  EXPECT_EQ(call(a_.staff, "GET", "/api/v1/leases").json()["total"], 1);
}

TEST_P(LeasesApiTest, TheIncomeMixCountsTheLeasesInForceAndTheirEligibleHouseholds) {
  // Two eligible households and one moderate one (2024, one adult, 35,000.00 = 127 %).
  created(a_.staff, "/api/v1/leases", lease_body(held_dwelling(a_.staff), household(a_.staff)));
  created(a_.staff, "/api/v1/leases", lease_body(held_dwelling(a_.staff), household(a_.staff)));
  created(a_.staff, "/api/v1/leases", lease_body(held_dwelling(a_.staff), household(a_.staff, 1, {{"income", "35000.00"}})));
  auto mine = call(a_.staff, "GET", "/api/v1/income-mix?date=2026-06-01");
  ASSERT_EQ(mine.status, 200) << mine.body;
  const auto mix = mine.json();
  ASSERT_EQ(mix["items"].size(), 1u) << mine.body;
  const auto row = mix["items"][0];
  EXPECT_EQ(row["agency"], a_.code);
  EXPECT_EQ(row["leases"], 3);
  EXPECT_EQ(row["at_or_below"], 2);
  EXPECT_EQ(row["share"], "0.6667");
  EXPECT_EQ(row["meets_two_thirds"], true);  // 2 of 3 is exactly two thirds
  // Before the leases start: none in force.
  EXPECT_EQ(call(a_.staff, "GET", "/api/v1/income-mix?date=2026-02-01").json()["items"].size(), 0u);
  // A fourth, moderate: 2 of 4.
  created(a_.staff, "/api/v1/leases", lease_body(held_dwelling(a_.staff), household(a_.staff, 1, {{"income", "35000.00"}})));
  const auto below_all = call(a_.staff, "GET", "/api/v1/income-mix?date=2026-06-01").json();
  const auto below = below_all["items"][0];
  EXPECT_EQ(below["share"], "0.5000");
  EXPECT_EQ(below["meets_two_thirds"], false);
  // Another agency's user sees its own (none); the region and the federation see every agency.
  EXPECT_EQ(call(b_.staff, "GET", "/api/v1/income-mix?date=2026-06-01").json()["items"].size(), 0u);
  for (const char* role : {"region", "federation"}) {
    auto all = call(role, "GET", "/api/v1/income-mix?date=2026-06-01");
    ASSERT_EQ(all.status, 200) << role;
    bool found = false;
    const auto all_json = all.json();
    for (const auto& item : all_json["items"]) {
      found = found || item["agency"] == a_.code;
      EXPECT_FALSE(item.contains("household_name"));
    }
    EXPECT_TRUE(found) << role << " " << all.body;
  }
  EXPECT_EQ(call("sysadmin", "GET", "/api/v1/income-mix").status, 403);
  EXPECT_EQ(call(a_.staff, "GET", "/api/v1/income-mix?date=2026-13-01").status, 422);
}

HMS_INSTANTIATE_BACKENDS(LeasesApiTest);

}  // namespace
}  // namespace hms::test
