// Letting a dwelling to a household: creating a lease (which houses the applicant and makes the
// dwelling active), changing its rent, charges and deposit, recording a notice, ending it (which
// makes the dwelling vacant from the next day), and the two-thirds income mix. Leases are
// personal data: only the agency's users read them, and every read is audited ("leases.read",
// once per list "leases.list", "leases.export").
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "app/visible.hpp"
#include "domain/applicants/applicant.hpp"
#include "domain/leases/lease.hpp"
#include "domain/stock/dwelling.hpp"

namespace hms::app {

// How a lease is reached by its id (app/visible.hpp): leases_view, then its agency.
template <>
struct Visibility<leases::Lease> {
  static constexpr users::Permission permission = users::Permission::leases_view;
  static constexpr const char* not_found = "leases.not_found";
  static std::optional<leases::Lease> find(UnitOfWork& uow, std::int64_t id) { return uow.leases().find_by_id(id); }
};


// The fields of a lease as typed; none keeps the value on a change. Create requires
// dwelling_id, applicant_id, kind, start and tenant_rent; charges and deposit default to 0.
// On a change, a new tenant_rent is a new version from `rent_from` (default today); dwelling,
// applicant, kind and start cannot change.
struct LeaseFields {
  std::optional<std::string> agency;
  std::optional<std::string> dwelling_id, applicant_id, kind, start, end, tenant_rent, charges, deposit, deposit_form,
      deposit_held_by, rent_from, extended, notice_by, notice_received_on;

  static constexpr std::string_view kDateFields[] = {"start", "end", "rent_from",
                                                     "notice_received_on"};
};

template <typename Visit>
void for_each_field(LeaseFields& f, Visit&& visit) {
  visit("agency", f.agency);
  visit("dwelling_id", f.dwelling_id);
  visit("applicant_id", f.applicant_id);
  visit("kind", f.kind);
  visit("start", f.start);
  visit("end", f.end);
  visit("tenant_rent", f.tenant_rent);
  visit("charges", f.charges);
  visit("deposit", f.deposit);
  visit("deposit_form", f.deposit_form);
  visit("deposit_held_by", f.deposit_held_by);
  visit("rent_from", f.rent_from);
  visit("extended", f.extended);
  visit("notice_by", f.notice_by);
  visit("notice_received_on", f.notice_received_on);
}

// Creates a lease, in one transaction, every problem of the fields at once (422), then:
// 422 "leases.applicant_not_eligible" (the applicant is not active, or its band may not be housed),
// 422 "leases.no_owner_contract" (no owner contract of the dwelling in force on start),
// 422 "leases.rent_above_cap" (above the tenant-rent cap in force on start),
// 409 "leases.overlap" (another lease of the dwelling overlaps). The applicant becomes housed
// and the dwelling active from start. Audited "leases.create".
leases::Lease create_lease(Store& store, const Context& ctx, const LeaseFields& f);
// Audited "leases.update" with the fields that changed; a new rent also "leases.rent_change".
// A notice (notice_by + notice_received_on) without an end takes the end the rules give
// (leases::notice_outcome); where hms knows no rule the end must be given ("leases.end_required").
leases::Lease update_lease(Store& store, const Context& ctx, std::int64_t id, const LeaseFields& f);
// Ends the lease on `end` (its last day) for `reason` (required): the dwelling becomes vacant
// from the next day (between tenants) unless another lease follows. Audited "leases.end".
leases::Lease end_lease(Store& store, const Context& ctx, std::int64_t id, const std::optional<std::string>& end,
                        const std::optional<std::string>& reason);
// The lease if visible, without auditing (a 404 before a change looks at its body).
leases::Lease find_lease(Store& store, const Context& ctx, std::int64_t id);

// What a letter to a lease's household needs besides its body (a reminder, a statement): the
// agency's name, address lines and first account to pay to ("" when none), the household's
// language ("fr" when unknown) and the dwelling, for the address.
struct HouseholdAddressee {
  std::string agency_code;
  std::string agency_name;
  std::vector<std::string> agency_address;
  std::string agency_iban;  // compact
  leases::Lease lease;
  std::string language = "fr";
  stock::Dwelling dwelling;
};
HouseholdAddressee household_addressee(UnitOfWork& uow, const agencies::Agency& agency, leases::Lease lease);
// The lease shown to a user (the household's name): audited "leases.read".
leases::Lease read_lease(Store& store, const Context& ctx, std::int64_t id);
Page<leases::Lease> list_leases(Store& store, const Context& ctx, leases::LeaseFilter filter, Paging paging);
// Every matching lease for a file: one of the user's exports, audited "leases.export".
Page<leases::Lease> export_leases(Store& store, const Context& ctx, leases::LeaseFilter filter);

// An inventory as typed: its date and remarks, and its lines (room, item, condition, remarks) in
// the order of the form or the body; blank lines are left out.
struct InventoryInput {
  std::string done_on, remarks;
  struct Line {
    std::string room, item, condition, remarks;
  };
  std::vector<Line> lines;
};
// Records the lease's entry or exit inventory (`kind` "entry" | "exit"), replacing the one of
// that kind, every problem at once (leases::validate_inventory; a condition not of the list is
// "leases.inventory_line" on its line). Audited "leases.inventory" with the kind.
leases::Inventory record_inventory(Store& store, const Context& ctx, std::int64_t lease_id, const std::string& kind,
                                   const InventoryInput& in);
// The lease's inventories, entry first (DomainError(not_found) for a lease the actor may not see).
std::vector<leases::Inventory> lease_inventories(Store& store, const Context& ctx, std::int64_t lease_id);

// The households offered by the lease form's search: active applicants of the actor's agency
// whose names or number match `query`, at most kApplicantChoices, `more` when others match too;
// `chosen_id` comes back as `chosen` when it is one of the agency's applicants. Audited once,
// "applicants.search", with the count shown (names are personal data). Nothing read for an
// empty query.
inline constexpr int kApplicantChoices = 20;
struct ApplicantChoices {
  std::optional<applicants::Applicant> chosen;
  std::vector<applicants::Applicant> matches;
  bool more = false;
};
ApplicantChoices choose_applicant(Store& store, const Context& ctx, const std::string& query,
                                  std::optional<std::int64_t> chosen_id);

// The two-thirds rule (Housing Code art. 125, contract D): per agency, the leases in force on
// `day`, how many households were at or below the admission income (band eligible) when they
// signed, the share to four decimals (half up) and whether it is at least two thirds (compared
// exactly: 3 × at_or_below ≥ 2 × leases). Agency roles: their agency; the region and the
// federation: every agency with leases in force, or the one named by `agency_code`.
struct IncomeMix {
  std::int64_t agency_id = 0;
  std::string agency_code;
  std::int64_t leases = 0;
  std::int64_t at_or_below = 0;
  std::string share;            // "0.6667"
  bool meets_two_thirds = false;
};
std::vector<IncomeMix> income_mix(Store& store, const Context& ctx, std::chrono::year_month_day day,
                                  const std::string& agency_code = "");
// The agency's mix on `day` if one more lease of a household of `band` were added: the lease
// form's warning before a lease would take the agency below two thirds.
IncomeMix income_mix_with(Store& store, const Context& ctx, std::chrono::year_month_day day, std::string_view band);
// The mix of the actor's scope (its agency, or every agency for the region and the federation)
// summed, on the first day of each of the `months` months up to `day`'s month, then on `day`:
// the dashboard's trend.
struct IncomeMixPoint {
  std::chrono::year_month_day day{};
  IncomeMix mix;  // agency_code ""
};
std::vector<IncomeMixPoint> income_mix_trend(Store& store, const Context& ctx, std::chrono::year_month_day day, int months);
// "0.6667" for 2 of 3: the share to four decimals, half up.
std::string share_text(std::int64_t part, std::int64_t whole);

}  // namespace hms::app
