#include "domain/bank/matching.hpp"

#include <algorithm>

#include "domain/leases/payment_reference.hpp"

namespace hms::bank {

const char* to_string(MatchMethod method) {
  switch (method) {
    case MatchMethod::structured_communication: return "structured_communication";
    case MatchMethod::iban_and_amount: return "iban_and_amount";
  }
  return "";
}

const char* to_string(UnmatchedReason reason) {
  switch (reason) {
    case UnmatchedReason::not_a_credit: return "not_a_credit";
    case UnmatchedReason::wrong_check_digits: return "wrong_check_digits";
    case UnmatchedReason::unknown_reference: return "unknown_reference";
    case UnmatchedReason::no_lease_fits: return "no_lease_fits";
    case UnmatchedReason::ambiguous: return "ambiguous";
  }
  return "";
}

MatchResult match_credit(const Credit& credit, std::span<const OpenLease> leases) {
  const auto unmatched = [](UnmatchedReason reason) { return MatchResult{std::nullopt, std::nullopt, reason}; };
  // 1. Only money in pays a rent.
  if (credit.amount <= Money::zero()) return unmatched(UnmatchedReason::not_a_credit);
  // 2. A structured communication with wrong check digits names no lease, and the credit is never
  //    matched automatically: the payer meant a reference, a person finds which.
  std::optional<std::string> reference;
  if (credit.structured_communication) {
    reference = leases::parse_payment_reference(*credit.structured_communication);
    if (!reference) return unmatched(UnmatchedReason::wrong_check_digits);
  }
  // 3. A valid reference: the open lease whose payment reference it is.
  if (reference)
    for (const OpenLease& lease : leases)
      if (lease.payment_reference == *reference) return {lease.lease_id, MatchMethod::structured_communication, std::nullopt};
  // 4. Otherwise the payer's IBAN and the exact amount of an open call, on exactly one lease
  //    paid from that IBAN before; two or more fitting leases are left to a person.
  std::optional<std::int64_t> found;
  int fitting = 0;
  if (!credit.counterparty_iban.empty())
    for (const OpenLease& lease : leases) {
      const bool paid_from_iban = std::ranges::find(lease.paying_ibans, credit.counterparty_iban) != lease.paying_ibans.end();
      const bool amount_due = std::ranges::find(lease.open_call_amounts, credit.amount) != lease.open_call_amounts.end();
      if (paid_from_iban && amount_due) {
        found = lease.lease_id;
        ++fitting;
      }
    }
  if (fitting == 1) return {found, MatchMethod::iban_and_amount, std::nullopt};
  if (fitting > 1) return unmatched(UnmatchedReason::ambiguous);
  return unmatched(reference ? UnmatchedReason::unknown_reference : UnmatchedReason::no_lease_fits);
}

}  // namespace hms::bank
