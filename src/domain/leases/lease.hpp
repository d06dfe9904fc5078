// A lease between the agency and a household for one dwelling (glossary: lease): its kind, its
// dates, the tenant rent (capped by the region's tenant-rent grid, each change a new dated
// version), the charges provision, the deposit and its return, the structured communication
// the household pays with, the notice and the end, and the entry and exit inventories.
// E.g. standard lease of IX-0042 to household n° 412 from 2026-02-01, rent 585.00 €, charges
// 60.00 €, deposit 1,170.00 € on a blocked account at Belfius, +++000/0000/04242+++.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date_range.hpp"
#include "common/money.hpp"
#include "domain/leases/inventory.hpp"

namespace hms::leases {

// standard: the 9-year lease of the Housing Code; short: 3 years at most, extended once at most;
// transit: a temporary stay in a transit dwelling.
enum class LeaseKind { standard, short_term, transit };
std::string_view to_string(LeaseKind k);  // "standard" | "short" | "transit"
std::optional<LeaseKind> parse_lease_kind(std::string_view s);

// The legal forms of a rental deposit in Brussels (tenancy-rules.md: no cash): an individual
// blocked account in the tenant's name, a bank guarantee, one built up progressively, one under
// the CPAS–bank standard contract, a personal surety, or another real security.
enum class DepositForm { blocked_account, bank_guarantee, progressive_guarantee, cpas_guarantee, personal_surety, other };
inline constexpr DepositForm kAllDepositForms[] = {DepositForm::blocked_account, DepositForm::bank_guarantee,
                                                   DepositForm::progressive_guarantee, DepositForm::cpas_guarantee,
                                                   DepositForm::personal_surety, DepositForm::other};
std::string_view to_string(DepositForm f);
std::optional<DepositForm> parse_deposit_form(std::string_view s);

// A lease's deposit posted in the ledger (domain/leases/deposit.hpp): lodged, then returned.
enum class DepositEvent { received, returned };
std::string_view to_string(DepositEvent e);  // "received" | "returned"
std::optional<DepositEvent> parse_deposit_event(std::string_view s);

// One posting of a lease's deposit: its entry, `reversed` once that entry was reversed (it then
// counts no more, and the deposit may be posted again).
struct DepositPosting {
  std::int64_t lease_id = 0;
  DepositEvent event = DepositEvent::received;
  std::int64_t entry_id = 0;
  std::chrono::year_month_day date{};  // the entry's
  Money amount;                        // the deposit posted
  bool reversed = false;
};

enum class NoticeBy { tenant, agency };
std::string_view to_string(NoticeBy n);
std::optional<NoticeBy> parse_notice_by(std::string_view s);

// One version of the tenant rent: from `valid_from` until the next version.
struct LeaseRent {
  std::chrono::year_month_day valid_from{};
  Money amount;                 // monthly
  std::string reason;           // "initial" | "change" | "indexation"
  std::optional<Money> cap;     // the tenant-rent cap in force on valid_from; none: no table covered it
  std::int64_t recorded_at = 0;
};

struct Lease {
  std::int64_t id = 0;
  std::int64_t agency_id = 0;
  std::string agency_code;            // read along with agency_id
  std::int64_t dwelling_id = 0;
  std::string dwelling_reference;     // read along
  std::int64_t applicant_id = 0;
  std::int64_t applicant_number = 0;  // read along
  std::string household_name;         // read along: the applicant member's name (personal data)
  LeaseKind kind = LeaseKind::standard;
  std::chrono::year_month_day start{};
  std::optional<std::chrono::year_month_day> end;  // the last day; none: open-ended
  Money tenant_rent;                  // the latest version's amount
  std::optional<Money> cap;           // the cap that version was checked against
  Money charges;                      // monthly provision, may be 0
  Money deposit;
  std::optional<DepositForm> deposit_form;
  std::string deposit_held_by;        // "Belfius", "CPAS d'Ixelles", "" when not known
  std::optional<std::chrono::year_month_day> deposit_returned_on;
  std::optional<Money> deposit_returned;
  std::string payment_reference;      // 12 digits
  std::string band;                   // the household's band when the lease was signed
  int income_year = 0;                // the income year of that band
  bool extended = false;              // a short lease extended once
  std::optional<NoticeBy> notice_by;
  std::optional<std::chrono::year_month_day> notice_received_on;
  std::string end_reason;             // "" while running
  std::vector<LeaseRent> rent_history;  // oldest first (find_by_id only)
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;

  // The days covered, half-open: [start, end + 1 day).
  DateRange period() const;
  bool in_force_on(std::chrono::year_month_day day) const { return period().contains(day); }
};

// The most a deposit may be: two months of the tenant rent, charges excluded.
inline constexpr int kDepositMonthsMax = 2;
// A short lease lasts three years at most, its one extension included.
inline constexpr int kShortLeaseYearsMax = 3;
// At most 100 000.00 a month: a typing error, not a rent.
inline constexpr Money kMaxTenantRent = Money::from_cents(10'000'000);

// Checks the fields of a lease, all problems at once (DomainError(validation) with fields):
//   1. end not before start ("leases.end_before_start");
//   2. a short lease has an end, at most kShortLeaseYearsMax years after its start
//      ("leases.short_needs_end", "leases.short_too_long");
//   3. tenant rent above 0 and at most kMaxTenantRent ("leases.invalid_rent"), charges and
//      deposit not negative ("leases.invalid_charges", "leases.invalid_deposit");
//   4. the deposit at most kDepositMonthsMax months of rent ("leases.deposit_too_high", param max);
//   5. a returned deposit has its date, not before the start, and is at most the deposit
//      ("leases.invalid_deposit_return").
void validate_lease(const Lease& l);

// The tenant rent within its cap (contract D): no cap known → accepted; above →
// DomainError(validation, "leases.rent_above_cap") with params cap and rent on tenant_rent.
void check_rent_within_cap(Money rent, std::optional<Money> cap);

// What a notice leads to (tenancy-rules.md, "Leases"): the notice runs from the first day of the
// month after it was received, for three months; the lease ends on the last day of the third.
// A tenant leaving a standard lease owes 3, 2 or 1 month(s) of rent when that end falls in the
// lease's first, second or third year; a short lease costs one month. For a transit lease or a
// notice given by the agency, hms knows no rule: `rule_known` false, the end must be typed.
struct NoticeOutcome {
  bool rule_known = false;
  std::chrono::year_month_day end{};   // the last day of the lease
  int indemnity_months = 0;
};
NoticeOutcome notice_outcome(const Lease& l, NoticeBy by, std::chrono::year_month_day received_on);

struct LeaseFilter {
  std::optional<std::int64_t> agency_id;  // none: every agency
  std::optional<std::int64_t> dwelling_id;
  std::optional<std::int64_t> applicant_id;
  std::string query;                       // dwelling reference, household name, payment reference
  std::optional<std::chrono::year_month_day> in_force_on;
  std::optional<LeaseKind> kind;
  std::optional<int> start_year = std::nullopt;  // only the leases starting that year
};

// For the income mix (contract D): the leases in force on a day and how many of their households
// were at or below the admission income (band eligible) when they signed, per agency.
struct IncomeMixRow {
  std::int64_t agency_id = 0;
  std::string agency_code;
  std::int64_t leases = 0;
  std::int64_t at_or_below = 0;
};

class LeaseRepository {
 public:
  virtual ~LeaseRepository() = default;
  // With its first rent version and its payment reference (made from the new id).
  virtual std::int64_t insert(Lease& l) = 0;
  // Dates, charges, deposit, notice and end; not the rent (add_rent), the dwelling or applicant.
  virtual void update(const Lease& l) = 0;
  virtual void add_rent(std::int64_t lease_id, std::int64_t agency_id, const LeaseRent& r) = 0;
  virtual std::optional<Lease> find_by_id(std::int64_t id) = 0;
  virtual std::vector<Lease> list(const LeaseFilter& f, int limit, int offset) = 0;
  virtual std::int64_t count(const LeaseFilter& f) = 0;
  // Leases of the dwelling whose period overlaps `period`, other than `except`.
  virtual std::vector<Lease> overlapping(std::int64_t dwelling_id, const DateRange& period,
                                         std::optional<std::int64_t> except) = 0;
  // The lease's inventory of that kind replaced by `inv` (its lines too); answers its id.
  virtual std::int64_t save_inventory(const Inventory& inv) = 0;
  // The entry and exit inventories of a lease (entry first), with their lines.
  virtual std::vector<Inventory> inventories(std::int64_t lease_id) = 0;
  // agency none: every agency that has leases in force on `day`.
  virtual std::vector<IncomeMixRow> income_mix(std::optional<std::int64_t> agency_id,
                                               std::chrono::year_month_day day) = 0;
  // The postings of the lease's deposit, oldest first, with their entries' date and amount and
  // whether each was reversed.
  virtual std::vector<DepositPosting> deposit_postings(std::int64_t lease_id) = 0;
  virtual void add_deposit_posting(std::int64_t agency_id, std::int64_t lease_id, DepositEvent event,
                                   std::int64_t entry_id) = 0;
  // The deposit posting entry `entry_id` is, if it is one.
  virtual std::optional<DepositPosting> deposit_posting_of(std::int64_t entry_id) = 0;
};

}  // namespace hms::leases
