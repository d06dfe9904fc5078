#include "domain/leases/payment_reference.hpp"

#include <stdexcept>

namespace hms::leases {
namespace {

int check_of(std::int64_t base) {
  const int r = static_cast<int>(base % 97);
  return r == 0 ? 97 : r;
}

}  // namespace

std::string payment_reference(std::int64_t base) {
  if (base < 0 || base > 9'999'999'999) throw std::invalid_argument("payment reference base out of range");
  std::string digits = std::to_string(base);
  digits.insert(0, 10 - digits.size(), '0');
  const int check = check_of(base);
  digits += static_cast<char>('0' + check / 10);
  digits += static_cast<char>('0' + check % 10);
  return digits;
}

std::string format_payment_reference(std::string_view d) {
  if (d.size() != 12) return std::string(d);
  return "+++" + std::string(d.substr(0, 3)) + "/" + std::string(d.substr(3, 4)) + "/" + std::string(d.substr(7, 5)) +
         "+++";
}

std::optional<std::string> parse_payment_reference(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9') digits += c;
    else if (c != '+' && c != '*' && c != '/' && c != ' ') return std::nullopt;
  }
  if (digits.size() != 12) return std::nullopt;
  const std::int64_t base = std::stoll(digits.substr(0, 10));
  if (payment_reference(base) != digits) return std::nullopt;
  return digits;
}

}  // namespace hms::leases
