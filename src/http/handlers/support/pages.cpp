#include "http/handlers/support/pages.hpp"

#include <algorithm>
#include <cstdio>

#include "app/agencies/agency_admin.hpp"
#include "common/date.hpp"
#include "common/text.hpp"
#include "domain/users/role.hpp"
#include "web/texts.hpp"

namespace hms::http {

const std::string& text(const Services& s, const Request& req, const std::string& key) {
  return s.views.catalog().text(req.lang, key);
}

nlohmann::json opt_text(const std::string& s) { return s.empty() ? nlohmann::json() : nlohmann::json(s); }

nlohmann::json date_text(const std::optional<std::chrono::year_month_day>& d) {
  return d ? nlohmann::json(to_belgian(*d)) : nlohmann::json();
}

std::string amount_text(Money m, const std::string& lang) {
  std::string s = web::money_text(m, lang);
  const std::string euro = "\u20AC", nbsp_euro = "\u00A0\u20AC";
  if (auto at = s.find(nbsp_euro); at != std::string::npos) s.erase(at, nbsp_euro.size());
  if (auto at = s.find(euro); at != std::string::npos) s.erase(at, euro.size());
  return s;
}

namespace {

// The message parameters of an error as the reader writes them: amounts "816,00", dates 01/03/2026.
DomainError localised(const DomainError& e, const std::string& lang) {
  DomainError copy = e;
  for (const auto& [name, value] : e.params()) {
    if (name == "rent" || name == "cap") {
      if (auto m = Money::parse(value)) copy.param(name, amount_text(m.value(), lang));
    } else if (name == "start" || name == "end" || name == "date") {
      if (auto d = parse_date(value)) copy.param(name, to_belgian(d.value()));
    }
  }
  return copy;
}

}  // namespace

nlohmann::json errors_of(const Services& s, const Request& req, const DomainError& e,
                         std::initializer_list<const char*> order) {
  auto errors = form_errors(s.views, req.lang, localised(e, req.lang));
  if (order.size() == 0) return errors;
  auto rank = [&](const nlohmann::json& item) {
    auto field = item.value("field", std::string());
    std::size_t i = 0;
    for (const char* name : order) {
      if (field == name) return i;
      ++i;
    }
    return i;
  };
  auto& summary = errors["summary"];
  std::stable_sort(summary.begin(), summary.end(),
                   [&](const nlohmann::json& a, const nlohmann::json& b) { return rank(a) < rank(b); });
  return errors;
}

std::string day_text(std::int64_t seconds) {
  return to_belgian(std::chrono::year_month_day{
      std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds{std::chrono::seconds{seconds}})});
}

std::optional<std::string> query_or_none(const Request& req, const char* name) {
  std::string v(trim(req.query_value(name)));
  return v.empty() ? std::nullopt : std::optional(std::move(v));
}

bool cross_agency(const Request& req) { return req.auth && !users::is_agency_role(req.auth->user.role); }

nlohmann::json agency_choices(const Services& s, const Request& req) {
  nlohmann::json out = nlohmann::json::array();
  auto chosen = to_lower_ascii(trim(req.query_value("agency")));
  for (const auto& a : app::list_agencies(s.store, req.context(), app::Paging{app::Paging::kMaxLimit, 0}).items)
    out.push_back({{"code", a.code}, {"name", a.name}, {"selected", to_lower_ascii(a.code) == chosen}});
  return out;
}

nlohmann::json list_page_model(const Request& req, const Services& s, const ListPage& list) {
  bool filtered = !req.query_value("q").empty() || !req.query_value("agency").empty();
  for (const auto& f : list.filters) filtered = filtered || !req.query_value(f).empty();
  nlohmann::json model = {{"items", list.items},
                          {"total", list.total},
                          {"has_items", !list.items.empty()},
                          {"filtered", filtered},
                          {"q", req.query_value("q")},
                          {"cross_agency", cross_agency(req)},
                          {"pagination", pagination(req, list.paging, list.total, list.items.size())}};
  if (!list.export_path.empty()) {
    std::string kept = list_query(req, {{"lang", ""}});  // the file's language is the reader's
    if (!kept.empty()) kept = "&" + kept;
    model["export_csv"] = list.export_path + "?format=csv" + kept;
    model["export_xlsx"] = list.export_path + "?format=xlsx" + kept;
  }
  if (list.agency_filter && cross_agency(req)) model["agencies"] = agency_choices(s, req);
  return model;
}

nlohmann::json sort_headers(const Request& req, std::initializer_list<const char*> keys, const std::string& current) {
  nlohmann::json out = nlohmann::json::object();
  for (const char* key : keys) {
    std::string k(key);
    bool asc = current == k, desc = current == "-" + k;
    out[k] = {{"href", req.path + "?" + list_query(req, {{"sort", asc ? "-" + k : k}, {"lang", ""}})},
              {"aria_sort", asc ? "ascending" : desc ? "descending" : "none"},
              {"arrow", asc ? "▲" : desc ? "▼" : ""}};
  }
  return out;
}

}  // namespace hms::http
