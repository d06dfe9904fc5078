// The checks of what a person types as contact details, shared by the owners and the applicants:
// an e-mail address that could be one, a phone number of 8 to 15 digits, a length in characters.
#pragma once
#include <cstddef>
#include <string_view>

namespace hms {

// One '@', something before it, a dot after it, no space, comma or semicolon: "name@example.be".
bool plausible_email(std::string_view e);
// Digits with spaces, '+', '.', '/', '(', ')' or '-' between them, 8 to 15 digits: "+32 2 123 45 67".
bool plausible_phone(std::string_view p);
// The length in characters (code points) of valid UTF-8: "Société" is 7, not 9.
std::size_t characters(std::string_view s);

}  // namespace hms
