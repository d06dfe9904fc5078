#include "domain/leases/inventory.hpp"

#include "common/date.hpp"
#include "common/error.hpp"
#include "domain/leases/lease.hpp"

namespace hms::leases {

std::string_view to_string(InventoryKind k) { return k == InventoryKind::entry ? "entry" : "exit"; }

std::optional<InventoryKind> parse_inventory_kind(std::string_view s) {
  if (s == "entry") return InventoryKind::entry;
  if (s == "exit") return InventoryKind::exit;
  return std::nullopt;
}

std::string_view to_string(Condition c) {
  switch (c) {
    case Condition::as_new: return "new";
    case Condition::good: return "good";
    case Condition::worn: return "worn";
    case Condition::damaged: return "damaged";
    case Condition::missing: return "missing";
  }
  return "";
}

std::optional<Condition> parse_condition(std::string_view s) {
  for (auto c : kAllConditions)
    if (to_string(c) == s) return c;
  return std::nullopt;
}

void validate_inventory(const Inventory& inv, const Lease& lease) {
  Problems problems;
  // 1. Lines.
  if (inv.items.empty())
    problems.add(std::move(DomainError(ErrorKind::validation, "leases.inventory_empty").field("items")));
  if (inv.items.size() > kMaxInventoryItems)
    problems.add(std::move(DomainError(ErrorKind::validation, "leases.inventory_too_long")
                               .param("max", std::to_string(kMaxInventoryItems))
                               .field("items")));
  // 2. Each line.
  for (std::size_t i = 0; i < inv.items.size() && i < kMaxInventoryItems; ++i) {
    const auto& line = inv.items[i];
    if (line.room.empty() || line.item.empty() || line.room.size() > 200 || line.item.size() > 200 ||
        line.remarks.size() > 1000)
      problems.add(std::move(DomainError(ErrorKind::validation, "leases.inventory_line")
                                 .param("line", std::to_string(i + 1))
                                 .field("items." + std::to_string(i + 1))));
  }
  if (inv.remarks.size() > 4000)
    problems.add(std::move(DomainError(ErrorKind::validation, "leases.text_too_long").field("remarks")));
  // 3. The date.
  if (inv.kind == InventoryKind::entry) {
    if (add_months(lease.start, 1) < inv.done_on)
      problems.add(std::move(DomainError(ErrorKind::validation, "leases.entry_inventory_date")
                                 .param("latest", to_belgian(add_months(lease.start, 1)))
                                 .field("done_on")));
  } else if (!lease.end) {
    problems.add(std::move(DomainError(ErrorKind::validation, "leases.exit_needs_end").field("done_on")));
  } else if (inv.done_on < add_months(*lease.end, -1) || add_months(*lease.end, 1) < inv.done_on) {
    problems.add(std::move(DomainError(ErrorKind::validation, "leases.exit_inventory_date")
                               .param("end", to_belgian(*lease.end))
                               .field("done_on")));
  }
  problems.throw_if_any();
}

}  // namespace hms::leases
