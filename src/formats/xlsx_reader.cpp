// Reading the first worksheet of an .xlsx file held in memory: minizip over a memory buffer
// for the zip container, pugixml for the parts. The path to the sheet follows the package's
// relationships: _rels/.rels -> workbook -> its first <sheet> -> workbook rels -> sheet part.
#include <minizip/unzip.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "common/date.hpp"
#include "common/error.hpp"
#include "common/text.hpp"
#include "formats/table.hpp"

namespace hms::formats {

namespace {

constexpr std::uint64_t kMaxPartBytes = 100ull * 1024 * 1024;  // refuse zip bombs
constexpr int kMaxColumns = 16384;                             // XFD, Excel's last column

[[noreturn]] void fail_not_xlsx() { throw DomainError(ErrorKind::validation, "import.not_xlsx"); }

// ---- the zip container, read from memory ------------------------------------------------

struct MemoryFile {
  const char* data = nullptr;
  ZPOS64_T size = 0;
  ZPOS64_T pos = 0;
};

voidpf memory_open(voidpf opaque, const void* /*name*/, int mode) {
  if (mode & ZLIB_FILEFUNC_MODE_WRITE) return nullptr;
  auto* file = static_cast<MemoryFile*>(opaque);
  file->pos = 0;
  return file;
}

uLong memory_read(voidpf /*opaque*/, voidpf stream, void* buffer, uLong size) {
  auto* file = static_cast<MemoryFile*>(stream);
  const ZPOS64_T left = file->size - file->pos;
  const auto count = static_cast<uLong>(std::min<ZPOS64_T>(size, left));
  if (count > 0) std::memcpy(buffer, file->data + file->pos, count);
  file->pos += count;
  return count;
}

uLong memory_write(voidpf, voidpf, const void*, uLong) { return 0; }

ZPOS64_T memory_tell(voidpf /*opaque*/, voidpf stream) {
  return static_cast<MemoryFile*>(stream)->pos;
}

long memory_seek(voidpf /*opaque*/, voidpf stream, ZPOS64_T offset, int origin) {
  auto* file = static_cast<MemoryFile*>(stream);
  ZPOS64_T base = 0;
  switch (origin) {
    case ZLIB_FILEFUNC_SEEK_SET:
      base = 0;
      break;
    case ZLIB_FILEFUNC_SEEK_CUR:
      base = file->pos;
      break;
    case ZLIB_FILEFUNC_SEEK_END:
      base = file->size;
      break;
    default:
      return -1;
  }
  if (offset > file->size - base) return -1;
  file->pos = base + offset;
  return 0;
}

int memory_close(voidpf, voidpf) { return 0; }
int memory_error(voidpf, voidpf) { return 0; }

class Zip {
 public:
  explicit Zip(std::string_view bytes) {
    file_.data = bytes.data();
    file_.size = bytes.size();
    zlib_filefunc64_def functions{};
    functions.zopen64_file = memory_open;
    functions.zread_file = memory_read;
    functions.zwrite_file = memory_write;
    functions.ztell64_file = memory_tell;
    functions.zseek64_file = memory_seek;
    functions.zclose_file = memory_close;
    functions.zerror_file = memory_error;
    functions.opaque = &file_;
    zip_ = unzOpen2_64("memory", &functions);
    if (zip_ == nullptr) fail_not_xlsx();
  }
  ~Zip() { unzClose(zip_); }
  Zip(const Zip&) = delete;
  Zip& operator=(const Zip&) = delete;

  // The uncompressed part, or nothing if the package has no part of that name.
  std::optional<std::string> read(const std::string& name) {
    if (unzLocateFile(zip_, name.c_str(), 2 /* case-insensitive, as OPC names are */) != UNZ_OK)
      return std::nullopt;
    unz_file_info64 info{};
    if (unzGetCurrentFileInfo64(zip_, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK)
      fail_not_xlsx();
    if ((info.flag & 1) != 0 || info.uncompressed_size > kMaxPartBytes) fail_not_xlsx();
    if (unzOpenCurrentFile(zip_) != UNZ_OK) fail_not_xlsx();
    std::string content;
    content.reserve(static_cast<std::size_t>(info.uncompressed_size));
    char buffer[65536];
    bool ok = true;
    for (;;) {
      const int count = unzReadCurrentFile(zip_, buffer, sizeof buffer);
      if (count < 0 || content.size() + static_cast<std::size_t>(std::max(count, 0)) >
                           kMaxPartBytes) {  // the declared size may lie
        ok = false;
        break;
      }
      if (count == 0) break;
      content.append(buffer, static_cast<std::size_t>(count));
    }
    if (unzCloseCurrentFile(zip_) != UNZ_OK) ok = false;  // CRC mismatch
    if (!ok) fail_not_xlsx();
    return content;
  }

  std::string require(const std::string& name) {
    auto content = read(name);
    if (!content) fail_not_xlsx();
    return std::move(*content);
  }

 private:
  MemoryFile file_;
  unzFile zip_ = nullptr;
};

// ---- XML helpers: element names compared without their namespace prefix ----------------

std::string_view local_name(const char* name) {
  std::string_view view(name);
  const auto colon = view.find(':');
  return colon == std::string_view::npos ? view : view.substr(colon + 1);
}

pugi::xml_node child(pugi::xml_node node, std::string_view name) {
  for (pugi::xml_node c : node.children())
    if (c.type() == pugi::node_element && local_name(c.name()) == name) return c;
  return {};
}

pugi::xml_attribute attribute(pugi::xml_node node, std::string_view name) {
  for (pugi::xml_attribute a : node.attributes())
    if (local_name(a.name()) == name) return a;
  return {};
}

void parse(pugi::xml_document& document, std::string& content) {
  const auto options = pugi::parse_default | pugi::parse_ws_pcdata_single;
  if (!document.load_buffer_inplace(content.data(), content.size(), options)) fail_not_xlsx();
}

// "_x000D_" is how OOXML writes a character XML cannot hold; "_x005F_" escapes the '_'.
std::string decode_escapes(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  auto is_hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && is_hex(text[i + 2]) &&
        is_hex(text[i + 3]) && is_hex(text[i + 4]) && is_hex(text[i + 5]) && text[i + 6] == '_') {
      unsigned code = 0;
      std::from_chars(text.data() + i + 2, text.data() + i + 6, code, 16);
      if (code < 0x80) {
        out.push_back(static_cast<char>(code));
      } else if (code < 0x800) {
        out.push_back(static_cast<char>(0xc0 | (code >> 6)));
        out.push_back(static_cast<char>(0x80 | (code & 0x3f)));
      } else if (code < 0xd800 || code > 0xdfff) {
        out.push_back(static_cast<char>(0xe0 | (code >> 12)));
        out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | (code & 0x3f)));
      }
      i += 6;
      continue;
    }
    out.push_back(text[i]);
  }
  return out;
}

// The text of a string item (<si>) or inline string (<is>): its <t>, or the <t> of each rich
// text run <r>; phonetic guides (<rPh>) are left out.
std::string string_item_text(pugi::xml_node item) {
  std::string text;
  for (pugi::xml_node c : item.children()) {
    const auto name = local_name(c.name());
    if (name == "t") {
      text += c.text().get();
    } else if (name == "r") {
      text += child(c, "t").text().get();
    }
  }
  return decode_escapes(text);
}

// ---- package paths ------------------------------------------------------------------------

std::string directory_of(std::string_view part) {
  const auto slash = part.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
}

// A relationship target resolved against the folder of its source part, "." and ".." applied.
std::string resolve(std::string_view directory, std::string_view target) {
  std::string joined = target.starts_with('/') ? std::string(target.substr(1))
                                               : std::string(directory) + std::string(target);
  std::vector<std::string_view> segments;
  for (std::string_view segment : split(joined, '/')) {
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
      continue;
    }
    segments.push_back(segment);
  }
  std::string path;
  for (std::string_view segment : segments) {
    if (!path.empty()) path += '/';
    path += segment;
  }
  return path;
}

std::string relationships_of(std::string_view part) {
  const auto slash = part.rfind('/');
  const auto name = slash == std::string_view::npos ? part : part.substr(slash + 1);
  return directory_of(part) + "_rels/" + std::string(name) + ".rels";
}

struct Relationship {
  std::string type;    // e.g. ".../relationships/worksheet"
  std::string target;  // resolved part name
};

// The internal relationships of `part`, by id; empty if the part has none.
std::map<std::string, Relationship, std::less<>> read_relationships(Zip& zip,
                                                                    std::string_view part) {
  std::map<std::string, Relationship, std::less<>> relationships;
  auto content = zip.read(relationships_of(part));
  if (!content) return relationships;
  pugi::xml_document document;
  parse(document, *content);
  for (pugi::xml_node r : child(document, "Relationships").children()) {
    if (local_name(r.name()) != "Relationship") continue;
    if (std::string_view(r.attribute("TargetMode").value()) == "External") continue;
    relationships[r.attribute("Id").value()] = {
        r.attribute("Type").value(), resolve(directory_of(part), r.attribute("Target").value())};
  }
  return relationships;
}

bool type_is(const Relationship& relationship, std::string_view kind) {
  const std::string_view type = relationship.type;
  return type.ends_with(kind) && type.size() > kind.size() &&
         type[type.size() - kind.size() - 1] == '/';
}

// ---- styles: which cell formats show a date ---------------------------------------------

// A custom number format shows a date if its first section uses days, years, or months
// without hours or seconds ("mm:ss" and "h:mm" are times). Quoted text, escaped characters
// and [brackets] ([Red], [$-80C]) are not format codes.
bool format_shows_date(std::string_view code) {
  bool day_or_year = false, month = false, time = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(code[i])));
    if (c == '"') {
      const auto close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == '[') {
      const auto close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == ';') {
      break;
    } else if (c == 'd' || c == 'y') {
      day_or_year = true;
    } else if (c == 'm') {
      month = true;
    } else if (c == 'h' || c == 's') {
      time = true;
    }
  }
  return day_or_year || (month && !time);
}

// For each cell style index (the s="…" of a cell), whether it is a date format.
std::vector<bool> read_date_styles(Zip& zip, const std::string& part) {
  std::vector<bool> dates;
  auto content = zip.read(part);
  if (!content) return dates;
  pugi::xml_document document;
  parse(document, *content);
  const pugi::xml_node style_sheet = child(document, "styleSheet");
  std::map<int, bool> custom;
  for (pugi::xml_node format : child(style_sheet, "numFmts").children()) {
    if (local_name(format.name()) != "numFmt") continue;
    custom[format.attribute("numFmtId").as_int(-1)] =
        format_shows_date(format.attribute("formatCode").value());
  }
  for (pugi::xml_node xf : child(style_sheet, "cellXfs").children()) {
    if (local_name(xf.name()) != "xf") continue;
    const int id = xf.attribute("numFmtId").as_int(0);
    const auto found = custom.find(id);
    dates.push_back(found != custom.end() ? found->second : (id >= 14 && id <= 22));
  }
  return dates;
}

// ---- cell values ------------------------------------------------------------------------

std::optional<double> parse_number(std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

// "3" for 3.0, "745.5" for 745.5 or 745.50000000000001; beyond 15 significant digits (what
// Excel shows) binary noise is dropped: 0.30000000000000004 gives "0.3".
std::string number_text(std::string_view raw) {
  const auto value = parse_number(raw);
  if (!value) return std::string(raw);
  if (*value == std::trunc(*value) && std::fabs(*value) < 1e15)
    return std::to_string(static_cast<long long>(*value));
  char buffer[400];
  auto result =
      std::to_chars(buffer, buffer + sizeof buffer, *value, std::chars_format::general, 15);
  const double rounded =
      parse_number(std::string_view(buffer, static_cast<std::size_t>(result.ptr - buffer)))
          .value_or(*value);
  result = std::to_chars(buffer, buffer + sizeof buffer, rounded, std::chars_format::fixed);
  if (result.ec != std::errc{}) return std::string(raw);
  return std::string(buffer, result.ptr);
}

// A date serial number as ISO "YYYY-MM-DD"; the time of day is dropped. In the 1900 system
// Excel counts a 29 February 1900 that never was (serial 60): later serials are one day off.
std::optional<std::string> serial_date(double serial, bool system_1904) {
  using namespace std::chrono;
  if (!(serial >= 0 && serial < 2958466)) return std::nullopt;  // up to 9999-12-31
  auto days = static_cast<int>(std::floor(serial));
  sys_days date;
  if (system_1904) {
    date = sys_days{year{1904} / January / 1} + std::chrono::days{days};
  } else {
    if (days == 60) days = 59;  // the phantom 1900-02-29 shown as 1900-02-28
    date = days > 60 ? sys_days{year{1899} / December / 30} + std::chrono::days{days}
                     : sys_days{year{1899} / December / 31} + std::chrono::days{days};
  }
  return to_iso(year_month_day{date});
}

// "C7" gives column 2 (zero-based), or -1 if the reference names no column.
int column_of(std::string_view reference) {
  int column = 0;
  std::size_t i = 0;
  for (; i < reference.size(); ++i) {
    const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(reference[i])));
    if (c < 'A' || c > 'Z') break;
    column = column * 26 + (c - 'A' + 1);
    if (column > kMaxColumns) fail_not_xlsx();
  }
  return i == 0 ? -1 : column - 1;
}

struct Workbook {
  std::vector<std::string> shared_strings;
  std::vector<bool> date_styles;
  bool system_1904 = false;
};

std::string cell_value(pugi::xml_node cell, const Workbook& book) {
  const std::string_view type = cell.attribute("t").value();
  const std::string_view value = child(cell, "v").text().get();
  if (type == "inlineStr") return string_item_text(child(cell, "is"));
  if (type == "s") {
    const auto index = parse_number(trim(value));
    if (!index || *index < 0 || *index >= static_cast<double>(book.shared_strings.size()))
      fail_not_xlsx();
    return book.shared_strings[static_cast<std::size_t>(*index)];
  }
  if (type == "b") return trim(value) == "1" ? "TRUE" : "FALSE";
  if (type == "str" || type == "e") return decode_escapes(value);
  if (type == "d") return std::string(value.substr(0, std::min<std::size_t>(value.size(), 10)));
  // A number.
  const std::string_view number = trim(value);
  if (number.empty()) return {};
  const auto style = cell.attribute("s").as_int(0);
  if (style >= 0 && static_cast<std::size_t>(style) < book.date_styles.size() &&
      book.date_styles[static_cast<std::size_t>(style)]) {
    if (const auto serial = parse_number(number))
      if (auto date = serial_date(*serial, book.system_1904)) return *date;
  }
  return number_text(number);
}

}  // namespace

Table read_xlsx(std::string_view bytes) {
  Zip zip(bytes);

  std::string workbook_part = "xl/workbook.xml";
  for (const auto& [id, relationship] : read_relationships(zip, ""))
    if (type_is(relationship, "officeDocument")) workbook_part = relationship.target;

  Workbook book;
  std::string sheet_part;
  {
    std::string content = zip.require(workbook_part);
    pugi::xml_document document;
    parse(document, content);
    const pugi::xml_node workbook = child(document, "workbook");
    const std::string_view date1904 = child(workbook, "workbookPr").attribute("date1904").value();
    book.system_1904 = date1904 == "1" || date1904 == "true";
    const pugi::xml_node first_sheet = child(child(workbook, "sheets"), "sheet");
    if (!first_sheet) fail_not_xlsx();
    const auto relationships = read_relationships(zip, workbook_part);
    const auto found = relationships.find(std::string_view(attribute(first_sheet, "id").value()));
    if (found == relationships.end()) fail_not_xlsx();
    sheet_part = found->second.target;
    for (const auto& [id, relationship] : relationships) {
      if (type_is(relationship, "sharedStrings")) {
        if (auto strings = zip.read(relationship.target)) {
          pugi::xml_document sst;
          parse(sst, *strings);
          for (pugi::xml_node item : child(sst, "sst").children())
            if (local_name(item.name()) == "si")
              book.shared_strings.push_back(string_item_text(item));
        }
      } else if (type_is(relationship, "styles")) {
        book.date_styles = read_date_styles(zip, relationship.target);
      }
    }
  }

  std::string content = zip.require(sheet_part);
  pugi::xml_document document;
  parse(document, content);
  const pugi::xml_node sheet_data = child(child(document, "worksheet"), "sheetData");
  if (!sheet_data) fail_not_xlsx();

  Table table;
  bool has_header = false;
  int row_number = 0;
  std::vector<std::string> cells;
  for (pugi::xml_node row : sheet_data.children()) {
    if (local_name(row.name()) != "row") continue;
    row_number = row.attribute("r").as_int(row_number + 1);
    cells.clear();
    int column = -1;
    for (pugi::xml_node cell : row.children()) {
      if (local_name(cell.name()) != "c") continue;
      const int named = column_of(cell.attribute("r").value());
      column = named >= 0 ? named : column + 1;
      if (column >= kMaxColumns) fail_not_xlsx();
      std::string value(trim(cell_value(cell, book)));
      if (value.empty()) continue;
      if (cells.size() <= static_cast<std::size_t>(column))
        cells.resize(static_cast<std::size_t>(column) + 1);
      cells[static_cast<std::size_t>(column)] = std::move(value);
    }
    if (cells.empty()) continue;
    if (!has_header) {
      table.header = std::move(cells);
      has_header = true;
    } else {
      table.rows.push_back(std::move(cells));
      table.lines.push_back(row_number);
    }
    cells = {};
  }
  if (!has_header) throw DomainError(ErrorKind::validation, "import.empty_file");
  return table;
}

}  // namespace hms::formats
