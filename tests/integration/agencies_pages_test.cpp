// The region's per-agency view (issue 15, point 4), against a real `hms serve` on SQLite and
// PostgreSQL: /agencies shows, per agency, its dwellings by status, its owner contracts ending
// within six months, its users, its last change and last login; every stock figure links to
// the list it counts (and that list counts the same); the table sorts by any column and exports
// as CSV; the federation sees the figures without the link to owner contracts; the system
// admin (no stock_view) sees no stock column; an agency sees its own row only.
#include <gtest/gtest.h>

#include <chrono>

#include "common/date.hpp"
#include "support/server_process.hpp"

namespace hms::test {
namespace {

using db::Backend;
using nlohmann::json;

constexpr const char* kPassword = "violet bicycle orchard 17";

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

class AgenciesPagesTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    HMS_REQUIRE_BACKEND(GetParam());
    server_ = std::make_unique<ServerProcess>(GetParam());
    server_->add_agency("AIS-A", "Agence A");
    server_->add_agency("AIS-B", "Agence B");
    server_->add_user("staff.a", "agency_staff", "AIS-A", kPassword);
    server_->add_user("staff.b", "agency_staff", "AIS-B", kPassword);
    for (const char* role : {"region", "federation"}) server_->add_user(role, role, "", kPassword);
    server_->add_user("sysadmin", "system_admin", "", kPassword);
    server_->start();
    // AIS-A: three dwellings (one let, one vacant, one under works), one contract ending in
    // three months; AIS-B: one vacant dwelling, nothing else.
    const auto a = bearer(server_->login("staff.a", kPassword));
    std::vector<std::int64_t> ids;
    for (const char* ref : {"OV-1", "OV-2", "OV-3"})
      ids.push_back(post("/api/v1/dwellings", {{"reference", ref}, {"street", "Rue Haute"}, {"number", "1"},
                                                {"postcode", "1000"}, {"type", "apartment"}, {"bedrooms", 1}}, a));
    patch("/api/v1/dwellings/" + std::to_string(ids[1]), {{"status", "vacant"}}, a);
    patch("/api/v1/dwellings/" + std::to_string(ids[2]), {{"status", "works"}}, a);
    const auto owner = post("/api/v1/owners", {{"kind", "person"}, {"name", "Odile Overview"}, {"iban", "BE68539007547034"}}, a);
    post("/api/v1/owner-contracts", {{"dwelling_id", ids[0]}, {"owner_id", owner}, {"kind", "main_lease"},
                                     {"start", "2026-01-01"}, {"end", ending_date()}, {"owner_rent", "600.00"}}, a);
    const auto b = bearer(server_->login("staff.b", kPassword));
    const auto vacant_b = post("/api/v1/dwellings", {{"reference", "OV-9"}, {"street", "Rue Basse"}, {"number", "2"},
                                                     {"postcode", "1000"}, {"type", "house"}, {"bedrooms", 3}}, b);
    patch("/api/v1/dwellings/" + std::to_string(vacant_b), {{"status", "vacant"}}, b);
  }
  void TearDown() override {
    if (HasFailure() && server_) std::cerr << "---- server log (tail) ----\n" << server_->log_tail() << "\n";
  }
  // Three months from today, ISO: inside the six-month window.
  static std::string ending_date() {
    const auto later = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) + std::chrono::days{90};
    return hms::to_iso(std::chrono::year_month_day{later});
  }
  std::int64_t post(const std::string& path, const json& body, const Headers& h) {
    auto r = server_->request("POST", path, body.dump(), h);
    if (r.status != 201) throw std::runtime_error(path + ": " + std::to_string(r.status) + " " + r.body);
    return r.json().at("id").get<std::int64_t>();
  }
  void patch(const std::string& path, const json& body, const Headers& h) {
    auto r = server_->request("PATCH", path, body.dump(), h);
    if (r.status != 200) throw std::runtime_error(path + ": " + std::to_string(r.status) + " " + r.body);
  }
  HttpResult page(const std::string& path, const std::string& login) {
    return server_->request("GET", path, "", server_->cookie_login(login, kPassword).headers(false));
  }
  std::unique_ptr<ServerProcess> server_;
};

TEST_P(AgenciesPagesTest, TheRegionSeesEachAgencysFiguresEachALinkToItsList) {
  auto r = page("/agencies?lang=fr", "region");
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
  // AIS-A: 3 dwellings, 1 let, 1 vacant, 1 under works, 1 contract ending; each a link.
  EXPECT_TRUE(contains(r.body, "<a href=\"/dwellings?agency=AIS-A\">3</a>")) << r.body;
  EXPECT_TRUE(contains(r.body, "<a href=\"/dwellings?agency=AIS-A&amp;status=active\">1</a>"));
  EXPECT_TRUE(contains(r.body, "<a href=\"/dwellings?agency=AIS-A&amp;status=vacant\">1</a>"));
  EXPECT_TRUE(contains(r.body, "<a href=\"/dwellings?agency=AIS-A&amp;status=works\">1</a>"));
  EXPECT_TRUE(contains(r.body, "<a href=\"/owner-contracts?agency=AIS-A&amp;ending_from="));
  EXPECT_TRUE(contains(r.body, "<a href=\"/dwellings?agency=AIS-B&amp;status=vacant\">1</a>"));
  // The list a figure opens counts the same.
  const auto vacant = server_->request("GET", "/api/v1/dwellings?agency=AIS-A&status=vacant", "",
                                       bearer(server_->login("region", kPassword)));
  EXPECT_EQ(vacant.json()["total"], 1) << vacant.body;
  // Last change and last login are dates, not "—", for an agency that worked today.
  EXPECT_FALSE(contains(r.body, "<td>—</td><td>—</td>")) << "AIS-A and AIS-B logged in and changed things";
  // Sorted by vacant dwellings, descending: both have one, so the code decides; by dwellings: A first.
  auto sorted = page("/agencies?sort=-dwellings", "region");
  EXPECT_LT(sorted.body.find(">AIS-A<"), sorted.body.find(">AIS-B<"));
  sorted = page("/agencies?sort=dwellings", "region");
  EXPECT_LT(sorted.body.find(">AIS-B<"), sorted.body.find(">AIS-A<"));
  EXPECT_TRUE(contains(sorted.body, "aria-sort=\"ascending\"><a class=\"sort\" href=\"/agencies?sort=-dwellings\""));
}

TEST_P(AgenciesPagesTest, TheTableExportsWithEveryAgencyAndTheSameFigures) {
  auto csv = page("/agencies/export?format=csv&sort=code", "region");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_TRUE(contains(csv.header("Content-Disposition"), "agencies-")) << csv.header("Content-Disposition");
  EXPECT_TRUE(contains(csv.body, "AIS-A;Agence A;3;1;1;1;1;1;")) << csv.body;
  EXPECT_TRUE(contains(csv.body, "AIS-B;Agence B;1;0;1;0;0;1;")) << csv.body;
}

TEST_P(AgenciesPagesTest, EachRoleSeesWhatItMayRead) {
  // The federation reads the stock, not owner contracts: the count without its link.
  auto federation = page("/agencies", "federation");
  ASSERT_EQ(federation.status, 200);
  EXPECT_TRUE(contains(federation.body, "<a href=\"/dwellings?agency=AIS-A\">3</a>"));
  EXPECT_FALSE(contains(federation.body, "/owner-contracts?agency="));
  // The system administrator reads no agency's stock: no stock column at all.
  auto sysadmin = page("/agencies", "sysadmin");
  ASSERT_EQ(sysadmin.status, 200);
  EXPECT_TRUE(contains(sysadmin.body, ">AIS-A<"));
  EXPECT_FALSE(contains(sysadmin.body, "/dwellings?agency="));
  // An agency sees its own row only.
  auto own = page("/agencies", "staff.b");
  ASSERT_EQ(own.status, 200);
  EXPECT_TRUE(contains(own.body, ">AIS-B<"));
  EXPECT_FALSE(contains(own.body, ">AIS-A<"));
  auto own_csv = page("/agencies/export?format=csv", "staff.b");
  EXPECT_FALSE(contains(own_csv.body, "AIS-A")) << own_csv.body;
}

HMS_INSTANTIATE_BACKENDS(AgenciesPagesTest);

}  // namespace
}  // namespace hms::test
