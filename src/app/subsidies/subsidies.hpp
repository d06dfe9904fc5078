// The inventory of 30 September, its frozen copies and the Region's derogations (issue 12.1,
// contract F). No personal data anywhere (the household is its band), so the region and the
// federation read every agency's inventory; agency users read their own only (a code they
// name is ignored). Only the agency admin freezes and submits (inventory_submit); only the
// region records a derogation (derogations_manage). Changes are audited
// ("subsidies.freeze", "subsidies.derogation").
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/agencies/agency.hpp"
#include "domain/subsidies/inventory.hpp"

namespace hms::app {

struct InventoryView {
  agencies::Agency agency;
  subsidies::Inventory inventory;
  std::optional<subsidies::Derogation> derogation;  // the one raising the cap on the date, if any
  std::vector<subsidies::Warning> warnings;
};

// The agency's inventory on `date` (YYYY-MM-DD; absent or blank: the default reference date,
// subsidies::default_reference_date of today). Agency users: their agency, `agency_code`
// ignored; region and federation: the agency named (required), else 422
// subsidies.unknown_agency on field agency. A bad date: 422 common.invalid_date on field date.
InventoryView live_inventory(Store& store, const Context& ctx, const std::optional<std::string>& agency_code,
                             const std::optional<std::string>& date);

// The inventory of an agency on a date, for the use cases that already checked the scope.
InventoryView compute_inventory(UnitOfWork& uow, const agencies::Agency& agency, std::chrono::year_month_day date);

// Freezes the actor's agency's inventory on `date` (required, YYYY-MM-DD): copied with its items,
// never changed afterwards. Agency admin only (403 otherwise).
subsidies::FrozenInventory freeze_inventory(Store& store, const Context& ctx, const std::optional<std::string>& date);

// A frozen inventory as it was frozen (404 subsidies.not_found for another agency's).
subsidies::FrozenInventory frozen_inventory(Store& store, const Context& ctx, std::int64_t id);

// What differs between a frozen inventory and the live one of its agency on the same date.
struct InventoryDiff {
  subsidies::FrozenInventory frozen;
  std::vector<subsidies::DwellingChange> changes;
};
InventoryDiff inventory_diff(Store& store, const Context& ctx, std::int64_t id);

// The agency's frozen inventories, newest first, without their items (scope as live_inventory).
std::vector<subsidies::FrozenInventory> frozen_inventories(Store& store, const Context& ctx,
                                                           const std::optional<std::string>& agency_code);

// A derogation as typed: cap (451–100000), decided_on (YYYY-MM-DD), reference (1–100 characters).
struct DerogationFields {
  std::optional<std::string> cap;
  std::optional<std::string> decided_on;
  std::optional<std::string> reference;
};
template <typename Visit>
void for_each_field(DerogationFields& f, Visit&& visit) {
  visit("cap", f.cap);
  visit("decided_on", f.decided_on);
  visit("reference", f.reference);
}
// Records a derogation for the agency `agency_code` (region only): every problem at once
// (subsidies.invalid_cap, common.invalid_date, subsidies.reference_required), nothing written then.
subsidies::Derogation record_derogation(Store& store, const Context& ctx, const std::string& agency_code,
                                        const DerogationFields& f);
// The agency's derogations, oldest first (inventory_view; scope as live_inventory).
std::vector<subsidies::Derogation> agency_derogations(Store& store, const Context& ctx,
                                                      const std::optional<std::string>& agency_code);

// The property-tax list of an agency for a year (issue 12.4; subsidies/property_tax.hpp): owners'
// names and addresses, so owners_view (agency users their agency, the region the one it names,
// required: 422 subsidies.unknown_agency), and one audited personal read ("subsidies.property_tax",
// or "subsidies.property_tax_export" counted among the user's exports for a file). `year` as typed
// (2000–2100; absent or blank: this year; else 422 subsidies.invalid_year on field year).
struct PropertyTaxList {
  agencies::Agency agency;
  int year = 0;
  std::vector<subsidies::PropertyTaxLine> lines;
  std::int64_t without_cadastral_reference = 0;
};
PropertyTaxList property_tax_list(Store& store, const Context& ctx, const std::optional<std::string>& agency_code,
                                  const std::optional<std::string>& year, bool file);

}  // namespace hms::app
