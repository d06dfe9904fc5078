#include "app/applicants/retention.hpp"

#include <map>

#include "app/agencies/agency_admin.hpp"
#include "app/applicants/erasure.hpp"
#include "domain/applicants/erasure.hpp"

namespace hms::app {

namespace {

// The households of the actor's agency due for erasure today.
Retention due_in(UnitOfWork& uow, const Context& ctx) {
  ctx.require(users::Permission::personal_data_erase);
  const auto agency = agency_in_scope(uow, ctx, std::nullopt, "agencies.unknown_agency");
  Retention out;
  out.years = uow.agencies().settings(agency.id).retention_years;
  if (!out.years) return out;
  const auto today = ctx.clock.today();
  // The end of each household's last lease, and whether one runs.
  leases::LeaseFilter lf;
  lf.agency_id = agency.id;
  std::map<std::int64_t, std::optional<std::chrono::year_month_day>> last_end;
  std::map<std::int64_t, bool> running;
  for (const auto& l : uow.leases().list(lf, 1'000'000, 0)) {
    if (!l.end || *l.end >= today) running[l.applicant_id] = true;
    auto& end = last_end[l.applicant_id];
    if (l.end && (!end || *end < *l.end)) end = l.end;
  }
  applicants::ApplicantFilter af;
  af.agency_id = agency.id;
  for (const auto& a : uow.applicants().list(af, 1'000'000, 0)) {
    const auto ended = last_end.find(a.id);
    auto why = applicants::retention_reason(a, ended == last_end.end() ? std::nullopt : ended->second,
                                            running.contains(a.id), *out.years, today);
    if (why) out.due.push_back({a.id, a.number, a.name(), std::string(why->reason), why->since});
  }
  std::sort(out.due.begin(), out.due.end(), [](const auto& x, const auto& y) { return x.number < y.number; });
  return out;
}

}  // namespace

Retention retention_due(Store& store, const Context& ctx) {
  auto uow = store.write();
  auto out = due_in(*uow, ctx);
  record(*uow, ctx, "applicants.retention", "applicants", "0", ctx.scope().agency_id, "count=" + std::to_string(out.due.size()));
  uow->commit();
  return out;
}

std::int64_t purge_due(Store& store, const Context& ctx) {
  auto uow = store.write();
  const auto due = due_in(*uow, ctx);
  for (const auto& d : due.due) erase_in(*uow, ctx, d.applicant_id);
  record(*uow, ctx, "applicants.purge", "applicants", "0", ctx.scope().agency_id, "count=" + std::to_string(due.due.size()));
  uow->commit();
  return static_cast<std::int64_t>(due.due.size());
}

}  // namespace hms::app
