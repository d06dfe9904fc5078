#include "http/handlers/bank/bank_json.hpp"

#include "common/date.hpp"
#include "domain/leases/payment_reference.hpp"

namespace hms::http {

nlohmann::json bank_import_json(const app::BankImport& report) {
  return {{"ok", true},
          {"statements", report.statements},
          {"movements", report.movements},
          {"matched", report.matched},
          {"unmatched", report.unmatched}};
}

nlohmann::json movement_json(const bank::StoredMovement& m) {
  nlohmann::json j = {{"id", m.id},
                      {"statement", m.statement_number},
                      {"sequence", m.sequence},
                      {"date", to_iso(m.booking_date)},
                      {"amount", m.amount.format_plain()},
                      {"counterparty_name", m.counterparty_name},
                      {"counterparty_iban", m.counterparty_iban_last4.empty() ? "" : "•••• " + m.counterparty_iban_last4},
                      {"communication", m.structured ? leases::format_payment_reference(m.communication) : m.communication},
                      {"structured", m.structured},
                      {"status", bank::to_string(m.status)},
                      {"lease_id", m.lease_id ? nlohmann::json(*m.lease_id) : nlohmann::json(nullptr)},
                      {"match_method", m.match_method},
                      {"unmatched_reason", m.unmatched_reason}};
  return j;
}

std::string bank_error_text(const DomainError& e, const web::Texts& tx) {
  const std::map<std::string, std::string>& params = e.params();
  std::string text = tx.format(e.code(), params);
  if (e.code() != "bank.invalid_file") return text;
  const auto at = [&](const char* name) { return params.count(name) ? params.at(name) : std::string(); };
  if (!at("line").empty()) text += " " + tx.format("bank.at_line", params) + ":";
  else if (!at("element").empty()) text += " " + tx.format("bank.at_element", params) + ":";
  if (!at("reason").empty()) text += " " + tx.format(at("reason"), params);
  return text;
}

}  // namespace hms::http
