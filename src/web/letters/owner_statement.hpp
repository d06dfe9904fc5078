// The monthly statement to an owner (issue 11.2), in the owner's language: for each dwelling the
// rent due that month, the management fee on a mandate and the net, the total, and whether the
// agency paid it (the date of the transfer) or what is missing to pay it (a valid IBAN). E.g.
// "Relevé de mars 2026 — IX-0042: 745,50 € dus, 63,37 € de frais de gestion, 682,13 € versés le 05/03/2026".
#pragma once
#include <chrono>
#include <string>

#include "app/payouts/payouts.hpp"
#include "documents/letter.hpp"
#include "web/catalog.hpp"

namespace hms::web {

documents::Letter owner_statement_letter(const Catalog& catalog, const app::OwnerStatement& st,
                                         std::chrono::year_month_day today);

// The statement as a one-letter PDF.
std::string owner_statement_pdf(const Catalog& catalog, const app::OwnerStatement& st, std::chrono::year_month_day today);

}  // namespace hms::web
