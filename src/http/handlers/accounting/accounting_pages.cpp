// The accounting export's page: GET /accounting (the form and the agency's exports, each with the
// entries posted into its span after it, flagged), POST /accounting/exports (exports a span and
// comes back to the page with its files) and GET /accounting/exports/{id}/file?name=ACT.txt (one
// file of an export, the same bytes as when it was made).
#include "app/accounting/accounting.hpp"
#include "app/fields/fields.hpp"
#include "common/date.hpp"
#include "common/year_month.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/support/forms.hpp"
#include "http/handlers/support/json_body.hpp"
#include "http/handlers/support/pages.hpp"
#include "http/handlers/support/support.hpp"
#include "web/texts.hpp"
#include "web/views.hpp"

namespace hms::http {

using nlohmann::json;
using users::Permission;

namespace {

// The history shows this many exports, the latest first.
constexpr int kShown = 50;

json files_view(const accounting::ExportRecord& r) {
  json files = json::array();
  for (const auto& name : accounting::file_names(r.format))
    files.push_back({{"name", name}, {"href", "/accounting/exports/" + std::to_string(r.id) + "/file?name=" + name}});
  return files;
}

Response accounting_page(const Request& req, const Services& s, const json& typed, const DomainError* error, int status) {
  const auto ctx = req.context();
  const web::Texts tx{s.views.catalog(), req.lang};
  // The month before this one, by default: what the accountant usually asks for.
  const auto last = YearMonth::of(ctx.clock.today()).previous();
  const json errors = error ? errors_of(s, req, *error, {"from", "to", "format"}) : json::object();
  const auto done = query_id(req, "done");
  json rows = json::array();
  json just_made;
  for (const auto& r : app::accounting_exports(s.store, ctx, kShown)) {
    json row = {{"id", r.id},
                {"span", to_belgian(r.from) + " – " + to_belgian(r.to)},
                {"format", tx.text("accounting.formats." + std::string(accounting::to_string(r.format)))},
                {"entries", r.entries},
                {"lines", r.lines},
                {"by", r.exported_by_name.empty() ? tx.text("accounting.by_cli") : r.exported_by_name},
                {"at", web::format_date_time(r.exported_at)},
                {"files", files_view(r)},
                {"late", r.posted_after > 0},
                {"late_text", tx.format("accounting.posted_after", {{"count", std::to_string(r.posted_after)}})}};
    if (done && *done == r.id) {
      just_made = row;
      just_made["done_text"] = tx.format("accounting.done", {{"entries", std::to_string(r.entries)},
                                                             {"lines", std::to_string(r.lines)}});
    }
    rows.push_back(row);
  }
  json model = {{"from", typed.value("from", to_iso(last.first_day()))},
                {"to", typed.value("to", to_iso(last.last_day()))},
                {"winbooks", typed.value("format", "winbooks") == "winbooks"},
                {"csv", typed.value("format", "winbooks") == "csv"},
                {"rows", rows},
                {"has_rows", !rows.empty()},
                {"done", just_made.is_null() ? json(false) : just_made}};
  if (error) model["errors"] = errors;
  return Response::html(s.views.page(page_info(req, s, "accounting.title", "accounting"), "accounting/page", model), status);
}

}  // namespace

void add_accounting_page_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/accounting", needing(Permission::accounting_export), [&s](Request& req) {
    return accounting_page(req, s, json::object(), nullptr, 200);
  }});

  routes.push_back({"POST", "/accounting/exports", needing(Permission::accounting_export), [&s](Request& req) {
    json typed = json::object();
    for (const char* name : {"from", "to", "format"})
      if (auto it = req.form.find(name); it != req.form.end()) typed[name] = it->second;
    return submit_form(
        [&] {
          const auto from = query_field(app::fields::iso_of_typed_date(typed.value("from", "")), "from",
                                        app::fields::parse_date, "common.invalid_date");
          const auto to = query_field(app::fields::iso_of_typed_date(typed.value("to", "")), "to",
                                      app::fields::parse_date, "common.invalid_date");
          const auto done = app::export_accounting(s.store, req.context(), std::nullopt, from, to,
                                                   app::parse_accounting_format(typed.value("format", "")));
          return Response::redirect("/accounting?done=" + std::to_string(done.record.id));
        },
        [&](const DomainError& e, int status) { return accounting_page(req, s, typed, &e, status); });
  }});

  routes.push_back({"GET", "/accounting/exports/{id}/file", reaching("accounting_export", Permission::accounting_export),
                    [&s](Request& req) {
                      auto done = app::exported_files(s.store, req.context(), req.path_id());
                      const std::string name = req.query_value("name");
                      for (auto& f : done.files)
                        if (f.name == name || (name.empty() && &f == &done.files.front()))
                          return download(f.name, f.name.ends_with(".csv") ? "text/csv; charset=utf-8" : "text/plain; charset=utf-8",
                                          std::move(f.bytes));
                      throw DomainError(ErrorKind::not_found, "accounting.no_such_file");
                    }});
}

}  // namespace hms::http
