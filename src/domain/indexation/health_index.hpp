// The Belgian health index (indice santé / gezondheidsindex), month by month, in one base
// (here 2013 = 100), from a dated, sourced table (rules/health-index.csv). Values are kept
// as hundredths of a point, exactly as published: 2021-05 → 110.99 → 11099.
// A series never mixes bases: a file with two bases is refused.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "common/year_month.hpp"

namespace hms::indexation {

struct IndexValue {
  YearMonth month{2013, 1};
  std::int64_t hundredths = 0;  // 110.99 → 11099
  std::string status;           // "verified" | "single_secondary_source" | …
  std::string source;
  std::string text() const;     // "110.99"
  double value() const { return static_cast<double>(hundredths) / 100.0; }
};

class HealthIndex {
 public:
  // Columns month,value,base,status,source (a header line first). Throws
  // DomainError(validation, "indexation.invalid_index_table") with params line and reason.
  static HealthIndex parse_csv(std::string_view csv);
  // Adds one month (stored tables); DomainError(validation, "indexation.invalid_index_table")
  // if its base differs from the others'.
  void add(int base_year, IndexValue value);

  int base_year() const { return base_year_; }
  // The value of a month, or DomainError(validation, "indexation.index_unknown") naming the
  // month and the last month known — never a guess.
  const IndexValue& at(YearMonth month) const;
  bool has(YearMonth month) const { return values_.contains(month); }
  std::optional<YearMonth> last() const;
  const std::map<YearMonth, IndexValue>& values() const { return values_; }

 private:
  int base_year_ = 0;
  std::map<YearMonth, IndexValue> values_;
};

}  // namespace hms::indexation
