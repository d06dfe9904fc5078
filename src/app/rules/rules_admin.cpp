#include "app/rules/rules_admin.hpp"

#include "app/rules/reference_data.hpp"

namespace hms::app {

std::string_view to_string(RulesTable t) {
  return t == RulesTable::health_index ? "health_index" : "admission_incomes";
}

namespace {

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
  for (const char* file : {"health-index.csv", "admission-incomes.csv"}) store(*uow, ctx, shipped_rules_file(file), false);
  uow->commit();
}

indexation::HealthIndex health_index_in_force(Store& s) { return s.read()->rules().health_index(); }
applicants::AdmissionIncomeTable admission_incomes_in_force(Store& s) { return s.read()->rules().admission_incomes(); }

}  // namespace hms::app
