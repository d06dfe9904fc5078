// Adoption of hms per agency (issue 12.5, contract F): the stock an agency declared outside hms
// against the dwellings registered in hms, and, per module, when it was last used and how much.
// The Region's question (parliamentary question n°1243): 6,990 of 7,749 dwellings registered.
//   registered = the dwellings of the live inventory today (an owner contract in force) that
//                are subsidisable and in the stock (status active, vacant or works: not ended);
//   coverage   = registered / declared as a percentage with one decimal, written as a string
//                ("90.2": exact, no binary fraction), rounded half up; none (JSON null) when
//                nothing, or 0 dwellings, was declared.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hms::oversight {

// What an agency declared to the Region outside hms: `dwellings` on `declared_on`.
struct DeclaredStock {
  std::int64_t agency_id = 0;
  std::chrono::year_month_day declared_on{};
  std::int64_t dwellings = 0;                 // 0–100000
  std::optional<std::int64_t> recorded_by;
  std::int64_t recorded_at = 0;
};

// The modules whose use is measured, in the order shown.
inline constexpr std::string_view kModules[] = {"stock",      "owners",     "applicants", "leases",  "ledger",
                                                "indexation", "allocation", "support",    "subsidies"};

// One module of one agency: how many of its records exist, the last time one was written.
struct ModuleUse {
  std::int64_t agency_id = 0;
  std::string module;                 // one of kModules
  std::int64_t count = 0;
  std::optional<std::int64_t> last_at;  // seconds since 1970 UTC; none: never used
};

// registered / declared in percent with one decimal, rounded half up: (6990, 7749) → "90.2";
// none when declared is none or 0.
std::optional<std::string> coverage(std::int64_t registered, std::optional<std::int64_t> declared);

class OversightRepository {
 public:
  virtual ~OversightRepository() = default;
  virtual void insert_declared(const DeclaredStock& d) = 0;
  // The latest declaration of each agency (by declared_on, then recorded_at).
  virtual std::vector<DeclaredStock> latest_declared() = 0;
  // Every agency's use of every module, from a few grouped queries (agencies without a row in
  // a module are absent: count 0, never used).
  virtual std::vector<ModuleUse> module_use() = 0;
  // The dwellings of the whole Region managed in hms on each day (an owner contract in force:
  // start ≤ day ≤ end), one count per day asked, in the same order: adoption's monthly trend.
  virtual std::vector<std::int64_t> managed_on(const std::vector<std::chrono::year_month_day>& days) = 0;
};

}  // namespace hms::oversight
