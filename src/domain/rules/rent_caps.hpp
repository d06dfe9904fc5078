// The rent caps of the Brussels social rental agencies (arrêté of 2015, arts 16–17): the most
// an agency may pay the owner each month (owner-rent cap) and the most it may charge the tenant
// (tenant-rent cap), by type of dwelling (apartment | house) × number of bedrooms (0 = studio;
// the highest row of a type means "this many and more"), indexed every 1 January. Each grid has
// a validity date: the grid in force on a day is the one with the latest valid_from <= that day.
// E.g. an apartment with 2 bedrooms on 2026-03-01 → the 2026-01-01 row for (apartment, 2); an
// apartment with 7 bedrooms → the (apartment, 5) row, "5 and more".
//
// Files (rules/owner-rent-caps.csv, rules/tenant-rent-caps.csv), one table per file, a header
// line first that names the table by its fourth column:
//   valid_from,type,bedrooms,amount,status,source        owner-rent caps
//   valid_from,type,bedrooms,tenant_cap,status,source    tenant-rent caps
//   2026-01-01,apartment,2,816.00,illustrative,illustrative — replace with the grid published by Bruxelles Logement
// Every validity date holds both types, each with the bedrooms 0..n without a gap.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/money.hpp"
#include "domain/stock/dwelling_type.hpp"

namespace hms::rules {

enum class CapKind { owner_rent, tenant_rent };
std::string_view to_string(CapKind k);  // "owner_rent" | "tenant_rent"
// The header line of a file of that kind, e.g. "valid_from,type,bedrooms,amount,status,source".
std::string_view cap_file_header(CapKind k);

struct RentCap {
  std::chrono::year_month_day valid_from;
  stock::DwellingType type = stock::DwellingType::apartment;
  int bedrooms = 0;          // 0 = studio; on the last row of a type: this many and more
  bool and_more = false;     // true on the highest bedrooms row of a type in a validity date
  Money amount;              // monthly
  std::string status;        // "illustrative" | "verified" | …
  std::string source;
};

class RentCapTable {
 public:
  // Parses the CSV text (a header line first, that of `kind`; a byte-order mark and CRLF line
  // ends are accepted). Throws DomainError(validation, "rules.invalid_cap_table") with params
  // "line" (1 = the header) and "reason" on any bad row: wrong header, unknown type,
  // negative/non-integer bedrooms, bad or non-positive amount, bad date, empty status or source,
  // duplicate (valid_from, type, bedrooms), a validity date without one of the types or whose
  // bedrooms for a type are not 0..n without gaps, no row at all.
  static RentCapTable parse(CapKind kind, std::string_view csv);

  // From rows in any order (storage); sorts them and sets and_more on the highest bedrooms row
  // of each (valid_from, type), whatever the rows said.
  explicit RentCapTable(CapKind kind = CapKind::owner_rent, std::vector<RentCap> rows = {});

  CapKind kind() const { return kind_; }
  const std::vector<RentCap>& rows() const { return rows_; }  // ordered by valid_from, type, bedrooms
  bool empty() const { return rows_.empty(); }
  // The distinct validity dates, oldest first.
  std::vector<std::chrono::year_month_day> validity_dates() const;

  // The rows in force on `date`: for each type, those of its latest valid_from <= date;
  // ordered apartment then house, by bedrooms. Empty if none.
  std::vector<RentCap> in_force(std::chrono::year_month_day date) const;
  // The rows of exactly this validity date, ordered like in_force.
  std::vector<RentCap> of_date(std::chrono::year_month_day valid_from) const;
  // The cap for a dwelling on a date: the row of the latest valid_from <= date for that type
  // with bedrooms == n, or the "and more" row when n exceeds it. nullopt if no table is in
  // force on that date for that type (or bedrooms is negative).
  std::optional<RentCap> cap_for(std::chrono::year_month_day date, stock::DwellingType type, int bedrooms) const;

 private:
  CapKind kind_;
  std::vector<RentCap> rows_;
};

}  // namespace hms::rules
