#include "domain/bank/bank.hpp"

namespace hms::bank {

const char* to_string(MovementStatus s) {
  switch (s) {
    case MovementStatus::unmatched: return "unmatched";
    case MovementStatus::matched: return "matched";
    case MovementStatus::booked: return "booked";
  }
  return "";
}

std::optional<MovementStatus> parse_movement_status(std::string_view s) {
  if (s == "unmatched") return MovementStatus::unmatched;
  if (s == "matched") return MovementStatus::matched;
  if (s == "booked") return MovementStatus::booked;
  return std::nullopt;
}

}  // namespace hms::bank
