#include "domain/indexation/health_index.hpp"

#include <charconv>
#include <vector>

#include "common/error.hpp"
#include "common/text.hpp"

namespace hms::indexation {
namespace {

DomainError invalid(int line, const std::string& reason) {
  return DomainError(ErrorKind::validation, "indexation.invalid_index_table")
      .param("line", std::to_string(line))
      .param("reason", reason);
}

// "110.99" → 11099; exactly two decimals, or none ("111" → 11100), or one ("111.3" → 11130).
std::optional<std::int64_t> hundredths(std::string_view s) {
  auto dot = s.find('.');
  std::string digits(s.substr(0, dot));
  std::string decimals = dot == std::string_view::npos ? "" : std::string(s.substr(dot + 1));
  if (digits.empty() || decimals.size() > 2) return std::nullopt;
  while (decimals.size() < 2) decimals += '0';
  std::int64_t v = 0;
  std::string all = digits + decimals;
  auto [p, ec] = std::from_chars(all.data(), all.data() + all.size(), v);
  if (ec != std::errc() || p != all.data() + all.size() || v <= 0) return std::nullopt;
  return v;
}

}  // namespace

std::string IndexValue::text() const {
  std::string s = std::to_string(hundredths / 100) + ".";
  std::int64_t cents = hundredths % 100;
  if (cents < 10) s += '0';
  return s + std::to_string(cents);
}

HealthIndex HealthIndex::parse_csv(std::string_view csv) {
  HealthIndex h;
  const auto lines = split(csv, '\n');
  for (std::size_t n = 1; n < lines.size(); ++n) {  // lines[0] is the header
    const int line_no = static_cast<int>(n) + 1;
    std::string_view line = lines[n];
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    auto f = split(line, ',');
    if (f.size() < 5) throw invalid(line_no, "expected month,value,base,status,source");
    auto month = YearMonth::parse(f[0]);
    if (!month) throw invalid(line_no, "month");
    auto value = hundredths(f[1]);
    if (!value) throw invalid(line_no, "value");
    int base = 0;
    if (std::from_chars(f[2].data(), f[2].data() + f[2].size(), base).ec != std::errc() || base < 1900)
      throw invalid(line_no, "base");
    if (h.base_year_ == 0) h.base_year_ = base;
    if (base != h.base_year_)
      throw invalid(line_no, "base " + std::to_string(base) + " mixed with base " + std::to_string(h.base_year_));
    if (h.values_.contains(month.value())) throw invalid(line_no, "month given twice");
    std::string source(f[4]);
    for (std::size_t i = 5; i < f.size(); ++i) source += "," + std::string(f[i]);
    h.values_.emplace(month.value(), IndexValue{month.value(), *value, std::string(f[3]), source});
  }
  return h;
}

void HealthIndex::add(int base_year, IndexValue value) {
  if (base_year_ == 0) base_year_ = base_year;
  if (base_year != base_year_)
    throw invalid(0, "base " + std::to_string(base_year) + " mixed with base " + std::to_string(base_year_));
  values_.insert_or_assign(value.month, std::move(value));
}

const IndexValue& HealthIndex::at(YearMonth month) const {
  auto it = values_.find(month);
  if (it == values_.end() && !values_.empty() && month < values_.begin()->first)
    throw DomainError(ErrorKind::validation, "indexation.index_before_table")
        .param("month", month.to_string())
        .param("first", values_.begin()->first.to_string());
  if (it == values_.end()) {
    auto last_known = last();
    throw DomainError(ErrorKind::validation, "indexation.index_unknown")
        .param("month", month.to_string())
        .param("last", last_known ? last_known->to_string() : "-");
  }
  return it->second;
}

std::optional<YearMonth> HealthIndex::last() const {
  if (values_.empty()) return std::nullopt;
  return values_.rbegin()->first;
}

}  // namespace hms::indexation
