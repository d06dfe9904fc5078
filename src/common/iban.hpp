// The ISO 13616 check of an IBAN, shared by the owners' bank accounts and the bank statement
// files (finance-formats.md §3): the country's length, the mod-97 check and, for a Belgian
// account, the BBAN's own check digits. E.g. "BE68 5390 0754 7034" → "BE68539007547034".
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace hms {

// The IBAN in its compact form (spaces, tabs and dashes removed, upper-cased), or none when the
// country is not a SEPA country of hms, the length is not the country's, a character is not a
// letter or digit where one is expected, the ISO 13616 check fails or (BE) the BBAN's last two
// digits are not its first ten mod 97 (0 counting as 97).
std::optional<std::string> checked_iban(std::string_view text);

// The remainder mod 97 of a long number given as decimal digits ("0682460135" → 48).
int mod97(std::string_view digits);

}  // namespace hms
