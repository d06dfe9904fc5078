// Loading regulatory tables into the database (hms init, hms rules load, the region's upload
// page) and reading the tables in force. A file is checked whole before anything is stored;
// every load is audited ("rules.load", object: the table, id: how many rows changed).
#pragma once
#include <string>
#include <string_view>

#include "app/context.hpp"

namespace hms::app {

enum class RulesTable { health_index, admission_incomes };
std::string_view to_string(RulesTable t);

struct RulesLoad {
  RulesTable table = RulesTable::health_index;
  rules::LoadCount count;
};

// Recognises the table by the file's header line (month,value,base,… or year,single,…).
// `replace`: overwrite stored rows whose value differs (a correction); otherwise those are
// left and counted as unchanged. DomainError(validation): rules.unknown_file, and the
// parse errors of the table (indexation.invalid_index_table, eligibility.invalid_table), and
// rules.base_mismatch when a health index file's base differs from the stored one.
RulesLoad load_rules(Store& store, const Context& ctx, std::string_view csv, bool replace);

// The shipped tables (rules/*.csv) added where the database lacks them; run by hms init.
void load_shipped_rules(Store& store, const Context& ctx);

// The tables in force: those stored in the database.
indexation::HealthIndex health_index_in_force(Store& store);
applicants::AdmissionIncomeTable admission_incomes_in_force(Store& store);

}  // namespace hms::app
