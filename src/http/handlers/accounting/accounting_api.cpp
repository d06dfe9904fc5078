// The accounting export in the API: GET /api/v1/accounting/exports (the agency's latest
// exports, each with the entries posted after it into its span) and POST
// /api/v1/accounting/exports {"from", "to", "format"} → 201 with the record and its files' names
// (the files themselves: GET /accounting/exports/{id}/file?name=…).
#include "app/accounting/accounting.hpp"
#include "app/fields/fields.hpp"
#include "common/date.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/support/json_body.hpp"
#include "http/handlers/support/support.hpp"

namespace hms::http {

using users::Permission;

namespace {

nlohmann::json export_json(const accounting::ExportRecord& r) {
  nlohmann::json files = nlohmann::json::array();
  for (const auto& name : accounting::file_names(r.format)) files.push_back(name);
  return {{"id", r.id},
          {"from", to_iso(r.from)},
          {"to", to_iso(r.to)},
          {"format", accounting::to_string(r.format)},
          {"entries", r.entries},
          {"lines", r.lines},
          {"digest", r.digest},
          {"exported_at", r.exported_at},
          {"posted_after", r.posted_after},
          {"files", files}};
}

}  // namespace

void add_accounting_api_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/api/v1/accounting/exports", needing(Permission::accounting_export), [&s](Request& req) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& r : app::accounting_exports(s.store, req.context(), 500)) items.push_back(export_json(r));
    return Response::json(nlohmann::json{{"items", items}}.dump());
  }});

  routes.push_back({"POST", "/api/v1/accounting/exports", needing(Permission::accounting_export), [&s](Request& req) {
    auto body = json_body(req);
    std::optional<std::string> from, to, format;
    BodyReader r{body, {}};
    r.read("from", from);
    r.read("to", to);
    r.read("format", format);
    r.finish();
    const auto first = query_field(from.value_or(""), "from", app::fields::parse_date, "common.invalid_date");
    const auto last = query_field(to.value_or(""), "to", app::fields::parse_date, "common.invalid_date");
    const auto done = app::export_accounting(s.store, req.context(), std::nullopt, first, last,
                                             app::parse_accounting_format(format.value_or("")));
    return Response::json(export_json(done.record).dump(), 201);
  }});
}

}  // namespace hms::http
