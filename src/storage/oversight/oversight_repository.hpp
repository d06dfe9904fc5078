// Oversight on SQL: the declared stock (oversight_declared_stock, one row per declaration) and
// the use of each module per agency, one grouped query per module.
#pragma once
#include "domain/oversight/adoption.hpp"
#include "storage/db/database.hpp"

namespace hms::storage {

class SqlOversightRepository final : public oversight::OversightRepository {
 public:
  explicit SqlOversightRepository(db::Connection& c) : c_(c) {}
  void insert_declared(const oversight::DeclaredStock& d) override;
  std::vector<oversight::DeclaredStock> latest_declared() override;
  std::vector<oversight::ModuleUse> module_use() override;
  std::vector<std::int64_t> managed_on(const std::vector<std::chrono::year_month_day>& days) override;

 private:
  db::Connection& c_;
};

}  // namespace hms::storage
