// Loading regulatory tables into the database (hms init, hms rules load, the region's upload
// page) and reading the tables in force. A file is checked whole before anything is stored;
// every load is audited ("rules.load", object: the table, id: how many rows changed).
//
// One table per file, recognised by its header line (a byte-order mark is ignored):
//   month,value,base,…                                    health index
//   year,single,…                                         admission incomes
//   valid_from,type,bedrooms,amount,status,source         owner-rent caps
//   valid_from,type,bedrooms,tenant_cap,status,source     tenant-rent caps
//   valid_from,persons,min_bedrooms,max_bedrooms,…        the occupancy rule
//   valid_from,part,value,status,source                   the subsidy rates
// The two cap tables have the same columns; the fourth column's name (amount | tenant_cap)
// tells them apart, so a tenant grid can never be loaded as an owner grid by mistake.
#pragma once
#include <string>
#include <string_view>

#include "app/context.hpp"

namespace hms::app {

enum class RulesTable { health_index, admission_incomes, owner_rent_caps, tenant_rent_caps, occupancy, subsidy_rates };
std::string_view to_string(RulesTable t);  // "health_index", …, "tenant_rent_caps"

struct RulesLoad {
  RulesTable table = RulesTable::health_index;
  rules::LoadCount count;
};

// Recognises the table by the file's header line (above).
// `replace`: overwrite stored rows whose value differs (a correction); otherwise those are
// left and counted as unchanged. DomainError(validation): rules.unknown_file, and the
// parse errors of the table (indexation.invalid_index_table, eligibility.invalid_table,
// rules.invalid_cap_table, rules.invalid_occupancy_table,
// rules.invalid_subsidy_rates), rules.base_mismatch when a health index file's base differs from
// the stored one, and rules.cap_grid_mismatch when a cap file gives a (validity date, type)
// already stored with other bedrooms rows (a stored grid is corrected whole, its "and more"
// row never moves).
RulesLoad load_rules(Store& store, const Context& ctx, std::string_view csv, bool replace);

// The shipped tables (rules/*.csv) added where the database lacks them; run by hms init.
void load_shipped_rules(Store& store, const Context& ctx);

// The tables in force: those stored in the database.
indexation::HealthIndex health_index_in_force(Store& store);
applicants::AdmissionIncomeTable admission_incomes_in_force(Store& store);
// Every stored validity date of that kind of cap; RentCapTable::in_force / cap_for pick the
// grid of a day.
rules::RentCapTable rent_caps_in_force(Store& store, rules::CapKind kind);
allocation::OccupancyTable occupancy_in_force(Store& store);
subsidies::SubsidyRateTable subsidy_rates_in_force(Store& store);

}  // namespace hms::app
