// JSON request bodies: the body as an object, read into the named optional text fields of a use
// case through the same list of fields a form goes through (app::for_each_field), so the API, the
// pages and the import share one parser per field. Example:
//   auto f = read_body<app::OwnerFields>(json_body(req), {"id", "dwellings"});  // read-only keys
//   // any other key: 422 common.unknown_field on that key
#pragma once
#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/error.hpp"
#include "common/money.hpp"
#include "http/request.hpp"

namespace hms::http {

// The JSON body, or DomainError(bad_request, "common.malformed_json") — also when it is not an object.
nlohmann::json json_body(const Request& req);
// A string member of a JSON body: "" if absent; bad_request if present but not a string.
std::string json_string(const nlohmann::json& body, const char* name);

// A JSON value as the text a form would have sent: strings as they are, numbers as written,
// booleans as "true"/"false", null as "" (clears the field), arrays of strings joined with commas.
std::string as_text(const nlohmann::json& v, const std::string& key);

// Reads a JSON object into named optional fields; read-only fields of the object's JSON shape
// are ignored (a client may send back what it read); any other key is a 422 on that key.
struct BodyReader {
  const nlohmann::json& body;
  std::vector<std::string> read_only;
  std::set<std::string> seen = {};
  void read(const char* key, std::optional<std::string>& target);
  void finish();
};

// A JSON body as the fields of a use case, through its list of fields (app::for_each_field,
// found by argument-dependent lookup); `read_only`: keys of the object's JSON shape that a client may send back and that are ignored.
template <typename Fields>
Fields read_body(const nlohmann::json& body, std::vector<std::string> read_only) {
  Fields f;
  BodyReader r{body, std::move(read_only)};
  for_each_field(f, [&](const char* name, std::optional<std::string>& target) { r.read(name, target); });
  r.finish();
  return f;
}

// A query parameter read with one of the shared parsers (app/fields), its error put on the
// parameter: query_field(v, "bedrooms", app::fields::parse_int, 0, 99, "stock.invalid_bedrooms").
inline constexpr std::int64_t kMaxId = 999'999'999'999'999'999;  // 18 digits, as the ids stored
template <typename Parse, typename... Args>
auto query_field(std::string_view text, const char* name, Parse parse, Args&&... args) {
  try {
    return parse(text, std::forward<Args>(args)...);
  } catch (DomainError& e) {
    e.field(name);
    throw;
  }
}

// The filters every list takes: an id (dwelling_id=12) or a date (in_force_on=2026-12-01) in the
// query, none when absent or empty; one that does not read is a 422 on that parameter.
std::optional<std::int64_t> query_id(const Request& req, const char* name);
std::optional<std::chrono::year_month_day> query_date(const Request& req, const char* name);

// Values of the API's JSON shapes: an ISO date or null; an amount "1234.56" or null.
nlohmann::json opt_date(const std::optional<std::chrono::year_month_day>& d);
nlohmann::json money_json(const std::optional<Money>& m);

}  // namespace hms::http
