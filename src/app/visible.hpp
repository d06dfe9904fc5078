// One rule for every agency-owned object reached by its id: the actor holds the permission to
// read it, the object exists, and the actor's scope reaches its agency; otherwise the same 404
// as for an id that does not exist (another agency's object is never revealed). The routes
// name the object their {id} reaches (http/server.hpp, Guard); this is where it is enforced.
//   auto d = visible<stock::Dwelling>(uow, ctx, id);  // 403 without stock_view; 404 stock.not_found
// A module says, next to its use cases, how its object is found and which permission reads it:
//   template <> struct Visibility<stock::Dwelling> {
//     static constexpr users::Permission permission = users::Permission::stock_view;
//     static constexpr const char* not_found = "stock.not_found";
//     static std::optional<stock::Dwelling> find(UnitOfWork& uow, std::int64_t id) { return uow.dwellings().find_by_id(id); }
//   };
#pragma once
#include <cstdint>
#include <optional>

#include "app/context.hpp"
#include "common/error.hpp"
#include "domain/store.hpp"

namespace hms::app {

template <typename T>
struct Visibility;  // specialised by each module for its object

namespace detail {
inline bool reaches(const users::Scope& scope, std::int64_t agency) { return scope.reaches(agency); }
// An object that may belong to no agency (a user of the region): only a scope over every agency reaches it.
inline bool reaches(const users::Scope& scope, const std::optional<std::int64_t>& agency) {
  return agency ? scope.reaches(*agency) : !scope.agency_id;
}
}  // namespace detail

template <typename T>
T visible(UnitOfWork& uow, const Context& ctx, std::int64_t id) {
  using V = Visibility<T>;
  ctx.require(V::permission);
  auto found = V::find(uow, id);
  if (!found || !detail::reaches(ctx.scope(), found->agency_id)) throw DomainError(ErrorKind::not_found, V::not_found);
  return *found;
}

}  // namespace hms::app
