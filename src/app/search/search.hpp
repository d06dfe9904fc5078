// The global search of the header (issue 15.10): one box that finds dwellings (reference, street,
// commune), owners (name, e-mail, company number, the last four digits of the IBAN) and owner
// contracts (dwelling reference, street, owner name) — each part only for a role that may read
// it, each in the agency scope of its own list. E.g. "dansaert" → IX-0042 Rue Antoine Dansaert 2
// bte 5, its contract with Marie Dubois; "7034" → the owners whose IBAN ends in 7034.
#pragma once
#include <string>

#include "app/owners/owners.hpp"
#include "app/stock/dwellings.hpp"

namespace hms::app {

struct SearchResults {
  std::string query;                                  // trimmed; empty: nothing was searched
  std::optional<Page<stock::Dwelling>> dwellings;     // stock_view; at most kSearchShown
  std::optional<OwnerChoices> owners;                 // owners_view; names and what tells namesakes apart
  std::optional<Page<owners::OwnerContract>> contracts;  // owners_view; at most kSearchShown
};
inline constexpr int kSearchShown = 10;

// Needs stock_view or owners_view (else forbidden). Reads as the lists do: the owners' part is
// one audited "owners.search", the contracts' part one "owners.contract_list"; the dwellings are
// not personal data. A query of fewer than 2 characters searches nothing.
SearchResults search(Store& store, const Context& ctx, const std::string& query);

}  // namespace hms::app
