// The Belgian national register number (security-reliability.md F3): 11 digits YYMMDDSSSCC,
// the birth date, a serial number (odd for men, even for women) and two check digits,
// 97 − (the first nine digits mod 97); for a birth from 2000 on, the nine digits are read with
// a "2" in front (2YYMMDDSSS). E.g. "85.07.30-033.28" → "85073003328"; "17.07.30-033.84" (born
// 2017) is valid only with the "2" prefix. A BIS number (month + 20 or + 40) follows the same rule.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace hms::applicants {

// The 11 digits of `text` once its punctuation (spaces, '.', '-', '/') is left out, when they
// form a number with valid check digits; none otherwise (wrong length, a letter, a wrong check).
std::optional<std::string> normalize_national_number(std::string_view text);
bool is_valid_national_number(std::string_view digits);
// "85.07.30-xxx.xx": the birth date part shown, the serial and check digits hidden.
std::string mask_national_number(std::string_view digits);
// "85.07.30-033.28".
std::string format_national_number(std::string_view digits);

}  // namespace hms::applicants
