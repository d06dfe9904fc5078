// XLSX: write_xlsx then read_xlsx round trips (text never a formula, money as numbers read back
// as "745.5", dates back to ISO), the written package itself (bold frozen header, formats),
// hand-made workbooks (inline and shared strings, skipped columns, relationships followed,
// date styles, booleans, formulas, namespace prefixes), refused inputs and read_table; hostile
// workbooks (FormatsXlsxBounds): a few kB that unpack to gigabytes, name a 1 MiB shared string
// from every cell, or place a cell in column XFD are refused with the limit reached.
#include <gtest/gtest.h>
#include <minizip/unzip.h>
#include <minizip/zip.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "common/error.hpp"
#include "formats/table.hpp"

namespace hms::formats {
namespace {

using Kind = Column::Kind;
using Cells = std::vector<std::string>;
using Rows = std::vector<Cells>;
using Lines = std::vector<int>;
using Parts = std::vector<std::pair<std::string, std::string>>;

template <typename F>
DomainError error_of(F&& f) {
  try {
    f();
  } catch (const DomainError& e) {
    return e;
  }
  ADD_FAILURE() << "no DomainError thrown";
  return DomainError(ErrorKind::validation, "none");
}

class TempPath {
 public:
  TempPath() {
    path_ = (std::filesystem::temp_directory_path() / "hms-formats-test-XXXXXX").string();
    const int fd = mkstemp(path_.data());
    if (fd >= 0) close(fd);
  }
  ~TempPath() { std::filesystem::remove(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A zip of the given parts, deflated, as libreoffice or Excel would write it.
std::string make_zip(const Parts& parts) {
  TempPath file;
  zipFile zip = zipOpen64(file.path().c_str(), APPEND_STATUS_CREATE);
  EXPECT_NE(zip, nullptr);
  for (const auto& [name, content] : parts) {
    zip_fileinfo info{};
    EXPECT_EQ(zipOpenNewFileInZip64(zip, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr,
                                    Z_DEFLATED, Z_DEFAULT_COMPRESSION, 0),
              ZIP_OK);
    EXPECT_EQ(zipWriteInFileInZip(zip, content.data(), static_cast<unsigned>(content.size())),
              ZIP_OK);
    EXPECT_EQ(zipCloseFileInZip(zip), ZIP_OK);
  }
  EXPECT_EQ(zipClose(zip, nullptr), ZIP_OK);
  return read_file(file.path());
}

// One part of a package, or "<absent>".
std::string read_part(const std::string& package, const std::string& name) {
  TempPath file;
  std::ofstream(file.path(), std::ios::binary) << package;
  unzFile zip = unzOpen64(file.path().c_str());
  if (zip == nullptr) return "<not a zip>";
  std::string content = "<absent>";
  if (unzLocateFile(zip, name.c_str(), 1) == UNZ_OK && unzOpenCurrentFile(zip) == UNZ_OK) {
    content.clear();
    char buffer[4096];
    int count = 0;
    while ((count = unzReadCurrentFile(zip, buffer, sizeof buffer)) > 0)
      content.append(buffer, static_cast<std::size_t>(count));
    unzCloseCurrentFile(zip);
  }
  unzClose(zip);
  return content;
}

const std::string kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
</Types>)";

const std::string kRootRels =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>)";

std::string workbook_rels(const std::string& first_sheet_target) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/other.xml"/>
<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target=")" +
         first_sheet_target + R"("/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="http://example.org/" TargetMode="External"/>
</Relationships>)";
}

// The first sheet (in <sheets> order) is "Données", rId7; its part is not sheet1.xml.
const std::string kWorkbook =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Données" sheetId="2" r:id="rId7"/><sheet name="Other" sheetId="1" r:id="rId1"/></sheets>
</workbook>)";

const std::string kSharedStrings =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">
<si><t>Référence</t></si>
<si><r><rPr><b/></rPr><t xml:space="preserve">Rue </t></r><r><t>de la Loi</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>
<si><t>a_x000D_b &amp; c_x005F_x0041_</t></si>
</sst>)";

// Cell styles: 0 General, 1 built-in date 14, 2 custom dd/mm/yyyy, 3 custom time h:mm,
// 4 custom number whose quoted "d" is not a date code, 5 custom [$-80C]d mmmm yyyy.
const std::string kStyles =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="4"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="h:mm"/><numFmt numFmtId="166" formatCode="#,##0.00\ &quot;d&quot;"/><numFmt numFmtId="167" formatCode="[$-80C]d\ mmmm\ yyyy"/></numFmts>
<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="167"/></cellXfs>
</styleSheet>)";

const std::string kSheet =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Loyer</t></is></c><c r="C1" t="inlineStr"><is><t>Début</t></is></c><c r="D1" t="inlineStr"><is><t> Actif </t></is></c><c r="E1" t="s"><v>1</v></c></row>
<row r="2"/>
<row r="3"><c r="A3" t="inlineStr"><is><t xml:space="preserve"> AIS-1 </t></is></c><c r="C3" s="1"><v>46355</v></c><c r="D3" t="b"><v>1</v></c><c r="E3" t="s"><v>1</v></c></row>
<row r="4"><c r="A4" s="2"/><c r="B4" t="inlineStr"><is><t></t></is></c></row>
<row r="5"><c r="B5"><v>745.5</v></c><c r="C5" s="2"><v>46355.75</v></c><c r="D5" t="b"><v>0</v></c><c r="F5"><f>1+1</f><v>2</v></c><c r="G5" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="H5" s="3"><v>0.5</v></c><c r="I5" s="4"><v>3.0</v></c><c r="J5"><v>0.30000000000000004</v></c><c r="K5" t="e"><v>#N/A</v></c><c r="L5" s="5"><v>45000</v></c><c r="M5" s="2"/></row>
<row r="6"><c><v>1</v></c><c><v>-2.50</v></c><c r="E6" t="s"><v>2</v></c><c><v>1E3</v></c></row>
<row r="9" spans="1:3"><c r="AB9" t="inlineStr"><is><r><t>x</t></r><r><t>y</t></r></is></c></row>
</sheetData>
</worksheet>)";

const std::string kOtherSheet =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>wrong sheet</t></is></c></row>
</sheetData></worksheet>)";

Parts hand_made_parts(const std::string& sheet_target = "/xl/worksheets/data.xml") {
  return {{"[Content_Types].xml", kContentTypes},
          {"_rels/.rels", kRootRels},
          {"xl/workbook.xml", kWorkbook},
          {"xl/_rels/workbook.xml.rels", workbook_rels(sheet_target)},
          {"xl/sharedStrings.xml", kSharedStrings},
          {"xl/styles.xml", kStyles},
          {"xl/worksheets/other.xml", kOtherSheet},
          {"xl/worksheets/data.xml", kSheet}};
}

TEST(FormatsXlsxRead, HandMadeWorkbook) {
  const Table t = read_xlsx(make_zip(hand_made_parts()));
  EXPECT_EQ(t.header, (Cells{"Référence", "Loyer", "Début", "Actif", "Rue de la Loi"}));
  ASSERT_EQ(t.rows.size(), 4u);
  // Row 3: B3 skipped, C3 a date in built-in format 14, a boolean, a shared rich string.
  EXPECT_EQ(t.rows[0], (Cells{"AIS-1", "", "2026-11-29", "TRUE", "Rue de la Loi"}));
  // Row 4 holds only empty cells: skipped. Row 5: a number, a date-time in a custom date
  // format, formulas' cached values, a time (not a date), 3.0 as "3", binary noise dropped,
  // an error value, a long custom date format; the trailing empty M5 dropped.
  EXPECT_EQ(t.rows[1], (Cells{"", "745.5", "2026-11-29", "FALSE", "", "2", "ab", "0.5", "3", "0.3",
                              "#N/A", "2023-03-15"}));
  // Row 6: cells without references follow each other; _xHHHH_ escapes decoded.
  EXPECT_EQ(t.rows[2], (Cells{"1", "-2.5", "", "", "a\rb & c_x0041_", "1000"}));
  // Row 9: column AB is the 28th.
  ASSERT_EQ(t.rows[3].size(), 28u);
  EXPECT_EQ(t.rows[3][27], "xy");
  EXPECT_EQ(t.lines, (Lines{3, 5, 6, 9}));
}

TEST(FormatsXlsxRead, RelativeTargetAndPrefixedNamespace) {
  auto parts = hand_made_parts("worksheets/./data.xml");
  parts.back().second =
      R"(<?xml version="1.0" encoding="UTF-8"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
<x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>Nom</x:t></x:is></x:c></x:row>
<x:row r="4"><x:c r="B4" t="s"><x:v>0</x:v></x:c></x:row>
</x:sheetData></x:worksheet>)";
  const Table t = read_xlsx(make_zip(parts));
  EXPECT_EQ(t.header, (Cells{"", "Nom"}));
  EXPECT_EQ(t.rows, (Rows{{"", "Référence"}}));
  EXPECT_EQ(t.lines, (Lines{4}));
}

TEST(FormatsXlsxRead, WithoutStylesOrSharedStrings) {
  const std::string workbook_rels_only_sheet =
      R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
</Relationships>)";
  const std::string workbook =
      R"(<workbook xmlns:r="r"><workbookPr date1904="1"/><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>)";
  const std::string sheet =
      R"(<worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>n</t></is></c></row><row r="2"><c s="1"><v>46355</v></c></row></sheetData></worksheet>)";
  const Table t = read_xlsx(make_zip({{"xl/workbook.xml", workbook},
                                      {"xl/_rels/workbook.xml.rels", workbook_rels_only_sheet},
                                      {"xl/worksheets/sheet1.xml", sheet}}));
  EXPECT_EQ(t.header, (Cells{"n"}));
  EXPECT_EQ(t.rows, (Rows{{"46355"}}));  // no styles part: a plain number
}

TEST(FormatsXlsxRead, Date1904System) {
  auto parts = hand_made_parts();
  parts[2].second =
      R"(<workbook xmlns:r="r"><workbookPr date1904="true"/><sheets><sheet name="S" sheetId="1" r:id="rId7"/></sheets></workbook>)";
  const Table t = read_xlsx(make_zip(parts));
  ASSERT_FALSE(t.rows.empty());
  EXPECT_EQ(t.rows[0][2], "2030-11-30");  // 46355 days after 1904-01-01
}

TEST(FormatsXlsxRead, RefusedInputs) {
  EXPECT_EQ(error_of([] { read_xlsx("Ref;Loyer\r\n"); }).code(), "import.not_xlsx");
  EXPECT_EQ(error_of([] { read_xlsx(""); }).code(), "import.not_xlsx");
  // A zip, but no workbook.
  EXPECT_EQ(error_of([] {
              read_xlsx(make_zip({{"hello.txt", "hello"}}));
            }).code(),
            "import.not_xlsx");
  // A workbook whose first sheet's part is missing.
  auto parts = hand_made_parts();
  parts.pop_back();
  EXPECT_EQ(error_of([&] { read_xlsx(make_zip(parts)); }).code(), "import.not_xlsx");
  // A sheet that is not XML.
  parts = hand_made_parts();
  parts.back().second = "<worksheet><sheetData><row>";
  EXPECT_EQ(error_of([&] { read_xlsx(make_zip(parts)); }).code(), "import.not_xlsx");
  // A shared string index out of range.
  parts = hand_made_parts();
  parts.back().second =
      R"(<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>99</v></c></row></sheetData></worksheet>)";
  EXPECT_EQ(error_of([&] { read_xlsx(make_zip(parts)); }).code(), "import.not_xlsx");
  // A truncated zip.
  const std::string whole = make_zip(hand_made_parts());
  EXPECT_EQ(error_of([&] { read_xlsx(whole.substr(0, whole.size() / 2)); }).code(),
            "import.not_xlsx");
  // A sheet without any cell.
  parts = hand_made_parts();
  parts.back().second = R"(<worksheet><sheetData><row r="1"/></sheetData></worksheet>)";
  EXPECT_EQ(error_of([&] { read_xlsx(make_zip(parts)); }).code(), "import.empty_file");
}

// ---- Hostile workbooks (issue 8, B1): each small file used to take the server's memory ----

std::string param_of(const DomainError& e, const std::string& name) {
  const auto found = e.params().find(name);
  return found == e.params().end() ? "<none>" : found->second;
}

// A sheet of the hand-made package made of `rows` (the <row> elements), and shared strings.
std::string bomb(const std::string& rows, const std::string& shared_strings = kSharedStrings) {
  auto parts = hand_made_parts();
  parts[4].second = shared_strings;
  parts.back().second = R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
                        rows + "</sheetData></worksheet>";
  return make_zip(parts);
}

std::string repeat(const std::string& text, std::size_t times) {
  std::string out;
  out.reserve(text.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += text;
  return out;
}

std::string one_shared_string(std::size_t characters) {
  return R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>)" +
         std::string(characters, 'x') + "</t></si></sst>";
}

TEST(FormatsXlsxBounds, CellsNamingAOneMebibyteSharedStringAreRefusedAtTheFirst) {
  // 4 kB: one shared string of 1 MiB named by 20,000 cells (20 GB once copied per cell).
  const std::string file =
      bomb(repeat(R"(<row><c t="s"><v>0</v></c><c t="s"><v>0</v></c></row>)", 10'000), one_shared_string(1u << 20));
  EXPECT_LT(file.size(), 8u * 1024);
  const auto e = error_of([&] { read_xlsx(file); });
  EXPECT_EQ(e.code(), "import.cell_too_long");
  EXPECT_EQ(param_of(e, "max"), "32767");
  EXPECT_EQ(param_of(e, "line"), "1");
}

TEST(FormatsXlsxBounds, CellsNamingALongSharedStringStopAtTheTableBudget) {
  // Each cell within the limit (30,000 characters), 20,000 of them: 600 MB once copied.
  const std::string file =
      bomb(repeat(R"(<row><c t="s"><v>0</v></c></row>)", 20'000), one_shared_string(30'000));
  const auto e = error_of([&] { read_xlsx(file); });
  EXPECT_EQ(e.code(), "import.file_too_big_unpacked");
  EXPECT_EQ(param_of(e, "max"), "64");
  // The same string in a handful of cells is read.
  const Table t = read_xlsx(bomb(repeat(R"(<row><c t="s"><v>0</v></c></row>)", 3), one_shared_string(30'000)));
  EXPECT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[1][0].size(), 30'000u);
}

TEST(FormatsXlsxBounds, AValueBeyondColumn200IsRefusedWithoutAllocatingToXfd) {
  // A value in column XFD (16,384) on each of 50,000 rows: 26 GB of empty cells once placed.
  const std::string file = bomb(repeat(R"(<row><c r="XFD1"><v>1</v></c></row>)", 50'000));
  const auto e = error_of([&] { read_xlsx(file); });
  EXPECT_EQ(e.code(), "import.too_many_columns");
  EXPECT_EQ(param_of(e, "max"), "200");
  EXPECT_EQ(param_of(e, "line"), "1");
  // Column GR (200) is the last allowed; GS (201) is refused, as is the 201st cell counted
  // without references; an empty cell beyond is ignored (a formatted cell holds no value).
  EXPECT_EQ(read_xlsx(bomb(R"(<row r="4"><c r="GR4"><v>1</v></c><c r="XFD4" s="1"/></row>)")).header.size(), 200u);
  EXPECT_EQ(error_of([&] { read_xlsx(bomb(R"(<row r="4"><c r="GS4"><v>1</v></c></row>)")); }).code(),
            "import.too_many_columns");
  const auto unnamed = error_of([&] { read_xlsx(bomb("<row r=\"7\">" + repeat("<c><v>1</v></c>", 201) + "</row>")); });
  EXPECT_EQ(unnamed.code(), "import.too_many_columns");
  EXPECT_EQ(param_of(unnamed, "line"), "7");
}

TEST(FormatsXlsxBounds, MoreThan100000RowsAreRefused) {
  const std::string row = R"(<row><c t="inlineStr"><is><t>x</t></is></c></row>)";
  EXPECT_EQ(read_xlsx(bomb(repeat(row, 100'001))).rows.size(), 100'000u) << "the header and 100,000 rows";
  const auto e = error_of([&] { read_xlsx(bomb(repeat(row, 100'002))); });
  EXPECT_EQ(e.code(), "import.too_many_rows");
  EXPECT_EQ(param_of(e, "max"), "100000");
}

TEST(FormatsXlsxBounds, AnInlineCellLongerThanExcelAllowsIsRefused) {
  const std::string cell = R"(<row r="3"><c t="inlineStr"><is><t>)" + std::string(32'768, 'x') + "</t></is></c></row>";
  const auto e = error_of([&] { read_xlsx(bomb(cell)); });
  EXPECT_EQ(e.code(), "import.cell_too_long");
  EXPECT_EQ(param_of(e, "line"), "3");
  // Characters, not bytes: 32,767 'é' (two bytes each) fit.
  std::string accents;
  for (int i = 0; i < 32'767; ++i) accents += "é";
  EXPECT_EQ(read_xlsx(bomb(R"(<row><c t="inlineStr"><is><t>)" + accents + "</t></is></c></row>")).header[0], accents);
}

TEST(FormatsXlsxBounds, APartUnpackingBeyond100MegabytesIsRefusedWhileInflating) {
  // 101 MiB of blanks inside a valid sheet: 100 kB zipped. Counted as it is inflated.
  auto parts = hand_made_parts();
  parts.back().second = "<worksheet><sheetData>" + std::string(101u << 20, ' ') + "</sheetData></worksheet>";
  const std::string file = make_zip(parts);
  parts.back().second.clear();
  EXPECT_LT(file.size(), 1024u * 1024);
  const auto e = error_of([&] { read_xlsx(file); });
  EXPECT_EQ(e.code(), "import.file_too_big_unpacked");
  EXPECT_EQ(param_of(e, "max"), "100");
}

TEST(FormatsXlsxBounds, PartsUnpackingBeyond200MegabytesInAllAreRefused) {
  // Three parts of 90 MiB each, every one under the limit of a part.
  auto parts = hand_made_parts();
  const std::string blanks(90u << 20, ' ');
  parts[4].second = R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)" + blanks + "</sst>";
  parts[5].second = R"(<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)" + blanks + "</styleSheet>";
  parts.back().second = "<worksheet><sheetData>" + blanks + "</sheetData></worksheet>";
  const auto e = error_of([&] { read_xlsx(make_zip(parts)); });
  EXPECT_EQ(e.code(), "import.file_too_big_unpacked");
  EXPECT_EQ(param_of(e, "max"), "200");
}

TEST(FormatsXlsxBounds, ADtdAndOverlongConstructsAreRefused) {
  // Billion laughs: entities that multiply. OOXML allows no DTD at all.
  auto parts = hand_made_parts();
  parts.back().second =
      R"(<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>)"
      R"(<worksheet><sheetData><row><c t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>)";
  EXPECT_EQ(error_of([&] { read_xlsx(make_zip(parts)); }).code(), "import.not_xlsx");
  // A tag megabytes long is never a cell: refused before it is buffered whole.
  parts.back().second = R"(<worksheet><sheetData><row><c r=")" + std::string(4u << 20, 'A') +
                        R"("><v>1</v></c></row></sheetData></worksheet>)";
  EXPECT_EQ(error_of([&] { read_xlsx(make_zip(parts)); }).code(), "import.not_xlsx");
  // An undeclared entity is malformed XML.
  parts.back().second = R"(<worksheet><sheetData><row><c t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>)";
  EXPECT_EQ(error_of([&] { read_xlsx(make_zip(parts)); }).code(), "import.not_xlsx");
}

TEST(FormatsXlsxBounds, ManySmallSharedStringsCountAgainstTheTableBudget) {
  // 8.5 million empty strings (5 bytes of XML each): 42 MB of XML, whose index of 8 bytes an
  // entry grows past 64 MB; refused before that growth is allocated.
  const std::string strings =
      R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)" + repeat("<si/>", 8'500'000) + "</sst>";
  const auto e = error_of([&] { read_xlsx(bomb(R"(<row><c t="s"><v>0</v></c></row>)", strings)); });
  EXPECT_EQ(e.code(), "import.file_too_big_unpacked");
  EXPECT_EQ(param_of(e, "max"), "64");
}

const std::vector<Column> kColumns = {{"Référence", Kind::text},
                                      {"Loyer", Kind::money_cents},
                                      {"Pièces", Kind::integer},
                                      {"Début", Kind::date},
                                      {"Note", Kind::text}};

TEST(FormatsXlsxWrite, RoundTrip) {
  const Rows rows = {
      {"AIS-1", "74550", "3", "2026-11-29", "Rue de la Loi 16"},
      {"=1+1", "-5", "-2", "1900-03-01", "007"},
      {"AIS – Élsene", "100", "0", "", "two\nlines"},
      {"", "", "", "1850-06-01", "@x"},
      {"", "", "", "", ""},  // an empty row: skipped when read back
      {"last", "123456789"},
  };
  const std::string bytes = write_xlsx("Logements", kColumns, rows);
  ASSERT_GT(bytes.size(), 4u);
  EXPECT_EQ(bytes.substr(0, 2), "PK");
  const Table t = read_xlsx(bytes);
  EXPECT_EQ(t.header, (Cells{"Référence", "Loyer", "Pièces", "Début", "Note"}));
  // Money comes back as the number Excel holds: 745.5, not 745,50 or 74550; text that looks
  // like a formula or a number stays text.
  EXPECT_EQ(t.rows, (Rows{{"AIS-1", "745.5", "3", "2026-11-29", "Rue de la Loi 16"},
                          {"=1+1", "-0.05", "-2", "1900-03-01", "007"},
                          {"AIS – Élsene", "1", "0", "", "two\nlines"},
                          {"", "", "", "1850-06-01", "@x"},
                          {"last", "1234567.89"}}));
  EXPECT_EQ(t.lines, (Lines{2, 3, 4, 5, 7}));
}

TEST(FormatsXlsxWrite, PackageHasBoldFrozenHeaderAndFormats) {
  const std::string bytes = write_xlsx("Loyers: 2026/11 [draft]", kColumns,
                                       {{"AIS-1", "74550", "3", "2026-11-29", "=A1"}});
  const std::string workbook = read_part(bytes, "xl/workbook.xml");
  EXPECT_NE(workbook.find("name=\"Loyers_ 2026_11 _draft_\""), std::string::npos) << workbook;
  const std::string sheet = read_part(bytes, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("<pane ySplit=\"1\""), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("state=\"frozen\""), std::string::npos);
  EXPECT_NE(sheet.find("<cols>"), std::string::npos);
  EXPECT_EQ(sheet.find("<f>"), std::string::npos);  // "=A1" is a string, not a formula
  const std::string styles = read_part(bytes, "xl/styles.xml");
  EXPECT_NE(styles.find("<b/>"), std::string::npos);
  EXPECT_NE(styles.find("formatCode=\"#,##0.00\""), std::string::npos) << styles;
  EXPECT_NE(styles.find("formatCode=\"dd/mm/yyyy\""), std::string::npos);
}

TEST(FormatsXlsxWrite, LongSheetNameAndEmptyName) {
  const std::string long_name(40, 'x');
  EXPECT_NE(read_part(write_xlsx(long_name, kColumns, {}), "xl/workbook.xml")
                .find("name=\"" + std::string(31, 'x') + "\""),
            std::string::npos);
  const Table t = read_xlsx(write_xlsx("", kColumns, {}));
  EXPECT_EQ(t.header.size(), 5u);
  EXPECT_TRUE(t.rows.empty());
}

TEST(FormatsXlsxWrite, MalformedTypedCellsThrow) {
  EXPECT_THROW(write_xlsx("S", kColumns, {{"x", "745.50"}}), std::invalid_argument);
  EXPECT_THROW(write_xlsx("S", kColumns, {{"x", "1", "2", "2026-13-01"}}), std::invalid_argument);
}

TEST(FormatsXlsxWrite, ConcurrentExports) {
  constexpr int kThreads = 8;
  std::vector<std::string> results(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([i, &results] {
      Rows rows;
      for (int r = 0; r < 200; ++r)
        rows.push_back({"T" + std::to_string(i) + "-" + std::to_string(r),
                        std::to_string(i * 1000 + r), std::to_string(r), "2026-01-15", "x"});
      results[static_cast<std::size_t>(i)] = write_xlsx("S" + std::to_string(i), kColumns, rows);
    });
  }
  for (auto& thread : threads) thread.join();
  for (int i = 0; i < kThreads; ++i) {
    const Table t = read_xlsx(results[static_cast<std::size_t>(i)]);
    ASSERT_EQ(t.rows.size(), 200u);
    EXPECT_EQ(t.rows[7][0], "T" + std::to_string(i) + "-7");
    EXPECT_EQ(t.rows[199][3], "2026-01-15");
  }
}

TEST(FormatsTable, ReadTableDispatchesOnTheExtension) {
  EXPECT_EQ(read_table("Stock.CSV", "Ref;X\r\nA;1\r\n").rows, (Rows{{"A", "1"}}));
  const std::string xlsx = write_xlsx("S", {{"Ref"}}, {{"A"}});
  EXPECT_EQ(read_table("export 2026.11.XlSx", xlsx).rows, (Rows{{"A"}}));
  // The extension decides, not the content.
  EXPECT_EQ(error_of([&] { read_table("stock.csv.xlsx", "Ref;X\r\n"); }).code(), "import.not_xlsx");
  for (const char* name : {"stock.xls", "stock", "stock.csv.txt", ".xlsx.ods", ""}) {
    const auto e = error_of([&] { read_table(name, "Ref;X\r\n"); });
    EXPECT_EQ(e.code(), "import.unknown_format") << name;
    EXPECT_EQ(e.kind(), ErrorKind::validation);
    ASSERT_EQ(e.params().count("file"), 1u);
    EXPECT_EQ(e.params().at("file"), name);
  }
}

}  // namespace
}  // namespace hms::formats
