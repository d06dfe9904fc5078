#include "domain/applicants/applicant.hpp"

#include <algorithm>
#include <set>

#include "common/contact.hpp"
#include "common/date.hpp"
#include "common/error.hpp"
#include "common/text.hpp"

namespace hms::applicants {

std::string_view to_string(Status s) {
  switch (s) {
    case Status::active: return "active";
    case Status::housed: return "housed";
    case Status::struck_off: return "struck_off";
  }
  return "active";
}

std::optional<Status> parse_status(std::string_view s) {
  if (s == "active") return Status::active;
  if (s == "housed") return Status::housed;
  if (s == "struck_off") return Status::struck_off;
  return std::nullopt;
}

std::string_view to_string(Relation r) {
  switch (r) {
    case Relation::applicant: return "applicant";
    case Relation::partner: return "partner";
    case Relation::child: return "child";
    case Relation::other: return "other";
  }
  return "other";
}

std::optional<Relation> parse_relation(std::string_view s) {
  if (s == "applicant") return Relation::applicant;
  if (s == "partner") return Relation::partner;
  if (s == "child") return Relation::child;
  if (s == "other") return Relation::other;
  return std::nullopt;
}

std::optional<Band> parse_band(std::string_view s) {
  if (s == "eligible") return Band::eligible;
  if (s == "moderate") return Band::moderate;
  if (s == "middle") return Band::middle;
  if (s == "above") return Band::above;
  return std::nullopt;
}

std::string Applicant::name() const {
  for (const auto& m : members)
    if (m.relation == Relation::applicant) return m.first_name + " " + m.last_name;
  return members.empty() ? std::string() : members.front().first_name + " " + members.front().last_name;
}

bool may_be_housed(std::optional<Band> band, bool over_indebted) {
  if (!band) return false;
  return *band == Band::eligible || *band == Band::moderate || (*band == Band::middle && over_indebted);
}

Household household_of(const Applicant& a) {
  Household h;
  h.adults = 0;
  for (const auto& m : a.members) {
    if (m.dependent) {
      ++h.children;
      if (m.disabled) ++h.disabled_children;
    } else {
      ++h.adults;
      if (m.disabled) ++h.disabled_adults;
    }
  }
  h.incomes = a.incomes;
  return h;
}

std::optional<Band> band_of(const Applicant& a, const AdmissionIncomeTable& table) {
  const auto found = table.years().find(a.income_year);
  if (found == table.years().end()) return std::nullopt;
  try {
    return assess(found->second, household_of(a), a.income).band;
  } catch (const DomainError&) {
    return std::nullopt;
  }
}

namespace {

DomainError invalid(const std::string& code, const std::string& field) {
  return std::move(DomainError(ErrorKind::validation, code).field(field));
}

bool plain_text(std::string_view s, std::size_t max) {
  return is_valid_utf8(s) && !has_control_character(s) && characters(s) <= max;
}

}  // namespace

void validate_applicant(Applicant& a, std::chrono::year_month_day today) {
  using namespace std::chrono;
  Problems problems;
  // 1. The members.
  if (a.members.empty() || a.members.size() > static_cast<std::size_t>(kMaxMembers)) {
    problems.add(invalid("applicants.invalid_members", "members"));
  } else if (std::count_if(a.members.begin(), a.members.end(),
                           [](const Member& m) { return m.relation == Relation::applicant; }) != 1) {
    problems.add(invalid("applicants.one_applicant", "members"));
  }
  // 2. Each member.
  std::set<std::string> numbers;
  for (std::size_t i = 0; i < a.members.size(); ++i) {
    auto& m = a.members[i];
    const std::string at = "members." + std::to_string(i) + ".";
    m.first_name = std::string(trim(m.first_name));
    m.last_name = std::string(trim(m.last_name));
    if (m.first_name.empty() || !plain_text(m.first_name, 100))
      problems.add(invalid("applicants.invalid_name", at + "first_name"));
    if (m.last_name.empty() || !plain_text(m.last_name, 100))
      problems.add(invalid("applicants.invalid_name", at + "last_name"));
    if (!m.birth_date.ok() || m.birth_date < year{1900} / January / 1 || m.birth_date > today)
      problems.add(invalid("applicants.invalid_birth_date", at + "birth_date"));
    const auto given = trim(m.national_number);
    if (given.empty()) {
      m.national_number.clear();
    } else if (auto digits = normalize_national_number(given)) {
      m.national_number = *digits;
      if (!numbers.insert(*digits).second)
        problems.add(invalid("applicants.same_national_number", at + "national_number"));
    } else {
      problems.add(invalid("applicants.invalid_national_number", at + "national_number"));
    }
  }
  // 3. The status.
  a.status_reason = std::string(trim(a.status_reason));
  if (a.status == Status::struck_off) {
    if (a.status_reason.empty()) problems.add(invalid("applicants.status_reason_required", "status_reason"));
  } else {
    a.status_reason.clear();
  }
  if (!plain_text(a.status_reason, 500)) problems.add(invalid("applicants.invalid_status_reason", "status_reason"));
  // 4. The income and the rest.
  const int this_year = static_cast<int>(today.year());
  if (a.income_year < 1990 || a.income_year > this_year + 1)
    problems.add(invalid("applicants.invalid_income_year", "income_year"));
  if (a.income < Money::zero() || a.income > kMaxIncome) problems.add(invalid("applicants.invalid_income", "income"));
  const auto h = household_of(a);
  if (a.incomes < 0 || (!a.members.empty() && a.incomes > h.adults))
    problems.add(invalid("applicants.invalid_incomes", "incomes"));
  std::set<std::string> postcodes;
  for (const auto& raw : a.preferred_postcodes) {
    const auto p = trim(raw);
    if (p.size() != 4 || p.find_first_not_of("0123456789") != std::string_view::npos || p[0] == '0') {
      problems.add(invalid("applicants.invalid_postcode", "preferred_postcodes"));
      continue;
    }
    postcodes.emplace(p);
  }
  a.preferred_postcodes.assign(postcodes.begin(), postcodes.end());
  if (a.referral) {
    a.referral = std::string(trim(*a.referral));
    if (a.referral->empty()) a.referral.reset();
    else if (!plain_text(*a.referral, 200)) problems.add(invalid("applicants.invalid_referral", "referral"));
  }
  a.email = std::string(trim(a.email));
  a.phone = std::string(trim(a.phone));
  a.address = std::string(trim(a.address));
  if (!a.email.empty() && (a.email.size() > 200 || !is_valid_utf8(a.email) || !plausible_email(a.email)))
    problems.add(invalid("applicants.invalid_email", "email"));
  if (!a.phone.empty() && !plausible_phone(a.phone)) problems.add(invalid("applicants.invalid_phone", "phone"));
  if (!is_valid_utf8(a.address) || characters(a.address) > 500)
    problems.add(invalid("applicants.invalid_address", "address"));
  if (a.language.empty()) a.language = "fr";
  if (a.language != "fr" && a.language != "nl" && a.language != "en")
    problems.add(invalid("applicants.invalid_language", "language"));
  if (!a.registered_on.ok() || a.registered_on > today || a.registered_on < year{1990} / January / 1)
    problems.add(invalid("applicants.invalid_registered_on", "registered_on"));
  problems.throw_if_any();
}

bool did_not_renew(const Applicant& a, int months, std::chrono::year_month_day today) {
  return a.status == Status::active && a.renewed_on < add_months(today, -months);
}

}  // namespace hms::applicants
