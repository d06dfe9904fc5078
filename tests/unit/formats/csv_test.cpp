// Reading CSV: BOM, separator detection, RFC 4180 quotes, embedded newlines and the line
// numbers after them, blank lines, CRLF, invalid UTF-8 and unclosed quotes with their line.
// Bounds (FormatsCsvBounds): rows, columns, the characters of a cell and the bytes kept.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/error.hpp"
#include "formats/table.hpp"

namespace hms::formats {
namespace {

using Cells = std::vector<std::string>;
using Rows = std::vector<Cells>;
using Lines = std::vector<int>;

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

std::string line_param(const DomainError& e) {
  const auto found = e.params().find("line");
  return found == e.params().end() ? "<none>" : found->second;
}

TEST(FormatsCsvRead, BomSemicolonsCrlf) {
  const Table t = read_csv(
      "\xEF\xBB\xBF"
      "Référence;Loyer;Début\r\nAIS-1;745,50;2026-11-29\r\nAIS-2;1.234,56;\r\n");
  EXPECT_EQ(t.header, (Cells{"Référence", "Loyer", "Début"}));
  EXPECT_EQ(t.rows, (Rows{{"AIS-1", "745,50", "2026-11-29"}, {"AIS-2", "1.234,56", ""}}));
  EXPECT_EQ(t.lines, (Lines{2, 3}));
}

TEST(FormatsCsvRead, CommaDetectedFromTheHeader) {
  const Table t = read_csv("Ref,Rent,Note\nA1,745.50,a;b\n");
  EXPECT_EQ(t.header, (Cells{"Ref", "Rent", "Note"}));
  EXPECT_EQ(t.rows, (Rows{{"A1", "745.50", "a;b"}}));
}

TEST(FormatsCsvRead, SeparatorsInsideQuotesDoNotCount) {
  // One ';' outside quotes against two ',' inside them: ';'.
  const Table t = read_csv("\"a,b,c\";d\n1;2\n");
  EXPECT_EQ(t.header, (Cells{"a,b,c", "d"}));
  // Two ',' outside quotes against three ';' inside: ','.
  const Table u = read_csv("\"x;y;z;\",b,c\n1,2,3\n");
  EXPECT_EQ(u.header, (Cells{"x;y;z;", "b", "c"}));
  EXPECT_EQ(u.rows, (Rows{{"1", "2", "3"}}));
}

TEST(FormatsCsvRead, SemicolonWinsATie) {
  const Table t = read_csv("a;b,c\n1;2,3\n");
  EXPECT_EQ(t.header, (Cells{"a", "b,c"}));
  EXPECT_EQ(t.rows, (Rows{{"1", "2,3"}}));
  const Table single = read_csv("name\nAIS Ixelles, Elsene\n");  // 1 ',' against 0 in header
  EXPECT_EQ(single.rows, (Rows{{"AIS Ixelles, Elsene"}}));
}

TEST(FormatsCsvRead, QuotesHoldSeparatorsAndDoubledQuotes) {
  const Table t = read_csv("Ref;Street;Note\nA1;\"Rue de la Loi; 16\";\"say \"\"hi\"\"\"\n");
  EXPECT_EQ(t.rows, (Rows{{"A1", "Rue de la Loi; 16", "say \"hi\""}}));
}

TEST(FormatsCsvRead, EmbeddedNewlinesKeepLaterLineNumbers) {
  const Table t = read_csv(
      "Ref;Note\r\n"
      "A1;\"line one\r\nline two\r\nline three\"\r\n"  // lines 2-4
      "A2;x\r\n"                                       // line 5
      "\r\n"                                           // line 6
      "A3;\"\"\r\n");                                  // line 7
  EXPECT_EQ(t.rows, (Rows{{"A1", "line one\nline two\nline three"}, {"A2", "x"}, {"A3", ""}}));
  EXPECT_EQ(t.lines, (Lines{2, 5, 7}));
}

TEST(FormatsCsvRead, BlankLinesAreSkippedButCounted) {
  const Table t = read_csv("\n\nRef;X\n\n  \t\n;;\nA;1\n\n");
  EXPECT_EQ(t.header, (Cells{"Ref", "X"}));
  EXPECT_EQ(t.rows, (Rows{{"A", "1"}}));
  EXPECT_EQ(t.lines, (Lines{7}));
}

TEST(FormatsCsvRead, CellsTrimmedRowsKeptAsRead) {
  const Table t = read_csv(" Ref ; X \r\n  A1 ; \"  quoted \" \r\nA2\r\nA3;1;2;3\r\nA4;");
  EXPECT_EQ(t.header, (Cells{"Ref", "X"}));
  EXPECT_EQ(t.rows, (Rows{{"A1", "quoted"}, {"A2"}, {"A3", "1", "2", "3"}, {"A4", ""}}));
  EXPECT_EQ(t.lines, (Lines{2, 3, 4, 5}));
}

TEST(FormatsCsvRead, HeaderOnly) {
  const Table t = read_csv("Ref;X\r\n");
  EXPECT_EQ(t.header, (Cells{"Ref", "X"}));
  EXPECT_TRUE(t.rows.empty());
  EXPECT_TRUE(t.lines.empty());
}

TEST(FormatsCsvRead, InvalidUtf8GivesItsLine) {
  const auto e = error_of([] { read_csv("Ref;X\nA;1\nB;caf\xE9\n"); });  // Latin-1 é
  EXPECT_EQ(e.code(), "import.not_utf8");
  EXPECT_EQ(e.kind(), ErrorKind::validation);
  EXPECT_EQ(line_param(e), "3");
  const auto first = error_of([] {
    read_csv(
        "\xEF\xBB\xBF"
        "R\xC0\xAF;X\n");  // overlong '/'
  });
  EXPECT_EQ(first.code(), "import.not_utf8");
  EXPECT_EQ(line_param(first), "1");
  // A UTF-16 file is not UTF-8.
  EXPECT_EQ(error_of([] { read_csv(std::string("\xFF\xFER\0e\0f\0", 8)); }).code(),
            "import.not_utf8");
}

TEST(FormatsCsvRead, UnclosedQuoteGivesTheLineWhereItOpened) {
  const auto e = error_of([] { read_csv("Ref;X\nA;1\nB;\"open\nmore\nstill\n"); });
  EXPECT_EQ(e.code(), "import.unclosed_quote");
  EXPECT_EQ(line_param(e), "3");
}

TEST(FormatsCsvRead, EmptyFile) {
  EXPECT_EQ(error_of([] { read_csv(""); }).code(), "import.empty_file");
  EXPECT_EQ(error_of([] { read_csv("\xEF\xBB\xBF"); }).code(), "import.empty_file");
  EXPECT_EQ(error_of([] { read_csv("\xEF\xBB\xBF\r\n  \r\n;;;\r\n"); }).code(),
            "import.empty_file");
}

// ---- Bounds (issue 8, B1): the limits of table.hpp, as for XLSX -------------------------

std::string param_of(const DomainError& e, const std::string& name) {
  const auto found = e.params().find(name);
  return found == e.params().end() ? "<none>" : found->second;
}

std::string repeat(const std::string& text, std::size_t times) {
  std::string out;
  out.reserve(text.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += text;
  return out;
}

TEST(FormatsCsvBounds, MoreThan100000RowsAreRefused) {
  EXPECT_EQ(read_csv("Ref\n" + repeat("x\n;\n", 100'000)).rows.size(), 100'000u) << "blank lines are not counted";
  const auto e = error_of([] { read_csv("Ref\n" + repeat("x\n", 100'001)); });
  EXPECT_EQ(e.code(), "import.too_many_rows");
  EXPECT_EQ(param_of(e, "max"), "100000");
}

TEST(FormatsCsvBounds, AValueBeyondColumn200IsRefused) {
  // 200 values are read; trailing empty cells beyond them (a spreadsheet's formatted columns)
  // are dropped; a 201st value is refused with its line.
  const std::string two_hundred = repeat("v;", 199) + "v";
  const Table t = read_csv("Ref\n" + two_hundred + repeat(";", 5'000) + "\n");
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].size(), 200u);
  const auto e = error_of([&] { read_csv("Ref\n\n" + two_hundred + ";;v\n"); });
  EXPECT_EQ(e.code(), "import.too_many_columns");
  EXPECT_EQ(param_of(e, "max"), "200");
  EXPECT_EQ(param_of(e, "line"), "3");
}

TEST(FormatsCsvBounds, ACellOfMoreThan32767CharactersIsRefused) {
  const auto e = error_of([] { read_csv("Ref;Note\nA;\"" + std::string(32'768, 'x') + "\"\n"); });
  EXPECT_EQ(e.code(), "import.cell_too_long");
  EXPECT_EQ(param_of(e, "max"), "32767");
  EXPECT_EQ(param_of(e, "line"), "2");
  EXPECT_EQ(read_csv("Ref;Note\nA;" + repeat("é", 32'767) + "\n").rows[0][1].size(), 65'534u)
      << "characters are counted, not bytes";
}

TEST(FormatsCsvBounds, ATableBeyond64MegabytesInMemoryIsRefused) {
  // 24 MB of one-letter cells: 12 million of them, 32 bytes each once read.
  const auto e = error_of([] { read_csv("Ref\n" + repeat(repeat("x;", 199) + "x\n", 60'000)); });
  EXPECT_EQ(e.code(), "import.file_too_big_unpacked");
  EXPECT_EQ(param_of(e, "max"), "64");
}

}  // namespace
}  // namespace hms::formats
