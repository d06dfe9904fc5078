// Subsidies on SQL: the inventory's sources read in five set queries per agency and date
// (contracts with their dwellings, owner rents, status periods, leases, lease rents), the
// derogations (subsidies_derogations) and the frozen inventories (subsidies_inventories and
// their items, subsidies_inventory_items), and the owner contracts of a year for the property-tax list.
#pragma once
#include "domain/subsidies/inventory.hpp"
#include "storage/db/database.hpp"

namespace hms::storage {

class SqlSubsidiesRepository final : public subsidies::SubsidiesRepository {
 public:
  explicit SqlSubsidiesRepository(db::Connection& c) : c_(c) {}
  subsidies::InventorySource inventory_source(std::int64_t agency_id, std::chrono::year_month_day date) override;
  std::vector<subsidies::Derogation> derogations(std::int64_t agency_id) override;
  std::int64_t insert_derogation(const subsidies::Derogation& d) override;
  std::int64_t insert_frozen(const subsidies::FrozenInventory& f) override;
  std::optional<subsidies::FrozenInventory> find_frozen(std::int64_t id) override;
  std::vector<subsidies::FrozenInventory> list_frozen(std::int64_t agency_id) override;
  std::vector<subsidies::PropertyTaxLine> property_tax_lines(std::int64_t agency_id, int year) override;

 private:
  db::Connection& c_;
};

}  // namespace hms::storage
