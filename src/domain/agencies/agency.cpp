#include "domain/agencies/agency.hpp"

#include <cctype>

#include "common/error.hpp"

namespace hms::agencies {

std::string normalise_agency_code(std::string_view code) {
  std::string out(code);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

std::string validate_agency(std::string_view code, std::string_view name) {
  std::string normalised = normalise_agency_code(code);
  bool ok = code.size() >= 2 && code.size() <= 16;
  for (char c : normalised) {
    auto u = static_cast<unsigned char>(c);
    if (!(std::isalnum(u) || c == '-') || u >= 0x80) ok = false;
  }
  if (!ok) throw DomainError(ErrorKind::validation, "agencies.invalid_code").field("code");
  if (name.empty() || name.size() > 200)
    throw DomainError(ErrorKind::validation, "agencies.invalid_name").field("name");
  return normalised;
}

}  // namespace hms::agencies
