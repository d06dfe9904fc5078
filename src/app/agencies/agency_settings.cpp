#include "app/agencies/agency_settings.hpp"

#include "common/text.hpp"

#include "app/agencies/agency_admin.hpp"
#include "app/fields/fields.hpp"
#include "domain/owners/owner_contract.hpp"

namespace hms::app {

agencies::AgencySettings agency_settings(Store& store, const Context& ctx, const std::optional<std::string>& agency_code) {
  ctx.require(users::Permission::agency_settings_manage);
  auto uow = store.read();
  auto agency = agency_in_scope(*uow, ctx, agency_code, "agencies.unknown_agency");
  return uow->agencies().settings(agency.id);
}

agencies::AgencySettings update_agency_settings(Store& store, const Context& ctx, const AgencySettingsFields& f,
                                                const std::optional<std::string>& agency_code) {
  ctx.require(users::Permission::agency_settings_manage);
  auto uow = store.write();
  auto agency = agency_in_scope(*uow, ctx, agency_code, "agencies.unknown_agency");
  auto s = uow->agencies().settings(agency.id);
  Problems problems;
  if (f.management_fee) {
    auto fee = fields::optional_field(f.management_fee, "management_fee", problems, fields::parse_percent,
                                      "owners.invalid_management_fee");
    if (fee && *fee > owners::kMaxManagementFee)
      problems.add(DomainError(ErrorKind::validation, "owners.invalid_management_fee").field("management_fee"));
    s.management_fee = fee;
  }
  if (f.indexation_alert) {
    auto alert = fields::optional_field(f.indexation_alert, "indexation_alert", problems, fields::parse_percent,
                                        "agencies.invalid_indexation_alert");
    if (alert && (alert->basis_points() < 1 || alert->basis_points() > 10'000))
      problems.add(DomainError(ErrorKind::validation, "agencies.invalid_indexation_alert").field("indexation_alert"));
    s.indexation_alert = alert;
  }
  if (f.applicant_renewal_months) {
    const auto months = trim(*f.applicant_renewal_months);
    if (months.empty()) s.applicant_renewal_months.reset();
    else if (months == "12" || months == "24") s.applicant_renewal_months = months == "12" ? 12 : 24;
    else problems.add(DomainError(ErrorKind::validation, "agencies.invalid_renewal_months").field("applicant_renewal_months"));
  }
  if (f.retention_years) {
    auto years = fields::optional_field(f.retention_years, "retention_years", problems, fields::parse_int, 1, 30,
                                        "agencies.invalid_retention_years");
    s.retention_years = years ? std::optional<int>(static_cast<int>(*years)) : std::nullopt;
  }
  problems.throw_if_any();
  s.updated_at = ctx.clock.now_seconds();
  uow->agencies().save_settings(s);
  record(*uow, ctx, "agencies.settings_update", "agency_settings", std::to_string(agency.id), agency.id);
  uow->commit();
  return s;
}

}  // namespace hms::app
