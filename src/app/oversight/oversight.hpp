// Adoption of hms (issue 12.5, contract F): the region records the stock each agency declared
// outside hms (declared_stock_manage, audited "oversight.declared_stock"); the region and the
// federation read, for every agency, declared vs registered and each module's use
// (adoption_view). Agency roles get 403: adoption compares agencies, it is the Region's view
// (the permission matrix, domain/users/permissions.cpp).
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/agencies/agency.hpp"
#include "domain/oversight/adoption.hpp"
#include "domain/oversight/compliance.hpp"

namespace hms::app {

struct AdoptionLine {
  agencies::Agency agency;
  std::optional<std::int64_t> declared;                    // none: nothing declared
  std::optional<std::chrono::year_month_day> declared_on;
  std::int64_t registered = 0;   // oversight::coverage's definition, on today's live inventory
  std::optional<std::string> coverage;                     // "90.2" (percent), none without a declaration
  std::vector<oversight::ModuleUse> modules;               // one per oversight::kModules, in that order
};
struct Adoption {
  std::vector<AdoptionLine> items;  // by agency code
  // The Region's headline: every agency's registered over every declared dwelling.
  std::int64_t registered = 0, declared = 0;
  std::optional<std::string> coverage;
  // The dwellings managed in hms in the whole Region on the first day of each of the last 12
  // months, then today: the trend of adoption.
  struct Point {
    std::chrono::year_month_day day{};
    std::int64_t managed = 0;
  };
  std::vector<Point> trend;
};
Adoption adoption(Store& store, const Context& ctx);

// What an agency declared: date (YYYY-MM-DD), dwellings (0–100000). Region only; every problem
// at once (common.invalid_date, oversight.invalid_dwellings), nothing written then; an unknown
// agency code is 404 oversight.unknown_agency.
struct DeclaredFields {
  std::optional<std::string> date;
  std::optional<std::string> dwellings;
};
template <typename Visit>
void for_each_field(DeclaredFields& f, Visit&& visit) {
  visit("date", f.date);
  visit("dwellings", f.dwellings);
}
oversight::DeclaredStock declare_stock(Store& store, const Context& ctx, const std::string& agency_code,
                                       const DeclaredFields& f);

// The year of a yearly report as typed (2000–2100; absent or blank: this year; else 422
// oversight.invalid_year on field year).
int report_year(const Context& ctx, const std::optional<std::string>& year);

// The compliance report of an agency for a year (issue 12.3, oversight/compliance.hpp): its facts
// gathered from hms and the checks' lights, with each module's use (adoption_view: the region and
// the federation). `year` as typed (2000–2100; absent or blank: this year; else 422
// oversight.invalid_year); an unknown agency is 404 oversight.unknown_agency.
struct ComplianceView {
  oversight::ComplianceReport report;
  std::optional<std::string> coverage;      // "90.2" (percent), none without a declaration
  std::vector<oversight::ModuleUse> modules;  // one per oversight::kModules, in that order
};
ComplianceView compliance_report(Store& store, const Context& ctx, const std::string& agency_code,
                                 const std::optional<std::string>& year);
// Every agency's report for the year, by code: the Region's overview table.
std::vector<ComplianceView> compliance_overview(Store& store, const Context& ctx, const std::optional<std::string>& year);

}  // namespace hms::app
