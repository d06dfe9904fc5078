// A refused form never loses input (issue 15.7) and dates are typed as people type them (15.6),
// against a real `hms serve` on SQLite and PostgreSQL, as a browser sends them:
//   - a refused page form answers 303 to the form's page with ?draft=<token> (the language kept,
//     nothing typed in the address); that page shows what was typed and the errors, with the
//     refusal's status (422), as often as it is asked for (Back, Forward); the draft is stored
//     encrypted; a success forgets it;
//   - a draft is its session's: the same user's other session, another user of the agency and
//     another agency's user get the plain form; logging out deletes the session's drafts;
//   - an htmx request still gets the form again at once (no redirect);
//   - the forms read 05/09/2026, 5.9.2026 and 2026-09-05; 31/02/2026 is "this date does not
//     exist" on its field, shown as typed; the JSON API stays strict (YYYY-MM-DD only).
#include <gtest/gtest.h>

#include <regex>

#include "common/text.hpp"
#include "support/shared_server.hpp"
#include "web/catalog.hpp"

namespace hms::test {
namespace {

using nlohmann::json;

constexpr const char* kForm = "application/x-www-form-urlencoded";

const web::Catalog& catalog() {
  static const web::Catalog c;
  return c;
}

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

// The token of a ?draft= address.
std::string token_of(const std::string& location) {
  std::smatch m;
  if (!std::regex_search(location, m, std::regex(R"(draft=([0-9a-f]{32}))"))) return "";
  return m[1];
}

class FormDraftsTest : public SharedServerTest {
 protected:
  void SetUp() override {
    SharedServerTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    a_ = new_agency();
    staff_ = cookie(a_.staff);
  }
  HttpResult get(const std::string& path, const CookieSession& s) { return server().request("GET", path, "", s.headers(false)); }
  HttpResult post(const std::string& path, const std::string& body, const CookieSession& s) {
    return server().request("POST", path, body, s.headers(true), kForm);
  }
  // A dwelling made through the API; its id.
  std::int64_t dwelling(const std::string& reference) {
    auto r = server().request("POST", "/api/v1/dwellings",
                              json{{"reference", reference}, {"street", "Rue Haute"}, {"number", "5"}, {"postcode", "1000"},
                                   {"type", "apartment"}, {"bedrooms", 2}}.dump(),
                              staff_.headers(true));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", std::int64_t{0});
  }
  std::int64_t owner(const std::string& name) {
    auto r = server().request("POST", "/api/v1/owners",
                              json{{"kind", "person"}, {"name", name}, {"iban", "BE68 5390 0754 7034"}}.dump(),
                              staff_.headers(true));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", std::int64_t{0});
  }
  std::int64_t drafts(const std::string& token) { return count("form_drafts WHERE token = '" + token + "'"); }

  TestAgency a_;
  CookieSession staff_;
};

TEST_P(FormDraftsTest, ARefusedFormRedirectsToItsDraftWhichShowsWhatWasTypedUntilItSucceeds) {
  const auto body = form({{"reference", "DR-0001"}, {"street", "Vredestraat"}, {"number", "12"}, {"postcode", "9999"},
                          {"type", "house"}, {"bedrooms", "2"}, {"surface_m2", "68,5"}});
  auto refused = post("/dwellings?lang=nl", body, staff_);
  ASSERT_EQ(refused.status, 303) << refused.body.substr(0, 1000);
  const auto location = refused.header("Location");
  const auto token = token_of(location);
  ASSERT_FALSE(token.empty()) << location;
  EXPECT_EQ(location, "/dwellings/new?draft=" + token + "&lang=nl") << "the form's page, the language kept";
  EXPECT_FALSE(contains(location, "Vredestraat") || contains(location, "9999")) << "nothing typed in the address";
  EXPECT_EQ(drafts(token), 1);
  EXPECT_EQ(count("form_drafts WHERE token = '" + token + "' AND content_cipher LIKE '%Vredestraat%'"), 0)
      << "what was typed is stored encrypted";
  EXPECT_EQ(count("dwellings WHERE agency_id = " + std::to_string(a_.id)), 0) << "nothing written";

  // The page of the draft, as often as the browser asks for it (Back, Forward, reload).
  for (int i = 0; i < 2; ++i) {
    auto shown = get(location, staff_);
    EXPECT_EQ(shown.status, 422) << "still a refused form";
    EXPECT_TRUE(contains(shown.body, "value=\"Vredestraat\"")) << "the street as typed";
    EXPECT_TRUE(contains(shown.body, "value=\"9999\"")) << "the postcode as typed";
    EXPECT_TRUE(contains(shown.body, "value=\"68,5\"")) << "the surface as typed";
    EXPECT_TRUE(contains(shown.body, "value=\"house\" checked"));
    const auto message = escape_html(catalog().text("nl", "stock.invalid_postcode"));
    EXPECT_TRUE(contains(shown.body, "<a href=\"#postcode\">" + message + "</a>")) << "the summary, in Dutch";
    EXPECT_TRUE(contains(shown.body, "id=\"postcode-error\">" + message + "</p>")) << "the message by the field";
    EXPECT_TRUE(contains(shown.body, "<html lang=\"nl\""));
  }
  // The same page in French: the same draft, the messages in the language asked for.
  auto french = get("/dwellings/new?draft=" + token + "&lang=fr", staff_);
  EXPECT_TRUE(contains(french.body, escape_html(catalog().text("fr", "stock.invalid_postcode"))));
  // An unknown or malformed token: the plain form.
  for (const std::string other : {"0123456789abcdef0123456789abcdef", "nonsense", "'; DROP TABLE form_drafts; --"}) {
    auto plain = get("/dwellings/new?draft=" + url_encode(other), staff_);
    EXPECT_EQ(plain.status, 200) << other;
    EXPECT_FALSE(contains(plain.body, "value=\"Vredestraat\"")) << other;
  }
  // The draft of one form is not another form's.
  auto elsewhere = get("/owners/new?draft=" + token, staff_);
  EXPECT_EQ(elsewhere.status, 200);
  EXPECT_FALSE(contains(elsewhere.body, "value=\"Vredestraat\""));

  // Corrected and sent again from the draft's page: created, and the draft is forgotten.
  auto ok = post("/dwellings", form({{"reference", "DR-0001"}, {"street", "Vredestraat"}, {"number", "12"},
                                     {"postcode", "1050"}, {"type", "house"}, {"bedrooms", "2"}}),
                 staff_);
  ASSERT_EQ(ok.status, 303) << ok.body.substr(0, 1000);
  EXPECT_EQ(ok.header("Location").find("draft="), std::string::npos);
  EXPECT_EQ(drafts(token), 0) << "a success forgets the form's drafts";
  auto after = get(location, staff_);
  EXPECT_EQ(after.status, 200);
  EXPECT_FALSE(contains(after.body, "value=\"Vredestraat\"")) << "Back after the success: the empty form (the Dutch hint names Vredestraat)";
}

TEST_P(FormDraftsTest, ADraftIsReadOnlyByItsOwnSessionAndEndsWithIt) {
  const auto id = owner("Marie Dubois");
  const auto path = "/owners/" + std::to_string(id) + "/edit";
  // A refused change of the owner (an e-mail that is not one), a password typed with it.
  auto refused = post(path + "?lang=fr",
                      form({{"kind", "person"}, {"name", "Marie Dubois-Peeters"}, {"iban", "BE68 5390 0754 7034"},
                            {"email", "not an address"}, {"language", "fr"}, {"password", "my secret passphrase 1"}}),
                      staff_);
  ASSERT_EQ(refused.status, 303) << refused.body.substr(0, 1000);
  const auto location = refused.header("Location");
  const auto token = token_of(location);
  ASSERT_FALSE(token.empty()) << location;
  auto mine = get(location, staff_);
  EXPECT_EQ(mine.status, 422);
  EXPECT_TRUE(contains(mine.body, "value=\"Marie Dubois-Peeters\""));
  EXPECT_TRUE(contains(mine.body, "value=\"not an address\""));
  EXPECT_FALSE(contains(mine.body, "my secret passphrase 1")) << "a password is never shown back";

  // The same user in another browser, another user of the agency: the form as stored, no draft.
  const auto other_session = server().cookie_login(a_.staff, kSharedPassword);
  const auto admin = cookie(a_.admin);
  for (const CookieSession* who : {&other_session, &admin}) {
    auto plain = get(location, *who);
    EXPECT_EQ(plain.status, 200) << who->cookie;
    EXPECT_TRUE(contains(plain.body, "value=\"Marie Dubois\"")) << "the owner as stored";
    EXPECT_FALSE(contains(plain.body, "Dubois-Peeters") || contains(plain.body, "not an address"));
  }
  // Another agency's user: the owner is not theirs (404), the draft shows nothing either.
  const auto b = new_agency();
  auto foreign = get(location, cookie(b.staff));
  EXPECT_EQ(foreign.status, 404);
  EXPECT_FALSE(contains(foreign.body, "Dubois-Peeters"));
  auto foreign_new = get("/owners/new?draft=" + token, cookie(b.staff));
  EXPECT_FALSE(contains(foreign_new.body, "Dubois-Peeters"));
  EXPECT_EQ(drafts(token), 1) << "reading it elsewhere does not consume it";

  // Logging out ends the session and its drafts.
  auto gone = server().cookie_login(a_.staff, kSharedPassword);
  auto refused2 = post(path, form({{"kind", "person"}, {"name", ""}, {"iban", "BE68 5390 0754 7034"}}), gone);
  ASSERT_EQ(refused2.status, 303);
  const auto token2 = token_of(refused2.header("Location"));
  EXPECT_EQ(drafts(token2), 1);
  auto out = server().request("POST", "/logout", "csrf_token=" + gone.csrf, gone.headers(false), kForm);
  EXPECT_EQ(out.status, 303);
  EXPECT_EQ(drafts(token2), 0) << "logout deletes the session's drafts";
  EXPECT_EQ(drafts(token), 1) << "another session's drafts stay";
}

TEST_P(FormDraftsTest, HtmxKeepsGettingTheFormAtOnce) {
  auto h = staff_.headers(true);
  h.emplace_back("HX-Request", "true");
  const auto before = count("form_drafts");
  auto r = server().request("POST", "/dwellings", form({{"reference", "DR-0002"}, {"postcode", "9999"}}), h, kForm);
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(contains(r.body, "value=\"9999\""));
  EXPECT_EQ(count("form_drafts"), before) << "no draft for an htmx request";
}

TEST_P(FormDraftsTest, FormsReadDatesAsTypedAndSayWhenADayDoesNotExist) {
  const auto d = dwelling("DT-0001");
  const auto o = owner("Jan Peeters");
  auto contract = [&](const std::string& start, const std::string& end, const std::string& lang) {
    return server().submit("/owner-contracts?lang=" + lang,
                           form({{"dwelling_id", std::to_string(d)}, {"owner_id", std::to_string(o)}, {"kind", "main_lease"},
                                 {"start", start}, {"end", end}, {"owner_rent", "500"}, {"registered", "yes"},
                                 {"guarantee_vacancy", "yes"}, {"guarantee_unpaid_rent", "yes"}, {"guarantee_damage", "yes"}}),
                           staff_.headers(true), kForm);
  };
  // 31/02/2026: "this date does not exist", on the field, the date as typed, in fr and nl.
  for (std::string lang : {"fr", "nl"}) {
    auto r = contract("31/02/2026", "", lang);
    EXPECT_EQ(r.status, 422) << lang << r.body.substr(0, 500);
    EXPECT_FALSE(r.draft_location.empty()) << "through a draft";
    const auto message = escape_html(catalog().format(lang, "common.date_does_not_exist", {{"date", "31/02/2026"}}));
    EXPECT_TRUE(contains(r.body, "id=\"start-error\">" + message + "</p>")) << lang << ": " << message;
    EXPECT_TRUE(contains(r.body, "value=\"31/02/2026\"")) << "the date as typed";
    EXPECT_FALSE(contains(r.body, escape_html(catalog().text(lang, "common.invalid_date")))) << "not 'not a date'";
  }
  EXPECT_EQ(count("owner_contracts WHERE dwelling_id = " + std::to_string(d)), 0);
  // Day first with slashes, with dots, and ISO.
  auto made = contract("05/09/2026", "5.9.2027", "fr");
  ASSERT_EQ(made.status, 303) << made.body.substr(0, 1500);
  auto k = server().request("GET", "/api/v1" + made.header("Location").substr(0, made.header("Location").find('?')), "",
                            staff_.headers(false));
  EXPECT_EQ(k.json()["start"], "2026-09-05") << k.body;
  EXPECT_EQ(k.json()["end"], "2027-09-05") << k.body;
  const auto d2 = dwelling("DT-0002");
  auto iso = server().submit("/owner-contracts",
                             form({{"dwelling_id", std::to_string(d2)}, {"owner_id", std::to_string(o)}, {"kind", "main_lease"},
                                   {"start", "2026-09-05"}, {"owner_rent", "500"}, {"registered", "yes"}}),
                             staff_.headers(true), kForm);
  EXPECT_EQ(iso.status, 303) << iso.body.substr(0, 1500);

  // The JSON API stays strict: YYYY-MM-DD only (contract A).
  auto api = server().request("POST", "/api/v1/owner-contracts",
                              json{{"dwelling_id", d2 + 0}, {"owner_id", o}, {"kind", "main_lease"}, {"start", "05/09/2030"},
                                   {"owner_rent", "500.00"}}.dump(),
                              staff_.headers(true));
  EXPECT_EQ(api.status, 422) << api.body;
  EXPECT_TRUE(api.json()["error"]["fields"].contains("start")) << api.body;
  auto api_dwelling = server().request("PATCH", "/api/v1/dwellings/" + std::to_string(d),
                                       json{{"peb_date", "05/09/2026"}}.dump(), staff_.headers(true));
  EXPECT_EQ(api_dwelling.status, 422) << api_dwelling.body;
  EXPECT_TRUE(api_dwelling.json()["error"]["fields"].contains("peb_date")) << api_dwelling.body;
}

HMS_INSTANTIATE_BACKENDS(FormDraftsTest);

}  // namespace
}  // namespace hms::test
