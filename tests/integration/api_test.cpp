// Contract A of the JSON API, checked against a real `hms serve` on SQLite and PostgreSQL, the
// way an integrator uses it: logging in (token, user, cookie), wrong credentials, the bearer
// token and the cookie, logging out, the agencies a user may see, list paging, JSON errors
// (fields on 422 only) in the request's language, malformed bodies, and the login form.
// One server per backend for the whole suite; each test works in an agency of its own (its
// staff member and admin logging in with the fixture's password). ApiAgencyListTest and
// ApiPagingTest count every agency of the database, so each has a server of its own.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <regex>

#include "common/text.hpp"
#include "support/shared_server.hpp"
#include "web/catalog.hpp"

namespace hms::test {
namespace {

using db::Backend;
using nlohmann::json;

const web::Catalog& catalog() {
  static const web::Catalog c;
  return c;
}

class ApiTest : public SharedServerTest {
 protected:
  void SetUp() override {
    SharedServerTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    a_ = new_agency();
  }
  HttpResult get(const std::string& path, const Headers& h = {}) { return server().request("GET", path, "", h); }
  HttpResult post_json(const std::string& path, const json& body, const Headers& h = {}) {
    return server().request("POST", path, body.dump(), h);
  }

  TestAgency a_;  // this test's agency, with its admin and its staff member
};

std::vector<std::string> codes_of(const json& list) {
  std::vector<std::string> codes;
  for (const auto& item : list.at("items")) codes.push_back(item.at("code").get<std::string>());
  return codes;
}

void expect_error_body(const HttpResult& r, const std::string& code) {
  auto j = r.json();
  ASSERT_TRUE(j.is_object()) << r.body;
  EXPECT_EQ(r.header("Content-Type").rfind("application/json", 0), 0u) << r.header("Content-Type");
  ASSERT_TRUE(j.contains("error")) << r.body;
  EXPECT_EQ(j["error"].value("code", ""), code) << r.body;
  EXPECT_TRUE(j["error"].contains("message")) << r.body;
  EXPECT_FALSE(j["error"].value("message", "").empty()) << r.body;
  if (r.status == 422)
    EXPECT_TRUE(j["error"].contains("fields") && j["error"]["fields"].is_object()) << r.body;
  else
    EXPECT_FALSE(j["error"].contains("fields")) << "fields only on 422: " << r.body;
}

// ---- Logging in ------------------------------------------------------------------------------

TEST_P(ApiTest, LoginAnswersTokenUserAndSessionCookie) {
  auto r = post_json("/api/v1/session", {{"login", a_.admin}, {"password", kSharedPassword}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.json();
  ASSERT_TRUE(j.is_object()) << r.body;
  ASSERT_TRUE(j.contains("token") && j["token"].is_string());
  const auto token = j["token"].get<std::string>();
  EXPECT_TRUE(std::regex_match(token, std::regex("[0-9a-f]{64}"))) << token;
  EXPECT_EQ(j["user"], (json{{"login", a_.admin}, {"name", "Admin " + a_.code}, {"role", "agency_admin"}, {"agency", a_.code}}));
  // The session cookie carries the same token, out of reach of scripts and other sites.
  auto cookie = set_cookie_header(r, "hms_session");
  ASSERT_FALSE(cookie.empty()) << "no Set-Cookie hms_session";
  EXPECT_EQ(set_cookie_value(r, "hms_session"), token);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("SameSite="), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("Path=/"), std::string::npos) << cookie;
  // The token works at once.
  auto me = get("/api/v1/me", bearer(token));
  EXPECT_EQ(me.status, 200) << me.body;
}

TEST_P(ApiTest, CrossAgencyUserHasANullAgency) {
  auto me = get("/api/v1/me", bearer(token("region")));
  ASSERT_EQ(me.status, 200) << me.body;
  auto j = me.json();
  EXPECT_EQ(j["login"], "region");
  EXPECT_EQ(j["name"], "Rita Region");
  EXPECT_EQ(j["role"], "region");
  ASSERT_TRUE(j.contains("agency"));
  EXPECT_TRUE(j["agency"].is_null());
}

TEST_P(ApiTest, LoginIgnoresTheCaseOfTheLogin) {
  std::string mixed = a_.staff;  // "t3.staff" typed "T3.Staff"
  mixed[0] = static_cast<char>(std::toupper(mixed[0]));
  mixed[mixed.find('.') + 1] = static_cast<char>(std::toupper(mixed[mixed.find('.') + 1]));
  ASSERT_NE(mixed, a_.staff);
  auto r = post_json("/api/v1/session", {{"login", mixed}, {"password", kSharedPassword}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["user"]["login"], a_.staff);
}

TEST_P(ApiTest, WrongPasswordIs401WithAnErrorBody) {
  auto r = post_json("/api/v1/session", {{"login", a_.admin}, {"password", "not the right password"}});
  EXPECT_EQ(r.status, 401) << r.body;
  expect_error_body(r, "users.wrong_credentials");
  EXPECT_TRUE(set_cookie_header(r, "hms_session").empty()) << "no session cookie on failure";
  EXPECT_FALSE(r.json().contains("token"));
  server().login(a_.admin, kSharedPassword);  // a success clears the address's failure counter
}

TEST_P(ApiTest, UnknownLoginIs401WithTheSameBodyAsAWrongPassword) {
  auto unknown = post_json("/api/v1/session", {{"login", "nobody.here"}, {"password", "lantern harbour meadow 41"}});
  auto wrong = post_json("/api/v1/session", {{"login", a_.staff}, {"password", "lantern harbour meadow 41"}});
  EXPECT_EQ(unknown.status, 401) << unknown.body;
  expect_error_body(unknown, "users.wrong_credentials");
  EXPECT_EQ(unknown.body, wrong.body) << "an unknown login must not be told apart from a wrong password";
  server().login(a_.staff, kSharedPassword);  // clears the failure counters
}

TEST_P(ApiTest, BearerTokenAuthenticatesMe) {
  auto r = get("/api/v1/me", bearer(token(a_.staff)));
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["login"], a_.staff);
  EXPECT_EQ(j["name"], "Staff " + a_.code);
  EXPECT_EQ(j["role"], "agency_staff");
  EXPECT_EQ(j["agency"], a_.code);
  EXPECT_TRUE(j.contains("csrf_token"));
}

TEST_P(ApiTest, NoOrBadTokenIs401) {
  auto none = get("/api/v1/me");
  EXPECT_EQ(none.status, 401);
  expect_error_body(none, "common.unauthenticated");
  auto garbage = get("/api/v1/me", bearer("not-a-token"));
  EXPECT_EQ(garbage.status, 401);
  auto unknown = get("/api/v1/me", bearer(std::string(64, 'a')));
  EXPECT_EQ(unknown.status, 401);
  expect_error_body(unknown, "common.unauthenticated");
  auto bad_cookie = get("/api/v1/me", {{"Cookie", "hms_session=" + std::string(64, 'b')}});
  EXPECT_EQ(bad_cookie.status, 401);
}

TEST_P(ApiTest, SessionCookieAuthenticatesApiCalls) {
  auto s = server().cookie_login("federation", kSharedPassword);
  auto r = get("/api/v1/me", s.headers(false));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["login"], "federation");
  EXPECT_EQ(get("/api/v1/agencies", s.headers(false)).status, 200);
}

TEST_P(ApiTest, LogoutWithTheTokenEndsTokenAndCookie) {
  auto login = post_json("/api/v1/session", {{"login", a_.staff}, {"password", kSharedPassword}});
  ASSERT_EQ(login.status, 200);
  const auto token = login.json()["token"].get<std::string>();
  const auto cookie = set_cookie_value(login, "hms_session").value_or("");
  ASSERT_EQ(get("/api/v1/me", bearer(token)).status, 200);
  ASSERT_EQ(get("/api/v1/me", {{"Cookie", "hms_session=" + cookie}}).status, 200);

  auto out = server().request("DELETE", "/api/v1/session", "", bearer(token));
  ASSERT_EQ(out.status, 200) << out.body;
  EXPECT_EQ(get("/api/v1/me", bearer(token)).status, 401);
  EXPECT_EQ(get("/api/v1/me", {{"Cookie", "hms_session=" + cookie}}).status, 401);
  // A second logout with the dead token is refused as not logged in.
  EXPECT_EQ(server().request("DELETE", "/api/v1/session", "", bearer(token)).status, 401);
  // Other sessions of the same user are untouched.
  EXPECT_EQ(get("/api/v1/me", bearer(this->token(a_.staff))).status, 200);
}

TEST_P(ApiTest, LogoutWithTheCookieEndsItAndClearsIt) {
  auto s = server().cookie_login(a_.staff, kSharedPassword);
  auto out = server().request("DELETE", "/api/v1/session", "", s.headers(true));
  ASSERT_EQ(out.status, 200) << out.body;
  auto cleared = set_cookie_header(out, "hms_session");
  EXPECT_NE(cleared.find("Max-Age=0"), std::string::npos) << cleared;
  EXPECT_EQ(get("/api/v1/me", s.headers(false)).status, 401);
  EXPECT_EQ(get("/api/v1/me", bearer(s.cookie)).status, 401);
}

// ---- Agencies -------------------------------------------------------------------------------

TEST_P(ApiTest, AgencyUsersSeeExactlyTheirOwnAgency) {
  const auto b = new_agency();
  for (const auto& login : {a_.admin, a_.staff}) {
    auto r = get("/api/v1/agencies", bearer(token(login)));
    ASSERT_EQ(r.status, 200) << login << ": " << r.body;
    auto j = r.json();
    EXPECT_EQ(j["total"], 1) << login;
    ASSERT_EQ(j["items"].size(), 1u) << login;
    EXPECT_EQ(j["items"][0]["code"], a_.code);
    EXPECT_EQ(j["items"][0]["name"], a_.name);
    // A query parameter cannot widen the scope.
    auto widened = get("/api/v1/agencies?agency=" + b.code + "&limit=500", bearer(token(login)));
    EXPECT_EQ(codes_of(widened.json()), std::vector<std::string>{a_.code}) << widened.body;
  }
}

TEST_P(ApiTest, ListLimitMustBeAWholeNumber) {
  const auto& t = token("sysadmin");
  for (const char* query : {"limit=abc", "limit=0", "limit=-1", "offset=-1", "offset=x", "limit=1.5", "limit="}) {
    auto r = get(std::string("/api/v1/agencies?") + query, bearer(t));
    if (std::string(query) == "limit=") {
      EXPECT_EQ(r.status, 200) << "an empty limit is the default";
      continue;
    }
    EXPECT_EQ(r.status, 400) << query << ": " << r.body;
    expect_error_body(r, "common.invalid_paging");
  }
  auto r = get("/api/v1/agencies?limit=1000", bearer(t));
  ASSERT_EQ(r.status, 200) << "a limit above the maximum is lowered, not refused";
  EXPECT_LE(r.json()["items"].size(), 500u);
}

// ---- Errors ---------------------------------------------------------------------------------

TEST_P(ApiTest, ErrorsOnApiPathsAreJson) {
  auto missing = get("/api/v1/no-such-thing", bearer(token("sysadmin")));
  EXPECT_EQ(missing.status, 404);
  expect_error_body(missing, "common.not_found");
  auto missing_anonymous = get("/api/v1/no-such-thing");
  EXPECT_EQ(missing_anonymous.status, 404);
  expect_error_body(missing_anonymous, "common.not_found");
  auto forbidden = get("/api/v1/users", bearer(token("federation")));
  EXPECT_EQ(forbidden.status, 403);
  expect_error_body(forbidden, "common.forbidden");
  auto not_found_user = get("/api/v1/users/999999", bearer(token("sysadmin")));
  EXPECT_EQ(not_found_user.status, 404);
  expect_error_body(not_found_user, "users.not_found");
  auto not_a_number = get("/api/v1/users/abc", bearer(token("sysadmin")));
  EXPECT_EQ(not_a_number.status, 404);
  expect_error_body(not_a_number, "common.not_found");
}

TEST_P(ApiTest, ValidationErrorsAre422WithFields) {
  const auto& t = token("sysadmin");
  auto bad_login = post_json("/api/v1/users",
                             {{"login", "x"}, {"role", "region"}, {"password", "a perfectly fine passphrase"}}, bearer(t));
  EXPECT_EQ(bad_login.status, 422) << bad_login.body;
  expect_error_body(bad_login, "users.invalid_login");
  EXPECT_TRUE(bad_login.json()["error"]["fields"].contains("login")) << bad_login.body;

  auto short_password = post_json("/api/v1/users", {{"login", "new.region"}, {"role", "region"}, {"password", "short"}},
                                  bearer(t));
  EXPECT_EQ(short_password.status, 422) << short_password.body;
  expect_error_body(short_password, "users.password_too_short");
  EXPECT_TRUE(short_password.json()["error"]["fields"].contains("password"));
  // The message names the minimum (the {min} placeholder is filled).
  EXPECT_NE(short_password.json()["error"]["fields"]["password"].get<std::string>().find("12"), std::string::npos);

  auto bad_agency = post_json("/api/v1/agencies", {{"code", "A"}, {"name", "Too short a code"}}, bearer(t));
  EXPECT_EQ(bad_agency.status, 422) << bad_agency.body;
  expect_error_body(bad_agency, "agencies.invalid_code");
  EXPECT_TRUE(bad_agency.json()["error"]["fields"].contains("code"));
}

TEST_P(ApiTest, ConflictIs409WithoutFields) {
  auto r = post_json("/api/v1/agencies", {{"code", to_lower_ascii(a_.code)}, {"name", "Again"}}, bearer(token("sysadmin")));
  EXPECT_EQ(r.status, 409) << r.body;
  expect_error_body(r, "agencies.code_taken");
  EXPECT_NE(r.json()["error"]["message"].get<std::string>().find(a_.code), std::string::npos) << r.body;
}

TEST_P(ApiTest, ErrorMessagesFollowTheRequestLanguage) {
  const auto& cat = catalog();
  const std::string key = "common.unauthenticated";
  ASSERT_NE(cat.text("fr", key), cat.text("nl", key));
  ASSERT_NE(cat.text("fr", key), cat.text("en", key));
  struct Case {
    std::string path;
    Headers headers;
    std::string lang;
  };
  const std::vector<Case> cases = {
      {"/api/v1/me", {}, "fr"},
      {"/api/v1/me", {{"Accept-Language", "nl"}}, "nl"},
      {"/api/v1/me", {{"Accept-Language", "nl-BE,nl;q=0.9,fr;q=0.8"}}, "nl"},
      {"/api/v1/me", {{"Accept-Language", "fr-BE"}}, "fr"},
      {"/api/v1/me", {{"Accept-Language", "en-GB,en;q=0.9"}}, "en"},
      {"/api/v1/me", {{"Accept-Language", "de-DE,de;q=0.9"}}, "fr"},
      {"/api/v1/me?lang=en", {}, "en"},
      {"/api/v1/me?lang=en", {{"Accept-Language", "nl"}}, "en"},
      {"/api/v1/me?lang=nl", {{"Accept-Language", "fr"}}, "nl"},
      {"/api/v1/me?lang=xx", {{"Accept-Language", "nl"}}, "nl"},
  };
  for (const auto& c : cases) {
    auto r = get(c.path, c.headers);
    ASSERT_EQ(r.status, 401);
    EXPECT_EQ(r.json()["error"]["message"], cat.text(c.lang, key))
        << c.path << " " << (c.headers.empty() ? "" : c.headers[0].second);
  }
  // A validation message too, with its placeholder filled in that language.
  const auto b = new_agency();
  auto r = post_json("/api/v1/agencies?lang=nl", {{"code", to_lower_ascii(b.code)}, {"name", "x"}}, bearer(token("sysadmin")));
  ASSERT_EQ(r.status, 409);
  EXPECT_EQ(r.json()["error"]["message"], cat.format("nl", "agencies.code_taken", {{"code", b.code}}));
}

TEST_P(ApiTest, MalformedJsonIs400) {
  for (const std::string body : {"{not json", "", "[1, 2]", "\"text\"", "{\"login\": 42, \"password\": \"x\"}"}) {
    auto r = server().request("POST", "/api/v1/session", body);
    EXPECT_EQ(r.status, 400) << "body " << body << ": " << r.body;
    expect_error_body(r, "common.malformed_json");
  }
  auto r = server().request("POST", "/api/v1/agencies", "{\"code\": ", bearer(token("sysadmin")));
  EXPECT_EQ(r.status, 400) << r.body;
  expect_error_body(r, "common.malformed_json");
  auto patch = server().request("PATCH", "/api/v1/users/1", "{\"disabled\": \"yes\"}", bearer(token("sysadmin")));
  EXPECT_EQ(patch.status, 400) << patch.body;
}

// ---- Users through the API -----------------------------------------------------------------

TEST_P(ApiTest, SystemAdminCreatesAUserWhoCanLogIn) {
  auto created = post_json("/api/v1/users",
                           {{"login", "new.staff.c"},
                            {"name", "Nina New"},
                            {"role", "agency_staff"},
                            {"agency", a_.code},
                            {"password", "quiet orange tractor 29"}},
                           bearer(token("sysadmin")));
  ASSERT_EQ(created.status, 201) << created.body;
  auto j = created.json();
  EXPECT_EQ(j["login"], "new.staff.c");
  EXPECT_EQ(j["agency"], a_.code);
  EXPECT_FALSE(j.contains("password"));
  EXPECT_FALSE(j.contains("password_hash"));
  auto fetched = get("/api/v1/users/" + std::to_string(j["id"].get<std::int64_t>()), bearer(token("sysadmin")));
  ASSERT_EQ(fetched.status, 200);
  EXPECT_EQ(fetched.json()["name"], "Nina New");
  auto t = server().login("new.staff.c", "quiet orange tractor 29");
  auto agencies = get("/api/v1/agencies", bearer(t));
  EXPECT_EQ(codes_of(agencies.json()), std::vector<std::string>{a_.code});
}

TEST_P(ApiTest, TheUsersLanguageComesBeforeAcceptLanguageButAfterLang) {
  auto created = post_json("/api/v1/users",
                           {{"login", "dutch.region"}, {"role", "region"}, {"language", "nl"},
                            {"password", "windmill tulip canal 73"}},
                           bearer(token("sysadmin")));
  ASSERT_EQ(created.status, 201) << created.body;
  const auto t = server().login("dutch.region", "windmill tulip canal 73");
  const std::string key = "common.invalid_paging";
  auto message = [&](const std::string& query, const Headers& extra) {
    Headers h = bearer(t);
    h.insert(h.end(), extra.begin(), extra.end());
    auto r = get("/api/v1/agencies?limit=abc" + query, h);
    EXPECT_EQ(r.status, 400);
    return r.json()["error"]["message"];
  };
  EXPECT_EQ(message("", {}), catalog().text("nl", key));
  EXPECT_EQ(message("", {{"Accept-Language", "fr-BE,fr;q=0.9"}}), catalog().text("nl", key));
  EXPECT_EQ(message("&lang=en", {{"Accept-Language", "fr"}}), catalog().text("en", key));
  EXPECT_EQ(get("/api/v1/me", bearer(t)).json()["language"], "nl");
}

// ---- The login form and the dashboard ------------------------------------------------------

TEST_P(ApiTest, LoginFormLogsInWithItsCsrfToken) {
  auto anonymous = get("/");
  EXPECT_EQ(anonymous.status, 303);
  EXPECT_EQ(anonymous.header("Location"), "/login");

  auto form = get("/login");
  ASSERT_EQ(form.status, 200);
  auto csrf = set_cookie_value(form, "hms_login_csrf");
  ASSERT_TRUE(csrf && !csrf->empty());
  EXPECT_NE(form.body.find(*csrf), std::string::npos) << "the form carries its CSRF token";
  EXPECT_NE(form.body.find("name=\"csrf_token\""), std::string::npos);

  const std::string fields = "login=" + a_.staff + "&password=" + httplib::detail::encode_query_param(kSharedPassword);
  // Without the token, or with another one: refused, no session.
  auto forged = server().request("POST", "/login", fields + "&csrf_token=" + *csrf, {},
                                 "application/x-www-form-urlencoded");
  EXPECT_EQ(forged.status, 403);
  EXPECT_TRUE(set_cookie_header(forged, "hms_session").empty());
  auto mismatched = server().request("POST", "/login", fields + "&csrf_token=deadbeef",
                                     {{"Cookie", "hms_login_csrf=" + *csrf}}, "application/x-www-form-urlencoded");
  EXPECT_EQ(mismatched.status, 403);

  auto ok = server().request("POST", "/login", fields + "&csrf_token=" + *csrf, {{"Cookie", "hms_login_csrf=" + *csrf}},
                             "application/x-www-form-urlencoded");
  ASSERT_EQ(ok.status, 303) << ok.body;
  EXPECT_EQ(ok.header("Location"), "/");
  auto session = set_cookie_value(ok, "hms_session");
  ASSERT_TRUE(session && session->size() == 64);
  EXPECT_NE(set_cookie_header(ok, "hms_session").find("HttpOnly"), std::string::npos);

  auto dashboard = get("/", {{"Cookie", "hms_session=" + *session}});
  EXPECT_EQ(dashboard.status, 200);
  EXPECT_NE(dashboard.body.find("Staff " + a_.code), std::string::npos);
  // The form's cookie also authenticates the API.
  EXPECT_EQ(get("/api/v1/me", {{"Cookie", "hms_session=" + *session}}).json()["login"], a_.staff);
}

TEST_P(ApiTest, PagesFollowTheLanguage) {
  const auto& cat = catalog();
  auto fr = get("/login");
  auto nl = get("/login", {{"Accept-Language", "nl-BE,nl;q=0.9"}});
  auto en = get("/login?lang=en", {{"Accept-Language", "nl"}});
  EXPECT_NE(fr.body.find(cat.text("fr", "users.login_page.submit")), std::string::npos);
  EXPECT_NE(nl.body.find(cat.text("nl", "users.login_page.submit")), std::string::npos);
  EXPECT_NE(en.body.find(cat.text("en", "users.login_page.submit")), std::string::npos);
  EXPECT_NE(fr.body.find("lang=\"fr\""), std::string::npos);
  EXPECT_NE(nl.body.find("lang=\"nl\""), std::string::npos);
  EXPECT_NE(en.body.find("lang=\"en\""), std::string::npos);
}

HMS_INSTANTIATE_BACKENDS(ApiTest);

// ---- Every agency of the database ----------------------------------------------------------

// The cross-agency roles list every agency: the test counts them all, so this suite has a server
// of its own holding exactly AIS-A, AIS-B and AIS-C (no test here calls new_agency()).
class ApiAgencyListTest : public SharedServerTest {
 protected:
  void seed(ServerProcess& s) override {
    s.add_agency("AIS-A", "Agence A");
    s.add_agency("AIS-B", "Agence B");
    s.add_agency("AIS-C", "Agence C");
  }
};

TEST_P(ApiAgencyListTest, CrossAgencyRolesSeeEveryAgency) {
  for (const char* login : {"region", "federation", "sysadmin"}) {
    auto r = call(login, "GET", "/api/v1/agencies");
    ASSERT_EQ(r.status, 200) << login << ": " << r.body;
    auto j = r.json();
    EXPECT_EQ(j["total"], 3) << login;
    EXPECT_EQ(codes_of(j), (std::vector<std::string>{"AIS-A", "AIS-B", "AIS-C"})) << login;
    EXPECT_EQ(j.size(), 2u) << "a list is {items, total}: " << r.body;
  }
}

HMS_INSTANTIATE_BACKENDS(ApiAgencyListTest);

// ---- Paging over more agencies than one page ------------------------------------------------

// The totals are of every agency in the database: a server of its own, holding the 523 agencies
// and the fixture's cross-agency users only.
class ApiPagingTest : public SharedServerTest {
 protected:
  void seed(ServerProcess& s) override {
    // 523 agencies, inserted in one statement (fixture data, not what is under test).
    std::string sql = "INSERT INTO agencies (code, name, created_at) VALUES ";
    for (int i = 1; i <= 523; ++i) {
      char code[16];
      std::snprintf(code, sizeof code, "AG-%04d", i);
      sql += std::string(i > 1 ? "," : "") + "('" + code + "', 'Agency " + std::to_string(i) + "', 0)";
    }
    s.db().acquire()->execute(sql);
  }
  json list(const std::string& query) {
    auto r = call("sysadmin", "GET", "/api/v1/agencies" + query);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    return r.json();
  }
};

TEST_P(ApiPagingTest, DefaultLimitIs50AndMaximum500) {
  auto first = list("");
  EXPECT_EQ(first["total"], 523);
  ASSERT_EQ(first["items"].size(), 50u);
  EXPECT_EQ(first["items"][0]["code"], "AG-0001");
  EXPECT_EQ(first["items"][49]["code"], "AG-0050");

  auto capped = list("?limit=1000");
  EXPECT_EQ(capped["total"], 523);
  EXPECT_EQ(capped["items"].size(), 500u);

  auto exact = list("?limit=500");
  EXPECT_EQ(exact["items"].size(), 500u);

  auto last = list("?limit=500&offset=500");
  ASSERT_EQ(last["items"].size(), 23u);
  EXPECT_EQ(last["items"][0]["code"], "AG-0501");
  EXPECT_EQ(last["total"], 523);

  auto middle = list("?limit=10&offset=95");
  ASSERT_EQ(middle["items"].size(), 10u);
  EXPECT_EQ(middle["items"][0]["code"], "AG-0096");
  EXPECT_EQ(middle["items"][9]["code"], "AG-0105");

  auto beyond = list("?offset=10000");
  EXPECT_EQ(beyond["items"].size(), 0u);
  EXPECT_EQ(beyond["total"], 523);
}

HMS_INSTANTIATE_BACKENDS(ApiPagingTest);

}  // namespace
}  // namespace hms::test
