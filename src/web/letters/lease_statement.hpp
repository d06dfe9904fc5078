// A lease's statement for its household (issue 10 part 1), in the household's language: the
// balance on the first day, each call and payment of the span with the balance after it, the
// balance at the end in words (owed, in credit, settled) and how to pay. E.g. "Relevé de votre
// compte de loyer du 01/12/2025 au 07/12/2026 — … Vous devez 645,00 €."
#pragma once
#include <string>

#include "app/ledger/ledger.hpp"
#include "documents/letter.hpp"
#include "web/catalog.hpp"

namespace hms::web {

documents::Letter lease_statement_letter(const Catalog& catalog, const app::LeaseStatementLetter& st);

// The statement as a PDF (long spans flow onto more pages, the table's header repeated).
std::string lease_statement_pdf(const Catalog& catalog, const app::LeaseStatementLetter& st);

}  // namespace hms::web
