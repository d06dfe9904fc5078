// The onboarding import of an agency's stock: a spreadsheet (CSV or XLSX) with one line per
// dwelling, its owner and its owner contract becomes dwellings, owners and contracts. The file is
// checked whole first with the rules of the forms (app/stock/dwellings, app/owners/owners); if any
// line is wrong nothing is written and every problem comes back with its line and column, e.g.
// line 7, column owner_iban, "owners.invalid_iban". A clean file is written in batches of
// kWriteBatchLines lines; importing it again creates nothing (what exists is counted
// "unchanged"). See docs/adr/0004 and, for the page's upload pipeline, 0008.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "app/jobs/uploads.hpp"
#include "formats/table.hpp"

namespace hms::app {

// One problem of the file: where it is and what it is.
struct ImportProblem {
  int line = 0;        // 1-based line of the file (1 = the header row); 0 = the whole file (unreadable)
  std::string column;  // the file's column ("owner_iban"); "" for the whole line or file
  std::string code;    // the message key, e.g. "owners.invalid_iban", "import.duplicate_reference"
  std::map<std::string, std::string> params;  // the message's {placeholders}
};

struct ImportCounts {
  std::int64_t dwellings = 0;
  std::int64_t owners = 0;
  std::int64_t contracts = 0;
};

// One line of a clean file as it will be stored (no IBAN: its last 4 characters only).
struct ImportPreview {
  int line = 0;
  std::string reference, street, number, box, postcode, commune_fr, commune_nl, type;
  std::int64_t bedrooms = 0;
  std::optional<std::int64_t> surface_dm2;
  std::string peb_class, owner_kind, owner_name, iban_last4, contract_kind, start, end;  // dates ISO
  std::int64_t owner_rent_cents = 0;
};
inline constexpr std::size_t kPreviewLines = 5;

struct ImportReport {
  std::string agency_code;     // the agency imported into
  std::int64_t rows = 0;       // the data lines read (blank lines not counted)
  ImportCounts created;        // created (a dry run: would be created)
  ImportCounts unchanged;      // already in the agency, left as they are
  std::vector<ImportProblem> problems;  // ordered by line, then by the column's place in the file
  // What is imported but incomplete, e.g. line 4, column owner_company_number,
  // "owners.company_number_missing" (a company owner created without its enterprise number; it
  // gets a to-do on its page). One per owner created, on its first line; never blocks the import.
  std::vector<ImportProblem> warnings;
  // The first lines as they will be stored (kPreviewLines at most), for the user to check the
  // columns were understood: codes, dates and amounts as hms read them.
  std::vector<ImportPreview> preview;
  bool dry_run = true;
  bool written = false;        // true once committed
  bool ok() const { return problems.empty(); }
};

// The lines written per transaction: on SQLite a batch holds the write lock for ~50 ms
// (bench/macro/import_bench.sh), so other agencies' writers never wait a second behind an import.
inline constexpr std::size_t kWriteBatchLines = 500;

// The report kept with a waiting upload (app/jobs), and read back for its page.
std::string report_to_json(const ImportReport& report);
ImportReport report_from_json(std::string_view json);

// The stock import as a kind of upload (app/jobs/uploads.hpp): into the acting user's agency.
const UploadKind& stock_import_upload();

// The columns a file may have, in the template's order: the 17 of contract B, then the optional
// ones hms also reads. A column is named in a file by its contract-B name ("contract_start") or
// in French or Dutch ("début du contrat", "begin overeenkomst"), compared without case, accents
// or punctuation. `required`: the column must be present. A file with only the contract's
// columns imports: a mandate takes the agency's default fee, a company without its number is
// created and flagged (ImportReport::warnings).
struct ImportColumn {
  enum class Part { dwelling, owner, contract };
  std::string_view name;      // contract B's name, valid in every language
  std::string_view fr, nl;    // its name in a French or a Dutch file (and template)
  Part part;                  // the record it fills
  std::string_view field;     // the field of the use case's fields (for_each_field): "reference"
  bool required = false;
  bool in_contract = true;    // one of the 17 columns of contract B
};
const std::vector<ImportColumn>& stock_import_columns();

// A code a column takes, with the words that stand for it in French and Dutch, and others
// users write ("appartement" for apartment, "bail principal" and "hoofdhuur" for main_lease).
struct ImportCode {
  std::string_view column;  // "type"
  std::string_view code;    // "apartment"
  std::string_view fr, nl;  // "appartement", "appartement"
  std::vector<std::string_view> also;
};
const std::vector<ImportCode>& stock_import_codes();

// What names and words are compared as: lower case, without accents, any run of other
// characters one space ("Début_du contrat" → "debut du contrat").
std::string normalise_name(std::string_view text);

// The column's name in a file of that language ("fr", "nl"; else contract B's).
std::string_view column_name(const ImportColumn& column, std::string_view lang);

// The downloadable template in the user's language: every column, named in that language, and
// one realistic example line in its words (a 2-bedroom apartment in Ixelles under a main lease,
// a valid Belgian IBAN, a rent below the owner-rent cap). `for_xlsx`: dates and the rent typed
// as such, so that Excel shows them as dates and money; in a CSV, dates day first in fr and nl.
struct ImportTemplate {
  std::vector<formats::Column> columns;
  std::vector<std::vector<std::string>> rows;
};
ImportTemplate stock_import_template(bool for_xlsx, std::string_view lang);

// Checks the file against the agency's data without writing anything (a read transaction):
// run_stock_import with dry_run.
ImportReport check_stock_import(Store& store, const Context& ctx, const std::string& agency_code,
                                std::string_view file_name, std::string_view bytes);

// Reads `bytes` as `file_name` (.csv or .xlsx: formats::read_table) and imports it into the agency
// `agency_code`:
//   1. the actor needs stock_manage and owners_manage, and the agency must be in its scope
//      (else DomainError(validation, "stock.unknown_agency"));
//   2. the header: names trimmed and case-insensitive, any order; an unknown, unnamed or repeated
//      column, or a missing required one, is a problem on line 1 (and the lines are not read);
//   3. every line with dwelling_from_fields, owner_from_fields and contract_from_fields (the
//      forms' rules, the rent cap of the dwelling's type and size included, a mandate without a
//      fee the agency's default: none set is a problem on management_fee), then against the
//      rest of the file (a reference already used by another line for another dwelling or the
//      same contract; contracts of one dwelling that overlap) and the agency's data (an
//      existing dwelling with that reference is kept as it is, its contract with the same start
//      too; an existing contract that overlaps is a problem) — all in a read transaction;
//   4. any problem: nothing is written, the report lists them all;
//   5. otherwise, unless `dry_run`, the lines are written kWriteBatchLines at a time, each batch
//      one write transaction with one audit entry "stock.import" (object "imports", id the
//      file's name; details "lines 2-501" when there is more than one batch), none per line.
//      A writing interrupted between two batches and run again plans again: what it wrote is
//      then found (unchanged) and only the rest is written. A conflict found while writing
//      (another user took a reference or added an overlapping contract meanwhile) is a
//      DomainError; the batches before it stay, and importing the file again writes the rest.
// `progress` (may be empty) hears the lines checked, then written; answering false stops the
// writing between two batches (UploadStopped).
ImportReport run_stock_import(Store& store, const Context& ctx, const std::string& agency_code,
                              std::string_view file_name, std::string_view bytes, bool dry_run,
                              const UploadProgress& progress = {});

}  // namespace hms::app
