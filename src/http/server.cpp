#include "http/server.hpp"

#include <httplib.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <chrono>

#include "common/text.hpp"
#include "http/cookies.hpp"
#include "http/error_mapping.hpp"

namespace hms::http {
namespace {

std::string new_request_id() {
  unsigned char bytes[8];
  randombytes_buf(bytes, sizeof bytes);
  char hex[17];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return hex;
}

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash);
  }
  return out;
}

bool match(const std::string& pattern, std::string_view path, std::map<std::string, std::string>& params) {
  auto p = segments(pattern);
  auto s = segments(path);
  if (p.size() != s.size()) return false;
  std::map<std::string, std::string> found;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i].size() > 2 && p[i].front() == '{' && p[i].back() == '}')
      found[std::string(p[i].substr(1, p[i].size() - 2))] = std::string(s[i]);
    else if (p[i] != s[i])
      return false;
  }
  params = std::move(found);
  return true;
}

int literal_segments(const std::string& pattern) {
  int n = 0;
  for (auto seg : segments(pattern))
    if (seg.empty() || seg.front() != '{') ++n;
  return n;
}

bool is_state_change(const std::string& method) { return method != "GET" && method != "HEAD"; }

bool same_token(const std::string& a, const std::string& b) {
  return !a.empty() && a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

void add_security_headers(Response& r, const Request& req, bool secure) {
  r.headers.emplace("Content-Security-Policy",
                    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
  r.headers.emplace("X-Content-Type-Options", "nosniff");
  r.headers.emplace("X-Frame-Options", "DENY");
  r.headers.emplace("Referrer-Policy", "same-origin");
  r.headers.emplace("Cross-Origin-Opener-Policy", "same-origin");
  r.headers.emplace("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  r.headers.emplace("X-Request-Id", req.request_id);
  if (secure) r.headers.emplace("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  if (!r.headers.contains("Cache-Control")) r.headers.emplace("Cache-Control", "no-store");
  if (req.via_cookie || req.auth) r.headers.emplace("Vary", "Cookie, Authorization");
}

}  // namespace

struct Server::Impl {
  explicit Impl(Services s) : services(std::move(s)), routes(all_routes(services)) {}
  Services services;
  std::vector<Route> routes;
  httplib::Server server;
};

Server::Server(Services services) : impl_(std::make_unique<Impl>(std::move(services))) {}
Server::~Server() = default;

Response Server::dispatch(Request& req) {
  Services& s = impl_->services;
  req.clock = &s.clock;
  if (req.request_id.empty()) req.request_id = new_request_id();
  try {
    // 1. The route, or 404 / 405. A fixed segment wins over a {parameter}: /dwellings/new is
    //    never taken for /dwellings/{id}, whatever the method.
    const Route* route = nullptr;
    bool path_known = false;
    int best = -1;  // the most fixed segments among the patterns that match the path
    for (const auto& r : impl_->routes) {
      std::map<std::string, std::string> params;
      if (match(r.pattern, req.path, params)) best = std::max(best, literal_segments(r.pattern));
    }
    for (const auto& r : impl_->routes) {
      std::map<std::string, std::string> params;
      if (literal_segments(r.pattern) != best || !match(r.pattern, req.path, params)) continue;
      path_known = true;
      if (r.method == req.method || (req.method == "HEAD" && r.method == "GET")) {
        route = &r;
        req.path_params = std::move(params);
        break;
      }
    }
    // 2. The session: a bearer token, else the cookie.
    std::string auth_header = req.header("Authorization");
    if (auth_header.rfind("Bearer ", 0) == 0) {
      req.auth = app::authenticate(s.store, s.clock, auth_header.substr(7));
    } else if (auto c = req.cookies.find(kSessionCookie); c != req.cookies.end()) {
      req.auth = app::authenticate(s.store, s.clock, c->second);
      req.via_cookie = req.auth.has_value();
    }
    // 3. The language.
    std::string lang = web::supported_language(req.query_value("lang"));
    if (lang.empty() && req.auth && req.auth->user.language) lang = *req.auth->user.language;
    if (lang.empty()) lang = web::language_from_accept(req.header("Accept-Language"));
    req.lang = lang.empty() ? "fr" : lang;

    if (!route) {
      if (path_known) {
        Response r = error_response(s.views, req, DomainError(ErrorKind::bad_request, "common.method_not_allowed"));
        r.status = 405;
        return r;
      }
      return error_response(s.views, req, DomainError(ErrorKind::not_found, "common.not_found"));
    }
    // 4. Access and CSRF.
    if (route->access == Access::logged_in && !req.auth) {
      if (req.is_api()) return error_response(s.views, req, DomainError(ErrorKind::unauthenticated, "common.unauthenticated"));
      return Response::redirect("/login");
    }
    if (req.via_cookie && is_state_change(req.method)) {
      std::string token = req.header("X-CSRF-Token");
      if (token.empty()) token = req.form_value("csrf_token");
      if (!same_token(token, req.auth->session.csrf_token))
        return error_response(s.views, req, DomainError(ErrorKind::forbidden, "common.csrf_failed"));
    }
    // 5. The handler.
    return route->handler(req);
  } catch (const DomainError& e) {
    return error_response(s.views, req, e);
  } catch (const std::exception& e) {
    spdlog::error("{{\"request_id\":\"{}\",\"error\":{}}}", req.request_id, nlohmann::json(std::string(e.what())).dump());
    return internal_error_response(s.views, req);
  }
}

namespace {

std::string url_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::multimap<std::string, std::string> parse_pairs(std::string_view text) {
  std::multimap<std::string, std::string> out;
  while (!text.empty()) {
    auto amp = text.find('&');
    auto pair = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view{} : text.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    out.emplace(url_decode(pair.substr(0, eq)), eq == std::string_view::npos ? "" : url_decode(pair.substr(eq + 1)));
  }
  return out;
}

std::map<std::string, std::string> parse_cookies(std::string_view header) {
  std::map<std::string, std::string> out;
  while (!header.empty()) {
    auto semi = header.find(';');
    auto pair = header.substr(0, semi);
    header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    auto eq = pair.find('=');
    if (eq != std::string_view::npos) out.emplace(std::string(pair.substr(0, eq)), std::string(pair.substr(eq + 1)));
  }
  return out;
}

}  // namespace

void Server::listen() {
  auto& svr = impl_->server;
  const auto& config = impl_->services.config;
  svr.set_tcp_nodelay(true);  // without it, Nagle + delayed ACK stall each response by 40 ms
  const int threads = config.threads;
  svr.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  svr.set_keep_alive_timeout(2);  // idle keep-alive connections must not hold every thread
  // cpp-httplib 0.11 closes a connection after 5 requests by default: a new TCP connection
  // (and a new thread-pool task) every 5 requests of a busy client.
  svr.set_keep_alive_max_count(100);
  svr.set_read_timeout(30, 0);
  svr.set_write_timeout(30, 0);
  svr.set_payload_max_length(64 * 1024 * 1024);

  auto handle = [this, &config](const httplib::Request& hreq, httplib::Response& hres) {
    auto started = std::chrono::steady_clock::now();
    Request req;
    req.method = hreq.method;
    req.path = hreq.path;
    if (auto q = hreq.target.find('?'); q != std::string::npos) req.query = parse_pairs(std::string_view(hreq.target).substr(q + 1));
    req.body = hreq.body;
    req.content_type = hreq.get_header_value("Content-Type");
    if (req.content_type.rfind("application/x-www-form-urlencoded", 0) == 0) req.form = parse_pairs(req.body);
    for (const auto& [name, part] : hreq.files) {  // multipart/form-data (file uploads)
      if (part.filename.empty())
        req.form.emplace(name, part.content);
      else {
        req.files.emplace(name, part.content);
        // Only the last path component (old browsers send "C:\\…\\stock.xlsx"), valid UTF-8, short.
        const auto slash = part.filename.find_last_of("/\\");
        std::string base = slash == std::string::npos ? part.filename : part.filename.substr(slash + 1);
        if (!base.empty() && base.size() <= 200 && is_valid_utf8(base)) req.file_names.emplace(name, base);
      }
    }
    req.address = hreq.remote_addr;
    req.header = [&hreq](const std::string& name) { return hreq.get_header_value(name.c_str()); };
    req.cookies = parse_cookies(hreq.get_header_value("Cookie"));

    Response res = dispatch(req);
    add_security_headers(res, req, config.secure_cookies);
    hres.status = res.status;
    for (const auto& [k, v] : res.headers) hres.headers.emplace(k, v);
    if (req.method == "HEAD")
      hres.set_header("Content-Type", res.content_type);
    else
      hres.set_content(std::move(res.body), res.content_type.c_str());

    auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    // The path only: query strings may hold search terms about people.
    spdlog::info(R"({{"request_id":"{}","method":"{}","path":{},"status":{},"ms":{:.2f},"user":{}}})", req.request_id,
                 req.method, nlohmann::json(req.path).dump(), res.status, ms,
                 req.auth ? std::to_string(req.auth->user.id) : "null");
  };
  svr.Get(".*", handle);
  svr.Post(".*", handle);
  svr.Patch(".*", handle);
  svr.Put(".*", handle);
  svr.Delete(".*", handle);
  svr.Options(".*", handle);

  if (!svr.bind_to_port(config.bind.c_str(), config.port))
    throw std::runtime_error("cannot listen on " + config.bind + ":" + std::to_string(config.port) +
                             " (is another program using that port?)");
  spdlog::info(R"({{"event":"listening","address":"http://{}:{}/"}})", config.bind, config.port);
  svr.listen_after_bind();
}

void Server::stop() { impl_->server.stop(); }

}  // namespace hms::http
