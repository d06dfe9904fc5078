// Writing a list as .xlsx with libxlsxwriter, which only writes files: the workbook goes to a
// fresh temporary file (mkstemp), is read back and the file removed.
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "formats/cells.hpp"
#include "formats/table.hpp"

namespace hms::formats {

namespace {

constexpr std::size_t kMaxSheetName = 31;    // characters, Excel's limit
constexpr std::size_t kMaxCellText = 32767;  // characters, Excel's limit
constexpr std::size_t kRowsMeasured = 1000;  // rows looked at to size the columns
constexpr double kMinWidth = 8;
constexpr double kMaxWidth = 60;
constexpr const char* kMoneyFormat = "#,##0.00";
constexpr const char* kDateFormat = "dd/mm/yyyy";

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xc0) == 0x80; }

std::size_t characters(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return !is_continuation(c); }));
}

// The first `count` characters of `text`, never cutting a UTF-8 sequence.
std::string_view first_characters(std::string_view text, std::size_t count) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (is_continuation(text[i])) continue;
    if (seen++ == count) return text.substr(0, i);
  }
  return text;
}

// Excel forbids [ ] : * ? / \ in a sheet name, a leading or trailing ', and more than 31
// characters.
std::string excel_sheet_name(std::string_view wanted) {
  std::string name;
  for (char c : wanted)
    name += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '_';
  while (!name.empty() && name.front() == '\'') name.erase(0, 1);
  name = std::string(first_characters(name, kMaxSheetName));
  while (!name.empty() && name.back() == '\'') name.pop_back();
  return name.empty() ? "Sheet1" : name;
}

// The width in characters of the longest line of the cell as shown.
std::size_t shown_width(const Column& column, std::string_view cell) {
  if (cell.empty()) return 0;
  switch (column.kind) {
    case Column::Kind::money_cents: {
      const auto text = cells::money_decimal_comma(cells::parse_integer(cell, column));
      return text.size() + (text.size() - 3) / 4;  // room for thousands separators
    }
    case Column::Kind::date:
      return 10;
    case Column::Kind::integer:
    case Column::Kind::text:
      break;
  }
  std::size_t widest = 0;
  std::size_t start = 0;
  for (;;) {
    const auto end = cell.find('\n', start);
    widest = std::max(widest, characters(cell.substr(start, end - start)));
    if (end == std::string_view::npos) return widest;
    start = end + 1;
  }
}

class TemporaryFile {
 public:
  TemporaryFile() {
    path_ = (std::filesystem::temp_directory_path() / "hms-export-XXXXXX").string();
    const int fd = mkstemp(path_.data());
    if (fd < 0) throw std::system_error(errno, std::generic_category(), "mkstemp " + path_);
    close(fd);
  }
  ~TemporaryFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;

  const std::string& path() const { return path_; }

  std::string read() const {
    std::ifstream in(path_, std::ios::binary);
    if (!in) throw std::runtime_error("formats: cannot read back " + path_);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }

 private:
  std::string path_;
};

// Frees the workbook if it is never closed (a cell throws before workbook_close).
class OpenWorkbook {
 public:
  explicit OpenWorkbook(const std::string& path) : workbook_(workbook_new(path.c_str())) {
    if (workbook_ == nullptr) throw std::runtime_error("formats: workbook_new failed");
  }
  ~OpenWorkbook() {
    if (workbook_ != nullptr) lxw_workbook_free(workbook_);
  }
  OpenWorkbook(const OpenWorkbook&) = delete;
  OpenWorkbook& operator=(const OpenWorkbook&) = delete;

  lxw_workbook* get() const { return workbook_; }

  // libxlsxwriter stamps the files with gmtime(), whose result is shared by the whole process;
  // closing one workbook at a time keeps concurrent exports from racing on it.
  void close() {
    static std::mutex closing;
    lxw_error error;
    {
      std::lock_guard lock(closing);
      error = workbook_close(workbook_);  // frees the workbook, even on error
    }
    workbook_ = nullptr;
    if (error != LXW_NO_ERROR)
      throw std::runtime_error(std::string("formats: workbook_close: ") + lxw_strerror(error));
  }

 private:
  lxw_workbook* workbook_;
};

void check(lxw_error error) {
  if (error != LXW_NO_ERROR)
    throw std::runtime_error(std::string("formats: xlsx: ") + lxw_strerror(error));
}

struct Formats {
  lxw_format* header;
  lxw_format* money;
  lxw_format* date;
};

void write_cell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const Column& column,
                const std::string& cell, const Formats& formats) {
  if (cell.empty()) return;
  switch (column.kind) {
    case Column::Kind::money_cents: {
      const auto cents = cells::parse_integer(cell, column);
      check(worksheet_write_number(sheet, row, col, static_cast<double>(cents) / 100.0,
                                   formats.money));
      return;
    }
    case Column::Kind::integer:
      check(worksheet_write_number(
          sheet, row, col, static_cast<double>(cells::parse_integer(cell, column)), nullptr));
      return;
    case Column::Kind::date: {
      const auto day = cells::parse_day(cell, column);
      const int year = static_cast<int>(day.year());
      if (year < 1900) break;  // before Excel's calendar: kept as text
      lxw_datetime datetime{year,
                            static_cast<int>(static_cast<unsigned>(day.month())),
                            static_cast<int>(static_cast<unsigned>(day.day())),
                            0,
                            0,
                            0.0};
      check(worksheet_write_datetime(sheet, row, col, &datetime, formats.date));
      return;
    }
    case Column::Kind::text:
      break;
  }
  const std::string text(first_characters(cell, kMaxCellText));
  check(worksheet_write_string(sheet, row, col, text.c_str(), nullptr));
}

}  // namespace

std::string write_xlsx(const std::string& sheet_name, const std::vector<Column>& columns,
                       const std::vector<std::vector<std::string>>& rows) {
  if (rows.size() >= LXW_ROW_MAX || columns.size() > LXW_COL_MAX)
    throw std::invalid_argument("formats: too many rows or columns for a worksheet");
  TemporaryFile file;
  OpenWorkbook workbook(file.path());

  lxw_worksheet* sheet =
      workbook_add_worksheet(workbook.get(), excel_sheet_name(sheet_name).c_str());
  if (sheet == nullptr) sheet = workbook_add_worksheet(workbook.get(), nullptr);
  if (sheet == nullptr) throw std::runtime_error("formats: workbook_add_worksheet failed");

  Formats formats{workbook_add_format(workbook.get()), workbook_add_format(workbook.get()),
                  workbook_add_format(workbook.get())};
  format_set_bold(formats.header);
  format_set_num_format(formats.money, kMoneyFormat);
  format_set_num_format(formats.date, kDateFormat);

  for (std::size_t c = 0; c < columns.size(); ++c) {
    const Column& column = columns[c];
    const auto col = static_cast<lxw_col_t>(c);
    std::size_t widest = characters(column.title) + 1;  // bold is wider
    for (std::size_t r = 0; r < rows.size() && r < kRowsMeasured; ++r)
      if (c < rows[r].size()) widest = std::max(widest, shown_width(column, rows[r][c]));
    const double width = std::clamp(static_cast<double>(widest) + 2, kMinWidth, kMaxWidth);
    check(worksheet_set_column(sheet, col, col, width, nullptr));
    const std::string title(first_characters(column.title, kMaxCellText));
    check(worksheet_write_string(sheet, 0, col, title.c_str(), formats.header));
  }
  worksheet_freeze_panes(sheet, 1, 0);

  for (std::size_t r = 0; r < rows.size(); ++r) {
    const auto row = static_cast<lxw_row_t>(r + 1);
    for (std::size_t c = 0; c < columns.size() && c < rows[r].size(); ++c)
      write_cell(sheet, row, static_cast<lxw_col_t>(c), columns[c], rows[r][c], formats);
  }

  workbook.close();
  return file.read();
}

}  // namespace hms::formats
