// Dwellings on SQL (tables buildings, dwellings, dwelling_statuses, communes).
#pragma once
#include "domain/stock/dwelling.hpp"
#include "storage/db/database.hpp"

namespace hms::storage {

class SqlDwellingRepository final : public stock::DwellingRepository {
 public:
  explicit SqlDwellingRepository(db::Connection& c) : c_(c) {}
  std::optional<stock::Commune> commune(std::string_view postcode) override;
  std::vector<stock::Commune> communes() override;
  std::int64_t insert(const stock::Dwelling& d) override;
  void update(const stock::Dwelling& d) override;
  std::optional<stock::Dwelling> find_by_id(std::int64_t id) override;
  std::optional<stock::Dwelling> find_by_reference(std::int64_t agency_id, std::string_view reference) override;
  std::vector<stock::Dwelling> list(const stock::DwellingFilter& f, stock::SortOrder sort, int limit,
                                    int offset) override;
  std::int64_t count(const stock::DwellingFilter& f) override;
  void change_status(std::int64_t dwelling_id, stock::DwellingStatus status, std::chrono::year_month_day from,
                     std::int64_t now, const stock::StatusRecord& record) override;
  std::vector<stock::StatusPeriod> status_history(std::int64_t dwelling_id) override;
  stock::StockFigures figures(std::optional<std::int64_t> agency_id, std::chrono::year_month_day today) override;
  std::vector<std::string> references(std::int64_t agency_id) override;
  void lock(std::int64_t dwelling_id, std::int64_t now) override;

 private:
  std::int64_t building_for(const stock::Dwelling& d);
  db::Connection& c_;
};

// A search term as a LIKE pattern on lower-cased text: "%rue de la%" ('%' and '_' dropped).
std::string like_pattern(std::string_view query);

}  // namespace hms::storage
