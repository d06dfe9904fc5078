// Writing a list as CSV for a Belgian Excel: BOM, ';', CRLF, decimal comma. A cell holding the
// other separator ',' is quoted too: a reader that splits on ',' must not cut "Dupont, =cmd"
// into a second cell that starts with '=' and escaped the formula prefix.
#include <string>
#include <string_view>
#include <vector>

#include "formats/cells.hpp"
#include "formats/table.hpp"

namespace hms::formats {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr char kSeparator = ';';

void append_field(std::string& out, std::string_view text) {
  if (text.find_first_of(";,\"\r\n") == std::string_view::npos) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void append_text(std::string& out, std::string_view text) {
  if (cells::looks_like_formula(text)) {
    append_field(out, "'" + std::string(text));
  } else {
    append_field(out, text);
  }
}

void append_cell(std::string& out, const Column& column, std::string_view cell) {
  if (cell.empty()) return;
  switch (column.kind) {
    case Column::Kind::money_cents:
      append_field(out, cells::money_decimal_comma(cells::parse_integer(cell, column)));
      return;
    case Column::Kind::integer:
      out += std::to_string(cells::parse_integer(cell, column));
      return;
    case Column::Kind::date:
      cells::parse_day(cell, column);
      out += cell;
      return;
    case Column::Kind::text:
      append_text(out, cell);
      return;
  }
}

}  // namespace

std::string write_csv(const std::vector<Column>& columns,
                      const std::vector<std::vector<std::string>>& rows) {
  std::string out(kBom);
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (c > 0) out += kSeparator;
    append_text(out, columns[c].title);
  }
  out += "\r\n";
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (c > 0) out += kSeparator;
      if (c < row.size()) append_cell(out, columns[c], row[c]);
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace hms::formats
