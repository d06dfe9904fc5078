// A dwelling of an agency's rental stock (glossary: dwelling), with its address in one of the
// Region's communes, its size, energy certificate and special categories, and the history of
// its status. E.g. reference "IX-0042", Rue de la Paix 12 box 3, 1050 Ixelles, apartment with
// 2 bedrooms, 68.5 m², PEB D, active since 2021-03-01.
#pragma once
#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/stock/dwelling_type.hpp"

namespace hms::stock {

enum class DwellingStatus { active, vacant, works, ended };
inline constexpr std::array kAllDwellingStatuses{DwellingStatus::active, DwellingStatus::vacant,
                                                 DwellingStatus::works, DwellingStatus::ended};
std::string_view to_string(DwellingStatus s);
std::optional<DwellingStatus> parse_dwelling_status(std::string_view s);

// Why a dwelling is vacant (issue 15.10), a closed list; `other` comes with a text.
enum class VacancyReason { between_tenants, works_needed, owner_decision, no_candidate, other };
inline constexpr std::array kAllVacancyReasons{VacancyReason::between_tenants, VacancyReason::works_needed,
                                               VacancyReason::owner_decision, VacancyReason::no_candidate,
                                               VacancyReason::other};
std::string_view to_string(VacancyReason r);
std::optional<VacancyReason> parse_vacancy_reason(std::string_view s);
// A vacancy longer than this many days is marked on the lists and the page (an agency may choose
// another threshold in its settings).
inline constexpr int kDefaultVacancyAlertDays = 90;

// Who recorded a status period: a user (through a form, the API, the bulk change), an import
// (a user's file: the user is kept too), or the system (the demo, periods older than the column:
// none). Shown in the history as the user's name, or "import" / "system". `unknown`: a period
// recorded before the column existed (read only, never written).
enum class StatusSource { user, import, system, unknown };
std::string_view to_string(StatusSource s);
struct StatusRecord {
  std::optional<std::int64_t> user_id;  // none: no user (the system, or a row older than issue 15)
  StatusSource source = StatusSource::system;
  std::optional<VacancyReason> vacancy_reason;  // only for a vacant period; may be none (API, import)
  std::string vacancy_note;                     // the reason's text, with `other`; else empty
};

// Special categories (several allowed): transit, disability_adapted, student, large_family.
inline constexpr std::array<std::string_view, 4> kSpecialCategories{"transit", "disability_adapted", "student",
                                                                    "large_family"};

// A commune of the Brussels-Capital Region, found from a postcode (table communes).
struct Commune {
  std::string postcode;  // "1050"
  std::string nis_code;  // "21009"
  std::string name_fr;   // "Ixelles"
  std::string name_nl;   // "Elsene"
};

struct Dwelling {
  std::int64_t id = 0;
  std::int64_t agency_id = 0;
  std::string agency_code;                  // read along with agency_id
  std::string reference;                    // the agency's own reference, unique within the agency
  std::int64_t building_id = 0;             // dwellings at the same address share a building
  std::string street;                       // "Rue de la Paix"
  std::string number;                       // house number, "12" or "12A"
  std::string box;                          // letter box, "3" or ""; empty: none
  Commune commune;                          // from the postcode, always one of the Region's
  std::optional<int> floor;                 // 0 = ground floor; none: unknown
  DwellingType type = DwellingType::apartment;
  int bedrooms = 0;                         // 0 = studio
  std::optional<std::int64_t> surface_dm2;  // habitable surface in tenths of m² (68.5 m² → 685)
  std::optional<char> peb_class;            // 'A'…'G'; none: no certificate known
  std::string peb_number;                   // the certificate's number; may be empty
  std::optional<std::chrono::year_month_day> peb_date;  // date of the certificate
  std::string cadastral_reference;          // e.g. "21009A0123/00B000"; may be empty
  std::vector<std::string> categories;      // sorted, from kSpecialCategories
  DwellingStatus status = DwellingStatus::active;       // the status of the latest period
  std::chrono::year_month_day status_since{};           // start of that period
  // The vacancy's reason and text of that period (vacant only). On insert: who records the first
  // period (read back from the latest period: see status_record).
  StatusRecord status_record;
  // Set by the use cases that read a dwelling for a person (app::dwelling_detail, lists): when
  // the latest period starts after today, status / status_since / status_record are those in
  // force today and the latest one is "planned" (shown as "planned: vacant from 01/01/2027").
  std::optional<DwellingStatus> planned_status;
  std::optional<std::chrono::year_month_day> planned_from;
  std::int64_t created_at = 0;              // seconds since 1970 UTC
  std::int64_t updated_at = 0;
};

// One period of a dwelling's status, half-open: [from, to). to = none: still running.
struct StatusPeriod {
  DwellingStatus status = DwellingStatus::active;
  std::chrono::year_month_day from{};
  std::optional<std::chrono::year_month_day> to;
  std::int64_t recorded_at = 0;
  StatusRecord record;             // who recorded it, the vacancy's reason
  std::string recorded_by_name;    // the user's name when record.user_id is set
};

// The period in force on a day (the last whose from ≤ day < to), none before the first.
const StatusPeriod* period_on(const std::vector<StatusPeriod>& history, std::chrono::year_month_day day);
// The status on a day, from the history (ordered by from); none before the first period.
std::optional<DwellingStatus> status_on(const std::vector<StatusPeriod>& history, std::chrono::year_month_day day);
// How many days of [from, to) the dwelling spent in `status`: e.g. vacancy days in a year.
int days_in_status(const std::vector<StatusPeriod>& history, DwellingStatus status,
                   std::chrono::year_month_day from, std::chrono::year_month_day to);

// Field checks. Each throws DomainError(validation) with the field's name:
//   reference (1–32 printable characters), street, number (1–10), box (≤ 10), floor (-5…200),
//   bedrooms (0–20), surface (a number of m² with at most one decimal, 10–1000),
//   peb_class (A–G), categories (known names). Answers the normalised value.
std::string validate_reference(std::string_view reference);
std::optional<std::int64_t> parse_surface(std::string_view text);  // "68,5" / "68.5" / "" → 685 / none
std::optional<char> parse_peb_class(std::string_view text);         // "d" → 'D'; "" → none
std::vector<std::string> parse_categories(std::string_view text);    // "transit, student" → sorted list
void validate_dwelling(const Dwelling& d);

// Search and list options; every list is scoped to one agency or, for cross-agency roles, all.
struct DwellingFilter {
  std::optional<std::int64_t> agency_id;   // none: every agency
  std::string query;                       // free text: reference, street, commune, postcode
  std::string postcode;                    // "" = any
  std::string nis_code;                    // "" = any; a commune's every postcode (21004: 1000, 1020, 1120, 1130)
  std::optional<DwellingStatus> status;
  std::optional<DwellingType> type;
  std::optional<int> bedrooms;
  std::optional<std::int64_t> building_id;
  // Vacant for more than this many days (today − status_since > N; implies status vacant):
  // the to-do list's "vacant for more than 3 months" is ?status=vacant&vacant_days=90. The use
  // case turns it into status_since_before from its clock; the repository reads only the date.
  std::optional<int> vacant_days;
  std::optional<std::chrono::year_month_day> status_since_before;  // status_since < this date
  // Only the dwellings managed today: a status in force today that is not "ended" (what the
  // dashboard counts as "dwellings": /dwellings?managed=1 lists the same ones).
  bool managed_only = false;
  bool without_peb = false;  // no energy certificate class known (the to-do "missing certificates")
  // Today, set by the use case: `status` (and vacant_days) mean the status in force today, not
  // a period planned for later.
  std::optional<std::chrono::year_month_day> today;
};
enum class DwellingSort { reference, address, commune, bedrooms, status, updated };
struct SortOrder {
  DwellingSort by = DwellingSort::reference;
  bool descending = false;
};

// Counts for the agency dashboard.
struct StockFigures {
  std::vector<std::pair<std::string, std::int64_t>> by_status;    // status name → dwellings
  std::vector<std::pair<std::string, std::int64_t>> by_commune;   // postcode → dwellings (not ended)
  std::vector<std::pair<int, std::int64_t>> by_bedrooms;          // bedrooms → dwellings (not ended)
};

class DwellingRepository {
 public:
  virtual ~DwellingRepository() = default;
  virtual std::optional<Commune> commune(std::string_view postcode) = 0;
  virtual std::vector<Commune> communes() = 0;
  // Inserts the dwelling and its first status period; joins or creates the building of its
  // address. Throws DomainError(conflict, "stock.reference_taken") if the reference exists.
  // d.status_record says who records the first period.
  virtual std::int64_t insert(const Dwelling& d) = 0;
  virtual void update(const Dwelling& d) = 0;  // address, size, certificate, categories; not the status
  virtual std::optional<Dwelling> find_by_id(std::int64_t id) = 0;
  virtual std::optional<Dwelling> find_by_reference(std::int64_t agency_id, std::string_view reference) = 0;
  virtual std::vector<Dwelling> list(const DwellingFilter& f, SortOrder sort, int limit, int offset) = 0;
  virtual std::int64_t count(const DwellingFilter& f) = 0;
  // Closes the running period on `from` and opens a new one with `status`, recorded by `record`.
  virtual void change_status(std::int64_t dwelling_id, DwellingStatus status, std::chrono::year_month_day from,
                             std::int64_t now, const StatusRecord& record) = 0;
  // The references of an agency's dwellings (for the next free reference).
  virtual std::vector<std::string> references(std::int64_t agency_id) = 0;
  virtual std::vector<StatusPeriod> status_history(std::int64_t dwelling_id) = 0;
  // Counted by the status in force on `today` (a status planned for later is not counted yet).
  virtual StockFigures figures(std::optional<std::int64_t> agency_id, std::chrono::year_month_day today) = 0;
  // Takes the row's write lock (PostgreSQL) so that checks on the dwelling's contracts and
  // the write that follows them are not interleaved with another transaction's.
  virtual void lock(std::int64_t dwelling_id, std::int64_t now) = 0;
};

}  // namespace hms::stock
