// The limits of table.hpp applied while a file is read, before anything is allocated for it:
// a reader asks check_cell before keeping a cell, check_column before placing one, and hands
// each non-empty row to a TableBuilder, which counts the rows and the bytes kept. Example: an
// XLSX whose million cells all name one 1 MiB shared string stops at its first such cell with
// "import.cell_too_long". Internal to the formats library.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "formats/table.hpp"

namespace hms::formats::bounds {

// Whether `text` has at most kMaxCellCharacters characters (UTF-8 code points).
bool fits_in_cell(std::string_view text);

// Throws "import.cell_too_long" (params max, line) if `text` does not fit in a cell.
void check_cell(std::string_view text, int line);
[[noreturn]] void fail_cell_too_long(int line);

// Throws "import.too_many_columns" (params max, line) if the zero-based `column` is beyond
// kMaxColumns.
void check_column(std::size_t column, int line);

// Throws "import.file_too_big_unpacked" with `limit` in MB as param max.
[[noreturn]] void fail_too_big(std::size_t limit);

// Builds a Table from the rows of a file, the first non-empty one being the header.
class TableBuilder {
 public:
  // Bytes held besides the table (an XLSX's shared strings), counted against kMaxTableBytes.
  void keep(std::size_t bytes);
  // A non-empty row read on `line`: the header, then the data rows ("import.too_many_rows").
  void add(std::vector<std::string>&& cells, int line);
  // The table; "import.empty_file" if no row had a value.
  Table finish() &&;

 private:
  Table table_;
  bool has_header_ = false;
  std::size_t kept_ = 0;
};

}  // namespace hms::formats::bounds
