// Reading the first worksheet of an .xlsx file held in memory: minizip over a memory buffer
// for the zip container, libxml2's SAX2 push parser for the parts, fed as they are inflated, so
// that neither a part nor its tree is ever held whole (a 3 kB file may unpack to gigabytes). The
// path to the sheet follows the package's relationships: _rels/.rels -> workbook -> its first
// <sheet> -> workbook rels -> sheet part. The limits of table.hpp are checked as cells come.
#include <libxml/parser.h>
#include <minizip/unzip.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <exception>
#include <mutex>
#include <new>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "common/date.hpp"
#include "common/error.hpp"
#include "common/text.hpp"
#include "formats/bounds.hpp"
#include "formats/table.hpp"

namespace hms::formats {

namespace {

// What a workbook holds besides its cells, bounded too (a part may be 100 MB of them).
constexpr std::size_t kMaxStyles = 65'000;         // cell formats: Excel's own limit is 64,000
constexpr std::size_t kMaxRelationships = 10'000;  // of one part: a workbook's sheets and parts

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

// The zip entries, inflated as a stream: a part is handed on in chunks as it is inflated, and
// the bytes are counted per entry and for the whole file against kMaxEntryBytes and
// kMaxUnpackedBytes. The sizes the zip's headers declare are not trusted.
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

  // Hands the inflated part to `sink` chunk by chunk; false if the package has no part of that
  // name. A broken entry (encrypted, bad data, CRC mismatch) is "import.not_xlsx".
  template <typename Sink>
  bool stream(const std::string& name, Sink&& sink) {
    if (unzLocateFile(zip_, name.c_str(), 2 /* case-insensitive, as OPC names are */) != UNZ_OK)
      return false;
    unz_file_info64 info{};
    if (unzGetCurrentFileInfo64(zip_, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK)
      fail_not_xlsx();
    if ((info.flag & 1) != 0 || unzOpenCurrentFile(zip_) != UNZ_OK) fail_not_xlsx();
    struct Closer {  // the entry is closed even when the sink throws
      unzFile zip;
      bool open = true;
      ~Closer() {
        if (open) unzCloseCurrentFile(zip);
      }
    } closer{zip_};
    std::vector<char> buffer(64 * 1024);
    std::size_t entry = 0;
    for (;;) {
      const int count = unzReadCurrentFile(zip_, buffer.data(), static_cast<unsigned>(buffer.size()));
      if (count < 0) fail_not_xlsx();
      if (count == 0) break;
      entry += static_cast<std::size_t>(count);
      unpacked_ += static_cast<std::size_t>(count);
      if (entry > kMaxEntryBytes) bounds::fail_too_big(kMaxEntryBytes);
      if (unpacked_ > kMaxUnpackedBytes) bounds::fail_too_big(kMaxUnpackedBytes);
      sink(std::string_view(buffer.data(), static_cast<std::size_t>(count)));
    }
    closer.open = false;
    if (unzCloseCurrentFile(zip_) != UNZ_OK) fail_not_xlsx();  // CRC mismatch
    return true;
  }

 private:
  MemoryFile file_;
  unzFile zip_ = nullptr;
  std::size_t unpacked_ = 0;
};

// ---- XML as a stream of events: libxml2's SAX2 push parser -----------------------------

// The attributes of an element, looked up by their name without namespace prefix.
class Attributes {
 public:
  Attributes(const xmlChar** attributes, int count) : attributes_(attributes), count_(count) {}
  std::string_view get(std::string_view name) const {
    for (int i = 0; i < count_; ++i) {
      const xmlChar** a = attributes_ + 5 * i;  // local name, prefix, URI, value, value end
      if (name == reinterpret_cast<const char*>(a[0]))
        return {reinterpret_cast<const char*>(a[3]), static_cast<std::size_t>(a[4] - a[3])};
    }
    return {};
  }
  int get_int(std::string_view name, int otherwise) const {
    const std::string_view text = trim(get(name));
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc{} && end == text.data() + text.size() ? value : otherwise;
  }

 private:
  const xmlChar** attributes_;
  int count_;
};

// What one part's reader does with its elements. Names come without their namespace prefix
// ("x:row" is "row"); `parent` is the enclosing element's ("" at the root).
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void start(std::string_view name, std::string_view parent, const Attributes& attributes) = 0;
  virtual void end(std::string_view /*name*/) {}
  virtual void text(std::string_view /*chars*/) {}
};

// Reads the part `name` of the package into `handler`, as it is inflated: the part is never
// held whole nor turned into a tree, so memory does not grow with its size. False if there is
// no such part. A DTD (which OOXML forbids; entities could multiply the text) or malformed XML is
// "import.not_xlsx"; so is a construct that keeps more than kMaxPendingBytes waiting (a tag or
// comment megabytes long). libxml2 cannot carry a C++ exception, so one thrown by the handler is
// kept, the parser stopped, and the exception thrown again here.
// The parser's state seen from libxml2's callbacks.
struct SaxState {
  XmlHandler* handler = nullptr;
  xmlParserCtxtPtr parser = nullptr;
  std::vector<std::string> open{};  // the names of the open elements
  std::exception_ptr error{};
  bool refused = false;

  void stop() {
    refused = true;
    xmlStopParser(parser);
  }
  template <typename F>
  void guarded(F&& f) {
    if (refused) return;
    try {
      f();
    } catch (...) {
      error = std::current_exception();
      stop();
    }
  }

  static void start(void* context, const xmlChar* local, const xmlChar*, const xmlChar*, int, const xmlChar**,
                    int count, int, const xmlChar** attributes) {
    auto* s = static_cast<SaxState*>(context);
    s->guarded([&] {
      const std::string_view element = reinterpret_cast<const char*>(local);
      const std::string_view parent = s->open.empty() ? std::string_view() : std::string_view(s->open.back());
      s->handler->start(element, parent, Attributes(attributes, count));
      s->open.emplace_back(element);
    });
  }
  static void end(void* context, const xmlChar* local, const xmlChar*, const xmlChar*) {
    auto* s = static_cast<SaxState*>(context);
    s->guarded([&] {
      if (!s->open.empty()) s->open.pop_back();
      s->handler->end(reinterpret_cast<const char*>(local));
    });
  }
  static void characters(void* context, const xmlChar* chars, int length) {
    auto* s = static_cast<SaxState*>(context);
    s->guarded([&] { s->handler->text({reinterpret_cast<const char*>(chars), static_cast<std::size_t>(length)}); });
  }
  static void dtd(void* context, const xmlChar*, const xmlChar*, const xmlChar*) {
    static_cast<SaxState*>(context)->stop();
  }
  static void silence(void*, xmlErrorPtr) {}  // errors are answered "import.not_xlsx", not logged
};

bool read_xml(Zip& zip, const std::string& name, XmlHandler& handler) {
  constexpr std::size_t kMaxPendingBytes = 1u << 20;
  static std::once_flag initialised;
  std::call_once(initialised, [] { xmlInitParser(); });

  xmlSAXHandler sax{};
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = SaxState::start;
  sax.endElementNs = SaxState::end;
  sax.characters = SaxState::characters;
  sax.cdataBlock = SaxState::characters;
  sax.internalSubset = SaxState::dtd;
  sax.serror = SaxState::silence;

  SaxState state;
  state.handler = &handler;
  state.parser = xmlCreatePushParserCtxt(&sax, &state, nullptr, 0, nullptr);
  if (state.parser == nullptr) throw std::bad_alloc();
  struct Free {
    xmlParserCtxtPtr parser;
    ~Free() { xmlFreeParserCtxt(parser); }
  } free{state.parser};
  xmlCtxtUseOptions(state.parser, XML_PARSE_NONET);

  auto push = [&](const char* data, std::size_t size, bool last) {
    const int status = xmlParseChunk(state.parser, data, static_cast<int>(size), last ? 1 : 0);
    if (state.error) std::rethrow_exception(state.error);
    if (status != 0 || state.refused) fail_not_xlsx();
    const xmlParserInputPtr input = state.parser->input;
    if (input != nullptr && input->end - input->cur > static_cast<std::ptrdiff_t>(kMaxPendingBytes))
      fail_not_xlsx();
  };
  const bool found = zip.stream(name, [&](std::string_view chunk) { push(chunk.data(), chunk.size(), false); });
  if (!found) return false;
  push(nullptr, 0, true);
  if (!state.parser->wellFormed) fail_not_xlsx();
  return true;
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
  struct Reader : XmlHandler {
    std::string directory;
    std::map<std::string, Relationship, std::less<>> relationships;
    void start(std::string_view name, std::string_view parent, const Attributes& a) override {
      if (name != "Relationship" || parent != "Relationships" || a.get("TargetMode") == "External")
        return;
      if (relationships.size() >= kMaxRelationships) fail_not_xlsx();
      relationships[std::string(a.get("Id"))] = {std::string(a.get("Type")),
                                                 resolve(directory, a.get("Target"))};
    }
  } reader;
  reader.directory = directory_of(part);
  read_xml(zip, relationships_of(part), reader);
  return std::move(reader.relationships);
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
  struct Reader : XmlHandler {
    std::map<int, bool> custom;      // numFmtId → shows a date
    std::vector<int> cell_formats;  // cellXfs, in order: their numFmtId
    void start(std::string_view name, std::string_view parent, const Attributes& a) override {
      if (name == "numFmt" && parent == "numFmts") {
        if (custom.size() >= kMaxStyles) fail_not_xlsx();
        custom[a.get_int("numFmtId", -1)] = format_shows_date(a.get("formatCode"));
      } else if (name == "xf" && parent == "cellXfs") {
        if (cell_formats.size() >= kMaxStyles) fail_not_xlsx();
        cell_formats.push_back(a.get_int("numFmtId", 0));
      }
    }
  } reader;
  read_xml(zip, part, reader);
  std::vector<bool> dates;
  for (const int id : reader.cell_formats) {
    const auto found = reader.custom.find(id);
    dates.push_back(found != reader.custom.end() ? found->second : (id >= 14 && id <= 22));
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

// "C7" gives column 2 (zero-based), or -1 if the reference names no column. A reference beyond
// kMaxColumns gives kMaxColumns: its column is refused only if the cell holds a value.
int column_of(std::string_view reference) {
  int column = 0;
  std::size_t i = 0;
  for (; i < reference.size(); ++i) {
    const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(reference[i])));
    if (c < 'A' || c > 'Z') break;
    column = std::min(column * 26 + (c - 'A' + 1), static_cast<int>(kMaxColumns) + 1);
  }
  return i == 0 ? -1 : column - 1;
}

// The shared strings, kept once each and named by index from the cells (a cell gets its own
// copy only once it is checked against kMaxCellCharacters). A string too long for any cell is
// kept as a mark only. The memory they take (the capacity of their buffers) is counted against
// kMaxTableBytes before it is allocated.
class SharedStrings : public XmlHandler {
 public:
  explicit SharedStrings(bounds::TableBuilder& table) : table_(table) {}

  std::string_view at(std::size_t index, int line) const {
    if (index >= items_.size()) fail_not_xlsx();
    const Item& item = items_[index];
    if (item.size == kTooLong) bounds::fail_cell_too_long(line);
    return std::string_view(text_).substr(item.start, item.size);
  }

  // <sst><si> holds a <t>, or rich text runs <r> with a <t> each; phonetic guides (<rPh>) are
  // left out.
  void start(std::string_view name, std::string_view parent, const Attributes&) override {
    if (name == "si" && parent == "sst") {
      current_.clear();
      too_long_ = false;
    } else if (name == "t" && (parent == "si" || parent == "r")) {
      in_text_ = true;
    }
  }
  void text(std::string_view chars) override {
    if (!in_text_ || too_long_) return;
    current_ += chars;
    if (current_.size() > 4 * kMaxCellCharacters) too_long_ = true;  // 4 bytes a character at most
  }
  void end(std::string_view name) override {
    if (name == "t") {
      in_text_ = false;
    } else if (name == "si") {
      const std::string decoded = too_long_ ? std::string() : decode_escapes(current_);
      grow(items_, items_.size() + 1, sizeof(Item));
      if (too_long_ || !bounds::fits_in_cell(decoded)) {
        items_.push_back({0, kTooLong});
      } else {
        grow(text_, text_.size() + decoded.size(), 1);
        items_.push_back({static_cast<std::uint32_t>(text_.size()), static_cast<std::uint32_t>(decoded.size())});
        text_ += decoded;  // under kMaxEntryBytes, so offsets fit in 32 bits
      }
      current_.clear();
    }
  }

 private:
  // Makes room for `size` elements, doubling the capacity, and counts the growth before it is
  // allocated: while a buffer moves, the old one is held too (the peak is 1.5 times the count).
  template <typename Buffer>
  void grow(Buffer& buffer, std::size_t size, std::size_t element_bytes) {
    if (size <= buffer.capacity()) return;
    const std::size_t capacity = std::max({size, 2 * buffer.capacity(), std::size_t{1024}});
    table_.keep((capacity - buffer.capacity()) * element_bytes);
    buffer.reserve(capacity);
  }

  struct Item {
    std::uint32_t start;
    std::uint32_t size;  // kTooLong: longer than any cell may be
  };
  static constexpr std::uint32_t kTooLong = 0xFFFFFFFF;
  bounds::TableBuilder& table_;
  std::string text_;  // every string, one after the other
  std::vector<Item> items_;
  std::string current_;
  bool in_text_ = false;
  bool too_long_ = false;
};

struct Workbook {
  std::vector<bool> date_styles;
  bool system_1904 = false;
};

// The rows of a worksheet, each cell placed in the column its reference names.
class Sheet : public XmlHandler {
 public:
  Sheet(const Workbook& book, const SharedStrings& strings, bounds::TableBuilder& table)
      : book_(book), strings_(strings), table_(table) {}

  bool has_data() const { return has_data_; }

  void start(std::string_view name, std::string_view parent, const Attributes& a) override {
    if (name == "sheetData") {
      has_data_ = true;
    } else if (name == "row" && parent == "sheetData") {
      row_number_ = a.get_int("r", row_number_ + 1);
      column_ = -1;
      cells_.clear();
    } else if (name == "c" && parent == "row") {
      const int named = column_of(a.get("r"));
      column_ = named >= 0 ? named : std::min(column_ + 1, static_cast<int>(kMaxColumns));
      type_ = a.get("t");
      style_ = a.get_int("s", 0);
      value_.clear();
      inline_.clear();
    } else if (name == "v" && parent == "c") {
      text_ = &value_;
    } else if (name == "t" && (parent == "is" || parent == "r")) {
      text_ = &inline_;  // an inline string: its <t>, or the <t> of each run of <is>
    }
  }

  void text(std::string_view chars) override {
    if (text_ == nullptr) return;
    *text_ += chars;
    if (text_->size() > 4 * kMaxCellCharacters) bounds::fail_cell_too_long(row_number_);  // 4 bytes a character at most
  }

  void end(std::string_view name) override {
    if (name == "v" || name == "t") {
      text_ = nullptr;
    } else if (name == "c") {
      place(cell_value());
    } else if (name == "row") {
      if (!cells_.empty()) table_.add(std::move(cells_), row_number_);
      cells_ = {};
    }
  }

 private:
  void place(std::string value) {
    const std::string_view trimmed = trim(value);
    if (trimmed.empty()) return;
    bounds::check_column(static_cast<std::size_t>(column_), row_number_);
    bounds::check_cell(trimmed, row_number_);
    if (cells_.size() <= static_cast<std::size_t>(column_))
      cells_.resize(static_cast<std::size_t>(column_) + 1);
    cells_[static_cast<std::size_t>(column_)] = trimmed;
  }

  std::string cell_value() const {
    if (type_ == "inlineStr") return decode_escapes(inline_);
    if (type_ == "s") {
      const auto index = parse_number(trim(value_));
      if (!index || *index < 0 || *index >= 4294967296.0) fail_not_xlsx();
      return std::string(strings_.at(static_cast<std::size_t>(*index), row_number_));
    }
    if (type_ == "b") return trim(value_) == "1" ? "TRUE" : "FALSE";
    if (type_ == "str" || type_ == "e") return decode_escapes(value_);
    if (type_ == "d") return value_.substr(0, std::min<std::size_t>(value_.size(), 10));
    // A number.
    const std::string_view number = trim(value_);
    if (number.empty()) return {};
    if (style_ >= 0 && static_cast<std::size_t>(style_) < book_.date_styles.size() &&
        book_.date_styles[static_cast<std::size_t>(style_)]) {
      if (const auto serial = parse_number(number))
        if (auto date = serial_date(*serial, book_.system_1904)) return *date;
    }
    return number_text(number);
  }

  const Workbook& book_;
  const SharedStrings& strings_;
  bounds::TableBuilder& table_;
  bool has_data_ = false;
  int row_number_ = 0;
  int column_ = -1;
  std::vector<std::string> cells_;
  // The cell being read.
  std::string type_;
  int style_ = 0;
  std::string value_;   // its <v>
  std::string inline_;  // its inline string
  std::string* text_ = nullptr;  // where the text read goes, if anywhere
};

}  // namespace

Table read_xlsx(std::string_view bytes) {
  Zip zip(bytes);

  std::string workbook_part = "xl/workbook.xml";
  for (const auto& [id, relationship] : read_relationships(zip, ""))
    if (type_is(relationship, "officeDocument")) workbook_part = relationship.target;

  // The workbook: its date system and its first sheet's relationship id.
  struct WorkbookReader : XmlHandler {
    bool system_1904 = false;
    bool has_sheet = false;
    std::string first_sheet;
    void start(std::string_view name, std::string_view parent, const Attributes& a) override {
      if (name == "workbookPr") {
        const std::string_view date1904 = a.get("date1904");
        system_1904 = date1904 == "1" || date1904 == "true";
      } else if (name == "sheet" && parent == "sheets" && !has_sheet) {
        has_sheet = true;
        first_sheet = a.get("id");
      }
    }
  } workbook;
  if (!read_xml(zip, workbook_part, workbook) || !workbook.has_sheet) fail_not_xlsx();

  Workbook book;
  book.system_1904 = workbook.system_1904;
  bounds::TableBuilder table;
  SharedStrings strings(table);
  const auto relationships = read_relationships(zip, workbook_part);
  const auto found = relationships.find(std::string_view(workbook.first_sheet));
  if (found == relationships.end()) fail_not_xlsx();
  for (const auto& [id, relationship] : relationships) {
    if (type_is(relationship, "sharedStrings")) {
      read_xml(zip, relationship.target, strings);
    } else if (type_is(relationship, "styles")) {
      book.date_styles = read_date_styles(zip, relationship.target);
    }
  }

  Sheet sheet(book, strings, table);
  if (!read_xml(zip, found->second.target, sheet) || !sheet.has_data()) fail_not_xlsx();
  return std::move(table).finish();
}

}  // namespace hms::formats
