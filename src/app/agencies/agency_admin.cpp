#include "app/agencies/agency_admin.hpp"

#include "common/date.hpp"
#include "common/text.hpp"

namespace hms::app {

agencies::Agency add_agency(Store& store, const Context& ctx, std::string_view code, std::string_view name) {
  ctx.require(users::Permission::agencies_manage);
  agencies::Agency a;
  a.code = agencies::validate_agency(code, name);
  a.name = std::string(name);
  a.created_at = ctx.clock.now_seconds();
  auto uow = store.write();
  if (uow->agencies().find_by_code(a.code))
    throw DomainError(ErrorKind::conflict, "agencies.code_taken").param("code", a.code).field("code");
  a.id = uow->agencies().insert(a);
  record(*uow, ctx, "agencies.create", "agencies", std::to_string(a.id), a.id);
  uow->commit();
  return a;
}

Page<agencies::Agency> list_agencies(Store& store, const Context& ctx, Paging paging) {
  ctx.require(users::Permission::agencies_view);
  auto only = ctx.scope().agency_id;
  auto uow = store.read();
  return {uow->agencies().list(only, paging.limit, paging.offset), uow->agencies().count(only)};
}

AgencyOverview agency_overview(Store& store, const Context& ctx) {
  ctx.require(users::Permission::agencies_view);
  AgencyOverview out;
  out.ending_from = ctx.clock.today();
  out.ending_to = add_months(out.ending_from, 6);
  out.agencies = store.read()->agencies().summaries(ctx.scope().agency_id, to_iso(out.ending_from), to_iso(out.ending_to));
  return out;
}

agencies::Agency agency_in_scope(UnitOfWork& uow, const Context& ctx, const std::optional<std::string>& code,
                                 const std::string& error_code) {
  std::optional<agencies::Agency> agency;
  if (code && !trim(*code).empty()) {
    agency = uow.agencies().find_by_code(agencies::normalise_agency_code(trim(*code)));
    if (agency && !ctx.scope().reaches(agency->id)) agency.reset();
  } else if (ctx.scope().agency_id) {
    agency = uow.agencies().find_by_id(*ctx.scope().agency_id);
  }
  if (!agency)
    throw std::move(DomainError(ErrorKind::validation, error_code).param("agency", code.value_or("")).field("agency"));
  return *agency;
}

std::vector<std::string> agency_address_lines(UnitOfWork& uow, const agencies::Agency& a) {
  std::vector<std::string> lines;
  if (a.street) lines.push_back(*a.street + (a.house_number ? " " + *a.house_number : ""));
  if (a.postcode) {
    auto commune = uow.dwellings().commune(*a.postcode);
    lines.push_back(*a.postcode + (commune ? " " + commune->name_fr + (commune->name_nl != commune->name_fr ? " / " + commune->name_nl : "") : ""));
  }
  return lines;
}

}  // namespace hms::app
