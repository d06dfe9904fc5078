// A lease's deposit in the agency's ledger (issue 10.4). In Brussels a rental deposit is never
// cash in the agency's hands (tenancy-rules.md: a blocked account in the tenant's name, a bank
// or CPAS guarantee, a surety): the agency's books carry it off the balance sheet, in the memo
// accounts of class 0. When it is lodged: D 032 guarantees received / C 033 lodgers; when it is
// released at the end of the lease: the opposite, whatever part goes back to the household. What
// the agency keeps (damage, arrears) reaches its bank from the deposit's bank and is matched to
// the lease like any payment (bank import), so it is not posted twice.
// E.g. MISC 2026/000012 on 2026-02-03: D 032 1,170.00 / C 033 1,170.00, "deposit IX-0042".
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "common/money.hpp"
#include "domain/leases/lease.hpp"
#include "domain/ledger/ledger.hpp"

namespace hms::leases {

// The posting that stands for `event`: the latest one not reversed, if any.
std::optional<DepositPosting> standing(const std::vector<DepositPosting>& postings, DepositEvent event);

// The entry that records the lease's deposit as lodged on `date`, in MISC. Refused, as
// DomainError(validation) on field "date" unless said otherwise:
//   1. a deposit above zero ("leases.no_deposit", field "deposit");
//   2. not standing as received already ("leases.deposit_already_received");
//   3. not after `today` ("leases.deposit_date_future").
ledger::Draft deposit_received(const Lease& lease, const std::vector<DepositPosting>& postings,
                               std::chrono::year_month_day date, std::chrono::year_month_day today);

// The entry that releases it on `date`, `returned` of it going back to the household:
//   1. standing as received ("leases.deposit_not_received") and not yet returned
//      ("leases.deposit_already_returned");
//   2. `returned` between 0 and the deposit ("leases.deposit_return_above", field "returned", param max);
//   3. not before the day it was received ("leases.deposit_return_before_receipt", param date),
//      not after `today` ("leases.deposit_date_future").
ledger::Draft deposit_returned(const Lease& lease, const std::vector<DepositPosting>& postings,
                               std::chrono::year_month_day date, Money returned, std::chrono::year_month_day today);

}  // namespace hms::leases
