#include "app/arrears/arrears.hpp"

#include <algorithm>
#include <tuple>

#include "app/agencies/agency_admin.hpp"
#include "app/arrears/payment_plans.hpp"
#include "app/audit/personal_reads.hpp"
#include "app/fields/fields.hpp"
#include "common/text.hpp"
#include "domain/bank/bank.hpp"

namespace hms::app {

using users::Permission;

namespace {

agencies::Agency actor_agency(UnitOfWork& uow, const Context& ctx) {
  return agency_in_scope(uow, ctx, std::nullopt, "arrears.unknown_agency");
}

std::int64_t own_agency(UnitOfWork& uow, const Context& ctx) { return actor_agency(uow, ctx).id; }

ReminderLadder ladder_of(UnitOfWork& uow, std::int64_t agency_id) {
  auto saved = uow.arrears().ladder(agency_id);
  return {saved.value_or(arrears::Ladder::defaults()), !saved.has_value()};
}

}  // namespace

ArrearsList arrears_on(Store& store, const Context& ctx, std::chrono::year_month_day day) {
  ctx.require(Permission::ledger_view);
  auto uow = store.read();
  const auto agency = own_agency(*uow, ctx);
  ArrearsList out;
  const auto ladder = ladder_of(*uow, agency);
  out.ladder = ladder.ladder;
  out.default_ladder = ladder.is_default;
  for (auto& account : uow->arrears().lease_accounts(agency, day)) {
    auto a = arrears::lease_arrears(account.lease_id, std::move(account.calls), account.paid, day, out.ladder);
    if (a.balance <= Money::zero()) continue;
    for (std::size_t i = 0; i < out.ageing.size(); ++i) out.ageing[i] += a.ageing[i];
    out.total += a.balance;
    out.items.push_back(std::move(a));
  }
  std::ranges::sort(out.items, [](const auto& x, const auto& y) {
    return std::tuple(x.oldest_unpaid, x.lease_id) < std::tuple(y.oldest_unpaid, y.lease_id);
  });
  return out;
}

std::map<std::int64_t, AgencyArrears> arrears_by_agency(Store& store, const Context& ctx, std::chrono::year_month_day day) {
  ctx.require(Permission::money_figures_view);
  auto uow = store.read();
  std::map<std::int64_t, AgencyArrears> out;
  for (const auto& agency : uow->agencies().list(ctx.scope().agency_id, 1'000'000, 0))
    for (auto& account : uow->arrears().lease_accounts(agency.id, day)) {
      // The ages need no ladder: any will do.
      const auto a = arrears::lease_arrears(account.lease_id, std::move(account.calls), account.paid, day,
                                            arrears::Ladder::defaults());
      if (a.balance <= Money::zero()) continue;
      auto& sum = out[agency.id];
      for (std::size_t i = 0; i < sum.ageing.size(); ++i) sum.ageing[i] += a.ageing[i];
      sum.total += a.balance;
      ++sum.leases;
    }
  return out;
}

std::vector<leases::Lease> arrears_leases(Store& store, const Context& ctx,
                                          const std::vector<arrears::LeaseArrears>& items) {
  ctx.require(Permission::ledger_view);
  ctx.require(Permission::leases_view);
  auto uow = store.write();  // the read of the names is audited in the same transaction
  const auto agency = own_agency(*uow, ctx);
  std::vector<leases::Lease> out;
  for (const auto& a : items) {
    auto lease = uow->leases().find_by_id(a.lease_id);
    if (lease && lease->agency_id == agency) out.push_back(std::move(*lease));
  }
  record_read(*uow, ctx, {"arrears.list", "leases", static_cast<std::int64_t>(out.size()), agency, ""});
  uow->commit();
  return out;
}

ReminderLadder reminder_ladder(Store& store, const Context& ctx) {
  ctx.require(Permission::ledger_view);
  auto uow = store.read();
  return ladder_of(*uow, own_agency(*uow, ctx));
}

arrears::Ladder save_reminder_ladder(Store& store, const Context& ctx, const LadderFields& f) {
  ctx.require(Permission::agency_settings_manage);
  Problems problems;
  bool every_field_reads = true;
  // 1. Each field read on its own: days 1–365 (required), a threshold of 0.00 or more (blank: 0.00).
  auto days = [&](const std::optional<std::string>& text, const std::string& field) {
    std::optional<std::int64_t> n;
    if (text && !trim(*text).empty())
      n = fields::read_field(*text, field, problems, fields::parse_int, 1, 365, "arrears.invalid_days");
    else
      problems.add(DomainError(ErrorKind::validation, "arrears.invalid_days").field(field));
    every_field_reads = every_field_reads && n.has_value();
    return static_cast<int>(n.value_or(0));
  };
  auto threshold = [&](const std::optional<std::string>& text, const std::string& field) {
    if (!text || trim(*text).empty()) return Money::zero();
    auto amount = fields::read_field(*text, field, problems, fields::parse_money, "arrears.invalid_threshold");
    if (amount && *amount < Money::zero()) {
      problems.add(DomainError(ErrorKind::validation, "arrears.invalid_threshold").field(field));
      amount.reset();
    }
    every_field_reads = every_field_reads && amount.has_value();
    return amount.value_or(Money::zero());
  };
  arrears::Ladder ladder;
  ladder.rungs[0] = {arrears::Step::reminder, days(f.reminder_days, "reminder_days"),
                     threshold(f.reminder_threshold, "reminder_threshold")};
  ladder.rungs[1] = {arrears::Step::second_reminder, days(f.second_reminder_days, "second_reminder_days"),
                     threshold(f.second_reminder_threshold, "second_reminder_threshold")};
  ladder.rungs[2] = {arrears::Step::formal_notice, days(f.formal_notice_days, "formal_notice_days"),
                     threshold(f.formal_notice_threshold, "formal_notice_threshold")};
  // 2. The ladder as a whole, once every field reads.
  if (every_field_reads)
    for (const auto& p : arrears::check_ladder(ladder))
      problems.add(DomainError(ErrorKind::validation, p.code).field(p.field));
  problems.throw_if_any();
  // 3. Saved and audited.
  auto uow = store.write();
  const auto agency = own_agency(*uow, ctx);
  uow->arrears().save_ladder(agency, ladder, ctx.clock.now_seconds());
  record(*uow, ctx, "arrears.ladder", "agencies", std::to_string(agency), agency);
  uow->commit();
  return ladder;
}

ReminderLetter send_reminder(Store& store, const Context& ctx, std::int64_t lease_id, std::chrono::year_month_day day) {
  // 1. Who: an agency user who reads the ledger and the leases; a lease of the agency.
  ctx.require(Permission::ledger_view);
  ctx.require(Permission::leases_view);
  auto uow = store.write();  // the letter is recorded and its read audited
  const auto agency = actor_agency(*uow, ctx);
  auto lease = uow->leases().find_by_id(lease_id);
  if (!lease || lease->agency_id != agency.id) throw DomainError(ErrorKind::not_found, "leases.not_found");
  // 2. Where it stands on the day, on the agency's ladder: a step must be reached.
  ReminderLetter letter;
  auto account = uow->arrears().lease_account(lease_id, day);
  letter.arrears = arrears::lease_arrears(lease_id, std::move(account.calls), account.paid, day, ladder_of(*uow, agency.id).ladder);
  if (letter.arrears.balance <= Money::zero() || letter.arrears.step == arrears::Step::none)
    throw DomainError(ErrorKind::validation, "arrears.nothing_to_send");
  //    While a payment plan agreed by then runs, the ladder waits.
  for (const auto& p : uow->arrears().lease_plans(lease_id))
    if (p.agreed_on <= day && follow_plan(*uow, p, day).state == arrears::PlanState::running)
      throw DomainError(ErrorKind::validation, "arrears.under_plan");
  // 3. What the letter needs: the agency, the household's language, the dwelling's address.
  letter.to = household_addressee(*uow, agency, std::move(*lease));
  letter.date = day;
  // 4. Recorded as sent, and the read of the household's name audited.
  uow->arrears().insert_letter(agency.id, {lease_id, letter.arrears.step, day, letter.arrears.balance,
                                           ctx.user ? std::optional(ctx.user->id) : std::nullopt, ctx.clock.now_seconds()});
  record_read(*uow, ctx, {"arrears.letter", "leases", 1, agency.id, ReadFilters().value("step", std::string(arrears::to_string(letter.arrears.step))).str()});
  uow->commit();
  return letter;
}

std::map<std::int64_t, arrears::Letter> last_letters(Store& store, const Context& ctx) {
  ctx.require(Permission::ledger_view);
  auto uow = store.read();
  std::map<std::int64_t, arrears::Letter> out;
  for (auto& l : uow->arrears().last_letters(own_agency(*uow, ctx))) out.emplace(l.lease_id, std::move(l));
  return out;
}

}  // namespace hms::app
