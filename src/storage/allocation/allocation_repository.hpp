// Allocation on SQL (tables allocation_priorities, allocation_decisions). The dwelling's
// reference, the applicant's number and household name and the user's name are read along.
#pragma once
#include "domain/allocation/candidates.hpp"
#include "storage/db/database.hpp"

namespace hms::storage {

class SqlAllocationRepository final : public allocation::AllocationRepository {
 public:
  explicit SqlAllocationRepository(db::Connection& c) : c_(c) {}
  allocation::Priorities priorities(std::int64_t agency_id) override;
  void save_priorities(std::int64_t agency_id, const allocation::Priorities& p, std::int64_t now) override;
  std::int64_t insert_decision(const allocation::Decision& d) override;
  std::vector<allocation::Decision> decisions_of_dwelling(std::int64_t dwelling_id) override;
  std::vector<allocation::Decision> decisions_of_applicant(std::int64_t applicant_id) override;
  std::vector<allocation::Decision> decisions_of_year(std::int64_t agency_id, int year) override;

 private:
  db::Connection& c_;
};

}  // namespace hms::storage
