// The demo region's money, agency by agency (issue 10 point 5): every month of the history, from
// the first month of `years` ago to today's, the monthly rent run (app/ledger/rent_run.hpp: a rent
// call per lease in force, a rent due per owner contract) and the households' payments, posted
// as the bank import would (BANK D 550 / C 400 of the lease, described by its structured
// communication). Each household pays in its own way, drawn once:
//   - 80 % on time, in full, between the 1st and the 6th;
//   - 10 % late, in full, between the 8th and the 26th;
//   -  5 % partly (60 to 95 % of the call), clearing what they owe every fourth month;
//   -  4 % irregularly: one month in five skipped, then caught up the next;
//   -  1 % stopped paying one to six months ago (the leases in force today), as a formal notice
//      would find them.
// No payment is dated after today, so this month is only partly collected. The owners are paid
// on the 10th of each month by the month's payment run (app/payouts/payouts.hpp pay_owners: its
// SEPA file recorded, confirmed the same day), from the agency's own account. The months the demo's
// CODA files cover (app/demo/demo_bank.hpp) are left unpaid for their leases: importing the files
// pays them. Each deposit is recorded as lodged on its lease's first day and, for households that
// left, as returned (domain/leases/deposit.hpp). The agency's admin closed every month before this year. Deterministic for a seed and
// a day. E.g. lease of IXE-0042 at 585.00 + 60.00, on time: 2026-03-01 RENT D 400 645.00,
// 2026-03-04 BANK C 400 645.00 "+++250/2000/01456+++".
#pragma once
#include <chrono>
#include <cstdint>

#include "app/context.hpp"

namespace hms::app::demo {

struct LedgerCounts {
  std::int64_t rent_runs = 0;  // agency-months run
  std::int64_t entries = 0;    // rent calls, rents due to owners, payments and deposits posted
  std::int64_t payments = 0;
  std::int64_t payout_runs = 0;  // agency-months whose owners were paid
  LedgerCounts& operator+=(const LedgerCounts& o) {
    rent_runs += o.rent_runs;
    payout_runs += o.payout_runs;
    entries += o.entries;
    payments += o.payments;
    return *this;
  }
};

struct LedgerPlan {
  const agencies::Agency& agency;
  int index = 0;          // the agency's place in creation order: its own random stream
  int years = 10;         // months of history: 12 × years, the last one today's
  std::uint64_t seed = 1;
  bool bank_statements = false;  // the agency whose CODA files the demo writes
};

// Posts one agency's history through `uow` (the caller commits).
LedgerCounts build_agency_ledger(UnitOfWork& uow, const Context& ctx, const LedgerPlan& plan);

}  // namespace hms::app::demo
