#include "domain/owners/bank_account.hpp"

#include <array>

#include "common/error.hpp"

namespace hms::owners {
namespace {

// IBAN lengths of the SEPA countries an owner's account may be in (ISO 13616 registry).
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

DomainError invalid_iban() { return std::move(DomainError(ErrorKind::validation, "owners.invalid_iban").field("iban")); }

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

// The remainder mod 97 of a long number given as decimal digits, one digit at a time.
int mod97(std::string_view digits) {
  int r = 0;
  for (char c : digits) r = (r * 10 + (c - '0')) % 97;
  return r;
}

}  // namespace

std::string validate_iban(std::string_view text) {
  // 1. Remove spaces, upper-case.
  std::string iban;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '-') continue;
    iban += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  if (iban.size() < 5 || !is_upper(iban[0]) || !is_upper(iban[1]) || !is_digit(iban[2]) || !is_digit(iban[3]))
    throw invalid_iban();
  // 2. The country's length.
  std::string_view country(iban.data(), 2);
  bool known = false;
  for (const auto& cl : kIbanLengths)
    if (cl.country == country) {
      known = true;
      if (iban.size() != cl.length) throw invalid_iban();
    }
  if (!known) throw invalid_iban();
  // 3. Move the first four characters to the end, letters as numbers (A = 10 … Z = 35).
  std::string digits;
  for (std::size_t i = 0; i < iban.size(); ++i) {
    char c = iban[(i + 4) % iban.size()];
    if (is_digit(c)) digits += c;
    else if (is_upper(c)) digits += std::to_string(c - 'A' + 10);
    else throw invalid_iban();
  }
  // 4. The number mod 97 must be 1.
  if (mod97(digits) != 1) throw invalid_iban();
  // 5. Belgium: the BBAN's last two digits are its first ten mod 97, 0 counting as 97.
  if (country == "BE") {
    std::string_view bban(iban.data() + 4, 12);
    for (char c : bban)
      if (!is_digit(c)) throw invalid_iban();
    int check = mod97(bban.substr(0, 10));
    if (check == 0) check = 97;
    if (check != std::stoi(std::string(bban.substr(10, 2)))) throw invalid_iban();
  }
  return iban;
}

std::string format_iban(std::string_view compact) {
  std::string out;
  for (std::size_t i = 0; i < compact.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += ' ';
    out += compact[i];
  }
  return out;
}

std::string mask_iban(std::string_view compact) {
  if (compact.size() < 8) return std::string(compact);
  std::string out(compact.substr(0, 4));
  for (std::size_t group = 4; group + 4 < compact.size(); group += 4) out += " \u2022\u2022\u2022\u2022";
  out += ' ';
  out += compact.substr(compact.size() - 4);
  return out;
}

std::string validate_company_number(std::string_view text) {
  auto invalid = [] {
    return std::move(DomainError(ErrorKind::validation, "owners.invalid_company_number").field("company_number"));
  };
  std::string digits;
  std::size_t start = 0;
  if (text.size() >= 2 && (text[0] == 'B' || text[0] == 'b') && (text[1] == 'E' || text[1] == 'e')) start = 2;
  for (std::size_t i = start; i < text.size(); ++i) {
    char c = text[i];
    if (c == '.' || c == ' ' || c == '-') continue;
    if (!is_digit(c)) throw invalid();
    digits += c;
  }
  // Old nine-digit numbers take a leading 0.
  if (digits.size() == 9) digits = "0" + digits;
  if (digits.size() != 10 || (digits[0] != '0' && digits[0] != '1')) throw invalid();
  // The last two digits are 97 minus the first eight mod 97.
  int check = 97 - mod97(std::string_view(digits).substr(0, 8));
  if (check != std::stoi(digits.substr(8, 2))) throw invalid();
  return digits;
}

std::string format_company_number(std::string_view d) {
  if (d.size() != 10) return std::string(d);
  return std::string(d.substr(0, 4)) + "." + std::string(d.substr(4, 3)) + "." + std::string(d.substr(7, 3));
}

}  // namespace hms::owners
