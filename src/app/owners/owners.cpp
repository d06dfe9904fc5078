#include "app/owners/owners.hpp"

#include <limits>

#include "app/agencies/agency_admin.hpp"
#include "app/audit/personal_reads.hpp"
#include "app/fields/fields.hpp"
#include "app/stock/dwellings.hpp"
#include "app/visible.hpp"
#include "app/users/passwords.hpp"
#include "common/date.hpp"
#include "common/text.hpp"
#include "domain/rules/rent_caps.hpp"

namespace hms::app {

template <>
struct Visibility<owners::Owner> {
  static constexpr users::Permission permission = users::Permission::owners_view;
  static constexpr const char* not_found = "owners.not_found";
  static std::optional<owners::Owner> find(UnitOfWork& uow, std::int64_t id) { return uow.owners().find_by_id(id); }
};

template <>
struct Visibility<owners::OwnerContract> {
  static constexpr users::Permission permission = users::Permission::owners_view;
  static constexpr const char* not_found = "owners.contract_not_found";
  static std::optional<owners::OwnerContract> find(UnitOfWork& uow, std::int64_t id) {
    return uow.owner_contracts().find_by_id(id);
  }
};

using users::Permission;

namespace {

// Runs a use case that reads owners. An IBAN that does not open for its row (a ciphertext
// copied from another owner behind hms's back, ADR 0007) fails it loudly, and the refusal is
// recorded in the audit log in a transaction of its own (the use case's is rolled back).
template <typename F>
auto reading_owners(Store& store, const Context& ctx, F&& use_case) -> decltype(use_case()) {
  try {
    return use_case();
  } catch (const DomainError& e) {
    if (e.code() == "owners.iban_unreadable") {
      auto uow = store.write();
      record(*uow, ctx, "owners.iban_unreadable", "owners", e.params().at("owner"),
             std::stoll(e.params().at("agency")));
      uow->commit();
    }
    throw;
  }
}


void apply(const OwnerFields& f, owners::Owner& o, bool creating, Problems& problems) {
  if (f.kind || creating) {
    auto k = owners::parse_owner_kind(to_lower_ascii(trim(f.kind.value_or(""))));
    if (!k) problems.add(std::move(DomainError(ErrorKind::validation, "owners.invalid_kind").field("kind")));
    else o.kind = *k;
  }
  if (f.name) o.name = *f.name;
  if (f.iban) o.iban = *f.iban;
  if (f.company_number) o.company_number = *f.company_number;
  if (f.email) o.email = *f.email;
  if (f.phone) o.phone = *f.phone;
  if (f.address) o.address = *f.address;
  if (f.language) o.language = to_lower_ascii(trim(*f.language));
  problems.check([&] { o = owners::validate_owner(o); });
}

}  // namespace

owners::Owner owner_from_fields(const OwnerFields& f, owners::Owner base, bool creating) {
  Problems problems;
  apply(f, base, creating, problems);
  problems.throw_if_any();
  return base;
}

owners::Owner create_owner(Store& store, const Context& ctx, const OwnerFields& f) {
  ctx.require(Permission::owners_manage);
  auto uow = store.write();
  auto agency = agency_in_scope(*uow, ctx, f.agency, "owners.unknown_agency");
  owners::Owner o;
  o.agency_id = agency.id;
  o.agency_code = agency.code;
  o.created_at = o.updated_at = ctx.clock.now_seconds();
  o = owner_from_fields(f, o, true);
  o.id = uow->owners().insert(o);
  record(*uow, ctx, "owners.create", "owners", std::to_string(o.id), o.agency_id);
  uow->commit();
  return o;
}

owners::Owner update_owner(Store& store, const Context& ctx, std::int64_t id, const OwnerFields& f,
                           IbanConfirmation confirmation) {
  return reading_owners(store, ctx, [&] {
    // 1. A new IBAN (compared normalised) is confirmed by the user's password on a page, before
    //    the write transaction: the check is a throttled attempt with a transaction of its own.
    bool confirmed = confirmation != IbanConfirmation::password;
    if (!confirmed) {
      const auto current = visible<owners::Owner>(*store.read(), ctx, id);
      ctx.require(Permission::owners_manage);
      if (owner_from_fields(f, current, false).iban != current.iban) {
        confirm_password(store, ctx, f.password);
        confirmed = true;
      }
    }
    auto uow = store.write();
    const auto before = visible<owners::Owner>(*uow, ctx, id);
    ctx.require(Permission::owners_manage);
    if (f.agency && !trim(*f.agency).empty() && agencies::normalise_agency_code(trim(*f.agency)) != before.agency_code)
      throw DomainError(ErrorKind::validation, "common.field_not_editable").field("agency");
    auto o = owner_from_fields(f, before, false);
    // (The IBAN changed since step 1 read it: confirm again.)
    if (o.iban != before.iban && !confirmed)
      throw DomainError(ErrorKind::validation, "users.password_confirmation_required").field("password");
    // 2. The audit entry names the fields that changed, never their values.
    std::string changed;
    for (const auto& [field, differs] : {std::pair{"kind", o.kind != before.kind}, {"name", o.name != before.name},
                                         {"iban", o.iban != before.iban},
                                         {"company_number", o.company_number != before.company_number},
                                         {"email", o.email != before.email}, {"phone", o.phone != before.phone},
                                         {"address", o.address != before.address},
                                         {"language", o.language != before.language}})
      if (differs) changed += (changed.empty() ? "" : ",") + std::string(field);
    o.updated_at = ctx.clock.now_seconds();
    uow->owners().update(o);
    record(*uow, ctx, "owners.update", "owners", std::to_string(id), o.agency_id, changed);
    uow->commit();
    return o;
  });
}

void require_owner_visible(Store& store, const Context& ctx, std::int64_t id) {
  auto uow = store.read();
  visible<owners::Owner>(*uow, ctx, id);
}

owners::Owner find_owner(Store& store, const Context& ctx, std::int64_t id) {
  return reading_owners(store, ctx, [&] {
    auto uow = store.write();  // the read is audited in the same transaction
    auto o = visible<owners::Owner>(*uow, ctx, id);
    record(*uow, ctx, "owners.read", "owners", std::to_string(id), o.agency_id);
    uow->commit();
    return o;
  });
}

namespace {

std::string filters_of(const owners::OwnerFilter& f) {
  return ReadFilters()
      .value("kind", f.kind ? std::string(owners::to_string(*f.kind)) : "")
      .free_text("q", f.query)
      .str();
}

std::string filters_of(const owners::ContractFilter& f) {
  auto id = [](const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : std::string(); };
  auto day = [](const std::optional<std::chrono::year_month_day>& d) { return d ? to_iso(*d) : std::string(); };
  return ReadFilters()
      .value("dwelling_id", id(f.dwelling_id))
      .value("owner_id", id(f.owner_id))
      .value("kind", f.kind ? std::string(owners::to_string(*f.kind)) : "")
      .value("ending_from", day(f.ending_from))
      .value("ending_to", day(f.ending_to))
      .value("in_force_on", day(f.in_force_on))
      .free_text("q", f.query)
      .str();
}

// The agency of a list's audit entry: the one its filter names (none: several, or none found).
std::optional<std::int64_t> audited_agency(const std::optional<std::int64_t>& agency_id) {
  return agency_id && *agency_id > 0 ? agency_id : std::nullopt;
}

// A list or a file of owners: read and audited in one transaction; a file is one of the user's
// exports, counted first.
Page<owners::Owner> read_owners(Store& store, const Context& ctx, owners::OwnerFilter filter,
                                const std::string& agency_code, Paging paging, const char* action, bool file) {
  ctx.require(Permission::owners_view);
  return reading_owners(store, ctx, [&] {
    auto uow = store.write();
    filter.agency_id = agency_filter(*uow, ctx, agency_code);
    PersonalRead read{action, "owners", 0, audited_agency(filter.agency_id), filters_of(filter)};
    if (file) count_export(*uow, ctx, read);
    Page<owners::Owner> page{uow->owners().list(filter, paging.limit, paging.offset), uow->owners().count(filter)};
    read.rows = static_cast<std::int64_t>(page.items.size());
    record_read(*uow, ctx, read);
    uow->commit();
    return page;
  });
}

Page<owners::OwnerContract> read_contracts(Store& store, const Context& ctx, owners::ContractFilter filter,
                                           const std::string& agency_code, Paging paging, const char* action,
                                           bool file) {
  ctx.require(Permission::owners_view);
  auto uow = store.write();
  filter.agency_id = agency_filter(*uow, ctx, agency_code);
  PersonalRead read{action, "owner_contracts", 0, audited_agency(filter.agency_id), filters_of(filter)};
  if (file) count_export(*uow, ctx, read);
  Page<owners::OwnerContract> page{uow->owner_contracts().list(filter, paging.limit, paging.offset),
                                   uow->owner_contracts().count(filter)};
  read.rows = static_cast<std::int64_t>(page.items.size());
  record_read(*uow, ctx, read);
  uow->commit();
  return page;
}

}  // namespace

Page<owners::Owner> list_owners(Store& store, const Context& ctx, owners::OwnerFilter filter,
                                const std::string& agency_code, Paging paging) {
  return read_owners(store, ctx, std::move(filter), agency_code, paging, "owners.list", false);
}

Page<owners::Owner> export_owners(Store& store, const Context& ctx, owners::OwnerFilter filter,
                                  const std::string& agency_code) {
  return read_owners(store, ctx, std::move(filter), agency_code, Paging{kExportRows, 0}, "owners.export", true);
}

OwnerChoices choose_owner(Store& store, const Context& ctx, const std::string& query,
                          std::optional<std::int64_t> chosen_id) {
  ctx.require(Permission::owners_view);
  OwnerChoices out;
  const auto q = std::string(trim(query));
  if (q.empty() && !chosen_id) return out;
  auto uow = store.write();
  owners::OwnerFilter filter;
  filter.agency_id = agency_filter(*uow, ctx, "");
  if (chosen_id) {
    auto found = uow->owners().choices(filter, *chosen_id, 1);
    if (!found.empty()) out.chosen = found.front();
  }
  if (!q.empty()) {
    filter.query = q;
    out.matches = uow->owners().choices(filter, std::nullopt, kChoicesShown + 1);
    out.more = out.matches.size() > static_cast<std::size_t>(kChoicesShown);
    if (out.more) out.matches.resize(kChoicesShown);
  }
  const auto shown = static_cast<std::int64_t>(out.matches.size()) + (out.chosen ? 1 : 0);
  record_read(*uow, ctx, {"owners.search", "owners", shown, audited_agency(filter.agency_id), filters_of(filter)});
  uow->commit();
  return out;
}

namespace {

void bool_field(const std::optional<std::string>& text, const char* field, bool& target, Problems& problems) {
  if (auto v = fields::optional_field(text, field, problems, fields::parse_yes_no, "owners.invalid_yes_no")) target = *v;
}

// A fee as typed; one that does not read is kept as -1 basis points, for validate_contract to report.
Rate typed_fee(const std::string& text) {
  try {
    return fields::parse_percent(text, "owners.invalid_management_fee");
  } catch (const DomainError&) {
    return Rate::from_basis_points(-1);
  }
}

// The owner-rent cap in force for the dwelling on a day; none when no table covers the day.
std::optional<Money> owner_rent_cap(UnitOfWork& uow, const stock::Dwelling& d, std::chrono::year_month_day day) {
  auto cap = uow.rules().rent_caps(rules::CapKind::owner_rent).cap_for(day, d.type, d.bedrooms);
  return cap ? std::optional(cap->amount) : std::nullopt;
}

// Two contracts on one dwelling may not overlap (409, naming the other contract's dates).
void check_no_overlap(UnitOfWork& uow, const owners::OwnerContract& k, std::optional<std::int64_t> except) {
  auto others = uow.owner_contracts().overlapping(k.dwelling_id, k.period(), except);
  if (others.empty()) return;
  const auto& o = others.front();
  throw std::move(DomainError(ErrorKind::conflict, "owners.contract_overlap")
                      .param("start", to_iso(o.start))
                      .param("end", o.end ? to_iso(*o.end) : "…")
                      .field("start"));
}

}  // namespace

bool apply_default_fee(owners::OwnerContract& k, const agencies::AgencySettings& settings) {
  if (k.kind != owners::ContractKind::management_mandate || k.management_fee) return true;  // 1.
  if (!settings.management_fee) return false;                                              // 3.
  k.management_fee = settings.management_fee;                                              // 2.
  k.management_fee_default = true;
  return true;
}

namespace {

// A mandate left without a fee: reported once, as owners.default_fee_not_set, and checked by
// validate_contract as if its fee were 0 (so that invalid_management_fee does not repeat it).
void report_fee_not_set(Problems& problems, owners::OwnerContract& checked) {
  problems.add(std::move(DomainError(ErrorKind::validation, "owners.default_fee_not_set").field("management_fee")));
  checked.management_fee = Rate();
}

}  // namespace

owners::OwnerContract contract_from_fields(const ContractFields& f, owners::OwnerContract k,
                                           const rules::RentCapTable& owner_rent_caps,
                                           std::optional<CapBasis> dwelling,
                                           const agencies::AgencySettings& settings) {
  Problems problems;
  auto kind = owners::parse_contract_kind(to_lower_ascii(trim(f.kind.value_or(""))));
  if (!kind) problems.add(std::move(DomainError(ErrorKind::validation, "owners.invalid_contract_kind").field("kind")));
  else k.kind = *kind;
  auto start = fields::optional_date(f.start, "start", problems);
  if (!start && (!f.start || trim(*f.start).empty()))
    problems.add(std::move(DomainError(ErrorKind::validation, "owners.start_required").field("start")));
  k.end = fields::optional_date(f.end, "end", problems);
  k.signed_on = fields::optional_date(f.signed_on, "signed_on", problems);
  bool_field(f.registered, "registered", k.registered, problems);
  bool_field(f.guarantee_vacancy, "guarantee_vacancy", k.guarantee_vacancy, problems);
  bool_field(f.guarantee_unpaid_rent, "guarantee_unpaid_rent", k.guarantee_unpaid_rent, problems);
  bool_field(f.guarantee_damage, "guarantee_damage", k.guarantee_damage, problems);
  if (f.management_fee && !trim(*f.management_fee).empty()) {
    k.management_fee = typed_fee(*f.management_fee);
  }
  auto rent = fields::optional_money(f.owner_rent, "owner_rent", "owners.invalid_rent", problems);
  if (!rent && (!f.owner_rent || trim(*f.owner_rent).empty()))
    problems.add(std::move(DomainError(ErrorKind::validation, "owners.invalid_rent").field("owner_rent")));
  if (rent) k.owner_rent = *rent;
  if (start) k.start = *start;
  const bool fee_set = !kind || apply_default_fee(k, settings);
  auto checked = k;
  if (!fee_set) report_fee_not_set(problems, checked);
  if (start && kind && rent) problems.check([&] { owners::validate_contract(checked); });
  // The rent within the cap in force on the first day, for that dwelling's type and size.
  if (start && rent && dwelling) {
    auto cap = owner_rent_caps.cap_for(*start, dwelling->type, dwelling->bedrooms);
    k.cap = cap ? std::optional(cap->amount) : std::nullopt;
    problems.check([&] { owners::check_rent_within_cap(*rent, k.cap); });
  }
  problems.throw_if_any();
  return k;
}

owners::OwnerContract create_contract(Store& store, const Context& ctx, const ContractFields& f) {
  ctx.require(Permission::owners_manage);
  auto uow = store.write();
  auto agency = agency_in_scope(*uow, ctx, f.agency, "owners.unknown_agency");
  owners::OwnerContract k;
  k.agency_id = agency.id;
  k.agency_code = agency.code;
  k.created_at = k.updated_at = ctx.clock.now_seconds();
  // 1. Every field, every problem at once.
  Problems problems;
  std::optional<stock::Dwelling> dwelling;
  if (auto id = fields::id_or_none(f.dwelling_id)) dwelling = uow->dwellings().find_by_id(*id);
  if (!dwelling || dwelling->agency_id != agency.id)
    problems.add(std::move(DomainError(ErrorKind::validation, "owners.unknown_dwelling").field("dwelling_id")));
  std::optional<owners::Owner> owner;
  if (auto id = fields::id_or_none(f.owner_id)) owner = uow->owners().find_by_id(*id);
  if (!owner || owner->agency_id != agency.id)
    problems.add(std::move(DomainError(ErrorKind::validation, "owners.unknown_owner").field("owner_id")));
  // 2. The rent within the cap in force on the first day, for that dwelling's type and size.
  std::optional<CapBasis> basis;
  if (dwelling && dwelling->agency_id == agency.id) basis = CapBasis{dwelling->type, dwelling->bedrooms};
  problems.check([&] {
    k = contract_from_fields(f, k, uow->rules().rent_caps(rules::CapKind::owner_rent), basis,
                             uow->agencies().settings(agency.id));
  });
  problems.throw_if_any();
  k.dwelling_id = dwelling->id;
  k.dwelling_reference = dwelling->reference;
  k.owner_id = owner->id;
  k.owner_name = owner->name;
  // 3. No other contract of the dwelling overlaps (the dwelling's row lock orders concurrent writers).
  uow->dwellings().lock(k.dwelling_id, k.created_at);
  check_no_overlap(*uow, k, std::nullopt);
  k.id = uow->owner_contracts().insert(k);
  record(*uow, ctx, "owners.contract_create", "owner_contracts", std::to_string(k.id), k.agency_id);
  auto stored = uow->owner_contracts().find_by_id(k.id);
  uow->commit();
  return *stored;
}

owners::OwnerContract update_contract(Store& store, const Context& ctx, std::int64_t id, const ContractFields& f) {
  auto uow = store.write();
  auto k = visible<owners::OwnerContract>(*uow, ctx, id);
  ctx.require(Permission::owners_manage);
  // Changes to one dwelling's contracts are ordered by its row lock; read the contract again
  // under it, so that two rent changes sent at once are checked one after the other.
  uow->dwellings().lock(k.dwelling_id, ctx.clock.now_seconds());
  k = *uow->owner_contracts().find_by_id(id);
  Problems problems;
  auto not_editable = [&](const std::optional<std::string>& v, const char* field, const std::string& current) {
    if (v && !trim(*v).empty() && std::string(trim(*v)) != current)
      problems.add(std::move(DomainError(ErrorKind::validation, "common.field_not_editable").field(field)));
  };
  not_editable(f.agency, "agency", k.agency_code);
  not_editable(f.dwelling_id, "dwelling_id", std::to_string(k.dwelling_id));
  not_editable(f.owner_id, "owner_id", std::to_string(k.owner_id));
  not_editable(f.kind, "kind", std::string(owners::to_string(k.kind)));
  not_editable(f.start, "start", to_iso(k.start));
  k.updated_at = ctx.clock.now_seconds();
  bool fee_missing = false;  // a mandate's fee emptied while the agency set no default
  if (f.end) k.end = fields::optional_date(f.end, "end", problems);
  if (f.signed_on) k.signed_on = fields::optional_date(f.signed_on, "signed_on", problems);
  bool_field(f.registered, "registered", k.registered, problems);
  bool_field(f.guarantee_vacancy, "guarantee_vacancy", k.guarantee_vacancy, problems);
  bool_field(f.guarantee_unpaid_rent, "guarantee_unpaid_rent", k.guarantee_unpaid_rent, problems);
  bool_field(f.guarantee_damage, "guarantee_damage", k.guarantee_damage, problems);
  if (f.management_fee) {
    const auto previous = k.management_fee;
    k.management_fee = trim(*f.management_fee).empty() ? std::nullopt : std::optional(typed_fee(*f.management_fee));
    if (k.management_fee != previous) k.management_fee_default = false;  // the form sends it back unchanged
    // Emptied on a mandate: the agency's default again.
    fee_missing = !apply_default_fee(k, uow->agencies().settings(k.agency_id));
  }
  // A new rent is a new version from rent_from (default today), checked against the cap of that day.
  auto rent = fields::optional_money(f.owner_rent, "owner_rent", "owners.invalid_rent", problems);
  auto rent_from = fields::optional_date(f.rent_from, "rent_from", problems).value_or(ctx.clock.today());
  std::optional<owners::RentVersion> version;
  if (rent && *rent != k.owner_rent) {
    auto dwelling = uow->dwellings().find_by_id(k.dwelling_id);
    version = owners::RentVersion{rent_from, *rent, "change", owner_rent_cap(*uow, *dwelling, rent_from), k.updated_at};
    if (rent_from < k.start || (k.end && *k.end < rent_from))
      problems.add(std::move(DomainError(ErrorKind::validation, "owners.rent_from_outside_contract").field("rent_from")));
    if (!k.rent_history.empty() && rent_from <= k.rent_history.back().valid_from)
      problems.add(std::move(DomainError(ErrorKind::validation, "owners.rent_from_before_latest")
                                 .param("date", to_iso(k.rent_history.back().valid_from))
                                 .field("rent_from")));
    problems.check([&] { owners::check_rent_within_cap(*rent, version->cap); });
  }
  // The contract cannot end before a rent it already has starts.
  if (k.end && !k.rent_history.empty() && *k.end < k.rent_history.back().valid_from)
    problems.add(std::move(DomainError(ErrorKind::validation, "owners.end_before_rent")
                               .param("date", to_iso(k.rent_history.back().valid_from))
                               .field("end")));
  auto checked = k;
  if (rent) checked.owner_rent = *rent;
  if (fee_missing) report_fee_not_set(problems, checked);
  problems.check([&] { owners::validate_contract(checked); });
  problems.throw_if_any();
  check_no_overlap(*uow, k, k.id);
  uow->owner_contracts().update(k);
  record(*uow, ctx, "owners.contract_update", "owner_contracts", std::to_string(id), k.agency_id);
  if (version) {
    uow->owner_contracts().add_rent_version(id, *version);
    record(*uow, ctx, "owners.rent_change", "owner_contracts", std::to_string(id), k.agency_id);
  }
  auto stored = uow->owner_contracts().find_by_id(id);
  uow->commit();
  return *stored;
}

owners::OwnerContract find_contract(Store& store, const Context& ctx, std::int64_t id) {
  auto uow = store.read();
  return visible<owners::OwnerContract>(*uow, ctx, id);
}

owners::OwnerContract read_contract(Store& store, const Context& ctx, std::int64_t id) {
  auto uow = store.write();  // the read is audited in the same transaction
  auto k = visible<owners::OwnerContract>(*uow, ctx, id);
  record(*uow, ctx, "owners.contract_read", "owner_contracts", std::to_string(id), k.agency_id);
  uow->commit();
  return k;
}

Page<owners::OwnerContract> list_contracts(Store& store, const Context& ctx, owners::ContractFilter filter,
                                           const std::string& agency_code, Paging paging) {
  return read_contracts(store, ctx, std::move(filter), agency_code, paging, "owners.contract_list", false);
}

Page<owners::OwnerContract> export_contracts(Store& store, const Context& ctx, owners::ContractFilter filter,
                                             const std::string& agency_code) {
  return read_contracts(store, ctx, std::move(filter), agency_code, Paging{kExportRows, 0}, "owners.contract_export",
                        true);
}

owners::RentCapShare rent_cap_share(Store& store, const Context& ctx, const std::string& agency_code) {
  ctx.require(Permission::owners_view);
  auto uow = store.read();
  auto today = ctx.clock.today();
  auto caps = uow->rules().rent_caps(rules::CapKind::owner_rent);
  owners::RentCapShare share;
  for (const auto& r : uow->owner_contracts().rents_in_force(agency_filter(*uow, ctx, agency_code), today)) {
    auto cap = caps.cap_for(today, r.type, r.bedrooms);
    if (!cap) ++share.no_cap;
    else if (r.rent == cap->amount) ++share.at_cap;
    else if (r.rent < cap->amount) ++share.below_cap;
    else ++share.above_cap;
  }
  return share;
}

}  // namespace hms::app
