// The follow-up committee's dashboard (issue 13.5) and the federation's coaching and trainings
// (13.4), for the federation and the Region: GET /committee?year= (per agency: each module's use,
// open tickets, the year's coaching, the first-day checklist, the inventory and request) and its
// PDF /committee.pdf; GET /coaching?year= (the year's sessions and trainings, the federation's
// forms: POST /coaching/sessions, POST /coaching/trainings); the API GET /api/v1/committee,
// GET|POST /api/v1/coachings, POST /api/v1/trainings.
#include "app/support/committee.hpp"
#include "common/date.hpp"
#include "common/text.hpp"
#include "documents/letter.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/support/forms.hpp"
#include "http/handlers/support/json_body.hpp"
#include "http/handlers/support/pages.hpp"
#include "http/handlers/support/support.hpp"
#include "web/texts.hpp"

namespace hms::http {

using users::Permission;

namespace {

nlohmann::json coaching_json(const support::Coaching& c) {
  return {{"id", c.id},           {"agency", c.agency_code}, {"held_on", to_iso(c.held_on)}, {"topic", c.topic},
          {"module", c.module},   {"minutes", c.minutes},    {"recorded_by", c.recorded_by_name}};
}

nlohmann::json training_json(const support::Training& t) {
  nlohmann::json attendees = nlohmann::json::array();
  for (const auto& a : t.attendees) attendees.push_back({{"agency", a.agency_code}, {"people", a.people}});
  return {{"id", t.id}, {"held_on", to_iso(t.held_on)}, {"topic", t.topic}, {"attendees", attendees}};
}

nlohmann::json committee_json(const app::Committee& c) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& l : c.items) {
    nlohmann::json modules = nlohmann::json::object();
    for (const auto& m : l.modules) modules[m.module] = m.count;
    nlohmann::json checklist = nlohmann::json::object();
    for (const auto& i : l.checklist) checklist[i.key] = i.done;
    items.push_back({{"agency", l.agency.code},
                     {"modules", modules},
                     {"open_tickets", l.open_tickets},
                     {"oldest_open_days", l.oldest_open_days ? nlohmann::json(*l.oldest_open_days) : nlohmann::json()},
                     {"coachings", l.coachings},
                     {"coaching_minutes", l.coaching_minutes},
                     {"trained_people", l.trained_people},
                     {"checklist", checklist},
                     {"inventory_submitted", l.inventory_submitted},
                     {"request_status", l.request_status.empty() ? nlohmann::json() : nlohmann::json(l.request_status)}});
  }
  return {{"year", c.year}, {"items", items}};
}

std::string hours_text(std::int64_t minutes, const std::string& lang) {
  const auto h = minutes / 60, m = minutes % 60;
  (void)lang;  // "2 h 30" reads the same in the three languages
  return std::to_string(h) + " h " + (m < 10 ? "0" : "") + std::to_string(m);
}

// A line of the committee's table, the reader's language.
struct LineTexts {
  std::string modules, tickets, coaching, checklist, inventory, request;
  std::int64_t checklist_done = 0;
};
LineTexts texts_of(const web::Texts& tx, const std::string& lang, const app::CommitteeLine& l) {
  LineTexts out;
  std::int64_t used = 0;
  for (const auto& m : l.modules) used += m.count > 0 ? 1 : 0;
  out.modules = tx.format("support.committee.modules_used", {{"used", std::to_string(used)},
                                                             {"all", std::to_string(l.modules.size())}});
  out.tickets = l.open_tickets == 0 ? tx.text("support.committee.no_ticket")
                                    : tx.format("support.committee.tickets", {{"count", std::to_string(l.open_tickets)},
                                                                             {"days", std::to_string(l.oldest_open_days.value_or(0))}});
  out.coaching = tx.format("support.committee.coaching", {{"count", std::to_string(l.coachings)},
                                                          {"hours", hours_text(l.coaching_minutes, lang)},
                                                          {"people", std::to_string(l.trained_people)}});
  for (const auto& i : l.checklist) out.checklist_done += i.done ? 1 : 0;
  out.checklist = std::to_string(out.checklist_done) + "/" + std::to_string(l.checklist.size());
  out.inventory = tx.text(l.inventory_submitted ? "support.committee.submitted" : "support.committee.not_submitted");
  out.request = l.request_status.empty() ? tx.text("support.committee.no_request")
                                         : tx.text("subsidies.statuses." + l.request_status);
  return out;
}

Response committee_page(const Request& req, const Services& s) {
  const auto c = app::committee(s.store, req.context(), query_or_none(req, "year"));
  const web::Texts tx{s.views.catalog(), req.lang};
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& l : c.items) {
    const auto t = texts_of(tx, req.lang, l);
    nlohmann::json checklist = nlohmann::json::array();
    for (const auto& i : l.checklist)
      checklist.push_back({{"label", tx.text("support.checklist." + i.key)}, {"done", i.done}});
    rows.push_back({{"code", l.agency.code}, {"name", l.agency.name}, {"modules", t.modules}, {"tickets", t.tickets},
                    {"stale", l.oldest_open_days.value_or(0) > 14}, {"coaching", t.coaching}, {"checklist", t.checklist},
                    {"checklist_full", t.checklist_done == static_cast<std::int64_t>(l.checklist.size())},
                    {"items", checklist}, {"inventory", t.inventory}, {"inventory_done", l.inventory_submitted},
                    {"request", t.request}});
  }
  nlohmann::json years = nlohmann::json::array();
  const int this_year = static_cast<int>(req.clock->today().year());
  for (int y = this_year; y >= this_year - 5; --y) years.push_back({{"year", y}, {"selected", y == c.year}});
  nlohmann::json model = {{"rows", rows}, {"years", years}, {"year", c.year},
                          {"heading", tx.format("support.committee.heading", {{"year", std::to_string(c.year)}})},
                          {"pdf", "/committee.pdf?year=" + std::to_string(c.year)}};
  return Response::html(s.views.page(page_info(req, s, "support.committee.title", "committee"), "support/committee", model));
}

std::string committee_pdf(const Request& req, const Services& s) {
  const auto c = app::committee(s.store, req.context(), query_or_none(req, "year"));
  const web::Texts tx{s.views.catalog(), req.lang};
  documents::Letter doc;
  doc.sender = {tx.text("support.committee.from")};
  doc.place_date = to_belgian(req.clock->today());
  doc.subject = tx.format("support.committee.heading", {{"year", std::to_string(c.year)}});
  doc.paragraphs = {tx.text("support.committee.intro")};
  documents::Table table;
  table.header = {tx.text("oversight.agency"),        tx.text("support.committee.col_modules"),
                  tx.text("support.committee.col_tickets"), tx.text("support.committee.col_coaching"),
                  tx.text("support.committee.col_checklist"), tx.text("support.committee.col_inventory"),
                  tx.text("support.committee.col_request")};
  for (const auto& l : c.items) {
    const auto t = texts_of(tx, req.lang, l);
    table.rows.push_back({l.agency.code, t.modules, t.tickets, t.coaching, t.checklist, t.inventory, t.request});
  }
  doc.table = table;
  doc.footer = doc.subject;
  return documents::render_pdf({doc}, doc.subject);
}

Response coaching_page(const Request& req, const Services& s, const nlohmann::json& typed, const DomainError* error,
                       const std::string& which, int status) {
  const auto y = app::coaching_year(s.store, req.context(), query_or_none(req, "year"));
  const web::Texts tx{s.views.catalog(), req.lang};
  nlohmann::json sessions = nlohmann::json::array();
  for (const auto& c : y.coachings)
    sessions.push_back({{"day", to_belgian(c.held_on)}, {"agency", c.agency_code}, {"topic", c.topic},
                        {"module", tx.text(c.module == "other" ? "support.coaching.other" : "oversight.modules." + c.module)},
                        {"time", hours_text(c.minutes, req.lang)}, {"by", c.recorded_by_name}});
  nlohmann::json trainings = nlohmann::json::array();
  for (const auto& t : y.trainings) {
    std::string who;
    for (const auto& a : t.attendees) who += (who.empty() ? "" : ", ") + a.agency_code + " (" + std::to_string(a.people) + ")";
    trainings.push_back({{"day", to_belgian(t.held_on)}, {"topic", t.topic}, {"attendees", who}});
  }
  nlohmann::json modules = nlohmann::json::array();
  for (auto m : oversight::kModules)
    modules.push_back({{"value", std::string(m)}, {"label", tx.text("oversight.modules." + std::string(m))},
                       {"selected", typed.value("module", "") == m}});
  modules.push_back({{"value", "other"}, {"label", tx.text("support.coaching.other")}, {"selected", typed.value("module", "") == "other"}});
  nlohmann::json model = {{"sessions", sessions}, {"has_sessions", !sessions.empty()},
                          {"trainings", trainings}, {"has_trainings", !trainings.empty()},
                          {"heading", tx.format("support.coaching.heading", {{"year", std::to_string(y.year)}})},
                          {"can_record", req.context().can(Permission::coaching_manage)},
                          {"modules", modules}, {"today", to_iso(req.clock->today())},
                          {"recorded", req.query_value("recorded") == "1"}};
  model["session_form"] = which == "session" ? typed : nlohmann::json::object();
  model["training_form"] = which == "training" ? typed : nlohmann::json::object();
  if (error) {
    auto errors = errors_of(s, req, *error, {"agency", "held_on", "topic", "module", "minutes", "attendees"});
    model[which == "session" ? "session_errors" : "training_errors"] = errors;
    model["errors"] = errors;
  }
  return Response::html(s.views.page(page_info(req, s, "support.coaching.title", "coaching"), "support/coaching", model), status);
}

constexpr std::string_view kCoachingFormFields[] = {"agency", "held_on", "topic", "module", "minutes"};
constexpr std::string_view kTrainingFormFields[] = {"held_on", "topic", "attendees"};

}  // namespace

void add_committee_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/api/v1/committee", needing(Permission::adoption_view), [&s](Request& req) {
    return Response::json(committee_json(app::committee(s.store, req.context(), query_or_none(req, "year"))).dump());
  }});
  routes.push_back({"GET", "/committee", needing(Permission::adoption_view),
                    [&s](Request& req) { return committee_page(req, s); }});
  routes.push_back({"GET", "/committee.pdf", needing(Permission::adoption_view), [&s](Request& req) {
    return download("committee-" + std::string(trim(req.query_value("year"))) + ".pdf", "application/pdf",
                    committee_pdf(req, s));
  }});

  routes.push_back({"GET", "/api/v1/coachings", needing(Permission::adoption_view), [&s](Request& req) {
    const auto y = app::coaching_year(s.store, req.context(), query_or_none(req, "year"));
    nlohmann::json coachings = nlohmann::json::array(), trainings = nlohmann::json::array();
    for (const auto& c : y.coachings) coachings.push_back(coaching_json(c));
    for (const auto& t : y.trainings) trainings.push_back(training_json(t));
    return Response::json(nlohmann::json{{"year", y.year}, {"coachings", coachings}, {"trainings", trainings}}.dump());
  }});
  routes.push_back({"POST", "/api/v1/coachings", needing(Permission::coaching_manage), [&s](Request& req) {
    auto f = read_body<app::CoachingFields>(json_body(req), {});
    return Response::json(coaching_json(app::record_coaching(s.store, req.context(), f)).dump(), 201);
  }});
  routes.push_back({"POST", "/api/v1/trainings", needing(Permission::coaching_manage), [&s](Request& req) {
    auto f = read_body<app::TrainingFields>(json_body(req), {});
    return Response::json(training_json(app::record_training(s.store, req.context(), f)).dump(), 201);
  }});

  routes.push_back({"GET", "/coaching", needing(Permission::adoption_view), [&s](Request& req) {
    return coaching_page(req, s, nlohmann::json::object(), nullptr, "", 200);
  }});
  routes.push_back({"POST", "/coaching/sessions", needing(Permission::coaching_manage), [&s](Request& req) {
    auto input = read_form<app::CoachingFields>(req, kCoachingFormFields);
    return submit_form(
        [&] {
          app::record_coaching(s.store, req.context(), input.fields);
          return Response::redirect("/coaching?recorded=1");
        },
        [&](const DomainError& e, int st) { return coaching_page(req, s, input.values, &e, "session", st); });
  }});
  routes.push_back({"POST", "/coaching/trainings", needing(Permission::coaching_manage), [&s](Request& req) {
    auto input = read_form<app::TrainingFields>(req, kTrainingFormFields);
    return submit_form(
        [&] {
          app::record_training(s.store, req.context(), input.fields);
          return Response::redirect("/coaching?recorded=1");
        },
        [&](const DomainError& e, int st) { return coaching_page(req, s, input.values, &e, "training", st); });
  }});
}

}  // namespace hms::http
