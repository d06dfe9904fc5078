#include "storage/arrears/arrears_repository.hpp"

#include <algorithm>
#include <functional>
#include <map>


#include "common/date.hpp"

namespace hms::storage {
namespace {

constexpr const char* kLadder =
    "SELECT reminder_days, reminder_threshold_cents, second_reminder_days, second_reminder_threshold_cents,"
    " formal_notice_days, formal_notice_threshold_cents FROM arrears_ladders WHERE agency_id = $1";
constexpr const char* kInsertLadder =
    "INSERT INTO arrears_ladders (agency_id, reminder_days, reminder_threshold_cents, second_reminder_days,"
    " second_reminder_threshold_cents, formal_notice_days, formal_notice_threshold_cents, updated_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
constexpr const char* kUpdateLadder =
    "UPDATE arrears_ladders SET reminder_days = $2, reminder_threshold_cents = $3, second_reminder_days = $4,"
    " second_reminder_threshold_cents = $5, formal_notice_days = $6, formal_notice_threshold_cents = $7,"
    " updated_at = $8 WHERE agency_id = $1";
// Each lease's balance up to a day: its calls (every journal but BANK; a reversal nets its call)
// and what it paid (BANK), read from the covering index ledger_lines_lease.
constexpr const char* kBalanceColumns =
    "SELECT l.lease_id, COALESCE(SUM(CASE WHEN l.journal <> 'BANK' THEN l.debit_cents - l.credit_cents ELSE 0 END), 0),"
    " COALESCE(SUM(CASE WHEN l.journal = 'BANK' THEN l.credit_cents - l.debit_cents ELSE 0 END), 0) ";
constexpr const char* kAgencyBalances =
    " FROM leases s JOIN ledger_lines l ON l.lease_id = s.id WHERE s.agency_id = $1 AND l.posted_on <= $2"
    " GROUP BY l.lease_id";
constexpr const char* kLeaseBalance = " FROM ledger_lines l WHERE l.lease_id = $1 AND l.posted_on <= $2 GROUP BY l.lease_id";
// A lease's latest lines outside BANK up to a day, newest first, with the entry each reverses
// (a reversal nets with its call, dated by the original); read from the lease's index backwards.
constexpr const char* kRecentCalls =
    "SELECT l.posted_on, l.debit_cents - l.credit_cents, l.entry_id, e.reverses FROM ledger_lines l"
    " JOIN ledger_entries e ON e.id = l.entry_id WHERE l.lease_id = $1 AND l.journal <> 'BANK' AND l.posted_on <= $2"
    " ORDER BY l.posted_on DESC, l.entry_id DESC LIMIT $3";
// Most leases in arrears owe their last few calls: the first read takes that many lines, and
// each next one four times more, until the calls cover the balance or the lines run out.
constexpr std::int64_t kFirstRead = 8;

constexpr const char* kInsertLetter =
    "INSERT INTO arrears_letters (agency_id, lease_id, step, letter_date, balance_cents, sent_by, sent_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7)";
constexpr const char* kLastLetters =
    "SELECT lease_id, step, letter_date, balance_cents, sent_by, sent_at FROM arrears_letters"
    " WHERE id IN (SELECT MAX(id) FROM arrears_letters WHERE agency_id = $1 GROUP BY lease_id) ORDER BY lease_id";

constexpr const char* kPlanColumns =
    "SELECT id, agency_id, lease_id, agreed_on, start_balance_cents, total_cents, instalments, first_due, grace_days,"
    " cancelled_on, made_by, made_at FROM payment_plans ";
constexpr const char* kInsertPlan =
    "INSERT INTO payment_plans (agency_id, lease_id, agreed_on, start_balance_cents, total_cents, instalments, first_due,"
    " grace_days, made_by, made_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id";
constexpr const char* kCancelPlan = "UPDATE payment_plans SET cancelled_on = $2 WHERE id = $1";

arrears::PaymentPlan read_plan(const db::Row& r) {
  arrears::PaymentPlan p;
  p.id = r.integer(0);
  p.agency_id = r.integer(1);
  p.lease_id = r.integer(2);
  p.agreed_on = parse_date(r.text(3)).value();
  p.start_balance = Money::from_cents(r.integer(4));
  p.total = Money::from_cents(r.integer(5));
  p.instalments = static_cast<int>(r.integer(6));
  p.first_due = parse_date(r.text(7)).value();
  p.grace_days = static_cast<int>(r.integer(8));
  if (auto cancelled = r.opt_text(9)) p.cancelled_on = parse_date(*cancelled).value();
  p.made_by = r.opt_integer(10);
  p.made_at = r.integer(11);
  return p;
}

}  // namespace

std::int64_t SqlArrearsRepository::insert_plan(arrears::PaymentPlan& p) {
  p.id = c_.query_one(kInsertPlan, {p.agency_id, p.lease_id, to_iso(p.agreed_on), p.start_balance.cents(), p.total.cents(),
                                    std::int64_t{p.instalments}, to_iso(p.first_due), std::int64_t{p.grace_days},
                                    db::nullable(p.made_by), p.made_at})
             ->integer(0);
  return p.id;
}

void SqlArrearsRepository::cancel_plan(std::int64_t plan_id, std::chrono::year_month_day day) {
  c_.execute(kCancelPlan, {plan_id, to_iso(day)});
}

std::optional<arrears::PaymentPlan> SqlArrearsRepository::plan(std::int64_t plan_id) {
  auto r = c_.query_one(std::string(kPlanColumns) + "WHERE id = $1", {plan_id});
  return r ? std::optional(read_plan(*r)) : std::nullopt;
}

std::vector<arrears::PaymentPlan> SqlArrearsRepository::lease_plans(std::int64_t lease_id) {
  std::vector<arrears::PaymentPlan> out;
  for (const auto& r : c_.query(std::string(kPlanColumns) + "WHERE lease_id = $1 ORDER BY id DESC", {lease_id}))
    out.push_back(read_plan(r));
  return out;
}

std::vector<arrears::PaymentPlan> SqlArrearsRepository::agency_plans(std::int64_t agency_id) {
  std::vector<arrears::PaymentPlan> out;
  for (const auto& r : c_.query(std::string(kPlanColumns) + "WHERE agency_id = $1 AND cancelled_on IS NULL"
                                                          " ORDER BY lease_id, id DESC", {agency_id}))
    out.push_back(read_plan(r));
  return out;
}

void SqlArrearsRepository::insert_letter(std::int64_t agency_id, const arrears::Letter& l) {
  c_.execute(kInsertLetter, {agency_id, l.lease_id, std::string(arrears::to_string(l.step)), to_iso(l.date),
                             l.balance.cents(), db::nullable(l.sent_by), l.sent_at});
}

std::vector<arrears::Letter> SqlArrearsRepository::last_letters(std::int64_t agency_id) {
  std::vector<arrears::Letter> out;
  for (const auto& r : c_.query(kLastLetters, {agency_id}))
    out.push_back({r.integer(0), arrears::parse_step(r.text(1)).value_or(arrears::Step::reminder),
                   parse_date(r.text(2)).value(), Money::from_cents(r.integer(3)), r.opt_integer(4), r.integer(5)});
  return out;
}

std::optional<arrears::Ladder> SqlArrearsRepository::ladder(std::int64_t agency_id) {
  auto r = c_.query_one(kLadder, {agency_id});
  if (!r) return std::nullopt;
  arrears::Ladder out;
  for (std::size_t i = 0; i < out.rungs.size(); ++i)
    out.rungs[i] = {arrears::kSteps[i], static_cast<int>(r->integer(2 * i)), Money::from_cents(r->integer(2 * i + 1))};
  return out;
}

void SqlArrearsRepository::save_ladder(std::int64_t agency_id, const arrears::Ladder& ladder, std::int64_t now) {
  const auto& r = ladder.rungs;
  const bool exists = c_.query_one(kLadder, {agency_id}).has_value();
  c_.execute(exists ? kUpdateLadder : kInsertLadder,
             {agency_id, std::int64_t{r[0].after_days}, r[0].threshold.cents(), std::int64_t{r[1].after_days},
              r[1].threshold.cents(), std::int64_t{r[2].after_days}, r[2].threshold.cents(), now});
}

// The account of a lease of `balance` (called − paid): the newest calls until they cover the
// balance, paid what is left of them (arrears.hpp LeaseAccount).
arrears::LeaseAccount SqlArrearsRepository::account(std::int64_t lease_id, const std::string& until, Money balance) {
  arrears::LeaseAccount out;
  out.lease_id = lease_id;
  Money kept;
  for (std::int64_t limit = kFirstRead; balance > Money::zero(); limit *= 4) {
    // 1. The calls of the lines read: each entry's lines summed with its reversals', in the
    //    order of the originals, newest first.
    struct Net {
      std::string date;
      std::int64_t cents = 0;
    };
    std::map<std::int64_t, Net> by_call;  // by the original entry's id
    const auto rows = c_.query(kRecentCalls, {lease_id, until, limit});
    for (const auto& r : rows) {
      auto& net = by_call[r.opt_integer(3).value_or(r.integer(2))];
      net.cents += r.integer(1);
      if (!r.opt_integer(3)) net.date = r.text(0);  // the original's day
    }
    std::vector<std::pair<std::string, std::int64_t>> calls;  // (day, original id)
    for (const auto& [id, net] : by_call)
      if (!net.date.empty() && net.cents > 0) calls.emplace_back(net.date, id);
    std::sort(calls.begin(), calls.end(), std::greater<>());
    // 2. The newest until they cover the balance (a credit note is in the balance already).
    out.calls.clear();
    kept = Money::zero();
    for (const auto& [date, id] : calls) {
      const auto amount = Money::from_cents(by_call[id].cents);
      out.calls.push_back({parse_date(date).value(), amount});
      kept += amount;
      if (kept >= balance) break;
    }
    if (kept >= balance || static_cast<std::int64_t>(rows.size()) < limit) break;
  }
  out.paid = kept - balance;
  return out;
}

std::vector<arrears::LeaseAccount> SqlArrearsRepository::lease_accounts(std::int64_t agency_id,
                                                                        std::chrono::year_month_day day) {
  const std::string until = to_iso(day);
  std::vector<std::pair<std::int64_t, Money>> balances;
  for (const auto& r : c_.query(std::string(kBalanceColumns) + kAgencyBalances, {agency_id, until}))
    balances.emplace_back(r.integer(0), Money::from_cents(r.integer(1) - r.integer(2)));
  std::vector<arrears::LeaseAccount> out;
  out.reserve(balances.size());
  for (const auto& [lease_id, balance] : balances) out.push_back(account(lease_id, until, balance));
  return out;
}

arrears::LeaseAccount SqlArrearsRepository::lease_account(std::int64_t lease_id, std::chrono::year_month_day day) {
  const std::string until = to_iso(day);
  const auto r = c_.query_one(std::string(kBalanceColumns) + kLeaseBalance, {lease_id, until});
  return account(lease_id, until, r ? Money::from_cents(r->integer(1) - r->integer(2)) : Money::zero());
}

}  // namespace hms::storage
