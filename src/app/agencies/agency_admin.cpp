#include "app/agencies/agency_admin.hpp"

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

}  // namespace hms::app
