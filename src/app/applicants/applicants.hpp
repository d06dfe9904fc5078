// The agency's register of applicants (contract D). Applicants are personal data: only the
// agency's users read them (applicants_view; the region, the federation and the system admin
// get 403), every read is audited ("applicants.read" for one applicant; once per request for
// lists and files: app/audit/personal_reads.hpp), and the national register number is never in
// a list, an audit value or an export. Every change is dated in the applicant's history.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/visible.hpp"
#include "domain/applicants/applicant.hpp"

namespace hms::app {

// How an applicant is reached by its id (app/visible.hpp): applicants_view, then its agency.
template <>
struct Visibility<applicants::Applicant> {
  static constexpr users::Permission permission = users::Permission::applicants_view;
  static constexpr const char* not_found = "applicants.not_found";
  static std::optional<applicants::Applicant> find(UnitOfWork& uow, std::int64_t id) {
    return uow.applicants().find_by_id(id);
  }
};

// One member as typed; on a change, the members given replace the household's.
struct MemberFields {
  std::optional<std::string> first_name, last_name, birth_date, relation, dependent, disabled, national_number;
};

template <typename Visit>
void for_each_field(MemberFields& f, Visit&& visit) {
  visit("first_name", f.first_name);
  visit("last_name", f.last_name);
  visit("birth_date", f.birth_date);
  visit("relation", f.relation);
  visit("dependent", f.dependent);
  visit("disabled", f.disabled);
  visit("national_number", f.national_number);
}

// The fields of an applicant as typed; none keeps the value on a change. Create requires the
// members, income_year and income. preferred_postcodes: comma- or space-separated ("1030, 1210").
// A national number left out on a change keeps the member's stored one when the member at that
// position has the same first name, last name and birth date (a form never shows it in full).
struct ApplicantFields {
  std::optional<std::string> agency;
  std::optional<std::string> registered_on, status, status_reason, referral, income_year, income, incomes,
      preferred_postcodes, over_indebted, urgent, language, email, phone, address;
  std::optional<std::vector<MemberFields>> members;

  static constexpr std::string_view kDateFields[] = {"registered_on"};
};

template <typename Visit>
void for_each_field(ApplicantFields& f, Visit&& visit) {
  visit("agency", f.agency);
  visit("registered_on", f.registered_on);
  visit("status", f.status);
  visit("status_reason", f.status_reason);
  visit("referral", f.referral);
  visit("income_year", f.income_year);
  visit("income", f.income);
  visit("incomes", f.incomes);
  visit("preferred_postcodes", f.preferred_postcodes);
  visit("over_indebted", f.over_indebted);
  visit("urgent", f.urgent);
  visit("language", f.language);
  visit("email", f.email);
  visit("phone", f.phone);
  visit("address", f.address);
}

// The fields that are set, read and applied to `base` (`creating`: members, income_year and
// income required), checked by applicants::validate_applicant against `today`, and the band
// computed from `table` (none when it has no year income_year). Every problem at once:
// DomainError(validation) whose fields() map each field ("income", "members.0.birth_date", …)
// to its code. Nothing is read or written.
applicants::Applicant applicant_from_fields(const ApplicantFields& f, applicants::Applicant base, bool creating,
                                            std::chrono::year_month_day today,
                                            const applicants::AdmissionIncomeTable& table);

// 409 "applicants.duplicate" (on the member's national_number field) when a member's national
// number is already in another applicant of the agency who is not struck off. Audited
// "applicants.create"; the history gets "create".
applicants::Applicant create_applicant(Store& store, const Context& ctx, const ApplicantFields& f);
// Audited "applicants.update" with the names of the fields that changed (never their values);
// the history gets "update" (or "status" when only the status changed).
applicants::Applicant update_applicant(Store& store, const Context& ctx, std::int64_t id, const ApplicantFields& f);
// The candidacy confirmed today (renewed_on = today): "applicants.renew", history "renew".
// 422 "applicants.not_active" unless the applicant is active.
applicants::Applicant renew_applicant(Store& store, const Context& ctx, std::int64_t id);
// DomainError(not_found) unless the actor may see this applicant; audits nothing.
void require_applicant_visible(Store& store, const Context& ctx, std::int64_t id);
// Audited as a read of personal data ("applicants.read"). 404 for another agency's applicant.
applicants::Applicant find_applicant(Store& store, const Context& ctx, std::int64_t id);

// One applicant with its history, as the detail page shows it; the national numbers are
// masked unless `reveal` names a purpose (then audited "applicants.reveal" with the purpose).
struct ApplicantDetail {
  applicants::Applicant applicant;
  std::vector<applicants::Change> changes;
  int renewal_months = 12;
  bool did_not_renew = false;
};
// Purposes a national number may be shown for (security-reliability.md F3).
inline constexpr std::string_view kRevealPurposes[] = {"identity_check", "lease", "subsidy", "authority_request"};
ApplicantDetail applicant_detail(Store& store, const Context& ctx, std::int64_t id,
                                 std::optional<std::string> reveal_purpose = std::nullopt);

// The list filters of contract D, and "did not renew" (active, renewed_on older than the
// agency's renewal period).
struct ApplicantQuery {
  std::string q;
  std::string status;      // "" | active | housed | struck_off
  std::string band;        // "" | eligible | moderate | middle | above | unknown
  bool not_renewed = false;
};
// DomainError(validation) "applicants.invalid_status" / "applicants.invalid_band" on a filter.
applicants::ApplicantFilter applicant_filter(const ApplicantQuery& q);

// Audited once per list: "applicants.list", object id the rows shown, details the filters.
Page<applicants::Applicant> list_applicants(Store& store, const Context& ctx, const ApplicantQuery& q, Paging paging);
// Every matching applicant for a file (no national number in it): one of the user's exports,
// audited "applicants.export".
inline constexpr int kApplicantExportRows = 1'000'000;
Page<applicants::Applicant> export_applicants(Store& store, const Context& ctx, const ApplicantQuery& q);

// The agency's renewal period (months) for the actor's agency.
int applicant_renewal_months(Store& store, const Context& ctx);

}  // namespace hms::app
