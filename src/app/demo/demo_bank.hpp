// The demo's bank statements (issue 10 point 3): for one demo agency, its account
// BE11 0682 4601 3548 added and two CODA files of the two months before `today`, one credit per
// lease in force (at most 40) and a bank fee, to import from /bank and see the matching work:
// most credits carry the lease's structured communication (matched), some pay part or more, some
// carry a reference with wrong check digits or a free communication from an unknown IBAN (left
// for a person). Deterministic for a seed and a day.
#pragma once
#include <chrono>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "common/year_month.hpp"

namespace hms::app::demo {

struct BankStatementFile {
  std::string name;   // "AIS-BXL-2026-10.cod"
  std::string bytes;  // CODA 2, windows-1252 (ASCII here), CRLF
};

// The demo agency's account: BE11 0682 4601 3548 for the first (the one of its CODA files), a
// valid Belgian IBAN drawn for each other.
std::string demo_agency_iban(int index, std::uint64_t seed);

// The leases and months the statements pay (the leases in force `today`, the latest first, at
// most 40; the two months before today's): the demo's ledger history leaves those payments to
// the files.
std::vector<leases::Lease> statement_leases(UnitOfWork& uow, std::int64_t agency_id, std::chrono::year_month_day today);
std::vector<YearMonth> statement_months(std::chrono::year_month_day today);

std::vector<BankStatementFile> demo_bank_statements(Store& store, const Context& ctx, const std::string& agency_code,
                                                   std::chrono::year_month_day today, std::uint64_t seed);

}  // namespace hms::app::demo
