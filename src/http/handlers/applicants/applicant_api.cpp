// Applicants in the API (contract D): GET|POST /api/v1/applicants, GET|PATCH /api/v1/applicants/{id},
// POST /api/v1/applicants/{id}/renew, GET /api/v1/applicants/{id}/subject-access (the copy of a
// household's data, GDPR art. 15), POST /api/v1/applicants/{id}/erase (art. 17, the agency admin). The agency's users only: every route needs applicants_view
// (403 for the region, the federation and the system admin).
#include "app/applicants/erasure.hpp"
#include "app/applicants/subject_access.hpp"
#include "common/date.hpp"
#include "http/handlers/applicants/applicants_json.hpp"
#include "http/handlers/leases/leases_json.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/support/support.hpp"

namespace hms::http {

using users::Permission;

namespace {

nlohmann::json subject_access_json(const app::SubjectAccess& sa) {
  using nlohmann::json;
  json changes = json::array(), decisions = json::array(), leases = json::array(), events = json::array();
  for (const auto& c : sa.changes)
    changes.push_back({{"at", c.changed_at}, {"action", c.action}, {"fields", c.fields}, {"by", c.user_name}});
  for (const auto& d : sa.decisions)
    decisions.push_back({{"dwelling", d.dwelling_reference}, {"kind", allocation::to_string(d.kind)}, {"place", d.place},
                         {"reason", d.reason}, {"decided_on", to_iso(d.decided_on)}});
  for (const auto& l : sa.leases) {
    json inventories = json::array(), deposit = json::array(), lines = json::array();
    for (const auto& inv : l.inventories) inventories.push_back(inventory_json(inv));
    for (const auto& p : l.deposit)
      deposit.push_back({{"event", leases::to_string(p.event)}, {"date", to_iso(p.date)}, {"amount", p.amount.format_plain()},
                         {"reversed", p.reversed}});
    for (const auto& line : l.lines)
      lines.push_back({{"date", to_iso(line.date)}, {"journal", ledger::to_string(line.journal)},
                       {"entry", std::to_string(line.year) + "/" + std::to_string(line.number)}, {"description", line.description},
                       {"debit", line.debit.format_plain()}, {"credit", line.credit.format_plain()}});
    leases.push_back({{"lease", lease_json(l.lease)}, {"inventories", inventories}, {"deposit", deposit}, {"account", lines}});
  }
  for (const auto& e : sa.events)
    events.push_back({{"at", e.at}, {"action", e.action}, {"by", e.actor_login}, {"object", e.object_type + "/" + e.object_id}});
  return {{"agency", sa.agency_code}, {"date", to_iso(sa.date)},   {"household", applicant_json(sa.household, true)},
          {"changes", changes},       {"decisions", decisions},   {"leases", leases},
          {"events", events}};
}

}  // namespace

void add_applicant_api_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/api/v1/applicants", needing(Permission::applicants_view), [&s](Request& req) {
    auto page = app::list_applicants(s.store, req.context(), applicant_query(req), req.paging());
    return Response::json(list_json(page, [](const applicants::Applicant& a) { return applicant_json(a, false); }).dump());
  }});

  routes.push_back({"POST", "/api/v1/applicants", needing(Permission::applicants_manage), [&s](Request& req) {
    auto a = app::create_applicant(s.store, req.context(), applicant_fields(json_body(req)));
    return Response::json(applicant_json(a, true).dump(), 201);
  }});

  routes.push_back({"GET", "/api/v1/applicants/{id}", reaching("applicant", Permission::applicants_view), [&s](Request& req) {
    return Response::json(applicant_json(app::find_applicant(s.store, req.context(), req.path_id()), true).dump());
  }});

  routes.push_back({"PATCH", "/api/v1/applicants/{id}", reaching("applicant", Permission::applicants_manage), [&s](Request& req) {
    auto id = req.path_id();
    app::require_applicant_visible(s.store, req.context(), id);  // 404 before looking at the body
    auto a = app::update_applicant(s.store, req.context(), id, applicant_fields(json_body(req)));
    return Response::json(applicant_json(a, true).dump());
  }});

  routes.push_back({"GET", "/api/v1/applicants/{id}/subject-access", reaching("applicant", Permission::applicants_manage),
                    [&s](Request& req) {
                      return Response::json(subject_access_json(app::subject_access(s.store, req.context(), req.path_id())).dump());
                    }});

  routes.push_back({"POST", "/api/v1/applicants/{id}/erase", reaching("applicant", Permission::personal_data_erase),
                    [&s](Request& req) {
                      return Response::json(applicant_json(app::erase_household(s.store, req.context(), req.path_id()), false).dump());
                    }});

  routes.push_back({"POST", "/api/v1/applicants/{id}/renew", reaching("applicant", Permission::applicants_manage), [&s](Request& req) {
    auto a = app::renew_applicant(s.store, req.context(), req.path_id());
    return Response::json(applicant_json(a, false).dump());
  }});
}

}  // namespace hms::http
