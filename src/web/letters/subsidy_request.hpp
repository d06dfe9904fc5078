// The subsidy request as the agency sends it to the Region: a PDF in the reader's language with
// the inventory it comes from, a line per part (dwellings × yearly rate), the total, the rates'
// validity date (and a warning when they are illustrative), the tranches once accepted and what
// was said about it.
#pragma once
#include <chrono>
#include <string>
#include <vector>

#include "documents/letter.hpp"
#include "domain/subsidies/subsidy_request.hpp"
#include "web/catalog.hpp"

namespace hms::web {

// The request's lines: part, dwellings, yearly rate, amount; the total as the last row.
documents::Table subsidy_request_table(const Catalog& catalog, const std::string& lang,
                                       const subsidies::SubsidyRequest& r);
// The tranches: number, share, amount, due date, justification, paid on.
documents::Table subsidy_tranches_table(const Catalog& catalog, const std::string& lang,
                                        const subsidies::SubsidyRequest& r);
std::string subsidy_request_pdf(const Catalog& catalog, const std::string& lang, const subsidies::SubsidyRequest& r,
                                const std::vector<std::string>& letterhead, std::chrono::year_month_day today);

}  // namespace hms::web
