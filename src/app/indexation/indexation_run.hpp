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
#include "common/year_month.hpp"
#include "domain/indexation/indexation.hpp"

namespace hms::app {

enum class IndexationOutcome {
  indexed,         // a new version at the indexed rent
  capped,          // a new version at the cap, below the indexed rent
  unchanged,       // the rules give no rise (no certificate, unregistered, limitation, lower result)
  already_done,    // a version already starts on that anniversary (a run twice changes nothing)
  index_missing,   // the health index needed is not published yet: run again later
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
};

struct IndexationRun {
  std::string agency_code;
  std::string agency_name;
  std::vector<std::string> agency_address;  // the office's lines, for the letters' sender block
  YearMonth month{2026, 1};
  bool dry_run = true;
  std::vector<IndexationLine> lines;     // by dwelling reference
  std::int64_t versions_created = 0;
};

// Needs owners_manage (a dry run: owners_view). A dry run shows owners' names: audited as one
// read, "indexation.preview" (the number of lines, the month as detail). `agency_code`: the actor's own agency for
// agency roles (another code is unknown: validation "indexation.unknown_agency"); required
// for the command line.
IndexationRun run_indexation(Store& store, const Context& ctx, const std::string& agency_code, YearMonth month,
                             bool dry_run);

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
