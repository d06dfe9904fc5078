// The bank in the API (contract E): GET /api/v1/bank/movements?status=unmatched|matched (a
// list: items/total, limit/offset; the counterparty IBAN masked) and
// POST /api/v1/bank/movements/{id}/match {"lease_id": N} (a person matches a credit by hand).
#include "http/handlers/bank/bank_json.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/support/support.hpp"

namespace hms::http {

using users::Permission;

std::optional<bank::MovementStatus> movement_status_query(const Request& req) {
  const auto v = req.query_value("status");
  if (v.empty()) return std::nullopt;
  auto status = bank::parse_movement_status(v);
  if (!status) throw std::move(DomainError(ErrorKind::validation, "bank.invalid_status").param("value", v).field("status"));
  return status;
}

void add_bank_api_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/api/v1/bank/movements", needing(Permission::ledger_view), [&s](Request& req) {
    const auto status = movement_status_query(req);
    auto page = app::list_bank_movements(s.store, req.context(), status, req.paging());
    return Response::json(list_json(page, movement_json).dump());
  }});

  routes.push_back({"POST", "/api/v1/bank/movements/{id}/match", reaching("bank_movement", Permission::ledger_post),
                    [&s](Request& req) {
    const auto id = req.path_id();
    app::read_bank_movement(s.store, req.context(), id);  // 404 before looking at the body
    auto body = json_body(req);
    std::optional<std::int64_t> lease_id;
    for (const auto& [key, value] : body.items()) {
      if (key != "lease_id") throw std::move(DomainError(ErrorKind::validation, "common.unknown_field").param("field", key).field(key));
      if (!value.is_number_integer()) throw std::move(DomainError(ErrorKind::validation, "bank.invalid_lease").field("lease_id"));
      lease_id = value.get<std::int64_t>();
    }
    if (!lease_id) throw std::move(DomainError(ErrorKind::validation, "bank.invalid_lease").field("lease_id"));
    return Response::json(movement_json(app::match_bank_movement(s.store, req.context(), id, *lease_id)).dump());
  }});
}

}  // namespace hms::http
