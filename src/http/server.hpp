// The HTTP server: our adapter over cpp-httplib. It owns the route table and runs, around
// every handler, the same steps in the same order:
//   1. a request id (16 hex), in the X-Request-Id header and every log line;
//   2. the session, from "Authorization: Bearer TOKEN" or the session cookie;
//   3. the language: ?lang=, then the user's choice, then Accept-Language, then French;
//   4. the route's guard (public, logged in, or holding a permission: 403 before the body is
//      read); for a state change without a bearer
//      token, a browser's Origin / Sec-Fetch-Site must be this site's, and with the cookie the
//      CSRF token must be sent (form field csrf_token or header X-CSRF-Token); an API body must
//      be JSON (415 otherwise: a cross-site form cannot send JSON);
//   5. the handler; DomainErrors and exceptions mapped once (error_mapping.cpp);
//   6. security headers and a structured access-log line; a header value with a control
//      character is never sent (500).
// Before all this, the listener (listener.hpp) bounds the time and bytes of each request.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "domain/store.hpp"
#include "domain/users/permissions.hpp"
#include "http/request.hpp"
#include "web/views.hpp"

namespace hms::http {

struct ServerConfig {
  std::string bind = "127.0.0.1";
  int port = 8080;
  bool secure_cookies = false;  // served over HTTPS (behind a proxy): Secure cookies, HSTS
  int threads = 32;             // and 4 × threads connections may wait for one; more get 503
  // Addresses of the reverse proxies whose X-Forwarded-For is believed (--trusted-proxy):
  // the client is then the right-most address of that header that is not one of them.
  std::vector<std::string> trusted_proxies;
  bool require_mfa = false;  // agency admins, federation, region, system admins need a second factor
};

// The most bytes a request body may have: any form or JSON; a file upload (the file, its
// multipart framing and the form's other fields, with room for a file a little over its 20 MiB,
// which the page refuses with its own message). deploy/nginx/hms.conf has the same limits.
inline constexpr std::size_t kMaxBody = 1024 * 1024;
inline constexpr std::size_t kMaxUploadFile = 20 * 1024 * 1024;
inline constexpr std::size_t kMaxUpload = kMaxUploadFile + 4 * 1024 * 1024;

enum class Access { open, logged_in };

// Who may reach a route, said before its handler runs: anyone (Access::open), a logged-in user
// (Access::logged_in), or a logged-in user holding a permission, refused with 403 before the
// body is looked at (an unknown field or a bad value is never reported to someone who may not
// send it at all). For a route whose path has an {id}, also the agency-owned object that id
// names ("dwelling", "owner", "owner_contract", "user", "import_job"): the server refuses a
// route table in which an {id} route names none (check_routes), `hms routes --json` prints it,
// and the isolation test asks each such route for another agency's object. The use case still
// checks the permission and the agency (the command line has no routes); the route says it first.
//   {"GET", "/owners/{id}", reaching("owner"), handler}
//   {"PATCH", "/api/v1/owners/{id}", reaching("owner", Permission::owners_manage), handler}
//   {"POST", "/api/v1/owners", needing(Permission::owners_manage), handler}
struct Guard {
  Guard(Access a) : access(a) {}  // NOLINT: implicit, most routes say only this
  Access access;
  std::optional<users::Permission> permission;
  std::string_view object;  // "" for a route without {id}
};
Guard reaching(std::string_view object, std::optional<users::Permission> permission = std::nullopt);
Guard needing(users::Permission permission);

struct Route {
  std::string method;   // GET, POST, PATCH, DELETE
  std::string pattern;  // "/api/v1/users/{id}": {name} matches one path segment
  Guard guard;
  std::function<Response(Request&)> handler;
  std::size_t max_body = kMaxBody;  // kMaxUpload for a route that takes a file
};

// What handlers need: the data, the clock, the views, the configuration.
struct Services {
  Store& store;
  const Clock& clock;
  const web::Views& views;
  ServerConfig config;
};

// The whole route table (routes.cpp), also listed by `hms routes` for the tests; checked by
// check_routes (std::logic_error naming the first route with an {id} that names no object).
std::vector<Route> all_routes(Services& services);
void check_routes(const std::vector<Route>& routes);

class Server {
 public:
  explicit Server(Services services);
  ~Server();
  // Binds and serves until stop(); throws std::runtime_error if the address is taken.
  void listen();
  void stop();
  // The response to one request, without the network: used by listen() for every request.
  Response dispatch(Request& request);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

inline constexpr const char* kSessionCookie = "hms_session";
inline constexpr const char* kLoginCsrfCookie = "hms_login_csrf";
inline constexpr const char* kPendingLoginCookie = "hms_login_pending";  // between password and code

}  // namespace hms::http
