// Reading CSV: BOM, separator detection, RFC 4180 quotes, embedded newlines and the line
// numbers after them, blank lines, CRLF, invalid UTF-8 and unclosed quotes with their line.
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

}  // namespace
}  // namespace hms::formats
