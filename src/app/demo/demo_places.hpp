// Where the demo region's dwellings and owners are: real Brussels streets (French names) in
// the commune of each postcode, the communes next to each other, and a few towns elsewhere in
// Belgium for owners who do not live in Brussels. E.g. streets_of("1060") holds
// "Chaussée de Waterloo"; neighbours_of("1060") holds "1050" (Ixelles) and "1190" (Forest).
#pragma once
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/demo/random.hpp"
#include "domain/stock/dwelling.hpp"

namespace hms::app::demo {

// The streets of the postcode's commune; empty for a postcode outside the Region.
std::span<const char* const> streets_of(std::string_view postcode);
// The postcodes of the communes bordering that postcode's (without itself).
std::span<const char* const> neighbours_of(std::string_view postcode);

class Places {
 public:
  // `communes`: the Region's postcodes as stored (table communes).
  explicit Places(std::vector<stock::Commune> communes);

  const std::vector<stock::Commune>& communes() const { return communes_; }
  const stock::Commune& commune(std::string_view postcode) const;  // one of communes()
  // A dwelling's postcode for an agency whose office is in `home`: mostly `home`, often a
  // neighbouring commune, now and then anywhere in the Region.
  const stock::Commune& dwelling_commune(Random& rng, std::string_view home) const;
  // A postal address on one line, "Rue Haute 45 bte 3, 1000 Bruxelles": mostly in Brussels,
  // some elsewhere in Belgium.
  std::string postal_address(Random& rng, int brussels_per_mille) const;
  // A house number, mostly small, sometimes with a letter ("12", "147", "8A").
  static std::string house_number(Random& rng);
  // The locality of a postcode as written on an envelope: "Ixelles", "Laeken" for 1020.
  static std::string locality(const stock::Commune& c);

 private:
  std::vector<stock::Commune> communes_;
};

}  // namespace hms::app::demo
