// The two kinds of dwelling the regional caps distinguish (glossary: dwelling), and the
// statuses a dwelling goes through. E.g. an apartment with 0 bedrooms is a studio.
#pragma once
#include <array>
#include <optional>
#include <string_view>

namespace hms::stock {

enum class DwellingType { apartment, house };
inline constexpr std::array kAllDwellingTypes{DwellingType::apartment, DwellingType::house};

constexpr std::string_view to_string(DwellingType t) { return t == DwellingType::house ? "house" : "apartment"; }
inline std::optional<DwellingType> parse_dwelling_type(std::string_view s) {
  if (s == "apartment") return DwellingType::apartment;
  if (s == "house") return DwellingType::house;
  return std::nullopt;
}

}  // namespace hms::stock
