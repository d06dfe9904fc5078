#include "app/applicants/subject_access.hpp"

#include "app/agencies/agency_admin.hpp"
#include "app/applicants/applicants.hpp"

namespace hms::app {

using users::Permission;

std::string masked_national_number(const std::string& digits) {
  if (digits.size() < 2) return digits;
  std::string out;
  for (std::size_t i = 0; i + 2 < digits.size(); ++i) out += "•";
  return out + digits.substr(digits.size() - 2);
}

SubjectAccess subject_access(Store& store, const Context& ctx, std::int64_t applicant_id) {
  auto uow = store.write();  // the audit entry of this copy is written with it
  auto household = visible<applicants::Applicant>(*uow, ctx, applicant_id);
  ctx.require(Permission::applicants_manage);
  SubjectAccess out;
  const auto agency = uow->agencies().find_by_id(household.agency_id).value();
  out.agency_code = agency.code;
  out.agency_name = agency.name;
  out.agency_address = agency_address_lines(*uow, agency);
  out.date = ctx.clock.today();
  // 1. The household, its record's changes and the decisions on its candidacy.
  for (auto& m : household.members) m.national_number = masked_national_number(m.national_number);
  out.changes = uow->applicants().changes(applicant_id);
  out.decisions = uow->allocation().decisions_of_applicant(applicant_id);
  // 2. Its leases, each with its inventories, deposit and rent account.
  leases::LeaseFilter filter;
  filter.agency_id = household.agency_id;
  filter.applicant_id = applicant_id;
  std::vector<std::string> lease_ids;
  for (const auto& listed : uow->leases().list(filter, 1000, 0)) {
    SubjectAccess::LeaseData data;
    data.lease = uow->leases().find_by_id(listed.id).value();
    data.inventories = uow->leases().inventories(listed.id);
    data.deposit = uow->leases().deposit_postings(listed.id);
    data.lines = uow->ledger().lease_lines(listed.id, static_cast<int>(uow->ledger().count_lease_lines(listed.id)), 0);
    lease_ids.push_back(std::to_string(listed.id));
    out.leases.push_back(std::move(data));
  }
  // 3. Who read or changed its record and its leases.
  out.events = uow->audit().about("applicants", {std::to_string(applicant_id)}, kSubjectAccessEvents);
  auto lease_events = uow->audit().about("leases", lease_ids, kSubjectAccessEvents);
  out.events.insert(out.events.end(), lease_events.begin(), lease_events.end());
  std::sort(out.events.begin(), out.events.end(), [](const auto& a, const auto& b) { return a.id > b.id; });
  if (out.events.size() > static_cast<std::size_t>(kSubjectAccessEvents)) out.events.resize(kSubjectAccessEvents);
  out.household = std::move(household);
  record(*uow, ctx, "applicants.subject_access", "applicants", std::to_string(applicant_id), out.household.agency_id);
  uow->commit();
  return out;
}

}  // namespace hms::app
