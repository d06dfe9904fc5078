// The dwelling pages and the agency dashboard, against a real `hms serve` on SQLite and
// PostgreSQL, as a browser sends them (cookie session, CSRF token, urlencoded forms):
//   - the create form: 422 with every message in the user's language and the input kept,
//     nothing stored; then 303 to the new dwelling's page;
//   - the edit form: an emptied required field is an error, not "keep the old value";
//   - the change of status keeps the history; the same status again is refused;
//   - another agency's dwelling is a 404; the region reads but changes nothing (403);
//   - the list keeps its filters in the page and sort links; the export has every matching
//     row (not only the page), translated column titles, the agency's name in the file name;
//   - the dashboard: the stock charts and the contracts ending soon; an empty agency is invited
//     to add or import; the federation (no owners_view) still gets its dashboard;
//   - the owner's edit form asks for the user's password when the IBAN changes (B8): missing or
//     wrong, the form says so in the user's language and nothing is written; the audit entry
//     names the fields that changed, never their values.
// One server per backend for the suite; each test works in agencies of its own.
#include <gtest/gtest.h>

#include <regex>

#include "common/clock.hpp"
#include "common/date.hpp"
#include "common/text.hpp"
#include "support/shared_server.hpp"
#include "web/catalog.hpp"

namespace hms::test {
namespace {

using db::Backend;

constexpr const char* kForm = "application/x-www-form-urlencoded";

const web::Catalog& catalog() {
  static const web::Catalog c;
  return c;
}
// A catalog text as the page shows it (HTML-escaped).
std::string text(const std::string& lang, const std::string& key) { return escape_html(catalog().text(lang, key)); }

std::string url_encode(const std::string& v) {
  std::string out;
  for (unsigned char c : v) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

std::string form(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields) out += (out.empty() ? "" : "&") + k + "=" + url_encode(v);
  return out;
}

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

std::int64_t id_of(const std::string& location) {
  std::smatch m;
  if (!std::regex_search(location, m, std::regex(R"(^/dwellings/(\d+))"))) return 0;
  return std::stoll(m[1]);
}

class StockPagesTest : public SharedServerTest {
 protected:
  void SetUp() override {
    SharedServerTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    a_ = new_agency();
    staff_ = cookie(a_.staff);
  }

  HttpResult get(const std::string& path, const CookieSession& s) { return server().request("GET", path, "", s.headers(false)); }
  HttpResult post(const std::string& path, const std::string& body, const CookieSession& s) {
    return server().submit(path, body, s.headers(true), kForm);
  }
  // A dwelling created through the form; answers its id.
  std::int64_t create(const std::string& reference, const std::string& street, const std::string& postcode,
                      const std::string& bedrooms = "2") {
    auto r = post("/dwellings", form({{"reference", reference}, {"street", street}, {"number", "12"}, {"postcode", postcode},
                                      {"type", "apartment"}, {"bedrooms", bedrooms}}),
                  staff_);
    EXPECT_EQ(r.status, 303) << r.body.substr(0, 2000);
    return id_of(r.header("Location"));
  }

  TestAgency a_;  // the test's agency; staff_ is its staff member's browser session
  CookieSession staff_;
};

TEST_P(StockPagesTest, TheCreateFormSaysWhatToDoInTheUsersLanguageAndKeepsTheInput) {
  for (std::string lang : {"fr", "nl"}) {
    auto r = post("/dwellings?lang=" + lang,
                  form({{"reference", "IX-0042"}, {"number", "12"}, {"box", "3"}, {"postcode", "2000"}, {"type", "house"},
                        {"bedrooms", "2"}, {"surface_m2", "68,5"}, {"categories", "transit"}, {"categories", "student"}}),
                  staff_);
    EXPECT_EQ(r.status, 422) << lang;
    for (const char* code : {"stock.invalid_street", "stock.invalid_postcode"}) {
      const auto message = text(lang, code);
      EXPECT_NE(r.body.find("<a href=\"#" + std::string(code).substr(std::string(code).rfind('_') + 1) + "\">" + message + "</a>"),
                std::string::npos)
          << lang << ": the summary links to the field with " << message;
      EXPECT_TRUE(contains(r.body, "-error\">" + message + "</p>")) << lang << ": the message by the field";
    }
    EXPECT_TRUE(contains(r.body, "value=\"2000\"")) << "the postcode is kept";
    EXPECT_TRUE(contains(r.body, "value=\"68,5\"")) << "the surface is kept as typed";
    EXPECT_TRUE(contains(r.body, "value=\"house\" checked")) << "the type is kept";
    EXPECT_TRUE(contains(r.body, "value=\"transit\" checked") && contains(r.body, "value=\"student\" checked"))
        << "the categories are kept";
    EXPECT_FALSE(contains(r.body, "value=\"large_family\" checked"));
    EXPECT_TRUE(contains(r.body, "name=\"csrf_token\" value=\"" + staff_.csrf + "\"")) << "the form keeps its CSRF token";
    EXPECT_TRUE(contains(r.body, "<html lang=\"" + lang + "\""));
  }
  EXPECT_EQ(count("dwellings WHERE agency_id = " + std::to_string(a_.id)), 0) << "nothing stored";
  // Without the CSRF token a cookie session cannot create.
  EXPECT_EQ(server().request("POST", "/dwellings", form({{"reference", "X"}}), staff_.headers(false), kForm).status, 403);

  // Right: 303 to the detail page, which shows what was typed.
  auto ok = post("/dwellings?lang=nl",
                 form({{"reference", "IX-0042"}, {"street", "Vredestraat"}, {"number", "12"}, {"box", "3"}, {"postcode", "1050"},
                       {"type", "house"}, {"bedrooms", "2"}, {"surface_m2", "68,5"}, {"peb_class", "d"},
                       {"peb_date", "14/02/2024"}, {"categories", "transit"}}),
                 staff_);
  ASSERT_EQ(ok.status, 303) << ok.body.substr(0, 2000);
  const auto id = id_of(ok.header("Location"));
  ASSERT_GT(id, 0) << ok.header("Location");
  auto page = get(ok.header("Location") + "&lang=nl", staff_);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, text("nl", "stock.dwellings.created_notice")));
  EXPECT_TRUE(contains(page.body, "<h1>Vredestraat 12 bus 3</h1>"));
  EXPECT_TRUE(contains(page.body, "1050 Elsene")) << "the commune in Dutch";
  EXPECT_TRUE(contains(page.body, "68,5 m²"));
  EXPECT_TRUE(contains(page.body, "14/02/2024")) << "a Belgian date was accepted and is shown the Belgian way";
  EXPECT_TRUE(contains(page.body, text("nl", "stock.dwellings.category_labels.transit")));
  // A second dwelling with the same reference: 409 on the reference (as from the API), in French.
  auto taken = post("/dwellings?lang=fr", form({{"reference", "IX-0042"}, {"street", "Rue Haute"}, {"number", "1"},
                                                {"postcode", "1000"}, {"type", "apartment"}, {"bedrooms", "1"}}),
                    staff_);
  EXPECT_EQ(taken.status, 409);
  EXPECT_TRUE(contains(taken.body, escape_html(catalog().format("fr", "stock.reference_taken", {{"reference", "IX-0042"}}))));
}

TEST_P(StockPagesTest, EditAndStatusKeepTheHistoryAndRefuseEmptiedFields) {
  const auto id = create("IX-0001", "Rue Haute", "1000");
  ASSERT_GT(id, 0);
  const auto path = "/dwellings/" + std::to_string(id);
  auto edit = get(path + "/edit?lang=fr", staff_);
  ASSERT_EQ(edit.status, 200);
  EXPECT_TRUE(contains(edit.body, "value=\"Rue Haute\""));

  // Bedrooms emptied: an error, not "keep 2".
  auto bad = post(path + "?lang=fr", form({{"reference", "IX-0001"}, {"street", "Rue Haute"}, {"number", "12"}, {"postcode", "1000"},
                                          {"type", "apartment"}, {"bedrooms", ""}}),
                  staff_);
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(contains(bad.body, "<a href=\"#bedrooms\">" + text("fr", "stock.invalid_bedrooms") + "</a>"));
  auto good = post(path, form({{"reference", "IX-0001"}, {"street", "Rue Haute"}, {"number", "14"}, {"postcode", "1000"},
                               {"type", "apartment"}, {"bedrooms", "3"}}),
                   staff_);
  EXPECT_EQ(good.status, 303);
  EXPECT_EQ(good.header("Location"), path + "?updated=1");
  auto api = server().request("GET", "/api/v1" + path, "", staff_.headers(false));
  EXPECT_EQ(api.json()["bedrooms"], 3);
  EXPECT_EQ(api.json()["number"], "14");

  // The status: nothing chosen, then the same one, then vacant.
  auto none = post(path + "/status?lang=fr", form({{"status_since", "2026-01-01"}}), staff_);
  EXPECT_EQ(none.status, 422);
  EXPECT_TRUE(contains(none.body, text("fr", "dwellings.status_required")));
  auto same = post(path + "/status?lang=fr", form({{"status", "active"}}), staff_);
  EXPECT_EQ(same.status, 422);
  EXPECT_TRUE(contains(same.body, text("fr", "dwellings.status_unchanged")));
  auto vacant = post(path + "/status", form({{"status", "vacant"}, {"status_since", ""}}), staff_);
  EXPECT_EQ(vacant.status, 422) << "a date is required";
  auto today = server().request("GET", "/api/v1" + path, "", staff_.headers(false)).json()["status_since"].get<std::string>();
  // A vacancy says why: the reason is asked, and "other" needs a text.
  vacant = post(path + "/status?lang=fr", form({{"status", "vacant"}, {"status_since", today}}), staff_);
  EXPECT_EQ(vacant.status, 422);
  EXPECT_TRUE(contains(vacant.body, "<a href=\"#vacancy_reason\">" + text("fr", "stock.vacancy_reason_required") + "</a>"));
  vacant = post(path + "/status?lang=nl", form({{"status", "vacant"}, {"status_since", today}, {"vacancy_reason", "other"}}), staff_);
  EXPECT_EQ(vacant.status, 422);
  EXPECT_TRUE(contains(vacant.body, text("nl", "stock.vacancy_note_required")));
  EXPECT_EQ(count("dwelling_statuses WHERE dwelling_id = " + std::to_string(id)), 1) << "nothing written";
  vacant = post(path + "/status", form({{"status", "vacant"}, {"status_since", today}, {"vacancy_reason", "owner_decision"}}), staff_);
  EXPECT_EQ(vacant.status, 303) << vacant.body.substr(0, 1000);
  auto history = server().request("GET", "/api/v1" + path + "/history", "", staff_.headers(false)).json();
  ASSERT_EQ(history["total"], 2) << history.dump();
  EXPECT_EQ(history["items"][0]["status"], "active");
  EXPECT_EQ(history["items"][1]["status"], "vacant");
  auto page = get(path + "?status=1&lang=en", staff_);
  EXPECT_TRUE(contains(page.body, text("en", "stock.dwellings.status_notice")));
  EXPECT_TRUE(contains(page.body, ">" + text("en", "stock.dwellings.history_ongoing") + "<"));
  // Who recorded each period (the staff member's name), and the vacancy's reason.
  EXPECT_TRUE(contains(page.body, "<td>" + escape_html("Staff " + a_.code) + "</td>")) << "the user's name in the history";
  EXPECT_TRUE(contains(page.body, text("en", "stock.dwellings.vacancy_reasons.owner_decision")));
  EXPECT_EQ(count("dwelling_statuses WHERE dwelling_id = " + std::to_string(id) + " AND recorded_source = 'user'"
                  " AND recorded_by IS NOT NULL"), 2);
  EXPECT_EQ(count("dwellings WHERE id = " + std::to_string(id) + " AND vacancy_reason = 'owner_decision'"), 1);
}

// The list's bulk change of status: one form post naming dwellings by id, all or nothing, one
// audit entry per dwelling; another agency's dwelling in the body is a 404 and nothing is written.
TEST_P(StockPagesTest, SeveralDwellingsChangeStatusAtOnceAllOrNothing) {
  const std::string today = to_iso(SystemClock().today());  // the dwellings' status starts today
  const auto first = create("BK-0001", "Rue Haute", "1000");
  const auto second = create("BK-0002", "Rue Haute", "1000");
  const auto works = create("BK-0003", "Rue Haute", "1000");
  ASSERT_EQ(post("/dwellings/" + std::to_string(works) + "/status", form({{"status", "works"}, {"status_since", today}}), staff_).status, 303);
  auto other = new_agency();
  auto other_staff = cookie(other.staff);
  auto r = server().request("POST", "/dwellings", form({{"reference", "BK-9"}, {"street", "Rue Haute"}, {"number", "1"},
                                                         {"postcode", "1000"}, {"type", "house"}, {"bedrooms", "2"}}),
                            other_staff.headers(true), kForm);
  ASSERT_EQ(r.status, 303);
  const auto foreign = id_of(r.header("Location"));
  const auto ids = [](std::vector<std::int64_t> v) {
    std::vector<std::pair<std::string, std::string>> out;
    for (auto id : v) out.emplace_back("ids", std::to_string(id));
    return out;
  };
  auto with = [&](std::vector<std::pair<std::string, std::string>> fields, std::vector<std::pair<std::string, std::string>> more) {
    fields.insert(fields.end(), more.begin(), more.end());
    return form(fields);
  };
  const auto statuses = [&] { return count("dwelling_statuses WHERE agency_id IN (SELECT agency_id FROM dwellings WHERE id IN (" +
                                           std::to_string(first) + "," + std::to_string(foreign) + "))"); };
  const auto before = statuses();
  const auto audits = count("audit_log WHERE action = 'stock.status'");

  // Another agency's dwelling among them: a 404, nothing written.
  auto foreign_r = post("/dwellings/bulk-status?lang=fr",
                        with(ids({first, second, foreign}), {{"status", "vacant"}, {"status_since", today}, {"vacancy_reason", "no_candidate"}}), staff_);
  EXPECT_EQ(foreign_r.status, 404);
  EXPECT_EQ(statuses(), before);
  EXPECT_EQ(count("audit_log WHERE action = 'stock.status'"), audits);
  // An id that is no number is no dwelling either.
  EXPECT_EQ(post("/dwellings/bulk-status", with(ids({first}), {{"ids", "1 OR 1=1"}, {"status", "works"}}), staff_).status, 404);

  // One that cannot take it (already in works): all refused, the reference named.
  auto refused = post("/dwellings/bulk-status?lang=nl", with(ids({first, works}), {{"status", "works"}, {"status_since", today}}), staff_);
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(contains(refused.body, "BK-0003")) << refused.body.substr(0, 3000);
  EXPECT_TRUE(contains(refused.body, "value=\"" + std::to_string(first) + "\" checked")) << "the selection kept";
  EXPECT_EQ(statuses(), before);
  // Vacant without a reason; nothing ticked.
  auto no_reason = post("/dwellings/bulk-status?lang=fr", with(ids({first, second}), {{"status", "vacant"}}), staff_);
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_TRUE(contains(no_reason.body, text("fr", "stock.vacancy_reason_required")));
  auto none = post("/dwellings/bulk-status?lang=fr", form({{"status", "works"}}), staff_);
  EXPECT_EQ(none.status, 422);
  EXPECT_TRUE(contains(none.body, text("fr", "stock.bulk_none_selected")));
  EXPECT_EQ(statuses(), before);

  // Both together: one period and one audit entry each.
  auto done = post("/dwellings/bulk-status", with(ids({first, second}), {{"status", "vacant"}, {"status_since", today},
                                                                          {"vacancy_reason", "no_candidate"}}), staff_);
  EXPECT_EQ(done.status, 303) << done.body.substr(0, 2000);
  EXPECT_EQ(done.header("Location"), "/dwellings?bulk=2");
  EXPECT_EQ(count("audit_log WHERE action = 'stock.status'"), audits + 2);
  for (auto id : {first, second})
    EXPECT_EQ(count("dwelling_statuses WHERE dwelling_id = " + std::to_string(id) +
                    " AND status = 'vacant' AND from_date = '" + today + "' AND vacancy_reason = 'no_candidate' AND to_date IS NULL"), 1);
  EXPECT_EQ(count("dwellings WHERE id = " + std::to_string(foreign) + " AND status = 'active'"), 1);
  // The region changes nothing (403).
  EXPECT_EQ(server().request("POST", "/dwellings/bulk-status", with(ids({first}), {{"status", "active"}}),
                             cookie("region").headers(true), kForm).status, 403);
}

TEST_P(StockPagesTest, AnotherAgencyGetsA404AndTheRegionChangesNothing) {
  const auto id = create("IX-0001", "Rue Haute", "1000");
  const auto path = "/dwellings/" + std::to_string(id);
  auto other = cookie(new_agency().staff);
  EXPECT_EQ(get(path, other).status, 404);
  EXPECT_EQ(get(path + "/edit", other).status, 404);
  EXPECT_EQ(post(path, form({{"street", "Rue Basse"}}), other).status, 404);
  EXPECT_EQ(post(path + "/status", form({{"status", "ended"}}), other).status, 404);
  EXPECT_FALSE(contains(get("/dwellings?q=IX-0001", other).body, "href=\"" + path + "\"")) << "not in its list";
  EXPECT_TRUE(contains(get("/dwellings?q=IX-0001", staff_).body, "href=\"" + path + "\"")) << "in its own agency's list";

  auto region = cookie("region");
  auto page = get(path + "?lang=fr", region);
  EXPECT_EQ(page.status, 200);
  EXPECT_FALSE(contains(page.body, path + "/edit")) << "no edit link for the region";
  EXPECT_EQ(get(path + "/edit", region).status, 403);
  EXPECT_EQ(get("/dwellings/new", region).status, 403);
  EXPECT_EQ(post("/dwellings", form({{"reference", "R-1"}}), region).status, 403);
  auto list = get("/dwellings?agency=" + a_.code + "&lang=fr", region);
  EXPECT_TRUE(contains(list.body, "<option value=\"" + a_.code + "\" selected>")) << "the agency filter";
  EXPECT_FALSE(contains(list.body, "href=\"/dwellings/new\"")) << "no add button";
  EXPECT_TRUE(contains(list.body, "<td>" + a_.code + "</td>")) << "the agency column";

  auto federation = cookie("federation");
  page = get(path + "?lang=fr", federation);
  EXPECT_EQ(page.status, 200) << "the federation reads the stock";
  EXPECT_FALSE(contains(page.body, "id=\"contracts\"")) << "but not the owners' contracts";
  EXPECT_EQ(get("/", federation).status, 200) << "its dashboard does not ask for owners data";
}

TEST_P(StockPagesTest, TheListKeepsItsFiltersAndTheExportHasEveryMatchingRow) {
  for (int i = 1; i <= 3; ++i) create("IX-000" + std::to_string(i), "Rue Haute", "1000", std::to_string(i));
  create("IX-0004", "Chaussée de Wavre", "1050");
  create("IX-0005", "Rue Haute", "1050");  // same street, another commune: not in the same building
  // The new dwelling's form suggests the next free reference of the agency's pattern (editable).
  auto blank = get("/dwellings/new?lang=nl", staff_);
  EXPECT_TRUE(contains(blank.body, "id=\"reference\" name=\"reference\" type=\"text\" value=\"IX-0006\"")) << "IX-0005 → IX-0006";
  EXPECT_TRUE(contains(blank.body, escape_html(catalog().format("nl", "stock.dwellings.reference_suggested", {{"reference", "IX-0006"}}))));

  // Page 1 of the three in 1000, one a page, sorted by bedrooms descending.
  auto page = get("/dwellings?postcode=1000&sort=-bedrooms&limit=1&lang=fr", staff_);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "IX-0003")) << "most bedrooms first";
  EXPECT_FALSE(contains(page.body, "IX-0004"));
  EXPECT_TRUE(contains(page.body, "href=\"/dwellings?offset=1&amp;limit=1&amp;lang=fr&amp;postcode=1000&amp;sort=-bedrooms\""))
      << "the next page keeps the filter and the sort";
  EXPECT_TRUE(contains(page.body, "aria-sort=\"descending\"><a class=\"sort\" href=\"/dwellings?postcode=1000&amp;sort=bedrooms\""))
      << "the bedrooms header says how the list is sorted and reverses it";
  EXPECT_TRUE(contains(page.body, "href=\"/dwellings/export?format=csv&amp;postcode=1000&amp;sort=-bedrooms\""));
  // The same with htmx: only the results.
  auto fragment = server().request("GET", "/dwellings?q=wavre", "", [&] {
    auto h = staff_.headers(false);
    h.emplace_back("HX-Request", "true");
    return h;
  }());
  EXPECT_EQ(fragment.status, 200);
  EXPECT_FALSE(contains(fragment.body, "<html")) << "a fragment, not a page";
  EXPECT_TRUE(contains(fragment.body, "IX-0004"));
  EXPECT_FALSE(contains(fragment.body, "IX-0001"));

  // The export: every row of the filter, not only a page.
  auto csv = get("/dwellings/export?format=csv&postcode=1000&limit=1&lang=fr", staff_);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_TRUE(std::regex_search(csv.header("Content-Disposition"),
                                std::regex("attachment; filename=\"dwellings-" + a_.code + R"(-\d{4}-\d{2}-\d{2}\.csv")")))
      << csv.header("Content-Disposition");
  auto lines = split(csv.body, '\n');
  ASSERT_GE(lines.size(), 4u) << csv.body;
  EXPECT_EQ(std::string(lines[0]).rfind("\xEF\xBB\xBFR\xC3\xA9" "f\xC3\xA9rence;Rue;Num\xC3\xA9ro;Bo\xC3\xAEte;Code postal;Commune;", 0), 0u)
      << lines[0];
  EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'), 4) << "the titles and the three dwellings of 1000:\n" << csv.body;
  EXPECT_TRUE(contains(csv.body, "IX-0001;Rue Haute;12;;1000;Bruxelles;;Appartement;1;"));
  auto xlsx = get("/dwellings/export?format=xlsx", staff_);
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_EQ(get("/dwellings/export?format=pdf", staff_).status, 400);

  auto all = get("/dwellings/export?format=csv&agency=" + a_.code + "&lang=en", cookie("region"));
  EXPECT_EQ(all.status, 200);
  EXPECT_TRUE(contains(all.header("Content-Disposition"), "dwellings-" + a_.code + "-"));
  EXPECT_EQ(all.body.rfind("\xEF\xBB\xBF" "Agency;Reference;", 0), 0u) << all.body.substr(0, 80);
}

TEST_P(StockPagesTest, ANewIbanOnTheOwnerFormAsksForThePasswordAgain) {
  auto owner = server().request("POST", "/api/v1/owners",
                                R"({"kind":"person","name":"Marie Dubois","iban":"BE68 5390 0754 7034"})", staff_.headers(true));
  ASSERT_EQ(owner.status, 201) << owner.body;
  const auto agency = std::to_string(a_.id);  // the counts below are the test's agency's
  const auto path = "/owners/" + std::to_string(owner.json()["id"].get<std::int64_t>()) + "/edit";
  auto fields = [](const std::string& iban, const std::string& password) {
    return form({{"kind", "person"}, {"name", "Marie Dubois"}, {"iban", iban}, {"language", "fr"}, {"password", password}});
  };
  auto edit = get(path + "?lang=nl", staff_);
  ASSERT_EQ(edit.status, 200);
  EXPECT_TRUE(contains(edit.body, "type=\"password\"")) << "the edit form has the password field";
  EXPECT_TRUE(contains(edit.body, text("nl", "owners.owner_pages.password_label")));
  for (std::string lang : {"fr", "nl", "en"}) {
    for (const auto& [password, code] : {std::pair<std::string, std::string>{"", "users.password_confirmation_required"},
                                         {"not my password at all", "users.password_confirmation_wrong"}}) {
      auto r = post(path + "?lang=" + lang, fields("BE71 0961 2345 6769", password), staff_);
      EXPECT_EQ(r.status, 422) << lang << " " << code;
      EXPECT_TRUE(contains(r.body, "<p class=\"field__error\" id=\"password-error\">" + text(lang, code) + "</p>"))
          << lang << ": " << code << " by the password field";
      EXPECT_TRUE(contains(r.body, "value=\"BE71 0961 2345 6769\"")) << "the new IBAN is kept in the form";
      if (!password.empty()) {
        EXPECT_FALSE(contains(r.body, password)) << "the password is never shown back";
      }
    }
  }
  EXPECT_EQ(count("owners WHERE agency_id = " + agency + " AND iban_last4 = '7034'"), 1) << "nothing written";
  EXPECT_EQ(count("audit_log WHERE agency_id = " + agency + " AND action = 'owners.update'"), 0);
  // The same IBAN typed otherwise is no change: no password needed.
  EXPECT_EQ(post(path, fields("be68539007547034", ""), staff_).status, 303);
  EXPECT_EQ(count("audit_log WHERE agency_id = " + agency + " AND action = 'owners.update' AND details NOT LIKE '%iban%'"), 1);
  // With the password: changed, and the audit names the field, not the values.
  EXPECT_EQ(post(path, fields("BE71 0961 2345 6769", kSharedPassword), staff_).status, 303);
  EXPECT_EQ(count("owners WHERE agency_id = " + agency + " AND iban_last4 = '6769'"), 1);
  EXPECT_EQ(count("audit_log WHERE agency_id = " + agency + " AND action = 'owners.update' AND details = 'iban'"), 1);
  EXPECT_EQ(count("audit_log WHERE details LIKE '%6769%' OR details LIKE '%7034%'"), 0);
}

TEST_P(StockPagesTest, TheDashboardShowsTheStockOrInvitesToAddIt) {
  create("IX-0001", "Rue Haute", "1000", "1");
  const auto id2 = create("IX-0002", "Chaussée de Wavre", "1050", "2");
  // An owner contract of IX-0002 ending in about two months.
  auto owner = server().request("POST", "/api/v1/owners",
                                R"({"kind":"person","name":"Marie Dubois","iban":"BE68 5390 0754 7034"})", staff_.headers(true));
  ASSERT_EQ(owner.status, 201) << owner.body;
  auto today = server().request("GET", "/api/v1/dwellings/" + std::to_string(id2), "", staff_.headers(false))
                   .json()["status_since"].get<std::string>();
  int y = std::stoi(today.substr(0, 4)), m = std::stoi(today.substr(5, 2)) + 2;
  if (m > 12) { m -= 12; ++y; }
  char end[32];
  std::snprintf(end, sizeof end, "%04d-%02d-15", y, m);
  auto contract = server().request("POST", "/api/v1/owner-contracts",
                                   nlohmann::json{{"dwelling_id", id2}, {"owner_id", owner.json()["id"]}, {"kind", "main_lease"},
                                                  {"start", "2024-01-01"}, {"end", end}, {"owner_rent", "500.00"}}
                                       .dump(),
                                   staff_.headers(true));
  ASSERT_EQ(contract.status, 201) << contract.body;

  auto page = get("/?lang=fr", staff_);
  ASSERT_EQ(page.status, 200);
  for (const char* chart : {"chart-status", "chart-commune", "chart-bedrooms"})
    EXPECT_TRUE(contains(page.body, std::string("<figure class=\"chart\" id=\"") + chart + "\">")) << chart;
  EXPECT_TRUE(contains(page.body, "<title id=\"chart-status-title\">" + text("fr", "dashboard.stock.by_status") + "</title>"));
  EXPECT_TRUE(contains(page.body, "<td><a href=\"/dwellings?managed=1&amp;commune=21009\">Ixelles</a></td><td class=\"num\">1</td>"))
      << "the table behind the commune chart, each commune a link to its list";
  EXPECT_TRUE(contains(page.body, "href=\"/owner-contracts/" + std::to_string(contract.json()["id"].get<std::int64_t>()) + "\""))
      << "the contract ending soon, linked";
  EXPECT_TRUE(contains(page.body, "Marie Dubois"));
  EXPECT_TRUE(contains(page.body, "id=\"caps\"")) << "the owner rents against the caps";

  const auto c = new_agency();  // an agency with no dwelling yet
  auto empty = get("/?lang=fr", cookie(c.staff));
  ASSERT_EQ(empty.status, 200);
  EXPECT_TRUE(contains(empty.body, text("fr", "dashboard.stock.empty")));
  EXPECT_TRUE(contains(empty.body, "href=\"/dwellings/new\"") && contains(empty.body, "href=\"/import\""));
  EXPECT_FALSE(contains(empty.body, "chart-status"));
  auto empty_list = get("/dwellings?lang=fr", cookie(c.staff));
  EXPECT_TRUE(contains(empty_list.body, text("fr", "stock.dwellings.empty") + " — <a href=\"/dwellings/new\">"));

  auto region = get("/?lang=fr", cookie("region"));
  EXPECT_EQ(region.status, 200);
  EXPECT_TRUE(contains(region.body, "<a href=\"/dwellings?agency=" + a_.code + "\">2</a>")) << "the stock per agency";
}

HMS_INSTANTIATE_BACKENDS(StockPagesTest);

}  // namespace
}  // namespace hms::test
