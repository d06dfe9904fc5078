// The subsidy request (issue 12.2, contract F): what an agency asks the Region for year N+1 from
// its inventory of 30 September N, and the tranches in which the Region pays it.
// The amounts are not published (tenancy-rules.md: "per-dwelling amounts, staff subsidy, transit
// complement … not found"), so they are a dated parameter table, loaded like the other rules and
// marked illustrative until the Region loads its own; nothing is hard-coded.
// E.g. year 2027, rates valid from 2024-01-01, inventory of IX on 2026-09-30 with 450 subsidisable
// dwellings (400 under a mandate, 50 under a main lease, 12 of them transit):
//   400 × 1.500,00 + 50 × 1.200,00 + 12 × 600,00 + 1 × 60.000,00 = 727.200,00 €,
// paid in three tranches of 40 %, 40 % and 20 %, the third on the two-thirds statistics.
//
// File rules/subsidy-rates.csv, a header line first:
//   valid_from,part,value,status,source
//   2024-01-01,dwelling.management_mandate,1500.00,illustrative,illustrative — replace with …
// Parts of each validity date (all required but the justifications):
//   dwelling.management_mandate, dwelling.main_lease  euros a year per subsidisable dwelling
//   transit_complement                                euros a year per subsidisable transit dwelling
//   fixed                                             euros a year per agency (staff, running costs)
//   tranche.N.share                                   per cent of the request (whole, the N sum to 100)
//   tranche.N.due                                     MM-DD in the request's year
//   tranche.N.justification                           optional: income_mix (the two-thirds statistics)
// with N = 1, 2, … without a gap.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/subsidies/inventory.hpp"

namespace hms::subsidies {

struct SubsidyRate {
  std::chrono::year_month_day valid_from{};
  std::string part;    // as above
  std::string value;   // as written in the file, checked by parse
  std::string status;  // "illustrative" | "verified" | …
  std::string source;
};

// The parameters of one validity date, read from its rows.
struct TrancheRule {
  int number = 1;
  int share_percent = 0;
  std::chrono::month_day due{};
  std::string justification;  // "" | "income_mix"
};
struct SubsidyRates {
  std::chrono::year_month_day valid_from{};
  std::string status;  // "illustrative" when any row of the date is
  std::int64_t per_mandate_cents = 0, per_main_lease_cents = 0, transit_cents = 0, fixed_cents = 0;
  std::vector<TrancheRule> tranches;  // by number
};

class SubsidyRateTable {
 public:
  static constexpr std::string_view kHeader = "valid_from,part,value,status,source";

  // Parses the CSV text (the header above first; a byte-order mark and CRLF are accepted).
  // Throws DomainError(validation, "rules.invalid_subsidy_rates") with params "line" (1 = the
  // header, or the first line of the validity date at fault) and "reason": wrong header, unknown
  // part, a value that does not fit its part, a duplicate (valid_from, part), empty status or
  // source, a validity date missing a part, tranches not numbered 1..n or whose shares do not
  // add up to 100, no row at all.
  static SubsidyRateTable parse(std::string_view csv);

  explicit SubsidyRateTable(std::vector<SubsidyRate> rows = {});  // from storage, in any order
  const std::vector<SubsidyRate>& rows() const { return rows_; }   // by valid_from, part
  bool empty() const { return rows_.empty(); }
  // The parameters in force on `date` (the latest valid_from <= date); none before the first.
  std::optional<SubsidyRates> in_force(std::chrono::year_month_day date) const;

 private:
  std::vector<SubsidyRate> rows_;
};

// A request's line: how many dwellings (1 for the fixed part) at which yearly rate.
struct RequestLine {
  std::string part;  // dwelling.management_mandate | dwelling.main_lease | transit_complement | fixed
  std::int64_t count = 0;
  std::int64_t rate_cents = 0;
  std::int64_t amount_cents = 0;
};

// A tranche of an accepted request.
struct Tranche {
  std::int64_t id = 0;
  int number = 1;
  int share_percent = 0;
  std::int64_t amount_cents = 0;
  std::chrono::year_month_day due_on{};
  std::string justification;  // "" | "income_mix"
  // The two-thirds statistics the agency sent with it (income_mix), as measured that day.
  std::optional<std::chrono::year_month_day> justified_on;
  std::int64_t leases = 0, at_or_below = 0;
  std::optional<std::chrono::year_month_day> paid_on;  // recorded by the Region
};

// What happened to a request, in order: submitted, question, answer, accepted, rejected.
struct RequestEvent {
  std::string kind;
  std::string comment;
  std::optional<std::int64_t> user_id;
  std::string user_name;  // read along
  std::int64_t at = 0;
};

enum class RequestStatus { submitted, question, accepted, rejected };
std::string_view to_string(RequestStatus s);
std::optional<RequestStatus> request_status_from(std::string_view text);

struct SubsidyRequest {
  std::int64_t id = 0;
  std::int64_t agency_id = 0;
  std::string agency_code;  // read along
  std::int64_t inventory_id = 0;
  std::chrono::year_month_day inventory_date{};  // read along
  int year = 0;                                  // the year subsidised: the inventory's year + 1
  std::chrono::year_month_day rates_from{};
  std::string rates_status;                      // the rates' status when computed
  std::vector<RequestLine> lines;
  std::int64_t total_cents = 0;
  RequestStatus status = RequestStatus::submitted;
  std::vector<RequestEvent> events;  // oldest first
  std::vector<Tranche> tranches;     // accepted only, by number
};

// The request of an inventory, in numbered steps (subsidy_request.cpp):
//   1. the year subsidised is the inventory's year + 1; the rates are those in force on its
//      1 January (none: DomainError(validation) subsidies.no_rates);
//   2. the subsidisable dwellings counted by contract kind, and those among them of the category
//      transit;
//   3. a line per part: count × yearly rate (the fixed part once), in euros and cents, exactly;
//   4. the total, their sum.
SubsidyRequest compute_request(const Inventory& inventory, const SubsidyRates& rates);

// The tranches of an accepted request: each its share of the total, rounded down to the cent,
// the last one taking what the others left (so they add up to the total exactly); due on its
// MM-DD of the request's year (29 February on a common year: 28).
std::vector<Tranche> plan_tranches(std::int64_t total_cents, int year, const SubsidyRates& rates);

class SubsidyRequestRepository {
 public:
  virtual ~SubsidyRequestRepository() = default;
  // The request with its lines and its first event (submitted).
  virtual std::int64_t insert(const SubsidyRequest& r) = 0;
  // With its lines, events and tranches.
  virtual std::optional<SubsidyRequest> find(std::int64_t id) = 0;
  // Without lines, events or tranches; newest year first. agency none: every agency.
  virtual std::vector<SubsidyRequest> list(std::optional<std::int64_t> agency_id) = 0;
  // The agency's request for the year that is not rejected, if any.
  virtual std::optional<std::int64_t> live_request(std::int64_t agency_id, int year) = 0;
  // Moves the request from `from` to `to` with the event; false (nothing written) when it was
  // no longer in `from` (someone else reviewed it first).
  virtual bool change_status(std::int64_t id, RequestStatus from, RequestStatus to, const RequestEvent& e) = 0;
  virtual void insert_tranches(const SubsidyRequest& r, const std::vector<Tranche>& tranches) = 0;
  // Sets the statistics once (false when already justified).
  virtual bool justify_tranche(std::int64_t tranche_id, std::chrono::year_month_day day, std::int64_t leases,
                               std::int64_t at_or_below) = 0;
  // Sets the payment date once (false when already paid).
  virtual bool pay_tranche(std::int64_t tranche_id, std::chrono::year_month_day day) = 0;
};

}  // namespace hms::subsidies
