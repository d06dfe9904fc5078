// The region's per-agency view (issue 15, point 4), against a real `hms serve` on SQLite and
// PostgreSQL: /agencies shows, per agency, its dwellings by status, its owner contracts ending
// within six months, its users, its last change and last login; every stock figure links to
// the list it counts (and that list counts the same); the table sorts by any column and exports
// as CSV; the federation sees the figures without the link to owner contracts; the system
// admin (no stock_view) sees no stock column; an agency sees its own row only.
// One server per backend for the suite; each test works in two agencies of its own, A and B, set
// up alike (so every agency on the server has logged in and changed something), and looks at
// their rows among the others'.
#include <gtest/gtest.h>

#include <chrono>

#include "common/date.hpp"
#include "support/shared_server.hpp"

namespace hms::test {
namespace {

using db::Backend;
using nlohmann::json;

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

// Whether one cell of a CSV (";" between cells) is exactly `value`.
bool has_cell(const std::string& csv, const std::string& value) {
  for (std::size_t at = csv.find(value); at != std::string::npos; at = csv.find(value, at + 1)) {
    const auto end = at + value.size();
    const bool starts = at == 0 || csv[at - 1] == ';' || csv[at - 1] == '\n';
    const bool ends = end == csv.size() || csv[end] == ';' || csv[end] == '\r' || csv[end] == '\n';
    if (starts && ends) return true;
  }
  return false;
}

class AgenciesPagesTest : public TwoAgenciesTest {
 protected:
  void SetUp() override {
    TwoAgenciesTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    // A: three dwellings (one let, one vacant, one under works), one contract ending in
    // three months; B: one vacant dwelling, nothing else.
    const auto a = bearer(token(a_.staff));
    std::vector<std::int64_t> ids;
    for (const char* ref : {"OV-1", "OV-2", "OV-3"})
      ids.push_back(post("/api/v1/dwellings", {{"reference", ref}, {"street", "Rue Haute"}, {"number", "1"},
                                                {"postcode", "1000"}, {"type", "apartment"}, {"bedrooms", 1}}, a));
    patch("/api/v1/dwellings/" + std::to_string(ids[1]), {{"status", "vacant"}}, a);
    patch("/api/v1/dwellings/" + std::to_string(ids[2]), {{"status", "works"}}, a);
    const auto owner = post("/api/v1/owners", {{"kind", "person"}, {"name", "Odile Overview"}, {"iban", "BE68539007547034"}}, a);
    post("/api/v1/owner-contracts", {{"dwelling_id", ids[0]}, {"owner_id", owner}, {"kind", "main_lease"},
                                     {"start", "2026-01-01"}, {"end", ending_date()}, {"owner_rent", "600.00"}}, a);
    const auto b = bearer(token(b_.staff));
    const auto vacant_b = post("/api/v1/dwellings", {{"reference", "OV-9"}, {"street", "Rue Basse"}, {"number", "2"},
                                                     {"postcode", "1000"}, {"type", "house"}, {"bedrooms", 3}}, b);
    patch("/api/v1/dwellings/" + std::to_string(vacant_b), {{"status", "vacant"}}, b);
  }
  // Three months from today, ISO: inside the six-month window.
  static std::string ending_date() {
    const auto later = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) + std::chrono::days{90};
    return hms::to_iso(std::chrono::year_month_day{later});
  }
  std::int64_t post(const std::string& path, const json& body, const Headers& h) {
    auto r = server().request("POST", path, body.dump(), h);
    if (r.status != 201) throw std::runtime_error(path + ": " + std::to_string(r.status) + " " + r.body);
    return r.json().at("id").get<std::int64_t>();
  }
  void patch(const std::string& path, const json& body, const Headers& h) {
    auto r = server().request("PATCH", path, body.dump(), h);
    if (r.status != 200) throw std::runtime_error(path + ": " + std::to_string(r.status) + " " + r.body);
  }
  HttpResult page(const std::string& path, const std::string& login) {
    return server().request("GET", path, "", cookie(login).headers(false));
  }
};

TEST_P(AgenciesPagesTest, TheRegionSeesEachAgencysFiguresEachALinkToItsList) {
  auto r = page("/agencies?lang=fr", "region");
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
  // A: 3 dwellings, 1 let, 1 vacant, 1 under works, 1 contract ending; each a link.
  const auto a = a_.code, b = b_.code;
  EXPECT_TRUE(contains(r.body, "<a href=\"/dwellings?agency=" + a + "\">3</a>")) << r.body;
  EXPECT_TRUE(contains(r.body, "<a href=\"/dwellings?agency=" + a + "&amp;status=active\">1</a>"));
  EXPECT_TRUE(contains(r.body, "<a href=\"/dwellings?agency=" + a + "&amp;status=vacant\">1</a>"));
  EXPECT_TRUE(contains(r.body, "<a href=\"/dwellings?agency=" + a + "&amp;status=works\">1</a>"));
  EXPECT_TRUE(contains(r.body, "<a href=\"/owner-contracts?agency=" + a + "&amp;ending_from="));
  EXPECT_TRUE(contains(r.body, "<a href=\"/dwellings?agency=" + b + "&amp;status=vacant\">1</a>"));
  // The list a figure opens counts the same.
  const auto vacant = call("region", "GET", "/api/v1/dwellings?agency=" + a + "&status=vacant");
  EXPECT_EQ(vacant.json()["total"], 1) << vacant.body;
  // Last change and last login are dates, not "—", for an agency that worked today.
  EXPECT_FALSE(contains(r.body, "<td>—</td><td>—</td>")) << "A and B (and the suite's other agencies) logged in and changed things";
  // Sorted by vacant dwellings, descending: both have one, so the code decides; by dwellings: A first.
  auto sorted = page("/agencies?sort=-dwellings", "region");
  EXPECT_LT(sorted.body.find(">" + a + "<"), sorted.body.find(">" + b + "<"));
  sorted = page("/agencies?sort=dwellings", "region");
  EXPECT_LT(sorted.body.find(">" + b + "<"), sorted.body.find(">" + a + "<"));
  EXPECT_TRUE(contains(sorted.body, "aria-sort=\"ascending\"><a class=\"sort\" href=\"/agencies?sort=-dwellings\""));
}

TEST_P(AgenciesPagesTest, TheTableExportsWithEveryAgencyAndTheSameFigures) {
  auto csv = page("/agencies/export?format=csv&sort=code", "region");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_TRUE(contains(csv.header("Content-Disposition"), "agencies-")) << csv.header("Content-Disposition");
  // The users column is 2: new_agency() gives each agency its staff member and its admin.
  EXPECT_TRUE(contains(csv.body, a_.code + ";" + a_.name + ";3;1;1;1;1;2;")) << csv.body;
  EXPECT_TRUE(contains(csv.body, b_.code + ";" + b_.name + ";1;0;1;0;0;2;")) << csv.body;
}

TEST_P(AgenciesPagesTest, EachRoleSeesWhatItMayRead) {
  // The federation reads the stock, not owner contracts: the count without its link.
  auto federation = page("/agencies", "federation");
  ASSERT_EQ(federation.status, 200);
  EXPECT_TRUE(contains(federation.body, "<a href=\"/dwellings?agency=" + a_.code + "\">3</a>"));
  EXPECT_FALSE(contains(federation.body, "/owner-contracts?agency="));
  // The system administrator reads no agency's stock: no stock column at all.
  auto sysadmin = page("/agencies", "sysadmin");
  ASSERT_EQ(sysadmin.status, 200);
  EXPECT_TRUE(contains(sysadmin.body, ">" + a_.code + "<"));
  EXPECT_FALSE(contains(sysadmin.body, "/dwellings?agency="));
  // An agency sees its own row only.
  auto own = page("/agencies", b_.staff);
  ASSERT_EQ(own.status, 200);
  EXPECT_TRUE(contains(own.body, ">" + b_.code + "<"));
  EXPECT_FALSE(contains(own.body, ">" + a_.code + "<"));
  auto own_csv = page("/agencies/export?format=csv", b_.staff);
  // A's code ("T1") may be part of other text (a time "T10:…"): no cell holds it or A's name.
  EXPECT_FALSE(has_cell(own_csv.body, a_.code) || has_cell(own_csv.body, a_.name)) << own_csv.body;
  EXPECT_TRUE(has_cell(own_csv.body, b_.code)) << "the check above finds a cell: " << own_csv.body;
}

HMS_INSTANTIATE_BACKENDS(AgenciesPagesTest);

}  // namespace
}  // namespace hms::test
