// The agency dashboard's to-do list and the header's global search (issue 15.8, 15.10), against
// a real `hms serve` on SQLite and PostgreSQL:
//   - the to-do cards come first; each count is the total of the list its link opens (vacant for
//     more than 90 days, managed dwellings without a certificate, contracts ending, owner rents
//     to index this month); the "dwellings managed" card and the chart bars link to lists that
//     count the same (ended dwellings are not counted, and the list says so);
//   - the search finds dwellings, owners (also by the IBAN's last four digits) and contracts of
//     the user's own agency only, audits the owners it shows, gives the federation the stock
//     without owners, and is refused to the system administrator (no agency data).
#include <gtest/gtest.h>

#include "common/clock.hpp"
#include "common/date.hpp"
#include "common/text.hpp"
#include "common/year_month.hpp"
#include "support/shared_server.hpp"
#include "web/catalog.hpp"

namespace hms::test {
namespace {

using nlohmann::json;

const web::Catalog& catalog() {
  static const web::Catalog c;
  return c;
}
std::string text(const std::string& lang, const std::string& key) { return escape_html(catalog().text(lang, key)); }
bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

class DashboardSearchTest : public SharedServerTest {
 protected:
  std::int64_t post(const std::string& login, const std::string& path, const json& body) {
    auto r = call(login, "POST", path, body);
    if (r.status != 201) throw std::runtime_error(path + ": " + std::to_string(r.status) + " " + r.body);
    return r.json().at("id").get<std::int64_t>();
  }
  std::int64_t dwelling(const std::string& login, const std::string& ref, json extra = json::object()) {
    json body = {{"reference", ref}, {"street", "Rue du Tableau"}, {"number", "3"}, {"postcode", "1000"},
                 {"type", "apartment"}, {"bedrooms", 1}};
    body.update(extra);
    return post(login, "/api/v1/dwellings", body);
  }
  HttpResult page(const std::string& login, const std::string& path) {
    return server().request("GET", path, "", cookie(login).headers(false));
  }
  std::int64_t total(const std::string& login, const std::string& query) {
    auto r = call(login, "GET", "/api/v1/dwellings" + query);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    return r.json()["total"].get<std::int64_t>();
  }
  // The to-do card linking to `href`: its value, or "" when there is no such card.
  static std::string card_value(const std::string& body, const std::string& href) {
    const auto link = body.find("<a class=\"todo__link\" href=\"" + href + "\">");
    if (link == std::string::npos) return "";
    const std::string open = "<span class=\"card__value\">";
    const auto at = body.find(open, link) + open.size();
    return body.substr(at, body.find('<', at) - at);
  }
};

TEST_P(DashboardSearchTest, TheToDoComesFirstAndEachCountIsItsListsTotal) {
  const auto a = new_agency();
  const auto today = SystemClock().today();
  auto day = [&](int offset) { return to_iso(add_days(today, offset)); };
  // Vacant for 120 days (no certificate), vacant for 10 days (class C), let (no certificate),
  // ended (no certificate: not managed, not counted), let with class B.
  dwelling(a.staff, "TD-1", {{"status", "vacant"}, {"status_since", day(-120)}});
  dwelling(a.staff, "TD-2", {{"status", "vacant"}, {"status_since", day(-10)}, {"peb_class", "C"}});
  dwelling(a.staff, "TD-3", {{"status", "active"}, {"status_since", day(-400)}});
  dwelling(a.staff, "TD-4", {{"status", "ended"}, {"status_since", day(-30)}});
  const auto let = dwelling(a.staff, "TD-5", {{"status", "active"}, {"status_since", day(-800)}, {"peb_class", "B"},
                                              {"postcode", "1050"}, {"bedrooms", 2}});
  // A contract whose anniversary falls this month (started this month last year), ending in
  // three months: one rent to index (or waiting for the index), one contract ending.
  const auto owner = post(a.staff, "/api/v1/owners", {{"kind", "person"}, {"name", "Ode Todo"}, {"iban", "BE68539007547034"}});
  const YearMonth month = YearMonth::of(today);
  const std::string start = to_iso(std::chrono::year_month_day{std::chrono::year{month.year() - 1}, std::chrono::month(month.month()),
                                                               std::chrono::day{1}});
  post(a.staff, "/api/v1/owner-contracts", {{"dwelling_id", let}, {"owner_id", owner}, {"kind", "main_lease"}, {"start", start},
                                            {"end", day(90)}, {"owner_rent", "600.00"}});

  auto r = page(a.staff, "/?lang=fr");
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
  // The to-do list comes before the stock's figures and before the team's.
  const auto todo = r.body.find(text("fr", "dashboard.todo.title"));
  ASSERT_NE(todo, std::string::npos) << r.body;
  EXPECT_LT(todo, r.body.find(text("fr", "dashboard.stock.title")));
  EXPECT_LT(todo, r.body.find(text("fr", "dashboard.active_users")));

  // Each card's value is the total of the list it opens.
  const std::string vacant_long = "/dwellings?status=vacant&amp;vacant_days=90";
  EXPECT_EQ(card_value(r.body, vacant_long), "1") << r.body;
  EXPECT_EQ(total(a.staff, "?status=vacant&vacant_days=90"), 1);
  const std::string without_peb = "/dwellings?managed=1&amp;peb=none";
  EXPECT_EQ(card_value(r.body, without_peb), "2") << "TD-1 and TD-3; TD-4 has ended";
  EXPECT_EQ(total(a.staff, "?managed=1&peb=none"), 2);
  EXPECT_EQ(card_value(r.body, "/owner-contracts?ending_from=" + to_iso(today) + "&amp;ending_to=" +
                                   to_iso(add_months(today, 6))),
            "1");
  // The rent to index this month: to apply now, or waiting for the health index (the hint says so).
  const std::string indexation = "/indexation?month=" + month.to_string();
  const auto to_apply = card_value(r.body, indexation);
  ASSERT_TRUE(to_apply == "1" || (to_apply == "0" && contains(r.body, "1 en attente de la publication"))) << to_apply << r.body;

  // "Dwellings managed" counts what its list counts, and the list says ended ones are left out.
  EXPECT_EQ(card_value(r.body, "/dwellings?managed=1"), "4");
  EXPECT_EQ(total(a.staff, "?managed=1"), 4);
  EXPECT_EQ(total(a.staff, ""), 5) << "the list without the filter shows the ended dwelling too";
  auto list = page(a.staff, "/dwellings?managed=1&peb=none&lang=fr");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(contains(list.body, text("fr", "stock.dwellings.filter_managed"))) << list.body;
  EXPECT_TRUE(contains(list.body, text("fr", "stock.dwellings.filter_without_peb")));
  EXPECT_TRUE(contains(list.body, "<input type=\"hidden\" name=\"managed\" value=\"1\">")) << "the form keeps the filter";
  EXPECT_TRUE(contains(list.body, "TD-1") && contains(list.body, "TD-3"));
  EXPECT_FALSE(contains(list.body, "TD-4") || contains(list.body, "TD-2") || contains(list.body, "TD-5"));

  // The bars link to their lists: by commune (every postcode of the commune), by bedrooms.
  EXPECT_TRUE(contains(r.body, "href=\"/dwellings?managed=1&amp;commune=21004\"")) << r.body;
  EXPECT_EQ(total(a.staff, "?managed=1&commune=21004"), 3) << "TD-1, TD-2, TD-3 in 1000";
  EXPECT_TRUE(contains(r.body, "href=\"/dwellings?managed=1&amp;bedrooms=2\""));
  EXPECT_EQ(total(a.staff, "?managed=1&bedrooms=2"), 1);
  EXPECT_TRUE(contains(r.body, "href=\"/dwellings?status=vacant\""));

  // Bad filter values are refused with the field named.
  for (const char* bad : {"?managed=yes", "?peb=Z", "?commune=brussels"}) {
    auto refused = call(a.staff, "GET", std::string("/api/v1/dwellings") + bad);
    EXPECT_EQ(refused.status, 422) << bad << ": " << refused.body;
  }
}

TEST_P(DashboardSearchTest, TheSearchFindsTheAgencysOwnDwellingsOwnersAndContracts) {
  const auto a = new_agency(), b = new_agency();
  // The same street and the same owner name in both agencies.
  const auto da = dwelling(a.staff, "SR-A1", {{"street", "Rue Zoekstraat"}, {"box", "5"}});
  const auto db = dwelling(b.staff, "SR-B1", {{"street", "Rue Zoekstraat"}});
  const auto oa = post(a.staff, "/api/v1/owners", {{"kind", "person"}, {"name", "Zelda Zoekmans"}, {"iban", "BE68539007547034"}});
  const auto ob = post(b.staff, "/api/v1/owners", {{"kind", "person"}, {"name", "Zelda Zoekmans"}, {"iban", "BE68539007547034"}});
  const auto ka = post(a.staff, "/api/v1/owner-contracts", {{"dwelling_id", da}, {"owner_id", oa}, {"kind", "main_lease"},
                                                            {"start", "2026-01-01"}, {"owner_rent", "600.00"}});
  post(b.staff, "/api/v1/owner-contracts", {{"dwelling_id", db}, {"owner_id", ob}, {"kind", "main_lease"},
                                            {"start", "2026-01-01"}, {"owner_rent", "600.00"}});
  const auto searches_before = count("audit_log WHERE action = 'owners.search'");

  auto r = page(a.staff, "/search?q=zoek&lang=nl");
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
  EXPECT_TRUE(contains(r.body, "href=\"/dwellings/" + std::to_string(da) + "\"")) << r.body;
  EXPECT_TRUE(contains(r.body, "href=\"/owners/" + std::to_string(oa) + "\""));
  EXPECT_TRUE(contains(r.body, "href=\"/owner-contracts/" + std::to_string(ka) + "\""));
  EXPECT_TRUE(contains(r.body, text("nl", "search.owners")));
  EXPECT_TRUE(contains(r.body, "Rue Zoekstraat 3 bus 5, 1000 Brussel")) << "the box as the post writes it, in Dutch";
  // Nothing of agency B, whatever matches there.
  EXPECT_FALSE(contains(r.body, "SR-B1"));
  EXPECT_FALSE(contains(r.body, "href=\"/owners/" + std::to_string(ob) + "\""));
  // The owners shown are an audited read.
  EXPECT_EQ(count("audit_log WHERE action = 'owners.search'"), searches_before + 1);
  EXPECT_TRUE(contains(page(a.staff, "/search?q=zoek&lang=fr").body, "Rue Zoekstraat 3 bte 5, 1000 Bruxelles"));

  // The IBAN's last four digits find the owner, without the IBAN in the page.
  auto iban = page(a.staff, "/search?q=7034");
  EXPECT_TRUE(contains(iban.body, "href=\"/owners/" + std::to_string(oa) + "\"")) << iban.body;
  EXPECT_FALSE(contains(iban.body, "BE68539007547034") || contains(iban.body, "BE68 5390"));

  // Nothing found, too short: said in the user's language.
  EXPECT_TRUE(contains(page(a.staff, "/search?q=qqxxzz&lang=fr").body, text("fr", "search.nothing")));
  EXPECT_TRUE(contains(page(a.staff, "/search?q=z&lang=nl").body, text("nl", "search.too_short")));

  // The federation reads the stock, not the owners; the system administrator no agency data.
  auto federation = page("federation", "/search?q=Zoekstraat");
  ASSERT_EQ(federation.status, 200);
  EXPECT_TRUE(contains(federation.body, "href=\"/dwellings/" + std::to_string(da) + "\""));
  EXPECT_FALSE(contains(federation.body, "/owners/"));
  EXPECT_EQ(page("sysadmin", "/search?q=Zoekstraat").status, 403);

  // The header's search box: for those who may search.
  EXPECT_TRUE(contains(page(a.staff, "/").body, "action=\"/search\""));
  EXPECT_FALSE(contains(page("sysadmin", "/").body, "action=\"/search\""));
}

HMS_INSTANTIATE_BACKENDS(DashboardSearchTest);

}  // namespace
}  // namespace hms::test
