// GET / : each role's dashboard with live figures.
#include "app/dashboard/dashboard.hpp"
#include "http/handlers/support.hpp"

namespace hms::http {

void add_dashboard_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/", Access::logged_in, [&s](Request& req) {
    auto d = app::dashboard(s.store, req.context());
    const auto& cat = s.views.catalog();
    const auto& user = req.auth->user;
    nlohmann::json agencies = nlohmann::json::array();
    std::int64_t max_users = 1;
    for (const auto& a : d.agencies) max_users = std::max(max_users, a.users);
    for (const auto& a : d.agencies)
      agencies.push_back({{"code", a.agency.code},
                          {"name", a.agency.name},
                          {"users", a.users},
                          {"bar_width", a.users * 100 / max_users},
                          {"last_activity", a.last_activity ? web::format_date_time(a.last_activity)
                                                            : cat.text(req.lang, "dashboard.never")}});
    nlohmann::json activity = nlohmann::json::array();
    for (const auto& e : d.recent_activity)
      activity.push_back({{"at", web::format_date_time(e.at)},
                          {"actor", actor_label(s.views, req.lang, e.actor_login)},
                          {"action", cat.text(req.lang, "audit.action." + e.action)}});
    const bool cross_agency = !users::is_agency_role(user.role);
    nlohmann::json model = {
        {"cross_agency", cross_agency},
        {"agency_count", d.agencies.size()},
        {"active_users", d.active_users},
        {"agencies_active", d.agencies_active_last_30_days},
        {"agencies", agencies},
        {"has_activity", !activity.empty()},
        {"activity", activity},
        {"agency_name", (!cross_agency && !d.agencies.empty()) ? d.agencies.front().agency.name : ""},
        {"chart_height", 24 * static_cast<int>(d.agencies.size()) + 8},
    };
    // The chart's bars, positioned on the server (no inline style: the CSP forbids it).
    nlohmann::json bars = nlohmann::json::array();
    int y = 4;
    for (const auto& a : agencies) {
      bars.push_back({{"y", y}, {"text_y", y + 14}, {"width", a["bar_width"].get<std::int64_t>() * 3 + 1},
                      {"code", a["code"]}, {"users", a["users"]}, {"value_x", a["bar_width"].get<std::int64_t>() * 3 + 136}});
      y += 24;
    }
    model["bars"] = bars;
    auto info = page_info(req, s, "dashboard.title", "dashboard");
    return Response::html(s.views.page(info, "dashboard", model));
  }});
}

}  // namespace hms::http
