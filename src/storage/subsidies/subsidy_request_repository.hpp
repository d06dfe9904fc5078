// Subsidy requests on SQL: subsidies_requests with their lines (subsidies_request_lines), what was
// said about them (subsidies_request_events) and the tranches of an accepted one
// (subsidies_tranches). The rates live with the other rules (SqlRulesRepository).
#pragma once
#include "domain/subsidies/subsidy_request.hpp"
#include "storage/db/database.hpp"

namespace hms::storage {

class SqlSubsidyRequestRepository final : public subsidies::SubsidyRequestRepository {
 public:
  explicit SqlSubsidyRequestRepository(db::Connection& c) : c_(c) {}
  std::int64_t insert(const subsidies::SubsidyRequest& r) override;
  std::optional<subsidies::SubsidyRequest> find(std::int64_t id) override;
  std::vector<subsidies::SubsidyRequest> list(std::optional<std::int64_t> agency_id) override;
  std::optional<std::int64_t> live_request(std::int64_t agency_id, int year) override;
  bool change_status(std::int64_t id, subsidies::RequestStatus from, subsidies::RequestStatus to,
                     const subsidies::RequestEvent& e) override;
  void insert_tranches(const subsidies::SubsidyRequest& r, const std::vector<subsidies::Tranche>& tranches) override;
  bool justify_tranche(std::int64_t tranche_id, std::chrono::year_month_day day, std::int64_t leases,
                       std::int64_t at_or_below) override;
  bool pay_tranche(std::int64_t tranche_id, std::chrono::year_month_day day) override;

 private:
  void insert_event(std::int64_t agency_id, std::int64_t request_id, const subsidies::RequestEvent& e);
  db::Connection& c_;
};

}  // namespace hms::storage
