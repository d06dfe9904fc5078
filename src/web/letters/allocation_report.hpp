// The yearly allocation report of an agency, for its board (tenancy-rules.md: a chronological
// register, objective criteria, a derogation only with a written reason, a yearly report): a
// PDF in the reader's language with the year's counts, every decision in date order, and the
// leases that started without an accepted proposal recorded.
#pragma once
#include <chrono>
#include <string>

#include "app/allocation/allocation.hpp"
#include "documents/letter.hpp"
#include "web/catalog.hpp"

namespace hms::web {

// The report's table: date, dwelling, household, decision, place, reason, approved by.
documents::Table allocation_report_table(const Catalog& catalog, const std::string& lang, const app::AllocationReport& r);
// The counts in one sentence: "12 proposals, 9 accepted, 3 refused, 1 derogation; 10 leases…".
std::string allocation_report_summary(const Catalog& catalog, const std::string& lang, const app::AllocationReport& r);
std::string allocation_report_pdf(const Catalog& catalog, const std::string& lang, const app::AllocationReport& r,
                                  std::chrono::year_month_day today);

}  // namespace hms::web
