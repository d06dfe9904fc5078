// Contract D for applicants, against a real `hms serve` on SQLite and PostgreSQL:
// GET|POST /api/v1/applicants, GET|PATCH /api/v1/applicants/{id}, POST …/{id}/renew.
// Creation answers the contract's fields with the band computed from the members and the
// income year (none for a year without a table); the agency's chronological number; every
// problem at once (422 with fields); an invalid national number is a 422 on the member's
// field; the same national number in two applicants not struck off is a 409 (and fine once
// the first is struck off); struck_off needs a reason; money in every input format; the list
// filters q/status/band and paging; the national number only in GET /{id}, never in a list,
// an export, an audit value or the server log; every read audited; the history of changes;
// the region, the federation and the system admin get 403 on every route; another agency 404.
#include <gtest/gtest.h>

#include <set>

#include "app/agencies/agency_settings.hpp"
#include "common/date.hpp"
#include "storage/crypto/field_cipher.hpp"
#include "storage/sql_store.hpp"
#include "support/pdf_text.hpp"
#include "support/shared_server.hpp"

namespace hms::test {
namespace {

using nlohmann::json;

constexpr const char* kNn = "85073003328";          // 1985-07-30
constexpr const char* kNnChild = "17073003384";     // 2017-07-30, "2" prefix rule
constexpr const char* kNnOther = "90011512363";

json household_body(const std::string& nn = kNn, const json& extra = json::object()) {
  json body = {{"income_year", 2024},
               {"income", "21.400,00"},
               {"incomes", 1},
               {"referral", "CPAS de Schaerbeek"},
               {"preferred_postcodes", json::array({"1210", "1030"})},
               {"members", json::array({{{"first_name", "Amina"},
                                         {"last_name", "El Idrissi"},
                                         {"birth_date", "1985-07-30"},
                                         {"relation", "applicant"},
                                         {"dependent", false},
                                         {"disabled", false},
                                         {"national_number", nn}},
                                        {{"first_name", "Yasmine"},
                                         {"last_name", "El Idrissi"},
                                         {"birth_date", "2017-07-30"},
                                         {"relation", "child"},
                                         {"dependent", true},
                                         {"disabled", false},
                                         {"national_number", nn.empty() ? "" : "17.07.30-033.84"}}})}};
  for (const auto& [k, v] : extra.items()) body[k] = v;
  return body;
}

class ApplicantsApiTest : public TwoAgenciesTest {
 protected:
  json created(const std::string& login, const json& body) {
    auto r = call(login, "POST", "/api/v1/applicants", body);
    EXPECT_EQ(r.status, 201) << body.dump() << " → " << r.body;
    return r.json();
  }
  static std::string path(const json& a) { return "/api/v1/applicants/" + std::to_string(a.value("id", 0)); }
};

TEST_P(ApplicantsApiTest, RegisterAHouseholdAnswersTheContractFieldsAndItsBand) {
  auto r = call(a_.staff, "POST", "/api/v1/applicants", household_body());
  ASSERT_EQ(r.status, 201) << r.body;
  auto a = r.json();
  EXPECT_TRUE(a["id"].is_number_integer());
  EXPECT_EQ(a["agency"], a_.code);
  EXPECT_EQ(a["number"], 1);
  EXPECT_TRUE(a["registered_on"].is_string());
  EXPECT_EQ(a["status"], "active");
  EXPECT_EQ(a["referral"], "CPAS de Schaerbeek");
  EXPECT_EQ(a["income_year"], 2024);
  EXPECT_EQ(a["income"], "21400.00");
  EXPECT_EQ(a["incomes"], 1);
  EXPECT_EQ(a["preferred_postcodes"], json::array({"1030", "1210"}));
  EXPECT_EQ(a["over_indebted"], false);
  // One adult with one income and a child in 2024: 30,554.58 + 2,618.96; 21,400.00 is below.
  EXPECT_EQ(a["band"], "eligible");
  ASSERT_EQ(a["members"].size(), 2u);
  EXPECT_EQ(a["members"][0]["relation"], "applicant");
  EXPECT_EQ(a["members"][1]["dependent"], true);
  EXPECT_EQ(a["members"][1]["national_number"], kNnChild) << "punctuation dropped";
  EXPECT_EQ(created(a_.staff, household_body(kNnOther, {{"members", json::array({{{"first_name", "Jan"},
                                                                                 {"last_name", "Peeters"},
                                                                                 {"birth_date", "1990-01-15"},
                                                                                 {"relation", "applicant"},
                                                                                 {"national_number", kNnOther}}})}}))["number"],
            2);
  // A direct registration; another agency's numbers start at 1.
  auto direct = created(b_.staff, household_body(kNn, {{"referral", nullptr}}));
  EXPECT_EQ(direct["number"], 1);
  EXPECT_TRUE(direct["referral"].is_null());
}

TEST_P(ApplicantsApiTest, TheBandFollowsTheIncomeAndIsUnknownWithoutATable) {
  auto moderate = created(a_.staff, household_body(kNn, {{"income", "40000"}}));
  EXPECT_EQ(moderate["band"], "moderate");
  auto unknown = created(a_.staff, household_body(kNnOther, {{"income_year", 2021},
                                                        {"members", json::array({{{"first_name", "Jan"},
                                                                                  {"last_name", "Peeters"},
                                                                                  {"birth_date", "1990-01-15"},
                                                                                  {"relation", "applicant"}}})}}));
  EXPECT_TRUE(unknown["band"].is_null()) << "no admission incomes for 2021: never invented: " << unknown.dump();
  auto changed = call(a_.staff, "PATCH", path(moderate), json{{"income", "90000"}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["band"], "above");
}

TEST_P(ApplicantsApiTest, MoneyInEveryInputFormat) {
  int i = 0;
  for (const auto& [typed, plain] : std::vector<std::pair<json, std::string>>{
           {"745", "745.00"}, {"745.5", "745.50"}, {"745,50", "745.50"}, {"1.234,56", "1234.56"}, {"745.50", "745.50"}}) {
    auto a = created(a_.staff, household_body("", {{"income", typed}, {"referral", "n" + std::to_string(++i)}}));
    EXPECT_EQ(a["income"], plain) << typed;
  }
}

TEST_P(ApplicantsApiTest, EveryProblemAtOnce) {
  auto body = household_body("85.07.30-033.29");
  body["income"] = "lots";
  body["members"][1]["relation"] = "applicant";
  body["members"][1]["birth_date"] = "2017-02-30";
  body["status"] = "struck_off";
  auto r = call(a_.staff, "POST", "/api/v1/applicants", body);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.error_code(), "applicants.invalid_national_number") << "the national number's code first: " << r.body;
  const auto fields = r.json()["error"]["fields"];
  for (const char* field : {"members.0.national_number", "income", "members.1.birth_date", "status_reason", "members"})
    EXPECT_TRUE(fields.contains(field) && fields[field].is_string()) << field << ": " << r.body;
  EXPECT_NE(fields.value("members.0.national_number", "").find("registre national"), std::string::npos) << r.body;
  EXPECT_EQ(count("applicants WHERE agency_id = " + std::to_string(a_.id)), 0) << "nothing written";
  // The invalid national number alone: its code is the error's.
  auto nn = call(a_.staff, "POST", "/api/v1/applicants", household_body("12345678901"));
  EXPECT_EQ(nn.status, 422);
  EXPECT_EQ(nn.error_code(), "applicants.invalid_national_number") << nn.body;
  EXPECT_TRUE(nn.json()["error"]["fields"].contains("members.0.national_number")) << nn.body;
  // An unknown key; members not an array.
  EXPECT_EQ(call(a_.staff, "POST", "/api/v1/applicants", household_body(kNn, {{"colour", "red"}})).status, 422);
  EXPECT_EQ(call(a_.staff, "POST", "/api/v1/applicants", household_body(kNn, {{"members", "Amina"}})).status, 400);
}

TEST_P(ApplicantsApiTest, TheSameNationalNumberTwiceIsA409UntilStruckOff) {
  auto first = created(a_.staff, household_body());
  auto again = call(a_.staff, "POST", "/api/v1/applicants", household_body("85.07.30-033.28"));
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(again.error_code(), "applicants.duplicate");
  // In another agency it is another register.
  created(b_.staff, household_body());
  // Struck off without a reason: refused; with one: the household may register again.
  auto no_reason = call(a_.staff, "PATCH", path(first), json{{"status", "struck_off"}});
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_EQ(no_reason.error_code(), "applicants.status_reason_required");
  auto struck = call(a_.staff, "PATCH", path(first), json{{"status", "struck_off"}, {"status_reason", "no answer to the renewal"}});
  ASSERT_EQ(struck.status, 200) << struck.body;
  EXPECT_EQ(struck.json()["status_reason"], "no answer to the renewal");
  auto second = created(a_.staff, household_body());
  EXPECT_EQ(second["number"], 2);
  // Reactivating the first would make two: refused.
  auto back = call(a_.staff, "PATCH", path(first), json{{"status", "active"}});
  EXPECT_EQ(back.status, 409) << back.body;
  EXPECT_EQ(back.error_code(), "applicants.duplicate");
}

TEST_P(ApplicantsApiTest, ListFiltersAndPaging) {
  auto amina = created(a_.staff, household_body());
  auto jan = created(a_.staff, household_body(kNnOther, {{"income", "90000"},
                                                    {"members", json::array({{{"first_name", "Jan"},
                                                                              {"last_name", "Peeters"},
                                                                              {"birth_date", "1990-01-15"},
                                                                              {"relation", "applicant"},
                                                                              {"national_number", kNnOther}}})}}));
  created(b_.staff, household_body());
  auto list = call(a_.staff, "GET", "/api/v1/applicants");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.json()["total"], 2);
  EXPECT_EQ(list.json()["items"].size(), 2u);
  auto ids = [&](const std::string& query) {
    std::set<std::int64_t> out;
    auto r = call(a_.staff, "GET", "/api/v1/applicants?" + query);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    const auto j = r.json();
    for (const auto& i : j["items"]) out.insert(i["id"].get<std::int64_t>());
    return out;
  };
  EXPECT_EQ(ids("q=peeters"), std::set<std::int64_t>{jan["id"].get<std::int64_t>()});
  EXPECT_EQ(ids("q=yasmine"), std::set<std::int64_t>{amina["id"].get<std::int64_t>()});
  EXPECT_EQ(ids("band=above"), std::set<std::int64_t>{jan["id"].get<std::int64_t>()});
  EXPECT_EQ(ids("band=eligible&status=active"), std::set<std::int64_t>{amina["id"].get<std::int64_t>()});
  EXPECT_TRUE(ids("status=housed").empty());
  EXPECT_EQ(ids("limit=1&offset=1").size(), 1u);
  EXPECT_EQ(call(a_.staff, "GET", "/api/v1/applicants?status=gone").status, 422);
  EXPECT_EQ(call(a_.staff, "GET", "/api/v1/applicants?band=rich").status, 422);
}

TEST_P(ApplicantsApiTest, TheNationalNumberOnlyInTheDetailNeverInAListTheAuditOrTheLog) {
  auto a = created(a_.staff, household_body());
  auto list = call(a_.staff, "GET", "/api/v1/applicants");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.body.find(kNn), std::string::npos) << list.body;
  EXPECT_EQ(list.body.find(kNnChild), std::string::npos);
  EXPECT_EQ(list.body.find("national_number"), std::string::npos);
  auto one = call(a_.staff, "GET", path(a));
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(one.json()["members"][0]["national_number"], kNn);
  // Exports (CSV and XLSX pages) hold none.
  auto csv = server().request("GET", "/applicants/export?format=csv", "", cookie(a_.staff).headers(false));
  EXPECT_EQ(csv.status, 200) << csv.body.substr(0, 300);
  EXPECT_NE(csv.body.find("El Idrissi"), std::string::npos) << csv.body;
  EXPECT_EQ(csv.body.find(kNn), std::string::npos);
  EXPECT_EQ(csv.body.find("85.07.30"), std::string::npos);
  auto xlsx = server().request("GET", "/applicants/export?format=xlsx", "", cookie(a_.staff).headers(false));
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.find(kNn), std::string::npos);
  // The audit: the create, the list, the read and the exports, without a value.
  auto audit = call(a_.admin, "GET", "/api/v1/audit?limit=200");
  ASSERT_EQ(audit.status, 200) << audit.body;
  std::set<std::string> actions;
  const auto entries = audit.json();
  for (const auto& e : entries["items"]) actions.insert(e.value("action", ""));
  for (const char* expected : {"applicants.create", "applicants.list", "applicants.read", "applicants.export"})
    EXPECT_TRUE(actions.contains(expected)) << expected << " in " << audit.body.substr(0, 500);
  EXPECT_EQ(audit.body.find(kNn), std::string::npos);
  EXPECT_EQ(audit.body.find(kNnChild), std::string::npos);
  EXPECT_EQ(audit.body.find("21400"), std::string::npos);
  // The server's log.
  const auto log = server().log();
  EXPECT_EQ(log.find(kNn), std::string::npos);
  EXPECT_EQ(log.find(kNnChild), std::string::npos);
  EXPECT_EQ(log.find("85.07.30"), std::string::npos);
  // And the database holds it encrypted only.
  auto c = server().db().acquire();
  for (const auto& r : c->query("SELECT national_number_cipher, national_number_index FROM applicant_members"))
    for (std::size_t i = 0; i < r.size(); ++i)
      if (!r.is_null(i)) {
        EXPECT_EQ(r.text(i).find(kNn), std::string::npos);
      }
}

// GDPR art. 15 (issue 9.5): the copy of what hms holds about a household, as JSON and as a PDF
// letter in its language: the members (the national numbers masked), its lease and every line of
// its rent account, who read or changed its record; audited; another agency's household is a
// 404 and the roles outside the agency get 403.
TEST_P(ApplicantsApiTest, AHouseholdGetsACopyOfItsDataWithoutItsNationalNumber) {
  auto a = created(a_.staff, household_body());
  const auto id = a.value("id", std::int64_t{0});
  ASSERT_EQ(call(a_.staff, "GET", path(a)).status, 200);  // a read the copy lists
  const auto lease = call(a_.staff, "POST", "/api/v1/leases", lease_body(held_dwelling(a_.staff), id, "2026-03-01"));
  ASSERT_EQ(lease.status, 201) << lease.body;
  ASSERT_EQ(call(a_.staff, "POST", "/api/v1/rent-runs", json{{"month", "2026-03"}}).status, 201);

  auto copy = call(a_.staff, "GET", path(a) + "/subject-access");
  ASSERT_EQ(copy.status, 200) << copy.body;
  const auto j = copy.json();
  EXPECT_EQ(j["household"]["members"][0]["last_name"], "El Idrissi");
  EXPECT_EQ(j["household"]["members"][0]["national_number"], "•••••••••28");
  EXPECT_EQ(copy.body.find(kNn), std::string::npos) << "the national number is never in an export";
  EXPECT_EQ(copy.body.find(kNnChild), std::string::npos);
  ASSERT_EQ(j["leases"].size(), 1u);
  EXPECT_EQ(j["leases"][0]["lease"]["tenant_rent"], "585.00");
  ASSERT_EQ(j["leases"][0]["account"].size(), 1u);
  EXPECT_EQ(j["leases"][0]["account"][0]["debit"], "645.00");
  std::set<std::string> actions;
  for (const auto& e : j["events"]) actions.insert(e.value("action", ""));
  for (const char* expected : {"applicants.create", "applicants.read", "leases.create"})
    EXPECT_TRUE(actions.contains(expected)) << expected << " in " << copy.body.substr(0, 800);
  EXPECT_FALSE(j["changes"].empty());

  // The PDF, in the household's language (French by default).
  auto pdf = server().request("GET", "/applicants/" + std::to_string(id) + "/subject-access.pdf", "", cookie(a_.staff).headers(false));
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.header("Content-Type"), "application/pdf");
  const auto text = pdf_text(pdf.body);
  ASSERT_TRUE(text.has_value());
  EXPECT_NE(text->find("Vos données personnelles"), std::string::npos) << *text;
  EXPECT_NE(text->find("El Idrissi"), std::string::npos);
  EXPECT_NE(text->find("Membre 2"), std::string::npos);
  EXPECT_EQ(text->find(kNn), std::string::npos);
  EXPECT_EQ(count("audit_log WHERE action = 'applicants.subject_access' AND object_id = '" + std::to_string(id) + "'"), 2);

  // Another agency, and the roles outside the agency.
  EXPECT_EQ(call(b_.staff, "GET", path(a) + "/subject-access").status, 404);
  EXPECT_EQ(call("region", "GET", path(a) + "/subject-access").status, 403);
  EXPECT_EQ(call("federation", "GET", path(a) + "/subject-access").status, 403);
}

// The retention period (issue 9.5): a setting of the agency admin; its dry run lists the
// households struck off longer ago than the period, and only those; nothing is erased until the
// box is ticked; then they are, with one audit entry of the purge. The staff never reaches it.
TEST_P(ApplicantsApiTest, TheRetentionPeriodProposesThenErasesTheHouseholdsNoLongerNeeded) {
  const auto& admin = cookie(a_.admin);
  auto form = [&](const std::string& path, const std::string& body) {
    return server().request("POST", path, body + "&csrf_token=" + admin.csrf, admin.headers(false), "application/x-www-form-urlencoded");
  };
  auto page = [&](const std::string& path) { return server().request("GET", path, "", admin.headers(false)); };
  // Not chosen: nothing proposed.
  EXPECT_NE(page("/applicants/retention").body.find("retention-not-chosen"), std::string::npos);
  EXPECT_NE(form("/settings", "management_fee=8&retention_years=40").header("Location").find("draft="), std::string::npos)
      << "40 years refused";
  ASSERT_EQ(form("/settings", "management_fee=8&retention_years=5").header("Location"), "/settings?saved=1");

  auto old_one = created(a_.staff, household_body(kNn));
  auto recent = created(a_.staff, household_body(kNnOther, json{{"members", json::array({{{"first_name", "Recent"}, {"last_name", "Struck"},
                                                                                         {"birth_date", "1990-01-15"}, {"relation", "applicant"}}})}}));
  auto active = created(a_.staff, household_body(""));
  for (const auto* a : {&old_one, &recent})
    ASSERT_EQ(call(a_.staff, "PATCH", path(*a), json{{"status", "struck_off"}, {"status_reason", "moved away"}}).status, 200);
  server().db().acquire()->execute("UPDATE applicants SET status_since = '2019-05-01' WHERE id = " +
                                   std::to_string(old_one.value("id", 0)));

  auto dry = page("/applicants/retention");
  ASSERT_EQ(dry.status, 200);
  EXPECT_NE(dry.body.find(">" + std::to_string(old_one.value("number", 0)) + "<"), std::string::npos) << dry.body.substr(0, 3000);
  EXPECT_EQ(dry.body.find("Recent Struck"), std::string::npos) << "struck off today";
  EXPECT_EQ(server().request("GET", "/applicants/retention", "", cookie(a_.staff).headers(false)).status, 403);
  EXPECT_EQ(server().request("GET", "/applicants/retention", "", cookie(b_.admin).headers(false)).body.find("El Idrissi"), std::string::npos);

  EXPECT_NE(form("/applicants/retention/purge", "").header("Location").find("error=confirm"), std::string::npos);
  EXPECT_EQ(call(a_.staff, "GET", path(old_one)).json()["members"][0]["last_name"], "El Idrissi") << "nothing without the box";
  EXPECT_EQ(form("/applicants/retention/purge", "confirm=yes").header("Location"), "/applicants/retention?purged=1");
  EXPECT_EQ(call(a_.staff, "GET", path(old_one)).json()["members"][0]["last_name"], "—");
  EXPECT_EQ(call(a_.staff, "GET", path(recent)).json()["members"][0]["last_name"], "Struck");
  EXPECT_EQ(call(a_.staff, "GET", path(active)).json()["status"], "active");
  EXPECT_EQ(count("audit_log WHERE action = 'applicants.purge' AND details = 'count=1' AND agency_id = " + std::to_string(a_.id)), 1);
  EXPECT_NE(page("/applicants/retention").body.find("retention-none"), std::string::npos);
}

TEST_P(ApplicantsApiTest, ChangesAreDatedAndRenewalMovesRenewedOn) {
  auto a = created(a_.staff, household_body());
  auto changed = call(a_.staff, "PATCH", path(a), json{{"over_indebted", true}, {"phone", "+32 2 511 22 33"}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["over_indebted"], true);
  EXPECT_EQ(changed.json()["number"], a["number"]);
  EXPECT_EQ(changed.json()["members"][0]["national_number"], kNn) << "members not sent: kept";
  auto renewed = call(a_.staff, "POST", path(a) + "/renew");
  ASSERT_EQ(renewed.status, 200) << renewed.body;
  EXPECT_EQ(count("applicant_changes WHERE applicant_id = " + std::to_string(a["id"].get<std::int64_t>())), 3);
  EXPECT_EQ(count("applicant_changes WHERE action = 'update' AND fields = 'over_indebted,phone' AND applicant_id = " +
                  std::to_string(a["id"].get<std::int64_t>())),
            1);
}

TEST_P(ApplicantsApiTest, OnlyTheAgencysUsersReachApplicants) {
  auto a = created(a_.staff, household_body());
  EXPECT_EQ(call(a_.admin, "GET", path(a)).status, 200);
  // Another agency: 404 and an empty list.
  EXPECT_EQ(call(b_.staff, "GET", path(a)).status, 404);
  EXPECT_EQ(call(b_.staff, "PATCH", path(a), json{{"income", "1"}}).status, 404);
  EXPECT_EQ(call(b_.staff, "GET", "/api/v1/applicants").json()["total"], 0);
  // The region, the federation and the system admin: 403 everywhere.
  new_user("appl.region", "region", "");
  new_user("appl.federation", "federation", "");
  new_user("appl.sysadmin", "system_admin", "");
  for (const char* login : {"appl.region", "appl.federation", "appl.sysadmin"}) {
    EXPECT_EQ(call(login, "GET", "/api/v1/applicants").status, 403) << login;
    EXPECT_EQ(call(login, "GET", path(a)).status, 403) << login;
    EXPECT_EQ(call(login, "POST", "/api/v1/applicants", household_body(kNnOther)).status, 403) << login;
    EXPECT_EQ(call(login, "PATCH", path(a), json{{"income", "1"}}).status, 403) << login;
    EXPECT_EQ(call(login, "POST", path(a) + "/renew").status, 403) << login;
  }
  EXPECT_EQ(call("", "GET", "/api/v1/applicants").status, 401);
}

TEST_P(ApplicantsApiTest, DidNotRenewFollowsTheAgencysPeriod) {
  // Registered 18 months ago and never renewed: late with 12 months, in time with 24.
  SystemClock clock;
  const auto registered = to_iso(add_months(clock.today(), -18));
  auto late = created(a_.staff, household_body(kNn, {{"registered_on", registered}}));
  auto fresh = created(a_.staff, household_body(kNnOther, {{"members", json::array({{{"first_name", "Jan"},
                                                                                {"last_name", "Peeters"},
                                                                                {"birth_date", "1990-01-15"},
                                                                                {"relation", "applicant"}}})}}));
  auto ids = [&]() {
    std::set<std::int64_t> out;
    auto r = call(a_.staff, "GET", "/api/v1/applicants?not_renewed=1");
    EXPECT_EQ(r.status, 200) << r.body;
    const auto j = r.json();
    for (const auto& i : j["items"]) out.insert(i["id"].get<std::int64_t>());
    return out;
  };
  EXPECT_EQ(ids(), std::set<std::int64_t>{late["id"].get<std::int64_t>()});
  {
    const auto& url = server().db_url();
    storage::SqlStore store(db::Database::open(url, 1), storage::load_field_cipher(url, false));
    app::AgencySettingsFields f;
    f.applicant_renewal_months = "24";
    app::update_agency_settings(store, app::Context{clock, "test", std::nullopt, std::nullopt}, f, a_.code);
  }
  EXPECT_TRUE(ids().empty()) << "24 months: still in time";
  // Renewed today: in time whatever the period.
  EXPECT_EQ(call(a_.staff, "POST", path(late) + "/renew").status, 200);
  EXPECT_EQ(call(a_.staff, "GET", path(late)).json()["renewed_on"], to_iso(clock.today()));
  EXPECT_EQ(call(a_.staff, "POST", path(fresh) + "/renew").status, 200);
}

HMS_INSTANTIATE_BACKENDS(ApplicantsApiTest);

}  // namespace
}  // namespace hms::test
