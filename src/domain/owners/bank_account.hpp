// Bank accounts and company numbers as Belgian owners give them (finance-formats.md §3):
// an IBAN checked by ISO 13616 mod 97 and, for Belgian accounts, the BBAN check digits;
// an enterprise number (BCE/KBO) checked by mod 97. E.g. "BE68 5390 0754 7034", "0403.170.701".
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace hms::owners {

// The IBAN in its compact form ("BE68539007547034"): spaces removed, upper-cased.
// Throws DomainError(validation, "owners.invalid_iban") with field "iban" when the country's
// length, the characters, the ISO 13616 check or (BE) the BBAN check digits are wrong.
std::string validate_iban(std::string_view text);
// Grouped by four for display: "BE68 5390 0754 7034".
std::string format_iban(std::string_view compact);
// Masked for lists: "BE68 •••• •••• 7034".
std::string mask_iban(std::string_view compact);

// The enterprise number as ten digits ("0403170701"), from "0403.170.701", "BE0403170701",
// "403170701". Throws DomainError(validation, "owners.invalid_company_number") with field
// "company_number" when it is not 10 digits starting with 0 or 1 whose last two are
// 97 − (the first eight mod 97).
std::string validate_company_number(std::string_view text);
// "0403.170.701"
std::string format_company_number(std::string_view ten_digits);

}  // namespace hms::owners
