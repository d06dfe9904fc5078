#include "app/applicants/erasure.hpp"

#include "app/applicants/applicants.hpp"
#include "domain/applicants/erasure.hpp"
#include "domain/bank/bank.hpp"

namespace hms::app {

applicants::Applicant erase_in(UnitOfWork& uow, const Context& ctx, std::int64_t applicant_id) {
  const auto household = visible<applicants::Applicant>(uow, ctx, applicant_id);
  ctx.require(users::Permission::personal_data_erase);
  const auto today = ctx.clock.today();
  // 1. Its leases: none may run today or later.
  leases::LeaseFilter filter;
  filter.agency_id = household.agency_id;
  filter.applicant_id = applicant_id;
  const auto its_leases = uow.leases().list(filter, 1000, 0);
  bool current = false;
  for (const auto& l : its_leases) current = current || !l.end || *l.end >= today;
  // 2. The household as kept (domain/applicants/erasure.hpp), written with its members.
  auto kept = applicants::erased(household, current, today);
  kept.updated_at = ctx.clock.now_seconds();
  uow.applicants().update(kept);
  // 3. The bank movements that paid its leases forget the payer.
  for (const auto& l : its_leases) uow.bank().forget_payer(l.id);
  // 4. Dated on its record and in the audit log, without a value.
  applicants::Change change;
  change.changed_at = kept.updated_at;
  change.user_id = ctx.user ? std::optional(ctx.user->id) : std::nullopt;
  change.action = "erase";
  change.status = kept.status;
  uow.applicants().add_change(kept.agency_id, kept.id, change);
  record(uow, ctx, "applicants.erase", "applicants", std::to_string(applicant_id), kept.agency_id);
  return *uow.applicants().find_by_id(applicant_id);
}

applicants::Applicant erase_household(Store& store, const Context& ctx, std::int64_t applicant_id) {
  auto uow = store.write();
  auto erased = erase_in(*uow, ctx, applicant_id);
  uow->commit();
  return erased;
}

}  // namespace hms::app
