#include "domain/oversight/compliance.hpp"

#include <algorithm>

namespace hms::oversight {
namespace {

// A share of `whole` at most `green` per mille green, at most `amber` amber, else red; nothing
// to count: green.
Light share_light(std::int64_t part, std::int64_t whole, std::int64_t green, std::int64_t amber) {
  if (whole <= 0 || part <= 0) return Light::green;
  const std::int64_t per_mille_times_whole = part * 1000;  // compared exactly: part/whole ≤ x/1000
  if (per_mille_times_whole <= green * whole) return Light::green;
  if (per_mille_times_whole <= amber * whole) return Light::amber;
  return Light::red;
}

}  // namespace

std::string_view to_string(Light l) {
  switch (l) {
    case Light::green: return "green";
    case Light::amber: return "amber";
    case Light::red: return "red";
  }
  return "red";
}

std::optional<std::int64_t> coverage_per_mille(const ComplianceFacts& f) {
  if (!f.declared || *f.declared <= 0) return std::nullopt;
  return f.registered * 1000 / *f.declared;
}

ComplianceReport assess(ComplianceFacts facts) {
  ComplianceReport r;
  const auto& f = facts;
  // 1. Use of hms: the stock registered against the stock declared.
  const auto coverage = coverage_per_mille(f);
  r.checks.push_back({"coverage", !coverage                      ? Light::amber
                                  : *coverage >= kCoverageGreen ? Light::green
                                  : *coverage >= kCoverageAmber ? Light::amber
                                                                : Light::red});
  // 2. The inventory of 30 September submitted in hms.
  r.checks.push_back({"inventory", f.inventory_submitted ? Light::green : Light::red});
  // 3. The year's subsidy request made in hms: any but a rejected one holds; rejected, to look at.
  r.checks.push_back({"request", f.request_status.empty()         ? Light::red
                                 : f.request_status == "rejected" ? Light::amber
                                                                  : Light::green});
  // 4. The two-thirds rule, compared exactly (3 × at_or_below ≥ 2 × leases); no lease: amber.
  r.checks.push_back({"two_thirds", f.leases == 0                         ? Light::amber
                                    : 3 * f.at_or_below >= 2 * f.leases ? Light::green
                                                                        : Light::red});
  // 5. Rents within their caps, the owners' and the households'.
  r.checks.push_back({"owner_caps", share_light(f.owner_above_cap, f.owner_rents, kShareGreen, kShareAmber)});
  r.checks.push_back({"tenant_caps", share_light(f.tenant_above_cap, f.tenant_rents, kShareGreen, kShareAmber)});
  // 6. Dwellings vacant for more than six months.
  r.checks.push_back({"vacancy", share_light(f.long_vacant, f.dwellings, kVacancyGreen, kVacancyAmber)});
  // 7. The overall light: the worst.
  for (const auto& c : r.checks) r.overall = std::max(r.overall, c.light);
  r.facts = std::move(facts);
  return r;
}

}  // namespace hms::oversight
