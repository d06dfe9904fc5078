// The demo region: `hms demo` fills an empty database with a realistic, deterministic
// synthetic Brussels region (same seed and day, same data): 24 agencies of 100 to 850
// dwellings (a few above the 450 subsidy cap) spread over the 19 communes, their staff, one
// demo login per role, and each agency's stock: dwellings with their status history, owners
// and owner contracts (app/demo/demo_stock.hpp), its households and leases
// (app/demo/demo_households.hpp), its years of rent runs and payments (app/demo/demo_ledger.hpp).
// Each module adds its part here, drawing from its own Random stream so that the whole region
// stays reproducible.
#pragma once
#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/demo/demo_households.hpp"
#include "app/demo/demo_ledger.hpp"
#include "app/demo/demo_stock.hpp"

namespace hms::app::demo {

struct Options {
  int agencies = 24;
  int dwellings = 8000;  // over all agencies; shapes each agency's size
  int years = 10;        // of history, for the modules that keep one
  std::uint64_t seed = 1;
  // Agencies written at the same time, each in its own unit of work: 1 for SQLite (one writer
  // at a time); more for PostgreSQL, whose round trips then overlap. The data are the same
  // whatever the number; only the rows' ids interleave between agencies.
  int workers = 1;
  int waiting = 15000;  // households on the agencies' waiting lists, shared in proportion to their size
  int ledger_years = 10;  // of rent runs, payments and payouts (app/demo/demo_ledger.hpp), at most `years`; 0: none
};

struct Login {
  std::string role;
  std::string login;
  std::string password;
  std::string agency;  // "" for cross-agency roles
};

struct Report {
  int agencies = 0;
  int users = 0;
  std::vector<int> agency_sizes;  // planned dwellings per agency, in creation order
  std::vector<Login> logins;      // the demo users who can log in, with their passwords
  StockCounts stock;              // dwellings, owners, owner contracts written
  HouseholdCounts households;     // applicants (waiting, housed, struck off) and leases written
  LedgerCounts ledger;            // rent runs, entries and payments posted
};

// Throws DomainError(conflict, "demo.database_not_empty") when the database already has agencies,
// and DomainError(validation) for options out of range (agencies 1-200, dwellings ≥ 5 per agency
// on average and ≤ 100,000, years 1-30, ledger years 0-30). The agencies and users are committed first, then each
// agency's stock in a unit of work of its own (one audit entry "demo.stock" per agency).
Report build_region(Store& store, const Context& ctx, const Options& options);

// Each agency's number of dwellings: between 100 and 850, a few above 450, summing to about
// options.dwellings; in a small demo (under 100 per agency) the same proportions, at least 5.
// Shared by the modules that generate stock.
std::vector<int> agency_sizes(const Options& options);

}  // namespace hms::app::demo
