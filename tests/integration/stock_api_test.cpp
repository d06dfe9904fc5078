// Contract B for dwellings, checked against a real `hms serve` on SQLite and PostgreSQL the way
// an integrator uses it: GET|POST /api/v1/dwellings, GET|PATCH /api/v1/dwellings/{id}, GET
// /api/v1/dwellings/{id}/history. Creation answers the contract's fields (commune derived from
// the postcode and bilingual, peb_class null when absent); every invalid field is a 422 naming
// it; a reference is unique within an agency only; a status change is a new period of the
// history; the list filters and pages. Then agency isolation: another agency's user gets 404 on
// every object, an empty list, and cannot create into it by naming it; the region and the
// federation read every agency's dwellings and change none; without a session, 401.
// Also: concurrent creations and renames conflict cleanly (409, never 500; one building per
// address), and a form in invalid UTF-8 is refused instead of breaking every later list.
// One server per backend for the whole suite; each test works in agencies of its own.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <thread>

#include "common/clock.hpp"
#include "common/date.hpp"
#include "common/text.hpp"
#include "support/shared_server.hpp"

namespace hms::test {
namespace {

using db::Backend;
using nlohmann::json;

// A dwelling's JSON body with the required fields, and `extra` on top.
json dwelling(const std::string& reference, const json& extra = json::object()) {
  json body = {{"reference", reference}, {"street", "Rue de la Paix"}, {"number", "12"},
               {"postcode", "1050"},     {"type", "apartment"},        {"bedrooms", 2}};
  for (const auto& [k, v] : extra.items()) body[k] = v;
  return body;
}

class StockApiTest : public TwoAgenciesTest {
 protected:
  // Creates a dwelling as `login`; fails the test unless 201. Answers its JSON.
  json create(const std::string& login, const json& body) {
    auto r = call(login, "POST", "/api/v1/dwellings", body);
    EXPECT_EQ(r.status, 201) << body.dump() << " → " << r.body;
    return r.json();
  }
  static std::string path_of(const json& d) { return "/api/v1/dwellings/" + std::to_string(d.at("id").get<std::int64_t>()); }

};

void expect_error(const HttpResult& r, int status, const std::string& code, const std::string& what = "") {
  EXPECT_EQ(r.status, status) << what << ": " << r.body;
  EXPECT_EQ(r.error_code(), code) << what << ": " << r.body;
  auto j = r.json();
  if (status == 422)
    EXPECT_TRUE(j["error"].contains("fields") && j["error"]["fields"].is_object()) << what << ": " << r.body;
  else
    EXPECT_FALSE(j.is_object() && j["error"].contains("fields")) << what << ": fields only on 422: " << r.body;
}

// ---- Creating and reading -------------------------------------------------------------------

TEST_P(StockApiTest, CreateAnswers201WithTheContractFields) {
  const auto audit_before = count("audit_log WHERE action = 'stock.create'");
  auto r = call(a_.staff, "POST", "/api/v1/dwellings",
                dwelling("CR-0001", {{"box", "3"},
                                     {"floor", 2},
                                     {"surface_m2", "68,5"},
                                     {"peb_class", "d"},
                                     {"categories", json::array({"transit", "student"})}}));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.header("Content-Type").rfind("application/json", 0), 0u);
  auto d = r.json();
  EXPECT_TRUE(d["id"].is_number_integer());
  EXPECT_GT(d["id"].get<std::int64_t>(), 0);
  EXPECT_EQ(d["agency"], a_.code);
  EXPECT_EQ(d["reference"], "CR-0001");
  EXPECT_EQ(d["street"], "Rue de la Paix");
  EXPECT_EQ(d["number"], "12");
  EXPECT_EQ(d["box"], "3");
  EXPECT_EQ(d["postcode"], "1050");
  // Derived from the postcode, in both languages.
  EXPECT_EQ(d["commune"], "Ixelles / Elsene");
  EXPECT_EQ(d["type"], "apartment");
  EXPECT_EQ(d["bedrooms"], 2);
  EXPECT_EQ(d["surface_m2"], 68.5);
  EXPECT_EQ(d["peb_class"], "D");
  EXPECT_EQ(d["status"], "active");
  EXPECT_EQ(d["categories"], json::array({"student", "transit"}));
  // Read back: the same object.
  auto got = call(a_.staff, "GET", path_of(d));
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.json(), d);
  EXPECT_EQ(count("audit_log WHERE action = 'stock.create'"), audit_before + 1);
}

TEST_P(StockApiTest, OptionalFieldsAreNullOrEmptyAndAOneNameCommuneIsNotRepeated) {
  auto d = create(a_.staff, dwelling("CR-0002", {{"postcode", "1040"}, {"type", "house"}, {"bedrooms", "0"}}));
  EXPECT_TRUE(d["peb_class"].is_null()) << d.dump();
  EXPECT_TRUE(d["surface_m2"].is_null()) << d.dump();
  EXPECT_TRUE(d["floor"].is_null()) << d.dump();
  EXPECT_EQ(d["box"], "");
  EXPECT_EQ(d["bedrooms"], 0) << "0 bedrooms: a studio";
  EXPECT_EQ(d["type"], "house");
  EXPECT_EQ(d["commune"], "Etterbeek");
  auto brussels = create(a_.staff, dwelling("CR-0003", {{"postcode", "1000"}, {"surface_m2", 70}}));
  EXPECT_EQ(brussels["commune"], "Bruxelles / Brussel");
  EXPECT_EQ(brussels["surface_m2"], 70);
}

TEST_P(StockApiTest, EveryInvalidFieldIsA422NamingIt) {
  struct Case {
    std::string field;
    json value;
    std::string code;
  };
  const std::vector<Case> cases = {
      {"postcode", "2000", "stock.invalid_postcode"},  // Antwerp: outside the Region
      {"postcode", "1051", "stock.invalid_postcode"},
      {"postcode", "", "stock.invalid_postcode"},
      {"reference", "", "stock.invalid_reference"},
      {"reference", std::string(33, 'R'), "stock.invalid_reference"},
      {"street", " ", "stock.invalid_street"},
      {"number", "", "stock.invalid_number"},
      {"box", std::string(11, 'b'), "stock.invalid_box"},
      {"type", "castle", "stock.invalid_type"},
      {"bedrooms", "two", "stock.invalid_bedrooms"},
      {"bedrooms", -1, "stock.invalid_bedrooms"},
      {"bedrooms", 21, "stock.invalid_bedrooms"},
      {"floor", "first", "stock.invalid_floor"},
      {"surface_m2", "68.55", "stock.invalid_surface"},
      {"surface_m2", 5, "stock.invalid_surface"},
      {"peb_class", "H", "stock.invalid_peb_class"},
      {"categories", json::array({"penthouse"}), "stock.invalid_category"},
      {"status", "sold", "stock.invalid_status"},
      {"status_since", "2026-02-30", "common.invalid_date"},
      {"peb_date", "yesterday", "common.invalid_date"},
  };
  const auto before = count("dwellings");
  for (const auto& c : cases) {
    auto body = dwelling("BAD-0001", {{c.field, c.value}});
    auto r = call(a_.staff, "POST", "/api/v1/dwellings", body);
    const std::string what = c.field + "=" + c.value.dump();
    expect_error(r, 422, c.code, what);
    auto fields = r.json()["error"]["fields"];
    EXPECT_TRUE(fields.contains(c.field)) << what << ": " << r.body;
    EXPECT_FALSE(fields.value(c.field, "").empty()) << what << ": the field's message: " << r.body;
    EXPECT_EQ(fields.size(), 1u) << what << ": only the wrong field is named: " << r.body;
    EXPECT_FALSE(r.json()["error"].value("message", "").empty()) << what;
  }
  // A postcode outside the Region: the message says which are accepted.
  auto antwerp = call(a_.staff, "POST", "/api/v1/dwellings", dwelling("BAD-0002", {{"postcode", "2000"}}));
  EXPECT_NE(antwerp.json()["error"]["message"].get<std::string>().find("1050"), std::string::npos) << antwerp.body;
  // Every problem at once.
  auto all = call(a_.staff, "POST", "/api/v1/dwellings",
                  json{{"reference", ""}, {"street", "Rue X"}, {"number", "1"}, {"postcode", "2000"},
                       {"type", "castle"}, {"bedrooms", "x"}, {"surface_m2", "68.55"}, {"peb_class", "Z"}});
  EXPECT_EQ(all.status, 422) << all.body;
  auto fields = all.json()["error"]["fields"];
  for (const char* f : {"reference", "postcode", "type", "bedrooms", "surface_m2", "peb_class"})
    EXPECT_TRUE(fields.contains(f)) << f << " missing from " << all.body;
  // The required fields, each missing.
  for (const char* f : {"reference", "street", "number", "postcode", "type", "bedrooms"}) {
    auto body = dwelling("BAD-0003");
    body.erase(f);
    auto r = call(a_.staff, "POST", "/api/v1/dwellings", body);
    EXPECT_EQ(r.status, 422) << f << ": " << r.body;
    EXPECT_TRUE(r.json()["error"]["fields"].contains(f)) << f << ": " << r.body;
  }
  // An unknown key is named too; a body that is not an object is malformed.
  auto unknown = call(a_.staff, "POST", "/api/v1/dwellings", dwelling("BAD-0004", {{"colour", "red"}}));
  expect_error(unknown, 422, "common.unknown_field", "colour");
  EXPECT_TRUE(unknown.json()["error"]["fields"].contains("colour")) << unknown.body;
  auto not_json = server().request("POST", "/api/v1/dwellings", "{not json", bearer(token(a_.staff)));
  EXPECT_EQ(not_json.status, 400) << not_json.body;
  auto array = server().request("POST", "/api/v1/dwellings", "[1,2]", bearer(token(a_.staff)));
  EXPECT_EQ(array.status, 400) << array.body;
  EXPECT_EQ(count("dwellings"), before) << "a refused request created a dwelling";
}

TEST_P(StockApiTest, AReferenceIsUniqueWithinAnAgencyOnly) {
  auto first = create(a_.staff, dwelling("DUP-0001"));
  auto again = call(a_.admin, "POST", "/api/v1/dwellings", dwelling("DUP-0001", {{"street", "Rue Haute"}}));
  expect_error(again, 409, "stock.reference_taken", "same agency");
  EXPECT_NE(again.json()["error"]["message"].get<std::string>().find("DUP-0001"), std::string::npos) << again.body;
  EXPECT_EQ(count("dwellings WHERE reference = 'DUP-0001'"), 1);
  // Another agency may use the same reference.
  auto other = create(b_.staff, dwelling("DUP-0001"));
  EXPECT_EQ(other["agency"], b_.code);
  EXPECT_EQ(count("dwellings WHERE reference = 'DUP-0001'"), 2);
  // Renaming another dwelling of the agency to a taken reference is a conflict too.
  auto second = create(a_.staff, dwelling("DUP-0002"));
  auto rename = call(a_.staff, "PATCH", path_of(second), json{{"reference", "DUP-0001"}});
  expect_error(rename, 409, "stock.reference_taken", "rename");
  EXPECT_EQ(call(a_.staff, "GET", path_of(second)).json()["reference"], "DUP-0002");
  // Keeping its own reference is no conflict.
  EXPECT_EQ(call(a_.staff, "PATCH", path_of(first), json{{"reference", "DUP-0001"}}).status, 200);
}

// Many agency staff at once (PostgreSQL runs them really concurrently; SQLite serialises the
// writers): the same reference gives one success and 409s, never a 500 — on creation and on a
// rename; dwellings at one new address all join the one building made for it (regression: on
// PostgreSQL two transactions both inserted the building and one ended in a 500).
TEST_P(StockApiTest, ConcurrentCreationsConflictCleanly) {
  constexpr int kThreads = 8;
  const auto& t = token(a_.staff);
  // Runs kThreads requests at once; answers their statuses and bodies.
  auto all_at_once = [&](const std::string& method, auto path_of_i, auto body_of_i) {
    std::vector<HttpResult> results(kThreads);
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i)
      threads.emplace_back([&, i] { results[i] = server().request(method, path_of_i(i), body_of_i(i).dump(), bearer(t)); });
    for (auto& th : threads) th.join();
    return results;
  };
  auto statuses = [](const std::vector<HttpResult>& rs) {
    std::map<int, int> by_status;
    for (const auto& r : rs) ++by_status[r.status];
    return by_status;
  };
  for (int round = 0; round < 4; ++round) {
    const auto suffix = std::to_string(round);
    // One reference, eight creations.
    auto same_ref = all_at_once("POST", [](int) { return std::string("/api/v1/dwellings"); }, [&](int i) {
      return dwelling("RACE-REF-" + suffix, {{"street", "Rue de la Course"}, {"number", std::to_string(100 + i)}});
    });
    EXPECT_EQ(statuses(same_ref), (std::map<int, int>{{201, 1}, {409, kThreads - 1}})) << "round " << round;
    for (const auto& r : same_ref) {
      if (r.status != 201) {
        EXPECT_EQ(r.error_code(), "stock.reference_taken") << r.body;
      }
    }
    EXPECT_EQ(count("dwellings WHERE reference = 'RACE-REF-" + suffix + "'"), 1);
    // One new address, eight dwellings: one building.
    auto same_address = all_at_once("POST", [](int) { return std::string("/api/v1/dwellings"); }, [&](int i) {
      return dwelling("RACE-ADDR-" + suffix + "-" + std::to_string(i),
                      {{"street", "Rue du Même Immeuble"}, {"number", "7" + suffix}, {"box", std::to_string(i)}});
    });
    std::set<std::int64_t> buildings;
    for (const auto& r : same_address) {
      EXPECT_EQ(r.status, 201) << "round " << round << ": " << r.body;
      auto j = r.json();
      if (j.is_object() && j.contains("building_id")) buildings.insert(j["building_id"].get<std::int64_t>());
    }
    EXPECT_EQ(buildings.size(), 1u) << "one building for one address, round " << round;
    // Eight dwellings renamed to one reference at once.
    std::vector<std::string> paths;
    for (int i = 0; i < kThreads; ++i)
      paths.push_back(path_of(create(a_.staff, dwelling("RACE-REN-" + suffix + "-" + std::to_string(i)))));
    auto renamed = all_at_once("PATCH", [&](int i) { return paths[i]; },
                               [&](int) { return json{{"reference", "RACE-RENAMED-" + suffix}}; });
    EXPECT_EQ(statuses(renamed), (std::map<int, int>{{200, 1}, {409, kThreads - 1}})) << "round " << round;
    EXPECT_EQ(count("dwellings WHERE reference = 'RACE-RENAMED-" + suffix + "'"), 1);
  }
}

// Regression: a form sending a street in invalid UTF-8 ("%C3") stored it, and from then on
// GET /api/v1/dwellings answered 500 for the whole agency. Now the form is refused.
TEST_P(StockApiTest, InvalidUtf8FromAFormIsRefusedAndTheListStillAnswers) {
  const auto& session = cookie(a_.staff);
  auto r = server().submit("/dwellings",
                           "csrf_token=" + session.csrf +
                               "&reference=UTF-0001&street=Rue%20%C3&number=1&postcode=1000&type=apartment&bedrooms=1",
                           session.headers(false));
  EXPECT_EQ(r.status, 422) << "refused (shown through its draft, issue 15.7)";
  EXPECT_LT(r.status, 500) << r.body.substr(0, 300);
  EXPECT_EQ(count("dwellings WHERE reference = 'UTF-0001'"), 0);
  auto list = call(a_.staff, "GET", "/api/v1/dwellings?limit=500");
  EXPECT_EQ(list.status, 200) << list.body.substr(0, 300);
}

// ---- Changing -------------------------------------------------------------------------------

TEST_P(StockApiTest, PatchChangesOnlyTheFieldsSent) {
  auto d = create(a_.staff, dwelling("PT-0001", {{"surface_m2", "68,5"}, {"peb_class", "C"}, {"box", "3"}}));
  auto r = call(a_.staff, "PATCH", path_of(d), json{{"street", "Rue Neuve"}, {"postcode", "1000"}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto p = r.json();
  EXPECT_EQ(p["street"], "Rue Neuve");
  EXPECT_EQ(p["postcode"], "1000");
  EXPECT_EQ(p["commune"], "Bruxelles / Brussel");
  EXPECT_EQ(p["bedrooms"], 2);
  EXPECT_EQ(p["surface_m2"], 68.5);
  EXPECT_EQ(p["peb_class"], "C");
  EXPECT_EQ(p["box"], "3");
  EXPECT_EQ(p["reference"], "PT-0001");
  EXPECT_EQ(call(a_.staff, "GET", path_of(d)).json(), p);
  // null clears an optional field.
  auto cleared = call(a_.staff, "PATCH", path_of(d), json{{"peb_class", nullptr}, {"surface_m2", nullptr}});
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_TRUE(cleared.json()["peb_class"].is_null()) << cleared.body;
  EXPECT_TRUE(cleared.json()["surface_m2"].is_null()) << cleared.body;
  // A client may send back what it read (read-only fields are ignored).
  auto echoed = call(a_.staff, "PATCH", path_of(d), cleared.json());
  EXPECT_EQ(echoed.status, 200) << echoed.body;
  // Invalid values: 422, nothing changed.
  auto bad = call(a_.staff, "PATCH", path_of(d), json{{"postcode", "2000"}, {"street", "Rue Changée"}});
  expect_error(bad, 422, "stock.invalid_postcode", "patch postcode");
  EXPECT_EQ(call(a_.staff, "GET", path_of(d)).json()["street"], "Rue Neuve");
  // The agency is not editable.
  auto move = call(a_.staff, "PATCH", path_of(d), json{{"agency", b_.code}});
  expect_error(move, 422, "common.field_not_editable", "agency");
  // An id that does not exist.
  expect_error(call(a_.staff, "PATCH", "/api/v1/dwellings/987654321", json{{"street", "X"}}), 404, "stock.not_found");
  expect_error(call(a_.staff, "GET", "/api/v1/dwellings/987654321"), 404, "stock.not_found");
  expect_error(call(a_.staff, "GET", "/api/v1/dwellings/987654321/history"), 404, "stock.not_found");
}

TEST_P(StockApiTest, AStatusChangeOpensANewPeriodOfTheHistory) {
  auto d = create(a_.staff, dwelling("ST-0001", {{"status_since", "2025-06-01"}}));
  EXPECT_EQ(d["status"], "active");
  EXPECT_EQ(d["status_since"], "2025-06-01");
  auto history = [&] { return call(a_.staff, "GET", path_of(d) + "/history").json(); };
  EXPECT_EQ(history(), (json{{"items", json::array({{{"status", "active"}, {"from", "2025-06-01"}, {"to", nullptr}}})},
                             {"total", 1}}));

  auto vacant = call(a_.staff, "PATCH", path_of(d), json{{"status", "vacant"}, {"status_since", "2025-12-15"}});
  ASSERT_EQ(vacant.status, 200) << vacant.body;
  EXPECT_EQ(vacant.json()["status"], "vacant");
  EXPECT_EQ(vacant.json()["status_since"], "2025-12-15");
  auto active = call(a_.staff, "PATCH", path_of(d), json{{"status", "active"}, {"status_since", "2026-01-20"}});
  ASSERT_EQ(active.status, 200) << active.body;
  const json expected = {{"items", json::array({{{"status", "active"}, {"from", "2025-06-01"}, {"to", "2025-12-15"}},
                                                {{"status", "vacant"}, {"from", "2025-12-15"}, {"to", "2026-01-20"}},
                                                {{"status", "active"}, {"from", "2026-01-20"}, {"to", nullptr}}})},
                         {"total", 3}};
  EXPECT_EQ(history(), expected);
  // A new status may not start before the current one: nothing is rewritten.
  auto before = call(a_.staff, "PATCH", path_of(d), json{{"status", "works"}, {"status_since", "2026-01-19"}});
  expect_error(before, 422, "stock.status_date_before_current", "status before current");
  EXPECT_EQ(history(), expected);
  EXPECT_EQ(call(a_.staff, "GET", path_of(d)).json()["status"], "active");
  // The same status again is no new period.
  EXPECT_EQ(call(a_.staff, "PATCH", path_of(d), json{{"status", "active"}}).status, 200);
  EXPECT_EQ(history(), expected);
  // Without a date, the new status starts today.
  auto works = call(a_.staff, "PATCH", path_of(d), json{{"status", "works"}});
  ASSERT_EQ(works.status, 200) << works.body;
  EXPECT_EQ(history()["total"], 4);
  EXPECT_EQ(history()["items"][3]["from"], works.json()["status_since"]);
  EXPECT_EQ(count("audit_log WHERE action = 'stock.status' AND object_id = '" + std::to_string(d["id"].get<std::int64_t>()) + "'"), 3);
}

// ---- Lists ----------------------------------------------------------------------------------

TEST_P(StockApiTest, ListFiltersAndPages) {
  create(b_.staff, dwelling("L-B1"));  // another agency's, for the cross-agency roles
  // Agency L's own stock, made here only.
  const auto l = new_agency();
  create(l.staff, dwelling("L-01", {{"street", "Rue de la Fontaine"}, {"postcode", "1050"}}));
  create(l.staff, dwelling("L-02", {{"street", "Avenue Louise"}, {"postcode", "1050"}, {"status", "vacant"}}));
  create(l.staff, dwelling("L-03", {{"street", "Rue Haute"}, {"postcode", "1000"}, {"status", "vacant"}}));
  create(l.staff, dwelling("L-04", {{"street", "Chaussée de Wavre"}, {"postcode", "1040"}, {"status", "works"}}));
  create(l.staff, dwelling("L-05", {{"street", "Rue Haute"}, {"number", "14"}, {"postcode", "1000"}}));
  create(l.staff, dwelling("L-06", {{"street", "Place Flagey"}, {"postcode", "1050"}, {"status", "ended"}}));
  create(l.staff, dwelling("L-07", {{"street", "Rue de la FONTAINE"}, {"number", "3"}, {"postcode", "1000"}}));
  auto list = [&](const std::string& query, const std::string& as = "") {  // as L's staff by default
    const auto& login = as.empty() ? l.staff : as;
    auto r = call(login, "GET", "/api/v1/dwellings" + query);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    return r.json();
  };
  auto refs = [](const json& page) {
    std::vector<std::string> out;
    for (const auto& d : page["items"]) out.push_back(d["reference"].get<std::string>());
    return out;
  };
  using V = std::vector<std::string>;
  auto all = list("");
  EXPECT_EQ(all["total"], 7);
  EXPECT_EQ(refs(all), (V{"L-01", "L-02", "L-03", "L-04", "L-05", "L-06", "L-07"})) << "ordered by reference";
  EXPECT_EQ(refs(list("?q=fontaine")), (V{"L-01", "L-07"})) << "free text, any case";
  EXPECT_EQ(refs(list("?q=Elsene")), (V{"L-01", "L-02", "L-06"})) << "the commune's Dutch name";
  EXPECT_EQ(refs(list("?q=l-03")), (V{"L-03"})) << "the reference";
  EXPECT_EQ(refs(list("?q=%25haute")), (V{"L-03", "L-05"})) << "% is no pattern (like_pattern drops it)";
  EXPECT_EQ(refs(list("?postcode=1000")), (V{"L-03", "L-05", "L-07"}));
  EXPECT_EQ(refs(list("?status=vacant")), (V{"L-02", "L-03"}));
  EXPECT_EQ(refs(list("?status=vacant&postcode=1000")), (V{"L-03"}));
  EXPECT_EQ(refs(list("?q=haute&status=active")), (V{"L-05"}));
  EXPECT_EQ(list("?postcode=1000")["total"], 3);
  // Paging: limit and offset; total counts every match.
  auto page1 = list("?limit=3");
  EXPECT_EQ(refs(page1), (V{"L-01", "L-02", "L-03"}));
  EXPECT_EQ(page1["total"], 7);
  auto page3 = list("?limit=3&offset=6");
  EXPECT_EQ(refs(page3), (V{"L-07"}));
  EXPECT_EQ(page3["total"], 7);
  EXPECT_EQ(list("?limit=3&offset=50")["items"].size(), 0u);
  EXPECT_EQ(list("?limit=3&offset=50")["total"], 7);
  // A limit above 500 is lowered to 500, as for every list of the API; a malformed one is 400.
  auto wide = call(l.staff, "GET", "/api/v1/dwellings?limit=501");
  EXPECT_EQ(wide.status, 200) << wide.body;
  EXPECT_EQ(wide.json()["total"], 7);
  for (const char* bad : {"?limit=0", "?limit=-1", "?limit=abc", "?offset=-1"})
    expect_error(call(l.staff, "GET", std::string("/api/v1/dwellings") + bad), 400, "common.invalid_paging", bad);
  expect_error(call(l.staff, "GET", "/api/v1/dwellings?status=sold"), 422, "stock.invalid_status", "status=sold");
  // An agency user's list is its own agency's, whatever ?agency says.
  EXPECT_EQ(list("?agency=" + b_.code)["total"], 7);
  // The region and the federation read every agency's, filtered with ?agency.
  for (const char* login : {"region", "federation"}) {
    auto of_l = list("?agency=" + l.code, login);
    EXPECT_EQ(refs(of_l), refs(all)) << login;
    EXPECT_EQ(list("?agency=" + to_lower_ascii(l.code) + "&status=vacant", login)["total"], 2) << login;
    EXPECT_GT(list("", login)["total"].get<int>(), 7) << login << " without ?agency: every agency";
    EXPECT_EQ(list("?agency=NO-SUCH", login)["total"], 0) << login;
  }
}

// The dashboard's to-do card "dwellings vacant for more than 3 months" links to
// ?status=vacant&vacant_days=90: vacant for more than N days, counted from the vacancy's start
// to today; a vacancy planned for later, or another status, is not counted.
TEST_P(StockApiTest, VacantForMoreThanNDaysFiltersOnTheVacancysStart) {
  const auto today = SystemClock().today();
  auto day = [&](int offset) { return to_iso(add_days(today, offset)); };
  const auto l = new_agency();
  create(l.staff, dwelling("V-01", {{"status", "vacant"}, {"status_since", day(-200)}}));
  create(l.staff, dwelling("V-02", {{"status", "vacant"}, {"status_since", day(-30)}}));
  create(l.staff, dwelling("V-03", {{"status", "active"}, {"status_since", day(-300)}}));
  create(l.staff, dwelling("V-04", {{"status", "vacant"}, {"status_since", day(-90)}}));   // exactly 90 days: not more
  create(l.staff, dwelling("V-05", {{"status", "vacant"}, {"status_since", day(-91)}}));
  auto refs = [&](const std::string& query) {
    auto r = call(l.staff, "GET", "/api/v1/dwellings" + query);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    const auto page = r.json();  // (kept: a loop over r.json()["items"] would read a destroyed temporary)
    std::vector<std::string> out;
    for (const auto& d : page["items"]) out.push_back(d["reference"].get<std::string>());
    EXPECT_EQ(page["total"].get<std::size_t>(), out.size()) << query;
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(refs("?status=vacant&vacant_days=90"), (V{"V-01", "V-05"}));
  EXPECT_EQ(refs("?vacant_days=90"), (V{"V-01", "V-05"})) << "vacant_days implies vacant";
  EXPECT_EQ(refs("?vacant_days=10"), (V{"V-01", "V-02", "V-04", "V-05"}));
  EXPECT_EQ(refs("?vacant_days=365"), V{});
  EXPECT_EQ(refs("?status=vacant"), (V{"V-01", "V-02", "V-04", "V-05"}));
  expect_error(call(l.staff, "GET", "/api/v1/dwellings?status=active&vacant_days=90"), 422,
               "stock.vacant_days_needs_vacant", "another status");
  for (const char* bad : {"?vacant_days=abc", "?vacant_days=-1", "?vacant_days=99999"})
    expect_error(call(l.staff, "GET", std::string("/api/v1/dwellings") + bad), 422, "stock.invalid_vacant_days", bad);
  // Another agency sees none of them.
  EXPECT_EQ(call(b_.staff, "GET", "/api/v1/dwellings?vacant_days=10").json()["total"], 0);
}

// A status dated after today is planned: the dwelling keeps the status in force today (in its
// JSON, the lists' filters and the dashboard's counts), the planned one said apart.
TEST_P(StockApiTest, AStatusDatedLaterIsPlannedNotCurrent) {
  const auto today = SystemClock().today();
  const auto l = new_agency();
  auto d = create(l.staff, dwelling("P-01", {{"status_since", to_iso(add_days(today, -20))}}));
  auto r = call(l.staff, "PATCH", path_of(d), json{{"status", "vacant"}, {"status_since", to_iso(add_days(today, 10))},
                                                   {"vacancy_reason", "between_tenants"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["status"], "active");
  EXPECT_EQ(r.json()["status_since"], to_iso(add_days(today, -20)));
  EXPECT_EQ(r.json()["planned_status"], "vacant");
  EXPECT_EQ(r.json()["planned_from"], to_iso(add_days(today, 10)));
  EXPECT_EQ(call(l.staff, "GET", path_of(d)).json()["status"], "active");
  EXPECT_EQ(call(l.staff, "GET", "/api/v1/dwellings?status=vacant").json()["total"], 0);
  EXPECT_EQ(call(l.staff, "GET", "/api/v1/dwellings?status=active").json()["total"], 1);
  // The vacancy's reason travels with the planned period, and an unknown reason is refused.
  expect_error(call(l.staff, "POST", "/api/v1/dwellings", dwelling("P-02", {{"status", "vacant"}, {"vacancy_reason", "bored"}})),
               422, "stock.invalid_vacancy_reason", "unknown reason");
  expect_error(call(l.staff, "POST", "/api/v1/dwellings", dwelling("P-02", {{"status", "vacant"}, {"vacancy_reason", "other"}})),
               422, "stock.vacancy_note_required", "other without a text");
  auto vacant = create(l.staff, dwelling("P-03", {{"status", "vacant"}, {"vacancy_reason", "other"}, {"vacancy_note", "Sinistre"}}));
  EXPECT_EQ(vacant["vacancy_reason"], "other");
  EXPECT_EQ(vacant["vacancy_note"], "Sinistre");
  EXPECT_EQ(vacant["planned_status"], nullptr);
  // Lists count today's status: P-03 vacant, P-01 still active.
  EXPECT_EQ(call(l.staff, "GET", "/api/v1/dwellings?status=vacant").json()["total"], 1);
  EXPECT_EQ(call(l.staff, "GET", "/api/v1/dwellings?status=active").json()["total"], 1);
}

// ---- Agency isolation -----------------------------------------------------------------------

TEST_P(StockApiTest, AnotherAgencysUserGets404OnEveryObjectAndAnEmptyList) {
  auto a = create(a_.staff, dwelling("ISO-A1", {{"street", "Rue Secrète"}}));
  const auto path = path_of(a);
  for (const std::string& login : {b_.staff}) {
    auto get = call(login, "GET", path);
    expect_error(get, 404, "stock.not_found", std::string(login) + " GET");
    auto history = call(login, "GET", path + "/history");
    expect_error(history, 404, "stock.not_found", std::string(login) + " GET history");
    auto patch = call(login, "PATCH", path, json{{"street", "Rue Volée"}});
    expect_error(patch, 404, "stock.not_found", std::string(login) + " PATCH");
    auto status = call(login, "PATCH", path, json{{"status", "ended"}});
    expect_error(status, 404, "stock.not_found", std::string(login) + " PATCH status");
    // The same answer as for an id that does not exist: existence is not revealed.
    EXPECT_EQ(get.body, call(login, "GET", "/api/v1/dwellings/987654321").body);
    // Its lists hold none of A's dwellings, whatever the filters.
    for (const std::string& query : {std::string("?q=ISO-A1"), std::string("?q=secr"), "?agency=" + a_.code,
                                     "?agency=" + a_.code + "&q=ISO-A1", std::string("?limit=500")}) {
      auto list = call(login, "GET", "/api/v1/dwellings" + query);
      ASSERT_EQ(list.status, 200) << query;
      const auto page = list.json();  // not a range-for over a temporary
      for (const auto& d : page["items"]) EXPECT_EQ(d["agency"], b_.code) << query << ": " << d.dump();
      if (query.find("q=") != std::string::npos) {
        EXPECT_EQ(page["total"], 0) << query;
      }
    }
  }
  // Nothing changed.
  auto after = call(a_.staff, "GET", path).json();
  EXPECT_EQ(after["street"], "Rue Secrète");
  EXPECT_EQ(after["status"], "active");
  EXPECT_EQ(call(a_.staff, "GET", path + "/history").json()["total"], 1);
}

TEST_P(StockApiTest, AnAgencyUserCannotCreateIntoAnotherAgencyByNamingIt) {
  const auto before = count("dwellings");
  for (const std::string& code : {a_.code, to_lower_ascii(a_.code), " " + a_.code + " "}) {
    auto r = call(b_.staff, "POST", "/api/v1/dwellings", dwelling("INTO-A", {{"agency", code}}));
    expect_error(r, 422, "stock.unknown_agency", code);
    EXPECT_TRUE(r.json()["error"]["fields"].contains("agency")) << r.body;
  }
  // The same answer as for an agency that does not exist.
  auto none = call(b_.staff, "POST", "/api/v1/dwellings", dwelling("INTO-A", {{"agency", "NO-SUCH"}}));
  expect_error(none, 422, "stock.unknown_agency", "NO-SUCH");
  EXPECT_EQ(count("dwellings"), before) << "nothing created";
  auto seen_by_a = call(a_.staff, "GET", "/api/v1/dwellings?q=INTO-A");
  EXPECT_EQ(seen_by_a.json()["total"], 0) << seen_by_a.body;
  // Naming its own agency is fine.
  auto own = create(b_.staff, dwelling("INTO-B", {{"agency", b_.code}}));
  EXPECT_EQ(own["agency"], b_.code);
}

TEST_P(StockApiTest, TheRegionAndTheFederationReadEveryAgencyAndChangeNothing) {
  auto a = create(a_.staff, dwelling("RO-A1", {{"peb_class", "B"}}));
  const auto path = path_of(a);
  const auto before = count("dwellings");
  for (const char* login : {"region", "federation"}) {
    auto get = call(login, "GET", path);
    ASSERT_EQ(get.status, 200) << login << ": " << get.body;
    EXPECT_EQ(get.json(), a) << login;
    EXPECT_EQ(call(login, "GET", path + "/history").status, 200) << login;
    auto list = call(login, "GET", "/api/v1/dwellings?agency=" + a_.code + "&q=RO-A1");
    EXPECT_EQ(list.json()["total"], 1) << login << ": " << list.body;
    expect_error(call(login, "POST", "/api/v1/dwellings", dwelling("RO-NEW", {{"agency", a_.code}})), 403,
                 "common.forbidden", std::string(login) + " POST");
    expect_error(call(login, "POST", "/api/v1/dwellings", dwelling("RO-NEW")), 403, "common.forbidden",
                 std::string(login) + " POST without agency");
    expect_error(call(login, "PATCH", path, json{{"street", "Rue Régionale"}}), 403, "common.forbidden",
                 std::string(login) + " PATCH");
    expect_error(call(login, "PATCH", path, json{{"status", "ended"}}), 403, "common.forbidden",
                 std::string(login) + " PATCH status");
  }
  EXPECT_EQ(count("dwellings"), before);
  EXPECT_EQ(call(a_.staff, "GET", path).json(), a) << "unchanged";
  // The system administrator manages the installation, not the stock.
  EXPECT_EQ(call("sysadmin", "GET", "/api/v1/dwellings").status, 403);
  EXPECT_EQ(call("sysadmin", "GET", path).status, 403);
  EXPECT_EQ(call("sysadmin", "POST", "/api/v1/dwellings", dwelling("SYS-1", {{"agency", a_.code}})).status, 403);
}

TEST_P(StockApiTest, WithoutASessionEveryRouteIs401) {
  auto a = create(a_.staff, dwelling("ANON-1"));
  const auto path = path_of(a);
  const std::vector<std::pair<std::string, std::string>> routes = {
      {"GET", "/api/v1/dwellings"},  {"POST", "/api/v1/dwellings"}, {"GET", path},
      {"PATCH", path},               {"GET", path + "/history"},
  };
  for (const auto& [method, p] : routes) {
    auto r = server().request(method, p, method == "GET" ? "" : dwelling("ANON-2").dump());
    expect_error(r, 401, "common.unauthenticated", method + " " + p);
    EXPECT_EQ(r.body.find("ANON-1"), std::string::npos);
  }
  EXPECT_EQ(count("dwellings WHERE reference = 'ANON-2'"), 0);
}

HMS_INSTANTIATE_BACKENDS(StockApiTest);

}  // namespace
}  // namespace hms::test
