#include "storage/oversight/oversight_repository.hpp"

#include <utility>

#include "common/date.hpp"
#include "storage/db/dates.hpp"

namespace hms::storage {
namespace {

namespace ov = oversight;

constexpr const char* kInsertDeclared =
    "INSERT INTO oversight_declared_stock (agency_id, declared_on, dwellings, recorded_by, recorded_at)"
    " VALUES ($1, $2, $3, $4, $5)";
// Every declaration, the latest of each agency last (read in order, the last one wins).
constexpr const char* kDeclared =
    "SELECT agency_id, declared_on, dwellings, recorded_by, recorded_at FROM oversight_declared_stock"
    " ORDER BY agency_id, declared_on, recorded_at, id";

// One grouped query per module: how many of its records each agency has, and when one was last
// written (seconds). Indexation counts the owner rents it set; the ledger its monthly rent runs.
constexpr std::pair<const char*, const char*> kUse[] = {
    {"stock", "SELECT agency_id, COUNT(*), MAX(updated_at) FROM dwellings GROUP BY agency_id"},
    {"owners", "SELECT agency_id, COUNT(*), MAX(updated_at) FROM owners GROUP BY agency_id"},
    {"applicants", "SELECT agency_id, COUNT(*), MAX(updated_at) FROM applicants GROUP BY agency_id"},
    {"leases", "SELECT agency_id, COUNT(*), MAX(updated_at) FROM leases GROUP BY agency_id"},
    {"ledger", "SELECT agency_id, COUNT(*), MAX(run_at) FROM rent_runs GROUP BY agency_id"},
    {"indexation",
     "SELECT agency_id, COUNT(*), MAX(recorded_at) FROM owner_contract_rents WHERE reason = 'indexation'"
     " GROUP BY agency_id"},
    {"allocation", "SELECT agency_id, COUNT(*), MAX(recorded_at) FROM allocation_decisions GROUP BY agency_id"},
    {"support", "SELECT agency_id, COUNT(*), MAX(updated_at) FROM support_tickets GROUP BY agency_id"},
    {"subsidies", "SELECT agency_id, COUNT(*), MAX(submitted_at) FROM subsidies_inventories GROUP BY agency_id"},
};

}  // namespace

void SqlOversightRepository::insert_declared(const ov::DeclaredStock& d) {
  c_.execute(kInsertDeclared, {d.agency_id, to_iso(d.declared_on), d.dwellings, db::nullable(d.recorded_by), d.recorded_at});
}

std::vector<ov::DeclaredStock> SqlOversightRepository::latest_declared() {
  std::vector<ov::DeclaredStock> out;
  for (const auto& r : c_.query(kDeclared)) {
    ov::DeclaredStock d{r.integer(0), parse_date(r.text(1)).value(), r.integer(2), r.opt_integer(3), r.integer(4)};
    if (!out.empty() && out.back().agency_id == d.agency_id) out.back() = d;
    else out.push_back(d);
  }
  return out;
}

std::vector<ov::ModuleUse> SqlOversightRepository::module_use() {
  std::vector<ov::ModuleUse> out;
  for (const auto& [module, sql] : kUse)
    for (const auto& r : c_.query(sql)) out.push_back({r.integer(0), module, r.integer(1), r.opt_integer(2)});
  return out;
}

std::vector<std::int64_t> SqlOversightRepository::managed_on(const std::vector<std::chrono::year_month_day>& days) {
  std::vector<std::int64_t> out;
  for (const auto& day : days)
    out.push_back(c_.query_one("SELECT COUNT(DISTINCT dwelling_id) FROM owner_contracts"
                               " WHERE start_date <= $1 AND (end_date IS NULL OR end_date >= $1)",
                               {to_iso(day)})
                      ->integer(0));
  return out;
}

}  // namespace hms::storage
