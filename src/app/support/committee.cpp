#include "app/support/committee.hpp"

#include <algorithm>
#include <map>

#include "app/fields/fields.hpp"
#include "app/oversight/oversight.hpp"
#include "domain/bank/bank.hpp"
#include "common/date.hpp"
#include "common/text.hpp"

namespace hms::app {

using users::Permission;
using std::chrono::year_month_day;

namespace {

constexpr std::size_t kMaxTopic = 200;

year_month_day first_of(int year) { return {std::chrono::year(year), std::chrono::January, std::chrono::day(1)}; }
year_month_day last_of(int year) { return {std::chrono::year(year), std::chrono::December, std::chrono::day(31)}; }

// The day it was held: a date, not in the future.
std::optional<year_month_day> held_on(const Context& ctx, const std::optional<std::string>& typed, Problems& problems) {
  auto day = fields::read_field(trim(typed.value_or("")), "held_on", problems, fields::parse_date, "common.invalid_date");
  if (day && *day > ctx.clock.today()) {
    problems.add(DomainError(ErrorKind::validation, "support.held_in_future").field("held_on"));
    return std::nullopt;
  }
  return day;
}

std::string topic_of(const std::optional<std::string>& typed, Problems& problems) {
  std::string topic(trim(typed.value_or("")));
  if (topic.empty() || topic.size() > kMaxTopic)
    problems.add(DomainError(ErrorKind::validation, "support.topic_required").field("topic"));
  return topic;
}

}  // namespace

support::Coaching record_coaching(Store& store, const Context& ctx, const CoachingFields& f) {
  ctx.require(Permission::coaching_manage);
  auto uow = store.write();
  // Every problem at once; nothing written when there is one.
  Problems problems;
  support::Coaching c;
  auto agency = uow->agencies().find_by_code(std::string(trim(f.agency.value_or(""))));
  if (!agency) problems.add(DomainError(ErrorKind::validation, "support.unknown_agency").field("agency"));
  auto day = held_on(ctx, f.held_on, problems);
  c.topic = topic_of(f.topic, problems);
  c.module = std::string(trim(f.module.value_or("")));
  const bool known = c.module == "other" || std::find(std::begin(oversight::kModules), std::end(oversight::kModules),
                                                      c.module) != std::end(oversight::kModules);
  if (!known) problems.add(DomainError(ErrorKind::validation, "support.invalid_module").field("module"));
  c.minutes = static_cast<int>(fields::read_field(trim(f.minutes.value_or("")), "minutes", problems, fields::parse_int,
                                                  support::kMinCoachingMinutes, support::kMaxCoachingMinutes,
                                                  "support.invalid_minutes")
                                   .value_or(0));
  problems.throw_if_any();
  c.agency_id = agency->id;
  c.agency_code = agency->code;
  c.held_on = *day;
  c.recorded_by = ctx.user ? std::optional(ctx.user->id) : std::nullopt;
  c.recorded_by_name = ctx.user ? ctx.user->name : "";
  c.recorded_at = ctx.clock.now_seconds();
  c.id = uow->coaching().insert_coaching(c);
  record(*uow, ctx, "support.coaching", "support_coachings", std::to_string(c.id), c.agency_id,
         "module=" + c.module + ",minutes=" + std::to_string(c.minutes));
  uow->commit();
  return c;
}

support::Training record_training(Store& store, const Context& ctx, const TrainingFields& f) {
  ctx.require(Permission::coaching_manage);
  auto uow = store.write();
  Problems problems;
  support::Training t;
  auto day = held_on(ctx, f.held_on, problems);
  t.topic = topic_of(f.topic, problems);
  // "AIS-A:2, SVK-B:1": each agency once, 1–100 people.
  bool bad = false;
  const std::string typed = f.attendees.value_or("");
  for (const auto& part : split(typed, ',')) {
    if (trim(part).empty()) continue;
    const auto colon = part.find(':');
    auto agency = colon == std::string_view::npos ? std::nullopt
                                                   : uow->agencies().find_by_code(std::string(trim(part.substr(0, colon))));
    int people = 0;
    try {
      if (colon != std::string_view::npos)
        people = static_cast<int>(fields::parse_int(trim(part.substr(colon + 1)), 1, support::kMaxAttendees, "x"));
    } catch (const DomainError&) {
      people = 0;
    }
    const bool twice = agency && std::any_of(t.attendees.begin(), t.attendees.end(),
                                             [&](const auto& a) { return a.agency_id == agency->id; });
    if (!agency || people == 0 || twice) {
      bad = true;
      continue;
    }
    t.attendees.push_back({agency->id, agency->code, people});
  }
  if (bad || t.attendees.empty())
    problems.add(DomainError(ErrorKind::validation, "support.invalid_attendees").field("attendees"));
  problems.throw_if_any();
  t.held_on = *day;
  t.recorded_by = ctx.user ? std::optional(ctx.user->id) : std::nullopt;
  t.recorded_at = ctx.clock.now_seconds();
  t.id = uow->coaching().insert_training(t);
  record(*uow, ctx, "support.training", "support_trainings", std::to_string(t.id), std::nullopt,
         "agencies=" + std::to_string(t.attendees.size()));
  uow->commit();
  return t;
}

SupportYear coaching_year(Store& store, const Context& ctx, const std::optional<std::string>& year) {
  ctx.require(Permission::adoption_view);
  SupportYear out;
  out.year = report_year(ctx, year);
  auto uow = store.read();
  out.coachings = uow->coaching().coachings(std::nullopt, first_of(out.year), last_of(out.year));
  out.trainings = uow->coaching().trainings(first_of(out.year), last_of(out.year));
  return out;
}

std::vector<ChecklistItem> first_day_checklist(UnitOfWork& uow, const agencies::AgencySummary& agency,
                                               const std::vector<oversight::ModuleUse>& use) {
  auto used = [&](const char* module) {
    for (const auto& u : use)
      if (u.agency_id == agency.agency.id && u.module == module) return u.count > 0;
    return false;
  };
  return {{"stock", agency.dwellings > 0},
          {"users", agency.users >= 2},  // the admin who opened it, and at least one more
          {"bank_account", !uow.bank().accounts(agency.agency.id).empty()},
          {"rent_run", used("ledger")},
          {"inventory", used("subsidies")}};
}

std::vector<ChecklistItem> my_checklist(Store& store, const Context& ctx) {
  const auto only = ctx.scope().agency_id;
  if (!only) return {};
  auto uow = store.read();
  const auto today = to_iso(ctx.clock.today());
  const auto summaries = uow->agencies().summaries(only, today, today);
  if (summaries.empty()) return {};
  std::vector<oversight::ModuleUse> use;
  for (auto& u : uow->oversight().module_use())
    if (u.agency_id == *only) use.push_back(std::move(u));
  return first_day_checklist(*uow, summaries.front(), use);
}

Committee committee(Store& store, const Context& ctx, const std::optional<std::string>& year) {
  ctx.require(Permission::adoption_view);
  Committee out;
  out.year = report_year(ctx, year);
  auto uow = store.read();
  const auto today = ctx.clock.today();
  // 1. Every agency with its summary; each module's use; the year's coaching and trainings.
  auto summaries = uow->agencies().summaries(std::nullopt, to_iso(today), to_iso(today));
  std::sort(summaries.begin(), summaries.end(), [](const auto& a, const auto& b) { return a.agency.code < b.agency.code; });
  const auto use = uow->oversight().module_use();
  std::map<std::pair<std::int64_t, std::string>, oversight::ModuleUse> by_module;
  for (const auto& u : use) by_module[{u.agency_id, u.module}] = u;
  const auto coachings = uow->coaching().coachings(std::nullopt, first_of(out.year), last_of(out.year));
  const auto trainings = uow->coaching().trainings(first_of(out.year), last_of(out.year));
  const year_month_day september{std::chrono::year(out.year), std::chrono::September, std::chrono::day(30)};
  for (const auto& s : summaries) {
    CommitteeLine line;
    line.agency = s.agency;
    for (auto module : oversight::kModules) {
      auto u = by_module.find({s.agency.id, std::string(module)});
      line.modules.push_back(u != by_module.end() ? u->second : oversight::ModuleUse{s.agency.id, std::string(module), 0, std::nullopt});
    }
    // 2. Its open tickets and the oldest one's age.
    support::TicketFilter open;
    open.agency_id = s.agency.id;
    open.open_only = true;
    for (const auto& t : uow->support().list_tickets(open, 100000, 0)) {
      ++line.open_tickets;
      const auto days = (ctx.clock.now_seconds() - t.created_at) / 86400;
      line.oldest_open_days = std::max(line.oldest_open_days.value_or(0), days);
    }
    // 3. The year's coaching and trainings.
    for (const auto& c : coachings)
      if (c.agency_id == s.agency.id) {
        ++line.coachings;
        line.coaching_minutes += c.minutes;
      }
    for (const auto& t : trainings)
      for (const auto& a : t.attendees)
        if (a.agency_id == s.agency.id) line.trained_people += a.people;
    // 4. The checklist, this year's inventory and the request made from it.
    line.checklist = first_day_checklist(*uow, s, use);
    for (const auto& f : uow->subsidies().list_frozen(s.agency.id))
      line.inventory_submitted = line.inventory_submitted || f.inventory.date == september;
    for (const auto& r : uow->subsidy_requests().list(s.agency.id))
      if (r.year == out.year + 1 && (line.request_status.empty() || line.request_status == "rejected"))
        line.request_status = std::string(subsidies::to_string(r.status));
    out.items.push_back(std::move(line));
  }
  return out;
}

}  // namespace hms::app
