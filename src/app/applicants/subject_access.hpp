// What hms holds about one household, for the copy it may ask for (GDPR art. 15; issue 9.5): the
// household as registered, the changes of its record, the decisions on its candidacy, its leases
// with their rents, deposit and inventories, every amount of its rent accounts, and who read or
// changed its record and when. The national number is given as stored: masked (it is never put
// in an export, security-reliability.md). Agency users (applicants_manage); a household of
// another agency is the 404 of an unknown id. Audited "applicants.subject_access".
#pragma once
#include <chrono>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/allocation/candidates.hpp"
#include "domain/applicants/applicant.hpp"
#include "domain/audit/audit_entry.hpp"
#include "domain/leases/lease.hpp"
#include "domain/ledger/ledger.hpp"

namespace hms::app {

// The most audit entries given (the latest): a household's record is read a few times a month.
inline constexpr int kSubjectAccessEvents = 500;

struct SubjectAccess {
  std::string agency_code;
  std::string agency_name;
  std::vector<std::string> agency_address;
  applicants::Applicant household;  // members' national numbers masked ("•••••••••28")
  std::vector<applicants::Change> changes;
  std::vector<allocation::Decision> decisions;
  struct LeaseData {
    leases::Lease lease;
    std::vector<leases::Inventory> inventories;
    std::vector<leases::DepositPosting> deposit;
    std::vector<ledger::StatementLine> lines;  // its rent account, oldest first
  };
  std::vector<LeaseData> leases;
  std::vector<audit::AuditEntry> events;  // about the household and its leases, newest first
  std::chrono::year_month_day date{};
};
SubjectAccess subject_access(Store& store, const Context& ctx, std::int64_t applicant_id);

// "•••••••••28": a national number as a copy of the data shows it; "" stays "".
std::string masked_national_number(const std::string& digits);

}  // namespace hms::app
