#include "common/iban.hpp"

#include <array>

namespace hms {
namespace {

// IBAN lengths of the SEPA countries an account may be in (ISO 13616 registry).
struct CountryLength {
  std::string_view country;
  std::size_t length;
};
constexpr std::array<CountryLength, 36> kIbanLengths{{
    {"AD", 24}, {"AT", 20}, {"BE", 16}, {"BG", 22}, {"CH", 21}, {"CY", 28}, {"CZ", 24}, {"DE", 22}, {"DK", 18},
    {"EE", 20}, {"ES", 24}, {"FI", 18}, {"FR", 27}, {"GB", 22}, {"GI", 23}, {"GR", 27}, {"HR", 21}, {"HU", 28},
    {"IE", 22}, {"IS", 26}, {"IT", 27}, {"LI", 21}, {"LT", 20}, {"LU", 20}, {"LV", 21}, {"MC", 27}, {"MT", 31},
    {"NL", 18}, {"NO", 15}, {"PL", 28}, {"PT", 25}, {"RO", 24}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27},
}};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

}  // namespace

int mod97(std::string_view digits) {
  int r = 0;
  for (char c : digits) r = (r * 10 + (c - '0')) % 97;
  return r;
}

std::optional<std::string> checked_iban(std::string_view text) {
  // 1. Remove spaces, upper-case.
  std::string iban;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '-') continue;
    iban += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  if (iban.size() < 5 || !is_upper(iban[0]) || !is_upper(iban[1]) || !is_digit(iban[2]) || !is_digit(iban[3]))
    return std::nullopt;
  // 2. The country's length.
  std::string_view country(iban.data(), 2);
  bool known = false;
  for (const auto& cl : kIbanLengths)
    if (cl.country == country) {
      known = true;
      if (iban.size() != cl.length) return std::nullopt;
    }
  if (!known) return std::nullopt;
  // 3. Move the first four characters to the end, letters as numbers (A = 10 … Z = 35).
  std::string digits;
  for (std::size_t i = 0; i < iban.size(); ++i) {
    char c = iban[(i + 4) % iban.size()];
    if (is_digit(c)) digits += c;
    else if (is_upper(c)) digits += std::to_string(c - 'A' + 10);
    else return std::nullopt;
  }
  // 4. The number mod 97 must be 1.
  if (mod97(digits) != 1) return std::nullopt;
  // 5. Belgium: the BBAN's last two digits are its first ten mod 97, 0 counting as 97.
  if (country == "BE") {
    std::string_view bban(iban.data() + 4, 12);
    for (char c : bban)
      if (!is_digit(c)) return std::nullopt;
    int check = mod97(bban.substr(0, 10));
    if (check == 0) check = 97;
    if (check != std::stoi(std::string(bban.substr(10, 2)))) return std::nullopt;
  }
  return iban;
}

}  // namespace hms
