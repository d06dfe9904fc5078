// The compliance report (issue 12.3): what the Region checks of an agency for a year, from what the
// agency did in hms — the stock registered against the stock it declared, the inventory of
// 30 September submitted, the subsidy request of the year made in hms, the two-thirds rule, rents
// within their caps, vacancy — each check with a light: green (holds), amber (to look at), red
// (does not hold). The thresholds below are hms's, written here and on the report, not the
// Region's (none is published, tenancy-rules.md); the overall light is the worst of the checks.
// E.g. AIS-IX 2026: coverage 90.2 % amber, inventory submitted green, request accepted green,
// two-thirds 0.7012 green, owner rents above cap 0 green, tenant rents above cap 3 of 412 amber,
// long vacancy 1.1 % green → amber.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hms::oversight {

enum class Light { green, amber, red };
std::string_view to_string(Light l);  // "green" | "amber" | "red"

// Coverage: registered / declared at least kCoverageGreen per mille green, kCoverageAmber amber
// (the adoption page's flag), else red; nothing declared: amber.
inline constexpr std::int64_t kCoverageGreen = 950, kCoverageAmber = 850;
// Rents above their cap and dwellings vacant for more than six months: none (or at most
// kShareGreen per mille) green, at most kShareAmber per mille amber, else red.
inline constexpr std::int64_t kShareGreen = 0, kShareAmber = 20;
inline constexpr std::int64_t kVacancyGreen = 20, kVacancyAmber = 50;

// What the report reads of one agency and year (gathered by app::compliance_report).
struct ComplianceFacts {
  std::string agency_code, agency_name;
  int year = 0;
  std::chrono::year_month_day reference{};  // 30 September of the year (today if earlier)
  std::chrono::year_month_day mix_day{};    // 31 December of the year (today if earlier)
  std::optional<std::int64_t> declared;     // the latest stock declared to the Region
  std::int64_t registered = 0;              // subsidisable dwellings in hms on the reference date
  std::int64_t dwellings = 0, mandates = 0, main_leases = 0, vacant = 0, long_vacant = 0, works = 0;
  bool inventory_submitted = false;         // a frozen inventory of the reference date
  std::string request_status;               // the year's request made in hms: "" none, else its status
  std::int64_t leases = 0, at_or_below = 0; // the income mix on mix_day
  std::int64_t owner_rents = 0, owner_above_cap = 0, owner_no_cap = 0;
  std::int64_t tenant_rents = 0, tenant_above_cap = 0;
};

struct ComplianceCheck {
  std::string key;  // coverage | inventory | request | two_thirds | owner_caps | tenant_caps | vacancy
  Light light = Light::green;
};

struct ComplianceReport {
  ComplianceFacts facts;
  std::vector<ComplianceCheck> checks;  // in the order of the keys above
  Light overall = Light::green;
};

// The checks, in numbered steps (compliance.cpp), each from the facts alone.
ComplianceReport assess(ComplianceFacts facts);

// The coverage per mille, rounded down (registered × 1000 / declared); none when nothing declared.
std::optional<std::int64_t> coverage_per_mille(const ComplianceFacts& f);

}  // namespace hms::oversight
