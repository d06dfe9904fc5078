// Contract F against a real `hms serve` on SQLite and PostgreSQL: the inventory of a crafted
// agency on 30 September 2026 (448 dwellings loaded in bulk, then through the API one vacant,
// one in works, one leased, one whose contract starts on the date and one whose contract ended
// the day before): counts by status, the 451st dwelling not subsidisable, the Region's
// derogation raising the cap (not before its decision date); agency users get their own
// agency whatever they name. Freezing: the agency admin only; the frozen copy never moves when
// the stock changes, and its diff shows the change; another agency's is a 404. Declared stock:
// the region only; adoption's figures (registered / declared, modules' use). The subsidy request:
// made by the agency admin from the inventory of 30 September with the amounts of the shipped
// (illustrative) table, questioned, answered, accepted with its tranches, the third paid only
// once the two-thirds statistics are sent; one request a year unless rejected; every refusal
// leaves nothing written. The property-tax list: the contracts in force on a day of the year,
// clipped to it, with the missing cadastral references counted; the owners' names it shows are
// an audited read, its file one of the user's exports.
#include <gtest/gtest.h>

#include <chrono>
#include <map>

#include "support/national_number.hpp"
#include "support/shared_server.hpp"

namespace hms::test {
namespace {

using nlohmann::json;

class SubsidiesApiTest : public TwoAgenciesTest {
 protected:

  std::int64_t owner(const std::string& login) {
    return created(login, "/api/v1/owners", json{{"kind", "person"}, {"name", "Owner " + std::to_string(++next_)},
                                                 {"iban", "BE68539007547034"}})["id"]
        .get<std::int64_t>();
  }
  // A dwelling through the API with its status since `since`, held by a main lease from
  // `start` (to `end` if given).
  std::int64_t dwelling(const std::string& login, const std::string& reference, const std::string& status,
                        const std::string& since, const std::string& start, const std::string& end = "",
                        const std::string& peb = "") {
    json body = {{"reference", reference}, {"street", "Rue Haute"}, {"number", std::to_string(++next_)},
                 {"postcode", "1050"}, {"type", "house"}, {"bedrooms", 3}, {"surface_m2", "85.5"},
                 {"status", status}, {"status_since", since}};
    if (!peb.empty()) body["peb_class"] = peb;
    auto d = created(login, "/api/v1/dwellings", body);
    json contract = {{"dwelling_id", d["id"]}, {"owner_id", owner(login)}, {"kind", "management_mandate"},
                     {"start", start}, {"owner_rent", "720.00"}, {"management_fee", "8"}};
    if (!end.empty()) contract["end"] = end;
    created(login, "/api/v1/owner-contracts", contract);
    return d["id"].get<std::int64_t>();
  }
  // `n` active dwellings held since 2020-01-01, written straight into the tables (the API would
  // take three requests each): LOT-001…, class C, 1 bedroom, 50 m², 600.00 a month.
  void bulk(const TestAgency& a, int n) {
    const auto owner_id = owner(a.staff);
    auto c = server().db().acquire();
    const auto agency = std::to_string(a.id);
    const auto building =
        c->query_one("INSERT INTO buildings (agency_id, address_key, street, house_number, postcode, created_at) VALUES (" +
                     agency + ", 'rue du lot|1|1000', 'Rue du Lot', '1', '1000', 0) RETURNING id")
            ->integer(0);
    std::string values;
    for (int i = 1; i <= n; ++i) {
      char ref[16];
      std::snprintf(ref, sizeof ref, "LOT-%03d", i);
      values += std::string(values.empty() ? "" : ", ") + "(" + agency + ", '" + ref + "', " + std::to_string(building) +
                ", 'Rue du Lot', '1', '" + std::to_string(i) +
                "', '1000', NULL, 'apartment', 1, 500, 'C', '', NULL, '', '', 'active', '2020-01-01', 'lot', 0, 0)";
    }
    c->execute("INSERT INTO dwellings (agency_id, reference, building_id, street, house_number, box, postcode, floor,"
               " dwelling_type, bedrooms, surface_dm2, peb_class, peb_number, peb_date, cadastral_reference, categories,"
               " status, status_since, search_text, created_at, updated_at) VALUES " + values);
    const std::string lot = " FROM dwellings WHERE agency_id = " + agency + " AND reference LIKE 'LOT-%'";
    c->execute("INSERT INTO dwelling_statuses (agency_id, dwelling_id, status, from_date, recorded_at)"
               " SELECT agency_id, id, 'active', '2020-01-01', 0" + lot);
    c->execute("INSERT INTO owner_contracts (agency_id, dwelling_id, owner_id, kind, start_date, registered,"
               " guarantee_vacancy, guarantee_unpaid_rent, guarantee_damage, owner_rent_cents, created_at, updated_at)"
               " SELECT agency_id, id, " + std::to_string(owner_id) + ", 'main_lease', '2020-01-01', 1, 1, 1, 1, 60000, 0, 0" + lot);
    c->execute("INSERT INTO owner_contract_rents (agency_id, contract_id, valid_from, amount_cents, reason, recorded_at)"
               " SELECT agency_id, id, start_date, owner_rent_cents, 'initial', 0 FROM owner_contracts WHERE agency_id = " +
               agency + " AND start_date = '2020-01-01'");
  }
  std::int64_t lease(const std::string& login, std::int64_t dwelling_id, const std::string& start) {
    const int n = ++next_;
    json member = {{"first_name", "Amina"}, {"last_name", "Inventory" + std::to_string(n)}, {"birth_date", "1985-06-15"},
                   {"relation", "applicant"}, {"dependent", false}, {"disabled", false},
                   {"national_number", national_number("850615", n % 997 + 1, false)}};
    auto a = created(login, "/api/v1/applicants",
                     json{{"members", json::array({member})}, {"income_year", 2024}, {"income", "21400.00"},
                          {"incomes", 1}, {"preferred_postcodes", json::array()}, {"over_indebted", false}});
    return created(login, "/api/v1/leases",
                   json{{"dwelling_id", dwelling_id}, {"applicant_id", a["id"]}, {"kind", "standard"}, {"start", start},
                        {"tenant_rent", "585.00"}, {"charges", "60.00"}, {"deposit", "1170.00"}})["id"]
        .get<std::int64_t>();
  }
  json inventory(const std::string& login, const std::string& query) {
    auto r = call(login, "GET", "/api/v1/inventory" + query);
    EXPECT_EQ(r.status, 200) << query << " " << r.body.substr(0, 300);
    return r.json();
  }
  // The crafted agency: 448 + vacant V, works W, leased L (the 451st), N starting on the date;
  // E ended the day before.
  void craft() {
    bulk(a_, 448);
    v_ = dwelling(a_.staff, "V-VACANT", "vacant", "2026-01-01", "2026-01-01");
    w_ = dwelling(a_.staff, "W-WORKS", "works", "2026-01-01", "2026-01-01", "", "B");
    l_ = dwelling(a_.staff, "L-LEASED", "active", "2026-01-01", "2026-01-01", "", "D");
    lease(a_.staff, l_, "2026-02-01");
    dwelling(a_.staff, "N-NEW", "active", "2026-09-30", "2026-09-30", "", "A");
    dwelling(a_.staff, "E-ENDED", "active", "2025-01-01", "2025-01-01", "2026-09-29", "A");
  }

  std::int64_t v_ = 0, w_ = 0, l_ = 0;
  int next_ = 0;
};

TEST_P(SubsidiesApiTest, TheInventoryOfACraftedAgencyCountsItsDwellingsUpToTheCap) {
  craft();
  auto inv = inventory(a_.staff, "?date=2026-09-30");
  EXPECT_EQ(inv["agency"], a_.code);
  EXPECT_EQ(inv["date"], "2026-09-30");
  // E (ended the day before) is not counted, N (starting on the date) is.
  EXPECT_EQ(inv["dwellings"], 452);
  EXPECT_EQ(inv["leased"], 1);
  EXPECT_EQ(inv["vacant"], 1);
  EXPECT_EQ(inv["works"], 1);
  EXPECT_EQ(inv["cap"], 450);
  EXPECT_EQ(inv["subsidisable"], 450);
  EXPECT_EQ(inv["over_cap"], 2);
  EXPECT_EQ(inv["derogation"], nullptr);
  EXPECT_EQ(inv["counts"]["status"], (json{{"active", 450}, {"vacant", 1}, {"works", 1}}));
  EXPECT_EQ(inv["counts"]["type"], (json{{"apartment", 448}, {"house", 4}}));
  EXPECT_EQ(inv["counts"]["bedrooms"], (json{{"1", 448}, {"3", 4}}));
  EXPECT_EQ(inv["counts"]["commune"], (json{{"1000", 448}, {"1050", 4}}));
  ASSERT_EQ(inv["items"].size(), 452u);
  const auto& items = inv["items"];
  // The cap's order: the contract's start, then the dwelling: the 449th and 450th are V and W,
  // the 451st (L) and N are over the cap.
  EXPECT_EQ(items[0]["reference"], "LOT-001");
  EXPECT_EQ(items[448]["reference"], "V-VACANT");
  EXPECT_EQ(items[449]["reference"], "W-WORKS");
  EXPECT_EQ(items[449]["subsidisable"], true);
  EXPECT_EQ(items[450]["reference"], "L-LEASED");
  EXPECT_EQ(items[450]["subsidisable"], false);
  EXPECT_EQ(items[451]["reference"], "N-NEW");
  EXPECT_EQ(items[451]["subsidisable"], false);
  for (const auto& it : items) EXPECT_NE(it["reference"], "E-ENDED");
  // One line in full: the leased dwelling, its household as a band only.
  const auto band = items[450]["band"];
  EXPECT_TRUE(band.is_string()) << items[450].dump();
  EXPECT_EQ(items[450], (json{{"dwelling_id", l_}, {"reference", "L-LEASED"}, {"street", "Rue Haute"},
                              {"number", items[450]["number"]}, {"box", ""}, {"postcode", "1050"},
                              {"commune_fr", "Ixelles"}, {"commune_nl", "Elsene"}, {"type", "house"}, {"bedrooms", 3},
                              {"surface", "85.5"}, {"energy_class", "D"}, {"categories", json::array()},
                              {"contract_kind", "management_mandate"}, {"contract_start", "2026-01-01"},
                              {"contract_end", nullptr}, {"owner_rent", "720.00"}, {"leased", true},
                              {"tenant_rent", "585.00"}, {"band", band}, {"status", "active"},
                              {"status_since", "2026-01-01"}, {"subsidisable", false}}));
  EXPECT_EQ(inv.dump().find("Amina"), std::string::npos) << "no names in the inventory";
  EXPECT_EQ(inv["counts"]["band"], (json{{band.get<std::string>(), 1}, {"none", 451}}));

  // The day before N's contract: 451 dwellings, only L over the cap; E still there.
  auto before = inventory(a_.staff, "?date=2026-09-29");
  EXPECT_EQ(before["dwellings"], 452);  // E counted on its last day, N not yet
  EXPECT_EQ(before["over_cap"], 2);
  auto after = inventory(a_.staff, "?date=2026-10-01");
  EXPECT_EQ(after["dwellings"], 452);
}

TEST_P(SubsidiesApiTest, AgencyUsersGetTheirOwnAgencyTheRegionAnyOne) {
  dwelling(a_.staff, "A-ONE", "active", "2026-01-01", "2026-01-01");
  // The agency parameter is ignored for agency users.
  EXPECT_EQ(inventory(b_.staff, "?agency=" + a_.code + "&date=2026-09-30")["agency"], b_.code);
  EXPECT_EQ(inventory(b_.admin, "?agency=" + a_.code + "&date=2026-09-30")["dwellings"], 0);
  EXPECT_EQ(inventory(a_.staff, "?date=2026-09-30")["dwellings"], 1);
  for (const char* role : {"region", "federation"}) {
    EXPECT_EQ(inventory(role, "?agency=" + a_.code + "&date=2026-09-30")["dwellings"], 1) << role;
    auto none = call(role, "GET", "/api/v1/inventory?date=2026-09-30");
    EXPECT_EQ(none.status, 422) << role;
    EXPECT_EQ(none.error_code(), "subsidies.unknown_agency");
  }
  EXPECT_EQ(call("sysadmin", "GET", "/api/v1/inventory?agency=" + a_.code).status, 403);
  auto bad = call(a_.staff, "GET", "/api/v1/inventory?date=2026-02-30");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.error_code(), "common.invalid_date");
  // The default date: 30 September of this year from that day on, else of last year.
  const std::chrono::year_month_day today{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
  const int year = static_cast<int>(today.year()) - (today.month() < std::chrono::September ||
                                                      (today.month() == std::chrono::September && today.day() < std::chrono::day{30}));
  EXPECT_EQ(inventory(a_.staff, "")["date"], std::to_string(year) + "-09-30");
}

TEST_P(SubsidiesApiTest, TheRegionsDerogationRaisesTheCapFromItsDecision) {
  craft();
  const auto path = "/api/v1/agencies/" + a_.code + "/derogations";
  const json body = {{"cap", 460}, {"decided_on", "2026-06-01"}, {"reference", "AGRBC/2026/0601"}};
  for (const std::string& login : {a_.staff, a_.admin, std::string("federation"), std::string("sysadmin")})
    EXPECT_EQ(call(login, "POST", path, body).status, 403) << login;
  // Every problem at once, nothing written.
  auto bad = call("region", "POST", path, json{{"cap", 400}, {"decided_on", "2026-02-30"}, {"reference", ""}});
  EXPECT_EQ(bad.status, 422) << bad.body;
  for (const char* field : {"cap", "decided_on", "reference"})
    EXPECT_TRUE(bad.json()["error"]["fields"].contains(field)) << field << " " << bad.body;
  EXPECT_EQ(count("subsidies_derogations WHERE agency_id = " + std::to_string(a_.id)), 0);
  EXPECT_EQ(call("region", "POST", "/api/v1/agencies/NOPE-X/derogations", body).status, 422);

  auto made = created("region", path, body);
  EXPECT_EQ(made["cap"], 460);
  created("region", path, json{{"cap", 500}, {"decided_on", "2026-10-15"}, {"reference", "AGRBC/2026/1015"}});
  auto inv = inventory(a_.staff, "?date=2026-09-30");
  EXPECT_EQ(inv["cap"], 460);
  EXPECT_EQ(inv["subsidisable"], 452);
  EXPECT_EQ(inv["over_cap"], 0);
  EXPECT_EQ(inv["derogation"]["reference"], "AGRBC/2026/0601");
  EXPECT_EQ(inv["items"][450]["subsidisable"], true);
  EXPECT_EQ(inventory(a_.staff, "?date=2026-05-31")["cap"], 450);  // before the decision
  EXPECT_EQ(inventory(a_.staff, "?date=2026-10-31")["cap"], 500);
  EXPECT_EQ(inventory(b_.staff, "?date=2026-09-30")["cap"], 450);  // another agency's cap
  EXPECT_EQ(call(a_.staff, "GET", path).json()["total"], 2);
}

TEST_P(SubsidiesApiTest, TheFrozenInventoryNeverMovesAndItsDiffShowsTheChange) {
  craft();
  // Only the agency admin freezes.
  EXPECT_EQ(call(a_.staff, "POST", "/api/v1/inventories", json{{"date", "2026-09-30"}}).status, 403);
  EXPECT_EQ(call("region", "POST", "/api/v1/inventories", json{{"date", "2026-09-30"}}).status, 403);
  for (const json& body : {json{{"date", "2026-02-30"}}, json::object(), json{{"date", "2026-09-30"}, {"x", 1}}}) {
    auto r = call(a_.admin, "POST", "/api/v1/inventories", body);
    EXPECT_EQ(r.status, 422) << body.dump() << " " << r.body;
  }
  EXPECT_EQ(count("subsidies_inventories WHERE agency_id = " + std::to_string(a_.id)), 0);

  auto frozen = created(a_.admin, "/api/v1/inventories", json{{"date", "2026-09-30"}});
  const auto id = std::to_string(frozen["id"].get<std::int64_t>());
  EXPECT_EQ(frozen["dwellings"], 452);
  EXPECT_EQ(frozen["subsidisable"], 450);
  auto live = inventory(a_.staff, "?date=2026-09-30");
  for (const char* key : {"agency", "date", "dwellings", "leased", "vacant", "works", "subsidisable", "cap", "over_cap",
                          "counts", "items"})
    EXPECT_EQ(frozen[key], live[key]) << key;
  EXPECT_EQ(call(a_.staff, "GET", "/api/v1/inventories/" + id + "/diff").json()["total"], 0);

  // The stock changes: W gets 4 bedrooms; a new dwelling held from 2026-09-01 appears.
  auto patched = call(a_.staff, "PATCH", "/api/v1/dwellings/" + std::to_string(w_), json{{"bedrooms", 4}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  dwelling(a_.staff, "X-LATE", "active", "2026-09-01", "2026-09-01");

  auto again = call(a_.admin, "GET", "/api/v1/inventories/" + id);
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(again.json(), frozen) << "the frozen inventory moved";
  auto diff = call(a_.staff, "GET", "/api/v1/inventories/" + id + "/diff");
  ASSERT_EQ(diff.status, 200) << diff.body;
  const auto d = diff.json();
  ASSERT_EQ(d["total"], 2) << d.dump();
  // By reference: W-WORKS changed, X-LATE added.
  EXPECT_EQ(d["items"][0]["reference"], "W-WORKS");
  EXPECT_EQ(d["items"][0]["change"], "changed");
  EXPECT_EQ(d["items"][0]["fields"], (json::array({{{"field", "bedrooms"}, {"frozen", "3"}, {"live", "4"}}})));
  EXPECT_EQ(d["items"][1]["reference"], "X-LATE");
  EXPECT_EQ(d["items"][1]["change"], "added");

  // Another agency's: 404, as for an id that does not exist; the region and federation read it.
  for (const std::string& login : {b_.staff, b_.admin}) {
    EXPECT_EQ(call(login, "GET", "/api/v1/inventories/" + id).status, 404) << login;
    EXPECT_EQ(call(login, "GET", "/api/v1/inventories/" + id + "/diff").status, 404) << login;
    EXPECT_EQ(call(login, "GET", "/inventories/" + id).status, 404) << login;
  }
  EXPECT_EQ(call(b_.staff, "GET", "/api/v1/inventories/" + id).error_code(), "subsidies.not_found");
  EXPECT_EQ(call("region", "GET", "/api/v1/inventories/" + id).status, 200);
  EXPECT_EQ(call("federation", "GET", "/api/v1/inventories/" + id + "/diff").status, 200);
  EXPECT_EQ(call(a_.staff, "GET", "/api/v1/inventories").json()["total"], 1);
  EXPECT_EQ(call(b_.staff, "GET", "/api/v1/inventories").json()["total"], 0);
  // The pages.
  auto page = server().request("GET", "/inventories/" + id, "", cookie(a_.admin).headers(false));
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("X-LATE"), std::string::npos);
  auto inventory_page = server().request("GET", "/inventory?date=2026-09-30", "", cookie(a_.admin).headers(false));
  EXPECT_EQ(inventory_page.status, 200);
  EXPECT_NE(inventory_page.body.find("inventory-freeze"), std::string::npos) << "the admin's button";
  EXPECT_NE(inventory_page.body.find("/inventories/" + id), std::string::npos) << "the frozen one listed";
  // The frozen inventory as a file, a line per dwelling; another agency's is a 404.
  auto csv = server().request("GET", "/inventories/" + id + "/export?format=csv", "", cookie(a_.staff).headers(false));
  ASSERT_EQ(csv.status, 200);
  std::size_t lines = 0;
  for (char c : csv.body) lines += c == '\n';
  EXPECT_EQ(lines, 453u) << "the header and the 452 dwellings as frozen";
  EXPECT_EQ(csv.body.find("X-LATE"), std::string::npos) << "added after the freeze";
  EXPECT_EQ(server().request("GET", "/inventories/" + id + "/export", "", cookie(b_.staff).headers(false)).status, 404);
  auto live_csv = server().request("GET", "/inventory/export?format=csv&date=2026-09-30", "", cookie(a_.staff).headers(false));
  EXPECT_NE(live_csv.body.find("X-LATE"), std::string::npos) << "the live one has it";
  auto staff_page = server().request("GET", "/inventory?date=2026-09-30", "", cookie(a_.staff).headers(false));
  EXPECT_EQ(staff_page.status, 200);
  EXPECT_EQ(staff_page.body.find("inventory-freeze"), std::string::npos) << "no button for the staff";
}

TEST_P(SubsidiesApiTest, TheRegionRecordsTheDeclaredStockAndReadsAdoption) {
  craft();
  created(a_.admin, "/api/v1/inventories", json{{"date", "2026-09-30"}});
  const auto path = "/api/v1/agencies/" + a_.code + "/declared-stock";
  const json body = {{"date", "2026-09-30"}, {"dwellings", 500}};
  for (const std::string& login : {a_.staff, a_.admin, std::string("federation"), std::string("sysadmin")})
    EXPECT_EQ(call(login, "PUT", path, body).status, 403) << login;
  auto bad = call("region", "PUT", path, json{{"date", "2026-13-01"}, {"dwellings", -1}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(bad.json()["error"]["fields"].contains("date")) << bad.body;
  EXPECT_TRUE(bad.json()["error"]["fields"].contains("dwellings")) << bad.body;
  EXPECT_EQ(count("oversight_declared_stock WHERE agency_id = " + std::to_string(a_.id)), 0);
  EXPECT_EQ(call("region", "PUT", "/api/v1/agencies/NOPE-X/declared-stock", body).status, 404);
  auto put = call("region", "PUT", path, body);
  ASSERT_EQ(put.status, 200) << put.body;

  for (const std::string& login : {a_.staff, a_.admin, std::string("sysadmin")})
    EXPECT_EQ(call(login, "GET", "/api/v1/adoption").status, 403) << login;
  auto r = call("federation", "GET", "/api/v1/adoption");
  ASSERT_EQ(r.status, 200) << r.body;
  json a, b;
  const auto adoption = r.json();
  for (const auto& item : adoption["items"]) {
    if (item["agency"] == a_.code) a = item;
    if (item["agency"] == b_.code) b = item;
  }
  // Registered today: 452 dwellings managed (E ended), all in the stock (active, vacant, works),
  // 450 of them subsidisable; 450 / 500 = 90.0 %.
  EXPECT_EQ(a["declared"], 500);
  EXPECT_EQ(a["registered"], 450);
  EXPECT_EQ(a["coverage"], "90.0");
  EXPECT_EQ(a["modules"]["stock"]["count"], 453);
  EXPECT_EQ(a["modules"]["leases"]["count"], 1);
  EXPECT_EQ(a["modules"]["subsidies"]["count"], 1);
  EXPECT_TRUE(a["modules"]["subsidies"]["last_used"].is_string());
  EXPECT_EQ(a["modules"]["ledger"], (json{{"count", 0}, {"last_used", nullptr}}));
  EXPECT_EQ(b["declared"], nullptr);
  EXPECT_EQ(b["coverage"], nullptr);
  EXPECT_EQ(b["registered"], 0);
  // A later declaration replaces it; the Region's figure follows.
  ASSERT_EQ(call("region", "PUT", path, json{{"date", "2026-10-31"}, {"dwellings", 499}}).status, 200);
  auto again = call("region", "GET", "/api/v1/adoption").json();
  for (const auto& item : again["items"])
    if (item["agency"] == a_.code) {
      EXPECT_EQ(item["coverage"], "90.2");  // 450 / 499 = 90.18 %
    }
  EXPECT_GE(again["region"]["declared"].get<std::int64_t>(), 499);
  auto page = server().request("GET", "/adoption?lang=en", "", cookie("region").headers(false));
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find(a_.code), std::string::npos);
  // The monthly trend: the first of each of the last 12 months, then today; the agency's 452
  // dwellings in force today are among those counted.
  const auto trend = r.json()["trend"];
  ASSERT_GE(trend.size(), 12u);
  EXPECT_GE(trend.back()["managed"].get<std::int64_t>(), 452);
  // The Region's form: refused with every problem at once, then recorded.
  auto region = cookie("region");
  auto refused = server().request("POST", "/adoption/declared-stock",
                                  "csrf_token=" + region.csrf + "&agency=" + b_.code + "&date=2026-02-30&dwellings=x",
                                  region.headers(false), "application/x-www-form-urlencoded");
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("declared-stock-form"), std::string::npos);
  EXPECT_EQ(count("oversight_declared_stock WHERE agency_id = " + std::to_string(b_.id)), 0);
  auto posted = server().request("POST", "/adoption/declared-stock",
                                 "csrf_token=" + region.csrf + "&agency=" + b_.code + "&date=2026-09-30&dwellings=120",
                                 region.headers(false), "application/x-www-form-urlencoded");
  EXPECT_EQ(posted.status, 303);
  EXPECT_EQ(count("oversight_declared_stock WHERE agency_id = " + std::to_string(b_.id) + " AND dwellings = 120"), 1);
  auto trend_page = server().request("GET", "/adoption", "", region.headers(false));
  EXPECT_NE(trend_page.body.find("adoption-trend"), std::string::npos);
  auto fed_page = server().request("GET", "/adoption", "", cookie("federation").headers(false));
  EXPECT_EQ(fed_page.body.find("declared-stock-form"), std::string::npos) << "the federation records nothing";
}

TEST_P(SubsidiesApiTest, TheSubsidyRequestGoesFromTheInventoryToItsPaidTranches) {
  craft();
  // W-WORKS (subsidisable, under a mandate) is a transit dwelling.
  ASSERT_EQ(call(a_.staff, "PATCH", "/api/v1/dwellings/" + std::to_string(w_), json{{"categories", json::array({"transit"})}}).status, 200);
  const auto frozen = created(a_.admin, "/api/v1/inventories", json{{"date", "2026-09-30"}});
  const auto inventory_id = frozen["id"].get<std::int64_t>();
  const auto other_date = created(a_.admin, "/api/v1/inventories", json{{"date", "2026-08-31"}});
  const auto agency = std::to_string(a_.id);
  auto requests = [&] { return count("subsidies_requests WHERE agency_id = " + agency); };

  // Refused, nothing written: staff and the region may not make it; an inventory of another date,
  // another agency's, none; an unknown key.
  EXPECT_EQ(call(a_.staff, "POST", "/api/v1/subsidy-requests", json{{"inventory", inventory_id}}).status, 403);
  EXPECT_EQ(call("region", "POST", "/api/v1/subsidy-requests", json{{"inventory", inventory_id}}).status, 403);
  EXPECT_EQ(call(a_.admin, "POST", "/api/v1/subsidy-requests", json{{"inventory", other_date["id"]}}).error_code(),
            "subsidies.not_reference_date");
  EXPECT_EQ(call(b_.admin, "POST", "/api/v1/subsidy-requests", json{{"inventory", inventory_id}}).status, 404);
  EXPECT_EQ(call(a_.admin, "POST", "/api/v1/subsidy-requests", json::object()).status, 404);
  EXPECT_EQ(call(a_.admin, "POST", "/api/v1/subsidy-requests", json{{"inventory", inventory_id}, {"x", 1}}).status, 422);
  EXPECT_EQ(requests(), 0);

  // 448 dwellings under a main lease and V, W under a mandate are subsidisable (L and N over the
  // cap); W is transit. Shipped rates: 2,000.00, 2,400.00, 800.00 and a fixed 60,000.00.
  auto made = created(a_.admin, "/api/v1/subsidy-requests", json{{"inventory", inventory_id}});
  const auto id = std::to_string(made["id"].get<std::int64_t>());
  EXPECT_EQ(made["year"], 2027);
  EXPECT_EQ(made["status"], "submitted");
  EXPECT_EQ(made["rates_status"], "illustrative");
  EXPECT_EQ(made["inventory_date"], "2026-09-30");
  EXPECT_EQ(made["lines"], json::parse(R"([
    {"part": "dwelling.management_mandate", "count": 2, "rate": "2400.00", "amount": "4800.00"},
    {"part": "dwelling.main_lease", "count": 448, "rate": "2000.00", "amount": "896000.00"},
    {"part": "transit_complement", "count": 1, "rate": "800.00", "amount": "800.00"},
    {"part": "fixed", "count": 1, "rate": "60000.00", "amount": "60000.00"}])"));
  EXPECT_EQ(made["total"], "961600.00");
  EXPECT_EQ(made["tranches"], json::array());
  EXPECT_EQ(made["events"].size(), 1u);
  // One a year.
  EXPECT_EQ(call(a_.admin, "POST", "/api/v1/subsidy-requests", json{{"inventory", inventory_id}}).error_code(),
            "subsidies.request_exists");

  // Who reads it: the agency, the region, the federation; never another agency.
  EXPECT_EQ(call(a_.staff, "GET", "/api/v1/subsidy-requests/" + id).status, 200);
  EXPECT_EQ(call("federation", "GET", "/api/v1/subsidy-requests/" + id).status, 200);
  for (const std::string& login : {b_.staff, b_.admin}) {
    EXPECT_EQ(call(login, "GET", "/api/v1/subsidy-requests/" + id).status, 404) << login;
    EXPECT_EQ(call(login, "GET", "/subsidy-requests/" + id + "/pdf").status, 404) << login;
  }
  EXPECT_EQ(call(b_.staff, "GET", "/api/v1/subsidy-requests").json()["total"], 0);
  EXPECT_EQ(call(a_.staff, "GET", "/api/v1/subsidy-requests").json()["total"], 1);
  EXPECT_EQ(call("region", "GET", "/api/v1/subsidy-requests?agency=" + a_.code).json()["total"], 1);

  // Only the region decides; a question needs a comment; the agency admin answers it.
  const auto review = "/api/v1/subsidy-requests/" + id + "/review";
  EXPECT_EQ(call(a_.admin, "POST", review, json{{"decision", "accept"}}).status, 403);
  EXPECT_EQ(call("federation", "POST", review, json{{"decision", "accept"}}).status, 403);
  auto bad = call("region", "POST", review, json{{"decision", "maybe"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(call("region", "POST", review, json{{"decision", "question"}, {"comment", "  "}}).error_code(),
            "subsidies.comment_required");
  auto asked = call("region", "POST", review, json{{"decision", "question"}, {"comment", "Pourquoi 2 mandats ?"}});
  ASSERT_EQ(asked.status, 200) << asked.body;
  EXPECT_EQ(asked.json()["status"], "question");
  EXPECT_EQ(call("region", "POST", review, json{{"decision", "accept"}}).error_code(), "subsidies.not_awaiting_review");
  EXPECT_EQ(call(b_.admin, "POST", "/api/v1/subsidy-requests/" + id + "/answer", json{{"comment", "x"}}).status, 404);
  auto answered = call(a_.admin, "POST", "/api/v1/subsidy-requests/" + id + "/answer", json{{"comment", "Deux logements repris en 2026."}});
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(answered.json()["status"], "submitted");
  EXPECT_EQ(call(a_.admin, "POST", "/api/v1/subsidy-requests/" + id + "/answer", json{{"comment", "x"}}).error_code(),
            "subsidies.no_question");

  // Accepted: three tranches of 40, 40 and 20 % that add up to the total, the third on the
  // two-thirds statistics.
  auto accepted = call("region", "POST", review, json{{"decision", "accept"}});
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  auto r = accepted.json();
  EXPECT_EQ(r["status"], "accepted");
  ASSERT_EQ(r["tranches"].size(), 3u) << r.dump();
  EXPECT_EQ(r["tranches"][0]["amount"], "384640.00");
  EXPECT_EQ(r["tranches"][0]["due_on"], "2027-03-31");
  EXPECT_EQ(r["tranches"][1]["amount"], "384640.00");
  EXPECT_EQ(r["tranches"][2]["amount"], "192320.00");
  EXPECT_EQ(r["tranches"][2]["due_on"], "2027-12-31");
  EXPECT_EQ(r["tranches"][2]["justification"], "income_mix");
  EXPECT_EQ(r["tranches"][0]["justification"], nullptr);
  std::vector<std::string> kinds;
  for (const auto& e : r["events"]) kinds.push_back(e["kind"]);
  EXPECT_EQ(kinds, (std::vector<std::string>{"submitted", "question", "answer", "accepted"}));

  // Payments: the region only, once, not in the future; the third waits for its statistics.
  const auto pay = "/api/v1/subsidy-requests/" + id + "/payments";
  EXPECT_EQ(call(a_.admin, "POST", pay, json{{"tranche", 1}, {"paid_on", "2026-11-02"}}).status, 403);
  EXPECT_EQ(call("region", "POST", pay, json{{"tranche", 1}, {"paid_on", "2099-01-01"}}).error_code(), "subsidies.paid_in_future");
  EXPECT_EQ(call("region", "POST", pay, json{{"tranche", 9}, {"paid_on", "2026-11-02"}}).status, 404);
  auto paid = call("region", "POST", pay, json{{"tranche", 1}, {"paid_on", "2026-11-02"}});
  ASSERT_EQ(paid.status, 200) << paid.body;
  EXPECT_EQ(paid.json()["tranches"][0]["paid_on"], "2026-11-02");
  EXPECT_EQ(call("region", "POST", pay, json{{"tranche", 1}, {"paid_on", "2026-11-03"}}).error_code(), "subsidies.already_paid");
  EXPECT_EQ(call("region", "POST", pay, json{{"tranche", 3}, {"paid_on", "2026-11-02"}}).error_code(),
            "subsidies.justification_missing");
  const auto justify = "/api/v1/subsidy-requests/" + id + "/justification";
  EXPECT_EQ(call(a_.admin, "POST", justify, json{{"tranche", 1}}).error_code(), "subsidies.no_justification");
  EXPECT_EQ(call(a_.staff, "POST", justify, json{{"tranche", 3}}).status, 403);
  auto justified = call(a_.admin, "POST", justify, json{{"tranche", 3}});
  ASSERT_EQ(justified.status, 200) << justified.body;
  EXPECT_EQ(justified.json()["tranches"][2]["income_mix"], (json{{"leases", 1}, {"at_or_below", 1}}));
  EXPECT_EQ(call(a_.admin, "POST", justify, json{{"tranche", 3}}).error_code(), "subsidies.already_justified");
  EXPECT_EQ(call("region", "POST", pay, json{{"tranche", 3}, {"paid_on", "2026-11-02"}}).status, 200);
  // Every step audited.
  EXPECT_EQ(count("audit_log WHERE action LIKE 'subsidies.%' AND object_type = 'subsidies_requests' AND object_id = '" + id + "'"), 7);

  // Its PDF and its lines as XLSX; the pages.
  auto pdf = server().request("GET", "/subsidy-requests/" + id + "/pdf", "", cookie(a_.admin).headers(false));
  EXPECT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  auto xlsx = server().request("GET", "/subsidy-requests/" + id + "/export?format=xlsx", "", cookie("region").headers(false));
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  auto page = server().request("GET", "/subsidy-requests/" + id, "", cookie(a_.admin).headers(false));
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("request-illustrative"), std::string::npos) << "the rates are illustrative";

  // Rejected, a new request for the year may be made.
  auto again = created(b_.admin, "/api/v1/inventories", json{{"date", "2026-09-30"}});
  auto second = created(b_.admin, "/api/v1/subsidy-requests", json{{"inventory", again["id"]}});
  const auto second_id = std::to_string(second["id"].get<std::int64_t>());
  ASSERT_EQ(call("region", "POST", "/api/v1/subsidy-requests/" + second_id + "/review",
                 json{{"decision", "reject"}, {"comment", "Inventaire incomplet."}}).status, 200);
  EXPECT_EQ(call(b_.admin, "POST", "/api/v1/subsidy-requests", json{{"inventory", again["id"]}}).status, 201);
}

TEST_P(SubsidiesApiTest, ThePropertyTaxListHoldsTheContractsInForceDuringTheYear) {
  craft();
  ASSERT_EQ(call(a_.staff, "PATCH", "/api/v1/dwellings/" + std::to_string(v_), json{{"cadastral_reference", "21015A0123/00B000"}}).status, 200);
  auto list = [&](const std::string& login, const std::string& query) {
    auto r = call(login, "GET", "/api/v1/property-tax" + query);
    EXPECT_EQ(r.status, 200) << query << " " << r.body.substr(0, 300);
    return r.json();
  };
  // 2026: the 448, V, W, L, N (from 30 September) and E (until 29 September).
  auto y2026 = list(a_.staff, "?year=2026");
  EXPECT_EQ(y2026["agency"], a_.code);
  EXPECT_EQ(y2026["total"], 453);
  EXPECT_EQ(y2026["without_cadastral_reference"], 452);
  std::map<std::string, json> by_ref;
  for (const auto& i : y2026["items"]) by_ref[i["reference"]] = i;
  EXPECT_EQ(by_ref["E-ENDED"]["from"], "2026-01-01");
  EXPECT_EQ(by_ref["E-ENDED"]["to"], "2026-09-29");
  EXPECT_EQ(by_ref["N-NEW"]["from"], "2026-09-30");
  EXPECT_EQ(by_ref["N-NEW"]["to"], "2026-12-31");
  EXPECT_EQ(by_ref["V-VACANT"]["cadastral_reference"], "21015A0123/00B000");
  EXPECT_EQ(by_ref["LOT-001"]["cadastral_reference"], nullptr);
  EXPECT_EQ(by_ref["LOT-001"]["contract"]["kind"], "main_lease");
  EXPECT_FALSE(by_ref["V-VACANT"]["owner"]["name"].get<std::string>().empty());
  // 2025: the 448 and E; 2019: none.
  EXPECT_EQ(list(a_.staff, "?year=2025")["total"], 449);
  EXPECT_EQ(list(a_.staff, "?year=2019")["total"], 0);
  EXPECT_EQ(call(a_.staff, "GET", "/api/v1/property-tax?year=20x6").error_code(), "subsidies.invalid_year");

  // Agency users get their own agency whatever they name; the region names one; the federation
  // reads no owners.
  EXPECT_EQ(list(b_.staff, "?year=2026&agency=" + a_.code)["agency"], b_.code);
  EXPECT_EQ(list(b_.staff, "?year=2026&agency=" + a_.code)["total"], 0);
  EXPECT_EQ(call("region", "GET", "/api/v1/property-tax?year=2026").status, 422);
  EXPECT_EQ(list("region", "?year=2026&agency=" + a_.code)["total"], 453);
  EXPECT_EQ(call("federation", "GET", "/api/v1/property-tax?year=2026&agency=" + a_.code).status, 403);

  // Each read of owners' names is audited, with the row count; the file is an export.
  const auto agency = std::to_string(a_.id);
  EXPECT_EQ(count("audit_log WHERE action = 'subsidies.property_tax' AND agency_id = " + agency + " AND object_id = '453'"), 2);
  auto csv = server().request("GET", "/property-tax/export?format=csv&year=2026", "", cookie(a_.staff).headers(false));
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(csv.body.substr(3, csv.body.find("\r\n") - 3),
            "dwelling_reference;street;number;box;postcode;commune;cadastral_reference;owner_kind;owner_name;"
            "company_number;owner_address;contract_kind;contract_start;contract_end;from;to");
  std::size_t lines = 0;
  for (char c : csv.body) lines += c == '\n';
  EXPECT_EQ(lines, 454u) << "the header and a line per contract";
  EXPECT_NE(csv.body.find("E-ENDED;Rue Haute;"), std::string::npos);
  EXPECT_NE(csv.body.find(";2025-01-01;2026-09-29;2026-01-01;2026-09-29\r\n"), std::string::npos);
  EXPECT_EQ(count("audit_log WHERE action = 'subsidies.property_tax_export' AND agency_id = " + agency), 1);
  auto page = server().request("GET", "/property-tax?year=2026", "", cookie(a_.staff).headers(false));
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("property-tax-missing"), std::string::npos);
}

// From 1 September to the end of the year, the dashboard reminds an agency of the inventory of
// 30 September until it is submitted, and tells the Region how many agencies submitted it.
TEST_P(SubsidiesApiTest, TheDashboardRemindsTheAgencyOfItsInventoryUntilItIsSubmitted) {
  const std::chrono::year_month_day today{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
  const bool season = today.month() >= std::chrono::September;
  const std::string reference = std::to_string(static_cast<int>(today.year())) + "-09-30";
  auto shows = [&](const std::string& login) {
    auto page = server().request("GET", "/", "", cookie(login).headers(false));
    EXPECT_EQ(page.status, 200);
    return page.body.find("id=\"inventory-due\"") != std::string::npos;
  };
  EXPECT_EQ(shows(a_.staff), season);
  EXPECT_EQ(shows("region"), season);
  created(a_.admin, "/api/v1/inventories", json{{"date", reference}});
  EXPECT_FALSE(shows(a_.staff)) << "submitted: no reminder";
  EXPECT_EQ(shows(b_.staff), season) << "the other agency has not submitted";
}

// The compliance report of a year: each check's light from what the agency did in hms, moving as it
// submits its inventory and request and as the Region records the stock declared.
TEST_P(SubsidiesApiTest, TheComplianceReportLightsEachCheckOfTheYear) {
  craft();
  auto report = [&] {
    auto r = call("region", "GET", "/api/v1/compliance?year=2026&agency=" + a_.code);
    EXPECT_EQ(r.status, 200) << r.body.substr(0, 300);
    return r.json()["items"][0];
  };
  // Nothing declared, submitted or requested yet.
  auto r = report();
  EXPECT_EQ(r["agency"], a_.code);
  EXPECT_EQ(r["registered"], 450);
  EXPECT_EQ(r["declared"], nullptr);
  EXPECT_EQ(r["dwellings"], 452);
  EXPECT_EQ(r["contract_kinds"], (json{{"management_mandate", 4}, {"main_lease", 448}}));
  EXPECT_EQ(r["long_vacant"], 1) << "V-VACANT since January";
  EXPECT_EQ(r["owner_rents"], (json{{"total", 452}, {"above_cap", 0}, {"no_cap", 0}}));
  EXPECT_EQ(r["income_mix"]["leases"], 1);
  EXPECT_EQ(r["checks"], (json{{"coverage", "amber"}, {"inventory", "red"}, {"request", "red"}, {"two_thirds", "green"},
                               {"owner_caps", "green"}, {"tenant_caps", "green"}, {"vacancy", "green"}}));
  EXPECT_EQ(r["overall"], "red");

  // Declared 500: 90.0 %, amber. The agency submits the inventories and makes the 2026 request.
  const auto declared = "/api/v1/agencies/" + a_.code + "/declared-stock";
  ASSERT_EQ(call("region", "PUT", declared, json{{"date", "2026-09-30"}, {"dwellings", 500}}).status, 200);
  auto last_year = created(a_.admin, "/api/v1/inventories", json{{"date", "2025-09-30"}});
  created(a_.admin, "/api/v1/subsidy-requests", json{{"inventory", last_year["id"]}});
  created(a_.admin, "/api/v1/inventories", json{{"date", "2026-09-30"}});
  r = report();
  EXPECT_EQ(r["coverage"], "90.0");
  EXPECT_EQ(r["request_status"], "submitted");
  EXPECT_EQ(r["checks"]["coverage"], "amber");
  EXPECT_EQ(r["checks"]["inventory"], "green");
  EXPECT_EQ(r["checks"]["request"], "green");
  EXPECT_EQ(r["overall"], "amber");
  // Declared 460: 97.8 %, all green.
  ASSERT_EQ(call("region", "PUT", declared, json{{"date", "2026-10-01"}, {"dwellings", 460}}).status, 200);
  EXPECT_EQ(report()["overall"], "green");

  // The overview: every agency, for the region and the federation; agencies get 403.
  auto overview = call("federation", "GET", "/api/v1/compliance?year=2026");
  ASSERT_EQ(overview.status, 200);
  bool listed = false;
  const auto items = overview.json()["items"];
  for (const auto& i : items) listed = listed || (i["agency"] == a_.code && i["overall"] == "green");
  EXPECT_TRUE(listed);
  EXPECT_EQ(call(a_.admin, "GET", "/api/v1/compliance?year=2026").status, 403);
  EXPECT_EQ(call(a_.staff, "GET", "/compliance").status, 403);
  EXPECT_EQ(call("region", "GET", "/api/v1/compliance?agency=NO-SUCH").status, 404);
  EXPECT_EQ(call("region", "GET", "/api/v1/compliance?year=1999").error_code(), "oversight.invalid_year");
  // The report as a page, a PDF and a spreadsheet; the overview as a PDF.
  auto page = server().request("GET", "/compliance?agency=" + a_.code + "&year=2026", "", cookie("region").headers(false));
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("data-check=\"two_thirds\""), std::string::npos);
  auto table = server().request("GET", "/compliance?year=2026", "", cookie("region").headers(false));
  EXPECT_NE(table.body.find("data-agency=\"" + a_.code + "\""), std::string::npos);
  for (const std::string& path : {"/compliance.pdf?year=2026&agency=" + a_.code, std::string("/compliance.pdf?year=2026")}) {
    auto pdf = server().request("GET", path, "", cookie("region").headers(false));
    EXPECT_EQ(pdf.status, 200) << path;
    EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-") << path;
  }
  auto xlsx = server().request("GET", "/compliance/export?format=xlsx&year=2026", "", cookie("federation").headers(false));
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
}

HMS_INSTANTIATE_BACKENDS(SubsidiesApiTest);

}  // namespace
}  // namespace hms::test
