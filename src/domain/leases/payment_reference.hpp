// The Belgian structured communication (glossary: payment reference; OGM/VCS, "BBA" in ISO
// 20022): 12 digits, a 10-digit base and its remainder modulo 97 on two digits, 97 when the
// remainder is 0 (finance-formats.md §2). A household pays its rent with its lease's
// reference, so that a bank credit names the lease without guessing. E.g. base 2502000014 →
// "250200001456", written "+++250/2000/01456+++".
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hms::leases {

// The 12 digits for a base of 0 to 9,999,999,999; std::invalid_argument outside.
std::string payment_reference(std::int64_t base);
// "+++250/2000/01456+++" for "250200001456".
std::string format_payment_reference(std::string_view digits);
// The 12 digits of a reference as typed ("+++250/2000/01456+++", "***250/2000/01456***",
// "250 2000 01456"), or none when it has other characters, not 12 digits or a wrong check.
std::optional<std::string> parse_payment_reference(std::string_view text);

}  // namespace hms::leases
