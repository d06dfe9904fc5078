#include "app/bank/bank.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "app/agencies/agency_admin.hpp"
#include "app/visible.hpp"
#include "common/date.hpp"
#include "common/iban.hpp"
#include "domain/arrears/arrears.hpp"
#include "domain/leases/payment_reference.hpp"
#include "formats/bank/bank_file.hpp"

namespace hms::app {

template <>
struct Visibility<bank::StoredMovement> {
  static constexpr users::Permission permission = users::Permission::ledger_view;
  static constexpr const char* not_found = "bank.movement_not_found";
  static std::optional<bank::StoredMovement> find(UnitOfWork& uow, std::int64_t id) { return uow.bank().find_movement(id); }
};

using users::Permission;

namespace {

std::optional<std::int64_t> actor_id(const Context& ctx) { return ctx.user ? std::optional(ctx.user->id) : std::nullopt; }

// 8 or 11 letters and digits, upper-cased ("GKCCBEBB").
std::string checked_bic(std::string_view text) {
  std::string bic;
  for (char c : text)
    if (c != ' ') bic += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const bool alnum = std::all_of(bic.begin(), bic.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
  if ((bic.size() != 8 && bic.size() != 11) || !alnum)
    throw std::move(DomainError(ErrorKind::validation, "bank.invalid_bic").param("value", std::string(text)).field("bic"));
  return bic;
}

// Every lease's account as the arrears read it (arrears.hpp LeaseAccount), whatever the date of
// its calls: a rent run of next month is already due.
std::map<std::int64_t, arrears::LeaseAccount> lease_accounts(UnitOfWork& uow, std::int64_t agency_id) {
  constexpr auto kAnyDay = std::chrono::year{9999} / 12 / 31;
  std::map<std::int64_t, arrears::LeaseAccount> out;
  for (auto& a : uow.arrears().lease_accounts(agency_id, kAnyDay)) out.emplace(a.lease_id, std::move(a));
  return out;
}

// What is left to pay of each open call of an account, what the IBAN + amount rule compares a
// credit with.
std::vector<Money> open_amounts(const arrears::LeaseAccount& account) {
  std::vector<Money> out;
  for (const auto& c : arrears::open_calls(account.calls, account.paid)) out.push_back(c.amount);
  return out;
}

// How a payment's entry is described: the statement, the movement and who paid ("003/12 DUBOIS MARIE").
// The BANK entry's description: the statement and the movement's place in it, never the payer's
// name (the ledger is kept for years and its entries never change; the name stays on the bank
// movement, which a household's erasure can clear).
std::string movement_text(const bank::StoredMovement& m) {
  return m.statement_number + "/" + std::to_string(m.sequence);
}

std::string shown_communication(const bank::BankMovement& m) {
  if (m.structured_communication) return leases::format_payment_reference(*m.structured_communication);
  return m.free_communication;
}

}  // namespace

ledger::Entry payment_entry(std::int64_t agency_id, std::chrono::year_month_day day, std::string description,
                            std::int64_t lease_id, Money amount, std::optional<YearMonth> closed) {
  ledger::Draft d;
  d.agency_id = agency_id;
  d.journal = ledger::Journal::bank;
  d.date = day;
  d.description = std::move(description);
  d.lines.push_back(ledger::debit(ledger::kBank, amount));
  auto tenant = ledger::credit(ledger::kTenants, amount);
  tenant.lease_id = lease_id;
  d.lines.push_back(tenant);
  return ledger::build_entry(std::move(d), closed);
}

std::vector<bank::AgencyAccount> agency_bank_accounts(Store& store, const Context& ctx,
                                                      const std::optional<std::string>& agency_code) {
  if (!ctx.can(Permission::agency_settings_manage)) ctx.require(Permission::ledger_view);
  auto uow = store.read();
  return uow->bank().accounts(agency_in_scope(*uow, ctx, agency_code, "bank.unknown_agency").id);
}

bank::AgencyAccount set_agency_bank_account(Store& store, const Context& ctx, const std::optional<std::string>& agency_code,
                                            std::string_view iban_text, std::string_view bic_text) {
  // 1. Who: the agency's settings, within the actor's scope.
  ctx.require(Permission::agency_settings_manage);
  // 2. What: an IBAN whose check digits hold, a BIC of 8 or 11 characters.
  const auto iban = checked_iban(iban_text);
  if (!iban)
    throw std::move(DomainError(ErrorKind::validation, "bank.invalid_iban").param("value", std::string(iban_text)).field("iban"));
  const auto bic = checked_bic(bic_text);
  auto uow = store.write();
  const auto agency = agency_in_scope(*uow, ctx, agency_code, "bank.unknown_agency");
  // 3. A new account is added; one the agency has gets the BIC given.
  bank::AgencyAccount account;
  if (auto found = uow->bank().find_account(agency.id, *iban)) {
    account = *found;
    account.bic = bic;
    uow->bank().set_bic(account.id, bic);
  } else {
    account = {0, agency.id, *iban, bic, ctx.clock.now_seconds()};
    uow->bank().add_account(account);
  }
  record(*uow, ctx, "bank.account_set", "bank_accounts", std::to_string(account.id), agency.id);
  uow->commit();
  return account;
}

BankImport import_bank_file(Store& store, const Context& ctx, const std::optional<std::string>& agency_code,
                            std::string_view bytes) {
  // 1. Who: posting into the ledger, the agency within the actor's scope.
  ctx.require(Permission::ledger_post);
  // 2. The whole file is parsed and checked before anything is read or written.
  bank::BankFile file;
  try {
    file = bank::parse_bank_file(bytes);
  } catch (const bank::BankFileError& e) {
    throw bank::invalid_file_error(e);
  }
  auto uow = store.write();
  const auto agency = agency_in_scope(*uow, ctx, agency_code, "bank.unknown_agency");

  // 3. Every statement is of one of the agency's accounts and new.
  std::vector<std::int64_t> account_ids;
  for (const auto& s : file.statements) {
    auto account = uow->bank().find_account(agency.id, s.account_iban);
    if (!account)
      throw std::move(DomainError(ErrorKind::validation, "bank.unknown_account").param("iban", s.account_iban).field("file"));
    if (uow->bank().statement_exists(agency.id, account->id, s.number, s.date))
      throw std::move(DomainError(ErrorKind::conflict, "bank.duplicate_statement")
                          .param("iban", s.account_iban).param("number", s.number).param("date", to_iso(s.date)).field("file"));
    account_ids.push_back(account->id);
  }

  // 4. What the matcher knows of the agency's leases: references, paying IBANs (blind indexes),
  //    open calls.
  leases::LeaseFilter lf;
  lf.agency_id = agency.id;
  std::vector<bank::OpenLease> open;
  std::map<std::int64_t, std::string> dwellings;
  auto paying = uow->bank().paying_iban_indexes(agency.id);
  auto accounts = lease_accounts(*uow, agency.id);
  for (const auto& l : uow->leases().list(lf, 1'000'000, 0)) {
    open.push_back({l.id, l.payment_reference, paying[l.id], open_amounts(accounts[l.id])});
    dwellings[l.id] = l.dwelling_reference;
  }
  auto lease_at = [&](std::int64_t id) -> bank::OpenLease& {
    return *std::find_if(open.begin(), open.end(), [&](const bank::OpenLease& l) { return l.lease_id == id; });
  };

  // 5. The statements and their movements; each credit matched posts its BANK entry, and what it
  //    paid counts for the next credits of the file.
  uow->ledger().ensure_chart(agency.id);
  const auto closed = uow->ledger().closed_until(agency.id);
  const auto now = ctx.clock.now_seconds();
  BankImport report;
  report.format = file.format;
  for (std::size_t i = 0; i < file.statements.size(); ++i) {
    const auto& s = file.statements[i];
    bank::StoredStatement stored{0, agency.id, account_ids[i], s.number, s.date, s.old_balance, s.new_balance,
                                 file.format, actor_id(ctx), now};
    uow->bank().insert_statement(stored);
    ++report.statements;
    for (const auto& m : s.movements) {
      bank::StoredMovement row;
      row.agency_id = agency.id;
      row.statement_id = stored.id;
      row.statement_number = s.number;
      row.sequence = m.sequence;
      row.booking_date = m.booking_date;
      row.amount = m.amount;
      row.counterparty_name = m.counterparty_name;
      row.counterparty_iban = m.counterparty_iban;
      row.structured = m.structured_communication.has_value();
      row.communication = m.structured_communication.value_or(m.free_communication);
      const std::string index = m.counterparty_iban.empty() ? std::string() : uow->bank().iban_index(m.counterparty_iban);
      const auto result = bank::match_credit({m.amount, m.structured_communication, index}, open);
      if (result.lease_id) {
        auto entry = payment_entry(agency.id, row.booking_date, movement_text(row), *result.lease_id, row.amount, closed);
        entry.posted_at = now;
        uow->ledger().insert(entry);
        row.status = bank::MovementStatus::matched;
        row.lease_id = result.lease_id;
        row.entry_id = entry.id;
        row.match_method = bank::to_string(*result.method);
        row.matched_by = actor_id(ctx);
        row.matched_at = now;
        auto& lease = lease_at(*result.lease_id);
        auto& account = accounts[*result.lease_id];
        account.paid += m.amount;
        lease.open_call_amounts = open_amounts(account);
        if (!index.empty() && std::ranges::find(lease.paying_ibans, index) == lease.paying_ibans.end())
          lease.paying_ibans.push_back(index);
        ++report.matched;
        ++report.matched_by[row.match_method];
      } else {
        row.unmatched_reason = bank::to_string(*result.reason);
        ++report.unmatched;
      }
      uow->bank().insert_movement(row);
      ++report.movements;
      report.lines.push_back({row.id, s.number, m.sequence, m.booking_date, m.amount, m.counterparty_name,
                              row.counterparty_iban_last4, shown_communication(m), row.lease_id,
                              row.lease_id ? dwellings[*row.lease_id] : std::string(), result.method, result.reason});
    }
  }
  record(*uow, ctx, "bank.import", "agencies", agency.code, agency.id,
         "statements=" + std::to_string(report.statements) + ",movements=" + std::to_string(report.movements) +
             ",matched=" + std::to_string(report.matched));
  uow->commit();
  return report;
}

Page<bank::StoredMovement> list_bank_movements(Store& store, const Context& ctx, std::optional<bank::MovementStatus> status,
                                               Paging paging) {
  ctx.require(Permission::ledger_view);
  auto uow = store.read();
  bank::MovementFilter f{agency_in_scope(*uow, ctx, std::nullopt, "bank.unknown_agency").id, status};
  return {uow->bank().movements(f, paging.limit, paging.offset), uow->bank().count_movements(f)};
}

bank::StoredMovement read_bank_movement(Store& store, const Context& ctx, std::int64_t id) {
  auto uow = store.read();
  return visible<bank::StoredMovement>(*uow, ctx, id);
}

std::vector<MatchCandidate> match_candidates(Store& store, const Context& ctx, std::int64_t movement_id,
                                             const std::string& query) {
  constexpr std::size_t kShown = 50;
  auto uow = store.read();
  const auto movement = visible<bank::StoredMovement>(*uow, ctx, movement_id);
  auto accounts = lease_accounts(*uow, movement.agency_id);
  // 1. Which amount is looked for, if any: none typed, the movement's; else a typed amount.
  std::optional<Money> amount;
  if (query.empty()) amount = movement.amount;
  else if (auto typed = Money::parse(query); typed && query.find_first_of("0123456789") != std::string::npos &&
                                             query.find_first_not_of("0123456789.,- ") == std::string::npos && query.size() < 12)
    amount = typed.value();
  // 2. The leases: all of the agency for an amount, else those the lease search finds.
  leases::LeaseFilter f;
  f.agency_id = movement.agency_id;
  if (!amount) f.query = query;
  std::vector<MatchCandidate> out;
  for (const auto& l : uow->leases().list(f, amount ? 1'000'000 : static_cast<int>(kShown), 0)) {
    const auto open = open_amounts(accounts[l.id]);
    MatchCandidate c{l.id, l.dwelling_reference, l.household_name, l.payment_reference, Money::zero(), false};
    for (const auto& a : open) {
      c.open += a;
      c.amount_fits = c.amount_fits || a == (amount ? *amount : movement.amount);
    }
    if (amount && !c.amount_fits) continue;
    out.push_back(std::move(c));
    if (out.size() >= kShown) break;
  }
  return out;
}

bank::StoredMovement match_bank_movement(Store& store, const Context& ctx, std::int64_t movement_id,
                                         std::int64_t lease_id) {
  // 1. Who: posting; the movement and the lease both of the actor's agency, else 404.
  ctx.require(Permission::ledger_post);
  auto uow = store.write();
  auto movement = visible<bank::StoredMovement>(*uow, ctx, movement_id);
  const auto lease = uow->leases().find_by_id(lease_id);
  if (!lease || lease->agency_id != movement.agency_id || !ctx.scope().reaches(lease->agency_id))
    throw DomainError(ErrorKind::not_found, "leases.not_found");
  // 2. Only an unmatched credit.
  if (movement.status != bank::MovementStatus::unmatched) throw DomainError(ErrorKind::conflict, "bank.already_matched");
  if (movement.amount <= Money::zero())
    throw std::move(DomainError(ErrorKind::validation, "bank.not_a_credit").field("lease_id"));
  // 3. The BANK entry, then the movement matched.
  uow->ledger().ensure_chart(movement.agency_id);
  const auto now = ctx.clock.now_seconds();
  auto entry = payment_entry(movement.agency_id, movement.booking_date, movement_text(movement), lease_id, movement.amount,
                             uow->ledger().closed_until(movement.agency_id));
  entry.posted_at = now;
  uow->ledger().insert(entry);
  // Still unmatched when the update comes: two people matching the line at once (PostgreSQL runs
  // them side by side) post one entry, the other's is rolled back with a 409.
  if (!uow->bank().set_matched(movement_id, lease_id, entry.id, "manual", actor_id(ctx), now))
    throw DomainError(ErrorKind::conflict, "bank.already_matched");
  record(*uow, ctx, "bank.match", "bank_movements", std::to_string(movement_id), movement.agency_id,
         "lease=" + std::to_string(lease_id));
  uow->commit();
  movement.status = bank::MovementStatus::matched;
  movement.lease_id = lease_id;
  movement.entry_id = entry.id;
  movement.match_method = "manual";
  movement.unmatched_reason.clear();
  movement.matched_by = actor_id(ctx);
  movement.matched_at = now;
  return movement;
}

}  // namespace hms::app
