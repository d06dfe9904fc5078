// Contract B for owners and owner contracts, checked against a real `hms serve` on SQLite and
// PostgreSQL: GET|POST /api/v1/owners, GET|PATCH /api/v1/owners/{id}, GET|POST
// /api/v1/owner-contracts, GET|PATCH /api/v1/owner-contracts/{id}. Creation answers the
// contract's fields (money as "745.50"); invalid fields are 422s naming them; an owner rent
// above the cap in force on the contract's start is a 422 owners.rent_above_cap naming the cap
// (at the cap is fine; no cap table that day is fine); overlapping contracts are a 409; a rent
// change is a second version in rent_history, the first kept as it was. Then agency isolation
// (404 on another agency's owners and contracts, empty lists, no creation into it, no contract
// linking another agency's dwelling or owner), the region reading but changing nothing, the
// federation never seeing an owner (not even inside a dwelling), and 401 without a session.
// Also: overlapping contracts sent at once make one contract; a contract ending 9999-12-31
// overlaps later ones; a refused PATCH is not audited as a read of the owner.
// One server per backend for the whole suite; each test works in agencies of its own.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <set>
#include <thread>

#include "app/agencies/agency_settings.hpp"
#include "storage/crypto/field_cipher.hpp"
#include "storage/sql_store.hpp"
#include "support/shared_server.hpp"

namespace hms::test {
namespace {

using db::Backend;
using nlohmann::json;

constexpr const char* kIban = "BE68539007547034";

json person(const std::string& name, const std::string& iban = kIban, const json& extra = json::object()) {
  json body = {{"kind", "person"}, {"name", name}, {"iban", iban}};
  for (const auto& [k, v] : extra.items()) body[k] = v;
  return body;
}

class OwnersApiTest : public TwoAgenciesTest {
 protected:
  // A new dwelling of the login's agency (a fresh reference each time); answers its id.
  std::int64_t dwelling(const std::string& login, const std::string& type = "apartment", int bedrooms = 2) {
    const auto ref = "OW-" + std::to_string(++next_reference_);
    auto d = created(login, "/api/v1/dwellings",
                     json{{"reference", ref}, {"street", "Rue du Trône"}, {"number", std::to_string(next_reference_)},
                          {"postcode", "1050"}, {"type", type}, {"bedrooms", bedrooms}});
    return d.value("id", std::int64_t{0});
  }
  std::int64_t owner(const std::string& login, const std::string& name, const std::string& iban = kIban) {
    return created(login, "/api/v1/owners", person(name, iban)).value("id", std::int64_t{0});
  }
  static json contract(std::int64_t dwelling_id, std::int64_t owner_id, const std::string& start, const json& rent,
                       const json& extra = json::object()) {
    json body = {{"dwelling_id", dwelling_id}, {"owner_id", owner_id}, {"kind", "main_lease"},
                 {"start", start},             {"owner_rent", rent}};
    for (const auto& [k, v] : extra.items()) body[k] = v;
    return body;
  }
  static std::string owner_path(std::int64_t id) { return "/api/v1/owners/" + std::to_string(id); }
  static std::string contract_path(std::int64_t id) { return "/api/v1/owner-contracts/" + std::to_string(id); }
  // The agency's default management fee, as its admin sets it on /settings (here as the operator).
  void set_default_fee(const std::string& agency, const std::string& fee) {
    SystemClock clock;
    const auto& url = server().db_url();
    storage::SqlStore store(db::Database::open(url, 1), storage::load_field_cipher(url, false));
    app::update_agency_settings(store, app::Context{clock, "test", std::nullopt, std::nullopt}, {fee}, agency);
  }

  int next_reference_ = 0;  // the last dwelling reference made by dwelling()
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

std::set<std::string> field_names(const HttpResult& r) {
  std::set<std::string> out;
  auto j = r.json();
  if (j.is_object() && j["error"].contains("fields"))
    for (const auto& [k, v] : j["error"]["fields"].items()) out.insert(k);
  return out;
}

// ---- Owners ---------------------------------------------------------------------------------

TEST_P(OwnersApiTest, CreateAnOwnerAnswers201WithTheContractFields) {
  auto r = call(a_.staff, "POST", "/api/v1/owners",
                person("Marie Dubois", "be68 5390 0754 7034",
                       {{"email", "marie.dubois@example.be"},
                        {"phone", "+32 2 511 22 33"},
                        {"address", "Avenue Louise 54, 1050 Ixelles"}}));
  ASSERT_EQ(r.status, 201) << r.body;
  auto o = r.json();
  EXPECT_TRUE(o["id"].is_number_integer());
  EXPECT_EQ(o["kind"], "person");
  EXPECT_EQ(o["name"], "Marie Dubois");
  EXPECT_EQ(o["iban"], "BE68539007547034") << "compact, upper case";
  EXPECT_TRUE(o["company_number"].is_null()) << o.dump();
  EXPECT_EQ(o["email"], "marie.dubois@example.be");
  EXPECT_EQ(o["phone"], "+32 2 511 22 33");
  EXPECT_EQ(o["address"], "Avenue Louise 54, 1050 Ixelles");
  EXPECT_EQ(o["agency"], a_.code);
  auto got = call(a_.staff, "GET", owner_path(o["id"].get<std::int64_t>()));
  ASSERT_EQ(got.status, 200) << got.body;
  for (const char* f : {"id", "kind", "name", "iban", "company_number", "email", "phone", "address", "agency"})
    EXPECT_EQ(got.json()[f], o[f]) << f;

  auto company = created(a_.staff, "/api/v1/owners",
                         json{{"kind", "company"}, {"name", "Immo Sablon SRL"}, {"iban", "BE71 0961 2345 6769"},
                              {"company_number", "BE0403.170.701"}});
  EXPECT_EQ(company["kind"], "company");
  EXPECT_EQ(company["company_number"], "0403170701");
  EXPECT_EQ(company["iban"], "BE71096123456769");
  // A foreign account is fine.
  auto dutch = created(a_.staff, "/api/v1/owners", person("Jan de Vries", "NL91ABNA0417164300"));
  EXPECT_EQ(dutch["iban"], "NL91ABNA0417164300");
}

// Contract B has no company_number among the required fields: a company without it is created
// and flagged (before: 422 owners.company_number_required).
TEST_P(OwnersApiTest, ACompanyWithoutItsNumberIsCreatedAndFlaggedIncomplete) {
  auto r = call(a_.staff, "POST", "/api/v1/owners",
                json{{"kind", "company"}, {"name", "Immo Sans Numéro SRL"}, {"iban", "BE71 0961 2345 6769"}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto o = r.json();
  EXPECT_TRUE(o["company_number"].is_null()) << r.body;
  EXPECT_EQ(o["incomplete"], json::array({"company_number"})) << r.body;
  const auto id = o["id"].get<std::int64_t>();
  EXPECT_EQ(call(a_.staff, "GET", owner_path(id)).json()["incomplete"], json::array({"company_number"}));
  auto completed = call(a_.staff, "PATCH", owner_path(id), json{{"company_number", "0403.170.701"}});
  ASSERT_EQ(completed.status, 200) << completed.body;
  EXPECT_EQ(completed.json()["company_number"], "0403170701");
  EXPECT_EQ(completed.json()["incomplete"], json::array());
  EXPECT_EQ(created(a_.staff, "/api/v1/owners", person("Paul Complet"))["incomplete"], json::array());
}

TEST_P(OwnersApiTest, InvalidOwnerFieldsAre422sNamingThem) {
  const auto before = count("owners");
  struct Case {
    json body;
    std::string code;
    std::set<std::string> fields;
  };
  const std::vector<Case> cases = {
      {person("Wrong Check", "BE69539007547034"), "owners.invalid_iban", {"iban"}},
      {person("Wrong Bban", "BE41539007547035"), "owners.invalid_iban", {"iban"}},
      {person("Short", "BE6853900754703"), "owners.invalid_iban", {"iban"}},
      {person("Unknown Country", "XX68539007547034"), "owners.invalid_iban", {"iban"}},
      {json{{"kind", "person"}, {"name", "No Iban"}}, "owners.invalid_iban", {"iban"}},
      {person(""), "owners.invalid_name", {"name"}},
      {person("Robot", kIban, {{"kind", "robot"}}), "owners.invalid_kind", {"kind"}},
      {person("Company", kIban, {{"kind", "company"}, {"company_number", "0403.170.702"}}),
       "owners.invalid_company_number", {"company_number"}},
      {person("Company", kIban, {{"kind", "company"}, {"company_number", "2000000042"}}),
       "owners.invalid_company_number", {"company_number"}},
      {person("Mail", kIban, {{"email", "not an address"}}), "owners.invalid_email", {"email"}},
      {person("Phone", kIban, {{"phone", "call me"}}), "owners.invalid_phone", {"phone"}},
      {person("Lang", kIban, {{"language", "de"}}), "owners.invalid_language", {"language"}},
      {person("Extra", kIban, {{"national_number", "85.07.30-033.61"}}), "common.unknown_field", {"national_number"}},
  };
  for (const auto& c : cases) {
    auto r = call(a_.staff, "POST", "/api/v1/owners", c.body);
    expect_error(r, 422, c.code, c.body.dump());
    EXPECT_EQ(field_names(r), c.fields) << c.body.dump() << ": " << r.body;
  }
  // A company with a wrong number, a wrong IBAN and no name: every problem at once.
  auto all = call(a_.staff, "POST", "/api/v1/owners",
                  json{{"kind", "company"}, {"name", ""}, {"iban", "BE00"}, {"email", "x@"}, {"company_number", "12"}});
  EXPECT_EQ(all.status, 422) << all.body;
  EXPECT_EQ(field_names(all), (std::set<std::string>{"name", "iban", "company_number", "email"})) << all.body;
  EXPECT_EQ(count("owners"), before) << "a refused request created an owner";
}

TEST_P(OwnersApiTest, PatchAnOwnerChangesTheFieldsSent) {
  auto id = owner(a_.staff, "Paul Patch");
  auto r = call(a_.staff, "PATCH", owner_path(id), json{{"email", "paul@example.be"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["email"], "paul@example.be");
  EXPECT_EQ(r.json()["iban"], kIban);
  EXPECT_EQ(r.json()["name"], "Paul Patch");
  auto iban = call(a_.staff, "PATCH", owner_path(id), json{{"iban", "DE89 3704 0044 0532 0130 00"}});
  ASSERT_EQ(iban.status, 200) << iban.body;
  EXPECT_EQ(call(a_.staff, "GET", owner_path(id)).json()["iban"], "DE89370400440532013000");
  auto bad = call(a_.staff, "PATCH", owner_path(id), json{{"iban", "BE69539007547034"}, {"name", "Changed"}});
  expect_error(bad, 422, "owners.invalid_iban", "patch iban");
  auto after = call(a_.staff, "GET", owner_path(id)).json();
  EXPECT_EQ(after["iban"], "DE89370400440532013000");
  EXPECT_EQ(after["name"], "Paul Patch");
  expect_error(call(a_.staff, "PATCH", owner_path(id), json{{"agency", b_.code}}), 422, "common.field_not_editable");
  expect_error(call(a_.staff, "GET", owner_path(987654321)), 404, "owners.not_found");
  expect_error(call(a_.staff, "PATCH", owner_path(987654321), json{{"name", "X"}}), 404, "owners.not_found");
}

TEST_P(OwnersApiTest, OwnerListFiltersAndPages) {
  for (const char* name : {"Alice Lambert", "Bruno Lambert", "Chloé Martin", "Immo Lambert SA"}) {
    if (std::string(name).find("SA") != std::string::npos)
      created(a_.staff, "/api/v1/owners",
              json{{"kind", "company"}, {"name", name}, {"iban", kIban}, {"company_number", "0403170701"}});
    else
      owner(a_.staff, name);
  }
  auto list = [&](const std::string& query, std::string login = "") {  // "": the test's staff member
    if (login.empty()) login = a_.staff;
    auto r = call(login, "GET", "/api/v1/owners" + query);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    return r.json();
  };
  auto names = [](const json& page) {
    std::vector<std::string> out;
    for (const auto& o : page["items"]) out.push_back(o["name"].get<std::string>());
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(names(list("")), (V{"Alice Lambert", "Bruno Lambert", "Chloé Martin", "Immo Lambert SA"}));
  EXPECT_EQ(list("")["total"], 4);
  EXPECT_EQ(names(list("?q=lambert")), (V{"Alice Lambert", "Bruno Lambert", "Immo Lambert SA"}));
  EXPECT_EQ(names(list("?kind=company")), (V{"Immo Lambert SA"}));
  auto page = list("?limit=2&offset=2");
  EXPECT_EQ(names(page), (V{"Chloé Martin", "Immo Lambert SA"}));
  EXPECT_EQ(page["total"], 4);
  EXPECT_EQ(list("?limit=501")["total"], 4);
  expect_error(call(a_.staff, "GET", "/api/v1/owners?limit=0"), 400, "common.invalid_paging");
  // The list does not search the IBAN (it is encrypted).
  EXPECT_EQ(list("?q=5390")["total"], 0);
  // The region reads them, per agency.
  EXPECT_EQ(names(list("?agency=" + a_.code, "region")), names(list("")));
  EXPECT_EQ(list("?agency=" + a_.code + "&q=martin", "region")["total"], 1);
}

// ---- Owner contracts ------------------------------------------------------------------------

TEST_P(OwnersApiTest, CreateAContractAnswers201WithMoneyAsStrings) {
  auto d = dwelling(a_.staff);  // apartment, 2 bedrooms: cap 816.00 in 2026
  auto o = owner(a_.staff, "Contract Owner");
  auto r = call(a_.staff, "POST", "/api/v1/owner-contracts",
                contract(d, o, "2026-03-01", "745,50", {{"end", "2035-02-28"}, {"signed_on", "2026-02-10"}}));
  ASSERT_EQ(r.status, 201) << r.body;
  auto k = r.json();
  EXPECT_TRUE(k["id"].is_number_integer());
  EXPECT_EQ(k["dwelling_id"], d);
  EXPECT_EQ(k["owner_id"], o);
  EXPECT_EQ(k["kind"], "main_lease");
  EXPECT_EQ(k["start"], "2026-03-01");
  EXPECT_EQ(k["end"], "2035-02-28");
  EXPECT_EQ(k["owner_rent"], "745.50");
  EXPECT_EQ(k["cap"], "816.00");
  EXPECT_EQ(k["agency"], a_.code);
  ASSERT_TRUE(k["rent_history"].is_array()) << r.body;
  EXPECT_EQ(k["rent_history"], json::array({{{"valid_from", "2026-03-01"}, {"amount", "745.50"}, {"reason", "initial"},
                                              {"cap", "816.00"}}}));
  auto got = call(a_.staff, "GET", contract_path(k["id"].get<std::int64_t>()));
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.json(), k);
  // Money accepted in every contract form; a mandate with its fee.
  for (const char* rent : {"745", "745.5", "745.50", "745,50"}) {
    auto m = created(a_.staff, "/api/v1/owner-contracts",
                     contract(dwelling(a_.staff), o, "2026-03-01", rent,
                              {{"kind", "management_mandate"}, {"management_fee", "8,5"}}));
    EXPECT_EQ(m["owner_rent"], std::string(rent) == "745" ? "745.00" : "745.50") << rent;
    EXPECT_EQ(m["kind"], "management_mandate");
    EXPECT_EQ(m["management_fee"], "8.50");
  }
  // Invalid fields: every problem at once.
  auto bad = call(a_.staff, "POST", "/api/v1/owner-contracts",
                  json{{"dwelling_id", d}, {"owner_id", o}, {"kind", "rental"}, {"start", "2026-13-01"}, {"owner_rent", "a lot"}});
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(field_names(bad), (std::set<std::string>{"kind", "start", "owner_rent"})) << bad.body;
  auto ends = call(a_.staff, "POST", "/api/v1/owner-contracts", contract(dwelling(a_.staff), o, "2026-03-01", "700", {{"end", "2026-02-28"}}));
  expect_error(ends, 422, "owners.end_before_start", "end before start");
  // No cap before 2016, but still no absurd rent (regression: 92233720368547758.07 was stored).
  auto absurd = call(a_.staff, "POST", "/api/v1/owner-contracts",
                     contract(dwelling(a_.staff), o, "2015-01-01", "92233720368547758.07"));
  expect_error(absurd, 422, "owners.invalid_rent", "absurd rent");
}

// Contract B has no management_fee: a mandate without one takes the agency's default fee, which
// its admin sets (hms ships none: no verified sector figure exists); until then it is refused,
// saying so. A fee given wins and is not marked as the default.
TEST_P(OwnersApiTest, AMandateWithoutAFeeTakesTheAgencysDefault) {
  const auto o = owner(a_.staff, "Mandate Owner");
  auto mandate = [&](const json& extra = json::object()) {
    json body = contract(dwelling(a_.staff), o, "2026-03-01", "700.00", {{"kind", "management_mandate"}});
    for (const auto& [k, v] : extra.items()) body[k] = v;
    return call(a_.staff, "POST", "/api/v1/owner-contracts", body);
  };
  const auto before = count("owner_contracts");
  auto refused = mandate();
  expect_error(refused, 422, "owners.default_fee_not_set", "no default yet");
  EXPECT_EQ(field_names(refused), std::set<std::string>{"management_fee"}) << refused.body;
  const auto message = refused.json()["error"]["message"].get<std::string>();  // French: no Accept-Language
  EXPECT_NE(message.find("aucun chiffre vérifié du secteur"), std::string::npos) << message;
  EXPECT_EQ(count("owner_contracts"), before) << "nothing created";

  set_default_fee(a_.code, "8");
  auto r = mandate();
  ASSERT_EQ(r.status, 201) << r.body;
  auto k = r.json();
  EXPECT_EQ(k["management_fee"], "8.00");
  EXPECT_EQ(k["management_fee_default"], true);
  const auto id = k["id"].get<std::int64_t>();
  EXPECT_EQ(call(a_.staff, "GET", contract_path(id)).json(), k);
  auto given = mandate({{"management_fee", "9,5"}});
  ASSERT_EQ(given.status, 201) << given.body;
  EXPECT_EQ(given.json()["management_fee"], "9.50");
  EXPECT_EQ(given.json()["management_fee_default"], false);
  auto lease = created(a_.staff, "/api/v1/owner-contracts", contract(dwelling(a_.staff), o, "2026-03-01", "700.00"));
  EXPECT_TRUE(lease["management_fee"].is_null()) << lease.dump();
  EXPECT_EQ(lease["management_fee_default"], false);
  // A fee typed later replaces the default; emptied, the default again.
  auto changed = call(a_.staff, "PATCH", contract_path(id), json{{"management_fee", "7,5"}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["management_fee"], "7.50");
  EXPECT_EQ(changed.json()["management_fee_default"], false);
  auto emptied = call(a_.staff, "PATCH", contract_path(id), json{{"management_fee", ""}});
  ASSERT_EQ(emptied.status, 200) << emptied.body;
  EXPECT_EQ(emptied.json()["management_fee"], "8.00");
  EXPECT_EQ(emptied.json()["management_fee_default"], true);
  // The setting is the agency's: another agency without one still gets the refusal.
  expect_error(call(b_.staff, "POST", "/api/v1/owner-contracts",
                    contract(dwelling(b_.staff), owner(b_.staff, "B Owner"), "2026-03-01", "700.00",
                             {{"kind", "management_mandate"}})),
               422, "owners.default_fee_not_set", "another agency");
}

TEST_P(OwnersApiTest, AnOwnerRentAboveTheCapIsRefusedNamingTheCap) {
  auto o = owner(a_.staff, "Cap Owner");
  const auto before = count("owner_contracts");
  // Apartment, 2 bedrooms, from 2026-01-01: 816.00.
  auto above = call(a_.staff, "POST", "/api/v1/owner-contracts", contract(dwelling(a_.staff), o, "2026-03-01", "816.01"));
  expect_error(above, 422, "owners.rent_above_cap", "one cent above");
  EXPECT_EQ(field_names(above), std::set<std::string>{"owner_rent"}) << above.body;
  const auto message = above.json()["error"]["message"].get<std::string>();
  EXPECT_NE(message.find("816.00"), std::string::npos) << "the cap is named: " << message;
  EXPECT_EQ(count("owner_contracts"), before) << "nothing created";
  // At the cap: accepted.
  auto at = created(a_.staff, "/api/v1/owner-contracts", contract(dwelling(a_.staff), o, "2026-03-01", "816.00"));
  EXPECT_EQ(at["owner_rent"], "816.00");
  EXPECT_EQ(at["cap"], "816.00");
  // The cap in force on the start: 800.00 on 2025-12-31, 816.00 from 2026-01-01.
  auto old = call(a_.staff, "POST", "/api/v1/owner-contracts", contract(dwelling(a_.staff), o, "2025-12-31", "800.01"));
  expect_error(old, 422, "owners.rent_above_cap", "2025 grid");
  EXPECT_NE(old.json()["error"]["message"].get<std::string>().find("800.00"), std::string::npos) << old.body;
  EXPECT_EQ(created(a_.staff, "/api/v1/owner-contracts", contract(dwelling(a_.staff), o, "2026-01-01", "816.00"))["cap"],
            "816.00");
  // The cap depends on the type and the bedrooms; above the highest row, the "and more" row.
  EXPECT_EQ(call(a_.staff, "POST", "/api/v1/owner-contracts",
                 contract(dwelling(a_.staff, "house", 2), o, "2026-03-01", "877.01")).error_code(),
            "owners.rent_above_cap");
  EXPECT_EQ(created(a_.staff, "/api/v1/owner-contracts",
                    contract(dwelling(a_.staff, "house", 2), o, "2026-03-01", "877.00"))["cap"],
            "877.00");
  EXPECT_EQ(created(a_.staff, "/api/v1/owner-contracts",
                    contract(dwelling(a_.staff, "apartment", 7), o, "2026-03-01", "1275.00"))["cap"],
            "1275.00");
  // No cap table covers the start (before 2016): accepted, and no cap recorded.
  auto uncapped = created(a_.staff, "/api/v1/owner-contracts", contract(dwelling(a_.staff), o, "2015-06-01", "5000.00"));
  EXPECT_EQ(uncapped["owner_rent"], "5000.00");
  EXPECT_TRUE(uncapped["cap"].is_null()) << uncapped.dump();
}

TEST_P(OwnersApiTest, OverlappingContractsOnADwellingAre409) {
  auto d = dwelling(a_.staff);
  auto o = owner(a_.staff, "Overlap Owner");
  auto first = created(a_.staff, "/api/v1/owner-contracts", contract(d, o, "2026-01-01", "700", {{"end", "2026-12-31"}}));
  const auto before = count("owner_contracts");
  // Starting on the first contract's last day: overlaps.
  auto clash = call(a_.staff, "POST", "/api/v1/owner-contracts", contract(d, o, "2026-12-31", "700"));
  expect_error(clash, 409, "owners.contract_overlap", "start on the last day");
  EXPECT_NE(clash.json()["error"]["message"].get<std::string>().find("01/01/2026"), std::string::npos) << clash.body;
  // Inside, and around.
  expect_error(call(a_.staff, "POST", "/api/v1/owner-contracts", contract(d, o, "2026-06-01", "700", {{"end", "2026-06-30"}})),
               409, "owners.contract_overlap", "inside");
  expect_error(call(a_.staff, "POST", "/api/v1/owner-contracts", contract(d, o, "2025-06-01", "700")), 409,
               "owners.contract_overlap", "open-ended around");
  EXPECT_EQ(count("owner_contracts"), before);
  // The day after the end: fine. The day before the start: fine.
  auto next = created(a_.staff, "/api/v1/owner-contracts", contract(d, o, "2027-01-01", "700"));
  created(a_.staff, "/api/v1/owner-contracts", contract(d, o, "2025-01-01", "700", {{"end", "2025-12-31"}}));
  // Another dwelling's contracts do not count.
  created(a_.staff, "/api/v1/owner-contracts", contract(dwelling(a_.staff), o, "2026-06-01", "700"));
  // Lengthening the first contract into the next one: 409, nothing changed.
  auto longer = call(a_.staff, "PATCH", contract_path(first["id"].get<std::int64_t>()), json{{"end", "2027-06-30"}});
  expect_error(longer, 409, "owners.contract_overlap", "patch end");
  EXPECT_EQ(call(a_.staff, "GET", contract_path(first["id"].get<std::int64_t>())).json()["end"], "2026-12-31");
  // Ending the next one is fine.
  auto ended = call(a_.staff, "PATCH", contract_path(next["id"].get<std::int64_t>()), json{{"end", "2027-12-31"}});
  EXPECT_EQ(ended.status, 200) << ended.body;
  EXPECT_EQ(ended.json()["end"], "2027-12-31");
}

// Regression: a contract "ending" 9999-12-31 (a spreadsheet's way of saying no end) did not
// overlap a later contract: the day after its end, "10000-01-01", sorted before every date.
TEST_P(OwnersApiTest, AContractEndingIn9999OverlapsLaterContracts) {
  auto o = owner(a_.staff, "Forever Owner");
  auto d = dwelling(a_.staff);
  created(a_.staff, "/api/v1/owner-contracts", contract(d, o, "2027-01-01", "700"));
  auto forever = call(a_.staff, "POST", "/api/v1/owner-contracts", contract(d, o, "2026-01-01", "700", {{"end", "9999-12-31"}}));
  expect_error(forever, 409, "owners.contract_overlap", "2026-01-01 … 9999-12-31 over 2027-01-01 …");
  auto d2 = dwelling(a_.staff);
  auto first = created(a_.staff, "/api/v1/owner-contracts", contract(d2, o, "2026-01-01", "700", {{"end", "9999-12-31"}}));
  EXPECT_EQ(first["end"], "9999-12-31");
  expect_error(call(a_.staff, "POST", "/api/v1/owner-contracts", contract(d2, o, "2030-01-01", "700", {{"end", "2030-12-31"}})),
               409, "owners.contract_overlap", "inside a contract ending 9999-12-31");
  expect_error(call(a_.staff, "POST", "/api/v1/owner-contracts", contract(d2, o, "9999-12-31", "700")), 409,
               "owners.contract_overlap", "on its last day");
  EXPECT_EQ(count("owner_contracts WHERE dwelling_id IN (" + std::to_string(d) + ", " + std::to_string(d2) + ")"), 2);
}

// Eight overlapping contracts on one dwelling sent at once (really concurrent on PostgreSQL):
// one is created, the others are 409s, never a 500 and never two contracts.
TEST_P(OwnersApiTest, ConcurrentOverlappingContractsMakeOneContract) {
  constexpr int kThreads = 8;
  auto o = owner(a_.staff, "Race Owner");
  const auto& t = token(a_.staff);
  for (int round = 0; round < 3; ++round) {
    auto d = dwelling(a_.staff);
    std::vector<HttpResult> results(kThreads);
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i)
      threads.emplace_back([&, i] {
        const auto start = "2026-0" + std::to_string(1 + i % 8) + "-01";
        results[i] = server().request("POST", "/api/v1/owner-contracts", contract(d, o, start, "700").dump(), bearer(t));
      });
    for (auto& th : threads) th.join();
    std::map<int, int> by_status;
    for (const auto& r : results) {
      ++by_status[r.status];
      if (r.status != 201) {
        EXPECT_EQ(r.error_code(), "owners.contract_overlap") << r.body;
      }
    }
    EXPECT_EQ(by_status, (std::map<int, int>{{201, 1}, {409, kThreads - 1}})) << "round " << round;
    EXPECT_EQ(count("owner_contracts WHERE dwelling_id = " + std::to_string(d)), 1);
  }
}

TEST_P(OwnersApiTest, ARentChangeIsASecondVersionNeverAnOverwrite) {
  auto o = owner(a_.staff, "Rent Owner");
  auto k = created(a_.staff, "/api/v1/owner-contracts", contract(dwelling(a_.staff), o, "2026-01-01", "700.00"));
  const auto id = k["id"].get<std::int64_t>();
  const auto path = contract_path(id);
  auto r = call(a_.staff, "PATCH", path, json{{"owner_rent", "750,00"}, {"rent_from", "2026-06-01"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["owner_rent"], "750.00");
  const json two = json::array({{{"valid_from", "2026-01-01"}, {"amount", "700.00"}, {"reason", "initial"}, {"cap", "816.00"}},
                                {{"valid_from", "2026-06-01"}, {"amount", "750.00"}, {"reason", "change"}, {"cap", "816.00"}}});
  EXPECT_EQ(r.json()["rent_history"], two);
  EXPECT_EQ(call(a_.staff, "GET", path).json()["rent_history"], two);
  const auto rows = "owner_contract_rents WHERE contract_id = " + std::to_string(id);
  EXPECT_EQ(count(rows), 2);
  EXPECT_EQ(count(rows + " AND valid_from = '2026-01-01' AND amount_cents = 70000 AND reason = 'initial'"), 1)
      << "the first version is kept as it was";
  // Above the cap: refused, the history untouched.
  auto above = call(a_.staff, "PATCH", path, json{{"owner_rent", "816.01"}, {"rent_from", "2026-07-01"}});
  expect_error(above, 422, "owners.rent_above_cap", "patch above cap");
  EXPECT_NE(above.json()["error"]["message"].get<std::string>().find("816.00"), std::string::npos) << above.body;
  // Not after the latest version: refused.
  auto earlier = call(a_.staff, "PATCH", path, json{{"owner_rent", "760.00"}, {"rent_from", "2026-06-01"}});
  expect_error(earlier, 422, "owners.rent_from_before_latest", "same day as the latest");
  auto outside = call(a_.staff, "PATCH", path, json{{"owner_rent", "760.00"}, {"rent_from", "2025-12-01"}});
  EXPECT_EQ(outside.status, 422) << outside.body;
  EXPECT_EQ(call(a_.staff, "GET", path).json()["rent_history"], two);
  EXPECT_EQ(count(rows), 2);
  // The same rent again is no new version.
  EXPECT_EQ(call(a_.staff, "PATCH", path, json{{"owner_rent", "750.00"}, {"rent_from", "2026-09-01"}}).status, 200);
  EXPECT_EQ(count(rows), 2);
  // What cannot change.
  for (const auto& [field, value] : std::vector<std::pair<std::string, json>>{
           {"kind", "management_mandate"}, {"start", "2026-02-01"}, {"owner_id", o + 1000}, {"dwelling_id", 987654}}) {
    auto r2 = call(a_.staff, "PATCH", path, json{{field, value}});
    expect_error(r2, 422, "common.field_not_editable", field);
    EXPECT_EQ(field_names(r2), std::set<std::string>{field}) << r2.body;
  }
  EXPECT_EQ(count("audit_log WHERE action = 'owners.rent_change' AND object_id = '" + std::to_string(id) + "'"), 1);
}

TEST_P(OwnersApiTest, ContractListFilters) {
  auto o1 = owner(a_.staff, "List Owner One");
  auto o2 = owner(a_.staff, "List Owner Two");
  auto d1 = dwelling(a_.staff);
  auto d2 = dwelling(a_.staff);
  created(a_.staff, "/api/v1/owner-contracts", contract(d1, o1, "2025-01-01", "700", {{"end", "2025-12-31"}}));
  created(a_.staff, "/api/v1/owner-contracts", contract(d1, o2, "2026-01-01", "700"));
  created(a_.staff, "/api/v1/owner-contracts", contract(d2, o2, "2026-01-01", "700", {{"end", "2027-03-31"}}));
  auto total = [&](const std::string& query, std::string login = "") {  // "": the test's staff member
    if (login.empty()) login = a_.staff;
    auto r = call(login, "GET", "/api/v1/owner-contracts" + query);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    return r.json().value("total", -1);
  };
  EXPECT_EQ(total(""), 3);
  EXPECT_EQ(total("?dwelling_id=" + std::to_string(d1)), 2);
  EXPECT_EQ(total("?owner_id=" + std::to_string(o2)), 2);
  EXPECT_EQ(total("?in_force_on=2025-06-01"), 1);
  EXPECT_EQ(total("?in_force_on=2026-06-01"), 2);
  EXPECT_EQ(total("?ending_from=2027-01-01&ending_to=2027-06-30"), 1);
  EXPECT_EQ(total("?q=list%20owner%20one"), 1);
  EXPECT_EQ(total("?limit=1&offset=1"), 3);
  EXPECT_EQ(total("?agency=" + a_.code, "region"), 3);
  expect_error(call(a_.staff, "GET", "/api/v1/owner-contracts?in_force_on=tomorrow"), 422, "common.invalid_date");
}

// ---- Agency isolation -----------------------------------------------------------------------

TEST_P(OwnersApiTest, AnotherAgencysUserGets404OnOwnersAndContractsAndEmptyLists) {
  auto oa = owner(a_.staff, "Isolde Secret");
  auto ka = created(a_.staff, "/api/v1/owner-contracts", contract(dwelling(a_.staff), oa, "2026-02-01", "700"));
  const auto kid = ka["id"].get<std::int64_t>();
  const auto audit_before = count("audit_log WHERE action = 'owners.read'");
  expect_error(call(b_.staff, "GET", owner_path(oa)), 404, "owners.not_found", "GET owner");
  expect_error(call(b_.staff, "PATCH", owner_path(oa), json{{"iban", "NL91ABNA0417164300"}}), 404, "owners.not_found",
               "PATCH owner");
  expect_error(call(b_.staff, "GET", contract_path(kid)), 404, "owners.contract_not_found", "GET contract");
  expect_error(call(b_.staff, "PATCH", contract_path(kid), json{{"end", "2026-03-31"}}), 404,
               "owners.contract_not_found", "PATCH contract");
  expect_error(call(b_.staff, "PATCH", contract_path(kid), json{{"owner_rent", "650"}, {"rent_from", "2026-05-01"}}), 404,
               "owners.contract_not_found", "PATCH contract rent");
  // The same answers as for ids that do not exist.
  EXPECT_EQ(call(b_.staff, "GET", owner_path(oa)).body, call(b_.staff, "GET", owner_path(987654321)).body);
  EXPECT_EQ(call(b_.staff, "GET", contract_path(kid)).body, call(b_.staff, "GET", contract_path(987654321)).body);
  EXPECT_EQ(count("audit_log WHERE action = 'owners.read'"), audit_before) << "a refused read is no read";
  // Empty lists, whatever the filters.
  for (const std::string& query : {std::string("?q=isolde"), "?agency=" + a_.code + "&q=isolde"}) {
    auto l = call(b_.staff, "GET", std::string("/api/v1/owners") + query);
    ASSERT_EQ(l.status, 200);
    EXPECT_EQ(l.json()["total"], 0) << query << ": " << l.body;
  }
  for (const std::string& query : {"?owner_id=" + std::to_string(oa), std::string("?agency=" + a_.code + "&q=isolde"), std::string("?q=isolde")}) {
    auto l = call(b_.staff, "GET", "/api/v1/owner-contracts" + query);
    ASSERT_EQ(l.status, 200);
    EXPECT_EQ(l.json()["total"], 0) << query << ": " << l.body;
  }
  // Nothing changed.
  auto o = call(a_.staff, "GET", owner_path(oa)).json();
  EXPECT_EQ(o["iban"], kIban);
  EXPECT_TRUE(call(a_.staff, "GET", contract_path(kid)).json()["end"].is_null());
  EXPECT_EQ(count("owner_contract_rents WHERE contract_id = " + std::to_string(kid)), 1);
}

TEST_P(OwnersApiTest, AnAgencyUserCannotCreateIntoAnotherAgencyByNamingIt) {
  const auto owners_before = count("owners");
  const auto contracts_before = count("owner_contracts");
  auto r = call(b_.staff, "POST", "/api/v1/owners", person("Intruder Owner", kIban, {{"agency", a_.code}}));
  expect_error(r, 422, "owners.unknown_agency", "owner into A");
  EXPECT_EQ(field_names(r), std::set<std::string>{"agency"});
  auto db = dwelling(b_.staff);
  auto ob = owner(b_.staff, "Own Owner B");
  auto k = call(b_.staff, "POST", "/api/v1/owner-contracts", contract(db, ob, "2026-01-01", "700", {{"agency", a_.code}}));
  EXPECT_EQ(k.status, 422) << k.body;
  EXPECT_TRUE(field_names(k).contains("agency")) << k.body;
  EXPECT_EQ(count("owners"), owners_before + 1) << "only B's own owner";
  EXPECT_EQ(count("owner_contracts"), contracts_before);
  EXPECT_EQ(call(a_.staff, "GET", "/api/v1/owners?q=intruder").json()["total"], 0);
}

TEST_P(OwnersApiTest, AContractCannotLinkAnotherAgencysDwellingOrOwner) {
  auto da = dwelling(a_.staff);
  auto oa = owner(a_.staff, "Owner Of A");
  auto db = dwelling(b_.staff);
  auto ob = owner(b_.staff, "Owner Of B");
  const auto before = count("owner_contracts");
  auto foreign_dwelling = call(b_.staff, "POST", "/api/v1/owner-contracts", contract(da, ob, "2026-01-01", "700"));
  expect_error(foreign_dwelling, 422, "owners.unknown_dwelling", "A's dwelling");
  EXPECT_EQ(field_names(foreign_dwelling), std::set<std::string>{"dwelling_id"});
  auto foreign_owner = call(b_.staff, "POST", "/api/v1/owner-contracts", contract(db, oa, "2026-01-01", "700"));
  expect_error(foreign_owner, 422, "owners.unknown_owner", "A's owner");
  EXPECT_EQ(field_names(foreign_owner), std::set<std::string>{"owner_id"});
  auto both = call(b_.staff, "POST", "/api/v1/owner-contracts", contract(da, oa, "2026-01-01", "700"));
  EXPECT_EQ(both.status, 422);
  EXPECT_EQ(field_names(both), (std::set<std::string>{"dwelling_id", "owner_id"}));
  // …and the other way round.
  auto mixed = call(a_.staff, "POST", "/api/v1/owner-contracts", contract(da, ob, "2026-01-01", "700"));
  expect_error(mixed, 422, "owners.unknown_owner", "B's owner from A");
  // A dwelling or owner that does not exist is the same answer.
  auto absent = call(b_.staff, "POST", "/api/v1/owner-contracts", contract(987654321, ob, "2026-01-01", "700"));
  EXPECT_EQ(absent.json()["error"], foreign_dwelling.json()["error"]);
  EXPECT_EQ(count("owner_contracts"), before);
}

TEST_P(OwnersApiTest, TheRegionReadsOwnersAndContractsAndChangesNothing) {
  auto oa = owner(a_.staff, "Regina Readable");
  auto k = created(a_.staff, "/api/v1/owner-contracts", contract(dwelling(a_.staff), oa, "2026-02-01", "700"));
  const auto kid = k["id"].get<std::int64_t>();
  auto get = call("region", "GET", owner_path(oa));
  ASSERT_EQ(get.status, 200) << get.body;
  EXPECT_EQ(get.json()["iban"], kIban);
  EXPECT_EQ(call("region", "GET", "/api/v1/owners?agency=" + a_.code + "&q=regina").json()["total"], 1);
  EXPECT_EQ(call("region", "GET", contract_path(kid)).status, 200);
  EXPECT_EQ(call("region", "GET", "/api/v1/owner-contracts?agency=" + a_.code + "&owner_id=" + std::to_string(oa)).json()["total"], 1);
  const auto owners_before = count("owners");
  const auto contracts_before = count("owner_contracts");
  expect_error(call("region", "POST", "/api/v1/owners", person("Region Owner", kIban, {{"agency", a_.code}})), 403,
               "common.forbidden", "POST owner");
  expect_error(call("region", "PATCH", owner_path(oa), json{{"name", "Renamed"}}), 403, "common.forbidden", "PATCH owner");
  expect_error(call("region", "POST", "/api/v1/owner-contracts",
                    contract(dwelling(a_.staff), oa, "2026-01-01", "700", {{"agency", a_.code}})),
               403, "common.forbidden", "POST contract");
  expect_error(call("region", "PATCH", contract_path(kid), json{{"end", "2026-12-31"}}), 403, "common.forbidden",
               "PATCH contract");
  EXPECT_EQ(count("owners"), owners_before);
  EXPECT_EQ(count("owner_contracts"), contracts_before);
  EXPECT_EQ(call(a_.staff, "GET", owner_path(oa)).json()["name"], "Regina Readable");
}

// The audit log says who read an owner's bank account: a PATCH refused (403 for the region,
// 422 for an invalid value) shows nothing and is no read of it.
TEST_P(OwnersApiTest, ARefusedPatchIsNoReadOfTheOwner) {
  auto oa = owner(a_.staff, "Audrey Audited");
  const auto reads = [&] {
    return count("audit_log WHERE action = 'owners.read' AND object_id = '" + std::to_string(oa) + "'");
  };
  const auto before = reads();
  expect_error(call("region", "PATCH", owner_path(oa), json{{"name", "Renamed"}}), 403, "common.forbidden", "region");
  expect_error(call(a_.staff, "PATCH", owner_path(oa), json{{"iban", "BE00"}}), 422, "owners.invalid_iban", "invalid");
  EXPECT_EQ(reads(), before) << "a refused PATCH was audited as a read of the owner's data";
  // A GET is one read.
  EXPECT_EQ(call("region", "GET", owner_path(oa)).status, 200);
  EXPECT_EQ(reads(), before + 1);
}

TEST_P(OwnersApiTest, TheFederationNeverSeesAnOwner) {
  auto oa = owner(a_.staff, "Federica Hidden", "BE71096123456769");
  auto d = dwelling(a_.staff);
  auto k = created(a_.staff, "/api/v1/owner-contracts", contract(d, oa, "2026-02-01", "700"));
  const auto kid = k["id"].get<std::int64_t>();
  for (const char* login : {"federation", "sysadmin"}) {
    for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
             {"GET", "/api/v1/owners"},
             {"GET", "/api/v1/owners?agency=" + a_.code},
             {"POST", "/api/v1/owners"},
             {"GET", owner_path(oa)},
             {"PATCH", owner_path(oa)},
             {"GET", "/api/v1/owner-contracts"},
             {"GET", "/api/v1/owner-contracts?agency=" + a_.code},
             {"POST", "/api/v1/owner-contracts"},
             {"GET", contract_path(kid)},
             {"PATCH", contract_path(kid)},
         }) {
      json body = method == "GET" ? json(nullptr)
                  : path.find("contracts") != std::string::npos ? contract(d, oa, "2027-01-01", "700", {{"agency", a_.code}})
                                                                 : person("Fed Owner", kIban, {{"agency", a_.code}});
      auto r = call(login, method, path, body);
      expect_error(r, 403, "common.forbidden", std::string(login) + " " + method + " " + path);
      EXPECT_EQ(r.body.find("Federica"), std::string::npos);
      EXPECT_EQ(r.body.find("BE71"), std::string::npos);
    }
  }
  // The dwelling, read by the federation (and everyone), holds nothing of its owner.
  const auto dpath = "/api/v1/dwellings/" + std::to_string(d);
  for (const std::string& login : {std::string("federation"), std::string("region"), a_.staff}) {
    for (const std::string& path : {dpath, dpath + "/history", std::string("/api/v1/dwellings?agency=" + a_.code + "&limit=500")}) {
      auto r = call(login, "GET", path);
      ASSERT_EQ(r.status, 200) << login << " " << path << ": " << r.body;
      EXPECT_EQ(r.body.find("Federica"), std::string::npos) << login << " " << path;
      EXPECT_EQ(r.body.find("BE71"), std::string::npos) << login << " " << path;
      EXPECT_EQ(r.body.find("096123456769"), std::string::npos) << login << " " << path;
      EXPECT_EQ(r.body.find("iban"), std::string::npos) << login << " " << path;
      EXPECT_EQ(r.body.find("owner"), std::string::npos) << login << " " << path;
    }
  }
}

TEST_P(OwnersApiTest, WithoutASessionEveryRouteIs401) {
  auto oa = owner(a_.staff, "Anon Owner");
  auto k = created(a_.staff, "/api/v1/owner-contracts", contract(dwelling(a_.staff), oa, "2026-02-01", "700"));
  const auto kid = k["id"].get<std::int64_t>();
  for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"GET", "/api/v1/owners"},
           {"POST", "/api/v1/owners"},
           {"GET", owner_path(oa)},
           {"PATCH", owner_path(oa)},
           {"GET", "/api/v1/owner-contracts"},
           {"POST", "/api/v1/owner-contracts"},
           {"GET", contract_path(kid)},
           {"PATCH", contract_path(kid)},
       }) {
    auto r = server().request(method, path, method == "GET" ? "" : R"({"name":"Anonymous"})");
    expect_error(r, 401, "common.unauthenticated", method + " " + path);
    EXPECT_EQ(r.body.find("Anon Owner"), std::string::npos);
    EXPECT_EQ(r.body.find("BE68"), std::string::npos);
  }
}

HMS_INSTANTIATE_BACKENDS(OwnersApiTest);

}  // namespace
}  // namespace hms::test
