#include "http/server.hpp"

#include <arpa/inet.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "common/text.hpp"
#include "http/cookies.hpp"
#include "http/error_mapping.hpp"
#include "http/listener.hpp"

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

// Where a browser says a request comes from: Sec-Fetch-Site, else Origin against Host. A
// client that sends neither is not a browser (a page of another site cannot make a browser
// leave them out). The same rule as Go's net/http CrossOriginProtection.
bool from_this_site(const Request& req) {
  if (auto site = req.header("Sec-Fetch-Site"); !site.empty()) return site == "same-origin" || site == "none";
  const std::string origin = req.header("Origin");
  if (origin.empty()) return true;
  const auto scheme_end = origin.find("://");  // "null" (a sandboxed page) has none
  return scheme_end != std::string::npos &&
         to_lower_ascii(std::string_view(origin).substr(scheme_end + 3)) == to_lower_ascii(req.header("Host"));
}

// application/json, with or without parameters ("application/json; charset=utf-8").
bool is_json(const std::string& content_type) {
  return to_lower_ascii(trim(std::string_view(content_type).substr(0, content_type.find(';')))) == "application/json";
}

// An IP address in its one written form ("::1", "203.0.113.7"), or "" if it is not one.
std::string canonical_ip(std::string_view text) {
  const std::string s(trim(text));
  unsigned char bytes[16];
  char out[INET6_ADDRSTRLEN];
  for (int family : {AF_INET, AF_INET6})
    if (inet_pton(family, s.c_str(), bytes) == 1 && inet_ntop(family, bytes, out, sizeof out)) return out;
  return "";
}

// The client's address: the connection's peer, unless the peer is a trusted proxy; then the
// right-most address of X-Forwarded-For that is not a trusted proxy (each proxy appends the
// address it saw; what is further left is the client's own word). An entry that is not an
// address stops the walk at the last address found.
std::string client_address(const std::string& peer, const std::string& forwarded, const std::vector<std::string>& trusted) {
  auto is_trusted = [&](const std::string& a) { return std::find(trusted.begin(), trusted.end(), a) != trusted.end(); };
  std::string client = canonical_ip(peer);
  if (client.empty()) return peer;
  if (forwarded.empty() || !is_trusted(client)) return client;
  auto entries = split(forwarded, ',');
  for (auto it = entries.rbegin(); it != entries.rend() && is_trusted(client); ++it) {
    auto address = canonical_ip(*it);
    if (address.empty()) break;
    client = address;
  }
  return client;
}

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
  std::unique_ptr<Listener> listener;

  // The route of a method and path, with its {parameters}; none if the path is unknown or
  // known for other methods only (path_known). A fixed segment wins over a {parameter}:
  // /dwellings/new is never taken for /dwellings/{id}, whatever the method.
  const Route* find(const std::string& method, const std::string& path, std::map<std::string, std::string>& params,
                    bool& path_known) const {
    path_known = false;
    int best = -1;  // the most fixed segments among the patterns that match the path
    for (const auto& r : routes) {
      std::map<std::string, std::string> found;
      if (match(r.pattern, path, found)) best = std::max(best, literal_segments(r.pattern));
    }
    for (const auto& r : routes) {
      std::map<std::string, std::string> found;
      if (literal_segments(r.pattern) != best || !match(r.pattern, path, found)) continue;
      path_known = true;
      if (r.method == method || (method == "HEAD" && r.method == "GET")) {
        params = std::move(found);
        return &r;
      }
    }
    return nullptr;
  }
};

Server::Server(Services services) : impl_(std::make_unique<Impl>(std::move(services))) {}
Server::~Server() = default;

Response Server::dispatch(Request& req) {
  Services& s = impl_->services;
  req.clock = &s.clock;
  if (req.request_id.empty()) req.request_id = new_request_id();
  try {
    // 1. The route, or 404 / 405.
    bool path_known = false;
    const Route* route = impl_->find(req.method, req.path, req.path_params, path_known);
    // 2. The session: a bearer token, else the cookie.
    std::string auth_header = req.header("Authorization");
    const bool bearer = auth_header.rfind("Bearer ", 0) == 0;
    if (bearer) {
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
      if (path_known)
        return error_response(s.views, req, DomainError(ErrorKind::bad_request, "common.method_not_allowed"), 405);
      return error_response(s.views, req, DomainError(ErrorKind::not_found, "common.not_found"));
    }
    // 4. Access, where the request comes from, CSRF, the API's media type, the permission.
    if (route->guard.access == Access::logged_in && !req.auth) {
      if (req.is_api()) return error_response(s.views, req, DomainError(ErrorKind::unauthenticated, "common.unauthenticated"));
      return Response::redirect("/login");
    }
    if (is_state_change(req.method) && !bearer && !from_this_site(req))
      return error_response(s.views, req, DomainError(ErrorKind::forbidden, "common.csrf_failed"));
    if (req.via_cookie && is_state_change(req.method)) {
      std::string token = req.header("X-CSRF-Token");
      if (token.empty()) token = req.form_value("csrf_token");
      if (!same_token(token, req.auth->session.csrf_token))
        return error_response(s.views, req, DomainError(ErrorKind::forbidden, "common.csrf_failed"));
    }
    if (req.is_api() && !req.body.empty() && !is_json(req.content_type))
      return error_response(s.views, req, DomainError(ErrorKind::bad_request, "common.unsupported_media_type"), 415);
    if (route->guard.permission && !req.context().can(*route->guard.permission))
      return error_response(s.views, req, DomainError(ErrorKind::forbidden, "common.forbidden"));
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

// The access-log line of one answer: the path only (query strings may hold search terms
// about people).
void log_access(const Request& req, int status, std::chrono::steady_clock::time_point started) {
  auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  spdlog::info(R"({{"request_id":"{}","method":"{}","path":{},"status":{},"ms":{:.2f},"user":{}}})", req.request_id,
               req.method, nlohmann::json(req.path).dump(), status, ms,
               req.auth ? std::to_string(req.auth->user.id) : "null");
}

// The request as handlers see it, from what cpp-httplib parsed (the body not yet looked at).
Request request_of(const httplib::Request& hreq, const std::vector<std::string>& trusted_proxies) {
  Request req;
  req.method = hreq.method;
  req.path = hreq.path;
  if (auto q = hreq.target.find('?'); q != std::string::npos) req.query = parse_pairs(std::string_view(hreq.target).substr(q + 1));
  req.address = client_address(hreq.remote_addr, hreq.get_header_value("X-Forwarded-For"), trusted_proxies);
  req.header = [&hreq](const std::string& name) { return hreq.get_header_value(name.c_str()); };
  req.cookies = parse_cookies(hreq.get_header_value("Cookie"));
  return req;
}

// What goes on the wire: the response with the security headers. A header value with a
// control character (a split response, a redirect to another site) is never sent: 500.
void write_response(const Services& s, const Request& req, Response res, httplib::Response& hres) {
  add_security_headers(res, req, s.config.secure_cookies);
  auto unsafe = std::find_if(res.headers.begin(), res.headers.end(), [](const auto& h) {
    return has_control_character(h.first) || has_control_character(h.second);
  });
  if (unsafe != res.headers.end() || has_control_character(res.content_type)) {
    spdlog::error(R"({{"request_id":"{}","error":"a control character in a response header","header":{}}})", req.request_id,
                  nlohmann::json(unsafe != res.headers.end() ? unsafe->first : "Content-Type").dump());
    res = internal_error_response(s.views, req);
    add_security_headers(res, req, s.config.secure_cookies);
  }
  hres.status = res.status;
  for (const auto& [k, v] : res.headers) hres.headers.emplace(k, v);
  if (req.method == "HEAD")
    hres.set_header("Content-Type", res.content_type);
  else
    hres.set_content(std::move(res.body), res.content_type.c_str());
}

}  // namespace

void Server::listen() {
  auto& config = impl_->services.config;
  for (auto& proxy : config.trusted_proxies) {  // compared with the peer's address in one written form
    auto address = canonical_ip(proxy);
    if (address.empty()) throw std::runtime_error("--trusted-proxy " + proxy + " is not an IP address");
    proxy = address;
  }
  const auto& views = impl_->services.views;
  ConnectionLimits limits;
  limits.threads = static_cast<std::size_t>(config.threads);
  limits.max_queued = 4 * limits.threads;
  Listener::Hooks hooks;
  hooks.body_limit = [this](const httplib::Request& hreq) {
    std::map<std::string, std::string> params;
    bool path_known = false;
    const Route* route = impl_->find(hreq.method, hreq.path, params, path_known);
    return route ? route->max_body : kMaxBody;
  };
  // A request refused before it reaches a handler (a body too long, a malformed request).
  hooks.refuse = [this, &config, &views](const httplib::Request& hreq, httplib::Response& hres, int status) {
    const auto started = std::chrono::steady_clock::now();
    Request req = request_of(hreq, config.trusted_proxies);
    req.request_id = new_request_id();
    const std::string lang = web::language_from_accept(req.header("Accept-Language"));
    req.lang = lang.empty() ? "fr" : lang;
    const char* code = status == 413 ? "common.payload_too_large" : status == 404 ? "common.not_found" : "common.bad_request";
    write_response(impl_->services, req, status >= 500 ? internal_error_response(views, req)
                            : error_response(views, req, DomainError(ErrorKind::bad_request, code), status),
         hres);
    log_access(req, hres.status, started);
  };
  // A connection the queue has no room for is answered before a byte of it is read: in every
  // language, as nobody has said which one they read.
  std::string busy;
  for (const char* lang : {"fr", "nl", "en"})
    busy += (busy.empty() ? "" : " / ") + views.catalog().text(lang, "common.server_busy");
  hooks.busy_body = nlohmann::json{{"error", {{"code", "common.server_busy"}, {"message", busy}}}}.dump();
  impl_->listener = std::make_unique<Listener>(limits, std::move(hooks));
  auto& svr = *impl_->listener;
  svr.set_tcp_nodelay(true);  // without it, Nagle + delayed ACK stall each response by 40 ms

  auto handle = [this, &config](const httplib::Request& hreq, httplib::Response& hres) {
    auto started = std::chrono::steady_clock::now();
    Request req = request_of(hreq, config.trusted_proxies);
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
    Response res = dispatch(req);
    write_response(impl_->services, req, std::move(res), hres);
    log_access(req, hres.status, started);
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

void Server::stop() {
  if (impl_->listener) impl_->listener->stop();
}

}  // namespace hms::http
