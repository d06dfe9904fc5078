// Postal addresses written as the Belgian post writes them, for letters and pages: the street,
// the house number and the box with the box word of the reader's language ("Rue Antoine
// Dansaert 2 bte 5" in French, "... 2 bus 5" in Dutch, from stock.dwellings.box_short), then the
// postcode and the town on a line of their own ("1000 Bruxelles").
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "web/catalog.hpp"

namespace hms::web {

// "Rue Antoine Dansaert 2 bte 5" (fr), "Rue Antoine Dansaert 2 bus 5" (nl); no box: "… 2".
std::string street_line(const Catalog& catalog, const std::string& lang, std::string_view street,
                        std::string_view number, std::string_view box);

// The lines of an address typed as free text, as an envelope shows them: each typed line, a line
// holding ", 1000 Bruxelles" cut before its postcode (four digits then a space), spaces
// collapsed, empty lines dropped. "Rue Haute 45 bte 3, 1000 Bruxelles" → {"Rue Haute 45 bte 3",
// "1000 Bruxelles"}. The words themselves are kept as typed (the street's own language).
std::vector<std::string> postal_lines(std::string_view text);

}  // namespace hms::web
