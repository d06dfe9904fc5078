// The arrears pages: GET /arrears?date= (what the households owe on a day, by age, and the leases
// in arrears, the oldest unpaid first, each with the step of the reminder ladder it reached) and
// GET|POST /settings/reminders (the agency's ladder, the agency admin), GET|POST
// /arrears/leases/{id}/plan (a lease's payment plans) and its cancel.
#include <map>

#include "app/arrears/arrears.hpp"
#include "app/arrears/payment_plans.hpp"
#include "app/fields/fields.hpp"
#include "common/date.hpp"
#include "domain/leases/payment_reference.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/support/forms.hpp"
#include "http/handlers/support/json_body.hpp"
#include "http/handlers/support/pages.hpp"
#include "http/handlers/support/support.hpp"
#include "web/letters/reminder_letter.hpp"
#include "web/texts.hpp"

namespace hms::http {

using nlohmann::json;
using users::Permission;

namespace {

// The page shows this many leases, the oldest unpaid first; the API answers them all.
constexpr std::size_t kShown = 200;

constexpr const char* kLadderFields[] = {"reminder_days",        "reminder_threshold",        "second_reminder_days",
                                         "second_reminder_threshold", "formal_notice_days", "formal_notice_threshold"};

json ladder_view(const web::Texts& tx, const arrears::Ladder& ladder) {
  json out = json::array();
  for (const auto& rung : ladder.rungs) {
    const std::string step(arrears::to_string(rung.step));
    out.push_back({{"step", step},
                   {"label", tx.text("arrears.steps." + step)},
                   {"rule", tx.format("arrears.rung", {{"days", std::to_string(rung.after_days)},
                                                       {"threshold", tx.money(rung.threshold)}})}});
  }
  return out;
}

Response arrears_page(Request& req, Services& s) {
  const auto ctx = req.context();
  const web::Texts tx{s.views.catalog(), req.lang};
  const auto day = query_date(req, "date").value_or(ctx.clock.today());
  auto list = app::arrears_on(s.store, ctx, day);
  std::vector<arrears::LeaseArrears> shown(list.items.begin(),
                                           list.items.begin() + static_cast<std::ptrdiff_t>(std::min(list.items.size(), kShown)));
  std::map<std::int64_t, leases::Lease> by_id;
  if (ctx.can(Permission::leases_view))
    for (auto& l : app::arrears_leases(s.store, ctx, shown)) by_id.emplace(l.id, std::move(l));
  const auto letters = app::last_letters(s.store, ctx);
  const auto plans = app::plan_states(s.store, ctx, day);
  json rows = json::array();
  for (const auto& a : shown) {
    json row = {{"lease_id", a.lease_id},
                {"balance", tx.money(a.balance)},
                {"oldest_unpaid", to_belgian(*a.oldest_unpaid)},
                {"days", a.days},
                {"step", tx.text("arrears.steps." + std::string(arrears::to_string(a.step)))},
                {"step_key", std::string(arrears::to_string(a.step))}};
    for (std::size_t i = 0; i < a.ageing.size(); ++i)
      row["age" + std::to_string(i)] = a.ageing[i] == Money::zero() ? std::string() : tx.money(a.ageing[i]);
    const auto plan = plans.find(a.lease_id);
    const bool plan_running = plan != plans.end() && plan->second == arrears::PlanState::running;
    row["can_write"] = a.step != arrears::Step::none && ctx.can(Permission::leases_view) && !plan_running;
    row["can_plan"] = ctx.can(Permission::leases_view);
    if (plan != plans.end()) {
      row["plan"] = tx.text("arrears.plan.state." + std::string(arrears::to_string(plan->second)));
      row["plan_key"] = std::string(arrears::to_string(plan->second));
    }
    if (auto l = letters.find(a.lease_id); l != letters.end())
      row["last_letter"] = tx.format("arrears.letter.last_sent",
                                     {{"step", tx.text("arrears.steps." + std::string(arrears::to_string(l->second.step)))},
                                      {"date", to_belgian(l->second.date)}});
    if (auto it = by_id.find(a.lease_id); it != by_id.end()) {
      row["dwelling"] = it->second.dwelling_reference;
      row["household"] = it->second.household_name;
      row["reference"] = leases::format_payment_reference(it->second.payment_reference);
    }
    rows.push_back(row);
  }
  json ageing = json::array();
  for (std::size_t i = 0; i < list.ageing.size(); ++i)
    ageing.push_back({{"label", tx.text("arrears.ages.a" + std::to_string(i))}, {"amount", tx.money(list.ageing[i])}});
  json model = {{"date", to_iso(day)},
                {"rows", rows},
                {"has_rows", !rows.empty()},
                {"count", tx.format("arrears.count", {{"count", std::to_string(list.items.size())},
                                                      {"total", tx.money(list.total)}})},
                {"more", list.items.size() > shown.size()},
                {"more_text", tx.format("arrears.more", {{"shown", std::to_string(shown.size())}})},
                {"ageing", ageing},
                {"total", tx.money(list.total)},
                {"ladder", ladder_view(tx, list.ladder)},
                {"default_ladder", list.default_ladder},
                {"can_change_ladder", ctx.can(Permission::agency_settings_manage)}};
  return Response::html(s.views.page(page_info(req, s, "arrears.title", "arrears"), "arrears/list", model));
}

constexpr const char* kPlanFields[] = {"total", "instalments", "first_due", "grace_days"};

// GET|POST /arrears/leases/{id}/plan: the lease's balance, its plans with their instalments (met,
// pending or missed) and, when it owes something without a plan running, the form of a new one
// (what the reader typed, else the whole balance in 6 instalments from the 5th of next month,
// 10 days of grace).
Response plan_page(const Request& req, const Services& s, const json& typed, const DomainError* error, int status) {
  const auto ctx = req.context();
  const web::Texts tx{s.views.catalog(), req.lang};
  const auto today = ctx.clock.today();
  const auto view = app::lease_plans(s.store, ctx, req.path_id(), today);
  json plans = json::array();
  for (const auto& [plan, progress] : view.plans) {
    json rows = json::array();
    for (std::size_t i = 0; i < progress.instalments.size(); ++i) {
      const auto& inst = progress.instalments[i];
      const std::string state(arrears::to_string(progress.states[i]));
      rows.push_back({{"number", inst.number},
                      {"due", to_belgian(inst.due)},
                      {"deadline", to_belgian(inst.deadline)},
                      {"amount", tx.money(inst.amount)},
                      {"cumulative", tx.money(inst.cumulative)},
                      {"state", tx.text("arrears.plan.instalment." + state)},
                      {"state_key", state}});
    }
    const std::string state(arrears::to_string(progress.state));
    json p = {{"id", plan.id},
              {"state", tx.text("arrears.plan.state." + state)},
              {"state_key", state},
              {"summary", tx.format("arrears.plan.summary", {{"total", tx.money(plan.total)},
                                                             {"count", std::to_string(plan.instalments)},
                                                             {"agreed", to_belgian(plan.agreed_on)},
                                                             {"grace", std::to_string(plan.grace_days)}})},
              {"paid_off", tx.format("arrears.plan.paid_off", {{"paid", tx.money(progress.paid_off)},
                                                               {"left", tx.money(progress.left)}})},
              {"instalments", rows},
              {"can_cancel", progress.state == arrears::PlanState::running && ctx.can(Permission::ledger_post)}};
    if (progress.breached_on)
      p["breached"] = tx.format("arrears.plan.breached_on", {{"date", to_belgian(*progress.breached_on)}});
    plans.push_back(p);
  }
  const json errors = error ? errors_of(s, req, *error, {"total", "instalments", "first_due", "grace_days"}) : json::object();
  const auto next_fifth = YearMonth::of(today).plus_months(1).first_day();
  json form = json::object();
  const json defaults = {{"total", amount_text(view.balance, req.lang)},
                         {"instalments", "6"},
                         {"first_due", to_iso(add_days(next_fifth, 4))},
                         {"grace_days", "10"}};
  for (const char* f : kPlanFields) {
    form[f] = typed.value(f, defaults.value(f, ""));
    form[std::string(f) + "_error"] = errors.value(f, json());
  }
  json model = {{"lease_id", view.lease.id},
                {"dwelling", view.lease.dwelling_reference},
                {"household", view.lease.household_name},
                {"reference", leases::format_payment_reference(view.lease.payment_reference)},
                {"balance", tx.money(view.balance)},
                {"plans", plans},
                {"has_plans", !plans.empty()},
                {"can_make", view.can_make && ctx.can(Permission::ledger_post)},
                {"owes_nothing", view.balance <= Money::zero()},
                {"form", form},
                {"saved", req.query_value("saved") == "1"}};
  if (error) model["errors"] = errors;
  return Response::html(s.views.page(page_info(req, s, "arrears.plan.title", "arrears"), "arrears/plan", model), status);
}

Response ladder_page(const Request& req, const Services& s, const json& typed, const DomainError* error, int status) {
  auto current = app::reminder_ladder(s.store, req.context());
  const json errors = error ? errors_of(s, req, *error,
                                        {"reminder_days", "reminder_threshold", "second_reminder_days",
                                         "second_reminder_threshold", "formal_notice_days", "formal_notice_threshold"})
                           : json::object();
  // Each step with what the reader typed, else the ladder in force.
  json steps = json::array();
  for (const auto& rung : current.ladder.rungs) {
    const std::string step(arrears::to_string(rung.step));
    const std::string days = step + "_days", threshold = step + "_threshold";
    steps.push_back({{"step", step},
                     {"label", text(s, req, "arrears.steps." + step)},
                     {"days_field", days},
                     {"threshold_field", threshold},
                     {"days", typed.value(days, std::to_string(rung.after_days))},
                     {"threshold", typed.value(threshold, amount_text(rung.threshold, req.lang))},
                     {"days_error", errors.value(days, json())},
                     {"threshold_error", errors.value(threshold, json())}});
  }
  json model = {{"steps", steps}, {"is_default", current.is_default}, {"saved", req.query_value("saved") == "1"}};
  if (error) model["errors"] = errors;
  return Response::html(s.views.page(page_info(req, s, "arrears.ladder_title", "settings"), "arrears/ladder", model),
                        status);
}

}  // namespace

void add_arrears_page_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/arrears", needing(Permission::ledger_view), [&s](Request& req) { return arrears_page(req, s); }});

  // The reminder letter of the step the lease reached on the day: recorded as sent, as a PDF.
  routes.push_back({"POST", "/arrears/leases/{id}/letter", reaching("lease", Permission::ledger_view), [&s](Request& req) {
    const auto& ctx = req.context();
    const auto asked = req.form_value("date");
    const auto day = asked.empty() ? ctx.clock.today()
                                   : query_field(asked, "date", app::fields::parse_date, "common.invalid_date");
    const auto letter = app::send_reminder(s.store, ctx, req.path_id(), day);
    return download("reminder-" + letter.to.lease.dwelling_reference + "-" + to_iso(day) + ".pdf", "application/pdf",
                    web::reminder_letter_pdf(s.views.catalog(), letter));
  }});

  // A lease's payment plans, and a new one.
  routes.push_back({"GET", "/arrears/leases/{id}/plan", reaching("lease", Permission::ledger_view), [&s](Request& req) {
    return plan_page(req, s, json::object(), nullptr, 200);
  }});
  routes.push_back({"POST", "/arrears/leases/{id}/plan", reaching("lease", Permission::ledger_post), [&s](Request& req) {
    app::PlanFields f;
    json typed = json::object();
    std::optional<std::string>* targets[] = {&f.total, &f.instalments, &f.first_due, &f.grace_days};
    for (std::size_t i = 0; i < std::size(kPlanFields); ++i)
      if (auto it = req.form.find(kPlanFields[i]); it != req.form.end()) {
        *targets[i] = it->second;
        typed[kPlanFields[i]] = it->second;
      }
    return submit_form(
        [&] {
          app::make_plan(s.store, req.context(), req.path_id(), f);
          return Response::redirect("/arrears/leases/" + std::to_string(req.path_id()) + "/plan?saved=1");
        },
        [&](const DomainError& e, int status) { return plan_page(req, s, typed, &e, status); });
  }});
  routes.push_back({"POST", "/arrears/leases/{id}/plan/cancel", reaching("lease", Permission::ledger_post), [&s](Request& req) {
    app::cancel_plan(s.store, req.context(), req.path_id(), app::fields::id_or_none(req.form_value("plan")).value_or(0));
    return Response::redirect("/arrears/leases/" + std::to_string(req.path_id()) + "/plan");
  }});

  routes.push_back({"GET", "/settings/reminders", needing(Permission::agency_settings_manage), [&s](Request& req) {
    return ladder_page(req, s, json::object(), nullptr, 200);
  }});

  routes.push_back({"POST", "/settings/reminders", needing(Permission::agency_settings_manage), [&s](Request& req) {
    app::LadderFields f;
    json typed = json::object();
    std::optional<std::string>* targets[] = {&f.reminder_days,        &f.reminder_threshold,
                                             &f.second_reminder_days, &f.second_reminder_threshold,
                                             &f.formal_notice_days,   &f.formal_notice_threshold};
    for (std::size_t i = 0; i < std::size(kLadderFields); ++i)
      if (auto it = req.form.find(kLadderFields[i]); it != req.form.end()) {
        *targets[i] = it->second;
        typed[kLadderFields[i]] = it->second;
      }
    return submit_form(
        [&] {
          app::save_reminder_ladder(s.store, req.context(), f);
          return Response::redirect("/settings/reminders?saved=1");
        },
        [&](const DomainError& e, int status) { return ladder_page(req, s, typed, &e, status); });
  }});
}

}  // namespace hms::http
