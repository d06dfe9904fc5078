// The entry and exit inventories of a lease (glossary: inventory; état des lieux /
// plaatsbeschrijving): compulsory, detailed, made jointly when the household enters (the
// dwelling empty, or within its first month) and within one month of its leaving
// (tenancy-rules.md, "Leases"). One of each per lease; a line per item of a room with its
// condition. Photos are documents of the lease (attachments marked with the lease).
// E.g. entry of 2026-02-01: "Cuisine · Évier · bon", "Séjour · Châssis · usé, joint à refaire".
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hms::leases {

struct Lease;

enum class InventoryKind { entry, exit };
std::string_view to_string(InventoryKind k);
std::optional<InventoryKind> parse_inventory_kind(std::string_view s);

enum class Condition { as_new, good, worn, damaged, missing };
inline constexpr Condition kAllConditions[] = {Condition::as_new, Condition::good, Condition::worn, Condition::damaged,
                                               Condition::missing};
std::string_view to_string(Condition c);  // "new" | "good" | "worn" | "damaged" | "missing"
std::optional<Condition> parse_condition(std::string_view s);

struct InventoryItem {
  std::string room;     // "Cuisine"
  std::string item;     // "Évier"
  Condition condition = Condition::good;
  std::string remarks;  // "" or what the parties noted
};

struct Inventory {
  std::int64_t id = 0;
  std::int64_t agency_id = 0;
  std::int64_t lease_id = 0;
  InventoryKind kind = InventoryKind::entry;
  std::chrono::year_month_day done_on{};
  std::string remarks;
  std::vector<InventoryItem> items;  // in the order typed
  std::optional<std::int64_t> recorded_by;
  std::string recorded_by_name;      // read along
  std::int64_t recorded_at = 0;
};

// At most this many lines: a large house has a few hundred items, not thousands.
inline constexpr std::size_t kMaxInventoryItems = 500;

// Checks an inventory against its lease, all problems at once (DomainError(validation)):
//   1. at least one line, at most kMaxInventoryItems ("leases.inventory_empty", "leases.inventory_too_long");
//   2. each line has its room and item, 200 characters each at most, remarks 1000
//      ("leases.inventory_line", field "items.<n>" for the n-th line, from 1);
//   3. an entry inventory is made at the start at the latest one month after it
//      ("leases.entry_inventory_date"); an exit one needs the lease's end, and is made
//      from a month before it to a month after it ("leases.exit_needs_end", "leases.exit_inventory_date").
void validate_inventory(const Inventory& inv, const Lease& lease);

}  // namespace hms::leases
