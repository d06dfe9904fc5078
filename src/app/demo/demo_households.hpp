// The demo region's households, agency by agency: the register of candidates (about 15,000
// households waiting across the Region, registered over the last six years, some struck off,
// some late to renew their candidacy) and the tenants, one per stay of the stock's status
// history, each with its lease (standard mostly, some short or transit), deposit, structured
// communication and rent within the tenant-rent cap. Incomes are drawn against the admission
// incomes so that about 92 % of tenants are at or below the ceiling, and a few agencies fall
// below two thirds. E.g. n° 412, Amina El Idrissi and her two children, income 2024 of
// 21,400.00 €: eligible; tenant of IXE-0042 since 2023-05-01 at 585.00 € + 60.00 € of charges.
#pragma once
#include <vector>

#include "app/context.hpp"
#include "app/demo/demo_places.hpp"
#include "app/demo/demo_stock.hpp"
#include "domain/applicants/eligibility.hpp"
#include "domain/rules/rent_caps.hpp"

namespace hms::app::demo {

struct HouseholdCounts {
  int applicants = 0;  // all of them: waiting, housed and struck off
  int waiting = 0;     // active
  int leases = 0;
  HouseholdCounts& operator+=(const HouseholdCounts& o) {
    applicants += o.applicants;
    waiting += o.waiting;
    leases += o.leases;
    return *this;
  }
};

struct HouseholdPlan {
  const agencies::Agency& agency;
  int index = 0;                  // the agency's place in creation order: its own random stream
  int waiting = 0;                // active candidates to register
  bool below_two_thirds = false;  // an agency that lets more to moderate incomes than the rule allows
  std::uint64_t seed = 1;
  const Places& places;
  const rules::RentCapTable& tenant_rent_caps;
  const applicants::AdmissionIncomeTable& admission_incomes;
  const std::vector<Occupancy>& occupancies;  // one lease each
};

// Writes one agency's applicants and leases through `uow`'s repositories (the caller commits).
HouseholdCounts build_agency_households(UnitOfWork& uow, const Context& ctx, const HouseholdPlan& plan);

}  // namespace hms::app::demo
