#include "domain/leases/deposit.hpp"

#include "common/date.hpp"
#include "common/error.hpp"

namespace hms::leases {

std::string_view to_string(DepositEvent e) { return e == DepositEvent::received ? "received" : "returned"; }

std::optional<DepositEvent> parse_deposit_event(std::string_view s) {
  for (auto e : {DepositEvent::received, DepositEvent::returned})
    if (to_string(e) == s) return e;
  return std::nullopt;
}

std::optional<DepositPosting> standing(const std::vector<DepositPosting>& postings, DepositEvent event) {
  std::optional<DepositPosting> found;
  for (const auto& p : postings)
    if (p.event == event && !p.reversed) found = p;
  return found;
}

namespace {

DomainError refused(const char* code, const char* field = "date") {
  return std::move(DomainError(ErrorKind::validation, code).field(field));
}

ledger::Draft memo_entry(const Lease& lease, std::chrono::year_month_day date, std::string description, bool release) {
  ledger::Draft d;
  d.agency_id = lease.agency_id;
  d.journal = ledger::Journal::misc;
  d.date = date;
  d.description = std::move(description);
  d.lines = {ledger::debit(release ? ledger::kGuarantors : ledger::kGuaranteesReceived, lease.deposit),
             ledger::credit(release ? ledger::kGuaranteesReceived : ledger::kGuarantors, lease.deposit)};
  return d;
}

}  // namespace

ledger::Draft deposit_received(const Lease& lease, const std::vector<DepositPosting>& postings,
                               std::chrono::year_month_day date, std::chrono::year_month_day today) {
  // 1. Something to post.
  if (lease.deposit <= Money::zero()) throw refused("leases.no_deposit", "deposit");
  // 2. Once: a receipt stands until its entry is reversed.
  if (standing(postings, DepositEvent::received)) throw refused("leases.deposit_already_received");
  // 3. A day that has come.
  if (date > today) throw refused("leases.deposit_date_future");
  return memo_entry(lease, date, "deposit " + lease.dwelling_reference, false);
}

ledger::Draft deposit_returned(const Lease& lease, const std::vector<DepositPosting>& postings,
                               std::chrono::year_month_day date, Money returned, std::chrono::year_month_day today) {
  // 1. Received, and not returned yet.
  const auto received = standing(postings, DepositEvent::received);
  if (!received) throw refused("leases.deposit_not_received");
  if (standing(postings, DepositEvent::returned)) throw refused("leases.deposit_already_returned");
  // 2. What goes back is part of what was lodged.
  Problems problems;
  if (returned < Money::zero() || returned > received->amount)
    problems.add(std::move(refused("leases.deposit_return_above", "returned").param("max", received->amount.format_plain())));
  // 3. Between the receipt and today.
  if (date < received->date)
    problems.add(std::move(refused("leases.deposit_return_before_receipt").param("date", to_iso(received->date))));
  else if (date > today)
    problems.add(refused("leases.deposit_date_future"));
  problems.throw_if_any();
  // The whole guarantee is released, at the amount it was lodged for.
  auto lodged = lease;
  lodged.deposit = received->amount;
  const Money kept = received->amount - returned;
  return memo_entry(lodged, date,
                    "deposit return " + lease.dwelling_reference + (kept > Money::zero() ? " kept " + kept.format_plain() : ""),
                    true);
}

}  // namespace hms::leases
