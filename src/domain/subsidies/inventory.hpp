// The inventory of 30 September (issue 12, contract F): every dwelling an agency manages on a
// reference date — an owner contract in force on it — with its lease, status and whether it is
// subsidisable (at most `cap` of them: 450, more with a derogation of the Region, arrêté
// 17-12-2015 art. 15 §1). No personal data: the household appears only as its income band.
// E.g. agency IX on 2026-09-30: 452 dwellings, 430 leased, 15 vacant, 7 in works, cap 450,
// 450 subsidisable, 2 over the cap.
// The agency admin freezes it (a FrozenInventory: never changed afterwards) and submits it; its
// diff with the live inventory of the same date lists the dwellings added, removed or changed.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/subsidies/property_tax.hpp"

namespace hms::subsidies {

// The number of subsidisable dwellings of an agency without a derogation (art. 15 §1).
inline constexpr int kDefaultCap = 450;

// The reference date by default: 30 September of this year from that day on, else of last year.
std::chrono::year_month_day default_reference_date(std::chrono::year_month_day today);

// A derogation the Region granted an agency: its cap of subsidisable dwellings raised from
// `decided_on` (the ministers' decision date) on, with the decision's reference.
// E.g. agency SG, cap 520, decided 2025-06-12, "AGRBC/2025/0612-SG".
struct Derogation {
  std::int64_t id = 0;
  std::int64_t agency_id = 0;
  int cap = kDefaultCap;                      // > 450
  std::chrono::year_month_day decided_on{};
  std::string reference;                      // 1–100 characters
  std::optional<std::int64_t> recorded_by;    // the region's user
  std::int64_t recorded_at = 0;
};
// The cap on `date`: the latest derogation decided on or before it, else kDefaultCap.
int cap_on(const std::vector<Derogation>& derogations, std::chrono::year_month_day date);

// What the repository reads for one agency and one date, in a few set queries (no query per
// dwelling): the owner contracts in force on the date with their dwelling, the rent versions
// up to the date, the status periods in force and the leases in force with their rents.
struct ContractOn {              // an owner contract with start ≤ date ≤ end (end inclusive)
  std::int64_t contract_id = 0;
  std::int64_t dwelling_id = 0;
  std::string reference;
  std::string street, number, box;
  std::string postcode, commune_fr, commune_nl;
  std::string type;              // "apartment" | "house"
  int bedrooms = 0;
  std::optional<std::int64_t> surface_dm2;
  std::optional<char> peb_class;
  std::string categories;        // comma-separated, sorted
  std::string kind;              // "management_mandate" | "main_lease"
  std::chrono::year_month_day start{};
  std::optional<std::chrono::year_month_day> end;
  std::int64_t latest_owner_rent_cents = 0;
};
struct RentOn {                  // a rent version (owner contract or lease) valid from a day
  std::int64_t of_id = 0;        // the contract's or the lease's id
  std::chrono::year_month_day valid_from{};
  std::int64_t amount_cents = 0;
  std::optional<std::int64_t> cap_cents;
};
struct StatusOn {                // the status period of a dwelling in force on the date
  std::int64_t dwelling_id = 0;
  std::string status;            // active | vacant | works | ended
  std::chrono::year_month_day since{};
};
struct LeaseOn {                 // a lease with start ≤ date ≤ end (end inclusive)
  std::int64_t lease_id = 0;
  std::int64_t dwelling_id = 0;
  std::chrono::year_month_day start{};
  std::int64_t latest_rent_cents = 0;
  std::optional<std::int64_t> latest_cap_cents;
  std::string band;
};
struct InventorySource {
  std::int64_t agency_id = 0;
  std::string agency_code;
  std::chrono::year_month_day date{};
  int cap = kDefaultCap;
  std::vector<ContractOn> contracts;
  std::vector<RentOn> owner_rents;   // versions valid from ≤ date, of the contracts above
  std::vector<StatusOn> statuses;
  std::vector<LeaseOn> leases;
  std::vector<RentOn> lease_rents;   // versions valid from ≤ date, of the leases above
};

// One line of the inventory. Money in cents.
struct InventoryItem {
  std::int64_t dwelling_id = 0;
  std::string reference;
  std::string street, number, box, postcode, commune_fr, commune_nl;
  std::string type;
  int bedrooms = 0;
  std::optional<std::int64_t> surface_dm2;
  std::optional<char> peb_class;
  std::string categories;
  std::string contract_kind;
  std::chrono::year_month_day contract_start{};
  std::optional<std::chrono::year_month_day> contract_end;
  std::int64_t owner_rent_cents = 0;           // the version in force on the date
  bool leased = false;
  std::optional<std::int64_t> tenant_rent_cents;  // leased only: the version in force on the date
  std::optional<std::int64_t> tenant_rent_cap_cents;
  std::string band;                            // leased only; "" when not leased
  std::string status;                          // on the date; "" when no period covers it
  std::optional<std::chrono::year_month_day> status_since;
  bool subsidisable = false;

  bool operator==(const InventoryItem&) const = default;
};

using Counts = std::vector<std::pair<std::string, std::int64_t>>;  // key → dwellings, by key

struct Inventory {
  std::int64_t agency_id = 0;
  std::string agency_code;
  std::chrono::year_month_day date{};
  std::int64_t dwellings = 0, leased = 0, vacant = 0, works = 0;
  std::int64_t subsidisable = 0, over_cap = 0;
  int cap = kDefaultCap;
  std::vector<InventoryItem> items;  // in the cap's order: contract start, then dwelling id
  Counts by_status, by_type, by_bedrooms, by_commune, by_band;
};

// The inventory, in numbered steps (inventory.cpp):
//   1. one dwelling per contract in force (two overlapping contracts: the latest start);
//   2. order: contract start date, then dwelling id — the first `cap` are subsidisable;
//   3. owner rent: the version in force on the date (the latest valid_from ≤ date);
//   4. status: the period in force on the date; lease: one in force (the latest start), its
//      rent version in force and the household's band;
//   5. totals (leased, vacant, works, subsidisable, over_cap) and the counts.
Inventory build_inventory(const InventorySource& src);
// The totals and counts of step 5, from the items (also for a frozen inventory read back).
void count(Inventory& inv);

// What an inventory page flags before it is submitted.
struct Warning {
  std::string kind;        // no_energy_class | lease_above_cap | long_vacancy
  std::string reference;   // the dwelling's
  std::int64_t dwelling_id = 0;
};
inline constexpr int kLongVacancyDays = 183;  // vacant for more than six months on the date
std::vector<Warning> warnings(const Inventory& inv);

// A frozen inventory: the agency admin's copy of the inventory on its date, as submitted.
struct FrozenInventory {
  std::int64_t id = 0;
  std::int64_t agency_id = 0;
  std::optional<std::int64_t> submitted_by;
  std::string submitted_by_name;   // read along
  std::int64_t submitted_at = 0;
  Inventory inventory;
};

// What differs between a frozen inventory and the live one of the same date, by dwelling
// reference order: added (live only), removed (frozen only), changed (the fields that differ,
// each with its frozen and live value as text).
struct FieldChange {
  std::string field;
  std::string frozen, live;
};
struct DwellingChange {
  std::string change;   // added | removed | changed
  std::int64_t dwelling_id = 0;
  std::string reference;
  std::vector<FieldChange> fields;  // changed only
};
std::vector<DwellingChange> diff(const Inventory& frozen, const Inventory& live);

class SubsidiesRepository {
 public:
  virtual ~SubsidiesRepository() = default;
  // Everything build_inventory needs for the agency on the date, except the cap and code.
  virtual InventorySource inventory_source(std::int64_t agency_id, std::chrono::year_month_day date) = 0;
  virtual std::vector<Derogation> derogations(std::int64_t agency_id) = 0;  // by decided_on
  virtual std::int64_t insert_derogation(const Derogation& d) = 0;
  virtual std::int64_t insert_frozen(const FrozenInventory& f) = 0;  // the inventory with its items
  virtual std::optional<FrozenInventory> find_frozen(std::int64_t id) = 0;  // with its items and counts
  // The agency's frozen inventories, newest first, without their items.
  virtual std::vector<FrozenInventory> list_frozen(std::int64_t agency_id) = 0;
  // The owner contracts of the agency in force on a day of `year`, each with its dwelling and
  // owner, by dwelling reference then contract start; from/to left for clip_to_year.
  virtual std::vector<PropertyTaxLine> property_tax_lines(std::int64_t agency_id, int year) = 0;
};

}  // namespace hms::subsidies
