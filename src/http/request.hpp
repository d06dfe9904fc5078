// What a handler sees of an HTTP exchange, independent of the server library: the request
// with its resolved context (request id, language, session), and the response it builds.
// Handlers are thin: parse, call the use case (app/), render (web/).
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "app/context.hpp"
#include "app/users/authentication.hpp"

namespace hms::http {

struct Request {
  std::string method;                                // "GET", "POST", …
  std::string path;                                  // without the query string
  std::multimap<std::string, std::string> query;     // ?a=1&b=2
  std::multimap<std::string, std::string> form;      // urlencoded body, or the text fields of a multipart one
  std::map<std::string, std::string> files;          // multipart/form-data: field name → file contents
  std::map<std::string, std::string> file_names;     // field name → the file's name on the user's computer ("stock.xlsx"), without folders
  std::map<std::string, std::string> path_params;    // {id} of the route pattern
  std::string body;
  std::string content_type;
  std::string address;                               // the client's IP address
  std::function<std::string(const std::string&)> header;  // by name, "" if absent
  std::map<std::string, std::string> cookies;

  // Resolved by the server before the handler runs.
  std::string request_id;
  std::string lang = "fr";                           // fr | nl | en
  std::optional<app::Authenticated> auth;            // the session's user, if any
  bool via_cookie = false;                           // authenticated by the session cookie
  const Clock* clock = nullptr;

  std::string query_value(const std::string& name) const;  // "" if absent
  std::string form_value(const std::string& name) const;   // "" if absent
  std::int64_t path_id(const std::string& name = "id") const;  // DomainError(not_found) if not a number
  bool is_api() const { return path.rfind("/api/", 0) == 0; }
  bool htmx() const { return !header("HX-Request").empty(); }

  // The use-case context of this request (its user, scope, request id and clock).
  app::Context context() const {
    return app::Context{*clock, request_id, auth ? std::optional(auth->user) : std::nullopt,
                        auth ? std::optional(auth->session.id) : std::nullopt};
  }
  // Contract paging: ?limit (default 50, at most 500) and ?offset; 400 when not numbers.
  app::Paging paging() const;
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::multimap<std::string, std::string> headers;

  static Response html(std::string body, int status = 200);
  static Response json(const std::string& body, int status = 200);
  static Response redirect(const std::string& location);  // 303 See Other
};

}  // namespace hms::http
