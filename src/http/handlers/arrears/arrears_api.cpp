// Arrears in the API (contract E): GET /api/v1/arrears?date=YYYY-MM-DD → {"items": [{"lease_id",
// "balance", "oldest_unpaid", "days", "step"}], "total", "ageing": {"0_30", "31_60", "61_90",
// "over_90"}}: the actor's agency's leases whose balance is positive on that day (today by
// default), the oldest unpaid first. No name: a lease's household is read on its own route.
#include "app/arrears/arrears.hpp"
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
}

}  // namespace hms::http
