// The ledger in the API (contract E): GET /api/v1/leases/{id}/balance?date=,
// GET /api/v1/ledger/trial-balance?from=&to=, POST /api/v1/rent-runs {"month", "dry_run"}
// (the CLI's `hms rent run` for the actor's agency, same JSON with the lines), an entry
// (GET /api/v1/ledger/entries/{id}) and its reversal (POST …/reversal {"date"}, default today), and a lease's
// deposit (GET /api/v1/leases/{id}/deposit, POST …/deposit/received {"date"},
// POST …/deposit/return {"date", "returned"}).
#include "app/fields/fields.hpp"
#include "http/handlers/ledger/ledger_json.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/support/support.hpp"

namespace hms::http {

using users::Permission;

namespace {

std::chrono::year_month_day date_query(const Request& req, const char* name, std::chrono::year_month_day fallback) {
  auto v = req.query_value(name);
  return v.empty() ? fallback : query_field(v, name, app::fields::parse_date, "common.invalid_date");
}

// The fields of a small body, each a string; an unknown one is refused (common.unknown_field).
std::map<std::string, std::optional<std::string>> body_fields(const Request& req, std::initializer_list<const char*> names) {
  auto body = json_body(req);
  std::map<std::string, std::optional<std::string>> out;
  BodyReader r{body, {}};
  for (const char* name : names) r.read(name, out[name]);
  r.finish();
  return out;
}

}  // namespace

void add_ledger_api_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/api/v1/leases/{id}/balance", reaching("lease", Permission::ledger_view), [&s](Request& req) {
    const auto day = date_query(req, "date", req.context().clock.today());
    return Response::json(balance_json(app::lease_balance(s.store, req.context(), req.path_id(), day)).dump());
  }});

  routes.push_back({"GET", "/api/v1/ledger/trial-balance", needing(Permission::ledger_view), [&s](Request& req) {
    const auto today = req.context().clock.today();
    const auto from = date_query(req, "from", std::chrono::year_month_day{today.year(), std::chrono::January, std::chrono::day{1}});
    const auto to = date_query(req, "to", today);
    const web::Texts tx{s.views.catalog(), req.lang};
    return Response::json(trial_balance_json(app::trial_balance(s.store, req.context(), from, to), tx).dump());
  }});

  routes.push_back({"GET", "/api/v1/ledger/entries/{id}", reaching("ledger_entry", Permission::ledger_view), [&s](Request& req) {
    const auto view = app::read_entry(s.store, req.context(), req.path_id());
    return Response::json(entry_json(view.entry, view.reversed_by).dump());
  }});

  routes.push_back({"POST", "/api/v1/ledger/entries/{id}/reversal", reaching("ledger_entry", Permission::ledger_post), [&s](Request& req) {
    const auto id = req.path_id();
    app::read_entry(s.store, req.context(), id);  // another agency's entry: 404 before the body
    auto f = body_fields(req, {"date"});
    const auto date = f["date"] ? query_field(*f["date"], "date", app::fields::parse_date, "common.invalid_date")
                                : req.context().clock.today();
    auto reversal = app::reverse_entry(s.store, req.context(), id, date);
    return Response::json(entry_json(reversal, std::nullopt).dump(), 201);
  }});

  routes.push_back({"GET", "/api/v1/leases/{id}/deposit", reaching("lease", Permission::ledger_view), [&s](Request& req) {
    const auto id = req.path_id();
    const auto postings = app::deposit_postings(s.store, req.context(), id);
    return Response::json(deposit_json(app::find_lease(s.store, req.context(), id), postings).dump());
  }});

  routes.push_back({"POST", "/api/v1/leases/{id}/deposit/received", reaching("lease", Permission::ledger_post), [&s](Request& req) {
    const auto id = req.path_id();
    app::find_lease(s.store, req.context(), id);
    auto f = body_fields(req, {"date"});
    return Response::json(entry_json(app::receive_deposit(s.store, req.context(), id, f["date"]), std::nullopt).dump(), 201);
  }});

  routes.push_back({"POST", "/api/v1/leases/{id}/deposit/return", reaching("lease", Permission::ledger_post), [&s](Request& req) {
    const auto id = req.path_id();
    app::find_lease(s.store, req.context(), id);
    auto f = body_fields(req, {"date", "returned"});
    auto entry = app::return_deposit(s.store, req.context(), id, f["date"], f["returned"]);
    return Response::json(entry_json(entry, std::nullopt).dump(), 201);
  }});

  routes.push_back({"POST", "/api/v1/rent-runs", needing(Permission::ledger_view), [&s](Request& req) {
    auto body = json_body(req);
    std::optional<std::string> month_text, dry_run_text;
    BodyReader r{body, {}};
    r.read("month", month_text);
    r.read("dry_run", dry_run_text);
    r.finish();
    const auto month = app::parse_ledger_month(month_text.value_or(""));
    const bool dry_run = dry_run_text && app::fields::parse_yes_no(*dry_run_text, "common.invalid_yes_no");
    auto run = app::run_rent(s.store, req.context(), "", month, dry_run);
    return Response::json(rent_run_json(run, true).dump(), dry_run ? 200 : 201);
  }});
}

}  // namespace hms::http
