// The yearly indexation of owner rents as pages (issue 4 part 5, issue 15.1): GET /indexation?month=YYYY-MM
// shows what the run would do (a dry run: the check-your-answers step; without a month, the
// latest month that can be calculated), the lines waiting for an index folded into one count,
// rises above the agency's threshold flagged, a warning on a month more than 3 months back;
// POST /indexation stores the new rents but the lines left out (each with its reason), a
// refusal kept as a draft of /indexation; GET /indexation/done?month= lists what was stored
// with the letters, GET /indexation/letters.pdf?month=&owner_id= gives the letters as PDF.
#include <algorithm>
#include <limits>
#include <set>

#include "app/fields/fields.hpp"
#include "app/indexation/indexation_run.hpp"
#include "common/date.hpp"
#include "common/text.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/support/forms.hpp"
#include "http/handlers/support/support.hpp"
#include "web/letters/indexation_letters.hpp"
#include "web/texts.hpp"

namespace hms::http {
namespace {

using nlohmann::json;

// A month typed YYYY-MM, else DomainError(validation, "year_month.invalid") on "month".
YearMonth parse_month(const std::string& value) {
  auto m = YearMonth::parse(value);
  if (!m) throw DomainError(ErrorKind::validation, "year_month.invalid").field("month");
  return m.value();
}

// The month asked for; none: next month (the results and letters of a run prepared ahead).
YearMonth month_of(const std::string& value, const Clock& clock) {
  if (value.empty()) return YearMonth::of(clock.today()).next();
  return parse_month(value);
}

// The choices of the confirm form (POST /indexation): the rows left out ("leave_out", one value
// per contract id) with their reasons ("reason_<id>"), the confirmation of an old month.
app::IndexationChoices choices_of(const Request& req) {
  app::IndexationChoices c;
  c.retroactive_confirmed = req.form_value("retroactive_confirmed") == "yes";
  auto [from, to] = req.form.equal_range("leave_out");
  for (auto it = from; it != to; ++it) {
    try {
      auto id = app::fields::parse_int(it->second, 1, std::numeric_limits<std::int64_t>::max(), "owners.not_found");
      c.left_out[id] = req.form_value("reason_" + std::to_string(id));
    } catch (const DomainError&) {
      // not a contract id: it names no line, nothing to leave out
    }
  }
  return c;
}

// The confirm form as typed, kept as a draft when refused: the month, the confirmation, the ids
// left out (comma-separated) and their reasons.
nlohmann::json typed_choices(const Request& req) {
  nlohmann::json typed = {{"month", req.form_value("month")}, {"retroactive_confirmed", req.form_value("retroactive_confirmed")}};
  std::string ids;
  auto [from, to] = req.form.equal_range("leave_out");
  for (auto it = from; it != to; ++it) {
    if (std::any_of(it->second.begin(), it->second.end(), [](char c) { return c < '0' || c > '9'; }) || it->second.empty())
      continue;
    ids += (ids.empty() ? "" : ",") + it->second;
    typed["reason_" + it->second] = req.form_value("reason_" + it->second);
  }
  typed["leave_out"] = ids;
  return typed;
}

// The lines shown (those waiting for an index are counted, not listed), with what was typed on a
// refused confirm form (`typed`: the draft) and its errors by field.
json lines_json(const Services& s, const Request& req, const app::IndexationRun& run, const json& typed,
                const json& errors) {
  const web::Texts tx{s.views.catalog(), req.lang};
  std::set<std::string> left_out;
  const std::string ids = typed.value("leave_out", std::string());
  for (auto id : split(ids, ',')) left_out.insert(std::string(id));
  json lines = json::array();
  for (const auto& l : run.lines) {
    if (l.outcome == app::IndexationOutcome::index_missing) continue;
    const std::string outcome(app::to_string(l.outcome));
    const std::string id = std::to_string(l.contract.id);
    const bool changes = l.outcome == app::IndexationOutcome::indexed || l.outcome == app::IndexationOutcome::capped;
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
                 {"changes", changes},
                 {"rise", l.increase ? json(web::percent_text(*l.increase, req.lang)) : json()},
                 {"above_threshold", l.above_threshold},
                 {"left_out", left_out.contains(id)},
                 {"reason", typed.value("reason_" + id, std::string())},
                 {"reason_error", errors.value("reason_" + id, std::string())},
                 {"steps", web::indexation_steps(s.views.catalog(), req.lang, l)}};
    if (l.above_threshold)
      line["threshold_text"] = tx.format("indexation.indexation_page.above_threshold",
                                         {{"rise", web::percent_text(*l.increase, req.lang)},
                                          {"threshold", web::percent_text(run.alert_threshold, req.lang)}});
    line["tag"] = l.outcome == app::IndexationOutcome::indexed   ? "green"
                  : l.outcome == app::IndexationOutcome::capped  ? "orange"
                                                                 : "grey";
    lines.push_back(line);
  }
  return lines;
}

json run_model(const Services& s, const Request& req, const app::IndexationRun& run, const json& typed = json::object(),
               const json& errors = json::object()) {
  const web::Texts tx{s.views.catalog(), req.lang};
  std::int64_t changes = 0, waiting = 0, flagged = 0;
  for (const auto& l : run.lines) {
    if (l.outcome == app::IndexationOutcome::indexed || l.outcome == app::IndexationOutcome::capped) ++changes;
    if (l.outcome == app::IndexationOutcome::index_missing) ++waiting;
    if (l.above_threshold) ++flagged;
  }
  const auto lines = lines_json(s, req, run, typed, errors);
  json model = {{"month", run.month.to_string()},
                {"month_label", tx.month(run.month)},
                {"agency", run.agency_code},
                {"lines", lines},
                {"has_lines", !lines.empty()},
                {"changes", changes},
                {"has_changes", changes > 0},
                {"has_flagged", flagged > 0},
                {"threshold_note", tx.format("indexation.indexation_page.threshold_note",
                                             {{"threshold", web::percent_text(run.alert_threshold, req.lang)}})},
                {"retroactive", run.retroactive},
                {"retroactive_confirmed", typed.value("retroactive_confirmed", std::string()) == "yes"}};
  if (run.last_index)
    model["latest_index"] = tx.format("indexation.indexation_page.latest_index", {{"month", tx.month(*run.last_index)}});
  if (waiting > 0)
    model["waiting"] = tx.format("indexation.indexation_page.waiting",
                                 {{"count", std::to_string(waiting)}, {"month", tx.month(run.month.previous())}});
  if (run.retroactive)
    model["retroactive_warning"] = tx.format("indexation.indexation_page.retroactive_warning",
                                             {{"month", tx.month(run.month)}, {"months", std::to_string(run.months_back)}});
  return model;
}

}  // namespace

void add_indexation_page_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/indexation", Access::logged_in, [&s](Request& req) {
    auto ctx = req.context();
    ctx.require(users::Permission::owners_view);
    json model = {{"can_run", ctx.can(users::Permission::owners_manage)}};
    auto info = page_info(req, s, "indexation.indexation_page.title", "indexation");
    auto draft = form_draft(req, s);  // a refused confirm form: its month, choices and errors
    const json typed = draft ? draft->values : json::object();
    std::string asked = draft ? typed.value("month", std::string()) : req.query_value("month");
    try {
      auto month = asked.empty() ? app::default_indexation_month(s.store, ctx) : parse_month(asked);
      model["form"] = {{"month", month.to_string()}};
      // A role over every agency (the region) opening the page chooses the agency first.
      if (asked.empty() && req.query_value("agency").empty() && !ctx.scope().agency_id)
        return Response::html(s.views.page(info, "indexation/run", model));
      auto run = app::run_indexation(s.store, ctx, req.query_value("agency"), month, true);
      json errors = draft ? form_errors(s.views, req.lang, draft->error) : json::object();
      model.update(run_model(s, req, run, typed, errors));
      model["choosing"] = model["has_changes"].get<bool>() && model["can_run"].get<bool>();
      model["shown"] = true;
      if (draft) model["errors"] = errors;
    } catch (const DomainError& e) {
      if (e.kind() != ErrorKind::validation) throw;
      model["errors"] = form_errors(s.views, req.lang, e);
      model["form"] = {{"month", asked}};
      return Response::html(s.views.page(info, "indexation/run", model), 422);
    }
    return Response::html(s.views.page(info, "indexation/run", model), draft ? draft->status : 200);
  }});

  routes.push_back({"POST", "/indexation", Access::logged_in, [&s](Request& req) {
    auto month = month_of(req.form_value("month"), *req.clock);
    return submit_form(
        req, s, "/indexation", FormState(typed_choices(req)),
        [&] {
          app::run_indexation(s.store, req.context(), "", month, false, choices_of(req));
          return Response::redirect("/indexation/done?month=" + month.to_string());
        },
        [&](const DomainError& e, int status) {
          // No session to keep a draft in (or htmx): the preview again, with the errors.
          auto run = app::run_indexation(s.store, req.context(), "", month, true);
          json errors = form_errors(s.views, req.lang, e);
          json model = run_model(s, req, run, typed_choices(req), errors);
          model["can_run"] = true;
          model["choosing"] = model["has_changes"];
          model["shown"] = true;
          model["errors"] = errors;
          model["form"] = {{"month", month.to_string()}};
          auto info = page_info(req, s, "indexation.indexation_page.title", "indexation");
          return Response::html(s.views.page(info, "indexation/run", model), status);
        });
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
