#include "domain/subsidies/subsidy_request.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <tuple>

#include "common/date.hpp"
#include "common/error.hpp"
#include "common/money.hpp"
#include "common/text.hpp"

namespace hms::subsidies {
namespace {

constexpr std::string_view kMoneyParts[] = {"dwelling.management_mandate", "dwelling.main_lease",
                                            "transit_complement", "fixed"};

DomainError invalid(int line, const std::string& reason) {
  return DomainError(ErrorKind::validation, "rules.invalid_subsidy_rates")
      .param("line", std::to_string(line))
      .param("reason", reason);
}

bool before(const SubsidyRate& a, const SubsidyRate& b) {
  return std::tie(a.valid_from, a.part) < std::tie(b.valid_from, b.part);
}

std::optional<int> whole(std::string_view text, int lo, int hi) {
  int v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || v < lo || v > hi) return std::nullopt;
  return v;
}

// A yearly amount in euros with at most two decimals, 0 or more ("1500.00").
std::optional<std::int64_t> euros(std::string_view text) {
  auto m = Money::parse(text);
  if (!m || m.value().cents() < 0) return std::nullopt;
  return m.value().cents();
}

std::optional<std::chrono::month_day> month_day_of(std::string_view text) {
  if (text.size() != 5 || text[2] != '-') return std::nullopt;
  auto m = whole(text.substr(0, 2), 1, 12);
  auto d = whole(text.substr(3, 2), 1, 31);
  if (!m || !d) return std::nullopt;
  std::chrono::month_day md{std::chrono::month(static_cast<unsigned>(*m)), std::chrono::day(static_cast<unsigned>(*d))};
  if (!md.ok()) return std::nullopt;
  return md;
}

// "tranche.3.share" → (3, "share"); none for another part.
std::optional<std::pair<int, std::string>> tranche_part(std::string_view part) {
  if (!part.starts_with("tranche.")) return std::nullopt;
  part.remove_prefix(8);
  const auto dot = part.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  auto n = whole(part.substr(0, dot), 1, 12);
  auto what = part.substr(dot + 1);
  if (!n || (what != "share" && what != "due" && what != "justification")) return std::nullopt;
  return std::pair(*n, std::string(what));
}

// Why the value does not fit its part; "" when it does, "unknown part" for an unknown part.
std::string value_problem(std::string_view part, std::string_view value) {
  if (std::find(std::begin(kMoneyParts), std::end(kMoneyParts), part) != std::end(kMoneyParts))
    return euros(value) ? "" : "the value must be an amount in euros, 0 or more";
  auto t = tranche_part(part);
  if (!t) return "unknown part " + std::string(part);
  if (t->second == "share") return whole(value, 1, 100) ? "" : "a share is a whole per cent, 1 to 100";
  if (t->second == "due") return month_day_of(value) ? "" : "a due date is MM-DD";
  return value == "income_mix" ? "" : "the only justification known is income_mix";
}

// The parameters of one validity date from its rows (already checked one by one); throws
// `invalid(line, …)` when a part is missing or the tranches do not hold together.
SubsidyRates assemble(const std::vector<const SubsidyRate*>& rows, int line) {
  SubsidyRates r;
  r.valid_from = rows.front()->valid_from;
  r.status = rows.front()->status;
  std::map<std::string, std::string> value;
  for (const auto* row : rows) {
    value[row->part] = row->value;
    if (row->status == "illustrative") r.status = "illustrative";
  }
  const std::string date = to_iso(r.valid_from);
  for (auto part : kMoneyParts)
    if (!value.contains(std::string(part))) throw invalid(line, date + ": part " + std::string(part) + " is missing");
  r.per_mandate_cents = *euros(value["dwelling.management_mandate"]);
  r.per_main_lease_cents = *euros(value["dwelling.main_lease"]);
  r.transit_cents = *euros(value["transit_complement"]);
  r.fixed_cents = *euros(value["fixed"]);
  int total = 0;
  for (int n = 1;; ++n) {
    const std::string prefix = "tranche." + std::to_string(n) + ".";
    const bool share = value.contains(prefix + "share"), due = value.contains(prefix + "due");
    if (!share && !due) break;
    if (!share || !due) throw invalid(line, date + ": tranche " + std::to_string(n) + " needs a share and a due date");
    TrancheRule t;
    t.number = n;
    t.share_percent = *whole(value[prefix + "share"], 1, 100);
    t.due = *month_day_of(value[prefix + "due"]);
    if (auto it = value.find(prefix + "justification"); it != value.end()) t.justification = it->second;
    total += t.share_percent;
    r.tranches.push_back(t);
  }
  for (const auto& [part, v] : value)
    if (auto t = tranche_part(part); t && t->first > static_cast<int>(r.tranches.size()))
      throw invalid(line, date + ": tranches must be numbered 1, 2, 3 … without a gap");
  if (r.tranches.empty()) throw invalid(line, date + ": at least one tranche is needed");
  if (total != 100)
    throw invalid(line, date + ": the tranches' shares add up to " + std::to_string(total) + " %, not 100 %");
  return r;
}

// The rows of each validity date, with the line of its first row (for messages).
std::map<std::chrono::year_month_day, std::vector<const SubsidyRate*>> by_date(const std::vector<SubsidyRate>& rows) {
  std::map<std::chrono::year_month_day, std::vector<const SubsidyRate*>> out;
  for (const auto& r : rows) out[r.valid_from].push_back(&r);
  return out;
}

}  // namespace

std::string_view to_string(RequestStatus s) {
  switch (s) {
    case RequestStatus::submitted: return "submitted";
    case RequestStatus::question: return "question";
    case RequestStatus::accepted: return "accepted";
    case RequestStatus::rejected: return "rejected";
  }
  return "submitted";
}

std::optional<RequestStatus> request_status_from(std::string_view text) {
  for (auto s : {RequestStatus::submitted, RequestStatus::question, RequestStatus::accepted, RequestStatus::rejected})
    if (to_string(s) == text) return s;
  return std::nullopt;
}

SubsidyRateTable::SubsidyRateTable(std::vector<SubsidyRate> rows) : rows_(std::move(rows)) {
  std::stable_sort(rows_.begin(), rows_.end(), before);
}

SubsidyRateTable SubsidyRateTable::parse(std::string_view csv) {
  if (csv.starts_with("\xEF\xBB\xBF")) csv.remove_prefix(3);  // a byte-order mark
  if (trim(csv).empty()) throw invalid(1, "the file is empty");
  const auto lines = split(csv, '\n');
  if (trim(lines[0]) != kHeader) throw invalid(1, "the first line must be " + std::string(kHeader));

  std::vector<SubsidyRate> rows;
  std::map<std::pair<std::chrono::year_month_day, std::string>, int> line_of;  // (valid_from, part) → line
  std::map<std::chrono::year_month_day, int> first_line;
  for (std::size_t n = 1; n < lines.size(); ++n) {
    const int line_no = static_cast<int>(n) + 1;
    if (trim(lines[n]).empty()) continue;
    const auto raw = split(trim(lines[n]), ',');
    if (raw.size() < 5) throw invalid(line_no, "expected 5 columns: " + std::string(kHeader));
    SubsidyRate r;
    auto date = parse_date(trim(raw[0]));
    if (!date) throw invalid(line_no, "valid_from must be a date YYYY-MM-DD");
    r.valid_from = date.value();
    r.part = std::string(trim(raw[1]));
    r.value = std::string(trim(raw[2]));
    if (auto problem = value_problem(r.part, r.value); !problem.empty()) throw invalid(line_no, problem);
    r.status = std::string(trim(raw[3]));
    if (r.status.empty()) throw invalid(line_no, "status is empty");
    std::string source(raw[4]);  // the rest of the line, commas included
    for (std::size_t i = 5; i < raw.size(); ++i) source += "," + std::string(raw[i]);
    r.source = std::string(trim(source));
    if (r.source.empty()) throw invalid(line_no, "source is empty");
    if (auto [it, fresh] = line_of.emplace(std::pair(r.valid_from, r.part), line_no); !fresh)
      throw invalid(line_no, to_iso(r.valid_from) + ": " + r.part + " given twice (first on line " +
                                 std::to_string(it->second) + ")");
    first_line.emplace(r.valid_from, line_no);
    rows.push_back(std::move(r));
  }
  if (rows.empty()) throw invalid(1, "the file has no rows");
  SubsidyRateTable table(std::move(rows));
  for (const auto& [date, of_date] : by_date(table.rows_)) assemble(of_date, first_line[date]);
  return table;
}

std::optional<SubsidyRates> SubsidyRateTable::in_force(std::chrono::year_month_day date) const {
  std::optional<std::chrono::year_month_day> latest;
  for (const auto& r : rows_)
    if (r.valid_from <= date) latest = r.valid_from;
  if (!latest) return std::nullopt;
  std::vector<const SubsidyRate*> of_date;
  for (const auto& r : rows_)
    if (r.valid_from == *latest) of_date.push_back(&r);
  return assemble(of_date, 1);
}

SubsidyRequest compute_request(const Inventory& inventory, const SubsidyRates& rates) {
  SubsidyRequest r;
  r.agency_id = inventory.agency_id;
  r.agency_code = inventory.agency_code;
  r.inventory_date = inventory.date;
  // 1. The year subsidised and the rates of its 1 January (chosen by the caller: rates).
  r.year = static_cast<int>(inventory.date.year()) + 1;
  r.rates_from = rates.valid_from;
  r.rates_status = rates.status;
  // 2. The subsidisable dwellings by contract kind, and the transit ones among them.
  std::int64_t mandates = 0, main_leases = 0, transit = 0;
  for (const auto& it : inventory.items) {
    if (!it.subsidisable) continue;
    (it.contract_kind == "main_lease" ? main_leases : mandates) += 1;
    for (const auto& c : split(it.categories, ','))
      if (trim(c) == "transit") ++transit;
  }
  // 3. A line per part, count × rate, exactly (Money throws on an overflow).
  auto line = [&](std::string part, std::int64_t count, std::int64_t rate) {
    const Money amount = multiply(Money::from_cents(rate), count, 1, Rounding::down);  // exact: no rounding
    r.lines.push_back({std::move(part), count, rate, amount.cents()});
  };
  line("dwelling.management_mandate", mandates, rates.per_mandate_cents);
  line("dwelling.main_lease", main_leases, rates.per_main_lease_cents);
  line("transit_complement", transit, rates.transit_cents);
  line("fixed", 1, rates.fixed_cents);
  // 4. The total.
  Money total = Money::zero();
  for (const auto& l : r.lines) total += Money::from_cents(l.amount_cents);
  r.total_cents = total.cents();
  return r;
}

std::vector<Tranche> plan_tranches(std::int64_t total_cents, int year, const SubsidyRates& rates) {
  std::vector<Tranche> out;
  Money given = Money::zero();
  for (std::size_t i = 0; i < rates.tranches.size(); ++i) {
    const auto& rule = rates.tranches[i];
    Tranche t;
    t.number = rule.number;
    t.share_percent = rule.share_percent;
    t.justification = rule.justification;
    const bool last = i + 1 == rates.tranches.size();
    t.amount_cents = last ? (Money::from_cents(total_cents) - given).cents()
                          : multiply(Money::from_cents(total_cents), rule.share_percent, 100, Rounding::down).cents();
    given += Money::from_cents(t.amount_cents);
    std::chrono::year_month_day due{std::chrono::year(year), rule.due.month(), rule.due.day()};
    if (!due.ok()) due = std::chrono::year_month_day{std::chrono::year_month_day_last{
        std::chrono::year(year), std::chrono::month_day_last{rule.due.month()}}};
    t.due_on = due;
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace hms::subsidies
