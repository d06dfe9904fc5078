// An agency (AIS / SVK): the unit of data isolation. Every agency-owned row carries its
// agency_id. E.g. {code "AIS-IXELLES", name "AIS Ixelles - Elsene"}.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/rate.hpp"

namespace hms::agencies {

struct Agency {
  std::int64_t id = 0;
  std::string code;  // 2-16 letters, digits or '-'; unique; shown upper-case
  std::string name;  // display name, 1-200 characters
  std::optional<std::string> street;        // office address, if known
  std::optional<std::string> house_number;
  std::optional<std::string> postcode;      // one of the Region's (table communes)
  std::int64_t created_at = 0;  // seconds since 1970 UTC
};

// An agency code as stored: ASCII letters upper-cased ("ais-ixelles" → "AIS-IXELLES").
std::string normalise_agency_code(std::string_view code);

// Throws DomainError(validation) with field "code" or "name" when invalid.
// Answers the normalised code (upper-case).
std::string validate_agency(std::string_view code, std::string_view name);

// What an agency's admin chooses for the whole agency (page /settings). E.g. a default
// management fee of 8.00 % (800), taken by every management mandate recorded without a fee.
struct AgencySettings {
  std::int64_t agency_id = 0;
  // 0 to 30 % (owners::kMaxManagementFee). None: not set. There is no verified sector figure to fall
  // back on (domain-research.md), so hms invents none: a mandate without a fee is then refused.
  std::optional<Rate> management_fee;
  // A yearly indexation rising a rent by more than this is flagged in the preview (0.01 % to
  // 100 %). None: not chosen, the indexation's default of 10 % applies.
  std::optional<Rate> indexation_alert = std::nullopt;
  // How often an applicant renews the candidacy, in months: 12 or 24. None: not chosen, 12.
  std::optional<int> applicant_renewal_months = std::nullopt;
  int renewal_months() const { return applicant_renewal_months.value_or(12); }
  // How many years a struck-off applicant's or a former tenant's personal data are kept before
  // they are proposed for erasure (GDPR; app/applicants/retention.hpp): 1 to 30. None: not
  // chosen (hms ships no figure: it depends on the agency's own obligations), nothing proposed.
  std::optional<int> retention_years = std::nullopt;
  std::int64_t updated_at = 0;  // seconds since 1970 UTC; 0: never saved
};

// Per-agency figures for the region and federation dashboards.
struct AgencySummary {
  Agency agency;
  std::int64_t users = 0;         // active users of the agency
  std::int64_t last_activity = 0; // last audited action, seconds since 1970; 0 if none
  // What the agency has registered, for the region's per-agency view and the dashboards:
  std::int64_t dwellings = 0;         // not ended
  std::int64_t active = 0, vacant = 0, works = 0;
  std::int64_t contracts_ending = 0;  // owner contracts whose last day falls in the window asked
  std::int64_t last_change = 0;       // last change of a dwelling, an owner or an owner contract; 0 if none
  std::int64_t last_login = 0;        // last login of one of its users; 0 if none
};

class AgencyRepository {
 public:
  virtual ~AgencyRepository() = default;
  virtual std::int64_t insert(const Agency& a) = 0;  // throws DomainError(conflict) if the code exists
  virtual std::optional<Agency> find_by_id(std::int64_t id) = 0;
  virtual std::optional<Agency> find_by_code(std::string_view code) = 0;
  // Every agency, or only `only` if set; ordered by code.
  virtual std::vector<Agency> list(std::optional<std::int64_t> only, int limit, int offset) = 0;
  virtual std::int64_t count(std::optional<std::int64_t> only) = 0;
  // `ending_from`..`ending_to` (ISO dates, both included): the window of contracts_ending.
  virtual std::vector<AgencySummary> summaries(std::optional<std::int64_t> only, const std::string& ending_from,
                                               const std::string& ending_to) = 0;
  // The agency's settings (nothing set: an AgencySettings with only agency_id), and their change.
  virtual AgencySettings settings(std::int64_t agency_id) = 0;
  virtual void save_settings(const AgencySettings& s) = 0;
};

}  // namespace hms::agencies
