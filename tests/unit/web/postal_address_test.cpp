// Addresses as the Belgian post writes them (issue 15.2): the box word of the letter's language
// ("2 bte 5" in French, "2 bus 5" in Dutch), and a one-line typed address cut before its
// postcode, so that a window envelope shows the street, then the postcode and the town.
#include <gtest/gtest.h>

#include "web/catalog.hpp"
#include "web/postal_address.hpp"

namespace hms::web {
namespace {

const Catalog& catalog() {
  static const Catalog c;
  return c;
}

TEST(PostalAddress, TheBoxIsWrittenWithTheWordOfTheLanguage) {
  EXPECT_EQ(street_line(catalog(), "fr", "Rue Antoine Dansaert", "2", "5"), "Rue Antoine Dansaert 2 bte 5");
  EXPECT_EQ(street_line(catalog(), "nl", "Dansaertstraat", "2", "5"), "Dansaertstraat 2 bus 5");
  EXPECT_EQ(street_line(catalog(), "fr", "Rue Haute ", " 45", ""), "Rue Haute 45");
}

TEST(PostalAddress, AOneLineAddressIsCutBeforeItsPostcode) {
  EXPECT_EQ(postal_lines("Rue Haute 45 bte 3, 1000 Bruxelles"),
            (std::vector<std::string>{"Rue Haute 45 bte 3", "1000 Bruxelles"}));
  EXPECT_EQ(postal_lines("Avenue Louise 54\n1050 Ixelles\n"), (std::vector<std::string>{"Avenue Louise 54", "1050 Ixelles"}));
  EXPECT_EQ(postal_lines("  Dansaertstraat  2 bus 5 ,  1000 Brussel "),
            (std::vector<std::string>{"Dansaertstraat 2 bus 5", "1000 Brussel"}));
  // A comma not followed by a postcode stays: "Résidence Les Tilleuls, Rue X 3".
  EXPECT_EQ(postal_lines("Résidence Les Tilleuls, Rue X 3\r\n4000 Liège"),
            (std::vector<std::string>{"Résidence Les Tilleuls, Rue X 3", "4000 Liège"}));
  EXPECT_TRUE(postal_lines("").empty());
}

}  // namespace
}  // namespace hms::web
