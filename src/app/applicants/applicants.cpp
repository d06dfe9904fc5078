#include "app/applicants/applicants.hpp"

#include <algorithm>

#include "app/agencies/agency_admin.hpp"
#include "app/audit/personal_reads.hpp"
#include "app/fields/fields.hpp"
#include "app/stock/dwellings.hpp"  // agency_filter
#include "app/visible.hpp"
#include "common/date.hpp"
#include "common/text.hpp"

namespace hms::app {


using users::Permission;
namespace ap = applicants;

namespace {

// Runs a use case that reads applicants. A national number or an income that does not open for
// its row (a ciphertext copied from another row behind hms's back, ADR 0007) fails it loudly,
// and the refusal is audited in a transaction of its own (the use case's is rolled back).
template <typename F>
auto reading_applicants(Store& store, const Context& ctx, F&& use_case) -> decltype(use_case()) {
  try {
    return use_case();
  } catch (const DomainError& e) {
    if (e.code() == "applicants.income_unreadable" || e.code() == "applicants.national_number_unreadable") {
      auto uow = store.write();
      record(*uow, ctx, e.code(), "applicants", e.params().at("applicant"), std::stoll(e.params().at("agency")));
      uow->commit();
    }
    throw;
  }
}

DomainError invalid(const std::string& code, const std::string& field) {
  return std::move(DomainError(ErrorKind::validation, code).field(field));
}

std::vector<std::string> split_postcodes(std::string_view text) {
  std::vector<std::string> out;
  std::string current;
  for (char c : text) {
    if (c == ',' || c == ';' || c == ' ' || c == '\n' || c == '\t') {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

bool same_person(const ap::Member& a, const ap::Member& b) {
  return a.first_name == b.first_name && a.last_name == b.last_name && a.birth_date == b.birth_date;
}

void apply_members(const std::vector<MemberFields>& given, ap::Applicant& a, Problems& problems) {
  const auto before = a.members;
  a.members.clear();
  for (std::size_t i = 0; i < given.size(); ++i) {
    const auto& g = given[i];
    const std::string at = "members." + std::to_string(i) + ".";
    ap::Member m;
    m.first_name = g.first_name.value_or("");
    m.last_name = g.last_name.value_or("");
    if (auto d = fields::read_field(g.birth_date.value_or(""), at + "birth_date", problems, fields::parse_date,
                                    "applicants.invalid_birth_date"))
      m.birth_date = *d;
    const auto relation = to_lower_ascii(trim(g.relation.value_or(i == 0 ? "applicant" : "")));
    if (auto r = ap::parse_relation(relation)) m.relation = *r;
    else problems.add(invalid("applicants.invalid_relation", at + "relation"));
    m.dependent = fields::optional_field(g.dependent, at + "dependent", problems, fields::parse_yes_no,
                                         "applicants.invalid_yes_no")
                      .value_or(false);
    m.disabled = fields::optional_field(g.disabled, at + "disabled", problems, fields::parse_yes_no,
                                        "applicants.invalid_yes_no")
                     .value_or(false);
    if (g.national_number) {
      m.national_number = *g.national_number;
    } else {
      m.national_number.clear();
      // A form shows no national number: left out, the same person keeps the stored one.
      if (i < before.size() && same_person(before[i], m)) m.national_number = before[i].national_number;
    }
    a.members.push_back(std::move(m));
  }
}

}  // namespace

ap::Applicant applicant_from_fields(const ApplicantFields& f, ap::Applicant a, bool creating,
                                    std::chrono::year_month_day today, const ap::AdmissionIncomeTable& table) {
  Problems problems;
  if (f.registered_on && !trim(*f.registered_on).empty()) {
    if (auto d = fields::read_field(*f.registered_on, "registered_on", problems, fields::parse_date,
                                    "applicants.invalid_registered_on"))
      a.registered_on = *d;
  }
  if (f.status) {
    if (auto s = ap::parse_status(to_lower_ascii(trim(*f.status)))) a.status = *s;
    else problems.add(invalid("applicants.invalid_status", "status"));
  }
  if (f.status_reason) a.status_reason = *f.status_reason;
  if (f.referral) a.referral = *f.referral;
  if (f.income_year || creating) {
    if (auto y = fields::read_field(f.income_year.value_or(""), "income_year", problems, fields::parse_int, 1900,
                                    9999, "applicants.invalid_income_year"))
      a.income_year = static_cast<int>(*y);
  }
  if (f.income || creating) {
    if (auto m = fields::read_field(f.income.value_or(""), "income", problems, fields::parse_money,
                                    "applicants.invalid_income"))
      a.income = *m;
  }
  if (f.incomes && !trim(*f.incomes).empty()) {
    if (auto n = fields::read_field(*f.incomes, "incomes", problems, fields::parse_int, 0, 99,
                                    "applicants.invalid_incomes"))
      a.incomes = static_cast<int>(*n);
  }
  if (f.preferred_postcodes) a.preferred_postcodes = split_postcodes(*f.preferred_postcodes);
  if (auto b = fields::optional_field(f.over_indebted, "over_indebted", problems, fields::parse_yes_no,
                                      "applicants.invalid_yes_no"))
    a.over_indebted = *b;
  if (auto b = fields::optional_field(f.urgent, "urgent", problems, fields::parse_yes_no, "applicants.invalid_yes_no"))
    a.urgent = *b;
  if (f.language) a.language = to_lower_ascii(trim(*f.language));
  if (f.email) a.email = *f.email;
  if (f.phone) a.phone = *f.phone;
  if (f.address) a.address = *f.address;
  if (f.members) apply_members(*f.members, a, problems);
  else if (creating) problems.add(invalid("applicants.invalid_members", "members"));
  problems.check([&] { ap::validate_applicant(a, today); });
  try {
    problems.throw_if_any();
  } catch (const DomainError& e) {
    // Contract D: an invalid national number is the error's code, whatever else is wrong too.
    for (const auto& [field, code] : e.fields()) {
      if (code != "applicants.invalid_national_number" || e.code() == code) continue;
      DomainError first(ErrorKind::validation, code);
      for (const auto& [name, c] : e.fields()) first.field(name, c);
      for (const auto& [n, v] : e.params()) first.param(n, v);
      throw first;
    }
    throw;
  }
  a.band = ap::band_of(a, table);
  return a;
}

namespace {

// 409 applicants.duplicate: a member's national number is already in another applicant of the
// agency who is not struck off (a struck-off applicant may register again).
void check_no_duplicate(UnitOfWork& uow, const ap::Applicant& a) {
  if (a.status == ap::Status::struck_off) return;
  for (std::size_t i = 0; i < a.members.size(); ++i) {
    const auto& nn = a.members[i].national_number;
    if (nn.empty()) continue;
    for (auto other : uow.applicants().with_national_number(a.agency_id, nn)) {
      if (other == a.id) continue;
      const auto found = uow.applicants().find_by_id(other);
      throw std::move(DomainError(ErrorKind::conflict, "applicants.duplicate")
                          .param("number", found ? std::to_string(found->number) : std::string())
                          .field("members." + std::to_string(i) + ".national_number"));
    }
  }
}

std::vector<std::string> changed_fields(const ap::Applicant& b, const ap::Applicant& a) {
  std::vector<std::string> out;
  auto add = [&](const char* name, bool differs) {
    if (differs) out.emplace_back(name);
  };
  add("registered_on", a.registered_on != b.registered_on);
  add("status", a.status != b.status);
  add("status_reason", a.status_reason != b.status_reason);
  add("referral", a.referral != b.referral);
  add("income_year", a.income_year != b.income_year);
  add("income", a.income != b.income);
  add("incomes", a.incomes != b.incomes);
  add("preferred_postcodes", a.preferred_postcodes != b.preferred_postcodes);
  add("over_indebted", a.over_indebted != b.over_indebted);
  add("urgent", a.urgent != b.urgent);
  bool members = a.members.size() != b.members.size();
  bool numbers = false;
  for (std::size_t i = 0; !members && i < a.members.size(); ++i) {
    const auto &x = a.members[i], &y = b.members[i];
    members = !same_person(x, y) || x.relation != y.relation || x.dependent != y.dependent || x.disabled != y.disabled;
    numbers = numbers || x.national_number != y.national_number;
  }
  add("members", members);
  add("national_number", numbers && !members);
  add("band", a.band != b.band);
  add("language", a.language != b.language);
  add("email", a.email != b.email);
  add("phone", a.phone != b.phone);
  add("address", a.address != b.address);
  return out;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

void add_change(UnitOfWork& uow, const Context& ctx, const ap::Applicant& a, std::string action,
                std::vector<std::string> fields) {
  ap::Change c;
  c.changed_at = ctx.clock.now_seconds();
  c.user_id = ctx.user ? std::optional(ctx.user->id) : std::nullopt;
  c.action = std::move(action);
  c.fields = std::move(fields);
  c.status = a.status;
  uow.applicants().add_change(a.agency_id, a.id, c);
}

}  // namespace

ap::Applicant create_applicant(Store& store, const Context& ctx, const ApplicantFields& f) {
  ctx.require(Permission::applicants_manage);
  auto uow = store.write();
  auto agency = agency_in_scope(*uow, ctx, f.agency, "applicants.unknown_agency");
  const auto today = ctx.clock.today();
  ap::Applicant a;
  a.agency_id = agency.id;
  a.agency_code = agency.code;
  a.registered_on = today;
  a = applicant_from_fields(f, a, true, today, uow->rules().admission_incomes());
  a.status_since = today;
  a.renewed_on = a.registered_on;
  a.created_at = a.updated_at = ctx.clock.now_seconds();
  check_no_duplicate(*uow, a);
  uow->applicants().insert(a);
  add_change(*uow, ctx, a, "create", {});
  record(*uow, ctx, "applicants.create", "applicants", std::to_string(a.id), a.agency_id);
  uow->commit();
  return a;
}

ap::Applicant update_applicant(Store& store, const Context& ctx, std::int64_t id, const ApplicantFields& f) {
  return reading_applicants(store, ctx, [&] {
    auto uow = store.write();
    const auto before = visible<ap::Applicant>(*uow, ctx, id);
    ctx.require(Permission::applicants_manage);
    if (f.agency && !trim(*f.agency).empty() && agencies::normalise_agency_code(trim(*f.agency)) != before.agency_code)
      throw DomainError(ErrorKind::validation, "common.field_not_editable").field("agency");
    const auto today = ctx.clock.today();
    auto a = applicant_from_fields(f, before, false, today, uow->rules().admission_incomes());
    if (a.status != before.status) a.status_since = today;
    check_no_duplicate(*uow, a);
    const auto changed = changed_fields(before, a);
    if (changed.empty()) return before;
    a.updated_at = ctx.clock.now_seconds();
    uow->applicants().update(a);
    const bool status_only = std::all_of(changed.begin(), changed.end(),
                                         [](const std::string& s) { return s == "status" || s == "status_reason"; });
    add_change(*uow, ctx, a, status_only ? "status" : "update", changed);
    record(*uow, ctx, "applicants.update", "applicants", std::to_string(id), a.agency_id, join(changed));
    uow->commit();
    return a;
  });
}

ap::Applicant renew_applicant(Store& store, const Context& ctx, std::int64_t id) {
  return reading_applicants(store, ctx, [&] {
    auto uow = store.write();
    auto a = visible<ap::Applicant>(*uow, ctx, id);
    ctx.require(Permission::applicants_manage);
    if (a.status != ap::Status::active)
      throw DomainError(ErrorKind::validation, "applicants.not_active");
    a.renewed_on = ctx.clock.today();
    a.updated_at = ctx.clock.now_seconds();
    uow->applicants().update(a);
    add_change(*uow, ctx, a, "renew", {"renewed_on"});
    record(*uow, ctx, "applicants.renew", "applicants", std::to_string(id), a.agency_id);
    uow->commit();
    return a;
  });
}

void require_applicant_visible(Store& store, const Context& ctx, std::int64_t id) {
  // The national numbers are not decrypted to check who may see the applicant.
  ctx.require(Permission::applicants_view);
  auto uow = store.read();
  visible<ap::Applicant>(*uow, ctx, id);
}

ap::Applicant find_applicant(Store& store, const Context& ctx, std::int64_t id) {
  return reading_applicants(store, ctx, [&] {
    auto uow = store.write();  // the read is audited in the same transaction
    auto a = visible<ap::Applicant>(*uow, ctx, id);
    record(*uow, ctx, "applicants.read", "applicants", std::to_string(id), a.agency_id);
    uow->commit();
    return a;
  });
}

ApplicantDetail applicant_detail(Store& store, const Context& ctx, std::int64_t id,
                                 std::optional<std::string> reveal_purpose) {
  return reading_applicants(store, ctx, [&] {
    auto uow = store.write();
    ApplicantDetail d;
    d.applicant = visible<ap::Applicant>(*uow, ctx, id);
    if (reveal_purpose &&
        std::find(std::begin(kRevealPurposes), std::end(kRevealPurposes), *reveal_purpose) == std::end(kRevealPurposes))
      throw DomainError(ErrorKind::validation, "applicants.invalid_purpose").field("purpose");
    d.changes = uow->applicants().changes(id);
    d.renewal_months = uow->agencies().settings(d.applicant.agency_id).renewal_months();
    d.did_not_renew = ap::did_not_renew(d.applicant, d.renewal_months, ctx.clock.today());
    record(*uow, ctx, "applicants.read", "applicants", std::to_string(id), d.applicant.agency_id);
    if (reveal_purpose) {
      record(*uow, ctx, "applicants.reveal", "applicants", std::to_string(id), d.applicant.agency_id,
             "purpose=" + *reveal_purpose);
    } else {
      for (auto& m : d.applicant.members) m.national_number = ap::mask_national_number(m.national_number);
    }
    uow->commit();
    return d;
  });
}

ap::ApplicantFilter applicant_filter(const ApplicantQuery& q) {
  ap::ApplicantFilter f;
  f.query = std::string(trim(q.q));
  Problems problems;
  const auto status = to_lower_ascii(trim(q.status));
  if (!status.empty()) {
    if (auto s = ap::parse_status(status)) f.status = *s;
    else problems.add(invalid("applicants.invalid_status", "status"));
  }
  const auto band = to_lower_ascii(trim(q.band));
  if (band == "unknown") {
    f.band_unknown = true;
  } else if (!band.empty()) {
    if (auto b = ap::parse_band(band)) f.band = *b;
    else problems.add(invalid("applicants.invalid_band", "band"));
  }
  problems.throw_if_any();
  return f;
}

namespace {

std::string filters_of(const ApplicantQuery& q) {
  return ReadFilters()
      .value("status", std::string(trim(q.status)))
      .value("band", std::string(trim(q.band)))
      .value("not_renewed", q.not_renewed ? "1" : "")
      .free_text("q", q.q)
      .str();
}

Page<ap::Applicant> read_applicants(Store& store, const Context& ctx, const ApplicantQuery& q, Paging paging,
                                    const char* action, bool file) {
  ctx.require(Permission::applicants_view);
  auto filter = applicant_filter(q);
  return reading_applicants(store, ctx, [&] {
    auto uow = store.write();
    filter.agency_id = agency_filter(*uow, ctx, "");
    if (q.not_renewed) {
      const int months = filter.agency_id && *filter.agency_id > 0
                             ? uow->agencies().settings(*filter.agency_id).renewal_months()
                             : 12;
      filter.renewed_before = add_months(ctx.clock.today(), -months);
    }
    const auto agency = filter.agency_id && *filter.agency_id > 0 ? filter.agency_id : std::nullopt;
    PersonalRead read{action, "applicants", 0, agency, filters_of(q)};
    if (file) count_export(*uow, ctx, read);
    Page<ap::Applicant> page{uow->applicants().list(filter, paging.limit, paging.offset),
                             uow->applicants().count(filter)};
    read.rows = static_cast<std::int64_t>(page.items.size());
    record_read(*uow, ctx, read);
    uow->commit();
    return page;
  });
}

}  // namespace

Page<ap::Applicant> list_applicants(Store& store, const Context& ctx, const ApplicantQuery& q, Paging paging) {
  return read_applicants(store, ctx, q, paging, "applicants.list", false);
}

Page<ap::Applicant> export_applicants(Store& store, const Context& ctx, const ApplicantQuery& q) {
  return read_applicants(store, ctx, q, Paging{kApplicantExportRows, 0}, "applicants.export", true);
}

int applicant_renewal_months(Store& store, const Context& ctx) {
  ctx.require(Permission::applicants_view);
  auto uow = store.read();
  const auto agency = agency_filter(*uow, ctx, "");
  return agency && *agency > 0 ? uow->agencies().settings(*agency).renewal_months() : 12;
}

}  // namespace hms::app
