// Writing CSV: the exact bytes (BOM, ';', CRLF, decimal comma, quoting, the formula-injection
// prefix), cells holding ',' quoted, malformed cells refused, and read_csv reading back what
// write_csv wrote.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "formats/table.hpp"

namespace hms::formats {
namespace {

using Kind = Column::Kind;
using Rows = std::vector<std::vector<std::string>>;

const std::vector<Column> kColumns = {{"Référence", Kind::text},
                                      {"Loyer", Kind::money_cents},
                                      {"Pièces", Kind::integer},
                                      {"Début", Kind::date},
                                      {"Note", Kind::text}};

TEST(FormatsCsvWrite, ExactBytes) {
  const Rows rows = {
      {"AIS-1", "74550", "3", "2026-11-29", "Rue de la Loi; 16"},
      {"=HYPERLINK(\"http://x\")", "-5", "-2", "", "say \"hi\""},
      {"@SUM(A1)", "", "", "", "+32 2 123 45 67"},
      {"-1", "123456789", "0", "1999-01-01", "two\nlines"},
      {"\tTab", "0", "", "", "\rCR"},
      {"short"},
      {"long", "1", "2", "2026-01-01", "x", "ignored"},
  };
  const std::string expected =
      "\xEF\xBB\xBF"
      "Référence;Loyer;Pièces;Début;Note\r\n"
      "AIS-1;\"745,50\";3;2026-11-29;\"Rue de la Loi; 16\"\r\n"
      "\"'=HYPERLINK(\"\"http://x\"\")\";\"-0,05\";-2;;\"say \"\"hi\"\"\"\r\n"
      "'@SUM(A1);;;;'+32 2 123 45 67\r\n"
      "'-1;\"1234567,89\";0;1999-01-01;\"two\nlines\"\r\n"
      "'\tTab;\"0,00\";;;\"'\rCR\"\r\n"
      "short;;;;\r\n"
      "long;\"0,01\";2;2026-01-01;x\r\n";
  EXPECT_EQ(write_csv(kColumns, rows), expected);
}

TEST(FormatsCsvWrite, TitlesAreProtectedToo) {
  EXPECT_EQ(write_csv({{"=cmd", Kind::text}, {"a;b", Kind::money_cents}}, {}),
            "\xEF\xBB\xBF'=cmd;\"a;b\"\r\n");
}

// Issue 8, B8: a cell holding ',' is quoted, money included ("745,50"): a reader that takes ','
// as the separator (as read_csv does when a header has more ',' than ';') keeps every cell
// whole, and "Dupont, =cmd" cannot become a cell "=cmd" that escaped the formula prefix.
TEST(FormatsCsvWrite, CellsHoldingACommaAreQuoted) {
  const std::vector<Column> columns = {{"Nom, prénom", Kind::text}, {"Rue, numéro", Kind::text},
                                       {"Commune, code", Kind::text}, {"Loyer", Kind::money_cents}};
  const Rows rows = {{"Dupont, =cmd|' /C calc'!A0", "Rue de la Loi, 16", "Bruxelles", "74550"}};
  const std::string csv = write_csv(columns, rows);
  EXPECT_EQ(csv,
            "\xEF\xBB\xBF\"Nom, prénom\";\"Rue, numéro\";\"Commune, code\";Loyer\r\n"
            "\"Dupont, =cmd|' /C calc'!A0\";\"Rue de la Loi, 16\";Bruxelles;\"745,50\"\r\n");
  const Table t = read_csv(csv);
  EXPECT_EQ(t.header, (std::vector<std::string>{"Nom, prénom", "Rue, numéro", "Commune, code", "Loyer"}));
  EXPECT_EQ(t.rows, (Rows{{"Dupont, =cmd|' /C calc'!A0", "Rue de la Loi, 16", "Bruxelles", "745,50"}}));
  // Split on ',' outside quotes, the way a comma-separated reader does: still four cells.
  int separators = 0;
  bool quoted = false;
  for (const char c : csv.substr(csv.find("\r\n") + 2)) {
    if (c == '"') quoted = !quoted;
    if (c == ',' && !quoted) ++separators;
  }
  EXPECT_EQ(separators, 0);
}

TEST(FormatsCsvWrite, NoColumnsNoRows) { EXPECT_EQ(write_csv({}, {}), "\xEF\xBB\xBF\r\n"); }

TEST(FormatsCsvWrite, MalformedTypedCellsThrow) {
  EXPECT_THROW(write_csv(kColumns, {{"x", "745,50"}}), std::invalid_argument);
  EXPECT_THROW(write_csv(kColumns, {{"x", "+5"}}), std::invalid_argument);
  EXPECT_THROW(write_csv(kColumns, {{"x", "1", "3.5"}}), std::invalid_argument);
  EXPECT_THROW(write_csv(kColumns, {{"x", "1", "3", "29/11/2026"}}), std::invalid_argument);
  EXPECT_THROW(write_csv(kColumns, {{"x", "1", "3", "2026-02-29"}}), std::invalid_argument);
  EXPECT_THROW(write_csv(kColumns, {{"x", "99999999999999999999"}}), std::invalid_argument);
}

TEST(FormatsCsvWrite, ReadBack) {
  const Rows rows = {{"AIS-1", "74550", "3", "2026-11-29", "Rue de la Loi; \"16\"\nBruxelles"},
                     {"AIS-2", "", "", "", ""}};
  const Table t = read_csv(write_csv(kColumns, rows));
  EXPECT_EQ(t.header, (std::vector<std::string>{"Référence", "Loyer", "Pièces", "Début", "Note"}));
  EXPECT_EQ(t.rows,
            (Rows{{"AIS-1", "745,50", "3", "2026-11-29", "Rue de la Loi; \"16\"\nBruxelles"},
                  {"AIS-2", "", "", "", ""}}));
  EXPECT_EQ(t.lines, (std::vector<int>{2, 4}));
}

}  // namespace
}  // namespace hms::formats
