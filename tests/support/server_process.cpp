#include "support/server_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <thread>

#ifndef HMS_BINARY
#error "HMS_BINARY must be defined (tests/CMakeLists.txt)"
#endif

extern char** environ;

namespace hms::test {
namespace {

std::filesystem::path make_dir(const char* prefix) {
  std::string pattern = (std::filesystem::temp_directory_path() / (std::string(prefix) + "XXXXXX")).string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::system_error(errno, std::generic_category(), "mkdtemp");
  return pattern;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

int open_or_throw(const std::filesystem::path& path, int flags) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC, 0600);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "open " + path.string());
  return fd;
}

// fork + exec of HMS_BINARY with the given standard streams (closed in the parent after).
int spawn(const std::vector<std::string>& args, const std::map<std::string, std::string>& env, int in, int out,
          int err) {
  std::vector<std::string> argv_s{HMS_BINARY};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<std::string> env_s;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string_view kv(*e);
    std::string name(kv.substr(0, kv.find('=')));
    if (name == "HMS_LANG" || name == "LANG" || name == "LC_ALL" || env.contains(name)) continue;
    env_s.emplace_back(kv);
  }
  for (const auto& [k, v] : env) env_s.push_back(k + "=" + v);
  std::vector<char*> argv, envp;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : env_s) envp.push_back(e.data());
  envp.push_back(nullptr);

  pid_t pid = fork();
  if (pid < 0) throw std::system_error(errno, std::generic_category(), "fork");
  if (pid == 0) {
    // Only async-signal-safe calls from here on.
    if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0) _exit(126);
    for (int fd = 3; fd < 1024; ++fd) close(fd);  // no inherited sockets or database files
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  return pid;
}

int exit_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

namespace {

// Runs hms to its end, or kills it (SIGKILL) once `kill_after` has passed if it still runs.
CommandResult run_command(const std::vector<std::string>& args, const std::string& input,
                          const std::map<std::string, std::string>& env,
                          std::optional<std::chrono::microseconds> kill_after) {
  auto dir = make_dir("hms_cmd_");
  {
    std::ofstream(dir / "in", std::ios::binary) << input;
  }
  int in = open_or_throw(dir / "in", O_RDONLY);
  int out = open_or_throw(dir / "out", O_WRONLY | O_CREAT | O_TRUNC);
  int err = open_or_throw(dir / "err", O_WRONLY | O_CREAT | O_TRUNC);
  const auto deadline = std::chrono::steady_clock::now() + kill_after.value_or(std::chrono::microseconds{0});
  int pid = spawn(args, env, in, out, err);
  close(in);
  close(out);
  close(err);
  int status = 0;
  struct rusage usage {};
  for (;;) {
    const int flags = kill_after ? WNOHANG : 0;
    const pid_t done = wait4(pid, &status, flags, &usage);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) throw std::system_error(errno, std::generic_category(), "wait4");
    if (kill_after && std::chrono::steady_clock::now() >= deadline) {
      kill(pid, SIGKILL);
      kill_after.reset();  // then wait for it to go
      continue;
    }
    if (kill_after) std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  CommandResult r{exit_status(status), read_file(dir / "out"), read_file(dir / "err"), usage.ru_maxrss};
  std::filesystem::remove_all(dir);
  return r;
}

}  // namespace

CommandResult run_hms(const std::vector<std::string>& args, const std::string& input,
                      const std::map<std::string, std::string>& env) {
  return run_command(args, input, env, std::nullopt);
}

CommandResult run_hms_killed_after(const std::vector<std::string>& args, std::chrono::microseconds delay) {
  return run_command(args, "", {{"HMS_LANG", "en"}}, delay);
}

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "socket");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    int e = errno;
    close(fd);
    throw std::system_error(e, std::generic_category(), "bind to port 0");
  }
  close(fd);
  return ntohs(addr.sin_port);
}

// ---- HttpResult, CookieSession -------------------------------------------------------------

std::string HttpResult::header(const std::string& name) const {
  auto it = headers.find(name);  // httplib::Headers compares names case-insensitively
  return it == headers.end() ? "" : it->second;
}

std::vector<std::string> HttpResult::headers_named(const std::string& name) const {
  std::vector<std::string> out;
  auto [from, to] = headers.equal_range(name);
  for (auto it = from; it != to; ++it) out.push_back(it->second);
  return out;
}

nlohmann::json HttpResult::json() const {
  auto j = nlohmann::json::parse(body, nullptr, false);
  return j.is_discarded() ? nlohmann::json() : j;
}

std::string HttpResult::error_code() const {
  auto j = json();
  if (!j.is_object() || !j.contains("error") || !j["error"].is_object()) return "";
  auto code = j["error"].value("code", nlohmann::json());
  return code.is_string() ? code.get<std::string>() : "";
}

Headers CookieSession::headers(bool with_csrf) const {
  Headers h{{"Cookie", "hms_session=" + cookie}};
  if (with_csrf) h.emplace_back("X-CSRF-Token", csrf);
  return h;
}

std::string set_cookie_header(const HttpResult& r, const std::string& name) {
  for (const auto& c : r.headers_named("Set-Cookie"))
    if (c.rfind(name + "=", 0) == 0) return c;
  return "";
}

std::optional<std::string> set_cookie_value(const HttpResult& r, const std::string& name) {
  auto c = set_cookie_header(r, name);
  if (c.empty()) return std::nullopt;
  auto value = c.substr(name.size() + 1);
  return value.substr(0, value.find(';'));
}

// ---- ServerProcess -------------------------------------------------------------------------

ServerProcess::ServerProcess(hms::db::Backend backend)
    : database_(fresh_database(backend)), url_(database_.url), db_(database_.db), dir_(make_dir("hms_srv_")) {
  auto r = run_hms({"init", "--db", url_});
  if (r.exit_code != 0) throw std::runtime_error("hms init failed (" + std::to_string(r.exit_code) + "): " + r.err);
}

ServerProcess::ServerProcess(const ServerProcess& first, SameDatabase)
    : url_(first.url_), db_(first.db_), dir_(make_dir("hms_srv_")) {}

ServerProcess::~ServerProcess() {
  stop();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

void ServerProcess::add_agency(const std::string& code, const std::string& name) {
  auto r = run_hms({"agency", "add", "--db", url_, "--code", code, "--name", name});
  if (r.exit_code != 0) throw std::runtime_error("hms agency add " + code + " failed: " + r.err);
}

std::int64_t ServerProcess::add_user(const std::string& login, const std::string& role, const std::string& agency,
                                     const std::string& password, const std::string& name) {
  std::vector<std::string> args{"user", "add", "--db", url_, "--login", login, "--role", role, "--json"};
  if (!agency.empty()) args.insert(args.end(), {"--agency", agency});
  if (!name.empty()) args.insert(args.end(), {"--name", name});
  auto r = run_hms(args, password + "\n");
  if (r.exit_code != 0) throw std::runtime_error("hms user add " + login + " failed: " + r.err);
  return nlohmann::json::parse(r.out).at("id").get<std::int64_t>();
}

void ServerProcess::start(const std::vector<std::string>& extra_args) {
  if (pid_ > 0) return;
  // A port found free may be taken by someone else before we bind it: try a few.
  for (int attempt = 0; attempt < 5; ++attempt) {
    port_ = free_port();
    int in = open_or_throw("/dev/null", O_RDONLY);
    int log = open_or_throw(dir_ / "server.log", O_WRONLY | O_CREAT | O_APPEND);
    std::vector<std::string> args{"serve", "--db", url_, "--port", std::to_string(port_)};
    if (std::find(extra_args.begin(), extra_args.end(), "--threads") == extra_args.end())
      args.insert(args.end(), {"--threads", "8"});
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    pid_ = spawn(args, {{"HMS_LANG", "en"}}, in, log, log);
    close(in);
    close(log);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = 0;
        break;  // it ended: maybe the port was taken; try another
      }
      httplib::Client c("127.0.0.1", port_);
      c.set_connection_timeout(0, 200'000);
      c.set_read_timeout(2, 0);
      if (auto res = c.Get("/healthz"); res && res->status == 200) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (pid_ > 0) {
      stop();
      throw std::runtime_error("hms serve did not answer GET /healthz within 15 s. Log:\n" + this->log());
    }
  }
  throw std::runtime_error("hms serve would not start. Log:\n" + this->log());
}

void ServerProcess::stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (waitpid(pid_, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  pid_ = 0;
}

void ServerProcess::kill_hard() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = 0;
}

std::int64_t ServerProcess::count(const std::string& from_where) {
  return db().acquire()->query_one("SELECT COUNT(*) FROM " + from_where)->integer(0);
}

std::string ServerProcess::log() const { return read_file(dir_ / "server.log"); }

long ServerProcess::peak_rss_kb() const {
  if (pid_ <= 0) return 0;
  std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}

std::string ServerProcess::log_tail(std::size_t max_lines) const {
  auto text = log();
  std::size_t pos = text.size();
  for (std::size_t n = 0; n <= max_lines && pos > 0; ++n) {
    pos = text.rfind('\n', pos - 1);
    if (pos == std::string::npos) return text;
  }
  return text.substr(pos + 1);
}

HttpResult ServerProcess::submit(const std::string& path, const std::string& body, const Headers& headers,
                                 const std::string& content_type) const {
  auto posted = request("POST", path, body, headers, content_type);
  const auto location = posted.header("Location");
  if (posted.status != 303 || location.find("draft=") == std::string::npos) return posted;
  Headers get_headers;
  for (const auto& h : headers)
    if (h.first != "X-CSRF-Token") get_headers.push_back(h);
  auto shown = request("GET", location, "", get_headers);
  shown.draft_location = location;
  return shown;
}

HttpResult ServerProcess::request(const std::string& method, const std::string& path, const std::string& body,
                                  const Headers& headers, const std::string& content_type) const {
  httplib::Client c("127.0.0.1", port_);
  c.set_connection_timeout(5, 0);
  c.set_read_timeout(30, 0);
  c.set_keep_alive(false);
  c.set_follow_location(false);
  httplib::Request req;
  req.method = method;
  req.path = path;
  for (const auto& [k, v] : headers) req.headers.emplace(k, v);
  if (!body.empty() || method == "POST" || method == "PATCH" || method == "PUT") {
    req.body = body;
    if (!req.has_header("Content-Type")) req.headers.emplace("Content-Type", content_type);
  }
  auto res = c.send(req);
  HttpResult r;
  if (!res) return r;
  r.status = res->status;
  r.body = res->body;
  r.headers = res->headers;
  return r;
}

std::string ServerProcess::login(const std::string& login, const std::string& password) const {
  auto r = request("POST", "/api/v1/session", nlohmann::json{{"login", login}, {"password", password}}.dump());
  if (r.status != 200)
    throw std::runtime_error("login " + login + ": HTTP " + std::to_string(r.status) + " " + r.body);
  return r.json().at("token").get<std::string>();
}

CookieSession ServerProcess::cookie_login(const std::string& login, const std::string& password) const {
  auto r = request("POST", "/api/v1/session", nlohmann::json{{"login", login}, {"password", password}}.dump());
  auto cookie = set_cookie_value(r, "hms_session");
  if (r.status != 200 || !cookie)
    throw std::runtime_error("cookie login " + login + ": HTTP " + std::to_string(r.status) + " " + r.body);
  CookieSession s{*cookie, ""};
  auto me = request("GET", "/api/v1/me", "", s.headers(false));
  if (me.status != 200) throw std::runtime_error("GET /api/v1/me with the cookie: HTTP " + std::to_string(me.status));
  s.csrf = me.json().at("csrf_token").get<std::string>();
  return s;
}

}  // namespace hms::test
