// The ledger's pages: /ledger (trial balance over a period, closing periods), /ledger/accounts/{code}
// (an account's lines with the running balance), /leases/{id}/statement (a lease's calls and
// payments) and /leases/{id}/statement/pdf (the same for the household, as a letter), /rent-run
// (choose a month → what would be posted → post → what was posted).
#include "common/date.hpp"
#include "domain/leases/payment_reference.hpp"
#include "http/handlers/ledger/ledger_json.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/support/forms.hpp"
#include "http/handlers/support/json_body.hpp"
#include "http/handlers/support/support.hpp"
#include "web/letters/lease_statement.hpp"

namespace hms::http {

using nlohmann::json;
using users::Permission;

namespace {

// An amount for a debit or credit column: empty when zero.
std::string column(const web::Texts& tx, Money m) { return m == Money::zero() ? std::string() : tx.money(m); }

// Lines with their running balance from `before`.
json lines_json(const web::Texts& tx, const app::LedgerPage& page) {
  json lines = json::array();
  Money running = page.before;
  for (const auto& l : page.lines) {
    running += l.debit - l.credit;
    const std::string journal(ledger::to_string(l.journal));
    json line = {{"date", to_belgian(l.date)},
                 {"entry", journal + " " + std::to_string(l.year) + "/" + std::to_string(l.number)},
                 {"journal", tx.text("ledger.journal." + std::string(journal == "RENT" ? "rent" : journal == "BANK" ? "bank" : "misc"))},
                 {"description", l.description},
                 {"debit", column(tx, l.debit)},
                 {"credit", column(tx, l.credit)},
                 {"balance", tx.money(running)}};
    if (l.lease_id) line["lease_id"] = *l.lease_id;
    if (l.reverses) line["reversal"] = tx.format("ledger.reversal", {{"entry", std::to_string(*l.reverses)}});
    lines.push_back(line);
  }
  return lines;
}

json trial_balance_model(Services& s, Request& req) {
  auto ctx = req.context();
  const web::Texts tx{s.views.catalog(), req.lang};
  const auto today = ctx.clock.today();
  std::string from_text = req.query_value("from"), to_text = req.query_value("to");
  const auto from = from_text.empty() ? std::chrono::year_month_day{today.year(), std::chrono::January, std::chrono::day{1}}
                                      : query_field(from_text, "from", app::fields::parse_date, "common.invalid_date");
  const auto to = to_text.empty() ? today : query_field(to_text, "to", app::fields::parse_date, "common.invalid_date");
  const auto tb = app::trial_balance(s.store, ctx, from, to);
  json rows = json::array();
  for (const auto& r : tb.rows)
    rows.push_back({{"account", r.account}, {"name", account_name(r.name, tx)}, {"debit", column(tx, r.debit)},
                    {"credit", column(tx, r.credit)}});
  json model = {{"from", to_iso(from)},     {"to", to_iso(to)},         {"rows", rows},
                {"has_rows", !rows.empty()}, {"debit", tx.money(tb.debit)}, {"credit", tx.money(tb.credit)},
                {"can_close", ctx.can(Permission::ledger_close)}};
  if (auto closed = app::closed_until(s.store, ctx))
    model["closed_until"] = tx.format("ledger.closed_until", {{"month", tx.month(*closed)}});
  return model;
}

json rent_run_model(const web::Texts& tx, const app::RentRun& run) {
  json calls = json::array(), owners = json::array();
  for (const auto& c : run.rent_calls)
    calls.push_back({{"lease_id", c.lease_id}, {"dwelling", c.dwelling}, {"reference", leases::format_payment_reference(c.payment_reference)},
                     {"days", c.days}, {"rent", tx.money(c.rent)}, {"charges", tx.money(c.charges)},
                     {"total", tx.money(c.total())}});
  for (const auto& o : run.owner_rents)
    owners.push_back({{"owner_contract_id", o.owner_contract_id}, {"dwelling", o.dwelling}, {"owner", o.owner},
                      {"days", o.days}, {"amount", tx.money(o.amount)}, {"vacant_days", o.vacant_days},
                      {"vacancy", o.vacant_days > 0 ? tx.money(o.vacancy) : std::string()}});
  const auto counts = app::reported(run);
  const std::map<std::string, std::string> params = {{"month", tx.month(run.month)},
                                                     {"calls", std::to_string(counts.rent_calls)},
                                                     {"tenant_total", tx.money(counts.tenant_total)},
                                                     {"owners", std::to_string(counts.owner_rents)},
                                                     {"owner_total", tx.money(counts.owner_total)}};
  json model = {{"month", run.month.to_string()},
                {"month_label", tx.month(run.month)},
                {"calls", calls},
                {"has_calls", !calls.empty()},
                {"owners", owners},
                {"has_owners", !owners.empty()},
                {"tenant_total", tx.money(run.tenant_total)},
                {"owner_total", tx.money(run.owner_total)},
                {"vacancy_total", tx.money(run.vacancy_total)},
                {"preview_title", tx.format("ledger.rent_run.preview_title", {{"month", tx.month(run.month)}})},
                {"post_label", tx.format("ledger.rent_run.post", {{"month", tx.month(run.month)}})},
                {"already_done", run.already_done}};
  if (run.already_done) model["done_text"] = tx.format("ledger.rent_run.already_done", params);
  if (!run.dry_run && !run.already_done) model["posted_text"] = tx.format("ledger.rent_run.posted", params);
  return model;
}

}  // namespace

void add_ledger_page_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/ledger", needing(Permission::ledger_view), [&s](Request& req) {
    auto info = page_info(req, s, "ledger.title", "ledger");
    try {
      return Response::html(s.views.page(info, "ledger/trial_balance", trial_balance_model(s, req)));
    } catch (const DomainError& e) {
      if (e.kind() != ErrorKind::validation) throw;
      json model = {{"errors", form_errors(s.views, req.lang, e)}, {"from", req.query_value("from")}, {"to", req.query_value("to")}};
      return Response::html(s.views.page(info, "ledger/trial_balance", model), 422);
    }
  }});

  routes.push_back({"POST", "/ledger/close", needing(Permission::ledger_close), [&s](Request& req) {
    return submit_form(
        [&] {
          app::close_periods(s.store, req.context(), app::parse_ledger_month(req.form_value("month")));
          return Response::redirect("/ledger?closed=1");
        },
        [&](const DomainError& e, int status) {
          auto info = page_info(req, s, "ledger.title", "ledger");
          json model = trial_balance_model(s, req);
          model["errors"] = form_errors(s.views, req.lang, e);
          model["close_month"] = req.form_value("month");
          return Response::html(s.views.page(info, "ledger/trial_balance", model), status);
        });
  }});

  routes.push_back({"GET", "/ledger/accounts/{code}", needing(Permission::ledger_view), [&s](Request& req) {
    const web::Texts tx{s.views.catalog(), req.lang};
    const auto code = req.path_params.at("code");
    const auto paging = req.paging();
    const auto page = app::account_ledger(s.store, req.context(), code, paging);
    std::string name;
    for (const auto& a : app::ledger_accounts(s.store, req.context()))
      if (a.code == code) name = account_name(a.name, tx);
    json model = {{"account", code}, {"name", name},
                  {"title", tx.format("ledger.account_title", {{"account", code}})},
                  {"lines", lines_json(tx, page)}, {"has_lines", !page.lines.empty()},
                  {"pagination", pagination(req, paging, page.total, page.lines.size())}};
    auto info = page_info(req, s, "ledger.title", "ledger");
    return Response::html(s.views.page(info, "ledger/account", model));
  }});

  routes.push_back({"GET", "/leases/{id}/statement", reaching("lease", Permission::ledger_view), [&s](Request& req) {
    const web::Texts tx{s.views.catalog(), req.lang};
    const auto id = req.path_id();
    auto paging = req.paging();
    if (req.query_value("offset").empty()) paging.offset = -1;  // a statement opens on its latest lines
    const auto page = app::lease_statement(s.store, req.context(), id, paging);
    paging.offset = page.offset;
    const auto balance = app::lease_balance(s.store, req.context(), id, req.context().clock.today());
    json model = {{"lease_id", id},
                  {"lines", lines_json(tx, page)},
                  {"has_lines", !page.lines.empty()},
                  {"called", tx.money(balance.called)},
                  {"paid", tx.money(balance.paid)},
                  {"balance", tx.money(balance.balance())},
                  {"pagination", pagination(req, paging, page.total, page.lines.size())},
                  {"pdf_from", to_iso(YearMonth::of(req.context().clock.today()).plus_months(-12).first_day())},
                  {"pdf_to", to_iso(req.context().clock.today())}};
    auto info = page_info(req, s, "ledger.statement_title", "leases");
    return Response::html(s.views.page(info, "ledger/statement", model));
  }});

  // The statement for the household, as a PDF letter: ?from= (default: the first of the month a
  // year ago) and ?to= (today).
  routes.push_back({"GET", "/leases/{id}/statement/pdf", reaching("lease", Permission::ledger_view), [&s](Request& req) {
    const auto today = req.context().clock.today();
    const auto from = query_date(req, "from").value_or(YearMonth::of(today).plus_months(-12).first_day());
    const auto to = query_date(req, "to").value_or(today);
    const auto st = app::lease_statement_letter(s.store, req.context(), req.path_id(), from, to);
    return download("statement-" + st.to.lease.dwelling_reference + "-" + to_iso(to) + ".pdf", "application/pdf",
                    web::lease_statement_pdf(s.views.catalog(), st));
  }});

  routes.push_back({"GET", "/rent-run", needing(Permission::ledger_post), [&s](Request& req) {
    const web::Texts tx{s.views.catalog(), req.lang};
    auto info = page_info(req, s, "ledger.rent_run.title", "rent_run");
    const auto asked = req.query_value("month");
    json model = {{"form", {{"month", asked.empty() ? YearMonth::of(req.context().clock.today()).to_string() : asked}}}};
    if (asked.empty()) return Response::html(s.views.page(info, "ledger/rent_run", model));
    try {
      auto run = app::run_rent(s.store, req.context(), "", app::parse_ledger_month(asked), true);
      model.update(rent_run_model(tx, run));
      model["shown"] = true;
      model["can_post"] = !run.already_done;
    } catch (const DomainError& e) {
      if (e.kind() != ErrorKind::validation) throw;
      model["errors"] = form_errors(s.views, req.lang, e);
      return Response::html(s.views.page(info, "ledger/rent_run", model), 422);
    }
    return Response::html(s.views.page(info, "ledger/rent_run", model));
  }});

  routes.push_back({"POST", "/rent-run", needing(Permission::ledger_post), [&s](Request& req) {
    const web::Texts tx{s.views.catalog(), req.lang};
    auto info = page_info(req, s, "ledger.rent_run.title", "rent_run");
    json model = {{"form", {{"month", req.form_value("month")}}}};
    return submit_form(
        [&] {
          auto run = app::run_rent(s.store, req.context(), "", app::parse_ledger_month(req.form_value("month")), false);
          model.update(rent_run_model(tx, run));
          model["shown"] = true;
          model["posted"] = true;
          return Response::html(s.views.page(info, "ledger/rent_run", model));
        },
        [&](const DomainError& e, int status) {
          model["errors"] = form_errors(s.views, req.lang, e);
          return Response::html(s.views.page(info, "ledger/rent_run", model), status);
        });
  }});
}

}  // namespace hms::http
