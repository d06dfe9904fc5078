#include "domain/allocation/candidates.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "common/date.hpp"

namespace hms::allocation {
namespace {

bool fits(const OccupancyRule& r, int bedrooms) { return r.min_bedrooms <= bedrooms && bedrooms <= r.max_bedrooms; }

}  // namespace

std::optional<std::pair<int, std::optional<int>>> sizes_fitting(const std::vector<OccupancyRule>& in_force,
                                                                 int bedrooms) {
  std::optional<int> first;
  std::optional<int> last;
  bool open_ended = false;
  for (const auto& r : in_force) {
    if (!fits(r, bedrooms)) continue;
    if (!first) first = r.persons;
    last = r.persons;
    open_ended = r.and_more;
  }
  if (!first) return std::nullopt;
  return std::pair(*first, open_ended ? std::nullopt : last);
}

std::vector<Candidate> rank_candidates(std::vector<applicants::Applicant> pool, const FreeDwelling& dwelling,
                                       const OccupancyTable& table, std::chrono::year_month_day day,
                                       const Priorities& priorities) {
  std::vector<Candidate> out;
  const auto rows = table.in_force(day);
  for (auto& a : pool) {
    // 1. Only an active household whose band may be housed (eligible, moderate, or middle and
    //    over-indebted).
    if (a.status != applicants::Status::active || !applicants::may_be_housed(a.band, a.over_indebted)) continue;
    // 2. The household fits the dwelling's bedrooms by the occupancy row of its size in force.
    auto rule = rule_among(rows, a.household_size());
    if (!rule || !fits(*rule, dwelling.bedrooms)) continue;
    Candidate c{std::move(a), 0, rule, {}};
    const auto& ap = c.applicant;
    // 3. Its reasons: the register, the fit, the band…
    c.reasons.push_back({"allocation.reasons.registered",
                         {{"date", to_iso(ap.registered_on)}, {"number", std::to_string(ap.number)}}});
    c.reasons.push_back({"allocation.reasons.fits",
                         {{"persons", std::to_string(ap.household_size())},
                          {"min", std::to_string(rule->min_bedrooms)},
                          {"max", std::to_string(rule->max_bedrooms)},
                          {"bedrooms", std::to_string(dwelling.bedrooms)}}});
    c.reasons.push_back({std::string("allocation.reasons.band_") +
                             (ap.band == applicants::Band::middle ? "middle_over_indebted"
                                                                  : std::string(applicants::to_string(*ap.band))),
                         {}});
    // 4. … and each objective priority it meets, with the agency's weight (a weight of 0 is no
    //    priority: not shown).
    auto priority = [&](bool met, int weight, const char* key) {
      if (!met || weight <= 0) return;
      c.points += weight;
      c.reasons.push_back({key, {{"points", std::to_string(weight)}}});
    };
    priority(ap.referral.has_value(), priorities.referral, "allocation.reasons.priority_referral");
    priority(ap.urgent, priorities.urgent, "allocation.reasons.priority_urgent");
    priority(std::ranges::find(ap.preferred_postcodes, dwelling.postcode) != ap.preferred_postcodes.end(),
             priorities.preferred_commune, "allocation.reasons.priority_preferred_commune");
    out.push_back(std::move(c));
  }
  // 5. Best first: more points, then registered earlier, then the lower number.
  std::ranges::stable_sort(out, [](const Candidate& x, const Candidate& y) {
    return std::tuple(-x.points, x.applicant.registered_on, x.applicant.number) <
           std::tuple(-y.points, y.applicant.registered_on, y.applicant.number);
  });
  // 6. Where each stands, in words: the first, or behind whom and why.
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto& c = out[i];
    if (i == 0) {
      c.reasons.insert(c.reasons.begin(), {"allocation.reasons.first", {}});
      continue;
    }
    const auto& ahead = out[i - 1];
    const char* key = ahead.points > c.points                                 ? "allocation.reasons.behind_points"
                      : ahead.applicant.registered_on < c.applicant.registered_on ? "allocation.reasons.behind_registered"
                                                                                    : "allocation.reasons.behind_number";
    c.reasons.insert(c.reasons.begin(), {key, {{"number", std::to_string(ahead.applicant.number)}}});
  }
  return out;
}

std::vector<Standing> standings(const std::vector<Candidate>& candidates, std::vector<Decision> decisions) {
  std::ranges::sort(decisions, [](const Decision& a, const Decision& b) {
    return std::tie(a.recorded_at, a.id) < std::tie(b.recorded_at, b.id);
  });
  std::map<std::int64_t, DecisionKind> last;  // per applicant: the latest decision wins
  for (const auto& d : decisions) last[d.applicant_id] = d.kind;
  std::vector<Standing> out;
  int waiting = 0;
  for (const auto& c : candidates) {
    Standing st;
    if (auto it = last.find(c.applicant.id); it != last.end()) st.last = it->second;
    st.waiting_before = waiting;
    if (st.last != DecisionKind::refused) ++waiting;
    out.push_back(st);
  }
  return out;
}

std::string_view to_string(DecisionKind k) {
  switch (k) {
    case DecisionKind::proposed: return "proposed";
    case DecisionKind::accepted: return "accepted";
    case DecisionKind::refused: return "refused";
    case DecisionKind::derogation: return "derogation";
  }
  return "";
}

std::optional<DecisionKind> parse_decision_kind(std::string_view s) {
  for (auto k : {DecisionKind::proposed, DecisionKind::accepted, DecisionKind::refused, DecisionKind::derogation})
    if (to_string(k) == s) return k;
  return std::nullopt;
}

}  // namespace hms::allocation
