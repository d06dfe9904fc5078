#include "common/contact.hpp"

#include <algorithm>

namespace hms {

bool plausible_email(std::string_view e) {
  auto at = e.find('@');
  if (at == std::string_view::npos || at == 0 || e.find('@', at + 1) != std::string_view::npos) return false;
  auto dot = e.find('.', at + 2);
  if (dot == std::string_view::npos || dot + 1 >= e.size()) return false;
  return std::none_of(e.begin(), e.end(), [](char c) { return c == ' ' || c == ',' || c == ';' || c < 0x20; });
}

std::size_t characters(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool plausible_phone(std::string_view p) {
  int digits = 0;
  for (char c : p) {
    if (c >= '0' && c <= '9') ++digits;
    else if (std::string_view(" +./()-").find(c) == std::string_view::npos) return false;
  }
  return digits >= 8 && digits <= 15;
}

}  // namespace hms
