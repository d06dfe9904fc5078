// The adoption page, GET /adoption (region and federation): the Region's headline figure
// (dwellings registered in hms / declared, live) and, per agency, declared vs registered with
// the coverage (below 85 % flagged) and each module's last use and count.
#include "common/date.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/oversight/oversight_json.hpp"
#include "http/handlers/support/pages.hpp"
#include "http/handlers/support/support.hpp"
#include "web/texts.hpp"

namespace hms::http {

using users::Permission;

namespace {

// Below this coverage (percent) a line is flagged.
constexpr double kLowCoverage = 85.0;

std::string coverage_text(const std::optional<std::string>& c, const std::string& lang) {
  if (!c) return "—";
  std::string s = *c;
  if (lang != "en")
    for (auto& ch : s)
      if (ch == '.') ch = ',';
  return s + " %";
}

}  // namespace

void add_oversight_page_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/adoption", needing(Permission::adoption_view), [&s](Request& req) {
    const auto a = app::adoption(s.store, req.context());
    const web::Texts tx{s.views.catalog(), req.lang};
    nlohmann::json modules = nlohmann::json::array();
    for (auto m : oversight::kModules) modules.push_back({{"label", text(s, req, "oversight.modules." + std::string(m))}});
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& l : a.items) {
      nlohmann::json uses = nlohmann::json::array();
      for (const auto& m : l.modules) {
        std::optional<std::chrono::year_month_day> day;
        if (m.last_at)
          day = std::chrono::year_month_day{
              std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds{std::chrono::seconds{*m.last_at}})};
        uses.push_back({{"count", m.count}, {"last", date_text(day)}, {"used", m.count > 0}});
      }
      rows.push_back({{"code", l.agency.code},
                      {"name", l.agency.name},
                      {"declared", l.declared ? nlohmann::json(*l.declared) : nlohmann::json("—")},
                      {"declared_on", date_text(l.declared_on)},
                      {"registered", l.registered},
                      {"coverage", coverage_text(l.coverage, req.lang)},
                      {"low", l.coverage && std::stod(*l.coverage) < kLowCoverage},
                      {"modules", uses}});
    }
    nlohmann::json model = {
        {"headline", tx.format("oversight.headline", {{"registered", std::to_string(a.registered)},
                                                      {"declared", std::to_string(a.declared)},
                                                      {"coverage", coverage_text(a.coverage, req.lang)}})},
        {"registered", a.registered},
        {"declared", a.declared},
        {"coverage", coverage_text(a.coverage, req.lang)},
        {"modules", modules},
        {"rows", rows},
        {"has_rows", !rows.empty()}};
    return Response::html(s.views.page(page_info(req, s, "oversight.title", "adoption"), "oversight/adoption", model));
  }});
}

}  // namespace hms::http
