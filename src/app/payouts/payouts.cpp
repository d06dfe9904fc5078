#include "app/payouts/payouts.hpp"

#include <algorithm>
#include <ctime>

#include "app/agencies/agency_admin.hpp"
#include "app/audit/personal_reads.hpp"
#include "common/date.hpp"
#include "domain/attachments/attachment.hpp"
#include "domain/bank/bank.hpp"
#include "formats/sepa/pain001.hpp"

namespace hms::app {

using std::chrono::year_month_day;
using users::Permission;

namespace {

constexpr const char* kUnknownAgency = "payouts.unknown_agency";

// "HMS-IX-202603-T8K2QS": the agency, the month and the time of the first run in base 36 (at
// most 4 + 16 + 1 + 6 + 1 + 7 = 35 characters).
std::string message_id(const std::string& agency_code, YearMonth month, std::int64_t seconds) {
  std::string time;
  for (auto s = static_cast<std::uint64_t>(seconds); s > 0 || time.empty(); s /= 36)
    time.insert(time.begin(), "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[s % 36]);
  auto month_digits = month.to_string();
  month_digits.erase(4, 1);
  return ("HMS-" + agency_code + "-" + month_digits + "-" + time).substr(0, sepa::kMaxId);
}

sepa::Pain001Version version_of(payouts::FileFormat f) {
  return f == payouts::FileFormat::pain_001_001_03 ? sepa::Pain001Version::v03 : sepa::Pain001Version::v09;
}

std::string file_name(const std::string& agency_code, YearMonth month) {
  return "payouts-" + agency_code + "-" + month.to_string() + ".xml";
}

// Steps 1 of prepare and write: the agency, the rent run done, the plan from the RENT journal.
PayoutView view_of(UnitOfWork& uow, const Context& ctx, const std::optional<std::string>& agency_code, YearMonth month,
                   std::optional<year_month_day> execution) {
  ctx.require(Permission::payouts_run);
  const auto agency = agency_in_scope(uow, ctx, agency_code, kUnknownAgency);
  if (!uow.ledger().rent_run(agency.id, month))
    throw std::move(DomainError(ErrorKind::validation, "payouts.no_rent_run").param("month", month.to_string()).field("month"));
  PayoutView view;
  view.agency_id = agency.id;
  view.agency_code = agency.code;
  view.agency_name = agency.name;
  view.month = month;
  view.has_account = !uow.bank().accounts(agency.id).empty();
  view.run = uow.payouts().find_run(agency.id, month);
  view.format = uow.payouts().format(agency.id).value_or(payouts::FileFormat::pain_001_001_09);
  view.execution_date = execution.value_or(default_execution_date(month, ctx.clock.today()));
  if (view.run) {
    view.format = view.run->format;
    view.execution_date = view.run->execution_date;
  }
  const auto dues = uow.payouts().rents_due(agency.id, month);
  const auto facts = contract_facts(uow, agency.id);
  view.plan = payouts::plan_payouts(month, dues, facts);
  return view;
}

std::int64_t shown(const PayoutView& v) {
  return static_cast<std::int64_t>(v.plan.transfers.size() + v.plan.excluded.size());
}

}  // namespace

std::map<std::int64_t, payouts::ContractFacts> contract_facts(UnitOfWork& uow, std::int64_t agency_id) {
  std::map<std::int64_t, owners::Owner> owners_read;
  owners::OwnerFilter of;
  of.agency_id = agency_id;
  for (auto& o : uow.owners().list(of, 1'000'000, 0)) owners_read.emplace(o.id, std::move(o));
  std::map<std::int64_t, payouts::ContractFacts> facts;
  owners::ContractFilter kf;
  kf.agency_id = agency_id;
  for (const auto& k : uow.owner_contracts().list(kf, 1'000'000, 0)) {
    const auto& o = owners_read.at(k.owner_id);
    facts[k.id] = {k.id, k.dwelling_reference, k.kind, k.management_fee, o.id, o.name, o.iban, o.language};
  }
  return facts;
}

year_month_day default_execution_date(YearMonth month, year_month_day today) {
  return month.first_day() > today ? month.first_day() : today;
}

year_month_day parse_execution_date(std::string_view text, year_month_day today) {
  const auto iso = iso_from_typed_date(text);
  const auto day = iso ? parse_date(*iso) : parse_date(text);
  if (!day.ok() || day.value() < today)
    throw std::move(DomainError(ErrorKind::validation, "payouts.invalid_execution")
                        .param("execution", std::string(text)).field("execution"));
  return day.value();
}

PayoutView prepare_payouts(Store& store, const Context& ctx, const std::optional<std::string>& agency_code,
                           YearMonth month, std::optional<year_month_day> execution) {
  ctx.require(Permission::payouts_run);
  auto uow = store.write();  // the audited read is written
  auto view = view_of(*uow, ctx, agency_code, month, execution);
  record_read(*uow, ctx, {"payouts.list", "owners", shown(view), view.agency_id, ReadFilters().value("month", month.to_string()).str()});
  uow->commit();
  return view;
}

namespace {

// Steps 2-3 of write_payout_file in `uow`: the file of a view; the run recorded the first time
// (`at`: its creation time; recorded_now), the recorded header reused later (409 when the bytes
// would differ). Not audited: the caller is.
PayoutFile make_file(UnitOfWork& uow, const Context& ctx, PayoutView view, std::int64_t at) {
  PayoutFile out;
  out.view = std::move(view);
  auto& v = out.view;
  const auto accounts = uow.bank().accounts(v.agency_id);
  if (accounts.empty())
    throw std::move(DomainError(ErrorKind::validation, "payouts.no_agency_account").param("agency", v.agency_code).field("agency"));
  if (v.plan.transfers.empty())
    throw std::move(DomainError(ErrorKind::validation, "payouts.nothing_to_pay").param("month", v.month.to_string()).field("month"));

  sepa::CreditTransferFile file;
  file.version = version_of(v.format);
  file.message_id = v.run ? v.run->message_id : message_id(v.agency_code, v.month, at);
  file.created_at = v.run ? v.run->created_at_text : iso_utc_time(at);
  file.initiating_party = v.agency_name;
  file.debtor_iban = accounts.front().iban;
  file.debtor_bic = accounts.front().bic;
  file.execution_date = v.execution_date;
  for (const auto& t : v.plan.transfers)
    file.transfers.push_back({t.end_to_end_id, t.net(), t.owner_name, t.iban, t.remittance});
  out.bytes = sepa::write_pain001(file);
  out.file_name = file_name(v.agency_code, v.month);
  const auto sha = attachments::sha256_hex(out.bytes);

  if (v.run && v.run->file_sha256 != sha)
    throw std::move(DomainError(ErrorKind::conflict, "payouts.file_changed")
                        .param("month", v.month.to_string()).param("message_id", v.run->message_id));
  if (!v.run) {
    payouts::Run run;
    run.agency_id = v.agency_id;
    run.month = v.month;
    run.execution_date = v.execution_date;
    run.message_id = sepa::sepa_text(file.message_id, sepa::kMaxId);
    run.created_at_text = file.created_at;
    run.format = v.format;
    run.file_sha256 = sha;
    run.transfers = static_cast<std::int64_t>(v.plan.transfers.size());
    run.total = v.plan.net();
    run.made_by = ctx.user ? std::optional(ctx.user->id) : std::nullopt;
    run.made_at = at;
    run.lines = payouts::run_lines(v.plan);
    uow.payouts().insert_run(run);
    v.run = std::move(run);
    out.recorded_now = true;
  }
  return out;
}

// The confirmation of confirm_payouts in `uow`: the BANK entry on the execution date, the run
// marked confirmed (`at`). Not audited: the caller is.
void post_confirmation(UnitOfWork& uow, const Context& ctx, std::int64_t agency_id, payouts::Run& run, std::int64_t at) {
  uow.ledger().ensure_chart(agency_id);  // 706 for agencies whose chart predates it
  ledger::Draft d;
  d.agency_id = agency_id;
  d.journal = ledger::Journal::bank;
  d.date = run.execution_date;
  d.description = "payouts " + run.month.to_string();
  Money nets, fees;
  for (const auto& l : run.lines) {
    nets += l.net;
    fees += l.fee;
    for (const auto& c : l.contracts) {
      auto owner = ledger::debit(ledger::kOwners, c.gross);
      owner.owner_contract_id = c.owner_contract_id;
      d.lines.push_back(owner);
    }
  }
  d.lines.push_back(ledger::credit(ledger::kBank, nets));
  if (fees > Money::zero()) d.lines.push_back(ledger::credit(ledger::kManagementFees, fees));
  auto entry = ledger::build_entry(std::move(d), uow.ledger().closed_until(agency_id));
  entry.posted_at = at;
  entry.id = uow.ledger().insert(entry);
  const auto user_id = ctx.user ? std::optional(ctx.user->id) : std::nullopt;
  uow.payouts().set_confirmed(run.id, user_id, at, entry.id);
  run.confirmed_by = user_id;
  run.confirmed_at = at;
  run.entry_id = entry.id;
}

}  // namespace

PayoutFile write_payout_file(Store& store, const Context& ctx, const std::optional<std::string>& agency_code,
                             YearMonth month, std::optional<year_month_day> execution, bool record_run) {
  ctx.require(Permission::payouts_run);
  auto uow = store.write();
  // 1. The file asked again: its run first (none in the agency: 404); then the plan, the account
  //    paid from, something to pay.
  if (!record_run &&
      !uow->payouts().find_run(agency_in_scope(*uow, ctx, agency_code, kUnknownAgency).id, month))
    throw std::move(DomainError(ErrorKind::not_found, "payouts.no_file").param("month", month.to_string()));
  // 2-3. The file: the recorded header when there is one, else a new one.
  auto out = make_file(*uow, ctx, view_of(*uow, ctx, agency_code, month, execution), ctx.clock.now_seconds());
  const auto agency_id = out.view.agency_id;
  if (out.recorded_now)
    record(*uow, ctx, "payouts.run", "payout_runs", std::to_string(out.view.run->id), agency_id,
           "month=" + month.to_string() + ",transfers=" + std::to_string(out.view.run->transfers));
  record_read(*uow, ctx, {"payouts.file", "owners", static_cast<std::int64_t>(out.view.plan.transfers.size()), agency_id,
                          ReadFilters().value("month", month.to_string()).str()});
  uow->commit();
  return out;
}

payouts::Run confirm_payouts(Store& store, const Context& ctx, const std::optional<std::string>& agency_code,
                             YearMonth month) {
  ctx.require(Permission::payouts_run);
  auto uow = store.write();
  const auto agency = agency_in_scope(*uow, ctx, agency_code, kUnknownAgency);
  auto run = uow->payouts().find_run(agency.id, month);
  if (!run)
    throw std::move(DomainError(ErrorKind::validation, "payouts.no_file").param("month", month.to_string()).field("month"));
  if (run->confirmed_at)
    throw std::move(DomainError(ErrorKind::conflict, "payouts.already_confirmed").param("month", month.to_string()));
  post_confirmation(*uow, ctx, agency.id, *run, ctx.clock.now_seconds());
  record(*uow, ctx, "payouts.confirm", "payout_runs", std::to_string(run->id), agency.id, "month=" + month.to_string());
  uow->commit();
  return *run;
}

payouts::Run pay_owners(UnitOfWork& uow, const Context& ctx, const agencies::Agency& agency, YearMonth month,
                        payouts::Plan plan, year_month_day execution, std::int64_t made_at, std::int64_t confirmed_at) {
  PayoutView view;
  view.agency_id = agency.id;
  view.agency_code = agency.code;
  view.agency_name = agency.name;
  view.month = month;
  view.execution_date = execution;
  view.format = uow.payouts().format(agency.id).value_or(payouts::FileFormat::pain_001_001_09);
  view.has_account = true;
  view.plan = std::move(plan);
  auto file = make_file(uow, ctx, std::move(view), made_at);
  auto run = std::move(*file.view.run);
  post_confirmation(uow, ctx, agency.id, run, confirmed_at);
  return run;
}

payouts::FileFormat payout_format(Store& store, const Context& ctx) {
  if (!ctx.can(Permission::payouts_run)) ctx.require(Permission::agency_settings_manage);
  auto uow = store.read();
  const auto agency = agency_in_scope(*uow, ctx, std::nullopt, kUnknownAgency);
  return uow->payouts().format(agency.id).value_or(payouts::FileFormat::pain_001_001_09);
}

void set_payout_format(Store& store, const Context& ctx, const std::optional<std::string>& agency_code,
                       payouts::FileFormat format) {
  ctx.require(Permission::agency_settings_manage);
  auto uow = store.write();
  const auto agency = agency_in_scope(*uow, ctx, agency_code, kUnknownAgency);
  uow->payouts().set_format(agency.id, format, ctx.clock.now_seconds());
  record(*uow, ctx, "payouts.format", "agencies", agency.code, agency.id, std::string(payouts::to_string(format)));
  uow->commit();
}

OwnerStatement owner_statement(Store& store, const Context& ctx, std::int64_t owner_id, YearMonth month) {
  // 1. Who: the payment run's permission, an owner of the actor's agency.
  ctx.require(Permission::payouts_run);
  auto uow = store.write();  // the audited read is written
  const auto agency = agency_in_scope(*uow, ctx, std::nullopt, kUnknownAgency);
  auto owner = uow->owners().find_by_id(owner_id);
  if (!owner || owner->agency_id != agency.id) throw DomainError(ErrorKind::not_found, "owners.not_found");
  OwnerStatement st;
  st.rent_run_done = uow->ledger().rent_run(agency.id, month).has_value();
  // 2. The month's plan, as the payment run makes it, narrowed to this owner (none before the
  //    month's rent run: nothing is due yet).
  const auto view = st.rent_run_done ? view_of(*uow, ctx, std::nullopt, month, std::nullopt) : PayoutView{};
  st.agency_code = agency.code;
  st.agency_name = agency.name;
  st.agency_address = agency_address_lines(*uow, agency);
  st.month = month;
  for (const auto& t : view.plan.transfers)
    if (t.owner_id == owner_id) {
      st.contracts = t.contracts;
      st.gross = t.gross;
      st.fee = t.fee;
    }
  for (const auto& x : view.plan.excluded)
    if (x.owner_id == owner_id) {
      st.excluded = x.reason;
      st.gross = x.gross;
    }
  // 3. Paid when the run that holds the owner is confirmed; else the file may be made already.
  if (view.run && !st.excluded) {
    const bool in_run = std::any_of(view.run->lines.begin(), view.run->lines.end(),
                                    [&](const payouts::RunLine& l) { return l.owner_id == owner_id; });
    if (in_run && view.confirmed()) st.paid_on = view.run->execution_date;
    if (in_run && !view.confirmed()) st.file_made_for = view.run->execution_date;
  }
  record_read(*uow, ctx, {"payouts.statement", "owners", 1, agency.id, ReadFilters().value("month", month.to_string()).str()});
  uow->commit();
  st.owner = std::move(*owner);
  return st;
}

}  // namespace hms::app
