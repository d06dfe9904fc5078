// Erasing a household on its request (GDPR art. 17; issue 9.5; the rule in
// domain/applicants/erasure.hpp): its members anonymised, its own data cleared, and the payer's
// name, account and free communication taken off the bank movements that paid its leases; the
// amounts of its rent accounts stay. The agency admin only (personal_data_erase); a household of
// another agency is the 404 of an unknown id. Audited "applicants.erase", and a dated change
// "erase" on the household's record. Cannot be undone.
#pragma once
#include "app/context.hpp"
#include "domain/applicants/applicant.hpp"

namespace hms::app {

applicants::Applicant erase_household(Store& store, const Context& ctx, std::int64_t applicant_id);
// The same inside a unit of work (the retention's purge erases several in one).
applicants::Applicant erase_in(UnitOfWork& uow, const Context& ctx, std::int64_t applicant_id);

}  // namespace hms::app
