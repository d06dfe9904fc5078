// The JSON shapes of the bank side (contract E): the import report as `hms import bank --json`
// prints it, a movement of GET /api/v1/bank/movements (counterparty IBAN masked), and the
// sentence that says why a bank file was refused.
#pragma once
#include <nlohmann/json.hpp>

#include "app/bank/bank.hpp"
#include "common/error.hpp"
#include "http/request.hpp"
#include "web/texts.hpp"

namespace hms::http {

// {"ok": true, "statements", "movements", "matched", "unmatched"}
nlohmann::json bank_import_json(const app::BankImport& report);
// {"id", "statement", "sequence", "date", "amount", "counterparty_name", "counterparty_iban"
// ("•••• 7682"), "communication", "structured", "status", "lease_id", "match_method", "unmatched_reason"}
nlohmann::json movement_json(const bank::StoredMovement& m);
// "Line 7: The record is 127 characters long instead of 128." for a bank.invalid_file error (its
// line or element and its reason in `tx`'s language); the error's own text otherwise.
std::string bank_error_text(const DomainError& e, const web::Texts& tx);
// ?status= of a list of movements: none when absent; "bank.invalid_status" (422) when unknown.
std::optional<bank::MovementStatus> movement_status_query(const Request& req);

}  // namespace hms::http
