#include "app/leases/leases.hpp"

#include <limits>

#include "app/agencies/agency_admin.hpp"
#include "app/audit/personal_reads.hpp"
#include "app/fields/fields.hpp"
#include "app/stock/dwellings.hpp"
#include "app/visible.hpp"
#include "common/date.hpp"
#include "common/text.hpp"
#include "domain/applicants/applicant.hpp"
#include "domain/bank/bank.hpp"
#include "domain/leases/deposit.hpp"
#include "domain/rules/rent_caps.hpp"

namespace hms::app {

using std::chrono::year_month_day;
using users::Permission;

namespace {

DomainError problem(const std::string& code, const std::string& field) {
  return std::move(DomainError(ErrorKind::validation, code).field(field));
}

// The deposit's amount, its form and where it is held; shared by create and update. Its receipt and
// return are posted in the ledger (app/leases/deposits.hpp).
void apply_deposit(const LeaseFields& f, leases::Lease& l, Problems& problems) {
  if (f.deposit) l.deposit = fields::optional_money(f.deposit, "deposit", "leases.invalid_deposit", problems).value_or(Money());
  if (f.deposit_form) {
    const auto typed = to_lower_ascii(trim(*f.deposit_form));
    if (typed.empty()) l.deposit_form.reset();
    else if (auto form = leases::parse_deposit_form(typed)) l.deposit_form = form;
    else problems.add(problem("leases.invalid_deposit_form", "deposit_form"));
  }
  if (f.deposit_held_by) {
    l.deposit_held_by = std::string(trim(*f.deposit_held_by));
    if (l.deposit_held_by.size() > 200) problems.add(problem("leases.text_too_long", "deposit_held_by"));
  }
}

// The tenant-rent cap in force for the dwelling on a day; none when no table covers the day.
std::optional<Money> tenant_rent_cap(UnitOfWork& uow, const stock::Dwelling& d, year_month_day day) {
  auto cap = uow.rules().rent_caps(rules::CapKind::tenant_rent).cap_for(day, d.type, d.bedrooms);
  return cap ? std::optional(cap->amount) : std::nullopt;
}

void check_no_overlap(UnitOfWork& uow, const leases::Lease& l, std::optional<std::int64_t> except) {
  auto others = uow.leases().overlapping(l.dwelling_id, l.period(), except);
  if (others.empty()) return;
  const auto& o = others.front();
  throw std::move(DomainError(ErrorKind::conflict, "leases.overlap")
                      .param("start", to_iso(o.start))
                      .param("end", o.end ? to_iso(*o.end) : "…")
                      .field("start"));
}

stock::StatusRecord by_actor(const Context& ctx) {
  stock::StatusRecord r;
  r.user_id = ctx.user ? std::optional(ctx.user->id) : std::nullopt;
  r.source = ctx.user ? stock::StatusSource::user : stock::StatusSource::system;
  return r;
}

// The dwelling's status from `from`: a new period unless it already has that status; never
// before its running period (history is not rewritten).
void set_dwelling_status(UnitOfWork& uow, const Context& ctx, std::int64_t dwelling_id, stock::DwellingStatus status,
                         year_month_day from, stock::StatusRecord record) {
  auto d = uow.dwellings().find_by_id(dwelling_id);
  if (!d || d->status == status) return;
  uow.dwellings().change_status(dwelling_id, status, std::max(from, d->status_since), ctx.clock.now_seconds(), record);
}

}  // namespace

leases::Lease create_lease(Store& store, const Context& ctx, const LeaseFields& f) {
  ctx.require(Permission::leases_manage);
  auto uow = store.write();
  auto agency = agency_in_scope(*uow, ctx, f.agency, "leases.unknown_agency");
  leases::Lease l;
  l.agency_id = agency.id;
  l.agency_code = agency.code;
  l.created_at = l.updated_at = ctx.clock.now_seconds();
  // 1. Every field, every problem at once.
  Problems problems;
  std::optional<stock::Dwelling> dwelling;
  if (auto id = fields::id_or_none(f.dwelling_id)) dwelling = uow->dwellings().find_by_id(*id);
  if (!dwelling || dwelling->agency_id != agency.id) {
    dwelling.reset();
    problems.add(problem("leases.unknown_dwelling", "dwelling_id"));
  }
  std::optional<applicants::Applicant> applicant;
  if (auto id = fields::id_or_none(f.applicant_id)) applicant = uow->applicants().find_by_id(*id);
  if (!applicant || applicant->agency_id != agency.id) {
    applicant.reset();
    problems.add(problem("leases.unknown_applicant", "applicant_id"));
  }
  auto kind = leases::parse_lease_kind(to_lower_ascii(trim(f.kind.value_or(""))));
  if (!kind) problems.add(problem("leases.invalid_kind", "kind"));
  else l.kind = *kind;
  auto start = fields::optional_date(f.start, "start", problems);
  if (!start && (!f.start || trim(*f.start).empty())) problems.add(problem("leases.start_required", "start"));
  l.end = fields::optional_date(f.end, "end", problems);
  auto rent = fields::optional_money(f.tenant_rent, "tenant_rent", "leases.invalid_rent", problems);
  if (!rent && (!f.tenant_rent || trim(*f.tenant_rent).empty())) problems.add(problem("leases.invalid_rent", "tenant_rent"));
  l.charges = fields::optional_money(f.charges, "charges", "leases.invalid_charges", problems).value_or(Money());
  apply_deposit(f, l, problems);
  if (start) l.start = *start;
  if (rent) l.tenant_rent = *rent;
  if (start && kind && rent) problems.check([&] { leases::validate_lease(l); });
  problems.throw_if_any();
  l.dwelling_id = dwelling->id;
  l.dwelling_reference = dwelling->reference;
  l.applicant_id = applicant->id;
  l.applicant_number = applicant->number;
  l.household_name = applicant->name();
  // 2. The household may be housed: an active applicant whose band allows it.
  if (applicant->status != applicants::Status::active ||
      !applicants::may_be_housed(applicant->band, applicant->over_indebted))
    throw std::move(DomainError(ErrorKind::validation, "leases.applicant_not_eligible")
                        .param("status", std::string(applicants::to_string(applicant->status)))
                        .param("band", applicant->band ? std::string(applicants::to_string(*applicant->band)) : "unknown")
                        .field("applicant_id"));
  l.band = applicant->band ? std::string(applicants::to_string(*applicant->band)) : "unknown";
  l.income_year = applicant->income_year;
  // 3. The agency holds the dwelling on the first day: an owner contract in force.
  owners::ContractFilter held;
  held.agency_id = agency.id;
  held.dwelling_id = l.dwelling_id;
  held.in_force_on = l.start;
  if (uow->owner_contracts().count(held) == 0)
    throw problem("leases.no_owner_contract", "start").param("date", to_iso(l.start));
  // 4. The tenant rent within the tenant-rent cap in force on the first day.
  l.cap = tenant_rent_cap(*uow, *dwelling, l.start);
  leases::check_rent_within_cap(l.tenant_rent, l.cap);
  // 5. No other lease of the dwelling overlaps (the dwelling's row lock orders concurrent writers).
  uow->dwellings().lock(l.dwelling_id, l.created_at);
  check_no_overlap(*uow, l, std::nullopt);
  // 6. Written: the lease with its first rent and its payment reference; the household housed,
  //    the dwelling active from the first day.
  l.id = uow->leases().insert(l);
  uow->applicants().set_status(l.applicant_id, applicants::Status::housed, "", l.start);
  applicants::Change change;
  change.changed_at = l.created_at;
  change.user_id = ctx.user ? std::optional(ctx.user->id) : std::nullopt;
  change.action = "housed";
  change.fields = {"status"};
  change.status = applicants::Status::housed;
  uow->applicants().add_change(l.agency_id, l.applicant_id, change);
  set_dwelling_status(*uow, ctx, l.dwelling_id, stock::DwellingStatus::active, l.start, by_actor(ctx));
  record(*uow, ctx, "leases.create", "leases", std::to_string(l.id), l.agency_id);
  auto stored = uow->leases().find_by_id(l.id);
  uow->commit();
  return *stored;
}

leases::Lease update_lease(Store& store, const Context& ctx, std::int64_t id, const LeaseFields& f) {
  auto uow = store.write();
  auto l = visible<leases::Lease>(*uow, ctx, id);
  ctx.require(Permission::leases_manage);
  uow->dwellings().lock(l.dwelling_id, ctx.clock.now_seconds());
  l = *uow->leases().find_by_id(id);
  const auto before = l;
  Problems problems;
  auto not_editable = [&](const std::optional<std::string>& v, const char* field, const std::string& current) {
    if (v && !trim(*v).empty() && std::string(trim(*v)) != current)
      problems.add(problem("common.field_not_editable", field));
  };
  not_editable(f.agency, "agency", l.agency_code);
  not_editable(f.dwelling_id, "dwelling_id", std::to_string(l.dwelling_id));
  not_editable(f.applicant_id, "applicant_id", std::to_string(l.applicant_id));
  not_editable(f.kind, "kind", std::string(leases::to_string(l.kind)));
  not_editable(f.start, "start", to_iso(l.start));
  l.updated_at = ctx.clock.now_seconds();
  if (f.end) l.end = fields::optional_date(f.end, "end", problems);
  if (f.charges) l.charges = fields::optional_money(f.charges, "charges", "leases.invalid_charges", problems).value_or(Money());
  apply_deposit(f, l, problems);
  // A deposit posted as lodged keeps its amount until that entry is reversed.
  if (l.deposit != before.deposit && leases::standing(uow->leases().deposit_postings(id), leases::DepositEvent::received))
    problems.add(problem("leases.deposit_posted", "deposit"));
  if (f.extended) {
    if (auto v = fields::optional_field(f.extended, "extended", problems, fields::parse_yes_no, "leases.invalid_yes_no"))
      l.extended = *v;
    if (l.extended && !before.extended && l.kind != leases::LeaseKind::short_term)
      problems.add(problem("leases.extension_only_short", "extended"));
    if (!l.extended && before.extended) problems.add(problem("leases.extension_once", "extended"));
  }
  // A notice: who gave it and when it was received; the end follows from the rules when known.
  if (f.notice_by || f.notice_received_on) {
    const auto by_text = to_lower_ascii(trim(f.notice_by.value_or("")));
    auto by = leases::parse_notice_by(by_text);
    if (!by) problems.add(problem("leases.invalid_notice_by", "notice_by"));
    auto received = fields::optional_date(f.notice_received_on, "notice_received_on", problems);
    if (!received && (!f.notice_received_on || trim(*f.notice_received_on).empty()))
      problems.add(problem("leases.notice_date_required", "notice_received_on"));
    if (by && received) {
      l.notice_by = by;
      l.notice_received_on = received;
      const bool end_typed = f.end && !trim(*f.end).empty();
      auto outcome = leases::notice_outcome(l, *by, *received);
      if (!end_typed) {
        if (outcome.rule_known) l.end = outcome.end;
        else problems.add(problem("leases.end_required", "end"));
      }
    }
  }
  // A new rent is a new version from rent_from (default today), within the cap of that day.
  auto rent = fields::optional_money(f.tenant_rent, "tenant_rent", "leases.invalid_rent", problems);
  auto rent_from = fields::optional_date(f.rent_from, "rent_from", problems).value_or(ctx.clock.today());
  std::optional<leases::LeaseRent> version;
  if (rent && *rent != l.tenant_rent) {
    auto dwelling = uow->dwellings().find_by_id(l.dwelling_id);
    version = leases::LeaseRent{rent_from, *rent, "change", tenant_rent_cap(*uow, *dwelling, rent_from), l.updated_at};
    if (rent_from < l.start || (l.end && *l.end < rent_from))
      problems.add(problem("leases.rent_from_outside_lease", "rent_from"));
    if (!l.rent_history.empty() && rent_from <= l.rent_history.back().valid_from)
      problems.add(std::move(DomainError(ErrorKind::validation, "leases.rent_from_before_latest")
                                 .param("date", to_iso(l.rent_history.back().valid_from))
                                 .field("rent_from")));
    problems.check([&] { leases::check_rent_within_cap(*rent, version->cap); });
  }
  auto checked = l;
  if (rent) checked.tenant_rent = *rent;
  problems.check([&] { leases::validate_lease(checked); });
  problems.throw_if_any();
  check_no_overlap(*uow, l, l.id);
  uow->leases().update(l);
  std::string changed;
  auto note = [&](bool differs, const char* name) {
    if (differs) changed += (changed.empty() ? "" : ",") + std::string(name);
  };
  note(l.end != before.end, "end");
  note(l.charges != before.charges, "charges");
  note(l.deposit != before.deposit || l.deposit_form != before.deposit_form || l.deposit_held_by != before.deposit_held_by,
       "deposit");
  note(l.extended != before.extended, "extended");
  note(l.notice_by != before.notice_by || l.notice_received_on != before.notice_received_on, "notice");
  record(*uow, ctx, "leases.update", "leases", std::to_string(id), l.agency_id, changed);
  if (version) {
    uow->leases().add_rent(id, l.agency_id, *version);
    record(*uow, ctx, "leases.rent_change", "leases", std::to_string(id), l.agency_id);
  }
  auto stored = uow->leases().find_by_id(id);
  uow->commit();
  return *stored;
}

leases::Lease end_lease(Store& store, const Context& ctx, std::int64_t id, const std::optional<std::string>& end_text,
                        const std::optional<std::string>& reason) {
  auto uow = store.write();
  auto l = visible<leases::Lease>(*uow, ctx, id);
  ctx.require(Permission::leases_manage);
  uow->dwellings().lock(l.dwelling_id, ctx.clock.now_seconds());
  l = *uow->leases().find_by_id(id);
  // 1. The last day and the reason, both required; not before the start, not after a known end.
  Problems problems;
  auto end = fields::optional_date(end_text, "end", problems);
  if (!end && (!end_text || trim(*end_text).empty())) problems.add(problem("leases.end_required", "end"));
  const std::string why(trim(reason.value_or("")));
  if (why.empty()) problems.add(problem("leases.end_reason_required", "reason"));
  else if (why.size() > 500) problems.add(problem("leases.text_too_long", "reason"));
  if (end && *end < l.start) problems.add(problem("leases.end_before_start", "end"));
  if (end && !l.rent_history.empty() && *end < l.rent_history.back().valid_from)
    problems.add(std::move(DomainError(ErrorKind::validation, "leases.end_before_rent")
                               .param("date", to_iso(l.rent_history.back().valid_from))
                               .field("end")));
  if (!l.end_reason.empty()) problems.add(problem("leases.already_ended", "end"));
  problems.throw_if_any();
  // 2. Written: the end and its reason.
  l.end = end;
  l.end_reason = why;
  l.updated_at = ctx.clock.now_seconds();
  uow->leases().update(l);
  // 3. The dwelling is vacant from the next day, between tenants, unless a lease follows at once.
  const auto next_day = add_days(*end, 1);
  leases::Lease next = l;
  next.start = next_day;
  next.end = next_day;
  if (uow->leases().overlapping(l.dwelling_id, next.period(), l.id).empty()) {
    auto vacancy = by_actor(ctx);
    vacancy.vacancy_reason = stock::VacancyReason::between_tenants;
    set_dwelling_status(*uow, ctx, l.dwelling_id, stock::DwellingStatus::vacant, next_day, vacancy);
  }
  record(*uow, ctx, "leases.end", "leases", std::to_string(id), l.agency_id);
  auto stored = uow->leases().find_by_id(id);
  uow->commit();
  return *stored;
}

leases::Inventory record_inventory(Store& store, const Context& ctx, std::int64_t lease_id, const std::string& kind,
                                   const InventoryInput& in) {
  auto uow = store.write();
  auto l = visible<leases::Lease>(*uow, ctx, lease_id);
  ctx.require(Permission::leases_manage);
  auto parsed_kind = leases::parse_inventory_kind(kind);
  if (!parsed_kind) throw DomainError(ErrorKind::not_found, "leases.not_found");
  leases::Inventory inv;
  inv.agency_id = l.agency_id;
  inv.lease_id = l.id;
  inv.kind = *parsed_kind;
  inv.remarks = std::string(trim(in.remarks));
  inv.recorded_by = ctx.user ? std::optional(ctx.user->id) : std::nullopt;
  inv.recorded_at = ctx.clock.now_seconds();
  // 1. The date and each line as typed, every problem at once.
  Problems problems;
  const std::optional<std::string> typed_date = in.done_on;
  auto done_on = fields::optional_date(typed_date, "done_on", problems);
  if (!done_on && trim(in.done_on).empty()) problems.add(problem("leases.inventory_date_required", "done_on"));
  for (const auto& line : in.lines) {
    leases::InventoryItem item{std::string(trim(line.room)), std::string(trim(line.item)), leases::Condition::good,
                               std::string(trim(line.remarks))};
    if (item.room.empty() && item.item.empty() && item.remarks.empty()) continue;  // a blank line of the form
    auto condition = leases::parse_condition(to_lower_ascii(trim(line.condition)));
    if (!condition) {
      const auto n = std::to_string(inv.items.size() + 1);
      problems.add(std::move(DomainError(ErrorKind::validation, "leases.inventory_line").param("line", n).field("items." + n)));
    } else {
      item.condition = *condition;
    }
    inv.items.push_back(std::move(item));
  }
  if (done_on) {
    inv.done_on = *done_on;
    problems.check([&] { leases::validate_inventory(inv, l); });
  }
  problems.throw_if_any();
  // 2. Written, replacing the previous one of that kind.
  inv.id = uow->leases().save_inventory(inv);
  record(*uow, ctx, "leases.inventory", "leases", std::to_string(l.id), l.agency_id, "kind=" + kind);
  uow->commit();
  return inv;
}

std::vector<leases::Inventory> lease_inventories(Store& store, const Context& ctx, std::int64_t lease_id) {
  auto uow = store.read();
  visible<leases::Lease>(*uow, ctx, lease_id);
  return uow->leases().inventories(lease_id);
}

leases::Lease find_lease(Store& store, const Context& ctx, std::int64_t id) {
  auto uow = store.read();
  return visible<leases::Lease>(*uow, ctx, id);
}

leases::Lease read_lease(Store& store, const Context& ctx, std::int64_t id) {
  auto uow = store.write();  // the read is audited in the same transaction
  auto l = visible<leases::Lease>(*uow, ctx, id);
  record(*uow, ctx, "leases.read", "leases", std::to_string(id), l.agency_id);
  uow->commit();
  return l;
}

namespace {

std::string filters_of(const leases::LeaseFilter& f) {
  auto id = [](const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : std::string(); };
  return ReadFilters()
      .value("dwelling_id", id(f.dwelling_id))
      .value("applicant_id", id(f.applicant_id))
      .value("kind", f.kind ? std::string(leases::to_string(*f.kind)) : "")
      .value("in_force_on", f.in_force_on ? to_iso(*f.in_force_on) : "")
      .free_text("q", f.query)
      .str();
}

Page<leases::Lease> read_leases(Store& store, const Context& ctx, leases::LeaseFilter filter, Paging paging,
                                const char* action, bool file) {
  ctx.require(Permission::leases_view);
  auto uow = store.write();
  filter.agency_id = ctx.scope().agency_id;  // agency roles only hold leases_view: their own agency
  PersonalRead read{action, "leases", 0, filter.agency_id, filters_of(filter)};
  if (file) count_export(*uow, ctx, read);
  Page<leases::Lease> page{uow->leases().list(filter, paging.limit, paging.offset), uow->leases().count(filter)};
  read.rows = static_cast<std::int64_t>(page.items.size());
  record_read(*uow, ctx, read);
  uow->commit();
  return page;
}

IncomeMix mix_of(const leases::IncomeMixRow& r) {
  return {r.agency_id, r.agency_code, r.leases, r.at_or_below, share_text(r.at_or_below, r.leases),
          3 * r.at_or_below >= 2 * r.leases};
}

}  // namespace

Page<leases::Lease> list_leases(Store& store, const Context& ctx, leases::LeaseFilter filter, Paging paging) {
  return read_leases(store, ctx, std::move(filter), paging, "leases.list", false);
}

Page<leases::Lease> export_leases(Store& store, const Context& ctx, leases::LeaseFilter filter) {
  return read_leases(store, ctx, std::move(filter), Paging{1'000'000, 0}, "leases.export", true);
}

ApplicantChoices choose_applicant(Store& store, const Context& ctx, const std::string& query,
                                  std::optional<std::int64_t> chosen_id) {
  ctx.require(Permission::leases_manage);
  ApplicantChoices out;
  const auto q = std::string(trim(query));
  if (q.empty() && !chosen_id) return out;
  auto uow = store.write();
  const auto agency = ctx.scope().agency_id.value_or(0);
  if (chosen_id) {
    auto found = uow->applicants().find_by_id(*chosen_id);
    if (found && found->agency_id == agency) {
      for (auto& m : found->members) m.national_number.clear();  // never shown on a form
      out.chosen = std::move(found);
    }
  }
  if (!q.empty()) {
    applicants::ApplicantFilter filter;
    filter.agency_id = agency;
    filter.query = q;
    filter.status = applicants::Status::active;
    out.matches = uow->applicants().list(filter, kApplicantChoices + 1, 0);
    out.more = out.matches.size() > static_cast<std::size_t>(kApplicantChoices);
    if (out.more) out.matches.resize(kApplicantChoices);
  }
  const auto shown = static_cast<std::int64_t>(out.matches.size()) + (out.chosen ? 1 : 0);
  record_read(*uow, ctx, {"applicants.search", "applicants", shown, agency, ReadFilters().free_text("q", q).str()});
  uow->commit();
  return out;
}

std::string share_text(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return "0.0000";
  // part / whole in ten-thousandths, half up.
  const std::int64_t n = (part * 20000 + whole) / (2 * whole);
  std::string digits = std::to_string(n % 10000);
  digits.insert(0, 4 - digits.size(), '0');
  return std::to_string(n / 10000) + "." + digits;
}

std::vector<IncomeMix> income_mix(Store& store, const Context& ctx, year_month_day day, const std::string& agency_code) {
  ctx.require(Permission::income_mix_view);
  auto uow = store.read();
  std::vector<IncomeMix> out;
  for (const auto& r : uow->leases().income_mix(agency_filter(*uow, ctx, agency_code), day)) out.push_back(mix_of(r));
  return out;
}

std::vector<IncomeMixPoint> income_mix_trend(Store& store, const Context& ctx, year_month_day day, int months) {
  ctx.require(Permission::income_mix_view);
  auto uow = store.read();
  const auto scope = ctx.scope().agency_id;
  std::vector<IncomeMixPoint> out;
  const std::chrono::year_month this_month{day.year(), day.month()};
  for (int back = months - 1; back >= -1; --back) {
    // The first day of each month, then the day itself.
    const auto point = back >= 0 ? year_month_day((this_month - std::chrono::months(back)) / 1) : day;
    if (back == 0 && point == day) continue;
    leases::IncomeMixRow total{0, "", 0, 0};
    for (const auto& r : uow->leases().income_mix(scope, point)) {
      total.leases += r.leases;
      total.at_or_below += r.at_or_below;
    }
    out.push_back({point, mix_of(total)});
  }
  return out;
}

IncomeMix income_mix_with(Store& store, const Context& ctx, year_month_day day, std::string_view band) {
  ctx.require(Permission::leases_manage);
  auto uow = store.read();
  const auto agency = ctx.scope().agency_id.value_or(0);
  leases::IncomeMixRow row{agency, "", 0, 0};
  for (const auto& r : uow->leases().income_mix(agency, day)) row = r;
  row.leases += 1;
  if (band == "eligible") row.at_or_below += 1;
  return mix_of(row);
}

HouseholdAddressee household_addressee(UnitOfWork& uow, const agencies::Agency& agency, leases::Lease lease) {
  HouseholdAddressee out;
  out.agency_code = agency.code;
  out.agency_name = agency.name;
  out.agency_address = agency_address_lines(uow, agency);
  const auto accounts = uow.bank().accounts(agency.id);
  if (!accounts.empty()) out.agency_iban = accounts.front().iban;
  if (auto household = uow.applicants().find_by_id(lease.applicant_id); household && !household->language.empty())
    out.language = household->language;
  out.dwelling = uow.dwellings().find_by_id(lease.dwelling_id).value();
  out.lease = std::move(lease);
  return out;
}

}  // namespace hms::app
