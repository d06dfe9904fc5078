// The demo region's rental stock, agency by agency: dwellings (mostly in the agency's own
// commune and its neighbours, a quarter of them sharing a building), their status history
// (entries spread over the years, vacancies between tenants, works, a few ended), their owners
// (persons and companies, some with several dwellings) and owner contracts (main leases and
// management mandates, with their rent versions, within the owner-rent caps). E.g. "IXE-0042",
// Rue Malibran 87 bte 2, 1050 Ixelles, apartment, 2 bedrooms, 71.5 m², PEB E, main lease of
// Griet Maes since 2021-03-01 at 742.00 € a month.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <vector>
#include <string_view>

#include "app/context.hpp"
#include "app/demo/demo_places.hpp"
#include "domain/agencies/agency.hpp"
#include "domain/rules/rent_caps.hpp"

namespace hms::app::demo {

struct StockCounts {
  int dwellings = 0;
  int owners = 0;
  int contracts = 0;
  int status_periods = 0;
  int rent_versions = 0;
  StockCounts& operator+=(const StockCounts& o) {
    dwellings += o.dwellings;
    owners += o.owners;
    contracts += o.contracts;
    status_periods += o.status_periods;
    rent_versions += o.rent_versions;
    return *this;
  }
};

// A household's stay in a dwelling, as the stock's status history has it (an active period):
// the demo's leases follow them (app/demo/demo_households.hpp).
struct Occupancy {
  std::int64_t dwelling_id = 0;
  stock::DwellingType type = stock::DwellingType::apartment;
  int bedrooms = 0;
  std::chrono::year_month_day from{};
  std::optional<std::chrono::year_month_day> last_day;  // none: still living there
};

struct StockPlan {
  const agencies::Agency& agency;
  int index = 0;            // the agency's place in creation order: one random stream each
  int dwellings = 0;        // the agency's size
  int years = 10;           // dwellings entered the stock over that many years before today
  std::uint64_t seed = 1;
  const Places& places;
  const rules::RentCapTable& owner_rent_caps;  // may be empty: the first shipped grid's amounts then
  std::vector<Occupancy>* occupancies = nullptr;  // filled with every active period, when given
};

// Writes one agency's stock through `uow`'s repositories (the caller commits), drawing from
// the plan's own random stream: the same plan and day give the same stock.
StockCounts build_agency_stock(UnitOfWork& uow, const Context& ctx, const StockPlan& plan);

// The prefix of an agency's dwelling references: "AIS-IXELLES" → "IXE", "SVK-JETTE" → "JET".
std::string reference_prefix(std::string_view agency_code);

}  // namespace hms::app::demo
