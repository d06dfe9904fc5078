#include "formats/bounds.hpp"

#include "common/error.hpp"

namespace hms::formats::bounds {

namespace {

std::size_t characters(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;  // not a continuation byte
  return count;
}

}  // namespace

bool fits_in_cell(std::string_view text) {
  return text.size() <= kMaxCellCharacters || characters(text) <= kMaxCellCharacters;
}

void check_cell(std::string_view text, int line) {
  if (!fits_in_cell(text)) fail_cell_too_long(line);
}

void fail_cell_too_long(int line) {
  throw DomainError(ErrorKind::validation, "import.cell_too_long")
      .param("max", std::to_string(kMaxCellCharacters))
      .param("line", std::to_string(line));
}

void check_column(std::size_t column, int line) {
  if (column < kMaxColumns) return;
  throw DomainError(ErrorKind::validation, "import.too_many_columns")
      .param("max", std::to_string(kMaxColumns))
      .param("line", std::to_string(line));
}

void fail_too_big(std::size_t limit) {
  throw DomainError(ErrorKind::validation, "import.file_too_big_unpacked")
      .param("max", std::to_string(limit >> 20));
}

void TableBuilder::keep(std::size_t bytes) {
  kept_ += bytes;
  if (kept_ > kMaxTableBytes) fail_too_big(kMaxTableBytes);
}

void TableBuilder::add(std::vector<std::string>&& cells, int line) {
  std::size_t bytes = sizeof(cells) + sizeof(line);
  for (const auto& cell : cells) bytes += sizeof(cell) + cell.size();
  keep(bytes);
  if (!has_header_) {
    table_.header = std::move(cells);
    has_header_ = true;
    return;
  }
  if (table_.rows.size() >= kMaxRows)
    throw DomainError(ErrorKind::validation, "import.too_many_rows")
        .param("max", std::to_string(kMaxRows));
  table_.rows.push_back(std::move(cells));
  table_.lines.push_back(line);
}

Table TableBuilder::finish() && {
  if (!has_header_) throw DomainError(ErrorKind::validation, "import.empty_file");
  return std::move(table_);
}

}  // namespace hms::formats::bounds
