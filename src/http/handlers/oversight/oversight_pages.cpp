// The adoption page, GET /adoption (region and federation): the Region's headline figure
// (dwellings registered in hms / declared, live) and, per agency, declared vs registered with
// the coverage (below 85 % flagged) and each module's last use and count; the monthly trend of the
// dwellings managed in hms against those declared; the Region's form for a declared stock
// (POST /adoption/declared-stock).
#include "common/date.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/oversight/oversight_json.hpp"
#include "http/handlers/support/forms.hpp"
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

// The trend as an SVG bar chart drawn on the server (no inline style: the CSP forbids it): a bar
// per day, its height the dwellings managed, the declared total as a dashed line.
nlohmann::json trend_view(const app::Adoption& a, const Request& req, const Services& s) {
  constexpr int kHeight = 160, kBar = 28, kGap = 10, kTop = 20;
  std::int64_t top = a.declared;
  for (const auto& p : a.trend) top = std::max(top, p.managed);
  if (top <= 0) top = 1;
  nlohmann::json bars = nlohmann::json::array();
  int x = 0;
  for (const auto& p : a.trend) {
    const int h = static_cast<int>(p.managed * kHeight / top);
    const unsigned month = static_cast<unsigned>(p.day.month());
    bars.push_back({{"x", x},
                    {"y", kTop + kHeight - h},
                    {"height", h},
                    {"label_x", x + kBar / 2},
                    {"label", (month < 10 ? "0" : "") + std::to_string(month) + "/" +
                                  std::to_string(static_cast<int>(p.day.year()) % 100)},
                    {"value", web::thousands_text(p.managed, req.lang)},
                    {"value_y", kTop + kHeight - h - 4},
                    {"date", to_belgian(p.day)}});
    x += kBar + kGap;
  }
  nlohmann::json out = {{"bars", bars}, {"width", x}, {"height", kTop + kHeight + 20}, {"axis_y", kTop + kHeight + 14},
                        {"has_declared", a.declared > 0},
                        {"declared_y", kTop + kHeight - static_cast<int>(a.declared * kHeight / top)},
                        {"declared", web::thousands_text(a.declared, req.lang)}};
  out["caption"] = web::Texts{s.views.catalog(), req.lang}.format(
      "oversight.trend.caption", {{"declared", web::thousands_text(a.declared, req.lang)}});
  return out;
}

Response adoption_page(const Request& req, const Services& s, const nlohmann::json& typed, const DomainError* error,
                       int status) {
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
        {"has_rows", !rows.empty()},
        {"trend", trend_view(a, req, s)},
        {"declared_recorded", req.query_value("declared") == "1"}};
    if (req.context().can(Permission::declared_stock_manage)) {
      nlohmann::json agencies = nlohmann::json::array();
      const std::string chosen = typed.value("agency", "");
      for (const auto& l : a.items)
        agencies.push_back({{"code", l.agency.code}, {"name", l.agency.name}, {"selected", l.agency.code == chosen}});
      model["declare"] = {{"agencies", agencies}, {"form", typed}};
    }
    if (error) model["errors"] = errors_of(s, req, *error, {"agency", "date", "dwellings"});
    return Response::html(s.views.page(page_info(req, s, "oversight.title", "adoption"), "oversight/adoption", model),
                          status);
}

}  // namespace

void add_oversight_page_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/adoption", needing(Permission::adoption_view), [&s](Request& req) {
    return adoption_page(req, s, nlohmann::json::object(), nullptr, 200);
  }});

  // The Region records the stock an agency declared outside hms.
  routes.push_back({"POST", "/adoption/declared-stock", needing(Permission::declared_stock_manage), [&s](Request& req) {
    static constexpr std::string_view kFields[] = {"date", "dwellings"};
    auto input = read_form<app::DeclaredFields>(req, kFields);
    std::string agency;
    if (auto it = req.form.find("agency"); it != req.form.end()) agency = it->second;
    nlohmann::json typed = input.values;
    typed["agency"] = agency;
    return submit_form(
        [&] {
          app::declare_stock(s.store, req.context(), agency, input.fields);
          return Response::redirect("/adoption?declared=1");
        },
        [&](const DomainError& e, int st) { return adoption_page(req, s, typed, &e, st); });
  }});
}

}  // namespace hms::http
