// Allocating a free dwelling (issue 9.2, contract D "candidates"): the candidates best first with
// their reasons, the agency's weights of its objective priorities, and the decisions taken on
// candidates. Personal data: only the users of the dwelling's agency (applicants_view to read,
// applicants_manage to decide); the region and the federation get 403. Every list of candidates
// shown is an audited read; every decision is audited ("allocation.decide").
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/allocation/candidates.hpp"
#include "domain/leases/lease.hpp"
#include "domain/stock/dwelling.hpp"

namespace hms::app {

struct CandidateList {
  stock::Dwelling dwelling;
  allocation::Priorities priorities;
  bool rule_loaded = false;   // false: no occupancy rule in force today, nobody can fit
  bool rule_verified = false; // false: the shipped illustrative rule
  std::vector<allocation::Candidate> candidates;  // best first
  std::vector<allocation::Standing> standings;    // one per candidate
  std::vector<allocation::Decision> decisions;    // on this dwelling, newest first
};

// The candidates for the dwelling today. DomainError(not_found) "stock.not_found" for a dwelling
// the actor may not see.
CandidateList dwelling_candidates(Store& store, const Context& ctx, std::int64_t dwelling_id);

// The decisions taken on the dwelling, newest first (no ranking: the households are not read).
std::vector<allocation::Decision> dwelling_decisions(Store& store, const Context& ctx, std::int64_t dwelling_id);

// A decision as typed (a form, a JSON body).
struct DecisionFields {
  std::optional<std::string> applicant_id;
  std::optional<std::string> kind;         // proposed | accepted | refused | derogation
  std::optional<std::string> reason;
  std::optional<std::string> approved_by;
};
template <typename Visit>
void for_each_field(DecisionFields& f, Visit&& visit) {
  visit("applicant_id", f.applicant_id);
  visit("kind", f.kind);
  visit("reason", f.reason);
  visit("approved_by", f.approved_by);
}

// Records a decision on a candidate of the dwelling, in numbered steps (the .cpp). Refusals
// (DomainError(validation), every problem at once, nothing written):
//   allocation.unknown_applicant — not one of today's candidates for this dwelling;
//   allocation.invalid_kind; allocation.reason_required (refused, derogation);
//   allocation.approved_by_required (derogation);
//   allocation.out_of_order — proposing while better-placed candidates wait (a derogation then);
//   allocation.not_out_of_order — a derogation for the first waiting candidate;
//   allocation.not_proposed — accepted or refused without a proposal first.
allocation::Decision record_decision(Store& store, const Context& ctx, std::int64_t dwelling_id,
                                     const DecisionFields& f);

// The allocation report of an agency and a year (Housing Code: a yearly report to the board):
// every decision of the year in date order — who was proposed which dwelling at which place,
// who accepted or refused and why, every derogation with its reason and approver — and the
// leases that started that year without an accepted decision recorded. Agency users only;
// an audited read of personal data ("allocation.report").
struct AllocationReport {
  std::string agency_name;
  int year = 0;
  std::vector<allocation::Decision> decisions;  // oldest first
  std::int64_t proposed = 0, accepted = 0, refused = 0, derogations = 0;
  std::int64_t leases_started = 0;
  std::vector<leases::Lease> without_decision;  // leases of the year whose household accepted no proposal of that dwelling
};
AllocationReport allocation_report(Store& store, const Context& ctx, int year);

// The agency's weights (agency users; the agency admin changes them with agency_settings).
allocation::Priorities allocation_priorities(Store& store, const Context& ctx);
struct PriorityFields {
  std::optional<std::string> referral;
  std::optional<std::string> urgent;
  std::optional<std::string> preferred_commune;
};
// Each 0 to 100 (allocation.invalid_weight on its field, every problem at once); audited.
allocation::Priorities save_allocation_priorities(Store& store, const Context& ctx, const PriorityFields& f);

}  // namespace hms::app
