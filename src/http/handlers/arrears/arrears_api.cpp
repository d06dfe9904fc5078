// Arrears in the API (contract E): GET /api/v1/arrears?date=YYYY-MM-DD → {"items": [{"lease_id",
// "balance", "oldest_unpaid", "days", "step"}], "total", "ageing": {"0_30", "31_60", "61_90",
// "over_90"}}: the actor's agency's leases whose balance is positive on that day (today by
// default), the oldest unpaid first. No name: a lease's household is read on its own route.
// GET /api/v1/leases/{id}/payment-plans?date= → {"lease_id", "date", "balance", "items": [{"id",
// "agreed_on", "start_balance", "total", "instalments", "first_due", "grace_days", "state",
// "paid_off", "left", "breached_on", "schedule": [{"number", "due", "deadline", "amount",
// "state"}]}]}: a lease's payment plans followed on that day.
#include "app/arrears/arrears.hpp"
#include "app/arrears/payment_plans.hpp"
#include "common/date.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/support/json_body.hpp"
#include "http/handlers/support/support.hpp"

namespace hms::http {

using users::Permission;

namespace {

nlohmann::json ageing_json(const arrears::Ageing& ageing) {
  return {{"0_30", ageing[0].format_plain()},
          {"31_60", ageing[1].format_plain()},
          {"61_90", ageing[2].format_plain()},
          {"over_90", ageing[3].format_plain()}};
}

}  // namespace

void add_arrears_api_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/api/v1/arrears", needing(Permission::ledger_view), [&s](Request& req) {
    const auto day = query_date(req, "date").value_or(req.context().clock.today());
    const auto list = app::arrears_on(s.store, req.context(), day);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& a : list.items)
      items.push_back({{"lease_id", a.lease_id},
                       {"balance", a.balance.format_plain()},
                       {"oldest_unpaid", to_iso(*a.oldest_unpaid)},
                       {"days", a.days},
                       {"step", arrears::to_string(a.step)}});
    return Response::json(nlohmann::json{{"date", to_iso(day)},
                                         {"items", items},
                                         {"total", list.total.format_plain()},
                                         {"ageing", ageing_json(list.ageing)}}
                              .dump());
  }});

  // A lease's payment plans, followed on ?date= (today by default), newest first.
  routes.push_back({"GET", "/api/v1/leases/{id}/payment-plans", reaching("lease", Permission::ledger_view), [&s](Request& req) {
    const auto day = query_date(req, "date").value_or(req.context().clock.today());
    const auto view = app::lease_plans(s.store, req.context(), req.path_id(), day);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& [plan, progress] : view.plans) {
      nlohmann::json schedule = nlohmann::json::array();
      for (std::size_t i = 0; i < progress.instalments.size(); ++i)
        schedule.push_back({{"number", progress.instalments[i].number},
                            {"due", to_iso(progress.instalments[i].due)},
                            {"deadline", to_iso(progress.instalments[i].deadline)},
                            {"amount", progress.instalments[i].amount.format_plain()},
                            {"state", arrears::to_string(progress.states[i])}});
      items.push_back({{"id", plan.id},
                       {"agreed_on", to_iso(plan.agreed_on)},
                       {"start_balance", plan.start_balance.format_plain()},
                       {"total", plan.total.format_plain()},
                       {"instalments", plan.instalments},
                       {"first_due", to_iso(plan.first_due)},
                       {"grace_days", plan.grace_days},
                       {"state", arrears::to_string(progress.state)},
                       {"paid_off", progress.paid_off.format_plain()},
                       {"left", progress.left.format_plain()},
                       {"breached_on", progress.breached_on ? nlohmann::json(to_iso(*progress.breached_on)) : nlohmann::json()},
                       {"schedule", schedule}});
    }
    return Response::json(nlohmann::json{{"lease_id", view.lease.id},
                                         {"date", to_iso(day)},
                                         {"balance", view.balance.format_plain()},
                                         {"items", items}}
                              .dump());
  }});
}

}  // namespace hms::http
