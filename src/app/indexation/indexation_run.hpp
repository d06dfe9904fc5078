// The yearly indexation of owner rents (issue 4 part 5): for one agency and one month, every
// owner contract whose anniversary of entry into force falls in that month gets its new rent
// by the Brussels rules (domain/indexation), capped by the owner-rent cap in force on the
// anniversary, as a new dated rent version ("indexation"); a dry run changes nothing.
// E.g. March 2027: IX-0042, 745.50 since 2026-03-01 → 760.41 from 2027-03-01 (index 2025-02 →
// 2027-02), within the cap of 816.00.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "common/rate.hpp"
#include "common/year_month.hpp"
#include "domain/indexation/indexation.hpp"

namespace hms::app {

enum class IndexationOutcome {
  indexed,         // a new version at the indexed rent
  capped,          // a new version at the cap, below the indexed rent
  unchanged,       // the rules give no rise (no certificate, unregistered, limitation, lower result)
  already_done,    // a version already starts on that anniversary (a run twice changes nothing)
  index_missing,   // the health index needed is not published yet: run again later
  left_out,        // would change, but the user left it out of this run, with a reason (no version)
};
std::string_view to_string(IndexationOutcome o);

struct IndexationLine {
  owners::OwnerContract contract;
  stock::Dwelling dwelling;
  owners::Owner owner;
  std::chrono::year_month_day anniversary{};
  Money base_rent;                       // the rent the formula starts from
  Money current_rent;                    // in force the day before the anniversary
  std::optional<indexation::Result> result;  // none when the index is missing
  std::optional<Money> cap;              // owner-rent cap on the anniversary; none: no table covers it
  Money new_rent;                        // what the owner is paid from the anniversary
  IndexationOutcome outcome = IndexationOutcome::unchanged;
  std::string problem;                   // index_missing: the error code (with its params below)
  std::map<std::string, std::string> problem_params;
  // The rise, new rent over current rent, in basis points (+1.50 % → 150); none when the rent
  // does not change (or the current rent is zero).
  std::optional<Rate> increase = std::nullopt;
  bool above_threshold = false;          // the rise exceeds the agency's alert threshold: check it
  std::string left_out_reason;           // left_out: why, as the user typed it
};

struct IndexationRun {
  std::string agency_code;
  std::string agency_name;
  std::vector<std::string> agency_address;  // the office's lines, for the letters' sender block
  YearMonth month{2026, 1};
  bool dry_run = true;
  std::vector<IndexationLine> lines;     // by dwelling reference
  std::int64_t versions_created = 0;
  std::optional<YearMonth> last_index = std::nullopt;  // the latest month whose health index is known; none: empty table
  int months_back = 0;                   // today's month minus `month` (August seen in December: 4)
  bool retroactive = false;              // months_back > kRetroactiveMonths: the warning applies
  Rate alert_threshold = Rate::from_basis_points(1000);  // the agency's alert threshold on a rise (default 10 %)
};

// Indexation is not automatic: the landlord asks for it in writing, and it can be claimed at
// most 3 months retroactively (reference/finance-formats.md §6.1, a secondary source [S]). A
// month further back than this is applied only once the user confirmed it, knowing the owner
// may not claim the whole difference.
inline constexpr int kRetroactiveMonths = 3;

// Above this rise a line is flagged for a second look, unless the agency chose another figure
// (agencies::AgencySettings::indexation_alert): 10 %.
inline constexpr Rate kDefaultIndexationAlert = Rate::from_basis_points(1000);

// What the user chose on the check-your-answers step.
inline constexpr std::size_t kLeftOutReasonMaxBytes = 300;
struct IndexationChoices {
  // Lines left out of the run: contract id → reason (required, at most kLeftOutReasonMaxBytes).
  // A left-out contract gets no version; each is audited "indexation.left_out" with its reason.
  // An id that is not a line changing its rent this month is ignored.
  std::map<std::int64_t, std::string> left_out;
  // The user saw the warning on a month more than kRetroactiveMonths back and confirmed it.
  bool retroactive_confirmed = false;
};

// The month /indexation opens on: the next month (runs are prepared ahead of the anniversaries)
// unless its index is not published yet, then the latest month that can be calculated — the
// one after the latest known index (index of June 2026 known: July 2026).
YearMonth default_indexation_month(Store& store, const Context& ctx);

// Needs owners_manage (a dry run: owners_view). A dry run shows owners' names: audited as one
// read, "indexation.preview" (the number of lines, the month as detail). `agency_code`: the actor's own agency for
// agency roles (another code is unknown: validation "indexation.unknown_agency"); required
// for the command line.
// Storing (not a dry run) refuses, as DomainError(validation), every problem at once: a month more
// than kRetroactiveMonths back not confirmed ("indexation.retroactive_not_confirmed", field
// "retroactive_confirmed"), a line left out without a reason ("indexation.left_out_reason_missing",
// field "reason_<contract id>", param dwelling) or with one too long ("indexation.left_out_reason_too_long").
IndexationRun run_indexation(Store& store, const Context& ctx, const std::string& agency_code, YearMonth month,
                             bool dry_run, const IndexationChoices& choices = {});

// What a past run's lines are read for, each audited as one read of personal data
// (app/audit/personal_reads.hpp): the page of the run's results ("indexation.results", the
// number of lines) or the letters ("indexation.letters", the number of owners written to);
// the letters to every owner of a month are one of the user's exports (users::kExportsPerUser).
enum class IndexationRead { results, letters };

// The lines of a past run, as stored: the contracts with an "indexation" version starting in
// `month`, for the letters (one owner, or every owner when owner_id is none).
IndexationRun indexation_done(Store& store, const Context& ctx, const std::string& agency_code, YearMonth month,
                              std::optional<std::int64_t> owner_id, IndexationRead purpose = IndexationRead::results);

// The dashboard's to-do for the actor's agency (owners_view): how many owner rents a run of
// `month` would change now (indexed or capped, not yet stored), and how many wait for the
// health index. Counts only: nothing personal is shown, nothing is audited.
struct IndexationsDue {
  YearMonth month{2026, 1};
  std::int64_t to_apply = 0;
  std::int64_t waiting_for_index = 0;
};
IndexationsDue indexations_due(Store& store, const Context& ctx, YearMonth month);

}  // namespace hms::app
