// Creating and listing agencies. Agency users see only their own agency; the region,
// the federation and the system admin see all 24.
#pragma once
#include "app/context.hpp"

namespace hms::app {

agencies::Agency add_agency(Store& store, const Context& ctx, std::string_view code, std::string_view name);
Page<agencies::Agency> list_agencies(Store& store, const Context& ctx, Paging paging);

}  // namespace hms::app
