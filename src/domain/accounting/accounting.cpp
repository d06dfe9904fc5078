#include "domain/accounting/accounting.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "common/date.hpp"
#include "common/error.hpp"

namespace hms::accounting {

namespace {

using std::chrono::year_month_day;

std::string two_digits(unsigned n) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02u", n);
  return buffer;
}

std::string yyyymmdd(year_month_day d) {
  std::string iso = to_iso(d);
  iso.erase(std::remove(iso.begin(), iso.end(), '-'), iso.end());
  return iso;
}

std::string entry_name(ledger::Journal journal, int year, std::int64_t number) {
  return std::string(ledger::to_string(journal)) + "/" + std::to_string(year) + "/" + std::to_string(number);
}

std::optional<std::string> sub_account(const ExportLine& l) {
  if (l.lease_id) return party_code(Party::Kind::tenant, *l.lease_id);
  if (l.owner_contract_id) return party_code(Party::Kind::owner, *l.owner_contract_id);
  return std::nullopt;
}

}  // namespace

std::string_view to_string(Format f) { return f == Format::winbooks ? "winbooks" : "csv"; }

std::optional<Format> parse_format(std::string_view s) {
  if (s == "winbooks") return Format::winbooks;
  if (s == "csv") return Format::csv;
  return std::nullopt;
}

std::vector<std::string> file_names(Format f) {
  if (f == Format::winbooks) return {"ACT.txt", "CSF.txt"};
  return {"journal.csv"};
}

std::string party_code(Party::Kind kind, std::int64_t id) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%c%06lld", kind == Party::Kind::tenant ? 'L' : 'C', static_cast<long long>(id));
  return buffer;
}

void check_span(year_month_day from, year_month_day to) {
  // 1. Not backwards.
  const auto days = (std::chrono::sys_days{to} - std::chrono::sys_days{from}).count();
  if (days < 0) throw std::move(DomainError(ErrorKind::validation, "accounting.invalid_span").field("to"));
  // 2. Not longer than a fiscal year and its closing month.
  if (days + 1 > kMaxSpanDays)
    throw std::move(DomainError(ErrorKind::validation, "accounting.span_too_long").field("to").param("max", std::to_string(kMaxSpanDays)));
}

std::string cut_characters(std::string_view text, std::size_t max) {
  std::size_t i = 0;
  for (std::size_t n = 0; i < text.size() && n < max; ++n) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    i += std::min(length, text.size() - i);
  }
  return std::string(text.substr(0, i));
}

std::vector<std::vector<std::string>> winbooks_entries(const std::vector<ExportLine>& lines) {
  std::vector<std::vector<std::string>> rows;
  rows.reserve(lines.size());
  for (const auto& l : lines) {
    std::vector<std::string> row(kWinbooksEntryColumns);
    // 1. The kind of line: a tenant's, an owner's or a general one.
    row[0] = l.lease_id ? "1" : l.owner_contract_id ? "2" : "3";
    // 2. The journal and its type.
    row[1] = std::string(ledger::to_string(l.journal));
    row[2] = l.journal == ledger::Journal::bank ? "4" : "5";
    // 3. The document and the line's order.
    row[3] = std::to_string(l.number);
    char order[8];
    std::snprintf(order, sizeof order, "%03d", l.position);
    row[4] = order;
    // 4. The accounts (OPCODE, row[5], stays empty).
    row[6] = l.account;
    row[7] = sub_account(l).value_or("");
    // 5. The period and the date (BOOKYEAR, row[8], and DATE, row[10], stay empty).
    row[9] = two_digits(static_cast<unsigned>(l.date.month()));
    row[11] = yyyymmdd(l.date);
    // 6. The comment.
    row[13] = cut_characters(l.description, 40);
    // 7. The amounts.
    row[15] = "0";
    row[16] = (l.debit - l.credit).format_plain();
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<std::vector<std::string>> winbooks_parties(std::vector<Party> parties) {
  std::sort(parties.begin(), parties.end(), [](const Party& a, const Party& b) {
    return party_code(a.kind, a.id) < party_code(b.kind, b.id);
  });
  std::vector<std::vector<std::string>> rows;
  rows.reserve(parties.size());
  for (const auto& p : parties) {
    std::vector<std::string> row(kWinbooksPartyColumns);
    const bool tenant = p.kind == Party::Kind::tenant;
    row[0] = party_code(p.kind, p.id);
    row[1] = tenant ? "1" : "2";
    row[2] = cut_characters(p.name, 40);
    row[6] = cut_characters(p.street, 40);
    row[9] = p.postcode.empty() ? "" : "BE";
    row[15] = p.postcode;
    row[16] = cut_characters(p.city, 40);
    row[20] = std::string(tenant ? ledger::kTenants : ledger::kOwners);
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<std::vector<std::string>> journal_rows(const std::vector<ExportLine>& lines,
                                                   const std::vector<EntryName>& reversed) {
  std::map<std::int64_t, std::string> names;
  for (const auto& r : reversed) names[r.entry_id] = r.name;
  for (const auto& l : lines) names.emplace(l.entry_id, entry_name(l.journal, l.year, l.number));
  std::vector<std::vector<std::string>> rows;
  rows.reserve(lines.size());
  for (const auto& l : lines) {
    std::string reverses;
    if (l.reverses) {
      auto it = names.find(*l.reverses);
      reverses = it != names.end() ? it->second : std::to_string(*l.reverses);
    }
    rows.push_back({std::string(ledger::to_string(l.journal)), std::to_string(l.year), std::to_string(l.number),
                    to_iso(l.date),
                    std::to_string(static_cast<int>(l.date.year())) + "-" + two_digits(static_cast<unsigned>(l.date.month())),
                    std::to_string(l.position), l.account, sub_account(l).value_or(""), l.description,
                    std::to_string(l.debit.cents()), std::to_string(l.credit.cents()), reverses});
  }
  return rows;
}

}  // namespace hms::accounting
