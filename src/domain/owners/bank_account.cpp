#include "domain/owners/bank_account.hpp"

#include <array>

#include "common/error.hpp"
#include "common/iban.hpp"

namespace hms::owners {
namespace {

DomainError invalid_iban() { return std::move(DomainError(ErrorKind::validation, "owners.invalid_iban").field("iban")); }

bool is_digit(char c) { return c >= '0' && c <= '9'; }
}  // namespace

std::string validate_iban(std::string_view text) {
  if (auto iban = checked_iban(text)) return *iban;
  throw invalid_iban();
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
