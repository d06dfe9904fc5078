// The subsidy request pages: GET /subsidy-requests (the requests in the reader's scope; the agency
// admin's form that makes this year's request from a frozen inventory of 30 September), POST
// /subsidy-requests, GET /subsidy-requests/{id} (its lines, total, history and tranches, with the
// region's review form, the agency admin's answer, the justification and payment of a tranche),
// its PDF (/subsidy-requests/{id}/pdf) and its lines as CSV or XLSX (/subsidy-requests/{id}/export).
#include "app/subsidies/subsidies.hpp"
#include "app/subsidies/subsidy_requests.hpp"
#include "common/date.hpp"
#include "common/text.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/support/forms.hpp"
#include "http/handlers/support/pages.hpp"
#include "http/handlers/support/support.hpp"
#include "web/letters/subsidy_request.hpp"
#include "web/texts.hpp"

namespace hms::http {

using users::Permission;
namespace sb = subsidies;

namespace {

std::string status_label(const Services& s, const Request& req, sb::RequestStatus st) {
  return text(s, req, "subsidies.statuses." + std::string(sb::to_string(st)));
}

// The colour of a status's tag: awaiting the Region blue, a question open orange, accepted green,
// rejected red.
std::string tag_of(sb::RequestStatus st) {
  switch (st) {
    case sb::RequestStatus::submitted: return "blue";
    case sb::RequestStatus::question: return "orange";
    case sb::RequestStatus::accepted: return "green";
    case sb::RequestStatus::rejected: return "red";
  }
  return "grey";
}

std::optional<std::string> form_value(const Request& req, const char* name) {
  auto it = req.form.find(name);
  return it == req.form.end() ? std::nullopt : std::optional(it->second);
}

Response requests_page(const Request& req, const Services& s, const DomainError* error, int status) {
  const auto& ctx = req.context();
  const bool cross = cross_agency(req);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : app::subsidy_requests(s.store, ctx, query_or_none(req, "agency")))
    items.push_back({{"id", r.id},
                     {"agency", r.agency_code},
                     {"year", r.year},
                     {"inventory_date", to_belgian(r.inventory_date)},
                     {"total", web::money_text(Money::from_cents(r.total_cents), req.lang)},
                     {"status", status_label(s, req, r.status)},
                     {"tag", tag_of(r.status)}});
  nlohmann::json model = {{"items", items}, {"has_items", !items.empty()}, {"cross_agency", cross}};
  if (cross) model["agencies"] = agency_choices(s, req);
  if (ctx.can(Permission::inventory_submit)) {
    // The inventories of 30 September the agency froze, newest first: the basis of a request.
    nlohmann::json inventories = nlohmann::json::array();
    for (const auto& f : app::frozen_inventories(s.store, ctx, std::nullopt)) {
      const auto d = f.inventory.date;
      if (d.month() != std::chrono::September || d.day() != std::chrono::day(30)) continue;
      inventories.push_back({{"id", f.id},
                             {"label", web::Texts{s.views.catalog(), req.lang}.format(
                                           "subsidies.requests.inventory_choice",
                                           {{"date", to_belgian(d)}, {"year", std::to_string(static_cast<int>(d.year()) + 1)},
                                            {"subsidisable", std::to_string(f.inventory.subsidisable)},
                                            {"submitted", day_text(f.submitted_at)}})}});
    }
    model["can_make"] = true;
    model["inventories"] = inventories;
    model["has_inventories"] = !inventories.empty();
  }
  if (error) model["errors"] = errors_of(s, req, *error, {"inventory"});
  return Response::html(s.views.page(page_info(req, s, "subsidies.requests.title", "subsidy_requests"),
                                     "subsidies/requests", model),
                        status);
}

Response request_page(const Request& req, const Services& s, std::int64_t id, const nlohmann::json& typed,
                      const DomainError* error, int status) {
  const auto& ctx = req.context();
  const auto r = app::subsidy_request(s.store, ctx, id);
  const web::Texts tx{s.views.catalog(), req.lang};
  auto lines = web::subsidy_request_table(s.views.catalog(), req.lang, r);
  nlohmann::json rows = nlohmann::json::array();
  // A cell with whether it is a number (right-aligned, as the PDF's).
  auto cells_of = [](const documents::Table& t, const std::vector<std::string>& row) {
    nlohmann::json cells = nlohmann::json::array();
    for (std::size_t c = 0; c < row.size(); ++c)
      cells.push_back({{"text", row[c]}, {"num", c < t.align_right.size() && t.align_right[c]}});
    return cells;
  };
  for (std::size_t i = 0; i + 1 < lines.rows.size(); ++i) rows.push_back({{"cells", cells_of(lines, lines.rows[i])}});
  nlohmann::json events = nlohmann::json::array();
  for (const auto& e : r.events)
    events.push_back({{"date", day_text(e.at)}, {"what", text(s, req, "subsidies.events." + e.kind)},
                      {"by", opt_text(e.user_name)}, {"comment", opt_text(e.comment)}});
  const bool accepted = r.status == sb::RequestStatus::accepted;
  nlohmann::json tranches = nlohmann::json::array();
  auto table = web::subsidy_tranches_table(s.views.catalog(), req.lang, r);
  for (std::size_t i = 0; i < r.tranches.size(); ++i) {
    const auto& t = r.tranches[i];
    const bool waits_justification = !t.justification.empty() && !t.justified_on;
    tranches.push_back({{"number", t.number},
                        {"cells", cells_of(table, table.rows[i])},
                        {"can_justify", waits_justification && ctx.can(Permission::inventory_submit)},
                        {"can_pay", !t.paid_on && !waits_justification && ctx.can(Permission::subsidy_review)},
                        {"waits_justification", waits_justification}});
  }
  nlohmann::json model = {
      {"id", r.id},
      {"heading", tx.format("subsidies.requests.heading", {{"year", std::to_string(r.year)}, {"agency", r.agency_code}})},
      {"status", status_label(s, req, r.status)},
      {"tag", tag_of(r.status)},
      {"inventory_id", r.inventory_id},
      {"inventory_line", tx.format("subsidies.requests.pdf_intro", {{"year", std::to_string(r.year)},
                                                                    {"date", to_belgian(r.inventory_date)}})},
      {"rates_line", tx.format("subsidies.requests.rates_line", {{"date", to_belgian(r.rates_from)}})},
      {"illustrative", r.rates_status == "illustrative"},
      {"header", cells_of(lines, lines.header)},
      {"rows", rows},
      {"total", tx.money(Money::from_cents(r.total_cents))},
      {"events", events},
      {"tranches", tranches},
      {"has_tranches", !tranches.empty()},
      {"tranche_header", cells_of(table, table.header)},
      {"can_review", r.status == sb::RequestStatus::submitted && ctx.can(Permission::subsidy_review)},
      {"can_answer", r.status == sb::RequestStatus::question && ctx.can(Permission::inventory_submit)},
      {"accepted", accepted},
      {"today", to_iso(req.clock->today())},
      {"notice", opt_text(req.query_value("done").empty() ? "" : text(s, req, "subsidies.requests.done"))}};
  nlohmann::json form = nlohmann::json::object();
  for (auto& [k, val] : typed.items()) form[k] = val;
  model["form"] = form;
  if (error) model["errors"] = errors_of(s, req, *error, {"decision", "comment", "paid_on"});
  return Response::html(s.views.page(page_info(req, s, "subsidies.requests.page_title", "subsidy_requests"),
                                     "subsidies/request", model),
                        status);
}

// A POST on a request's page: the use case, then back to the page; refused, the page again with
// what was typed and why.
template <typename Action>
Response on_request(const Request& req, Services& s, const nlohmann::json& typed, Action&& action) {
  const auto id = req.path_id();
  return submit_form(
      [&] {
        action(id);
        return Response::redirect("/subsidy-requests/" + std::to_string(id) + "?done=1");
      },
      [&](const DomainError& e, int status) { return request_page(req, s, id, typed, &e, status); });
}

int tranche_of(const Request& req) {
  auto n = app::fields::id_or_none(form_value(req, "tranche"));
  return n && *n <= 12 ? static_cast<int>(*n) : 0;
}

}  // namespace

void add_subsidy_request_page_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/subsidy-requests", needing(Permission::inventory_view), [&s](Request& req) {
    return requests_page(req, s, nullptr, 200);
  }});

  routes.push_back({"POST", "/subsidy-requests", needing(Permission::inventory_submit), [&s](Request& req) {
    return submit_form(
        [&] {
          auto r = app::make_request(s.store, req.context(), form_value(req, "inventory"));
          return Response::redirect("/subsidy-requests/" + std::to_string(r.id) + "?done=1");
        },
        [&](const DomainError& e, int status) { return requests_page(req, s, &e, status); });
  }});

  routes.push_back({"GET", "/subsidy-requests/{id}", reaching("subsidy_request", Permission::inventory_view),
                    [&s](Request& req) { return request_page(req, s, req.path_id(), nlohmann::json::object(), nullptr, 200); }});

  routes.push_back({"POST", "/subsidy-requests/{id}/review", reaching("subsidy_request", Permission::subsidy_review),
                    [&s](Request& req) {
    app::ReviewFields f{form_value(req, "decision"), form_value(req, "comment")};
    nlohmann::json typed = {{"decision_" + f.decision.value_or(""), true}, {"comment", f.comment.value_or("")}};
    return on_request(req, s, typed, [&](std::int64_t id) { app::review_request(s.store, req.context(), id, f); });
  }});

  routes.push_back({"POST", "/subsidy-requests/{id}/answer", reaching("subsidy_request", Permission::inventory_submit),
                    [&s](Request& req) {
    auto comment = form_value(req, "comment");
    nlohmann::json typed = {{"comment", comment.value_or("")}};
    return on_request(req, s, typed, [&](std::int64_t id) { app::answer_request(s.store, req.context(), id, comment); });
  }});

  routes.push_back({"POST", "/subsidy-requests/{id}/justification",
                    reaching("subsidy_request", Permission::inventory_submit), [&s](Request& req) {
    return on_request(req, s, nlohmann::json::object(),
                      [&](std::int64_t id) { app::justify_tranche(s.store, req.context(), id, tranche_of(req)); });
  }});

  routes.push_back({"POST", "/subsidy-requests/{id}/payments", reaching("subsidy_request", Permission::subsidy_review),
                    [&s](Request& req) {
    auto paid_on = form_value(req, "paid_on");
    nlohmann::json typed = {{"paid_on", paid_on.value_or("")}};
    return on_request(req, s, typed, [&](std::int64_t id) {
      app::pay_tranche(s.store, req.context(), id, tranche_of(req), paid_on);
    });
  }});

  routes.push_back({"GET", "/subsidy-requests/{id}/pdf", reaching("subsidy_request", Permission::inventory_view),
                    [&s](Request& req) {
    auto r = app::subsidy_request(s.store, req.context(), req.path_id());
    return download("subsidy-request-" + r.agency_code + "-" + std::to_string(r.year) + ".pdf", "application/pdf",
                    web::subsidy_request_pdf(s.views.catalog(), req.lang, r, app::request_letterhead(s.store, r),
                                             req.clock->today()));
  }});

  routes.push_back({"GET", "/subsidy-requests/{id}/export", reaching("subsidy_request", Permission::inventory_view),
                    [&s](Request& req) {
    export_format(req);
    auto r = app::subsidy_request(s.store, req.context(), req.path_id());
    using K = formats::Column::Kind;
    std::vector<formats::Column> columns = {{"agency", K::text},      {"year", K::integer},       {"inventory_date", K::date},
                                            {"part", K::text},        {"count", K::integer},      {"rate", K::money_cents},
                                            {"amount", K::money_cents}, {"rates_from", K::date},  {"rates_status", K::text},
                                            {"status", K::text}};
    std::vector<std::vector<std::string>> rows;
    auto row = [&](const std::string& part, std::int64_t count, std::int64_t rate, std::int64_t amount) {
      rows.push_back({r.agency_code, std::to_string(r.year), to_iso(r.inventory_date), part, std::to_string(count),
                      std::to_string(rate), std::to_string(amount), to_iso(r.rates_from), r.rates_status,
                      std::string(sb::to_string(r.status))});
    };
    for (const auto& l : r.lines) row(l.part, l.count, l.rate_cents, l.amount_cents);
    row("total", 0, 0, r.total_cents);
    return export_list(req, "subsidy-request-" + r.agency_code + "-" + std::to_string(r.year), columns, rows);
  }});
}

}  // namespace hms::http
