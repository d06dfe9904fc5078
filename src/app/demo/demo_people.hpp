// The demo region's owners: persons with Belgian names (French- and Dutch-speaking, and
// Brussels' other origins), companies (SRL/SA, BV/NV) with a valid enterprise number, valid
// Belgian IBANs at real banks, e-mail, phone and postal address. E.g. "Griet Maes", language nl,
// BE71 0961 2345 6769, griet.maes@example.be, 0475 12 34 56, Rue Gallait 87, 1030 Schaerbeek.
#pragma once
#include <string>

#include "app/demo/demo_places.hpp"
#include "app/demo/random.hpp"
#include "domain/owners/owner.hpp"

namespace hms::app::demo {

// A Belgian IBAN ("BE71096123456769"): BBAN = bank code, 7 digits, 2 check digits (the first
// ten mod 97, 0 → 97); IBAN check digits 98 − (BBAN followed by "111400") mod 97.
std::string belgian_iban(Random& rng);
// An enterprise number of ten digits starting with 0 ("0403170701"): the last two are
// 97 − (the first eight mod 97).
std::string enterprise_number(Random& rng);
// A Belgian phone number as people write it: "0475 12 34 56", "02 512 34 56", "+32 486 12 34 56".
std::string phone_number(Random& rng);
// Lower-case ASCII for an e-mail address: "Françoise Lefèvre" → "francoise.lefevre".
std::string email_local_part(std::string_view first, std::string_view last);

// An owner, not yet stored (agency_id and timestamps left to the caller), valid for
// owners::validate_owner.
owners::Owner draw_person(Random& rng, const Places& places);
owners::Owner draw_company(Random& rng, const Places& places);

}  // namespace hms::app::demo
