// Tabular files going in and out of hms: a list of dwellings uploaded as CSV or XLSX becomes a
// Table of UTF-8 cells ("745.5", "2026-11-29", "Rue de la Loi 16"), and every list page exports
// its rows as CSV (Belgian Excel: ';', "745,50") or XLSX. Example: read_table("stock.xlsx", bytes).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace hms::formats {

// A sheet read from a file: the header row and the data rows, each cell as UTF-8 text with its
// surrounding spaces trimmed (numbers as written in the file, e.g. "745.5"; an empty cell is "").
// Rows are kept as read: they may be shorter or longer than the header, so index them safely.
// lines[i] is the 1-based line of rows[i] in the file, for error messages: the physical line
// where the CSV record starts, or the XLSX row number.
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<int> lines;
};

// What a reader accepts. An upload must never take the server down: a 3 kB XLSX can unpack to
// gigabytes, or name one 1 MiB shared string from a million cells, or a cell in column XFD. The
// limits are far above any agency's stock file (the whole Region is ~8,000 dwellings; the
// import is benchmarked at 10,000 and 50,000 lines of 17 to 24 columns, i.e. 5 to 35 MB read)
// and keep one upload's reading under ~100 MB of memory.
constexpr std::size_t kMaxRows = 100'000;       // data rows (the header and blank rows aside)
constexpr std::size_t kMaxColumns = 200;        // a value beyond column GR is refused
constexpr std::size_t kMaxCellCharacters = 32'767;  // Excel's own limit for one cell
// Bytes kept in memory for the table: each cell's text plus its slot (sizeof(std::string)),
// each row's slot, and an XLSX's shared strings. 10,000 lines of 40 columns take ~17 MB.
constexpr std::size_t kMaxTableBytes = 64u << 20;
// XLSX: bytes unpacked from one zip entry and from the whole file, counted while inflating
// (the sizes the zip declares are not trusted). The parts are read as a stream, never held
// whole; 10,000 lines of 40 columns are ~25 MB of sheet XML.
constexpr std::size_t kMaxEntryBytes = 100u << 20;
constexpr std::size_t kMaxUnpackedBytes = 200u << 20;

// The readers throw hms::DomainError(ErrorKind::validation, code) on unreadable input, with
// these codes: "import.not_utf8" (param "line"), "import.unclosed_quote" (param "line"),
// "import.empty_file" (no header row), "import.not_xlsx" (not a zip, no worksheet, a part that
// is not XML, a DTD), "import.unknown_format" (param "file"); beyond the limits above:
// "import.too_many_rows" (param "max"), "import.too_many_columns" (params "max", "line"),
// "import.cell_too_long" (params "max", "line"), "import.file_too_big_unpacked" (param "max",
// in MB: kMaxEntryBytes, kMaxUnpackedBytes or kMaxTableBytes, whichever is reached).

// UTF-8 with an optional BOM. The separator is ';' or ',', whichever appears more often outside
// quotes in the header record (';' on a tie). RFC 4180 quotes ("" is a quote inside quotes,
// newlines allowed inside quotes), CRLF or LF line ends. Blank records (every cell empty, e.g.
// "" or ";;;") are skipped but counted in line numbers.
Table read_csv(std::string_view bytes);

// The first worksheet of an Office Open XML workbook. Cells are placed in the column their
// reference names ("C7"), missing cells are ""; empty rows are skipped, trailing empty cells
// dropped. Shared and inline strings as text; booleans "TRUE"/"FALSE"; formulas give their
// cached value; numbers as their shortest text ("745.5", "3" for 3.0, noise beyond 15
// significant digits dropped); a number in a date-formatted cell (numFmtId 14-22 or a custom
// format with d, m or y) as ISO "YYYY-MM-DD" (1900 date system, or 1904 if the workbook says so).
Table read_xlsx(std::string_view bytes);

// read_csv or read_xlsx by the extension of `file_name` (.csv / .xlsx, any case); any other
// name throws "import.unknown_format" with param "file".
Table read_table(std::string_view file_name, std::string_view bytes);

// A column of an exported list. Cells are text whatever the kind: money_cents cells hold an
// integer number of cents ("74550" for 745,50 €), integer cells decimal digits ("-3"), date
// cells "YYYY-MM-DD"; each may be "" (empty). A malformed money, integer or date cell is a
// programming error: the writers throw std::invalid_argument.
struct Column {
  std::string title;
  enum class Kind { text, money_cents, integer, date } kind = Kind::text;
};

// UTF-8 with BOM, ';' separator, CRLF; a cell holding ';' ',' '"' CR or LF is quoted, so that a
// reader splitting on ',' keeps each cell whole: money as "745,50" (quoted: decimal comma, no
// thousands separator), dates ISO. A text cell (or title) starting with = + - @ tab or CR gets a
// leading ' so that a spreadsheet does not run it as a formula (OWASP CSV injection). Short rows
// are padded with empty cells, cells beyond the columns are ignored.
std::string write_csv(const std::vector<Column>& columns,
                      const std::vector<std::vector<std::string>>& rows);

// A WinBooks import file (ACT.txt, CSF.txt; finance-formats.md §5.2): no header, ',' between
// fields, every field in double quotes (a quote inside doubled), CRLF after each row, UTF-8
// without BOM. Cells are written as given: no formula escaping (an accounting import, not a
// spreadsheet) and no number formatting.
std::string write_winbooks(const std::vector<std::vector<std::string>>& rows);

// An .xlsx workbook of one sheet named `sheet_name` (characters Excel forbids replaced by '_',
// cut at 31 characters): bold frozen header row, column widths fitted to the content; money as
// numbers formatted "#,##0.00", dates as Excel dates formatted "dd/mm/yyyy", integers as
// numbers, text always as strings (never formulas). Safe to call from several threads.
std::string write_xlsx(const std::string& sheet_name, const std::vector<Column>& columns,
                       const std::vector<std::vector<std::string>>& rows);

}  // namespace hms::formats
