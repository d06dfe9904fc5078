// The JSON shapes of the subsidies module (contract F): an inventory (live or frozen: the same
// shape, plus "id", "submitted_at" and "submitted_by" for a frozen one), its diff, a derogation,
// a subsidy request.
// Amounts are strings with two decimals ("780.00"), dates YYYY-MM-DD, surfaces m² as strings
// ("68.5"); no personal data (the household is its band).
#pragma once
#include <nlohmann/json.hpp>

#include "app/subsidies/subsidies.hpp"
#include "app/subsidies/subsidy_requests.hpp"

namespace hms::http {

nlohmann::json inventory_json(const subsidies::Inventory& inv);
nlohmann::json frozen_json(const subsidies::FrozenInventory& f, bool with_items);
nlohmann::json diff_json(const app::InventoryDiff& d);
nlohmann::json derogation_json(const subsidies::Derogation& d);
// A subsidy request: its lines, total, status, what was said ("events") and its tranches;
// `whole` false leaves lines, events and tranches out (a list).
// The property-tax list: {"agency", "year", "total", "without_cadastral_reference", "items"}.
nlohmann::json property_tax_json(const app::PropertyTaxList& list);
nlohmann::json request_json(const subsidies::SubsidyRequest& r, bool whole);
// "68.5" from 685 tenths of m²; "" for none.
std::string surface_text(std::optional<std::int64_t> dm2);

}  // namespace hms::http
