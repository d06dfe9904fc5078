// Reading CSV: a BOM and the separator detected, then one record at a time with RFC 4180
// quotes; line numbers are physical lines so that "line 12" points where an editor shows it.
// The limits of table.hpp hold: rows, columns and the characters of a cell (formats/bounds).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "common/text.hpp"
#include "formats/bounds.hpp"
#include "formats/table.hpp"

namespace hms::formats {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Reports the first physical line holding a byte sequence that is not UTF-8. A multi-byte
// sequence never contains '\n', so splitting on it first is safe.
void check_utf8(std::string_view text) {
  if (is_valid_utf8(text)) return;
  int line = 1;
  for (std::string_view part : split(text, '\n')) {
    if (!is_valid_utf8(part))
      throw DomainError(ErrorKind::validation, "import.not_utf8")
          .param("line", std::to_string(line));
    ++line;
  }
}

bool is_blank_line(std::string_view line) { return trim(line).empty(); }

// ';' or ',': whichever appears more often outside quotes in the first non-blank record.
char detect_separator(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto end = text.find('\n', pos);
    const auto line = text.substr(pos, end == std::string_view::npos ? end : end - pos);
    if (!is_blank_line(line)) break;
    if (end == std::string_view::npos) return ';';
    pos = end + 1;
  }
  int semicolons = 0;
  int commas = 0;
  bool quoted = false;
  for (; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted) {
      if (c == '\n') break;
      if (c == ';') ++semicolons;
      if (c == ',') ++commas;
    }
  }
  return commas > semicolons ? ',' : ';';
}

// Cuts `text` into records. Cells are trimmed of ASCII whitespace, quoted or not; a quoted
// cell keeps its newlines (CRLF inside quotes becomes LF); text after a closing quote is kept
// as written ("ab"c gives abc), a quote inside an unquoted cell is an ordinary character.
class Parser {
 public:
  Parser(std::string_view text, char separator) : text_(text), separator_(separator) {}

  // The next record and the line it starts on; false at the end of the text.
  bool next(std::vector<std::string>& cells, int& line) {
    if (pos_ >= text_.size()) return false;
    cells.clear();
    line = line_;
    std::string cell;
    for (;;) {
      cell.clear();
      while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
      if (pos_ < text_.size() && text_[pos_] == '"') read_quoted(cell);
      read_unquoted(cell);
      const std::string_view value = trim(cell);
      bounds::check_cell(value, line);
      // Empty cells beyond the last column allowed are dropped: nothing to keep.
      if (!value.empty()) bounds::check_column(cells.size(), line);
      if (cells.size() < kMaxColumns) cells.emplace_back(value);
      if (pos_ >= text_.size()) return true;
      const char c = text_[pos_++];
      if (c == '\n') {
        ++line_;
        return true;
      }
      // c is the separator: another cell follows, possibly empty.
    }
  }

 private:
  void read_quoted(std::string& cell) {
    const int opened_on = line_;
    ++pos_;
    for (;;) {
      if (pos_ >= text_.size())
        throw DomainError(ErrorKind::validation, "import.unclosed_quote")
            .param("line", std::to_string(opened_on));
      const char c = text_[pos_];
      if (c == '"') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
          cell.push_back('"');
          pos_ += 2;
          continue;
        }
        ++pos_;
        return;
      }
      if (c == '\n') ++line_;
      if (!(c == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n')) cell.push_back(c);
      ++pos_;
    }
  }

  void read_unquoted(std::string& cell) {
    const auto start = pos_;
    while (pos_ < text_.size() && text_[pos_] != separator_ && text_[pos_] != '\n') ++pos_;
    cell.append(text_.substr(start, pos_ - start));
  }

  std::string_view text_;
  char separator_;
  std::size_t pos_ = 0;
  int line_ = 1;
};

bool all_empty(const std::vector<std::string>& cells) {
  for (const auto& cell : cells)
    if (!cell.empty()) return false;
  return true;
}

}  // namespace

Table read_csv(std::string_view bytes) {
  if (bytes.starts_with(kBom)) bytes.remove_prefix(kBom.size());
  check_utf8(bytes);
  Parser parser(bytes, detect_separator(bytes));
  bounds::TableBuilder table;
  std::vector<std::string> cells;
  int line = 0;
  while (parser.next(cells, line)) {
    if (all_empty(cells)) continue;
    table.add(std::move(cells), line);
    cells = {};
  }
  return std::move(table).finish();
}

}  // namespace hms::formats
