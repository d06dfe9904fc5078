// The occupancy rule: how many bedrooms a household of a given size may take, so that a free
// dwelling is proposed to households it fits (contract D, "candidates"). The Region has not
// published one for the social rental agencies; the shipped table follows the social-housing
// adequacy norm (AGRBC 26-09-1996 art. 3, tenancy-rules.md) and is marked illustrative until the
// Region's is loaded. Each table has a validity date: the one in force on a day is the latest
// valid_from <= that day. E.g. on 2026-12-01 a household of 3 persons fits 1 to 2 bedrooms; the
// highest row means "this many persons and more".
//
// File rules/occupancy.csv, a header line first:
//   valid_from,persons,min_bedrooms,max_bedrooms,status,source
//   2018-01-01,1,0,1,illustrative,illustrative — social-housing adequacy norm, replace with the Region's rule
// Every validity date holds the persons 1..n without a gap, min_bedrooms <= max_bedrooms.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hms::allocation {

struct OccupancyRule {
  std::chrono::year_month_day valid_from;
  int persons = 1;        // household size; on the last row of a validity date: this many and more
  bool and_more = false;  // set on the highest persons row of each validity date
  int min_bedrooms = 0;   // 0 = a studio
  int max_bedrooms = 0;
  std::string status;     // "illustrative" | "verified" | …
  std::string source;
};

class OccupancyTable {
 public:
  static constexpr std::string_view kHeader = "valid_from,persons,min_bedrooms,max_bedrooms,status,source";

  // Parses the CSV text (the header above first; a byte-order mark and CRLF are accepted).
  // Throws DomainError(validation, "rules.invalid_occupancy_table") with params "line" (1 = the
  // header) and "reason" on any bad row: wrong header, persons < 1, bedrooms negative or
  // min > max, bad date, empty status or source, a duplicate (valid_from, persons), a validity
  // date whose persons are not 1..n without gaps, no row at all.
  static OccupancyTable parse(std::string_view csv);

  // From rows in any order (storage); sorts them and sets and_more.
  explicit OccupancyTable(std::vector<OccupancyRule> rows = {});

  const std::vector<OccupancyRule>& rows() const { return rows_; }  // by valid_from, persons
  bool empty() const { return rows_.empty(); }
  // The rows in force on `date` (those of the latest valid_from <= date), by persons.
  std::vector<OccupancyRule> in_force(std::chrono::year_month_day date) const;
  // The row for a household of `persons` on `date` (the "and more" row above the last);
  // none when no table is in force that day or persons < 1.
  std::optional<OccupancyRule> rule_for(std::chrono::year_month_day date, int persons) const;

 private:
  std::vector<OccupancyRule> rows_;
};

// The row for a household of `persons` among the rows of one validity date (what in_force gives):
// read the table once, then ask for each household.
std::optional<OccupancyRule> rule_among(const std::vector<OccupancyRule>& in_force, int persons);

}  // namespace hms::allocation
