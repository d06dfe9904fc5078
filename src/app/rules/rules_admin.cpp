#include "app/rules/rules_admin.hpp"

#include <algorithm>

#include "app/rules/reference_data.hpp"
#include "common/date.hpp"

namespace hms::app {

std::string_view to_string(RulesTable t) {
  switch (t) {
    case RulesTable::health_index: return "health_index";
    case RulesTable::admission_incomes: return "admission_incomes";
    case RulesTable::owner_rent_caps: return "owner_rent_caps";
    case RulesTable::tenant_rent_caps: return "tenant_rent_caps";
    case RulesTable::occupancy: return "occupancy";
    case RulesTable::subsidy_rates: return "subsidy_rates";
  }
  return "";
}

namespace {

// A cap file may add validity dates and correct amounts, but a (valid_from, type) already stored
// keeps its rows: loading 0..6 over a stored 0..5 would silently turn "5 and more" into "5".
void check_same_grids(const rules::RentCapTable& file, const rules::RentCapTable& stored) {
  auto last_row = [](const rules::RentCapTable& t, std::chrono::year_month_day d, stock::DwellingType type) {
    int last = -1;
    for (const auto& r : t.rows())
      if (r.valid_from == d && r.type == type) last = std::max(last, r.bedrooms);
    return last;
  };
  for (const auto& r : file.rows()) {
    if (!r.and_more) continue;
    const int stored_last = last_row(stored, r.valid_from, r.type);
    if (stored_last >= 0 && stored_last != r.bedrooms)
      throw DomainError(ErrorKind::validation, "rules.cap_grid_mismatch")
          .param("valid_from", to_iso(r.valid_from))
          .param("type", std::string(stock::to_string(r.type)))
          .param("rows", std::to_string(r.bedrooms))
          .param("stored", std::to_string(stored_last))
          .field("file");
  }
}

RulesLoad store(UnitOfWork& uow, const Context& ctx, std::string_view csv, bool replace) {
  auto header = csv.substr(0, csv.find('\n'));
  if (header.rfind("\xEF\xBB\xBF", 0) == 0) {  // a byte-order mark
    csv.remove_prefix(3);
    header.remove_prefix(3);
  }
  const std::int64_t now = ctx.clock.now_seconds();
  RulesLoad load;
  if (header.rfind("month,value,base", 0) == 0) {
    auto index = indexation::HealthIndex::parse_csv(csv);
    auto stored = uow.rules().health_index();
    if (stored.base_year() != 0 && index.base_year() != 0 && stored.base_year() != index.base_year())
      throw DomainError(ErrorKind::validation, "rules.base_mismatch")
          .param("base", std::to_string(index.base_year()))
          .param("stored", std::to_string(stored.base_year()));
    load = {RulesTable::health_index, uow.rules().store_health_index(index, replace, now)};
  } else if (header.rfind("year,single", 0) == 0) {
    load = {RulesTable::admission_incomes,
            uow.rules().store_admission_incomes(applicants::AdmissionIncomeTable::parse_csv(csv), replace, now)};
  } else if (header.rfind("valid_from,type,bedrooms,", 0) == 0) {
    // The fourth column says which cap: amount (owner) or tenant_cap (tenant); parse() checks
    // the whole header.
    const bool tenant = header.rfind("valid_from,type,bedrooms,tenant_cap", 0) == 0;
    const auto kind = tenant ? rules::CapKind::tenant_rent : rules::CapKind::owner_rent;
    auto table = rules::RentCapTable::parse(kind, csv);
    check_same_grids(table, uow.rules().rent_caps(kind));
    load = {tenant ? RulesTable::tenant_rent_caps : RulesTable::owner_rent_caps,
            uow.rules().store_rent_caps(table, replace, now)};
  } else if (header.rfind("valid_from,persons,", 0) == 0) {
    load = {RulesTable::occupancy,
            uow.rules().store_occupancy(allocation::OccupancyTable::parse(csv), replace, now)};
  } else if (header.rfind("valid_from,part,", 0) == 0) {
    load = {RulesTable::subsidy_rates,
            uow.rules().store_subsidy_rates(subsidies::SubsidyRateTable::parse(csv), replace, now)};
  } else {
    throw DomainError(ErrorKind::validation, "rules.unknown_file").field("file");
  }
  if (load.count.added + load.count.changed > 0)
    record(uow, ctx, "rules.load", "rules", std::string(to_string(load.table)) + ":" +
                                                std::to_string(load.count.added + load.count.changed),
           std::nullopt);
  return load;
}

}  // namespace

RulesLoad load_rules(Store& s, const Context& ctx, std::string_view csv, bool replace) {
  ctx.require(users::Permission::rules_manage);
  auto uow = s.write();
  auto load = store(*uow, ctx, csv, replace);
  uow->commit();
  return load;
}

void load_shipped_rules(Store& s, const Context& ctx) {
  auto uow = s.write();
  for (const char* file : {"health-index.csv", "admission-incomes.csv", "owner-rent-caps.csv", "tenant-rent-caps.csv",
                           "occupancy.csv", "subsidy-rates.csv"})
    store(*uow, ctx, shipped_rules_file(file), false);
  uow->commit();
}

indexation::HealthIndex health_index_in_force(Store& s) { return s.read()->rules().health_index(); }
applicants::AdmissionIncomeTable admission_incomes_in_force(Store& s) { return s.read()->rules().admission_incomes(); }
rules::RentCapTable rent_caps_in_force(Store& s, rules::CapKind kind) { return s.read()->rules().rent_caps(kind); }
allocation::OccupancyTable occupancy_in_force(Store& s) { return s.read()->rules().occupancy(); }
subsidies::SubsidyRateTable subsidy_rates_in_force(Store& s) { return s.read()->rules().subsidy_rates(); }

}  // namespace hms::app
