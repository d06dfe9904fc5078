#include "storage/rules/rules_repository.hpp"

#include "common/date.hpp"

namespace hms::storage {
namespace {

constexpr const char* kSelectIndex =
    "SELECT month, value_hundredths, base_year, status, source FROM rules_health_index ORDER BY month";
constexpr const char* kFindMonth =
    "SELECT value_hundredths, base_year, status, source FROM rules_health_index WHERE month = $1";
constexpr const char* kInsertMonth =
    "INSERT INTO rules_health_index (month, value_hundredths, base_year, status, source, loaded_at)"
    " VALUES ($1, $2, $3, $4, $5, $6)";
constexpr const char* kUpdateMonth =
    "UPDATE rules_health_index SET value_hundredths = $2, base_year = $3, status = $4, source = $5,"
    " loaded_at = $6 WHERE month = $1";
constexpr const char* kSelectIncomes =
    "SELECT year, single_cents, household_one_income_cents, household_two_or_more_incomes_cents,"
    " per_dependent_child_cents, per_disabled_adult_cents, status, source FROM rules_admission_incomes ORDER BY year";
constexpr const char* kFindYear =
    "SELECT single_cents, household_one_income_cents, household_two_or_more_incomes_cents,"
    " per_dependent_child_cents, per_disabled_adult_cents, status, source FROM rules_admission_incomes WHERE year = $1";
constexpr const char* kInsertYear =
    "INSERT INTO rules_admission_incomes (year, single_cents, household_one_income_cents,"
    " household_two_or_more_incomes_cents, per_dependent_child_cents, per_disabled_adult_cents, status, source,"
    " loaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
constexpr const char* kUpdateYear =
    "UPDATE rules_admission_incomes SET single_cents = $2, household_one_income_cents = $3,"
    " household_two_or_more_incomes_cents = $4, per_dependent_child_cents = $5, per_disabled_adult_cents = $6,"
    " status = $7, source = $8, loaded_at = $9 WHERE year = $1";
constexpr const char* kSelectCaps =
    "SELECT valid_from, dwelling_type, bedrooms, amount_cents, status, source FROM rules_rent_caps WHERE kind = $1"
    " ORDER BY valid_from, dwelling_type, bedrooms";
constexpr const char* kFindCap =
    "SELECT amount_cents, status, source FROM rules_rent_caps"
    " WHERE kind = $1 AND valid_from = $2 AND dwelling_type = $3 AND bedrooms = $4";
constexpr const char* kInsertCap =
    "INSERT INTO rules_rent_caps (kind, valid_from, dwelling_type, bedrooms, amount_cents, status, source, loaded_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
constexpr const char* kUpdateCap =
    "UPDATE rules_rent_caps SET amount_cents = $5, status = $6, source = $7, loaded_at = $8"
    " WHERE kind = $1 AND valid_from = $2 AND dwelling_type = $3 AND bedrooms = $4";

constexpr const char* kSelectOccupancy =
    "SELECT valid_from, persons, min_bedrooms, max_bedrooms, status, source FROM rules_occupancy"
    " ORDER BY valid_from, persons";
constexpr const char* kFindOccupancy =
    "SELECT min_bedrooms, max_bedrooms, status, source FROM rules_occupancy WHERE valid_from = $1 AND persons = $2";
constexpr const char* kInsertOccupancy =
    "INSERT INTO rules_occupancy (valid_from, persons, min_bedrooms, max_bedrooms, status, source, loaded_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7)";
constexpr const char* kUpdateOccupancy =
    "UPDATE rules_occupancy SET min_bedrooms = $3, max_bedrooms = $4, status = $5, source = $6, loaded_at = $7"
    " WHERE valid_from = $1 AND persons = $2";
constexpr const char* kSelectSubsidyRates = "SELECT valid_from, part, value, status, source FROM rules_subsidy_rates";
constexpr const char* kFindSubsidyRate =
    "SELECT value, status, source FROM rules_subsidy_rates WHERE valid_from = $1 AND part = $2";
constexpr const char* kInsertSubsidyRate =
    "INSERT INTO rules_subsidy_rates (valid_from, part, value, status, source, loaded_at) VALUES ($1, $2, $3, $4, $5, $6)";
constexpr const char* kUpdateSubsidyRate =
    "UPDATE rules_subsidy_rates SET value = $3, status = $4, source = $5, loaded_at = $6"
    " WHERE valid_from = $1 AND part = $2";

// The statements of one regulatory table, keyed by its natural key.
struct TableSql {
  const char* find;    // the stored values of one key
  const char* insert;  // every column
  const char* update;  // the same parameters as insert
};

// Stores one row of a loaded table: added when its key is new; when the stored values differ
// (`same` says whether they do), corrected if `replace`, else kept and counted unchanged.
template <typename Same>
void insert_or_correct(db::Connection& c, rules::LoadCount& count, bool replace, const TableSql& sql,
                       const db::Params& key, const db::Params& params, Same&& same) {
  auto existing = c.query_one(sql.find, key);
  if (!existing) {
    c.execute(sql.insert, params);
    ++count.added;
  } else if (!same(*existing)) {
    if (replace) c.execute(sql.update, params);
    ++(replace ? count.changed : count.unchanged);
  } else {
    ++count.unchanged;
  }
}

}  // namespace

indexation::HealthIndex SqlRulesRepository::health_index() {
  indexation::HealthIndex index;
  for (const auto& r : c_.query(kSelectIndex)) {
    auto month = YearMonth::parse(r.text(0)).value();
    index.add(static_cast<int>(r.integer(2)), {month, r.integer(1), r.text(3), r.text(4)});
  }
  return index;
}

applicants::AdmissionIncomeTable SqlRulesRepository::admission_incomes() {
  applicants::AdmissionIncomeTable table;
  for (const auto& r : c_.query(kSelectIncomes))
    table.add({static_cast<int>(r.integer(0)), Money::from_cents(r.integer(1)), Money::from_cents(r.integer(2)),
               Money::from_cents(r.integer(3)), Money::from_cents(r.integer(4)), Money::from_cents(r.integer(5)),
               r.text(6), r.text(7)});
  return table;
}

rules::LoadCount SqlRulesRepository::store_health_index(const indexation::HealthIndex& index, bool replace,
                                                        std::int64_t now) {
  rules::LoadCount count;
  for (const auto& [month, v] : index.values()) {
    db::Params params = {month.to_string(), v.hundredths, std::int64_t{index.base_year()}, v.status, v.source, now};
    insert_or_correct(c_, count, replace, {kFindMonth, kInsertMonth, kUpdateMonth}, {month.to_string()}, params,
                      [&](const db::Row& r) {
                        return r.integer(0) == v.hundredths && r.integer(1) == index.base_year() &&
                               r.text(2) == v.status && r.text(3) == v.source;
                      });
  }
  return count;
}

rules::LoadCount SqlRulesRepository::store_admission_incomes(const applicants::AdmissionIncomeTable& table,
                                                             bool replace, std::int64_t now) {
  rules::LoadCount count;
  for (const auto& [year, a] : table.years()) {
    db::Params params = {std::int64_t{year},
                         a.single.cents(),
                         a.household_one_income.cents(),
                         a.household_two_or_more_incomes.cents(),
                         a.per_dependent_child.cents(),
                         a.per_disabled_adult.cents(),
                         a.status,
                         a.source,
                         now};
    insert_or_correct(c_, count, replace, {kFindYear, kInsertYear, kUpdateYear}, {std::int64_t{year}}, params,
                      [&](const db::Row& r) {
                        return r.integer(0) == a.single.cents() && r.integer(1) == a.household_one_income.cents() &&
                               r.integer(2) == a.household_two_or_more_incomes.cents() &&
                               r.integer(3) == a.per_dependent_child.cents() &&
                               r.integer(4) == a.per_disabled_adult.cents() && r.text(5) == a.status &&
                               r.text(6) == a.source;
                      });
  }
  return count;
}

rules::RentCapTable SqlRulesRepository::rent_caps(rules::CapKind kind) {
  std::vector<rules::RentCap> rows;
  for (const auto& r : c_.query(kSelectCaps, {std::string(rules::to_string(kind))})) {
    rules::RentCap cap;
    cap.valid_from = parse_date(r.text(0)).value();
    auto type = stock::parse_dwelling_type(r.text(1));
    if (!type) throw std::runtime_error("rules_rent_caps: unknown dwelling_type '" + r.text(1) + "'");
    cap.type = *type;
    cap.bedrooms = static_cast<int>(r.integer(2));
    cap.amount = Money::from_cents(r.integer(3));
    cap.status = r.text(4);
    cap.source = r.text(5);
    rows.push_back(std::move(cap));
  }
  return rules::RentCapTable(kind, std::move(rows));
}

rules::LoadCount SqlRulesRepository::store_rent_caps(const rules::RentCapTable& table, bool replace,
                                                     std::int64_t now) {
  rules::LoadCount count;
  const std::string kind(rules::to_string(table.kind()));
  for (const auto& cap : table.rows()) {
    const std::string valid_from = to_iso(cap.valid_from);
    const std::string type(stock::to_string(cap.type));
    const std::int64_t bedrooms = cap.bedrooms;
    db::Params params = {kind, valid_from, type, bedrooms, cap.amount.cents(), cap.status, cap.source, now};
    insert_or_correct(c_, count, replace, {kFindCap, kInsertCap, kUpdateCap}, {kind, valid_from, type, bedrooms},
                      params, [&](const db::Row& r) {
                        return r.integer(0) == cap.amount.cents() && r.text(1) == cap.status &&
                               r.text(2) == cap.source;
                      });
  }
  return count;
}

allocation::OccupancyTable SqlRulesRepository::occupancy() {
  std::vector<allocation::OccupancyRule> rows;
  for (const auto& r : c_.query(kSelectOccupancy))
    rows.push_back({parse_date(r.text(0)).value(), static_cast<int>(r.integer(1)), false,
                    static_cast<int>(r.integer(2)), static_cast<int>(r.integer(3)), r.text(4), r.text(5)});
  return allocation::OccupancyTable(std::move(rows));
}

rules::LoadCount SqlRulesRepository::store_occupancy(const allocation::OccupancyTable& table, bool replace,
                                                     std::int64_t now) {
  rules::LoadCount count;
  for (const auto& row : table.rows()) {
    const std::string valid_from = to_iso(row.valid_from);
    const std::int64_t persons = row.persons;
    db::Params params = {valid_from, persons, std::int64_t{row.min_bedrooms}, std::int64_t{row.max_bedrooms},
                         row.status, row.source, now};
    insert_or_correct(c_, count, replace, {kFindOccupancy, kInsertOccupancy, kUpdateOccupancy},
                      {valid_from, persons}, params, [&](const db::Row& r) {
                        return r.integer(0) == row.min_bedrooms && r.integer(1) == row.max_bedrooms &&
                               r.text(2) == row.status && r.text(3) == row.source;
                      });
  }
  return count;
}

subsidies::SubsidyRateTable SqlRulesRepository::subsidy_rates() {
  std::vector<subsidies::SubsidyRate> rows;
  for (const auto& r : c_.query(kSelectSubsidyRates))
    rows.push_back({parse_date(r.text(0)).value(), r.text(1), r.text(2), r.text(3), r.text(4)});
  return subsidies::SubsidyRateTable(std::move(rows));
}

rules::LoadCount SqlRulesRepository::store_subsidy_rates(const subsidies::SubsidyRateTable& table, bool replace,
                                                         std::int64_t now) {
  rules::LoadCount count;
  for (const auto& row : table.rows()) {
    const std::string valid_from = to_iso(row.valid_from);
    db::Params params = {valid_from, row.part, row.value, row.status, row.source, now};
    insert_or_correct(c_, count, replace, {kFindSubsidyRate, kInsertSubsidyRate, kUpdateSubsidyRate},
                      {valid_from, row.part}, params, [&](const db::Row& r) {
                        return r.text(0) == row.value && r.text(1) == row.status && r.text(2) == row.source;
                      });
  }
  return count;
}

}  // namespace hms::storage
