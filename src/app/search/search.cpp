#include "app/search/search.hpp"

#include "common/text.hpp"

namespace hms::app {

using users::Permission;

SearchResults search(Store& store, const Context& ctx, const std::string& query) {
  // 1. Who may search: whoever reads the stock or the owners.
  const bool stock = ctx.can(Permission::stock_view), owners = ctx.can(Permission::owners_view);
  if (!stock && !owners) ctx.require(Permission::stock_view);  // throws forbidden
  SearchResults out;
  out.query = std::string(trim(query));
  if (out.query.size() < 2) return out;
  const Paging first{kSearchShown, 0};
  // 2. Each part in the scope of its own list (an agency role: its agency; the region: all).
  if (stock) {
    stock::DwellingFilter f;
    f.query = out.query;
    out.dwellings = list_dwellings(store, ctx, f, "", stock::SortOrder{}, first);
  }
  if (owners) {
    out.owners = choose_owner(store, ctx, out.query, std::nullopt);
    owners::ContractFilter f;
    f.query = out.query;
    out.contracts = list_contracts(store, ctx, f, "", first);
  }
  return out;
}

}  // namespace hms::app
