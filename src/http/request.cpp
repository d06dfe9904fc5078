#include "http/request.hpp"

#include <algorithm>
#include <charconv>

namespace hms::http {
namespace {

std::string first(const std::multimap<std::string, std::string>& m, const std::string& name) {
  auto it = m.find(name);
  return it == m.end() ? "" : it->second;
}

std::optional<std::int64_t> to_int(const std::string& s) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

std::string Request::query_value(const std::string& name) const { return first(query, name); }
std::string Request::form_value(const std::string& name) const { return first(form, name); }

std::int64_t Request::path_id(const std::string& name) const {
  auto it = path_params.find(name);
  auto v = it == path_params.end() ? std::nullopt : to_int(it->second);
  if (!v || *v <= 0) throw DomainError(ErrorKind::not_found, "common.not_found");
  return *v;
}

app::Paging Request::paging() const {
  app::Paging p;
  // Not a whole number, or out of range: 400. A limit above the maximum is lowered to it.
  auto read = [this](const char* name, int fallback, std::int64_t lo, std::int64_t hi) {
    auto text = query_value(name);
    if (text.empty()) return fallback;
    auto v = to_int(text);
    if (!v || *v < lo) throw DomainError(ErrorKind::bad_request, "common.invalid_paging");
    return static_cast<int>(std::min(*v, hi));
  };
  p.limit = read("limit", p.limit, 1, app::Paging::kMaxLimit);
  p.offset = read("offset", 0, 0, 1'000'000'000);
  return p;
}

Response Response::html(std::string body, int status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response Response::json(const std::string& body, int status) {
  Response r;
  r.status = status;
  r.content_type = "application/json; charset=utf-8";
  r.body = body;
  return r;
}

Response Response::redirect(const std::string& location) {
  Response r;
  r.status = 303;
  r.headers.emplace("Location", location);
  return r;
}

}  // namespace hms::http
