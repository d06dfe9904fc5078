#include "domain/oversight/adoption.hpp"

namespace hms::oversight {

std::optional<std::string> coverage(std::int64_t registered, std::optional<std::int64_t> declared) {
  if (!declared || *declared <= 0) return std::nullopt;
  // Tenths of a percent, rounded half up: 6990 / 7749 = 90.205… % → 902 → "90.2".
  const std::int64_t tenths = (registered * 2000 + *declared) / (2 * *declared);
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

}  // namespace hms::oversight
