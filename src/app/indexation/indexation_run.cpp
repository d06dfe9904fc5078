#include "app/indexation/indexation_run.hpp"

#include <algorithm>
#include <set>

#include "app/agencies/agency_admin.hpp"
#include "app/audit/personal_reads.hpp"
#include "app/rules/rules_admin.hpp"
#include "common/date.hpp"
#include "common/text.hpp"
#include "domain/rules/rent_caps.hpp"

namespace hms::app {

using std::chrono::year_month_day;
using users::Permission;

std::string_view to_string(IndexationOutcome o) {
  switch (o) {
    case IndexationOutcome::indexed: return "indexed";
    case IndexationOutcome::capped: return "capped";
    case IndexationOutcome::unchanged: return "unchanged";
    case IndexationOutcome::already_done: return "already_done";
    case IndexationOutcome::index_missing: return "index_missing";
    case IndexationOutcome::left_out: return "left_out";
  }
  return "unchanged";
}

namespace {

// The anniversary of entry into force falling in `month`, if the contract is in force then.
std::optional<year_month_day> anniversary_in(const owners::OwnerContract& k, YearMonth month) {
  const int n = month.year() - static_cast<int>(k.start.year());
  if (n < 1 || static_cast<unsigned>(k.start.month()) != static_cast<unsigned>(month.month())) return std::nullopt;
  auto a = indexation::anniversary(k.start, n);
  if (k.end && *k.end < a) return std::nullopt;
  return a;
}

// The version in force on a day (the latest starting on or before it).
const owners::RentVersion* version_on(const owners::OwnerContract& k, year_month_day day) {
  const owners::RentVersion* found = nullptr;
  for (const auto& v : k.rent_history)
    if (v.valid_from <= day) found = &v;
  return found;
}

// Computes one contract's line:
//   1. base: the latest version that is not an indexation (the lease's rent, or a renegotiated
//      one, which then starts its own index history from the month before it took effect);
//   2. the formula of domain/indexation on the anniversary, with the dwelling's energy class;
//   3. the cap in force on the anniversary bounds the result; a rent never goes down here.
IndexationLine compute(const indexation::HealthIndex& index, const rules::RentCapTable& caps,
                       owners::OwnerContract k, stock::Dwelling d, owners::Owner o, year_month_day when) {
  IndexationLine line;
  line.contract = std::move(k);
  line.dwelling = std::move(d);
  line.owner = std::move(o);
  line.anniversary = when;
  const auto& c = line.contract;
  const owners::RentVersion* current = version_on(c, add_days(when, -1));
  line.current_rent = current ? current->amount : c.owner_rent;
  line.new_rent = line.current_rent;
  for (const auto& v : c.rent_history)
    if (v.valid_from == when) {
      line.outcome = IndexationOutcome::already_done;
      line.new_rent = v.amount;
      return line;
    }
  // 1.
  const owners::RentVersion* base = nullptr;
  for (const auto& v : c.rent_history)
    if (v.reason != "indexation" && v.valid_from < when) base = &v;
  line.base_rent = base ? base->amount : c.owner_rent;
  const bool renegotiated = base && base->reason == "change";
  // 2.
  indexation::Request q;
  q.base_rent = line.base_rent;
  q.start = c.start;
  q.signed_on = renegotiated ? base->valid_from : c.signed_on.value_or(c.start);
  q.on = when;
  q.registered = c.registered;
  q.certificate = line.dwelling.peb_class.has_value();
  q.peb = line.dwelling.peb_class;
  try {
    line.result = indexation::index_rent(index, q);
  } catch (const DomainError& e) {
    if (e.code() != "indexation.index_unknown") throw;
    line.outcome = IndexationOutcome::index_missing;
    line.problem = e.code();
    line.problem_params = e.params();
    return line;
  }
  // 3.
  Money indexed = line.result->rent;
  if (auto cap = caps.cap_for(when, line.dwelling.type, line.dwelling.bedrooms)) line.cap = cap->amount;
  if (line.cap && indexed > *line.cap) {
    line.new_rent = std::max(*line.cap, line.current_rent);
    line.outcome = line.new_rent > line.current_rent ? IndexationOutcome::capped : IndexationOutcome::unchanged;
  } else if (indexed > line.current_rent) {
    line.new_rent = indexed;
    line.outcome = IndexationOutcome::indexed;
  } else {
    line.outcome = IndexationOutcome::unchanged;
  }
  return line;
}

bool changes(const IndexationLine& l) {
  return l.outcome == IndexationOutcome::indexed || l.outcome == IndexationOutcome::capped;
}

// The rise of a changing line against the agency's threshold: (new − current) / current in
// basis points, rounded half up; flagged when strictly above the threshold.
void flag_rise(IndexationLine& l, Rate threshold) {
  if (!changes(l) || l.current_rent <= Money::zero()) return;
  const Money rise = l.new_rent - l.current_rent;
  const auto bp = multiply(rise, 10'000, l.current_rent.cents(), Rounding::half_up).cents();
  l.increase = Rate::from_basis_points(bp);
  l.above_threshold = bp > threshold.basis_points();
}

// What a run is told about its month: the latest known index, how far back it is, the threshold.
void describe(IndexationRun& run, const indexation::HealthIndex& index, const Context& ctx,
              const agencies::AgencySettings& settings) {
  run.last_index = index.last();
  run.months_back = months_between(run.month, YearMonth::of(ctx.clock.today()));
  run.retroactive = run.months_back > kRetroactiveMonths;
  run.alert_threshold = settings.indexation_alert.value_or(kDefaultIndexationAlert);
}

// The user's choices on a run about to be stored, every problem at once (see run_indexation):
// a month too far back not confirmed; a left-out line without a reason, or with one too long.
void check_choices(const IndexationRun& run, const IndexationChoices& choices) {
  Problems problems;
  const bool stores_any = std::any_of(run.lines.begin(), run.lines.end(), changes);
  if (run.retroactive && stores_any && !choices.retroactive_confirmed)
    problems.add(DomainError(ErrorKind::validation, "indexation.retroactive_not_confirmed")
                     .field("retroactive_confirmed")
                     .param("retroactive_confirmed.months", std::to_string(run.months_back)));
  for (const auto& line : run.lines) {
    if (line.outcome != IndexationOutcome::left_out) continue;
    const std::string field = "reason_" + std::to_string(line.contract.id);
    const char* code = line.left_out_reason.empty()                          ? "indexation.left_out_reason_missing"
                       : line.left_out_reason.size() > kLeftOutReasonMaxBytes ? "indexation.left_out_reason_too_long"
                                                                              : nullptr;
    if (code)
      problems.add(DomainError(ErrorKind::validation, code).field(field).param(field + ".dwelling", line.dwelling.reference));
  }
  problems.throw_if_any();
}

}  // namespace

YearMonth default_indexation_month(Store& store, const Context& ctx) {
  ctx.require(Permission::owners_view);
  const auto next = YearMonth::of(ctx.clock.today()).next();
  const auto last = health_index_in_force(store).last();
  if (!last || last->next() >= next) return next;
  return last->next();
}

IndexationRun run_indexation(Store& store, const Context& ctx, const std::string& agency_code, YearMonth month,
                             bool dry_run, const IndexationChoices& choices) {
  ctx.require(dry_run ? Permission::owners_view : Permission::owners_manage);
  const auto index = health_index_in_force(store);
  auto uow = store.write();  // a dry run is audited as a read of the owners it shows
  const auto agency = agency_in_scope(*uow, ctx, agency_code, "indexation.unknown_agency");
  const auto caps = uow->rules().rent_caps(rules::CapKind::owner_rent);
  IndexationRun run;
  run.agency_code = agency.code;
  run.agency_name = agency.name;
  run.agency_address = agency_address_lines(*uow, agency);
  run.month = month;
  run.dry_run = dry_run;
  describe(run, index, ctx, uow->agencies().settings(agency.id));

  owners::ContractFilter filter;
  filter.agency_id = agency.id;
  for (const auto& summary : uow->owner_contracts().list(filter, 1'000'000, 0)) {
    auto when = anniversary_in(summary, month);
    if (!when) continue;
    auto k = uow->owner_contracts().find_by_id(summary.id);
    auto d = uow->dwellings().find_by_id(k->dwelling_id);
    auto o = uow->owners().find_by_id(k->owner_id);
    auto line = compute(index, caps, std::move(*k), std::move(*d), std::move(*o), *when);
    flag_rise(line, run.alert_threshold);
    if (auto left = choices.left_out.find(line.contract.id); left != choices.left_out.end() && changes(line)) {
      line.outcome = IndexationOutcome::left_out;
      line.left_out_reason = std::string(trim(left->second));
      line.new_rent = line.current_rent;
    }
    run.lines.push_back(std::move(line));
  }
  if (dry_run) {
    record_read(*uow, ctx, {"indexation.preview", "owner_contracts", static_cast<std::int64_t>(run.lines.size()),
                            agency.id, ReadFilters().value("month", month.to_string()).str()});
    uow->commit();
    return run;
  }

  check_choices(run, choices);
  const auto now = ctx.clock.now_seconds();
  for (const auto& line : run.lines) {
    if (line.outcome == IndexationOutcome::left_out)  // no version: the reason is what remains
      record(*uow, ctx, "indexation.left_out", "owner_contracts", std::to_string(line.contract.id), agency.id,
             line.left_out_reason);
    if (!changes(line)) continue;
    uow->owner_contracts().add_rent_version(line.contract.id,
                                            {line.anniversary, line.new_rent, "indexation", line.cap, now});
    record(*uow, ctx, "indexation.rent", "owner_contracts", std::to_string(line.contract.id), agency.id);
    ++run.versions_created;
  }
  record(*uow, ctx, "indexation.run", "agencies", agency.code + " " + month.to_string(), agency.id);
  uow->commit();
  return run;
}

IndexationRun indexation_done(Store& store, const Context& ctx, const std::string& agency_code, YearMonth month,
                              std::optional<std::int64_t> owner_id, IndexationRead purpose) {
  ctx.require(Permission::owners_view);
  const auto index = health_index_in_force(store);
  auto uow = store.write();  // audited as a read of the owners it shows
  const auto agency = agency_in_scope(*uow, ctx, agency_code, "indexation.unknown_agency");
  const bool letters = purpose == IndexationRead::letters;
  PersonalRead read{letters ? "indexation.letters" : "indexation.results", "owner_contracts", 0, agency.id,
                    ReadFilters()
                        .value("month", month.to_string())
                        .value("owner_id", owner_id ? std::to_string(*owner_id) : "")
                        .str()};
  if (letters && !owner_id) count_export(*uow, ctx, read);  // every owner's letter: a file of many
  const auto caps = uow->rules().rent_caps(rules::CapKind::owner_rent);
  IndexationRun run;
  run.agency_code = agency.code;
  run.agency_name = agency.name;
  run.agency_address = agency_address_lines(*uow, agency);
  run.month = month;
  run.dry_run = false;
  describe(run, index, ctx, uow->agencies().settings(agency.id));
  owners::ContractFilter filter;
  filter.agency_id = agency.id;
  filter.owner_id = owner_id;
  for (const auto& summary : uow->owner_contracts().list(filter, 1'000'000, 0)) {
    auto when = anniversary_in(summary, month);
    if (!when) continue;
    auto k = uow->owner_contracts().find_by_id(summary.id);
    auto done = std::find_if(k->rent_history.begin(), k->rent_history.end(), [&](const owners::RentVersion& v) {
      return v.valid_from == *when && v.reason == "indexation";
    });
    if (done == k->rent_history.end()) continue;
    // Recompute the explanation as it was: the history without the indexation version itself.
    auto without = *k;
    without.rent_history.erase(without.rent_history.begin() + (done - k->rent_history.begin()));
    auto d = uow->dwellings().find_by_id(k->dwelling_id);
    auto o = uow->owners().find_by_id(k->owner_id);
    auto line = compute(index, caps, std::move(without), std::move(*d), std::move(*o), *when);
    line.contract = *k;
    line.new_rent = done->amount;
    line.cap = done->cap;
    flag_rise(line, run.alert_threshold);
    run.lines.push_back(std::move(line));
    ++run.versions_created;
  }
  if (letters) {
    std::set<std::int64_t> owners;
    for (const auto& l : run.lines)  // those written to (web/letters: owners_to_write_to)
      if (l.outcome == IndexationOutcome::indexed || l.outcome == IndexationOutcome::capped) owners.insert(l.owner.id);
    read.rows = static_cast<std::int64_t>(owners.size());
  } else {
    read.rows = static_cast<std::int64_t>(run.lines.size());
  }
  record_read(*uow, ctx, read);
  uow->commit();
  return run;
}

IndexationsDue indexations_due(Store& store, const Context& ctx, YearMonth month) {
  ctx.require(Permission::owners_view);
  const auto index = health_index_in_force(store);
  auto uow = store.read();
  const auto agency = agency_in_scope(*uow, ctx, "", "indexation.unknown_agency");
  const auto caps = uow->rules().rent_caps(rules::CapKind::owner_rent);
  IndexationsDue due{month, 0, 0};
  owners::ContractFilter filter;
  filter.agency_id = agency.id;
  for (const auto& summary : uow->owner_contracts().list(filter, 1'000'000, 0)) {
    auto when = anniversary_in(summary, month);
    if (!when) continue;
    auto k = uow->owner_contracts().find_by_id(summary.id);
    auto d = uow->dwellings().find_by_id(k->dwelling_id);
    auto o = uow->owners().find_by_id(k->owner_id);
    switch (compute(index, caps, std::move(*k), std::move(*d), std::move(*o), *when).outcome) {
      case IndexationOutcome::indexed:
      case IndexationOutcome::capped: ++due.to_apply; break;
      case IndexationOutcome::index_missing: ++due.waiting_for_index; break;
      default: break;
    }
  }
  return due;
}

}  // namespace hms::app
