#include "http/handlers/oversight/oversight_json.hpp"

#include "common/date.hpp"
#include "http/handlers/support/json_body.hpp"

namespace hms::http {

namespace {

nlohmann::json day_of(std::optional<std::int64_t> seconds) {
  if (!seconds) return nullptr;
  return to_iso(std::chrono::year_month_day{
      std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds{std::chrono::seconds{*seconds}})});
}

nlohmann::json opt(const std::optional<std::string>& s) { return s ? nlohmann::json(*s) : nlohmann::json(); }

}  // namespace

nlohmann::json adoption_json(const app::Adoption& a) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& l : a.items) {
    nlohmann::json modules = nlohmann::json::object();
    for (const auto& m : l.modules) modules[m.module] = {{"last_used", day_of(m.last_at)}, {"count", m.count}};
    items.push_back({{"agency", l.agency.code},
                     {"name", l.agency.name},
                     {"declared", l.declared ? nlohmann::json(*l.declared) : nlohmann::json()},
                     {"declared_on", opt_date(l.declared_on)},
                     {"registered", l.registered},
                     {"coverage", opt(l.coverage)},
                     {"modules", modules}});
  }
  nlohmann::json trend = nlohmann::json::array();
  for (const auto& p : a.trend) trend.push_back({{"day", to_iso(p.day)}, {"managed", p.managed}});
  return {{"items", items},
          {"region", {{"declared", a.declared}, {"registered", a.registered}, {"coverage", opt(a.coverage)}}},
          {"trend", trend}};
}

}  // namespace hms::http
