#include "app/allocation/allocation.hpp"

#include <algorithm>
#include <set>

#include "app/audit/personal_reads.hpp"
#include "app/fields/fields.hpp"
#include "app/stock/dwellings.hpp"
#include "app/visible.hpp"
#include "common/text.hpp"

namespace hms::app {

using users::Permission;
namespace al = allocation;

namespace {

constexpr std::size_t kMaxReason = 1000;
constexpr std::size_t kMaxApprover = 200;

DomainError problem(const std::string& code, const std::string& field) {
  return std::move(DomainError(ErrorKind::validation, code).field(field));
}

// The candidates of a dwelling today, read in `uow` (the dwelling already visible).
std::vector<al::Candidate> candidates_of(UnitOfWork& uow, const Context& ctx, const stock::Dwelling& d,
                                         const al::OccupancyTable& table, const al::Priorities& priorities) {
  const auto today = ctx.clock.today();
  auto sizes = al::sizes_fitting(table.in_force(today), d.bedrooms);
  if (!sizes) return {};
  applicants::ApplicantFilter f;
  f.agency_id = d.agency_id;
  f.status = applicants::Status::active;
  f.may_be_housed = true;
  f.household_from = sizes->first;
  f.household_to = sizes->second;
  auto pool = uow.applicants().list(f, 100'000, 0);
  return al::rank_candidates(std::move(pool), {d.id, d.bedrooms, d.commune.postcode}, table, today, priorities);
}

}  // namespace

CandidateList dwelling_candidates(Store& store, const Context& ctx, std::int64_t dwelling_id) {
  auto uow = store.write();  // the read of the households is audited in the same transaction
  CandidateList out;
  out.dwelling = visible<stock::Dwelling>(*uow, ctx, dwelling_id);
  ctx.require(Permission::applicants_view);
  const auto table = uow->rules().occupancy();
  const auto in_force = table.in_force(ctx.clock.today());
  out.rule_loaded = !in_force.empty();
  out.rule_verified = out.rule_loaded && std::ranges::all_of(in_force, [](const auto& r) { return r.status == "verified"; });
  out.priorities = uow->allocation().priorities(out.dwelling.agency_id);
  out.candidates = candidates_of(*uow, ctx, out.dwelling, table, out.priorities);
  out.decisions = uow->allocation().decisions_of_dwelling(dwelling_id);
  out.standings = al::standings(out.candidates, out.decisions);
  PersonalRead read{"allocation.candidates", "applicants", static_cast<std::int64_t>(out.candidates.size()),
                    out.dwelling.agency_id, ReadFilters().value("dwelling_id", std::to_string(dwelling_id)).str()};
  record_read(*uow, ctx, read);
  uow->commit();
  return out;
}

std::vector<al::Decision> dwelling_decisions(Store& store, const Context& ctx, std::int64_t dwelling_id) {
  auto uow = store.read();
  visible<stock::Dwelling>(*uow, ctx, dwelling_id);
  ctx.require(Permission::applicants_view);
  return uow->allocation().decisions_of_dwelling(dwelling_id);
}

al::Decision record_decision(Store& store, const Context& ctx, std::int64_t dwelling_id, const DecisionFields& f) {
  auto uow = store.write();
  const auto dwelling = visible<stock::Dwelling>(*uow, ctx, dwelling_id);
  ctx.require(Permission::applicants_manage);
  // 1. The fields: what was decided, why, who approved a derogation.
  Problems problems;
  al::Decision d;
  d.agency_id = dwelling.agency_id;
  d.dwelling_id = dwelling.id;
  d.decided_on = ctx.clock.today();
  d.user_id = ctx.user ? std::optional(ctx.user->id) : std::nullopt;
  d.recorded_at = ctx.clock.now_seconds();
  const auto kind = al::parse_decision_kind(trim(f.kind.value_or("")));
  if (!kind) problems.add(problem("allocation.invalid_kind", "kind"));
  d.kind = kind.value_or(al::DecisionKind::proposed);
  d.reason = std::string(trim(f.reason.value_or("")));
  d.approved_by = std::string(trim(f.approved_by.value_or("")));
  const bool needs_reason = d.kind == al::DecisionKind::refused || d.kind == al::DecisionKind::derogation;
  if (d.reason.size() > kMaxReason || d.approved_by.size() > kMaxApprover)
    problems.add(problem("allocation.text_too_long", d.reason.size() > kMaxReason ? "reason" : "approved_by"));
  if (kind && needs_reason && d.reason.empty()) problems.add(problem("allocation.reason_required", "reason"));
  if (kind && d.kind == al::DecisionKind::derogation && d.approved_by.empty())
    problems.add(problem("allocation.approved_by_required", "approved_by"));

  // 2. The household is one of today's candidates for this dwelling, at its place in the order.
  const auto candidates = candidates_of(*uow, ctx, dwelling, uow->rules().occupancy(),
                                        uow->allocation().priorities(dwelling.agency_id));
  const auto id = fields::id_or_none(f.applicant_id);
  auto it = std::ranges::find_if(candidates, [&](const auto& c) { return id && c.applicant.id == *id; });
  if (it == candidates.end()) {
    problems.add(problem("allocation.unknown_applicant", "applicant_id"));
    problems.throw_if_any();
  }
  d.applicant_id = it->applicant.id;
  d.place = static_cast<int>(it - candidates.begin()) + 1;

  // 3. The order: proposing past a candidate still waiting (not refused this dwelling) is a
  //    derogation; a derogation needs someone to pass.
  const auto standing = al::standings(candidates, uow->allocation().decisions_of_dwelling(dwelling_id))[d.place - 1];
  if (kind && d.kind == al::DecisionKind::proposed && standing.waiting_before > 0)
    problems.add(std::move(problem("allocation.out_of_order", "kind").param("waiting", std::to_string(standing.waiting_before))));
  if (kind && d.kind == al::DecisionKind::derogation && standing.waiting_before == 0)
    problems.add(problem("allocation.not_out_of_order", "kind"));

  // 4. An answer (accepted, refused) follows a proposal to that household.
  if (kind && (d.kind == al::DecisionKind::accepted || d.kind == al::DecisionKind::refused) && !standing.proposed())
    problems.add(problem("allocation.not_proposed", "kind"));
  problems.throw_if_any();

  // 5. Written and audited (the kind and the place; the reason is in the decision, not the log).
  d.id = uow->allocation().insert_decision(d);
  record(*uow, ctx, "allocation.decide", "dwellings", std::to_string(dwelling_id), dwelling.agency_id,
         "kind=" + std::string(al::to_string(d.kind)) + ",place=" + std::to_string(d.place));
  uow->commit();
  return d;
}

AllocationReport allocation_report(Store& store, const Context& ctx, int year) {
  ctx.require(Permission::applicants_view);
  const auto agency = ctx.scope().agency_id;
  if (!agency) throw DomainError(ErrorKind::forbidden, "common.forbidden");
  auto uow = store.write();  // the read is audited in the same transaction
  AllocationReport r;
  r.year = year;
  if (auto a = uow->agencies().find_by_id(*agency)) r.agency_name = a->name;
  r.decisions = uow->allocation().decisions_of_year(*agency, year);
  std::set<std::pair<std::int64_t, std::int64_t>> accepted;  // (dwelling, applicant)
  for (const auto& d : r.decisions) {
    switch (d.kind) {
      case al::DecisionKind::proposed: ++r.proposed; break;
      case al::DecisionKind::accepted: ++r.accepted; accepted.insert({d.dwelling_id, d.applicant_id}); break;
      case al::DecisionKind::refused: ++r.refused; break;
      case al::DecisionKind::derogation: ++r.derogations; break;
    }
  }
  leases::LeaseFilter f;
  f.agency_id = *agency;
  f.start_year = year;
  for (auto& l : uow->leases().list(f, 100'000, 0)) {
    ++r.leases_started;
    if (!accepted.contains({l.dwelling_id, l.applicant_id})) r.without_decision.push_back(std::move(l));
  }
  record_read(*uow, ctx, {"allocation.report", "applicants",
                          static_cast<std::int64_t>(r.decisions.size() + r.without_decision.size()), *agency,
                          ReadFilters().value("year", std::to_string(year)).str()});
  uow->commit();
  return r;
}

al::Priorities allocation_priorities(Store& store, const Context& ctx) {
  ctx.require(Permission::applicants_view);
  auto uow = store.read();
  return uow->allocation().priorities(ctx.scope().agency_id.value_or(0));
}

al::Priorities save_allocation_priorities(Store& store, const Context& ctx, const PriorityFields& f) {
  ctx.require(Permission::agency_settings_manage);
  const auto agency = ctx.scope().agency_id;
  if (!agency) throw DomainError(ErrorKind::forbidden, "common.forbidden");
  Problems problems;
  auto weight = [&](const std::optional<std::string>& text, const char* field) {
    return fields::optional_field(text, field, problems, fields::parse_int, 0, al::kMaxPriorityWeight,
                                  "allocation.invalid_weight")
        .value_or(0);
  };
  al::Priorities p;
  p.referral = static_cast<int>(weight(f.referral, "referral"));
  p.urgent = static_cast<int>(weight(f.urgent, "urgent"));
  p.preferred_commune = static_cast<int>(weight(f.preferred_commune, "preferred_commune"));
  problems.throw_if_any();
  auto uow = store.write();
  uow->allocation().save_priorities(*agency, p, ctx.clock.now_seconds());
  record(*uow, ctx, "allocation.priorities", "agencies", std::to_string(*agency), *agency);
  uow->commit();
  return p;
}

}  // namespace hms::app
