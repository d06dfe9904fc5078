// The monthly rent run (issue 10 part 2, contract E `hms rent run`): for one agency and one month,
// one rent call per lease in force (D 400 (lease) / C 700 rent, C 701 charges) and one rent due
// per owner contract in force (D 610 / C 440 (owner contract)), the owner rent being owed whatever
// the tenant pays (the agency's guarantee). Part of a month is charged pro rata temporis
// (ledger::pro_rata). Idempotent: a month already run posts nothing and says so. Everything in
// one transaction; a dry run answers the same lines and writes nothing. The vacancy cost (owner
// rent due for days without a lease in force on the dwelling) is shown per owner contract.
// E.g. 2026-03, lease 12 of IX-0042 from 2026-03-17 (15 of 31 days): rent 585.00 → 283.06,
// charges 60.00 → 29.03; the owner contract of IX-0042 (650.00, all month): 650.00, of which
// 335.48 vacancy (16 days).
#pragma once
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/ledger/ledger.hpp"

namespace hms::app {

struct RentCallLine {
  std::int64_t lease_id = 0;
  std::string dwelling;           // reference
  std::string payment_reference;  // the lease's structured communication (12 digits)
  int days = 0;                   // days in force in the month
  Money rent;                     // pro rata of the tenant rent in force on the first day in force
  Money charges;                  // pro rata of the charges provision (no line when zero)
  Money total() const { return rent + charges; }
};

struct OwnerRentLine {
  std::int64_t owner_contract_id = 0;
  std::string dwelling;
  std::string owner;              // the owner's name
  int days = 0;
  Money amount;                   // pro rata of the owner rent in force on the first day in force
  int vacant_days = 0;            // days of the contract in the month without a lease in force
  Money vacancy;                  // pro rata of the owner rent for those days
};

struct RentRun {
  std::string agency_code;
  YearMonth month{2026, 1};
  int days_in_month = 0;
  bool dry_run = true;
  bool already_done = false;      // the month was run before: nothing (more) is posted
  std::vector<RentCallLine> rent_calls;    // by dwelling reference
  std::vector<OwnerRentLine> owner_rents;  // by dwelling reference
  Money tenant_total;
  Money owner_total;
  Money vacancy_total;
  // What this run posted (contract E's counts): the lines on a first real run; 0 on a dry run or
  // a month already done.
  std::int64_t calls_posted = 0;
  std::int64_t owner_rents_posted = 0;
  Money tenant_posted;
  Money owner_posted;
};

// What contract E reports: on a dry run what a run would post, on a run what it posted (0 for a
// month already run).
struct RentRunCounts {
  std::int64_t rent_calls = 0;
  Money tenant_total;
  std::int64_t owner_rents = 0;
  Money owner_total;
};
RentRunCounts reported(const RentRun& run);

// The agency's leases and owner contracts with their rent histories (what plan_rent_run reads);
// with a month, only those in force some day of it.
struct RentRunBook {
  std::vector<leases::Lease> leases;
  std::vector<owners::OwnerContract> contracts;
};
RentRunBook rent_run_book(UnitOfWork& uow, std::int64_t agency_id, std::optional<YearMonth> month);

// What the month calls and owes, from the agency's leases and owner contracts (each with its
// rent history; those not in force that month are skipped): the rent calls and rents due to
// owners, by dwelling reference, with their totals; nothing read or written. Shared by run_rent
// and the demo's years of history.
RentRun plan_rent_run(const std::string& agency_code, YearMonth month, const std::vector<leases::Lease>& leases,
                      const std::vector<owners::OwnerContract>& contracts);

// Posts a planned month in `uow` (not committed): one entry per rent call and per rent due to an
// owner (none for 0), then the run's record. Refused: a closed month (422
// "ledger.period_closed"); a month already run fails on the record's unique key.
void post_rent_run(UnitOfWork& uow, std::int64_t agency_id, RentRun& run, std::optional<std::int64_t> user_id,
                   std::int64_t now);

// Runs (or, dry_run, previews) the month for the agency `agency_code` (the actor's own when
// empty; ledger_post, a dry run ledger_view). Refused: an unknown agency or one out of scope
// (422 "ledger.unknown_agency"), a closed month (422 "ledger.period_closed"). Audited
// "ledger.rent_run" with the month.
RentRun run_rent(Store& store, const Context& ctx, const std::string& agency_code, YearMonth month, bool dry_run);

// The Region's month-end job (hms rent run --all-agencies): run_rent for every agency in the
// actor's scope, in code order, in one transaction — the whole Region posted, or nothing.
std::vector<RentRun> run_rent_everywhere(Store& store, const Context& ctx, YearMonth month, bool dry_run);

}  // namespace hms::app
