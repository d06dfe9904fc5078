// The bank's pages: /bank (upload a CODA or camt.053 file → the matching report), /bank/movements
// (the queue of unmatched credits, or the matched ones), /bank/movements/{id} (find the lease a
// credit pays — by tenant name, payment reference or amount — and match it; plain forms) and the
// agency's own accounts in the settings: /settings/bank-accounts (list, add).
#include "common/date.hpp"
#include "domain/leases/payment_reference.hpp"
#include "domain/owners/bank_account.hpp"
#include "http/handlers/bank/bank_json.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/support/forms.hpp"
#include "http/handlers/support/pages.hpp"
#include "http/handlers/support/support.hpp"

namespace hms::http {

using nlohmann::json;
using users::Permission;

namespace {

std::string communication_text(const std::string& communication, bool structured) {
  return structured ? leases::format_payment_reference(communication) : communication;
}

std::string masked(const std::string& last4) { return last4.empty() ? std::string() : "•••• " + last4; }

json report_model(const web::Texts& tx, const app::BankImport& r) {
  json matched = json::array(), unmatched = json::array(), methods = json::array();
  for (const auto& l : r.lines) {
    json line = {{"id", l.id},
                 {"statement", l.statement},
                 {"sequence", l.sequence},
                 {"date", to_belgian(l.date)},
                 {"amount", tx.money(l.amount)},
                 {"name", l.counterparty_name},
                 {"iban", masked(l.counterparty_iban_last4)},
                 {"communication", l.communication}};
    if (l.lease_id) {
      line["lease_id"] = *l.lease_id;
      line["dwelling"] = l.dwelling;
      line["method"] = tx.text(std::string("bank.method.") + bank::to_string(*l.method));
      matched.push_back(line);
    } else {
      line["reason"] = tx.text(std::string("bank.reason.") + bank::to_string(*l.reason));
      line["can_match"] = l.amount > Money::zero();
      unmatched.push_back(line);
    }
  }
  for (const auto& [method, count] : r.matched_by)
    methods.push_back({{"label", tx.text("bank.method." + method)}, {"count", count}});
  return {{"summary", tx.format("bank.import.summary", {{"statements", std::to_string(r.statements)},
                                                         {"movements", std::to_string(r.movements)},
                                                         {"matched", std::to_string(r.matched)},
                                                         {"unmatched", std::to_string(r.unmatched)}})},
          {"methods", methods},
          {"matched", matched},
          {"has_matched", !matched.empty()},
          {"unmatched", unmatched},
          {"has_unmatched", !unmatched.empty()}};
}

Response upload_page(Request& req, Services& s, json model, int status) {
  auto info = page_info(req, s, "bank.import.title", "bank");
  model["accounts"] = json::array();
  for (const auto& a : app::agency_bank_accounts(s.store, req.context(), std::nullopt))
    model["accounts"].push_back({{"iban", owners::format_iban(a.iban)}, {"bic", a.bic}});
  model["has_accounts"] = !model["accounts"].empty();
  return Response::html(s.views.page(info, "bank/import", model), status);
}

json movement_view(const web::Texts& tx, const bank::StoredMovement& m) {
  json v = {{"id", m.id},
            {"statement", m.statement_number},
            {"sequence", m.sequence},
            {"account", owners::format_iban(m.account_iban)},
            {"date", to_belgian(m.booking_date)},
            {"amount", tx.money(m.amount)},
            {"name", m.counterparty_name},
            {"iban", masked(m.counterparty_iban_last4)},
            {"communication", communication_text(m.communication, m.structured)},
            {"can_match", m.status == bank::MovementStatus::unmatched && m.amount > Money::zero()}};
  if (!m.unmatched_reason.empty()) v["reason"] = tx.text("bank.reason." + m.unmatched_reason);
  if (!m.match_method.empty()) v["method"] = tx.text("bank.method." + m.match_method);
  if (m.lease_id) v["lease_id"] = *m.lease_id;
  return v;
}

Response movement_page(Request& req, Services& s, std::int64_t id, const DomainError* error, int status) {
  const web::Texts tx{s.views.catalog(), req.lang};
  const auto m = app::read_bank_movement(s.store, req.context(), id);
  const auto q = req.query_value("q");
  json candidates = json::array();
  if (m.status == bank::MovementStatus::unmatched)
    for (const auto& c : app::match_candidates(s.store, req.context(), id, q))
      candidates.push_back({{"lease_id", c.lease_id}, {"dwelling", c.dwelling}, {"household", c.household},
                            {"reference", leases::format_payment_reference(c.payment_reference)},
                            {"open", tx.money(c.open)}, {"fits", c.amount_fits}});
  json model = {{"movement", movement_view(tx, m)},
                {"q", q},
                {"candidates", candidates},
                {"has_candidates", !candidates.empty()},
                {"searched", !q.empty()},
                {"can_post", req.context().can(Permission::ledger_post)}};
  if (error) model["errors"] = errors_of(s, req, *error, {"lease_id"});
  auto info = page_info(req, s, "bank.movement.title", "bank");
  return Response::html(s.views.page(info, "bank/movement", model), status);
}

Response accounts_page(Request& req, Services& s, const json& typed, const DomainError* error, int status) {
  json accounts = json::array();
  for (const auto& a : app::agency_bank_accounts(s.store, req.context(), std::nullopt))
    accounts.push_back({{"iban", owners::format_iban(a.iban)}, {"bic", a.bic}});
  json model = {{"accounts", accounts}, {"has_accounts", !accounts.empty()}, {"form", typed},
                {"saved", req.query_value("saved") == "1"}};
  if (error) model["errors"] = errors_of(s, req, *error, {"iban", "bic"});
  auto info = page_info(req, s, "bank.accounts.title", "settings");
  return Response::html(s.views.page(info, "bank/accounts", model), status);
}

}  // namespace

void add_bank_page_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/bank", needing(Permission::ledger_post), [&s](Request& req) {
    return upload_page(req, s, json::object(), 200);
  }});

  routes.push_back({"POST", "/bank", needing(Permission::ledger_post), [&s](Request& req) {
    const web::Texts tx{s.views.catalog(), req.lang};
    return submit_form(
        [&] {
          auto file = req.files.find("file");
          if (file == req.files.end() || file->second.empty())
            throw std::move(DomainError(ErrorKind::validation, "bank.no_file").field("file"));
          const auto report = app::import_bank_file(s.store, req.context(), std::nullopt, file->second);
          return upload_page(req, s, {{"report", report_model(tx, report)}}, 200);
        },
        [&](const DomainError& e, int status) {
          json errors = form_errors(s.views, req.lang, e);
          // A refused file: its line or element and the reason, in the reader's language.
          const auto sentence = bank_error_text(e, tx);
          errors["file"] = sentence;
          errors["summary"] = json::array({{{"field", "file"}, {"message", sentence}}});
          return upload_page(req, s, {{"errors", errors}}, status);
        });
  }});

  routes.push_back({"GET", "/bank/movements", needing(Permission::ledger_view), [&s](Request& req) {
    const web::Texts tx{s.views.catalog(), req.lang};
    auto status = movement_status_query(req).value_or(bank::MovementStatus::unmatched);
    const auto paging = req.paging();
    auto page = app::list_bank_movements(s.store, req.context(), status, paging);
    json items = json::array();
    for (const auto& m : page.items) items.push_back(movement_view(tx, m));
    json model = {{"items", items},
                  {"has_items", !items.empty()},
                  {"unmatched", status == bank::MovementStatus::unmatched},
                  {"matched", status == bank::MovementStatus::matched},
                  {"pagination", pagination(req, paging, page.total, page.items.size())}};
    const auto just = req.query_value("matched_id");
    if (!just.empty()) model["matched_notice"] = tx.format("bank.movement.matched_notice", {{"id", just}});
    auto info = page_info(req, s, "bank.movements.title", "bank");
    return Response::html(s.views.page(info, "bank/movements", model));
  }});

  routes.push_back({"GET", "/bank/movements/{id}", reaching("bank_movement", Permission::ledger_view), [&s](Request& req) {
    return movement_page(req, s, req.path_id(), nullptr, 200);
  }});

  routes.push_back({"POST", "/bank/movements/{id}/match", reaching("bank_movement", Permission::ledger_post),
                    [&s](Request& req) {
    const auto id = req.path_id();
    app::read_bank_movement(s.store, req.context(), id);  // 404 first
    return submit_form(
        [&] {
          const auto lease_text = req.form_value("lease_id");
          std::int64_t lease_id = 0;
          try {
            lease_id = std::stoll(lease_text);
          } catch (const std::exception&) {
            throw std::move(DomainError(ErrorKind::validation, "bank.invalid_lease").field("lease_id"));
          }
          app::match_bank_movement(s.store, req.context(), id, lease_id);
          return Response::redirect("/bank/movements?matched_id=" + std::to_string(id));
        },
        [&](const DomainError& e, int status) { return movement_page(req, s, id, &e, status); });
  }});

  routes.push_back({"GET", "/settings/bank-accounts", needing(Permission::agency_settings_manage), [&s](Request& req) {
    return accounts_page(req, s, json::object(), nullptr, 200);
  }});

  routes.push_back({"POST", "/settings/bank-accounts", needing(Permission::agency_settings_manage), [&s](Request& req) {
    json typed = {{"iban", req.form_value("iban")}, {"bic", req.form_value("bic")}};
    return submit_form(
        [&] {
          app::set_agency_bank_account(s.store, req.context(), std::nullopt, req.form_value("iban"), req.form_value("bic"));
          return Response::redirect("/settings/bank-accounts?saved=1");
        },
        [&](const DomainError& e, int status) { return accounts_page(req, s, typed, &e, status); });
  }});
}

}  // namespace hms::http
