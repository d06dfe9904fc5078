// The owner payment run's page: /payouts (choose a month → the transfers, the owners not paid
// and why, the totals), POST /payouts/file (make the month's SEPA file: recorded the first time),
// GET /payouts/{month}/file (download it again, the same bytes), POST /payouts/confirm (the bank
// executed it: posted), POST /payouts/format (the agency admin's choice of pain.001 version).
#include "app/ledger/ledger.hpp"
#include "app/payouts/payouts.hpp"
#include "common/date.hpp"
#include "common/text.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/support/forms.hpp"
#include "http/handlers/support/pages.hpp"
#include "http/handlers/support/support.hpp"
#include "web/letters/owner_statement.hpp"
#include "web/texts.hpp"

namespace hms::http {

using nlohmann::json;
using users::Permission;

namespace {

std::chrono::year_month_day year_month_day_of(std::int64_t seconds) {
  return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds{std::chrono::seconds{seconds}})};
}

// The owner's statement of the month, a PDF in the owner's language.
std::string statement_href(std::int64_t owner_id, YearMonth month) {
  return "/owners/" + std::to_string(owner_id) + "/statement?month=" + month.to_string();
}

json plan_model(const web::Texts& tx, const app::PayoutView& v) {
  json transfers = json::array(), excluded = json::array();
  for (const auto& t : v.plan.transfers) {
    std::string dwellings;
    for (const auto& c : t.contracts) dwellings += (dwellings.empty() ? "" : ", ") + c.dwelling;
    transfers.push_back({{"owner_id", t.owner_id}, {"owner", t.owner_name}, {"dwellings", dwellings},
                         {"statement_href", statement_href(t.owner_id, v.month)},
                         {"gross", tx.money(t.gross)}, {"fee", tx.money(t.fee)}, {"net", tx.money(t.net())}});
  }
  for (const auto& x : v.plan.excluded) {
    std::string dwellings;
    for (const auto& d : x.dwellings) dwellings += (dwellings.empty() ? "" : ", ") + d;
    excluded.push_back({{"owner_id", x.owner_id}, {"owner", x.owner_name}, {"dwellings", dwellings},
                        {"statement_href", statement_href(x.owner_id, v.month)},
                        {"gross", tx.money(x.gross)},
                        {"reason", tx.text("payouts.exclusion." + std::string(payouts::to_string(x.reason)))}});
  }
  json model = {{"shown", true},
                {"month", v.month.to_string()},
                {"month_text", tx.month(v.month)},
                {"execution", to_iso(v.execution_date)},
                {"transfers", transfers},
                {"has_transfers", !transfers.empty()},
                {"excluded", excluded},
                {"has_excluded", !excluded.empty()},
                {"gross", tx.money(v.plan.gross)},
                {"fee", tx.money(v.plan.fee)},
                {"net", tx.money(v.plan.net())},
                {"no_account", !v.has_account},
                {"can_make", v.has_account && !transfers.empty() && !v.run},
                {"can_confirm", v.run && !v.confirmed()}};
  if (v.run) {
    model["file_made"] = tx.format("payouts.file_made", {{"date", to_belgian(year_month_day_of(v.run->made_at))},
                                                         {"message_id", v.run->message_id},
                                                         {"format", std::string(payouts::to_string(v.run->format))},
                                                         {"execution", to_belgian(v.run->execution_date)}});
    model["file_href"] = "/payouts/" + v.month.to_string() + "/file";
  }
  if (v.confirmed())
    model["confirmed_text"] = tx.format("payouts.confirmed", {{"date", to_belgian(year_month_day_of(*v.run->confirmed_at))}});
  return model;
}

// The page for ?month= (none: the form alone, on the current month), with `notice` on top.
Response payouts_page(Request& req, Services& s, const std::string& asked, const std::string& execution,
                      const DomainError* error, int status) {
  const web::Texts tx{s.views.catalog(), req.lang};
  auto info = page_info(req, s, "payouts.title", "payouts");
  const auto& ctx = req.context();
  json model = {{"form", {{"month", asked.empty() ? YearMonth::of(ctx.clock.today()).to_string() : asked},
                          {"execution", execution}}},
                {"can_set_format", ctx.can(Permission::agency_settings_manage)},
                {"format_09", app::payout_format(s.store, ctx) == payouts::FileFormat::pain_001_001_09},
                {"format_saved", req.query_value("format_saved") == "1"}};
  if (req.query_value("confirmed") == "1" && !asked.empty())
    model["confirmed_done"] = tx.format("payouts.confirmed_done", {{"month", asked}});
  if (error) model["errors"] = errors_of(s, req, *error, {"month", "execution", "format"});
  if (!asked.empty() && !error) {
    try {
      const auto month = app::parse_ledger_month(asked);
      const auto day = execution.empty() ? std::nullopt
                                         : std::optional(app::parse_execution_date(execution, ctx.clock.today()));
      const auto view = app::prepare_payouts(s.store, ctx, std::nullopt, month, day);
      model.update(plan_model(tx, view));
      model["form"]["execution"] = to_iso(view.execution_date);
    } catch (const DomainError& e) {
      if (e.kind() != ErrorKind::validation) throw;
      model["errors"] = errors_of(s, req, e, {"month", "execution"});
      status = 422;
    }
  }
  return Response::html(s.views.page(info, "payouts/payouts", model), status);
}

}  // namespace

void add_payouts_page_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/payouts", needing(Permission::payouts_run), [&s](Request& req) {
    return payouts_page(req, s, req.query_value("month"), req.query_value("execution"), nullptr, 200);
  }});

  routes.push_back({"POST", "/payouts/file", needing(Permission::payouts_run), [&s](Request& req) {
    const auto asked = req.form_value("month");
    const auto execution = req.form_value("execution");
    return submit_form(
        [&] {
          const auto month = app::parse_ledger_month(asked);
          const auto& ctx = req.context();
          const auto day = execution.empty() ? std::nullopt
                                             : std::optional(app::parse_execution_date(execution, ctx.clock.today()));
          app::write_payout_file(s.store, ctx, std::nullopt, month, day);
          return Response::redirect("/payouts?month=" + month.to_string());
        },
        [&](const DomainError& e, int status) { return payouts_page(req, s, asked, execution, &e, status); });
  }});

  routes.push_back({"GET", "/owners/{id}/statement", reaching("owner", Permission::payouts_run), [&s](Request& req) {
    const auto asked = req.query_value("month");  // this month by default
    const auto month = asked.empty() ? YearMonth::of(req.context().clock.today()) : app::parse_ledger_month(asked);
    const auto st = app::owner_statement(s.store, req.context(), req.path_id(), month);
    return download("statement-" + st.agency_code + "-" + month.to_string() + "-owner-" + std::to_string(st.owner.id) + ".pdf",
                    "application/pdf", web::owner_statement_pdf(s.views.catalog(), st, req.context().clock.today()));
  }});

  routes.push_back({"GET", "/payouts/{month}/file", needing(Permission::payouts_run), [&s](Request& req) {
    const auto month = YearMonth::parse(req.path_params["month"]);
    if (!month) throw DomainError(ErrorKind::not_found, "payouts.no_file");
    const auto file = app::write_payout_file(s.store, req.context(), std::nullopt, month.value(), std::nullopt, false);
    return download(file.file_name, "application/xml", file.bytes);
  }});

  routes.push_back({"POST", "/payouts/confirm", needing(Permission::payouts_run), [&s](Request& req) {
    const auto asked = req.form_value("month");
    return submit_form(
        [&] {
          const auto month = app::parse_ledger_month(asked);
          app::confirm_payouts(s.store, req.context(), std::nullopt, month);
          return Response::redirect("/payouts?month=" + month.to_string() + "&confirmed=1");
        },
        [&](const DomainError& e, int status) { return payouts_page(req, s, asked, "", &e, status); });
  }});

  routes.push_back({"POST", "/payouts/format", needing(Permission::agency_settings_manage), [&s](Request& req) {
    const auto asked = req.form_value("month");
    return submit_form(
        [&] {
          const auto format = payouts::parse_file_format(req.form_value("format"));
          if (!format) throw std::move(DomainError(ErrorKind::validation, "payouts.invalid_format").field("format"));
          app::set_payout_format(s.store, req.context(), std::nullopt, *format);
          return Response::redirect("/payouts?month=" + url_encode(asked) + "&format_saved=1");
        },
        [&](const DomainError& e, int status) { return payouts_page(req, s, asked, "", &e, status); });
  }});
}

}  // namespace hms::http
