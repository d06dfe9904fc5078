// The audit log: GET /audit (page) and GET /api/v1/audit, limited to the actor's agency.
#include "app/audit/audit_check.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/support/forms.hpp"
#include "http/handlers/support/pages.hpp"
#include "http/handlers/support/support.hpp"

namespace hms::http {

void add_audit_routes(std::vector<Route>& routes, Services& s) {
  auto entry_json = [](const audit::AuditEntry& e) {
    return nlohmann::json{{"id", e.id},         {"at", e.at},
                          {"actor", e.actor_login}, {"action", e.action},
                          {"object_type", e.object_type}, {"object_id", e.object_id},
                          {"request_id", e.request_id}, {"details", e.details}};
  };
  routes.push_back({"GET", "/api/v1/audit", Access::logged_in, [&s, entry_json](Request& req) {
    return Response::json(list_json(app::list_audit(s.store, req.context(), req.paging()), entry_json).dump());
  }});

  routes.push_back({"GET", "/audit", Access::logged_in, [&s, entry_json](Request& req) {
    auto paging = req.paging();
    auto page = app::list_audit(s.store, req.context(), paging);
    auto model = list_json(page, [&](const audit::AuditEntry& e) {
      auto j = entry_json(e);
      j["at"] = web::format_date_time(e.at);
      j["actor"] = actor_label(s.views, req.lang, e.actor_login);
      j["action_label"] = s.views.catalog().text(req.lang, "audit.action." + e.action);
      return j;
    });
    ListPage list{model["items"], page.total, paging, {}, "", false};  // no agency filter
    model = list_page_model(req, s, list);
    return Response::html(s.views.page(page_info(req, s, "audit.title", "audit"), "audit/list", model));
  }});
}

}  // namespace hms::http
