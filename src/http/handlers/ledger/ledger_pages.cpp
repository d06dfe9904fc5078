// The ledger's pages: /ledger (trial balance over a period, closing periods), /ledger/accounts/{code}
// (an account's lines with the running balance), /leases/{id}/statement (a lease's calls and
// payments) and /leases/{id}/statement/pdf (the same for the household, as a letter), /rent-run
// (choose a month → what would be posted → post → what was posted), /ledger/entries/{id} (an
// entry, its reversal) and /leases/{id}/deposit (the deposit posted as lodged, then returned).
#include "app/fields/fields.hpp"
#include "common/date.hpp"
#include "common/text.hpp"
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
                 {"entry", entry_label(l.journal, l.year, l.number)},
                 {"entry_id", l.entry_id},
                 {"journal", tx.text("ledger.journal." + std::string(journal == "RENT" ? "rent" : journal == "BANK" ? "bank" : "misc"))},
                 {"description", l.description},
                 {"debit", column(tx, l.debit)},
                 {"credit", column(tx, l.credit)},
                 {"balance", tx.money(running)}};
    if (l.lease_id) line["lease_id"] = *l.lease_id;
    if (l.reverses) {
      line["reversal"] = tx.text("ledger.reversal_tag");
      line["reverses"] = *l.reverses;
    }
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

// A date typed in a form (dd/mm/yyyy or ISO) as ISO for the app; "" stays "".
std::string typed_date(const Request& req, const char* name) {
  const auto typed = req.form_value(name);
  return typed.empty() ? typed : app::fields::iso_of_typed_date(typed);
}

json entry_model(Services& s, Request& req, std::int64_t id) {
  const web::Texts tx{s.views.catalog(), req.lang};
  auto ctx = req.context();
  const auto view = app::read_entry(s.store, ctx, id);
  const auto& e = view.entry;
  std::map<std::string, std::string> names;
  for (const auto& a : app::ledger_accounts(s.store, ctx)) names[a.code] = account_name(a.name, tx);
  json lines = json::array();
  for (const auto& l : e.lines) {
    json line = {{"account", l.account}, {"name", names[l.account]}, {"debit", column(tx, l.debit)}, {"credit", column(tx, l.credit)}};
    if (l.lease_id) line["lease_id"] = *l.lease_id;
    if (l.owner_contract_id) line["owner_contract_id"] = *l.owner_contract_id;
    lines.push_back(line);
  }
  json model = {{"id", e.id},
                {"label", entry_label(e.journal, e.year, e.number)},
                {"heading", tx.format("ledger.entry_page.title", {{"entry", entry_label(e.journal, e.year, e.number)}})},
                {"journal", tx.text("ledger.journal." + to_lower_ascii(std::string(ledger::to_string(e.journal))))},
                {"date", to_belgian(e.date)},
                {"period", tx.month(e.period)},
                {"description", e.description},
                {"lines", lines},
                {"total", tx.money(e.total())},
                {"form", {{"date", to_belgian(ctx.clock.today())}}}};
  if (e.reverses) {
    const auto original = app::read_entry(s.store, ctx, *e.reverses).entry;
    model["reverses"] = {{"id", original.id}, {"label", entry_label(original.journal, original.year, original.number)}};
  }
  if (view.reversed_by) {
    const auto reversal = app::read_entry(s.store, ctx, *view.reversed_by).entry;
    model["reversed_by"] = {{"id", reversal.id}, {"label", entry_label(reversal.journal, reversal.year, reversal.number)}};
  }
  model["can_reverse"] = ctx.can(Permission::ledger_post) && !view.reversed_by && !e.reverses;
  return model;
}

json deposit_model(Services& s, Request& req, std::int64_t lease_id) {
  const web::Texts tx{s.views.catalog(), req.lang};
  auto ctx = req.context();
  const auto lease = app::find_lease(s.store, ctx, lease_id);
  const auto postings = app::deposit_postings(s.store, ctx, lease_id);
  json rows = json::array();
  for (const auto& p : postings) {
    const auto entry = app::read_entry(s.store, ctx, p.entry_id).entry;
    rows.push_back({{"event", tx.text("leases.deposit_events." + std::string(leases::to_string(p.event)))},
                    {"date", to_belgian(p.date)},
                    {"entry_id", p.entry_id},
                    {"entry", entry_label(entry.journal, entry.year, entry.number)},
                    {"amount", tx.money(p.amount)},
                    {"reversed", p.reversed}});
  }
  const auto received = leases::standing(postings, leases::DepositEvent::received);
  const auto returned = leases::standing(postings, leases::DepositEvent::returned);
  const bool can_post = ctx.can(Permission::ledger_post) && ctx.can(Permission::leases_manage);
  const auto today = to_belgian(ctx.clock.today());
  json model = {{"lease_id", lease.id},
                {"dwelling_reference", lease.dwelling_reference},
                {"deposit", tx.money(lease.deposit)},
                {"deposit_form", lease.deposit_form ? tx.text("leases.deposit_forms." + std::string(leases::to_string(*lease.deposit_form))) : ""},
                {"held_by", lease.deposit_held_by},
                {"postings", rows},
                {"has_postings", !rows.empty()},
                {"no_deposit", lease.deposit == Money::zero()},
                {"can_receive", can_post && !received && lease.deposit > Money::zero()},
                {"can_return", can_post && received && !returned},
                {"receive_form", {{"date", today}}},
                {"return_form", {{"date", today}, {"returned", (received ? received->amount : lease.deposit).format_plain()}}}};
  if (received) model["received"] = tx.format("leases.deposit_page.received_on", {{"date", to_belgian(received->date)}, {"amount", tx.money(received->amount)}});
  if (returned && lease.deposit_returned && received)
    model["returned"] = tx.format("leases.deposit_page.returned_on",
                                  {{"date", to_belgian(returned->date)},
                                   {"returned", tx.money(*lease.deposit_returned)},
                                   {"kept", tx.money(received->amount - *lease.deposit_returned)}});
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
                  {"heading", tx.format("ledger.account_title", {{"account", code}})},
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

  routes.push_back({"GET", "/ledger/entries/{id}", reaching("ledger_entry", Permission::ledger_view), [&s](Request& req) {
    auto model = entry_model(s, req, req.path_id());
    if (req.query_value("reversed") == "1") model["just_reversed"] = true;
    return Response::html(s.views.page(page_info(req, s, "ledger.title", "ledger"), "ledger/entry", model));
  }});

  // Reverses the entry on the typed date; the reversal's page comes next.
  routes.push_back({"POST", "/ledger/entries/{id}/reverse", reaching("ledger_entry", Permission::ledger_post), [&s](Request& req) {
    const auto id = req.path_id();
    app::read_entry(s.store, req.context(), id);  // another agency's entry: 404 before anything else
    return submit_form(
        [&] {
          const auto date = typed_date(req, "date");
          Problems problems;
          auto day = app::fields::optional_date(date, "date", problems);
          if (!day && date.empty()) problems.add(std::move(DomainError(ErrorKind::validation, "ledger.entry_page.date_required").field("date")));
          problems.throw_if_any();
          auto reversal = app::reverse_entry(s.store, req.context(), id, *day);
          return Response::redirect("/ledger/entries/" + std::to_string(reversal.id) + "?reversed=1");
        },
        [&](const DomainError& e, int status) {
          auto model = entry_model(s, req, id);
          model["errors"] = form_errors(s.views, req.lang, e);
          model["form"]["date"] = req.form_value("date");
          return Response::html(s.views.page(page_info(req, s, "ledger.title", "ledger"), "ledger/entry", model), status);
        });
  }});

  routes.push_back({"GET", "/leases/{id}/deposit", reaching("lease", Permission::ledger_view), [&s](Request& req) {
    auto model = deposit_model(s, req, req.path_id());
    if (auto posted = req.query_value("posted"); posted == "received" || posted == "returned") model["posted_" + posted] = true;
    return Response::html(s.views.page(page_info(req, s, "leases.deposit_page.title", "leases"), "ledger/deposit", model));
  }});

  // The deposit posted as lodged (`event` received) or as returned: the page again with what was posted.
  for (const char* event : {"received", "return"}) {
    const std::string path = std::string("/leases/{id}/deposit/") + event;
    routes.push_back({"POST", path, reaching("lease", Permission::ledger_post), [&s, event](Request& req) {
      const auto id = req.path_id();
      const bool receipt = std::string_view(event) == "received";
      app::find_lease(s.store, req.context(), id);  // another agency's lease: 404 before anything else
      return submit_form(
          [&] {
            if (receipt) app::receive_deposit(s.store, req.context(), id, typed_date(req, "date"));
            else app::return_deposit(s.store, req.context(), id, typed_date(req, "date"), req.form_value("returned"));
            return Response::redirect("/leases/" + std::to_string(id) + "/deposit?posted=" + (receipt ? "received" : "returned"));
          },
          [&](const DomainError& e, int status) {
            auto model = deposit_model(s, req, id);
            model["errors"] = form_errors(s.views, req.lang, e);
            auto& form = model[receipt ? "receive_form" : "return_form"];
            form["date"] = req.form_value("date");
            if (!receipt) form["returned"] = req.form_value("returned");
            return Response::html(s.views.page(page_info(req, s, "leases.deposit_page.title", "leases"), "ledger/deposit", model), status);
          });
    }});
  }

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
