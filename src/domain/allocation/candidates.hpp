// Who is proposed a free dwelling, in which order and why (contract D, "candidates"; the
// Brussels rules in tenancy-rules.md: each agency keeps a chronological register with published
// objective criteria, a derogation needs a written reason).
//
// A candidate is an `active` applicant of the dwelling's agency whose band may be housed
// (applicants::may_be_housed) and whose household fits the dwelling's bedrooms by the occupancy
// rule in force. Candidates are ordered by priority points (the agency's weights of its
// objective criteria), then registration date, then number. E.g. with a weight of 10 for a
// referral, a household referred by the CPAS registered in 2024 comes before a direct one of
// 2019; with every weight at 0 the register's order alone decides.
//
// A decision on a dwelling is recorded for a candidate: proposed, accepted, refused (with a
// reason), or a derogation — proposing someone while a better-placed candidate is still
// waiting, with a written reason and the name of who approved it.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/allocation/occupancy.hpp"
#include "domain/applicants/applicant.hpp"

namespace hms::allocation {

// The objective priorities an agency weighs (its settings), 0 to 100 points each.
struct Priorities {
  int referral = 0;           // referred by a partner social service
  int urgent = 0;             // an urgency the agency recognised
  int preferred_commune = 0;  // the dwelling is in one of the household's preferred communes
};
inline constexpr int kMaxPriorityWeight = 100;

// A reason in words once translated: a catalog key ("allocation.reasons.registered") and its
// parameters ({"date", "2021-03-12"}, {"number", "154"}); dates as ISO text, for the reader's format.
struct Reason {
  std::string key;
  std::vector<std::pair<std::string, std::string>> params;
};

// What the ranking needs of the dwelling.
struct FreeDwelling {
  std::int64_t id = 0;
  int bedrooms = 0;
  std::string postcode;
};

struct Candidate {
  applicants::Applicant applicant;  // without national numbers
  int points = 0;
  std::optional<OccupancyRule> rule;  // the occupancy row the household was measured by
  std::vector<Reason> reasons;
};

// The range of household sizes that fit `bedrooms` by the rows in force (to narrow the query):
// {first, last}, last none when the "and more" row fits; none when no size fits.
std::optional<std::pair<int, std::optional<int>>> sizes_fitting(const std::vector<OccupancyRule>& in_force,
                                                                 int bedrooms);

// The candidates among `pool`, best first, each with its reasons (numbered steps in the .cpp).
std::vector<Candidate> rank_candidates(std::vector<applicants::Applicant> pool, const FreeDwelling& dwelling,
                                       const OccupancyTable& table, std::chrono::year_month_day day,
                                       const Priorities& priorities);

enum class DecisionKind { proposed, accepted, refused, derogation };
std::string_view to_string(DecisionKind k);  // "proposed" | …
std::optional<DecisionKind> parse_decision_kind(std::string_view s);

struct Decision {
  std::int64_t id = 0;
  std::int64_t agency_id = 0;
  std::int64_t dwelling_id = 0;
  std::string dwelling_reference;  // read along
  std::int64_t applicant_id = 0;
  std::int64_t applicant_number = 0;  // read along
  std::string household_name;         // read along
  DecisionKind kind = DecisionKind::proposed;
  int place = 0;                   // the candidate's place in the order when decided (1 = first)
  std::string reason;              // required for refused and derogation
  std::string approved_by;         // required for a derogation: who approved it
  std::chrono::year_month_day decided_on{};
  std::optional<std::int64_t> user_id;
  std::string user_name;           // read along
  std::int64_t recorded_at = 0;
};

// Where each candidate stands with the dwelling, from its decisions: the last decision taken on
// that household (none: not yet) and how many candidates placed before it are still waiting
// (not refused this dwelling). Proposing a household with someone waiting before it is a
// derogation; a derogation with nobody waiting is not one.
struct Standing {
  std::optional<DecisionKind> last;
  int waiting_before = 0;
  bool proposed() const { return last == DecisionKind::proposed || last == DecisionKind::derogation; }
};
// One per candidate, in the same order; `decisions` are the dwelling's, in any order of recorded_at.
std::vector<Standing> standings(const std::vector<Candidate>& candidates, std::vector<Decision> decisions);

class AllocationRepository {
 public:
  virtual ~AllocationRepository() = default;
  // The agency's weights; all 0 when never set.
  virtual Priorities priorities(std::int64_t agency_id) = 0;
  virtual void save_priorities(std::int64_t agency_id, const Priorities& p, std::int64_t now) = 0;
  virtual std::int64_t insert_decision(const Decision& d) = 0;
  virtual std::vector<Decision> decisions_of_dwelling(std::int64_t dwelling_id) = 0;  // newest first
  virtual std::vector<Decision> decisions_of_applicant(std::int64_t applicant_id) = 0;  // newest first
  // The agency's decisions of a year (by decided_on), oldest first: the allocation report.
  virtual std::vector<Decision> decisions_of_year(std::int64_t agency_id, int year) = 0;
};

}  // namespace hms::allocation
