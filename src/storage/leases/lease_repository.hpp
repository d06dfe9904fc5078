// Leases on SQL (tables leases, lease_rents). The household's name is read along from the
// applicant member of the lease's applicant (applicant_members).
#pragma once
#include "domain/leases/lease.hpp"
#include "storage/db/database.hpp"

namespace hms::storage {

class SqlLeaseRepository final : public leases::LeaseRepository {
 public:
  explicit SqlLeaseRepository(db::Connection& c) : c_(c) {}
  std::int64_t insert(leases::Lease& l) override;
  void update(const leases::Lease& l) override;
  void add_rent(std::int64_t lease_id, std::int64_t agency_id, const leases::LeaseRent& r) override;
  std::optional<leases::Lease> find_by_id(std::int64_t id) override;
  std::vector<leases::Lease> list(const leases::LeaseFilter& f, int limit, int offset) override;
  std::int64_t count(const leases::LeaseFilter& f) override;
  std::vector<leases::Lease> overlapping(std::int64_t dwelling_id, const DateRange& period,
                                         std::optional<std::int64_t> except) override;
  std::int64_t save_inventory(const leases::Inventory& inv) override;
  std::vector<leases::Inventory> inventories(std::int64_t lease_id) override;
  std::vector<leases::IncomeMixRow> income_mix(std::optional<std::int64_t> agency_id,
                                               std::chrono::year_month_day day) override;
  std::vector<leases::DepositPosting> deposit_postings(std::int64_t lease_id) override;
  void add_deposit_posting(std::int64_t agency_id, std::int64_t lease_id, leases::DepositEvent event,
                           std::int64_t entry_id) override;
  std::optional<leases::DepositPosting> deposit_posting_of(std::int64_t entry_id) override;

 private:
  db::Connection& c_;
};

}  // namespace hms::storage
