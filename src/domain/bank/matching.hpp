// Which lease a bank credit pays (contract E, issue 10): first by the structured communication
// (the lease's payment_reference, check digits verified), then by the payer's IBAN and an amount
// equal to an open rent call of the one lease paid from that IBAN before; else a person decides.
// E.g. 685.00 € with +++250/2000/01456+++ pays the lease whose reference is "250200001456".
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/money.hpp"

namespace hms::bank {

// What the matcher reads of a bank movement (filled from a formats BankMovement by the import).
struct Credit {
  Money amount;                                       // signed cents; only > 0 is ever matched
  std::optional<std::string> structured_communication;  // 12 digits, when the bank flagged it structured
  std::string counterparty_iban;                      // compact, upper case; may be empty
};

// An open lease of the agency, as the matcher needs it.
struct OpenLease {
  std::int64_t lease_id = 0;
  std::string payment_reference;                 // its 12 digits ("250200001456")
  std::vector<std::string> paying_ibans;         // compact IBANs that paid this lease before; may be empty
  std::vector<Money> open_call_amounts;          // what is still due on each open rent call, > 0
};

enum class MatchMethod { structured_communication, iban_and_amount };

// Why a credit is left for a person.
enum class UnmatchedReason {
  not_a_credit,             // a debit or a zero amount
  wrong_check_digits,       // a structured communication whose check digits are wrong (never matched)
  unknown_reference,        // a valid structured communication of no open lease, and no IBAN rule fits
  no_lease_fits,            // no structured communication, and no lease fits the IBAN and the amount
  ambiguous,                // several leases fit the IBAN and the amount
};

struct MatchResult {
  std::optional<std::int64_t> lease_id;          // the lease paid, when matched
  std::optional<MatchMethod> method;             // how, when matched
  std::optional<UnmatchedReason> reason;         // why not, when unmatched
};

// "structured_communication", "iban_and_amount"; "not_a_credit", "wrong_check_digits", … (for
// files, logs and the API).
const char* to_string(MatchMethod method);
const char* to_string(UnmatchedReason reason);

// The lease a credit pays, or why none (steps in matching.cpp).
MatchResult match_credit(const Credit& credit, std::span<const OpenLease> leases);

}  // namespace hms::bank
