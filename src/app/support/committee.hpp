// The federation's coaching and trainings (issue 13.4), each agency's first-day checklist (13.2)
// and the follow-up committee's dashboard (13.5).
// Coaching and trainings are recorded by the federation (coaching_manage) and read by the
// federation and the Region (adoption_view), audited ("support.coaching", "support.training").
// The first-day checklist is read from what the agency did in hms, never ticked by hand: the stock
// imported, users added, the bank account loaded, a first rent run, a first inventory submitted;
// the agency sees its own on its dashboard, the federation and the Region every agency's on the
// committee's page.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/agencies/agency.hpp"
#include "domain/oversight/adoption.hpp"
#include "domain/support/coaching.hpp"

namespace hms::app {

// A coaching as typed: agency (code), held_on (YYYY-MM-DD, not in the future), topic (1–200),
// module (one of oversight::kModules or "other"), minutes (15–600). Every problem at once
// (support.unknown_agency, common.invalid_date, support.topic_required, support.invalid_module,
// support.invalid_minutes), nothing written then.
struct CoachingFields {
  std::optional<std::string> agency, held_on, topic, module, minutes;
};
template <typename Visit>
void for_each_field(CoachingFields& f, Visit&& visit) {
  visit("agency", f.agency);
  visit("held_on", f.held_on);
  visit("topic", f.topic);
  visit("module", f.module);
  visit("minutes", f.minutes);
}
support::Coaching record_coaching(Store& store, const Context& ctx, const CoachingFields& f);

// A training as typed: held_on, topic, and attendees as "CODE:people, CODE:people" (at least one;
// support.invalid_attendees on a code unknown or people outside 1–100).
struct TrainingFields {
  std::optional<std::string> held_on, topic, attendees;
};
template <typename Visit>
void for_each_field(TrainingFields& f, Visit&& visit) {
  visit("held_on", f.held_on);
  visit("topic", f.topic);
  visit("attendees", f.attendees);
}
support::Training record_training(Store& store, const Context& ctx, const TrainingFields& f);

// The year's coaching (every agency's) and trainings, newest first (adoption_view).
struct SupportYear {
  int year = 0;
  std::vector<support::Coaching> coachings;
  std::vector<support::Training> trainings;
};
SupportYear coaching_year(Store& store, const Context& ctx, const std::optional<std::string>& year);

// The first-day checklist of an agency, in its order.
struct ChecklistItem {
  std::string key;  // stock | users | bank_account | rent_run | inventory
  bool done = false;
};
std::vector<ChecklistItem> first_day_checklist(UnitOfWork& uow, const agencies::AgencySummary& agency,
                                               const std::vector<oversight::ModuleUse>& use);
// The actor's agency's checklist (agency roles; empty for the others).
std::vector<ChecklistItem> my_checklist(Store& store, const Context& ctx);

// One line of the committee's dashboard: per agency, each module's use, the open tickets and the
// oldest one's age in days, the year's coaching (count, minutes) and trainings attended (people),
// the checklist, this year's inventory of 30 September and the request made from it.
struct CommitteeLine {
  agencies::Agency agency;
  std::vector<oversight::ModuleUse> modules;  // one per oversight::kModules
  std::int64_t open_tickets = 0;
  std::optional<std::int64_t> oldest_open_days;
  std::int64_t coachings = 0, coaching_minutes = 0, trained_people = 0;
  std::vector<ChecklistItem> checklist;
  bool inventory_submitted = false;
  std::string request_status;  // "" none
};
struct Committee {
  int year = 0;
  std::vector<CommitteeLine> items;  // by agency code
};
// Federation and Region (adoption_view); `year` as typed (2000–2100, blank: this year; else 422
// oversight.invalid_year).
Committee committee(Store& store, const Context& ctx, const std::optional<std::string>& year);

}  // namespace hms::app
