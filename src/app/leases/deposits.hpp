// A lease's deposit in the agency's ledger (issue 10.4; the rule in domain/leases/deposit.hpp):
// recorded as lodged when the household's blocked account or guarantee is in place, then as
// returned at the end of the lease, each a MISC entry off the balance sheet that a reversal
// cancels (ledger pages). Both need leases_manage and ledger_post; the lease of another agency
// is the 404 of an unknown id.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/leases/deposit.hpp"

namespace hms::app {

// The lease's deposit postings, oldest first (leases_view and ledger_view).
std::vector<leases::DepositPosting> deposit_postings(Store& store, const Context& ctx, std::int64_t lease_id);

// Posts the deposit as lodged on `date` (typed, required: "leases.deposit_date_required").
// Refusals as leases::deposit_received and ledger::build_entry (a closed period). Audited
// "leases.deposit_received". Answers the entry.
ledger::Entry receive_deposit(Store& store, const Context& ctx, std::int64_t lease_id, const std::optional<std::string>& date);

// Posts its release on `date`, `returned` (typed money, required) going back to the household;
// the lease records the return (deposit_returned_on, deposit_returned). Refusals as
// leases::deposit_returned. Audited "leases.deposit_returned". Answers the entry.
ledger::Entry return_deposit(Store& store, const Context& ctx, std::int64_t lease_id, const std::optional<std::string>& date,
                             const std::optional<std::string>& returned);

}  // namespace hms::app
