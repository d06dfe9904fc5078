// Regression tests of the security review's findings on the HTTP server (issue 8, B2–B5),
// each against a real `hms serve`, most through a raw socket so that the client does exactly
// what an attacker's would:
//   B2 a body refused (413) before it is read, a chunked one cut at the limit; a client sending
//      its headers a byte a second closed at the deadline; a full queue answered 503 at once;
//   B3 an API body that is not JSON refused (415: the login CSRF of a cross-site text/plain
//      form); a state change from another site refused (403), a bearer token unaffected;
//   B5 the language switch redirects only to a path of this site; no header carries a control
//      character.
// The throttling findings (B4) are in security_test.cpp with the other throttle tests.
// These run on SQLite: what they test happens before any database work.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <thread>

#include "common/text.hpp"
#include "support/server_process.hpp"

namespace hms::test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

// A TCP connection to the server that sends and reads exactly what the test says.
class RawConnection {
 public:
  explicit RawConnection(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) throw std::runtime_error("cannot connect");
  }
  ~RawConnection() { ::close(fd_); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // False once the server has closed the connection (or reset it).
  bool send(std::string_view data) {
    while (!data.empty()) {
      auto n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }
  // What arrives within `timeout` until the server closes; stops early at a whole response
  // (headers and Content-Length bytes of body).
  std::string receive(std::chrono::milliseconds timeout = 5000ms) {
    std::string got;
    const auto until = Clock::now() + timeout;
    while (Clock::now() < until && !whole_response(got)) {
      pollfd p{fd_, POLLIN, 0};
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
      if (::poll(&p, 1, static_cast<int>(std::max<long>(left.count(), 0))) <= 0) break;
      char buffer[4096];
      auto n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      got.append(buffer, static_cast<std::size_t>(n));
    }
    return got;
  }
  // Waits up to `timeout` for the server to close the connection; answers when it did.
  std::optional<Clock::time_point> closed_within(std::chrono::milliseconds timeout) {
    const auto until = Clock::now() + timeout;
    while (Clock::now() < until) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 100) > 0) {
        char buffer[4096];
        if (::recv(fd_, buffer, sizeof buffer, MSG_DONTWAIT) <= 0) return Clock::now();
      }
    }
    return std::nullopt;
  }

 private:
  static bool whole_response(const std::string& r) {
    auto end = r.find("\r\n\r\n");
    if (end == std::string::npos) return false;
    auto at = r.find("Content-Length: ");
    if (at == std::string::npos || at > end) return false;
    return r.size() >= end + 4 + std::stoul(r.substr(at + 16));
  }
  int fd_ = -1;
};

int status_of(const std::string& response) {
  return response.rfind("HTTP/1.1 ", 0) == 0 ? std::stoi(response.substr(9, 3)) : 0;
}
json body_of(const std::string& response) {
  auto end = response.find("\r\n\r\n");
  return end == std::string::npos ? json() : json::parse(response.substr(end + 4), nullptr, false);
}

std::string form(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields) out += (out.empty() ? "" : "&") + k + "=" + httplib::detail::encode_query_param(v);
  return out;
}

constexpr const char* kPassword = "lantern harbour meadow 41";

class HttpHardeningTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess(db::Backend::sqlite);
    server_->add_agency("AIS-A", "Agence A");
    server_->add_user("admin.a", "agency_admin", "AIS-A", kPassword);
    server_->add_user("sysadmin", "system_admin", "", kPassword);
    server_->start();
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void TearDown() override {
    if (HasFailure()) std::cerr << "---- server log (tail) ----\n" << server_->log_tail() << "\n";
  }
  static ServerProcess& server() { return *server_; }
  static std::string host() { return "127.0.0.1:" + std::to_string(server_->port()); }
  static ServerProcess* server_;
};
ServerProcess* HttpHardeningTest::server_ = nullptr;

// ---- B2: request bodies ---------------------------------------------------------------------

// Before: the server read (and held in memory) up to 64 MiB of any request, then answered.
TEST_F(HttpHardeningTest, ABodyDeclaredOverTheLimitIs413BeforeAByteOfItIsSent) {
  struct Case {
    std::string path;
    std::size_t length;
  };
  for (const Case& c : {Case{"/api/v1/session", 1024 * 1024 + 1}, Case{"/dwellings", 50u * 1024 * 1024},
                        Case{"/import", 30u * 1024 * 1024}, Case{"/no/such/route", 2u * 1024 * 1024}}) {
    RawConnection conn(server().port());
    ASSERT_TRUE(conn.send("POST " + c.path + " HTTP/1.1\r\nHost: " + host() +
                          "\r\nAccept-Language: en\r\nContent-Type: application/json\r\nContent-Length: " +
                          std::to_string(c.length) + "\r\n\r\n"));
    const auto response = conn.receive(3000ms);  // the body is never sent: the answer comes anyway
    EXPECT_EQ(status_of(response), 413) << c.path << ": " << response.substr(0, 300);
    if (c.path.rfind("/api/", 0) == 0) {
      EXPECT_EQ(body_of(response)["error"]["code"], "common.payload_too_large") << response;
      EXPECT_NE(body_of(response)["error"]["message"].get<std::string>().find("1 MB"), std::string::npos);
    }
    EXPECT_NE(response.find("X-Content-Type-Options: nosniff"), std::string::npos) << "security headers on a 413";
    EXPECT_TRUE(conn.closed_within(3000ms)) << "the connection stays open after a refused body: " << c.path;
  }
  // The same for a client that waits for "100 Continue" before sending the body (curl does).
  RawConnection conn(server().port());
  ASSERT_TRUE(conn.send("POST /api/v1/session HTTP/1.1\r\nHost: " + host() +
                        "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: 5000000\r\n\r\n"));
  auto response = conn.receive(3000ms);
  EXPECT_EQ(status_of(response), 413) << response.substr(0, 300);
  EXPECT_EQ(response.find("100 Continue"), std::string::npos);
}

// Before: a chunked body had no limit at all (cpp-httplib 0.11 buffers it whole).
TEST_F(HttpHardeningTest, AChunkedBodyIsCutAndRefusedAtTheLimit) {
  RawConnection conn(server().port());
  ASSERT_TRUE(conn.send("POST /api/v1/session HTTP/1.1\r\nHost: " + host() +
                        "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"));
  const std::string chunk = "10000\r\n" + std::string(0x10000, ' ') + "\r\n";  // 64 KiB each
  int sent = 0;
  for (; sent < 64 && conn.send(chunk); ++sent) {  // 4 MiB, unless the server closes first
  }
  conn.send("0\r\n\r\n");
  const auto response = conn.receive(5000ms);
  EXPECT_EQ(status_of(response), 413) << "after " << sent << " chunks: " << response.substr(0, 300);
  EXPECT_EQ(body_of(response)["error"]["code"], "common.payload_too_large") << response;
}

TEST_F(HttpHardeningTest, BodiesUpToTheirRoutesLimitAreRead) {
  // 1 MiB of JSON on an API route: read, then refused for what it says (not its size).
  json body = {{"login", "admin.a"}, {"password", std::string(1024 * 1024 - 40, 'x')}};
  auto text = body.dump();
  ASSERT_LE(text.size(), 1024u * 1024u);
  auto r = server().request("POST", "/api/v1/session", text);
  EXPECT_EQ(r.status, 401) << r.body.substr(0, 200);
  // 5 MiB on the import upload: read (then, without a session, the way to the login page).
  const std::string boundary = "hmsboundary";
  std::string multipart = "--" + boundary +
                          "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"stock.csv\"\r\n"
                          "Content-Type: text/csv\r\n\r\n" +
                          std::string(5 * 1024 * 1024, 'a') + "\r\n--" + boundary + "--\r\n";
  auto upload = server().request("POST", "/import", multipart, {}, "multipart/form-data; boundary=" + boundary);
  EXPECT_EQ(upload.status, 303) << upload.body.substr(0, 200);
  EXPECT_EQ(upload.header("Location"), "/login");
}

// ---- B2: a deadline for the headers (slowloris) ---------------------------------------------

// Before: each byte reset a 30 s read timeout, so a byte a second held a thread for ever.
TEST_F(HttpHardeningTest, HeadersSentAByteASecondAreClosedAtTheDeadline) {
  RawConnection conn(server().port());
  const auto started = Clock::now();
  ASSERT_TRUE(conn.send("GET /healthz HTTP/1.1\r\nHost: " + host() + "\r\nX-Slow: "));
  std::optional<Clock::time_point> closed;
  for (int i = 0; i < 16 && !closed; ++i) {
    if (!conn.send("a")) break;
    closed = conn.closed_within(1000ms);
  }
  if (!closed) closed = conn.closed_within(1000ms);
  ASSERT_TRUE(closed) << "still open after 16 s of a header byte a second";
  const auto seconds = std::chrono::duration<double>(*closed - started).count();
  EXPECT_GE(seconds, 9.0);
  EXPECT_LE(seconds, 12.0);
  EXPECT_EQ(server().request("GET", "/healthz").status, 200);
}

// ---- B2: a bounded queue --------------------------------------------------------------------

// Before: the queue of accepted connections had no bound; 2 threads held by idle connections
// left every other client waiting 30 s or more.
TEST(HttpQueueTest, AFullQueueIsAnswered503AtOnce) {
  // A server of its own, not HttpHardeningTest's: it runs with --threads 2 and is filled up.
  ServerProcess server(db::Backend::sqlite);
  server.start({"--threads", "2"});  // so 2 × 4 = 8 connections may wait
  // Idle connections until the server says it is full: 2 held by the threads, 8 waiting, then
  // a 503. Opened one by one and each given time to be taken, so that a loaded machine where
  // the threads start late does not leave room in the queue behind the first 503.
  std::vector<std::unique_ptr<RawConnection>> idle;
  bool full = false;
  while (!full && idle.size() < 16) {
    idle.push_back(std::make_unique<RawConnection>(server.port()));
    full = status_of(idle.back()->receive(300ms)) == 503;
  }
  ASSERT_TRUE(full) << idle.size() << " idle connections and no 503\n" << server.log_tail();
  EXPECT_LE(idle.size(), 11u) << "more than 2 threads + 8 waiting connections were taken";
  RawConnection late(server.port());
  const auto asked = Clock::now();
  ASSERT_TRUE(late.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n") || true);
  const auto response = late.receive(3000ms);
  const auto waited = std::chrono::duration<double>(Clock::now() - asked).count();
  EXPECT_EQ(status_of(response), 503) << response.substr(0, 300) << "\n" << server.log_tail();
  EXPECT_NE(response.find("Retry-After: 1"), std::string::npos) << response;
  EXPECT_EQ(body_of(response)["error"]["code"], "common.server_busy");
  EXPECT_LT(waited, 1.0);
  // Once the idle connections are gone, the server answers again.
  idle.clear();
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(server.request("GET", "/healthz").status, 200);
}

// ---- B3: login CSRF through the API ----------------------------------------------------------

// Before: a cross-site form (text/plain, no preflight) logged the victim's browser into the
// attacker's account through POST /api/v1/session.
TEST_F(HttpHardeningTest, AnApiBodyThatIsNotJsonIs415) {
  const std::string login = json{{"login", "admin.a"}, {"password", kPassword}}.dump();
  for (const char* type : {"text/plain", "application/x-www-form-urlencoded", "application/jsonp", ""}) {
    auto r = server().request("POST", "/api/v1/session?lang=en", login, {{"Content-Type", type}});
    EXPECT_EQ(r.status, 415) << type << ": " << r.body;
    EXPECT_EQ(r.error_code(), "common.unsupported_media_type") << type;
    EXPECT_NE(r.json()["error"]["message"].get<std::string>().find("JSON"), std::string::npos);
    EXPECT_TRUE(set_cookie_header(r, "hms_session").empty()) << "logged in with " << type;
  }
  for (const char* type : {"application/json", "application/json; charset=utf-8", "Application/JSON"}) {
    auto r = server().request("POST", "/api/v1/session", login, {{"Content-Type", type}});
    EXPECT_EQ(r.status, 200) << type << ": " << r.body;
  }
  // Every language has the message.
  for (const char* lang : {"fr", "nl"}) {
    auto r = server().request("POST", std::string("/api/v1/session?lang=") + lang, login, {{"Content-Type", "text/plain"}});
    EXPECT_EQ(r.status, 415);
    EXPECT_NE(r.json()["error"]["message"].get<std::string>(), "common.unsupported_media_type");
  }
  // A body-less state change needs no type; a bearer token changes nothing to the rule.
  const auto token = server().login("admin.a", kPassword);
  EXPECT_EQ(server().request("POST", "/api/v1/dwellings", R"({"reference":"X"})", bearer(token), "text/plain").status, 415);
  EXPECT_EQ(server().request("DELETE", "/api/v1/session", "", bearer(token)).status, 200);
}

// Before: with a valid CSRF token (a page of another site can read none, but an XSS on a
// sibling site or a leaked token could), any site could make the browser change things.
TEST_F(HttpHardeningTest, AStateChangeFromAnotherSiteIs403) {
  const auto session = server().cookie_login("sysadmin", kPassword);
  auto with = [&](Headers extra) {
    Headers h = session.headers(true);
    h.insert(h.end(), extra.begin(), extra.end());
    return h;
  };
  int made = 0;
  auto create = [&](const Headers& h) {
    return server().request("POST", "/api/v1/agencies",
                            json{{"code", "ORIGIN-" + std::to_string(++made)}, {"name", "Origin test"}}.dump(), h);
  };
  for (const Headers& foreign : {Headers{{"Origin", "https://evil.example"}},
                                 Headers{{"Origin", "http://127.0.0.1:1"}},
                                 Headers{{"Origin", "null"}},
                                 Headers{{"Sec-Fetch-Site", "cross-site"}},
                                 Headers{{"Sec-Fetch-Site", "same-site"}},
                                 Headers{{"Sec-Fetch-Site", "cross-site"}, {"Origin", "http://" + host()}}}) {
    auto r = create(with(foreign));
    EXPECT_EQ(r.status, 403) << foreign.front().first << ": " << foreign.front().second << " " << r.body;
    EXPECT_EQ(r.error_code(), "common.csrf_failed");
  }
  EXPECT_EQ(server().count("agencies WHERE name = 'Origin test'"), 0);
  // This site, as a browser says it; or no word at all (not a browser).
  for (const Headers& own : {Headers{{"Origin", "http://" + host()}}, Headers{{"Sec-Fetch-Site", "same-origin"}},
                             Headers{{"Sec-Fetch-Site", "none"}}, Headers{}}) {
    auto r = create(with(own));
    EXPECT_EQ(r.status, 201) << (own.empty() ? "no header" : own.front().second) << ": " << r.body;
  }
  // The login form and the API login from another site: refused (login CSRF).
  auto api_login = server().request("POST", "/api/v1/session", json{{"login", "admin.a"}, {"password", kPassword}}.dump(),
                                    {{"Origin", "https://evil.example"}});
  EXPECT_EQ(api_login.status, 403) << api_login.body;
  EXPECT_TRUE(set_cookie_header(api_login, "hms_session").empty());
  auto form_login = server().request("POST", "/login", form({{"login", "admin.a"}, {"password", kPassword}}),
                                     {{"Sec-Fetch-Site", "cross-site"}}, "application/x-www-form-urlencoded");
  EXPECT_EQ(form_login.status, 403);
  EXPECT_TRUE(set_cookie_header(form_login, "hms_session").empty());
  // A bearer token is not sent by a browser on its own: unaffected.
  const auto token = server().login("sysadmin", kPassword);
  Headers by_token = bearer(token);
  by_token.emplace_back("Origin", "https://evil.example");
  EXPECT_EQ(create(by_token).status, 201);
}

// ---- B5: open redirect and header values ----------------------------------------------------

// Before: "/\t/evil.example" was sent as Location, which a browser reads as //evil.example.
TEST_F(HttpHardeningTest, TheLanguageSwitchRedirectsOnlyToAPathOfThisSite) {
  const auto session = server().cookie_login("admin.a", kPassword);
  auto switch_to = [&](const std::string& back) {
    return server().request("POST", "/account/language",
                            form({{"language", "en"}, {"back", back}, {"csrf_token", session.csrf}}),
                            session.headers(false), "application/x-www-form-urlencoded");
  };
  using namespace std::string_literals;
  for (const std::string& back : {"/\t/evil.example"s, "//evil.example"s, "/\\evil.example"s, "\\\\evil.example"s,
                                  "https://evil.example/"s, "evil.example"s, "/\r\nSet-Cookie: hms_session=x"s,
                                  "/\n/evil.example"s, "/\0/evil.example"s, "/\x7f/evil.example"s, ""s}) {
    auto r = switch_to(back);
    EXPECT_EQ(r.status, 303) << json(back).dump();
    EXPECT_EQ(r.header("Location"), "/") << json(back).dump();
    for (const auto& [name, value] : r.headers)
      EXPECT_FALSE(has_control_character(value)) << name << " for " << json(back).dump();
  }
  for (const std::string& back : {"/"s, "/dwellings?q=rue&page=2"s, "/calculators/indexation?rent=650"s}) {
    EXPECT_EQ(switch_to(back).header("Location"), back);
  }
}

}  // namespace
}  // namespace hms::test
