#include "app/agencies/agency_settings.hpp"

#include "app/agencies/agency_admin.hpp"
#include "app/owners/owners.hpp"
#include "common/text.hpp"
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
  if (f.management_fee) {
    if (trim(*f.management_fee).empty()) {
      s.management_fee_bp.reset();
    } else {
      s.management_fee_bp = parse_percent_bp(*f.management_fee);
      if (!s.management_fee_bp || *s.management_fee_bp > owners::kMaxManagementFeeBp)
        throw DomainError(ErrorKind::validation, "owners.invalid_management_fee").field("management_fee");
    }
  }
  s.updated_at = ctx.clock.now_seconds();
  uow->agencies().save_settings(s);
  record(*uow, ctx, "agencies.settings_update", "agency_settings", std::to_string(agency.id), agency.id);
  uow->commit();
  return s;
}

}  // namespace hms::app
