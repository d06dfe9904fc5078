#include "app/demo/demo_ledger.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "app/bank/bank.hpp"
#include "app/demo/demo_bank.hpp"
#include "app/demo/random.hpp"
#include "app/ledger/rent_run.hpp"
#include "app/payouts/payouts.hpp"
#include "common/date.hpp"
#include "domain/bank/bank.hpp"
#include "domain/leases/deposit.hpp"
#include "domain/leases/payment_reference.hpp"

namespace hms::app::demo {

using std::chrono::year_month_day;

namespace {

enum class Payer { on_time, late, partly, irregular, stopped };

struct Household {
  const leases::Lease* lease = nullptr;
  Payer payer = Payer::on_time;
  std::optional<YearMonth> stopped_from;  // Payer::stopped: the first month not paid
  Random rng{1};
  Money owed;                             // called − paid so far
};

struct Payment {
  year_month_day day;
  std::int64_t lease_id = 0;
  std::string reference;  // "+++250/2000/01456+++"
  Money amount;
};

std::int64_t at_nine(year_month_day day) {
  return std::chrono::sys_seconds{std::chrono::sys_days{day}}.time_since_epoch().count() + 9 * 3600;
}

// The household's payment of the month's call (none when it does not pay), drawn from its own
// stream; the call is added to what it owes (the caller takes the payment off once posted).
std::optional<Payment> pay(Household& h, YearMonth month, int month_index, Money call) {
  h.owed += call;
  int day = 1;
  Money amount = call;
  switch (h.payer) {
    case Payer::on_time: day = h.rng.between_int(1, 6); break;
    case Payer::late: day = h.rng.between_int(8, 26); break;
    case Payer::partly:
      day = h.rng.between_int(1, 10);
      amount = month_index % 4 == 3 ? h.owed : Money::from_cents(call.cents() * h.rng.between(60, 95) / 100 / 100 * 100);
      break;
    case Payer::irregular:
      day = h.rng.between_int(1, 15);
      if (h.rng.chance(200)) return std::nullopt;
      amount = std::max(h.owed, call);
      break;
    case Payer::stopped:
      if (h.stopped_from && month >= *h.stopped_from) return std::nullopt;
      day = h.rng.between_int(1, 6);
      break;
  }
  if (amount <= Money::zero()) return std::nullopt;
  // A lease starting mid-month is paid from its first day.
  const auto date = std::max(add_days(month.first_day(), day - 1), h.lease->start);
  return Payment{date, h.lease->id, leases::format_payment_reference(h.lease->payment_reference), amount};
}

}  // namespace

LedgerCounts build_agency_ledger(UnitOfWork& uow, const Context& ctx, const LedgerPlan& plan) {
  LedgerCounts counts;
  const auto today = ctx.clock.today();
  const auto now = ctx.clock.now_seconds();
  const std::int64_t agency_id = plan.agency.id;

  // 1. The agency's leases and owner contracts, each with its rent history, read once; the
  //    households in a fixed order (dwelling, start), each with its way of paying.
  auto book = rent_run_book(uow, agency_id, std::nullopt);
  auto& leases = book.leases;
  std::sort(leases.begin(), leases.end(), [](const auto& a, const auto& b) {
    return std::tie(a.dwelling_reference, a.start) < std::tie(b.dwelling_reference, b.start);
  });

  const YearMonth this_month = YearMonth::of(today);
  std::map<std::int64_t, Household> households;  // by lease id
  for (std::size_t i = 0; i < leases.size(); ++i) {
    Household h;
    h.lease = &leases[i];
    h.rng = Random::stream(plan.seed, (static_cast<std::uint64_t>(plan.index) << 32) + 0x9A1D0000 + i);
    const auto draw = h.rng.between(0, 99);
    h.payer = draw < 80 ? Payer::on_time : draw < 90 ? Payer::late : draw < 95 ? Payer::partly
            : draw < 99 ? Payer::irregular : Payer::stopped;
    if (h.payer == Payer::stopped) {
      if (h.lease->period().contains(today)) h.stopped_from = this_month.plus_months(-h.rng.between_int(0, 5));
      else h.payer = Payer::on_time;  // a past tenant who stopped paying would have been chased: not in the demo
    }
    households.emplace(leases[i].id, std::move(h));
  }

  // 2. What the owners are paid from: the agency's account; what the payment run knows of each
  //    owner contract.
  bank::AgencyAccount account{0, agency_id, demo_agency_iban(plan.index, plan.seed), "GKCCBEBB", now};
  uow.bank().add_account(account);
  const auto facts = contract_facts(uow, agency_id);

  // 3. The payments the demo's CODA files carry are left to them.
  std::set<std::pair<std::int64_t, YearMonth>> left_to_files;
  if (plan.bank_statements)
    for (const auto& l : statement_leases(uow, agency_id, today))
      for (const auto& m : statement_months(today)) left_to_files.emplace(l.id, m);

  // 4. Month by month: the rent run, the month's payments in date order (none after today), and
  //    the owners paid on the 10th by the payment run of the month (confirmed the same day).
  uow.ledger().ensure_chart(agency_id);
  const YearMonth first = this_month.plus_months(-12 * plan.years + 1);
  for (int index = 0; first.plus_months(index) <= this_month; ++index) {
    const YearMonth month = first.plus_months(index);
    auto run = plan_rent_run(plan.agency.code, month, leases, book.contracts);
    if (run.rent_calls.empty() && run.owner_rents.empty()) continue;
    post_rent_run(uow, agency_id, run, std::nullopt, std::min(now, at_nine(month.first_day())));
    ++counts.rent_runs;
    counts.entries += run.calls_posted + run.owner_rents_posted;

    std::vector<Payment> payments;
    for (const auto& call : run.rent_calls) {
      auto& h = households.at(call.lease_id);
      auto p = pay(h, month, index, call.total());
      if (!p || p->day > today || left_to_files.contains({call.lease_id, month})) continue;
      h.owed -= p->amount;
      payments.push_back(std::move(*p));
    }
    std::stable_sort(payments.begin(), payments.end(), [](const auto& a, const auto& b) { return a.day < b.day; });
    for (const auto& p : payments) {
      auto e = payment_entry(agency_id, p.day, p.reference, p.lease_id, p.amount, std::nullopt);
      e.posted_at = std::min(now, at_nine(p.day));
      uow.ledger().insert(e);
    }
    counts.payments += static_cast<std::int64_t>(payments.size());
    counts.entries += static_cast<std::int64_t>(payments.size());

    const auto payday = add_days(month.first_day(), 9);  // the 10th
    if (payday > today) continue;
    std::vector<payouts::RentDue> dues;
    for (const auto& o : run.owner_rents)
      if (o.amount > Money::zero()) dues.push_back({o.owner_contract_id, o.amount});
    auto owed = payouts::plan_payouts(month, dues, facts);
    if (owed.transfers.empty()) continue;
    const auto at = std::min(now, at_nine(payday));
    pay_owners(uow, ctx, plan.agency, month, std::move(owed), payday, at - 86'400, at);
    ++counts.payout_runs;
    ++counts.entries;
  }

  // 5. Each deposit recorded as lodged on its lease's first day, and as returned on the day the
  //    household got it back (leases older than the ledger have theirs from before hms).
  for (const auto& l : leases) {
    if (l.deposit <= Money::zero() || l.start < first.first_day() || l.start > today) continue;
    std::vector<leases::DepositPosting> postings;
    auto post = [&](ledger::Draft draft, leases::DepositEvent event) {
      auto e = ledger::build_entry(std::move(draft), std::nullopt);
      e.posted_at = std::min(now, at_nine(e.date));
      uow.ledger().insert(e);
      uow.leases().add_deposit_posting(agency_id, l.id, event, e.id);
      postings.push_back({l.id, event, e.id, e.date, l.deposit, false});
      ++counts.entries;
    };
    post(leases::deposit_received(l, postings, l.start, today), leases::DepositEvent::received);
    if (l.deposit_returned_on && l.deposit_returned && *l.deposit_returned_on <= today)
      post(leases::deposit_returned(l, postings, *l.deposit_returned_on, *l.deposit_returned, today),
           leases::DepositEvent::returned);
  }

  // 6. The agency's admin closed every month before this year.
  uow.ledger().close_until(agency_id, YearMonth(this_month.year() - 1, 12), std::nullopt, now);
  return counts;
}

}  // namespace hms::app::demo
