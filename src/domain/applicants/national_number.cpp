#include "domain/applicants/national_number.hpp"

#include <cstdint>

namespace hms::applicants {

bool is_valid_national_number(std::string_view d) {
  if (d.size() != 11) return false;
  for (char c : d)
    if (c < '0' || c > '9') return false;
  std::int64_t base = 0;
  for (std::size_t i = 0; i < 9; ++i) base = base * 10 + (d[i] - '0');
  const int check = (d[9] - '0') * 10 + (d[10] - '0');
  // Born before 2000: 97 − (base mod 97); from 2000 on: the same with a "2" in front.
  if (97 - static_cast<int>(base % 97) == check) return true;
  return 97 - static_cast<int>((2'000'000'000LL + base) % 97) == check;
}

std::optional<std::string> normalize_national_number(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (c != ' ' && c != '.' && c != '-' && c != '/') {
      return std::nullopt;
    }
    if (digits.size() > 11) return std::nullopt;
  }
  if (!is_valid_national_number(digits)) return std::nullopt;
  return digits;
}

std::string mask_national_number(std::string_view d) {
  if (d.size() != 11) return "";
  return std::string(d.substr(0, 2)) + "." + std::string(d.substr(2, 2)) + "." + std::string(d.substr(4, 2)) +
         "-xxx.xx";
}

std::string format_national_number(std::string_view d) {
  if (d.size() != 11) return std::string(d);
  return std::string(d.substr(0, 2)) + "." + std::string(d.substr(2, 2)) + "." + std::string(d.substr(4, 2)) + "-" +
         std::string(d.substr(6, 3)) + "." + std::string(d.substr(9, 2));
}

}  // namespace hms::applicants
