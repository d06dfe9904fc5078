// The real `hms` program driven from a test: run a command and capture what it prints
// (run_hms), or serve a fresh database on a free port for HTTP tests (ServerProcess):
//   hms::test::ServerProcess server(hms::db::Backend::sqlite);
//   server.add_agency("AIS-A", "Agency A");
//   server.add_user("admin.a", "agency_admin", "AIS-A", "a long enough passphrase");
//   server.start();                                     // hms serve, then waits for GET /healthz
//   auto token = server.login("admin.a", "a long enough passphrase");
//   auto r = server.request("GET", "/api/v1/me", "", bearer(token));
// The server's stdout and stderr go to a file (log()), printed by a failing test.
#pragma once
#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "support/test_database.hpp"

namespace hms::test {

// What a finished command printed and how it ended.
struct CommandResult {
  int exit_code = -1;  // the process's exit status; 128 + N when killed by signal N
  std::string out;
  std::string err;
  long peak_rss_kb = 0;  // the process's peak resident memory in KiB (wait4's ru_maxrss)
};

// Runs HMS_BINARY with `args`, writing `input` to its standard input. The environment is the
// test's, with HMS_LANG and LANG replaced by `env` entries when given (by default HMS_LANG=en,
// so that messages are English). Never throws for a non-zero exit; throws if it cannot start.
CommandResult run_hms(const std::vector<std::string>& args, const std::string& input = "",
                      const std::map<std::string, std::string>& env = {{"HMS_LANG", "en"}});

// The same, killed with SIGKILL (kill -9) once `delay` has passed since it started, unless it
// ended before: exit_code 137 when it was killed. For the fault tests (a command cut anywhere
// must leave all of its work or none).
CommandResult run_hms_killed_after(const std::vector<std::string>& args, std::chrono::microseconds delay);

// A port nobody listens on right now (bound to port 0, then released).
int free_port();

// One HTTP exchange, as the tests look at it.
struct HttpResult {
  int status = 0;  // 0: no answer (connection refused, timeout)
  std::string body;
  httplib::Headers headers;

  std::string header(const std::string& name) const;            // "" if absent (first one)
  std::vector<std::string> headers_named(const std::string& name) const;
  nlohmann::json json() const;  // the body parsed; a JSON null if it is not JSON
  std::string error_code() const;  // json()["error"]["code"] or ""
  std::string draft_location;      // ServerProcess::submit: the ?draft= address followed, else ""
};

using Headers = std::vector<std::pair<std::string, std::string>>;

// A multipart/form-data body as a browser sends a form with a file: the text fields, then the
// file (field name, file name, bytes). `type` is the Content-Type to send it with.
struct Multipart {
  std::string body;
  std::string type;
};
inline Multipart multipart(const std::vector<std::pair<std::string, std::string>>& fields, const std::string& file_field,
                           const std::string& file_name, const std::string& bytes) {
  const std::string boundary = "----hmsTestBoundary7MA4YWxkTrZu0gW";
  Multipart m;
  for (const auto& [k, v] : fields)
    m.body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n";
  m.body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file_field + "\"; filename=\"" + file_name +
            "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bytes + "\r\n--" + boundary + "--\r\n";
  m.type = "multipart/form-data; boundary=" + boundary;
  return m;
}
inline Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

// A logged-in browser: the session cookie's value and the page's CSRF token.
struct CookieSession {
  std::string cookie;  // value of hms_session
  std::string csrf;    // csrf_token of GET /api/v1/me
  Headers headers(bool with_csrf) const;  // Cookie (and X-CSRF-Token)
};

// `hms serve` over a fresh database of one backend. Construction creates the database and
// runs `hms init`; add agencies and users, then start(). The destructor stops the server
// (SIGTERM, then waits; SIGKILL after 10 s) and drops the database.
class ServerProcess {
 public:
  explicit ServerProcess(hms::db::Backend backend);
  // A second `hms serve` on the database of `first` (several servers on one database, issue
  // 14.3): it makes and drops nothing; destroy it before `first`.
  struct SameDatabase {};
  ServerProcess(const ServerProcess& first, SameDatabase);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Seeding through the real CLI; throws std::runtime_error (with stderr) if it fails.
  void add_agency(const std::string& code, const std::string& name);
  // Answers the new user's id.
  std::int64_t add_user(const std::string& login, const std::string& role, const std::string& agency,
                        const std::string& password, const std::string& name = "");

  // hms serve (with `extra_args`, e.g. {"--trusted-proxy", "127.0.0.1"}); throws
  // std::runtime_error (with the log) if /healthz does not answer in 15 s.
  void start(const std::vector<std::string>& extra_args = {});
  void stop();
  // kill -9: no chance to finish a request or close the database (the fault tests).
  void kill_hard();
  bool running() const { return pid_ > 0; }

  int port() const { return port_; }
  const std::string& db_url() const { return url_; }
  hms::db::Database& db() { return *db_; }
  // A count from the server's database: SELECT COUNT(*) FROM <from_where>.
  std::int64_t count(const std::string& from_where);
  std::string log() const;  // the server's stdout and stderr so far
  long peak_rss_kb() const;  // the running server's peak resident memory in KiB (VmHWM); 0 if stopped
  std::string log_tail(std::size_t max_lines = 80) const;

  HttpResult request(const std::string& method, const std::string& path, const std::string& body = "",
                     const Headers& headers = {}, const std::string& content_type = "application/json") const;
  // A page form posted as a browser does (issue 15.7): a refused one answers 303 to the form's
  // page with ?draft=…, which is followed (GET, same headers) as the browser would; any other
  // answer comes back as it is. The answer's `drafted` says whether it came through a draft.
  HttpResult submit(const std::string& path, const std::string& body, const Headers& headers,
                    const std::string& content_type = "application/x-www-form-urlencoded") const;
  // POST /api/v1/session; throws std::runtime_error unless it answers 200.
  std::string login(const std::string& login, const std::string& password) const;
  CookieSession cookie_login(const std::string& login, const std::string& password) const;

 private:
  TestDatabase database_;                // the first server's own; empty for a second
  std::string url_;
  std::shared_ptr<hms::db::Database> db_;
  std::filesystem::path dir_;  // holds server.log
  int port_ = 0;
  int pid_ = 0;
};

// The value of cookie `name` in the Set-Cookie headers of a response, if set.
std::optional<std::string> set_cookie_value(const HttpResult& r, const std::string& name);
// The whole Set-Cookie header that sets `name`, or "".
std::string set_cookie_header(const HttpResult& r, const std::string& name);

}  // namespace hms::test
