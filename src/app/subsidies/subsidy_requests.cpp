#include "app/subsidies/subsidy_requests.hpp"

#include <algorithm>

#include "app/agencies/agency_admin.hpp"
#include "app/fields/fields.hpp"
#include "app/visible.hpp"
#include "common/date.hpp"
#include "common/text.hpp"

namespace hms::app {

template <>
struct Visibility<subsidies::SubsidyRequest> {
  static constexpr users::Permission permission = users::Permission::inventory_view;
  static constexpr const char* not_found = "subsidies.request_not_found";
  static std::optional<subsidies::SubsidyRequest> find(UnitOfWork& uow, std::int64_t id) {
    return uow.subsidy_requests().find(id);
  }
};

using users::Permission;
namespace sb = subsidies;
using std::chrono::year_month_day;

namespace {

constexpr std::size_t kMaxComment = 2000;

sb::RequestEvent event(const Context& ctx, std::string kind, std::string comment) {
  return {std::move(kind), std::move(comment), ctx.user ? std::optional(ctx.user->id) : std::nullopt,
          ctx.user ? ctx.user->name : "", ctx.clock.now_seconds()};
}

// The comment as typed, trimmed; a problem on `comment` when required and blank, or too long.
std::string read_comment(const std::optional<std::string>& typed, bool required, Problems& problems) {
  std::string c(trim(typed.value_or("")));
  if ((required && c.empty()) || c.size() > kMaxComment)
    problems.add(DomainError(ErrorKind::validation, "subsidies.comment_required").field("comment"));
  return c;
}

// The rates of the request's year: those in force on its 1 January.
sb::SubsidyRates rates_of_year(UnitOfWork& uow, int year) {
  auto rates = uow.rules().subsidy_rates().in_force(year_month_day{std::chrono::year(year), std::chrono::January,
                                                                   std::chrono::day(1)});
  if (!rates)
    throw DomainError(ErrorKind::validation, "subsidies.no_rates").param("year", std::to_string(year));
  return *rates;
}

sb::Tranche& tranche_of(sb::SubsidyRequest& r, int number) {
  auto it = std::find_if(r.tranches.begin(), r.tranches.end(), [&](const auto& t) { return t.number == number; });
  if (it == r.tranches.end()) throw DomainError(ErrorKind::not_found, "subsidies.tranche_not_found");
  return *it;
}

}  // namespace

sb::SubsidyRequest make_request(Store& store, const Context& ctx, const std::optional<std::string>& inventory) {
  ctx.require(Permission::inventory_submit);
  auto uow = store.write();
  // 1. The frozen inventory, of the actor's agency (another's is not found).
  const auto id = fields::id_or_none(inventory);
  auto frozen = id ? uow->subsidies().find_frozen(*id) : std::nullopt;
  if (!frozen || !ctx.scope().reaches(frozen->agency_id))
    throw DomainError(ErrorKind::not_found, "subsidies.not_found").field("inventory");
  // 2. The inventory of 30 September N is the basis of year N+1's subsidy.
  const auto date = frozen->inventory.date;
  if (date.month() != std::chrono::September || date.day() != std::chrono::day(30))
    throw DomainError(ErrorKind::validation, "subsidies.not_reference_date").field("inventory");
  const int year = static_cast<int>(date.year()) + 1;
  // 3. One request a year, unless the Region rejected the one before.
  if (uow->subsidy_requests().live_request(frozen->agency_id, year))
    throw DomainError(ErrorKind::conflict, "subsidies.request_exists").param("year", std::to_string(year));
  // 4. The amounts, from the rates of the year (subsidy_request.hpp, compute_request).
  auto r = sb::compute_request(frozen->inventory, rates_of_year(*uow, year));
  r.inventory_id = frozen->id;
  r.status = sb::RequestStatus::submitted;
  r.events = {event(ctx, "submitted", "")};
  r.id = uow->subsidy_requests().insert(r);
  record(*uow, ctx, "subsidies.request", "subsidies_requests", std::to_string(r.id), r.agency_id,
         "year=" + std::to_string(year) + ",total_cents=" + std::to_string(r.total_cents));
  auto made = *uow->subsidy_requests().find(r.id);
  uow->commit();
  return made;
}

sb::SubsidyRequest subsidy_request(Store& store, const Context& ctx, std::int64_t id) {
  auto uow = store.read();
  return visible<sb::SubsidyRequest>(*uow, ctx, id);
}

std::vector<std::string> request_letterhead(Store& store, const sb::SubsidyRequest& r) {
  auto uow = store.read();
  auto agency = uow->agencies().find_by_id(r.agency_id);
  if (!agency) return {r.agency_code};
  std::vector<std::string> lines = {agency->name};
  for (auto& l : agency_address_lines(*uow, *agency)) lines.push_back(std::move(l));
  return lines;
}

std::vector<sb::SubsidyRequest> subsidy_requests(Store& store, const Context& ctx,
                                                 const std::optional<std::string>& agency_code) {
  ctx.require(Permission::inventory_view);
  auto uow = store.read();
  if (ctx.scope().agency_id) return uow->subsidy_requests().list(*ctx.scope().agency_id);
  if (!agency_code || trim(*agency_code).empty()) return uow->subsidy_requests().list(std::nullopt);
  return uow->subsidy_requests().list(agency_in_scope(*uow, ctx, agency_code, "subsidies.unknown_agency").id);
}

sb::SubsidyRequest review_request(Store& store, const Context& ctx, std::int64_t id, const ReviewFields& f) {
  ctx.require(Permission::subsidy_review);
  auto uow = store.write();
  auto r = visible<sb::SubsidyRequest>(*uow, ctx, id);
  // 1. The decision and its comment, every problem at once.
  Problems problems;
  const std::string decision(trim(f.decision.value_or("")));
  std::optional<sb::RequestStatus> to;
  if (decision == "accept") to = sb::RequestStatus::accepted;
  else if (decision == "question") to = sb::RequestStatus::question;
  else if (decision == "reject") to = sb::RequestStatus::rejected;
  else problems.add(DomainError(ErrorKind::validation, "subsidies.invalid_decision").field("decision"));
  const auto comment = read_comment(f.comment, to != sb::RequestStatus::accepted, problems);
  problems.throw_if_any();
  // 2. Only a request awaiting its review moves (a second reviewer at the same time gets 409).
  const std::string kind(sb::to_string(*to));
  if (!uow->subsidy_requests().change_status(id, sb::RequestStatus::submitted, *to, event(ctx, kind, comment)))
    throw DomainError(ErrorKind::conflict, "subsidies.not_awaiting_review");
  // 3. Accepted: its tranches, from the rates of its year.
  if (*to == sb::RequestStatus::accepted)
    uow->subsidy_requests().insert_tranches(r, sb::plan_tranches(r.total_cents, r.year, rates_of_year(*uow, r.year)));
  record(*uow, ctx, "subsidies.review", "subsidies_requests", std::to_string(id), r.agency_id, "decision=" + kind);
  auto reviewed = *uow->subsidy_requests().find(id);
  uow->commit();
  return reviewed;
}

sb::SubsidyRequest answer_request(Store& store, const Context& ctx, std::int64_t id,
                                  const std::optional<std::string>& comment) {
  ctx.require(Permission::inventory_submit);
  auto uow = store.write();
  auto r = visible<sb::SubsidyRequest>(*uow, ctx, id);
  Problems problems;
  const auto text = read_comment(comment, true, problems);
  problems.throw_if_any();
  if (!uow->subsidy_requests().change_status(id, sb::RequestStatus::question, sb::RequestStatus::submitted,
                                             event(ctx, "answer", text)))
    throw DomainError(ErrorKind::conflict, "subsidies.no_question");
  record(*uow, ctx, "subsidies.answer", "subsidies_requests", std::to_string(id), r.agency_id, "");
  auto answered = *uow->subsidy_requests().find(id);
  uow->commit();
  return answered;
}

sb::SubsidyRequest justify_tranche(Store& store, const Context& ctx, std::int64_t id, int number) {
  ctx.require(Permission::inventory_submit);
  auto uow = store.write();
  auto r = visible<sb::SubsidyRequest>(*uow, ctx, id);
  auto& t = tranche_of(r, number);
  if (t.justification != "income_mix") throw DomainError(ErrorKind::validation, "subsidies.no_justification");
  if (t.justified_on) throw DomainError(ErrorKind::conflict, "subsidies.already_justified");
  // The two-thirds statistics of the agency today (Housing Code art. 125): leases in force and
  // how many households were at or below the admission income when they signed.
  const auto today = ctx.clock.today();
  std::int64_t leases = 0, at_or_below = 0;
  for (const auto& row : uow->leases().income_mix(r.agency_id, today)) {
    leases += row.leases;
    at_or_below += row.at_or_below;
  }
  if (!uow->subsidy_requests().justify_tranche(t.id, today, leases, at_or_below))
    throw DomainError(ErrorKind::conflict, "subsidies.already_justified");
  record(*uow, ctx, "subsidies.justify", "subsidies_requests", std::to_string(id), r.agency_id,
         "tranche=" + std::to_string(number) + ",leases=" + std::to_string(leases) +
             ",at_or_below=" + std::to_string(at_or_below));
  auto justified = *uow->subsidy_requests().find(id);
  uow->commit();
  return justified;
}

sb::SubsidyRequest pay_tranche(Store& store, const Context& ctx, std::int64_t id, int number,
                               const std::optional<std::string>& paid_on) {
  ctx.require(Permission::subsidy_review);
  auto uow = store.write();
  auto r = visible<sb::SubsidyRequest>(*uow, ctx, id);
  auto& t = tranche_of(r, number);
  Problems problems;
  auto day = fields::read_field(trim(paid_on.value_or("")), "paid_on", problems, fields::parse_date,
                                "common.invalid_date");
  if (day && *day > ctx.clock.today())
    problems.add(DomainError(ErrorKind::validation, "subsidies.paid_in_future").field("paid_on"));
  problems.throw_if_any();
  if (t.paid_on) throw DomainError(ErrorKind::conflict, "subsidies.already_paid");
  if (!t.justification.empty() && !t.justified_on)
    throw DomainError(ErrorKind::validation, "subsidies.justification_missing");
  if (!uow->subsidy_requests().pay_tranche(t.id, *day)) throw DomainError(ErrorKind::conflict, "subsidies.already_paid");
  record(*uow, ctx, "subsidies.paid", "subsidies_requests", std::to_string(id), r.agency_id,
         "tranche=" + std::to_string(number) + ",paid_on=" + to_iso(*day));
  auto paid = *uow->subsidy_requests().find(id);
  uow->commit();
  return paid;
}

}  // namespace hms::app
