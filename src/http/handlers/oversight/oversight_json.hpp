// The JSON shape of adoption (contract F): {"items": [{"agency", "name", "declared",
// "declared_on", "registered", "coverage", "modules": {"stock": {"last_used", "count"}, …}}],
// "region": {"declared", "registered", "coverage"}}. coverage is a string, the percentage with
// one decimal ("90.2" for 6,990 of 7,749), or null when nothing was declared; last_used a date
// (YYYY-MM-DD, UTC) or null when the module was never used.
#pragma once
#include <nlohmann/json.hpp>

#include "app/oversight/oversight.hpp"

namespace hms::http {

nlohmann::json adoption_json(const app::Adoption& a);

}  // namespace hms::http
