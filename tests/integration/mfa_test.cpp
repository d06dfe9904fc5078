// The second factor (TOTP) against a real `hms serve` on SQLite and PostgreSQL, with codes the
// test computes as an authenticator app would: enrolment through the API and the account pages,
// the API login's optional "totp" field, the two-step login of the pages (never a session before
// the code), a code never accepted twice, recovery codes once each, the throttle shared with the
// password (each code counted before it is checked), turning it off, no secret in the logs or
// the audit, no page with a secret cached, and `hms serve --require-mfa` sending admins to
// enrolment first.
// MfaTest (enrolment, logins with a code, turning it off) shares one server per backend, each test
// enrolling a user of an agency of its own. MfaThrottleTest keeps a server per test: its tests
// drive the login throttle, whose counters are per client address (all tests come from
// 127.0.0.1) as well as per login, and one needs `hms serve --require-mfa`.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <thread>

#include "common/text.hpp"
#include "domain/users/totp.hpp"
#include "support/shared_server.hpp"

namespace hms::test {
namespace {

using db::Backend;
using nlohmann::json;

const std::string kPassword = kSharedPassword;  // the shared suite's users' and the throttle suite's

std::int64_t now_step() { return users::totp_step(static_cast<std::int64_t>(std::time(nullptr))); }

// What an authenticator app shows for this base32 secret at a step.
std::string app_code(const std::string& secret_base32, std::int64_t step) {
  auto secret = users::base32_decode(secret_base32);
  if (!secret) throw std::runtime_error("not base32: " + secret_base32);
  return users::totp_code(*secret, step);
}

// A 6-digit code that is none of the window's.
std::string wrong_code(const std::string& secret_base32) {
  const std::int64_t s = now_step();
  std::set<std::string> window;
  for (std::int64_t d = -2; d <= 2; ++d) window.insert(app_code(secret_base32, s + d));
  for (std::string c = "000000";; c = std::to_string(std::stoi(c) + 111111))
    if (!window.contains(c)) return c;
}

std::string form_type() { return "application/x-www-form-urlencoded"; }
std::string enc(const std::string& v) { return httplib::detail::encode_query_param(v); }

// A browser without JavaScript: keeps the cookies the server sets, posts forms with the login
// CSRF token of the last page or the session's.
class Browser {
 public:
  explicit Browser(const ServerProcess& server) : server_(server) {}

  HttpResult get(const std::string& path) { return keep(server_.request("GET", path, "", headers(), "")); }
  HttpResult post(const std::string& path, std::string fields) {
    fields += (fields.empty() ? "" : "&") + std::string("csrf_token=") + csrf_for_form();
    return keep(server_.request("POST", path, fields, headers(), form_type()));
  }
  // The password form: GET /login, then POST it.
  HttpResult log_in(const std::string& login, const std::string& password) {
    get("/login");
    return post("/login", "login=" + enc(login) + "&password=" + enc(password));
  }
  std::optional<std::string> cookie(const std::string& name) const {
    auto c = cookies_.find(name);
    return c == cookies_.end() ? std::nullopt : std::optional(c->second);
  }
  void forget(const std::string& name) { cookies_.erase(name); }

 private:
  Headers headers() const {
    std::string c;
    for (const auto& [k, v] : cookies_) c += (c.empty() ? "" : "; ") + k + "=" + v;
    return c.empty() ? Headers{} : Headers{{"Cookie", c}};
  }
  std::string csrf_for_form() {
    if (cookie("hms_session")) {
      auto me = server_.request("GET", "/api/v1/me", "", headers());
      return me.json().value("csrf_token", "");
    }
    return cookie("hms_login_csrf").value_or("");
  }
  HttpResult keep(HttpResult r) {
    for (const auto& set : r.headers_named("Set-Cookie")) {
      auto eq = set.find('=');
      auto semi = set.find(';');
      std::string name = set.substr(0, eq), value = set.substr(eq + 1, semi - eq - 1);
      if (value.empty() || set.find("Max-Age=0") != std::string::npos)
        cookies_.erase(name);
      else
        cookies_[name] = value;
    }
    return r;
  }
  const ServerProcess& server_;
  std::map<std::string, std::string> cookies_;
};

std::string secret_on_page(const std::string& html) {
  std::smatch m;
  if (!std::regex_search(html, m, std::regex(R"(id="secret">([A-Z2-7 ]+)<)"))) return "";
  std::string s = m[1];
  s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
  return s;
}

std::vector<std::string> recovery_codes_on_page(const std::string& html) {
  std::vector<std::string> out;
  static const std::regex re(R"(<li><code>([A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4})</code></li>)");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), re); it != std::sregex_iterator(); ++it)
    out.push_back((*it)[1]);
  return out;
}

// Just past a whole second: a burst then falls within one second of the throttle's clock.
void align_to_second() {
  using namespace std::chrono;
  auto into = duration_cast<milliseconds>(system_clock::now().time_since_epoch()) % 1000;
  std::this_thread::sleep_for(milliseconds(1000 - into.count() + 20));
}

HttpResult api_login(const ServerProcess& server, const std::string& login,
                     const std::optional<std::string>& totp = std::nullopt) {
  json body = {{"login", login}, {"password", kPassword}};
  if (totp) body["totp"] = *totp;
  return server.request("POST", "/api/v1/session", body.dump());
}

// Enrols through the API; answers the secret (base32), the step of its first code, the recovery codes.
std::tuple<std::string, std::int64_t, std::vector<std::string>> enrol_by_api(const ServerProcess& server,
                                                                             const std::string& login) {
  auto token = server.login(login, kPassword);
  auto started = server.request("POST", "/api/v1/me/mfa", "{}", bearer(token));
  EXPECT_EQ(started.status, 200) << started.body;
  const std::string secret = started.json().value("secret", "");
  const std::int64_t step = now_step();
  auto confirmed = server.request("POST", "/api/v1/me/mfa/confirm", json{{"code", app_code(secret, step)}}.dump(),
                                  bearer(token));
  EXPECT_EQ(confirmed.status, 200) << confirmed.body;
  return {secret, step, confirmed.json().value("recovery_codes", std::vector<std::string>{})};
}

// One server per backend for the suite; each test enrols user_, an agency admin of an agency of
// its own, and counts that user's rows and audit entries.
class MfaTest : public SharedServerTest {
 protected:
  void SetUp() override {
    SharedServerTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    a_ = new_agency();
    user_ = to_lower_ascii(a_.code) + ".mfa";  // "t1.mfa"
    user_id_ = std::to_string(new_user(user_, "agency_admin", a_.code));
  }
  HttpResult api_login(const std::string& login, const std::optional<std::string>& totp = std::nullopt) {
    return hms::test::api_login(server(), login, totp);
  }
  // The audit entries of `action` about user_.
  std::int64_t audited(const std::string& action) {
    return count("audit_log WHERE action = '" + action + "' AND object_id = '" + user_id_ + "'");
  }
  // "<table> WHERE user_id = <user_'s id>" and `more` conditions.
  std::string of_user(const std::string& table, const std::string& more = "") const {
    return table + " WHERE user_id = " + user_id_ + (more.empty() ? "" : " AND " + more);
  }

  TestAgency a_;
  std::string user_;     // the user this test enrols
  std::string user_id_;  // its id, as text
};

// A server per test (see the top of the file), its users made by `hms user add` when a test needs them.
class MfaThrottleTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    HMS_REQUIRE_BACKEND(GetParam());
    server_ = std::make_unique<ServerProcess>(GetParam());
    server_->add_agency("AIS-A", "Agence A");
  }
  void TearDown() override {
    if (HasFailure() && server_) std::cerr << "---- server log (tail) ----\n" << server_->log_tail() << "\n";
  }
  ServerProcess& server() { return *server_; }
  // mfa.guess (an agency admin), mfa.staff (agency staff) or mfa.sys (a system admin).
  void add_user(const std::string& login) {
    if (login == "mfa.sys")
      server_->add_user(login, "system_admin", "", kPassword);
    else
      server_->add_user(login, login == "mfa.staff" ? "agency_staff" : "agency_admin", "AIS-A", kPassword);
  }
  HttpResult api_login(const std::string& login, const std::optional<std::string>& totp = std::nullopt) {
    return hms::test::api_login(server(), login, totp);
  }
  std::int64_t audited(const std::string& action) { return server().count("audit_log WHERE action = '" + action + "'"); }

 private:
  std::unique_ptr<ServerProcess> server_;
};

TEST_P(MfaTest, ApiEnrolmentThenLoginsWithTheTotpField) {
  auto token = server().login(user_, kPassword);  // without a second factor: contract A as it was
  EXPECT_EQ(server().request("GET", "/api/v1/me/mfa", "", bearer(token)).json()["enabled"], false);

  auto started = server().request("POST", "/api/v1/me/mfa", "{}", bearer(token));
  ASSERT_EQ(started.status, 200) << started.body;
  const std::string secret = started.json()["secret"];
  ASSERT_EQ(secret.size(), 32u) << "160 bits in base32";
  EXPECT_EQ(users::base32_decode(secret)->size(), 20u);
  EXPECT_EQ(started.json()["otpauth_uri"],
            "otpauth://totp/hms:" + user_ + "?secret=" + secret + "&issuer=hms&algorithm=SHA1&digits=6&period=30");
  // Encrypted at rest, never logged; not in force before its first code.
  EXPECT_EQ(server().count(of_user("user_mfa", "enabled = 0")), 1);
  EXPECT_EQ(server().count(of_user("user_mfa", "secret_cipher LIKE 'v2:%'")), 1) << "encrypted, bound to its row";
  EXPECT_NE(started.header("Cache-Control").find("no-store"), std::string::npos) << "the secret is never cached";
  EXPECT_EQ(server().log().find(secret), std::string::npos);
  auto before = api_login(user_);
  EXPECT_EQ(before.status, 200) << "an enrolment not confirmed changes nothing: " << before.body;

  auto wrong = server().request("POST", "/api/v1/me/mfa/confirm", json{{"code", wrong_code(secret)}}.dump(), bearer(token));
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(wrong.error_code(), "users.mfa_code_wrong");
  const std::int64_t first = now_step();
  auto confirmed =
      server().request("POST", "/api/v1/me/mfa/confirm", json{{"code", app_code(secret, first)}}.dump(), bearer(token));
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  const auto codes = confirmed.json()["recovery_codes"].get<std::vector<std::string>>();
  ASSERT_EQ(codes.size(), 10u);
  EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), 10u);
  EXPECT_EQ(server().count(of_user("user_recovery_codes", "used_at IS NULL")), 10);
  EXPECT_EQ(server().count("user_recovery_codes WHERE code_hash = '" + codes[0] + "'"), 0) << "stored hashed";
  EXPECT_EQ(audited("users.mfa_enabled"), 1);

  // Without the code, or a wrong one: 401 with a clear code, no session, no cookie.
  auto missing = api_login(user_);
  EXPECT_EQ(missing.status, 401);
  EXPECT_EQ(missing.error_code(), "users.mfa_code_required");
  EXPECT_TRUE(set_cookie_header(missing, "hms_session").empty());
  auto bad = api_login(user_, wrong_code(secret));
  EXPECT_EQ(bad.status, 401);
  EXPECT_EQ(bad.error_code(), "users.mfa_code_wrong");
  EXPECT_EQ(audited("users.mfa_failed"), 1);
  auto bad_password = server().request("POST", "/api/v1/session",
                                       json{{"login", user_}, {"password", "not the password at all"},
                                            {"totp", app_code(secret, first + 1)}}
                                           .dump());
  EXPECT_EQ(bad_password.error_code(), "users.wrong_credentials") << "the code does not replace the password";

  // The next step's code logs in (the enrolment used this step's); the same code never again.
  const std::string next = app_code(secret, first + 1);
  auto ok = api_login(user_, next);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json()["user"]["login"], user_);
  EXPECT_EQ(server().request("GET", "/api/v1/me", "", bearer(ok.json()["token"])).status, 200);
  auto replay = api_login(user_, next);
  EXPECT_EQ(replay.status, 401);
  EXPECT_EQ(replay.error_code(), "users.mfa_code_wrong") << "a code is accepted once";
  EXPECT_EQ(api_login(user_, app_code(secret, first)).error_code(), "users.mfa_code_wrong") << "an older step";

  // A recovery code instead of the app's, once; typed in lower case without dashes too.
  auto recovered = api_login(user_, codes[0]);
  EXPECT_EQ(recovered.status, 200) << recovered.body;
  EXPECT_EQ(api_login(user_, codes[0]).error_code(), "users.mfa_code_wrong") << "a recovery code is used once";
  std::string loose = codes[1];
  loose.erase(std::remove(loose.begin(), loose.end(), '-'), loose.end());
  std::transform(loose.begin(), loose.end(), loose.begin(), [](unsigned char c) { return std::tolower(c); });
  EXPECT_EQ(api_login(user_, loose).status, 200);
  EXPECT_EQ(audited("users.recovery_code_used"), 2);
  EXPECT_EQ(server().request("GET", "/api/v1/me/mfa", "", bearer(token)).json()["recovery_codes_left"], 8);

  // Off: the password and a code; then the plain login of the contract again.
  auto no_password = server().request("POST", "/api/v1/me/mfa/disable",
                                      json{{"password", "wrong password here"}, {"code", codes[2]}}.dump(), bearer(token));
  EXPECT_EQ(no_password.status, 422);
  EXPECT_EQ(no_password.error_code(), "users.wrong_current_password");
  auto no_code = server().request("POST", "/api/v1/me/mfa/disable",
                                  json{{"password", kPassword}, {"code", wrong_code(secret)}}.dump(), bearer(token));
  EXPECT_EQ(no_code.status, 422);
  EXPECT_EQ(no_code.error_code(), "users.mfa_code_wrong");
  auto off = server().request("POST", "/api/v1/me/mfa/disable", json{{"password", kPassword}, {"code", codes[2]}}.dump(),
                              bearer(token));
  EXPECT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(audited("users.mfa_disabled"), 1);
  EXPECT_EQ(server().count(of_user("user_mfa")), 0);
  EXPECT_EQ(server().count(of_user("user_recovery_codes")), 0);
  EXPECT_EQ(api_login(user_).status, 200);
  EXPECT_EQ(server().log().find(secret), std::string::npos) << "the secret is never logged";
  // Nor in the audit log's values, nor any code typed (the entries name the user only).
  for (const std::string& value : {secret, next, codes[0], codes[1], codes[2]})
    EXPECT_EQ(server().count("audit_log WHERE details LIKE '%" + value + "%' OR object_id LIKE '%" + value +
                             "%' OR actor_login LIKE '%" + value + "%' OR request_id LIKE '%" + value + "%'"),
              0)
        << value;
  for (const auto& code : codes) EXPECT_EQ(server().log().find(code), std::string::npos) << "a recovery code logged";
}

TEST_P(MfaTest, PagesEnrolThenTheLoginAsksForTheCode) {
  Browser browser(server());
  ASSERT_EQ(browser.log_in(user_, kPassword).header("Location"), "/");
  auto account = browser.get("/account");
  EXPECT_NE(account.body.find("action=\"/account/mfa\""), std::string::npos) << "the account page offers it";

  auto start = browser.post("/account/mfa", "");
  ASSERT_EQ(start.status, 303) << start.body;
  EXPECT_EQ(start.header("Location"), "/account/mfa");
  auto enrol = browser.get("/account/mfa");
  ASSERT_EQ(enrol.status, 200);
  EXPECT_NE(enrol.header("Cache-Control").find("no-store"), std::string::npos) << "the QR page is never cached";
  const std::string secret = secret_on_page(enrol.body);
  ASSERT_EQ(secret.size(), 32u) << "the secret as text";
  EXPECT_NE(enrol.body.find("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\""), std::string::npos)
      << "the QR code, inline";
  EXPECT_EQ(enrol.body.find("otpauth://"), std::string::npos) << "the URI is only inside the QR code";
  EXPECT_EQ(enrol.body.find("<script>"), std::string::npos) << "no inline script";

  auto wrong = browser.post("/account/mfa/confirm", "code=" + wrong_code(secret));
  EXPECT_EQ(wrong.status, 422);
  const std::int64_t first = now_step();
  auto done = browser.post("/account/mfa/confirm", "code=" + app_code(secret, first));
  ASSERT_EQ(done.status, 200) << done.body.substr(0, 500);
  const auto codes = recovery_codes_on_page(done.body);
  EXPECT_EQ(codes.size(), 10u) << "the recovery codes, shown once";
  EXPECT_NE(done.header("Cache-Control").find("no-store"), std::string::npos) << "the codes' page is never cached";
  EXPECT_TRUE(recovery_codes_on_page(browser.get("/account").body).empty());

  // The next login: the password opens no session, only a pending login waiting for the code.
  Browser next(server());
  auto password = next.log_in(user_, kPassword);
  ASSERT_EQ(password.status, 303);
  EXPECT_EQ(password.header("Location"), "/login/code");
  EXPECT_FALSE(next.cookie("hms_session")) << "never a session before the code";
  ASSERT_TRUE(next.cookie("hms_login_pending"));
  EXPECT_NE(set_cookie_header(password, "hms_login_pending").find("HttpOnly"), std::string::npos);
  EXPECT_EQ(next.get("/").header("Location"), "/login") << "the pending login is no session";
  EXPECT_EQ(server().request("GET", "/api/v1/me", "", bearer(*next.cookie("hms_login_pending"))).status, 401);
  EXPECT_EQ(server().request("GET", "/api/v1/me", "", {{"Cookie", "hms_session=" + *next.cookie("hms_login_pending")}})
                .status,
            401);

  auto page = next.get("/login/code");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("name=\"code\""), std::string::npos);
  auto refused = next.post("/login/code", "code=" + wrong_code(secret));
  EXPECT_EQ(refused.status, 401);
  EXPECT_FALSE(next.cookie("hms_session"));
  const std::string code = app_code(secret, first + 1);
  auto in = next.post("/login/code", "code=" + code);
  ASSERT_EQ(in.status, 303) << in.body.substr(0, 500);
  EXPECT_EQ(in.header("Location"), "/");
  ASSERT_TRUE(next.cookie("hms_session"));
  EXPECT_FALSE(next.cookie("hms_login_pending")) << "the pending login's cookie is cleared";
  EXPECT_EQ(next.get("/").status, 200);
  EXPECT_EQ(server().count(of_user("pending_logins")), 0) << "a pending login is used once";

  // The same code again, through another login: refused. A recovery code: accepted once.
  Browser replay(server());
  replay.log_in(user_, kPassword);
  EXPECT_EQ(replay.post("/login/code", "code=" + code).status, 401) << "a code is accepted once";
  auto recovered = replay.post("/login/code", "code=" + codes[0]);
  EXPECT_EQ(recovered.status, 303);
  EXPECT_TRUE(replay.cookie("hms_session"));
  Browser again(server());
  again.log_in(user_, kPassword);
  EXPECT_EQ(again.post("/login/code", "code=" + codes[0]).status, 401) << "a recovery code is used once";

  // Off, from the account page: the password and a code.
  auto off = browser.post("/account/mfa/disable", "password=" + enc(kPassword) + "&code=" + codes[1]);
  EXPECT_EQ(off.status, 303) << off.body.substr(0, 500);
  EXPECT_EQ(off.header("Location"), "/account?mfa=off");
  Browser plain(server());
  EXPECT_EQ(plain.log_in(user_, kPassword).header("Location"), "/");
}

TEST_P(MfaThrottleTest, WrongCodesAreThrottledLikePasswordsAndEndThePendingLogin) {
  add_user("mfa.guess");
  server().start();
  const auto [secret, first, codes] = enrol_by_api(server(), "mfa.guess");
  ASSERT_FALSE(secret.empty());
  Browser guesser(server());
  ASSERT_EQ(guesser.log_in("mfa.guess", kPassword).header("Location"), "/login/code");
  for (int i = 1; i < 5; ++i) {
    auto r = guesser.post("/login/code", "code=" + wrong_code(secret));
    EXPECT_EQ(r.status, 401) << i;
  }
  auto fifth = guesser.post("/login/code", "code=" + wrong_code(secret));
  EXPECT_EQ(fifth.status, 401);
  EXPECT_EQ(fifth.body.find("action=\"/login/code\""), std::string::npos) << "after 5 wrong codes: no more code form";
  EXPECT_NE(fifth.body.find("href=\"/login\""), std::string::npos) << "but the way back to the password";
  EXPECT_FALSE(guesser.cookie("hms_login_pending"));
  EXPECT_EQ(server().count("pending_logins"), 0);
  EXPECT_EQ(guesser.post("/login/code", "code=" + app_code(secret, first + 1)).status, 401)
      << "the right code no longer helps that pending login";
  // The wrong codes counted in the login's throttle: the password form now waits too.
  Browser next(server());
  auto throttled = next.log_in("mfa.guess", kPassword);
  EXPECT_EQ(throttled.status, 429) << throttled.body.substr(0, 300);
  EXPECT_FALSE(next.cookie("hms_login_pending"));
  EXPECT_EQ(audited("users.mfa_failed"), 5);
}

// A right password between wrong codes resets nothing: it forgives its own attempt only, so
// the codes' failures add up across pending logins until the throttle answers first.
TEST_P(MfaThrottleTest, ARightPasswordDoesNotResetTheWrongCodesCount) {
  add_user("mfa.guess");
  server().start();
  const auto [secret, first, codes] = enrol_by_api(server(), "mfa.guess");
  ASSERT_FALSE(secret.empty());
  Browser one(server());
  ASSERT_EQ(one.log_in("mfa.guess", kPassword).header("Location"), "/login/code");
  for (int i = 0; i < 3; ++i) EXPECT_EQ(one.post("/login/code", "code=" + wrong_code(secret)).status, 401) << i;
  Browser two(server());
  ASSERT_EQ(two.log_in("mfa.guess", kPassword).header("Location"), "/login/code") << "a right password: a new pending login";
  EXPECT_EQ(two.post("/login/code", "code=" + wrong_code(secret)).status, 401);
  align_to_second();
  EXPECT_EQ(two.post("/login/code", "code=" + wrong_code(secret)).status, 401);  // the 5th wrong code
  auto held = two.post("/login/code", "code=" + app_code(secret, first + 1));
  EXPECT_EQ(held.status, 429) << "even the right code waits: " << held.body.substr(0, 300);
  EXPECT_FALSE(two.cookie("hms_session"));
  EXPECT_EQ(audited("users.mfa_failed"), 5);
}

// Before: a code was checked against a throttle read without counting, and counted only once
// found wrong, so codes sent at once (the password already given) were checked side by side.
// Six pending logins take 30 codes before they end: only the throttle holds the burst.
TEST_P(MfaThrottleTest, ParallelCodesAreCountedBeforeTheyAreChecked) {
  add_user("mfa.guess");
  server().start();
  const auto [secret, first, codes] = enrol_by_api(server(), "mfa.guess");
  ASSERT_FALSE(secret.empty());
  std::vector<std::pair<Headers, std::string>> pending;  // cookies, CSRF token
  for (int i = 0; i < 6; ++i) {
    Browser b(server());
    ASSERT_EQ(b.log_in("mfa.guess", kPassword).header("Location"), "/login/code");
    b.get("/login/code");
    const std::string csrf = b.cookie("hms_login_csrf").value_or("");
    pending.push_back({{{"Cookie", "hms_login_pending=" + b.cookie("hms_login_pending").value_or("") +
                                       "; hms_login_csrf=" + csrf}},
                       csrf});
  }
  align_to_second();
  std::atomic<int> refused{0}, wrong{0}, other{0};
  std::vector<std::thread> guesses;
  for (int i = 0; i < 24; ++i)
    guesses.emplace_back([&, i] {
      const auto& [cookies, csrf] = pending[i % pending.size()];
      const std::string form = "code=" + wrong_code(secret) + "&csrf_token=" + csrf;
      auto r = server().request("POST", "/login/code", form, cookies, form_type());
      for (int retry = 0; r.status == 0 && retry < 3; ++retry) r = server().request("POST", "/login/code", form, cookies, form_type());
      (r.status == 429 ? refused : r.status == 401 ? wrong : other)++;
    });
  for (auto& g : guesses) g.join();
  EXPECT_EQ(other.load(), 0);
  // The 5 free failures; a 6th only if the server's clock turned a second during the burst.
  EXPECT_LE(audited("users.mfa_failed"), 6) << audited("users.mfa_failed") << " of 24 parallel codes were checked";
  EXPECT_EQ(audited("users.mfa_failed"), wrong.load());
}

TEST_P(MfaThrottleTest, RequiredForAdminsSendsThemToEnrolmentFirst) {
  add_user("mfa.staff");
  add_user("mfa.sys");
  server().start({"--require-mfa"});
  // Agency staff are not concerned; the contract's login is unchanged for them.
  EXPECT_EQ(api_login("mfa.staff").status, 200);
  auto api = api_login("mfa.sys");
  EXPECT_EQ(api.status, 401);
  EXPECT_EQ(api.error_code(), "users.mfa_enrolment_required");
  EXPECT_TRUE(set_cookie_header(api, "hms_session").empty());

  Browser admin(server());
  auto password = admin.log_in("mfa.sys", kPassword);
  ASSERT_EQ(password.status, 303);
  EXPECT_EQ(password.header("Location"), "/login/enrol");
  EXPECT_FALSE(admin.cookie("hms_session")) << "nothing else until enrolled";
  EXPECT_EQ(admin.get("/").header("Location"), "/login");
  EXPECT_EQ(admin.get("/users").header("Location"), "/login");
  auto page = admin.get("/login/enrol");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.header("Cache-Control").find("no-store"), std::string::npos) << "the QR page is never cached";
  const std::string secret = secret_on_page(page.body);
  ASSERT_EQ(secret.size(), 32u);
  EXPECT_NE(page.body.find("class=\"qr\""), std::string::npos);
  EXPECT_EQ(admin.post("/login/enrol", "code=" + wrong_code(secret)).status, 422);
  EXPECT_FALSE(admin.cookie("hms_session"));
  const std::int64_t first = now_step();
  auto done = admin.post("/login/enrol", "code=" + app_code(secret, first));
  ASSERT_EQ(done.status, 200) << done.body.substr(0, 500);
  EXPECT_EQ(recovery_codes_on_page(done.body).size(), 10u);
  EXPECT_NE(done.header("Cache-Control").find("no-store"), std::string::npos) << "the codes' page is never cached";
  ASSERT_TRUE(admin.cookie("hms_session")) << "enrolled: now a session";
  EXPECT_EQ(admin.get("/").status, 200);
  auto status = server().request("GET", "/api/v1/me/mfa", "", {{"Cookie", "hms_session=" + *admin.cookie("hms_session")}});
  EXPECT_EQ(status.json()["enabled"], true);
  EXPECT_EQ(status.json()["required"], true);
  auto off = admin.post("/account/mfa/disable", "password=" + enc(kPassword) + "&code=" + app_code(secret, first + 1));
  EXPECT_EQ(off.status, 422) << "required: it cannot be turned off";
  EXPECT_EQ(audited("users.mfa_enabled"), 1);
  // From now on, the API login of this admin takes the code.
  EXPECT_EQ(api_login("mfa.sys").error_code(), "users.mfa_code_required");
  EXPECT_EQ(api_login("mfa.sys", app_code(secret, first + 1)).status, 200);
}

HMS_INSTANTIATE_BACKENDS(MfaTest);
HMS_INSTANTIATE_BACKENDS(MfaThrottleTest);

}  // namespace
}  // namespace hms::test
