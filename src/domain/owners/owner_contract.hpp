// The contract between an owner and the agency for one dwelling (glossary: owner_contract):
// a management mandate (the agency manages in the owner's name, for a fee) or a main lease (the
// agency rents the dwelling and sublets it). The owner rent may not exceed the regional
// owner-rent cap; every change of rent is a new dated version, never an overwrite.
// E.g. main lease of IX-0042 from Marie Dubois, 2024-03-01 to 2033-02-28, 780.00 € a month.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date_range.hpp"
#include "common/money.hpp"
#include "common/rate.hpp"
#include "domain/stock/dwelling_type.hpp"

namespace hms::owners {

enum class ContractKind { management_mandate, main_lease };
std::string_view to_string(ContractKind k);
std::optional<ContractKind> parse_contract_kind(std::string_view s);

// One version of the owner rent: from `valid_from` until the next version.
struct RentVersion {
  std::chrono::year_month_day valid_from{};
  Money amount;                 // monthly
  std::string reason;           // "initial" | "change" | "indexation"
  std::optional<Money> cap;     // the owner-rent cap in force on valid_from; none: no table covered that day
  std::int64_t recorded_at = 0;
};

struct OwnerContract {
  std::int64_t id = 0;
  std::int64_t agency_id = 0;
  std::string agency_code;      // read along with agency_id
  std::int64_t dwelling_id = 0;
  std::string dwelling_reference;  // read along
  std::int64_t owner_id = 0;
  std::string owner_name;          // read along
  ContractKind kind = ContractKind::main_lease;
  std::chrono::year_month_day start{};
  std::optional<std::chrono::year_month_day> end;  // the last day covered; none: open-ended
  std::optional<std::chrono::year_month_day> signed_on;  // gives the starting index month
  bool registered = true;       // registered lease (a precondition of any indexation)
  std::optional<Rate> management_fee;  // mandate only: the agency's fee (8.5 % is 850 basis points)
  bool management_fee_default = false;  // the fee was the agency's default when recorded (none was given)
  bool guarantee_vacancy = true;      // rent paid to the owner while the dwelling is vacant
  bool guarantee_unpaid_rent = true;  // rent paid to the owner when the tenant does not pay
  bool guarantee_damage = true;       // rental damage repaired at the agency's cost
  Money owner_rent;                   // the latest version's amount
  std::optional<Money> cap;           // the cap that latest version was checked against
  std::vector<RentVersion> rent_history;  // oldest first (read by find_by_id only)
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;

  // The days covered, half-open: [start, end + 1 day).
  DateRange period() const;
};

// Checks the fields of a contract (not its links to the dwelling and owner), all problems at
// once: kind, start, end (not before start), signed_on (not after start), owner_rent (> 0 and
// at most kMaxOwnerRent), management_fee (0–30 %, mandate only: a mandate given without a fee
// has the agency's default put in by the use case first, see app::contract_from_fields).
inline constexpr Money kMaxOwnerRent = Money::from_cents(10'000'000);  // 100 000.00 a month
// A management fee: 0 to 30 %.
inline constexpr Rate kMaxManagementFee = Rate::from_basis_points(3000);
void validate_contract(const OwnerContract& c);

// An owner rent is within its cap:
//   1. no cap table covers the day → accepted, and the version records that none was checked;
//   2. rent ≤ cap → accepted (a rent below the cap is normal: it was negotiated);
//   3. rent > cap → DomainError(validation, "owners.rent_above_cap") with params cap and rent
//      (plain, "816.00") and field owner_rent.
void check_rent_within_cap(Money rent, std::optional<Money> cap);

struct ContractFilter {
  std::optional<std::int64_t> agency_id;  // none: every agency
  std::optional<std::int64_t> dwelling_id;
  std::optional<std::int64_t> owner_id;
  std::string query;                       // dwelling reference, street, owner name
  std::optional<ContractKind> kind;
  // Only contracts whose end falls in [ending_from, ending_to] (inclusive), e.g. the next 6 months.
  std::optional<std::chrono::year_month_day> ending_from, ending_to;
  std::optional<std::chrono::year_month_day> in_force_on;  // only those covering that day
};

// For the dashboard: owner rents in force compared with today's caps.
struct RentCapShare {
  std::int64_t at_cap = 0;
  std::int64_t below_cap = 0;
  std::int64_t above_cap = 0;   // possible after the caps changed: shown, never hidden
  std::int64_t no_cap = 0;      // no table covers today
};

// An owner rent in force on a day, with what its cap depends on.
struct RentInForce {
  Money rent;
  stock::DwellingType type = stock::DwellingType::apartment;
  int bedrooms = 0;
};

class OwnerContractRepository {
 public:
  virtual ~OwnerContractRepository() = default;
  virtual std::int64_t insert(const OwnerContract& c) = 0;  // with its first rent version
  // Dates, guarantees and fee; not the rent (add_rent_version) nor the dwelling or owner.
  virtual void update(const OwnerContract& c) = 0;
  virtual void add_rent_version(std::int64_t contract_id, const RentVersion& v) = 0;
  virtual std::optional<OwnerContract> find_by_id(std::int64_t id) = 0;
  virtual std::vector<OwnerContract> list(const ContractFilter& f, int limit, int offset) = 0;
  virtual std::int64_t count(const ContractFilter& f) = 0;
  // Contracts of the dwelling whose period overlaps `period`, other than `except`.
  virtual std::vector<OwnerContract> overlapping(std::int64_t dwelling_id, const DateRange& period,
                                                 std::optional<std::int64_t> except) = 0;
  // The latest rent of every contract in force on `day` (agency: none = every agency).
  virtual std::vector<RentInForce> rents_in_force(std::optional<std::int64_t> agency_id,
                                                  std::chrono::year_month_day day) = 0;
};

}  // namespace hms::owners
