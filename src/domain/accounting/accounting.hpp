// The accounting export (issue 11 part 3, contract E `hms export accounting`): the journal
// entries of a span of days, handed to the agency's accounting software as WinBooks import files
// (`ACT.txt`, the entries; `CSF.txt`, the tenants and owners they name) or as a neutral CSV
// journal (`journal.csv`). The same span exported twice gives the same bytes: nothing in the
// files depends on when, by whom or in which language they were made. Every export is recorded
// with the last entry it held; an entry of its span posted later is "posted after the export".
// E.g. RENT 2026/000042 on 2026-03-01 (D 400 lease 12 645.00 / C 700 585.00 / C 701 60.00) is
// three ACT.txt lines: a customer line "1","RENT","5","42","001",…,"400","L000012",…,"645.00"
// and two general lines with AMOUNTEUR "-585.00" and "-60.00".
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/money.hpp"
#include "domain/ledger/ledger.hpp"

namespace hms::accounting {

enum class Format { winbooks, csv };
std::string_view to_string(Format f);  // "winbooks" | "csv"
std::optional<Format> parse_format(std::string_view s);

// The files of an export, by name: "ACT.txt", "CSF.txt" (WinBooks) or "journal.csv".
std::vector<std::string> file_names(Format f);

// One line of a posted entry, with its entry's fields, in the order of the export: by posting
// date, then journal, then number, then the line's position.
struct ExportLine {
  std::int64_t entry_id = 0;
  ledger::Journal journal = ledger::Journal::misc;
  int year = 0;
  std::int64_t number = 0;
  std::chrono::year_month_day date{};
  std::string description;
  std::optional<std::int64_t> reverses;  // the entry id this entry cancels
  int position = 0;                      // 1-based, within its entry
  std::string account;                   // the account's code, e.g. "400"
  Money debit;
  Money credit;
  std::optional<std::int64_t> lease_id;           // account 400
  std::optional<std::int64_t> owner_contract_id;  // account 440
};

// A tenant (the household of a lease) or an owner (of an owner contract) named by the lines of
// 400 and 440: a customer or a supplier of the accounting software, with the address letters go to.
struct Party {
  enum class Kind { tenant, owner } kind = Kind::tenant;
  std::int64_t id = 0;        // the lease or the owner contract
  std::string name;           // "DUPONT Marie", or the owner's name
  std::string street;         // street and number (tenant: the dwelling's), or the owner's address
  std::string postcode;       // '' when not known apart from the street
  std::string city;           // the commune's French name, '' when not known
};

// The code of a sub-account in the accounting software: "L" and the lease id on six digits
// ("L000012"), "C" and the owner contract id ("C000034").
std::string party_code(Party::Kind kind, std::int64_t id);

// An export made: the span, the format, the last entry id it held, what it counted, the SHA-256
// of its files (in the order of their names, hex) and who made it when.
struct ExportRecord {
  std::int64_t id = 0;
  std::int64_t agency_id = 0;
  std::chrono::year_month_day from{};
  std::chrono::year_month_day to{};
  Format format = Format::winbooks;
  std::int64_t last_entry_id = 0;
  std::int64_t entries = 0;
  std::int64_t lines = 0;
  std::string digest;
  std::optional<std::int64_t> exported_by;
  std::string exported_by_name;  // read back for the history, '' for the command line
  std::int64_t exported_at = 0;
  std::int64_t posted_after = 0;  // read back: entries of the span posted after this export
};

// The longest span one export takes: a fiscal year and its closing month.
inline constexpr int kMaxSpanDays = 400;

// Checks a span typed by a person, in order: 1. `to` not before `from`
// ("accounting.invalid_span", field "to"); 2. at most kMaxSpanDays days
// ("accounting.span_too_long", param max). DomainError(validation).
void check_span(std::chrono::year_month_day from, std::chrono::year_month_day to);

// WinBooks ACT.txt rows (finance-formats.md §5.2), 36 columns each, one per line:
//   1. DOCTYPE 1 (a tenant: account 400 with its lease), 2 (an owner: 440 with its contract),
//      3 (any other account);
//   2. DBKCODE the journal (RENT, BANK, MISC), DBKTYPE 4 for BANK (a bank statement), else 5
//      (miscellaneous operations);
//   3. DOCNUMBER the entry's number, DOCORDER the line's position on three digits ("001");
//   4. ACCOUNTGL the account, ACCOUNTRP the party's code on lines 1 and 2;
//   5. BOOKYEAR left empty (WinBooks' own code of the fiscal year, which hms does not know),
//      PERIOD the month ("01"…"12"), DATEDOC the posting date as YYYYMMDD;
//   6. COMMENT the entry's description cut to 40 characters (whole UTF-8 characters);
//   7. AMOUNT 0, AMOUNTEUR debit − credit with a decimal point ("645.00", "-585.00");
//   8. every other column empty (no VAT: an agency's rents are exempt).
std::vector<std::vector<std::string>> winbooks_entries(const std::vector<ExportLine>& lines);
inline constexpr std::size_t kWinbooksEntryColumns = 36;

// WinBooks CSF.txt rows: one per party, 22 columns (NUMBER, TYPE 1 customer / 2 supplier,
// NAME1, NAME2, CIVNAME1, CIVNAME2, ADRESS1, ADRESS2, VATCAT, COUNTRY, VATNUMBER, PAYCODE,
// TELNUMBER, FAXNUMBER, BNKACCNT, ZIPCODE, CITY, DEFLTPOST, LANG, CATEGORY, CENTRAL, VATCODE):
// the code, the name and street cut to 40 characters, COUNTRY "BE" when the postcode is known,
// CENTRAL the central account (400 or 440); by code.
std::vector<std::vector<std::string>> winbooks_parties(std::vector<Party> parties);
inline constexpr std::size_t kWinbooksPartyColumns = 22;

// The neutral journal: one row per line with the column titles of kJournalColumns (English,
// fixed, so that the file is the same whoever exports it): journal, year, number, date, period
// (YYYY-MM), line, account, sub_account (the party's code), description, debit and credit in
// cents (the CSV writer shows them with a decimal comma), reverses (the reversed entry as
// "JOURNAL/YEAR/NUMBER", '' if none; found among `lines` or given in `reversed`).
inline constexpr std::string_view kJournalColumns[] = {"journal", "year", "number", "date", "period", "line",
                                                       "account", "sub_account", "description", "debit",
                                                       "credit", "reverses"};
struct EntryName {
  std::int64_t entry_id = 0;
  std::string name;  // "RENT/2026/42"
};
std::vector<std::vector<std::string>> journal_rows(const std::vector<ExportLine>& lines,
                                                   const std::vector<EntryName>& reversed);

// The characters of `text` up to `max` (whole UTF-8 sequences; an invalid byte counts as one).
std::string cut_characters(std::string_view text, std::size_t max);

// The agency's accounting exports.
class AccountingRepository {
 public:
  virtual ~AccountingRepository() = default;
  // The agency's highest entry id (0: no entry yet).
  virtual std::int64_t last_entry_id(std::int64_t agency_id) = 0;
  // The lines of the entries posted from `from` to `to` (inclusive) with an id up to `last_entry_id`.
  virtual std::vector<ExportLine> lines(std::int64_t agency_id, std::chrono::year_month_day from,
                                        std::chrono::year_month_day to, std::int64_t last_entry_id) = 0;
  // The names ("RENT/2026/42") of the entries those lines reverse.
  virtual std::vector<EntryName> reversed_names(std::int64_t agency_id, std::chrono::year_month_day from,
                                                std::chrono::year_month_day to, std::int64_t last_entry_id) = 0;
  // The tenants and owners named by those lines.
  virtual std::vector<Party> parties(std::int64_t agency_id, std::chrono::year_month_day from,
                                     std::chrono::year_month_day to, std::int64_t last_entry_id) = 0;
  virtual std::int64_t insert(ExportRecord& r) = 0;
  virtual std::optional<ExportRecord> find(std::int64_t id) = 0;
  // The agency's exports, latest first, each with its entries posted after it.
  virtual std::vector<ExportRecord> list(std::int64_t agency_id, int limit) = 0;
};

}  // namespace hms::accounting
