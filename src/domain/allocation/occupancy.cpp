#include "domain/allocation/occupancy.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <tuple>

#include "common/date.hpp"
#include "common/error.hpp"
#include "common/text.hpp"

namespace hms::allocation {
namespace {

DomainError invalid(int line, const std::string& reason) {
  return DomainError(ErrorKind::validation, "rules.invalid_occupancy_table")
      .param("line", std::to_string(line))
      .param("reason", reason);
}

bool before(const OccupancyRule& a, const OccupancyRule& b) {
  return std::tie(a.valid_from, a.persons) < std::tie(b.valid_from, b.persons);
}

// A whole number 0..50 written with digits only; none otherwise.
std::optional<int> small_number(std::string_view text) {
  int v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || v < 0 || v > 50) return std::nullopt;
  return v;
}

}  // namespace

OccupancyTable::OccupancyTable(std::vector<OccupancyRule> rows) : rows_(std::move(rows)) {
  std::stable_sort(rows_.begin(), rows_.end(), before);
  for (std::size_t i = 0; i < rows_.size(); ++i)
    rows_[i].and_more = i + 1 == rows_.size() || rows_[i + 1].valid_from != rows_[i].valid_from;
}

OccupancyTable OccupancyTable::parse(std::string_view csv) {
  if (csv.starts_with("\xEF\xBB\xBF")) csv.remove_prefix(3);  // a byte-order mark
  if (trim(csv).empty()) throw invalid(1, "the file is empty");
  const auto lines = split(csv, '\n');
  if (trim(lines[0]) != kHeader) throw invalid(1, "the first line must be " + std::string(kHeader));

  std::vector<OccupancyRule> rows;
  std::map<std::pair<std::chrono::year_month_day, int>, int> line_of;  // (valid_from, persons) → line
  for (std::size_t n = 1; n < lines.size(); ++n) {
    const int line_no = static_cast<int>(n) + 1;
    if (trim(lines[n]).empty()) continue;
    const auto raw = split(trim(lines[n]), ',');
    if (raw.size() < 6) throw invalid(line_no, "expected 6 columns: " + std::string(kHeader));
    OccupancyRule r;
    auto date = parse_date(trim(raw[0]));
    if (!date) throw invalid(line_no, "valid_from must be a date YYYY-MM-DD");
    r.valid_from = date.value();
    auto persons = small_number(trim(raw[1]));
    auto min = small_number(trim(raw[2]));
    auto max = small_number(trim(raw[3]));
    if (!persons || *persons < 1) throw invalid(line_no, "persons must be a whole number, 1 or more");
    if (!min || !max) throw invalid(line_no, "bedrooms must be whole numbers, 0 or more");
    if (*min > *max) throw invalid(line_no, "min_bedrooms is above max_bedrooms");
    r.persons = *persons;
    r.min_bedrooms = *min;
    r.max_bedrooms = *max;
    r.status = std::string(trim(raw[4]));
    if (r.status.empty()) throw invalid(line_no, "status is empty");
    std::string source(raw[5]);  // the rest of the line, commas included
    for (std::size_t i = 6; i < raw.size(); ++i) source += "," + std::string(raw[i]);
    r.source = std::string(trim(source));
    if (r.source.empty()) throw invalid(line_no, "source is empty");
    if (auto [it, fresh] = line_of.emplace(std::pair(r.valid_from, r.persons), line_no); !fresh)
      throw invalid(line_no, to_iso(r.valid_from) + ": " + std::to_string(r.persons) +
                                 " persons given twice (first on line " + std::to_string(it->second) + ")");
    rows.push_back(std::move(r));
  }
  if (rows.empty()) throw invalid(1, "the file has no rows");

  // Every validity date runs 1, 2, 3 … persons without a gap (line_of is ordered).
  std::optional<std::chrono::year_month_day> group;
  int expected = 1;
  for (const auto& [key, line_no] : line_of) {
    if (group != key.first) {
      group = key.first;
      expected = 1;
    }
    if (key.second != expected)
      throw invalid(line_no, to_iso(key.first) + ": persons must run 1, 2, 3 … without a gap (" +
                                 std::to_string(expected) + " is missing)");
    ++expected;
  }
  return OccupancyTable(std::move(rows));
}

std::vector<OccupancyRule> OccupancyTable::in_force(std::chrono::year_month_day date) const {
  std::optional<std::chrono::year_month_day> latest;
  for (const auto& r : rows_)
    if (r.valid_from <= date) latest = r.valid_from;  // rows are sorted: the last one wins
  std::vector<OccupancyRule> out;
  for (const auto& r : rows_)
    if (latest && r.valid_from == *latest) out.push_back(r);
  return out;
}

std::optional<OccupancyRule> OccupancyTable::rule_for(std::chrono::year_month_day date, int persons) const {
  return rule_among(in_force(date), persons);
}

std::optional<OccupancyRule> rule_among(const std::vector<OccupancyRule>& in_force, int persons) {
  if (persons < 1) return std::nullopt;
  for (const auto& r : in_force)
    if (r.persons == persons || (r.and_more && persons > r.persons)) return r;
  return std::nullopt;
}

}  // namespace hms::allocation
