#include "domain/rules/rent_caps.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <tuple>

#include "common/date.hpp"
#include "common/error.hpp"
#include "common/text.hpp"

namespace hms::rules {
namespace {

DomainError invalid(int line, const std::string& reason) {
  return DomainError(ErrorKind::validation, "rules.invalid_cap_table")
      .param("line", std::to_string(line))
      .param("reason", reason);
}

auto key(const RentCap& r) { return std::tuple(r.valid_from, r.type, r.bedrooms); }

bool before(const RentCap& a, const RentCap& b) { return key(a) < key(b); }

// The rows of `type` whose valid_from is the latest <= date, in bedrooms order (rows sorted).
std::vector<RentCap> rows_in_force(const std::vector<RentCap>& rows, std::chrono::year_month_day date,
                                   stock::DwellingType type) {
  std::optional<std::chrono::year_month_day> latest;
  for (const auto& r : rows)
    if (r.type == type && r.valid_from <= date && (!latest || r.valid_from > *latest)) latest = r.valid_from;
  std::vector<RentCap> out;
  if (!latest) return out;
  for (const auto& r : rows)
    if (r.type == type && r.valid_from == *latest) out.push_back(r);
  return out;
}

}  // namespace

std::string_view to_string(CapKind k) { return k == CapKind::tenant_rent ? "tenant_rent" : "owner_rent"; }

std::string_view cap_file_header(CapKind k) {
  return k == CapKind::tenant_rent ? "valid_from,type,bedrooms,tenant_cap,status,source"
                                   : "valid_from,type,bedrooms,amount,status,source";
}

RentCapTable::RentCapTable(CapKind kind, std::vector<RentCap> rows) : kind_(kind), rows_(std::move(rows)) {
  std::stable_sort(rows_.begin(), rows_.end(), before);
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    const bool last_of_group = i + 1 == rows_.size() || rows_[i + 1].valid_from != rows_[i].valid_from ||
                               rows_[i + 1].type != rows_[i].type;
    rows_[i].and_more = last_of_group;
  }
}

RentCapTable RentCapTable::parse(CapKind kind, std::string_view csv) {
  if (csv.starts_with("\xEF\xBB\xBF")) csv.remove_prefix(3);  // a byte-order mark
  if (trim(csv).empty()) throw invalid(1, "the file is empty");
  const auto lines = split(csv, '\n');
  const std::string_view expected_header = cap_file_header(kind);
  if (trim(lines[0]) != expected_header) throw invalid(1, "the first line must be " + std::string(expected_header));

  std::vector<RentCap> rows;
  std::map<std::tuple<std::chrono::year_month_day, stock::DwellingType, int>, int> line_of;  // key → line
  for (std::size_t n = 1; n < lines.size(); ++n) {
    const int line_no = static_cast<int>(n) + 1;
    std::string_view line = lines[n];
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty()) continue;
    const auto raw = split(line, ',');
    if (raw.size() < 6) throw invalid(line_no, "expected 6 columns: " + std::string(expected_header));
    std::vector<std::string_view> f;
    for (auto field : raw) f.push_back(trim(field));
    RentCap r;
    auto date = parse_date(f[0]);
    if (!date) throw invalid(line_no, "valid_from must be a date YYYY-MM-DD");
    r.valid_from = date.value();
    auto type = stock::parse_dwelling_type(f[1]);
    if (!type) throw invalid(line_no, "type must be apartment or house");
    r.type = *type;
    auto [end, ec] = std::from_chars(f[2].data(), f[2].data() + f[2].size(), r.bedrooms);
    if (f[2].empty() || ec != std::errc() || end != f[2].data() + f[2].size() || r.bedrooms < 0 || r.bedrooms > 50)
      throw invalid(line_no, "bedrooms must be a whole number, 0 or more");
    auto amount = Money::parse(f[3]);
    if (!amount || amount.value() <= Money::zero()) throw invalid(line_no, "the amount must be a positive amount of euros");
    r.amount = amount.value();
    r.status = std::string(f[4]);
    if (r.status.empty()) throw invalid(line_no, "status is empty");
    // The source is the rest of the line, commas included.
    std::string source(raw[5]);
    for (std::size_t i = 6; i < raw.size(); ++i) source += "," + std::string(raw[i]);
    r.source = std::string(trim(source));
    if (r.source.empty()) throw invalid(line_no, "source is empty");
    if (!line_of.emplace(key(r), line_no).second)
      throw invalid(line_no, to_iso(r.valid_from) + " " + std::string(stock::to_string(r.type)) + " " +
                                 std::to_string(r.bedrooms) + " bedrooms given twice (first on line " +
                                 std::to_string(line_of.at(key(r))) + ")");
    rows.push_back(std::move(r));
  }
  if (rows.empty()) throw invalid(1, "the file has no rows");

  // Every validity date: both types, each with bedrooms 0..n without a gap. line_of is ordered
  // by (valid_from, type, bedrooms).
  std::map<std::chrono::year_month_day, std::set<stock::DwellingType>> types_of;
  std::map<std::chrono::year_month_day, int> first_line_of;
  std::optional<std::pair<std::chrono::year_month_day, stock::DwellingType>> group;
  int expected = 0;
  for (const auto& [k, line_no] : line_of) {
    const auto& [valid_from, type, bedrooms] = k;
    types_of[valid_from].insert(type);
    auto [it, inserted] = first_line_of.emplace(valid_from, line_no);
    if (!inserted) it->second = std::min(it->second, line_no);
    if (!group || *group != std::pair(valid_from, type)) {
      group = std::pair(valid_from, type);
      expected = 0;
    }
    if (bedrooms != expected)
      throw invalid(line_no, to_iso(valid_from) + " " + std::string(stock::to_string(type)) + ": bedrooms must run 0, 1, 2 … without a gap (" +
                                 std::to_string(expected) + " is missing)");
    ++expected;
  }
  for (const auto& [valid_from, types] : types_of)
    for (auto type : stock::kAllDwellingTypes)
      if (!types.contains(type))
        throw invalid(first_line_of.at(valid_from),
                      to_iso(valid_from) + " has no row for type " + std::string(stock::to_string(type)));
  return RentCapTable(kind, std::move(rows));
}

std::vector<std::chrono::year_month_day> RentCapTable::validity_dates() const {
  std::vector<std::chrono::year_month_day> out;
  for (const auto& r : rows_)
    if (out.empty() || out.back() != r.valid_from) out.push_back(r.valid_from);
  return out;
}

std::vector<RentCap> RentCapTable::in_force(std::chrono::year_month_day date) const {
  std::vector<RentCap> out;
  for (auto type : stock::kAllDwellingTypes) {
    auto rows = rows_in_force(rows_, date, type);
    out.insert(out.end(), rows.begin(), rows.end());
  }
  return out;
}

std::vector<RentCap> RentCapTable::of_date(std::chrono::year_month_day valid_from) const {
  std::vector<RentCap> out;
  for (auto type : stock::kAllDwellingTypes)
    for (const auto& r : rows_)
      if (r.valid_from == valid_from && r.type == type) out.push_back(r);
  return out;
}

std::optional<RentCap> RentCapTable::cap_for(std::chrono::year_month_day date, stock::DwellingType type,
                                             int bedrooms) const {
  if (bedrooms < 0) return std::nullopt;
  auto rows = rows_in_force(rows_, date, type);
  for (const auto& r : rows)
    if (r.bedrooms == bedrooms || (r.and_more && bedrooms > r.bedrooms)) return r;
  return std::nullopt;
}

}  // namespace hms::rules
