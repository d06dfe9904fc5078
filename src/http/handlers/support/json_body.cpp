#include "http/handlers/support/json_body.hpp"

#include <algorithm>

#include "app/fields/fields.hpp"
#include "common/date.hpp"
#include "common/error.hpp"

namespace hms::http {

nlohmann::json json_body(const Request& req) {
  auto body = nlohmann::json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) throw DomainError(ErrorKind::bad_request, "common.malformed_json");
  return body;
}

std::string json_string(const nlohmann::json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return "";
  if (!it->is_string()) throw DomainError(ErrorKind::bad_request, "common.malformed_json").param("field", name);
  return it->get<std::string>();
}

std::string as_text(const nlohmann::json& v, const std::string& key) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number_integer() || v.is_number_unsigned()) return v.dump();
  if (v.is_number_float()) {
    std::string s = v.dump();
    return s;
  }
  if (v.is_array()) {
    std::string out;
    for (const auto& item : v) {
      if (!item.is_string()) throw DomainError(ErrorKind::bad_request, "common.malformed_json").param("field", key);
      out += (out.empty() ? "" : ",") + item.get<std::string>();
    }
    return out;
  }
  throw DomainError(ErrorKind::bad_request, "common.malformed_json").param("field", key);
}

void BodyReader::read(const char* key, std::optional<std::string>& target) {
  seen.insert(key);
  if (auto it = body.find(key); it != body.end()) target = as_text(*it, key);
}

void BodyReader::finish() {
  for (const auto& [key, value] : body.items()) {
    if (seen.count(key) || std::find(read_only.begin(), read_only.end(), key) != read_only.end()) continue;
    throw DomainError(ErrorKind::validation, "common.unknown_field").param("field", key).field(key);
  }
}

nlohmann::json opt_date(const std::optional<std::chrono::year_month_day>& d) {
  return d ? nlohmann::json(to_iso(*d)) : nlohmann::json();
}

nlohmann::json money_json(const std::optional<Money>& m) { return m ? nlohmann::json(m->format_plain()) : nlohmann::json(); }

std::optional<std::int64_t> query_id(const Request& req, const char* name) {
  auto v = req.query_value(name);
  if (v.empty()) return std::nullopt;
  return query_field(v, name, app::fields::parse_int, 0, kMaxId, "common.invalid_id");
}

std::optional<std::chrono::year_month_day> query_date(const Request& req, const char* name) {
  auto v = req.query_value(name);
  if (v.empty()) return std::nullopt;
  return query_field(v, name, app::fields::parse_date, "common.invalid_date");
}

}  // namespace hms::http
