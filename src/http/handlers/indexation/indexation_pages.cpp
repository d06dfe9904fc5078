// The yearly indexation of owner rents as pages (issue 4 part 5): GET /indexation?month=YYYY-MM
// shows what the run would do (a dry run: the check-your-answers step), POST /indexation
// stores the new rents, GET /indexation/done?month= lists what was stored with the letters,
// GET /indexation/letters.pdf?month=&owner_id= gives the letters as PDF.
#include <limits>

#include "app/fields/fields.hpp"
#include "app/indexation/indexation_run.hpp"
#include "common/date.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/support/support.hpp"
#include "web/letters/indexation_letters.hpp"
#include "web/texts.hpp"

namespace hms::http {
namespace {

using nlohmann::json;

// The month asked for; none: next month (runs are prepared ahead of the anniversaries).
YearMonth month_of(const std::string& value, const Clock& clock) {
  if (value.empty()) return YearMonth::of(clock.today()).next();
  auto m = YearMonth::parse(value);
  if (!m) throw DomainError(ErrorKind::validation, "year_month.invalid").field("month");
  return m.value();
}

json lines_json(const Services& s, const Request& req, const app::IndexationRun& run) {
  const web::Texts tx{s.views.catalog(), req.lang};
  json lines = json::array();
  for (const auto& l : run.lines) {
    const std::string outcome(app::to_string(l.outcome));
    json line = {{"contract_id", l.contract.id},
                 {"dwelling_id", l.dwelling.id},
                 {"dwelling", l.dwelling.reference},
                 {"owner_id", l.owner.id},
                 {"owner", l.owner.name},
                 {"anniversary", to_belgian(l.anniversary)},
                 {"current_rent", tx.money(l.current_rent)},
                 {"indexed_rent", l.result ? json(tx.money(l.result->rent)) : json()},
                 {"cap", l.cap ? json(tx.money(*l.cap)) : json()},
                 {"new_rent", tx.money(l.new_rent)},
                 {"outcome", outcome},
                 {"outcome_label", tx.text("indexation.indexation_run.outcome." + outcome)},
                 {"changes", l.outcome == app::IndexationOutcome::indexed || l.outcome == app::IndexationOutcome::capped},
                 {"steps", web::indexation_steps(s.views.catalog(), req.lang, l)}};
    line["tag"] = l.outcome == app::IndexationOutcome::indexed   ? "green"
                  : l.outcome == app::IndexationOutcome::capped  ? "orange"
                  : l.outcome == app::IndexationOutcome::index_missing ? "red"
                                                                       : "grey";
    lines.push_back(line);
  }
  return lines;
}

json run_model(const Services& s, const Request& req, const app::IndexationRun& run) {
  const web::Texts tx{s.views.catalog(), req.lang};
  std::int64_t changes = 0;
  for (const auto& l : run.lines)
    if (l.outcome == app::IndexationOutcome::indexed || l.outcome == app::IndexationOutcome::capped) ++changes;
  return {{"month", run.month.to_string()},
          {"month_label", tx.month(run.month)},
          {"agency", run.agency_code},
          {"lines", lines_json(s, req, run)},
          {"has_lines", !run.lines.empty()},
          {"changes", changes},
          {"has_changes", changes > 0}};
}

}  // namespace

void add_indexation_page_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/indexation", Access::logged_in, [&s](Request& req) {
    auto ctx = req.context();
    ctx.require(users::Permission::owners_view);
    json model = {{"can_run", ctx.can(users::Permission::owners_manage)}};
    auto info = page_info(req, s, "indexation.indexation_page.title", "indexation");
    try {
      auto month = month_of(req.query_value("month"), *req.clock);
      model["form"] = {{"month", month.to_string()}};
      if (!req.query_value("month").empty()) {
        auto run = app::run_indexation(s.store, ctx, req.query_value("agency"), month, true);
        model.update(run_model(s, req, run));
        model["shown"] = true;
      }
    } catch (const DomainError& e) {
      if (e.kind() != ErrorKind::validation) throw;
      model["errors"] = form_errors(s.views, req.lang, e);
      model["form"] = {{"month", req.query_value("month")}};
      return Response::html(s.views.page(info, "indexation/run", model), 422);
    }
    return Response::html(s.views.page(info, "indexation/run", model));
  }});

  routes.push_back({"POST", "/indexation", Access::logged_in, [&s](Request& req) {
    auto month = month_of(req.form_value("month"), *req.clock);
    app::run_indexation(s.store, req.context(), "", month, false);
    return Response::redirect("/indexation/done?month=" + month.to_string());
  }});

  routes.push_back({"GET", "/indexation/done", Access::logged_in, [&s](Request& req) {
    auto month = month_of(req.query_value("month"), *req.clock);
    auto run = app::indexation_done(s.store, req.context(), req.query_value("agency"), month, std::nullopt);
    json model = run_model(s, req, run);
    json owners = json::array();
    for (auto id : web::owners_to_write_to(run))
      for (const auto& l : run.lines)
        if (l.owner.id == id) {
          owners.push_back({{"owner_id", id}, {"owner", l.owner.name}});
          break;
        }
    model["owners"] = owners;
    model["has_owners"] = !owners.empty();
    auto info = page_info(req, s, "indexation.indexation_page.done_title", "indexation");
    return Response::html(s.views.page(info, "indexation/done", model));
  }});

  routes.push_back({"GET", "/indexation/letters.pdf", Access::logged_in, [&s](Request& req) {
    auto month = month_of(req.query_value("month"), *req.clock);
    std::optional<std::int64_t> owner;
    if (auto o = req.query_value("owner_id"); !o.empty()) {
      try {
        owner = app::fields::parse_int(o, 0, std::numeric_limits<std::int64_t>::max(), "owners.not_found");
      } catch (const DomainError&) {
        throw DomainError(ErrorKind::not_found, "owners.not_found");  // an id that does not read names no owner
      }
    }
    auto run = app::indexation_done(s.store, req.context(), req.query_value("agency"), month, owner,
                                    app::IndexationRead::letters);
    Response r;
    r.content_type = "application/pdf";
    r.body = web::indexation_letters_pdf(s.views.catalog(), run, owner, req.clock->today());
    std::string name = "indexation-" + run.agency_code + "-" + month.to_string() +
                       (owner ? "-owner-" + std::to_string(*owner) : std::string()) + ".pdf";
    r.headers.emplace("Content-Disposition", "attachment; filename=\"" + name + "\"");
    return r;
  }});
}

}  // namespace hms::http
