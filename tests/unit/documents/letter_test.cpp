// PDF letters: the bytes are a whole PDF, and what poppler reads back from it (pdfinfo,
// pdftotext) is what a reader sees: one letter per page group, names, subject, amounts and
// French and Dutch accents intact, long tables flowing onto numbered pages with their header.
#include "documents/letter.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <regex>
#include <string>
#include <vector>

namespace hms::documents {
namespace {

Letter indexation_letter() {
  Letter letter;
  letter.sender = {"AIS Ixelles", "Rue du Trône 98", "1050 Ixelles",
                   "02 512 34 56 · info@ais-ixelles.be"};
  letter.recipient = {"Madame Hélène Vandeputte", "Avenue Louise 231 bte 4", "1050 Ixelles"};
  letter.place_date = "Bruxelles, le 29/11/2026";
  letter.reference = "Réf. : IX-0042 / contrat 17";
  letter.subject = "Indexation de votre loyer au 1er janvier 2027";
  letter.salutation = "Madame, Monsieur,";
  letter.paragraphs = {
      "Conformément à l'article 12 du contrat de gestion, le loyer qui vous est versé est indexé "
      "chaque année sur l'indice santé. Voici le détail du calcul."};
  letter.table = Table{{"Élément", "Montant"},
                       {{"Loyer de base", "1.150,00 €"}, {"Loyer indexé", "1.234,56 €"}},
                       {false, true}};
  letter.after = {"1. Loyer de base × nouvel indice ÷ indice de départ.",
                  "2. Arrondi au cent le plus proche; la règle a été appliquée."};
  letter.closing = "Nous vous prions d'agréer, Madame, Monsieur, nos salutations distinguées.";
  letter.signature = {"Pour l'AIS,", "Marie Dupont", "Directrice"};
  letter.footer = "AIS Ixelles · BCE 0123.456.789 · IBAN BE68 5390 0754 7034";
  return letter;
}

Letter dutch_letter() {
  Letter letter;
  letter.sender = {"SVK Schaarbeek", "Rogierstraat 12", "1030 Schaarbeek"};
  letter.recipient = {"De heer Jan Willems", "Brabantstraat 5", "1210 Sint-Joost-ten-Node"};
  letter.place_date = "Brussel, 29/11/2026";
  letter.subject = "Indexering van uw huurprijs";
  letter.salutation = "Geachte heer,";
  letter.paragraphs = {"De coëfficiënt wordt berekend op basis van de gezondheidsindex."};
  letter.closing = "Met vriendelijke groeten,";
  letter.footer = "SVK Schaarbeek";
  return letter;
}

// A unique file under the temporary directory, removed when the object goes.
struct TempPdf {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("hms-letter-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".pdf");
  explicit TempPdf(const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; }
  ~TempPdf() { std::filesystem::remove(path); }
  static inline int counter = 0;
};

std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 4096> buffer{};
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe))
    out.append(buffer.data(), n);
  ::pclose(pipe);
  return out;
}

// pdftotext of `pdf`, all pages or only page `page`.
std::string text_of(const std::string& pdf, int page = 0) {
  const TempPdf file(pdf);
  const std::string pages =
      page > 0 ? " -f " + std::to_string(page) + " -l " + std::to_string(page) : "";
  return run("pdftotext -enc UTF-8" + pages + " '" + file.path.string() + "' -");
}

int pages_of(const std::string& pdf) {
  const TempPdf file(pdf);
  const auto info = run("pdfinfo '" + file.path.string() + "'");
  std::smatch match;
  return std::regex_search(info, match, std::regex(R"(Pages:\s+(\d+))")) ? std::stoi(match[1]) : -1;
}

// The poppler tools are test packages (scripts/setup.sh --test): required in CI, else skipped.
bool have_poppler() {
  return std::system("command -v pdftotext >/dev/null && command -v pdfinfo >/dev/null") == 0;
}
constexpr const char* kNoPoppler =
    "pdftotext/pdfinfo missing: install poppler-utils (scripts/setup.sh --test)";
#define REQUIRE_POPPLER()                                   \
  if (!have_poppler()) {                                    \
    if (std::getenv("CI") != nullptr) FAIL() << kNoPoppler; \
    GTEST_SKIP() << kNoPoppler;                             \
  }

TEST(Letter, IsAWholePdfWithItsTitle) {
  const auto pdf = render_pdf({indexation_letter()}, "Indexation 2027 — Ixelles");
  ASSERT_TRUE(pdf.starts_with("%PDF-"));
  EXPECT_NE(pdf.find("%%EOF", pdf.size() - 8), std::string::npos) << pdf.substr(pdf.size() - 16);
  REQUIRE_POPPLER();
  const TempPdf file(pdf);
  const auto info = run("pdfinfo -enc UTF-8 '" + file.path.string() + "'");
  const auto field = [&](const std::string& name) {
    std::smatch match;
    return std::regex_search(info, match, std::regex(name + R"(:\s+([^\n]*))")) ? match[1].str()
                                                                                : "";
  };
  EXPECT_EQ(field("Title"), "Indexation 2027 — Ixelles");
  EXPECT_EQ(field("Creator"), "hms");
  EXPECT_EQ(field("Page size"), "595.276 x 841.89 pts (A4)");
}

TEST(Letter, EachLetterStartsOnItsOwnPage) {
  REQUIRE_POPPLER();
  const auto pdf = render_pdf({indexation_letter(), dutch_letter()}, "Lot");
  ASSERT_EQ(pages_of(pdf), 2);
  const auto first = text_of(pdf, 1), second = text_of(pdf, 2);
  EXPECT_NE(first.find("Madame Hélène Vandeputte"), std::string::npos) << first;
  EXPECT_EQ(first.find("Jan Willems"), std::string::npos) << first;
  EXPECT_NE(second.find("De heer Jan Willems"), std::string::npos) << second;
  // Page numbers count within each letter.
  EXPECT_NE(first.find("1/1"), std::string::npos) << first;
  EXPECT_NE(second.find("1/1"), std::string::npos) << second;
}

TEST(Letter, TextComesBackIntact) {
  REQUIRE_POPPLER();
  const auto text = text_of(render_pdf({indexation_letter(), dutch_letter()}, "Lot"));
  for (const char* expected :
       {"Madame Hélène Vandeputte", "Avenue Louise 231 bte 4", "Bruxelles, le 29/11/2026",
        "Réf. : IX-0042 / contrat 17", "Indexation de votre loyer au 1er janvier 2027",
        "Madame, Monsieur,", "Conformément", "1.234,56 €", "1.150,00 €", "Élément",
        "la règle a été appliquée", "nos salutations distinguées", "Marie Dupont",
        "BCE 0123.456.789", "AIS Ixelles", "De coëfficiënt wordt berekend", "gezondheidsindex",
        "Met vriendelijke groeten,"})
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n---\n" << text;
}

TEST(Letter, LongTableFlowsOntoNumberedPagesWithItsHeader) {
  REQUIRE_POPPLER();
  auto letter = indexation_letter();
  letter.table->header = {"Période", "Libellé", "Montant"};
  letter.table->align_right = {false, false, true};
  letter.table->rows.clear();
  for (int i = 1; i <= 80; ++i)
    letter.table->rows.push_back({"Mois " + std::to_string(i),
                                  "Loyer et charges, ligne numéro " + std::to_string(i),
                                  std::to_string(i) + "00,00 €"});
  const auto pdf = render_pdf({letter}, "Relevé");
  const int pages = pages_of(pdf);
  ASSERT_GE(pages, 2);
  for (int page = 1; page <= pages; ++page) {
    const auto text = text_of(pdf, page);
    const auto number = std::to_string(page) + "/" + std::to_string(pages);
    EXPECT_NE(text.find(number), std::string::npos) << "page " << page << "\n" << text;
    EXPECT_NE(text.find("BCE 0123.456.789"), std::string::npos) << "page " << page;
  }
  // The header row again on the second page, every row somewhere, the signature last.
  EXPECT_NE(text_of(pdf, 2).find("Libellé"), std::string::npos);
  const auto all = text_of(pdf);
  for (int i = 1; i <= 80; ++i)
    EXPECT_NE(all.find("ligne numéro " + std::to_string(i) + "\n"), std::string::npos) << i;
  EXPECT_NE(text_of(pdf, pages).find("Marie Dupont"), std::string::npos);
}

TEST(Letter, LongParagraphsFlowAndWideCellsWrap) {
  REQUIRE_POPPLER();
  const auto repeated = [](const std::string& words, int times) {
    std::string text;
    for (int i = 0; i < times; ++i) text += words;
    return text;
  };
  auto letter = dutch_letter();
  // A cell without a space to break at wraps inside the word; nothing is cut off.
  letter.table = Table{{"Omschrijving", "Bedrag"}, {{std::string(300, 'x'), "12,00 €"}}, {}};
  for (int i = 1; i <= 20; ++i)
    letter.paragraphs.push_back("Paragraaf " + std::to_string(i) + ": " +
                                repeated("de huurprijs wordt jaarlijks geïndexeerd ", 5));
  // One paragraph longer than a page: it splits between two lines.
  letter.after = {repeated("een zeer lange alinea ", 400) + "laatste woord"};
  const auto pdf = render_pdf({letter}, "Lang");
  EXPECT_GE(pages_of(pdf), 3);
  const auto text = text_of(pdf);
  EXPECT_NE(text.find("12,00 €"), std::string::npos);
  EXPECT_GE(std::count(text.begin(), text.end(), 'x'), 300);
  EXPECT_NE(text.find("Paragraaf 20: de huurprijs"), std::string::npos);
  EXPECT_NE(text.find("laatste woord"), std::string::npos);
  EXPECT_NE(text.find("Met vriendelijke groeten,"), std::string::npos);
}

TEST(Letter, EmptyPartsAreLeftOut) {
  const auto pdf = render_pdf({Letter{}}, "");
  EXPECT_TRUE(pdf.starts_with("%PDF-"));
  Letter only_table;
  only_table.table = Table{};  // no header, no rows
  Letter ragged;
  ragged.table = Table{{}, {{"a"}, {"b", "c", "d"}, {}}, {true}};
  ragged.recipient = {"Madame X"};
  REQUIRE_POPPLER();
  EXPECT_EQ(pages_of(pdf), 1);
  const auto many = render_pdf({Letter{}, only_table, ragged}, "Vides");
  EXPECT_EQ(pages_of(many), 3);
  const auto third = text_of(many, 3);
  EXPECT_NE(third.find("Madame X"), std::string::npos) << third;
  EXPECT_NE(third.find("d"), std::string::npos) << third;
  EXPECT_NE(third.find("1/1"), std::string::npos) << third;
}

TEST(Letter, RendersFromManyThreadsAtOnce) {
  std::vector<std::future<std::string>> renders;
  for (int i = 0; i < 4; ++i)
    renders.push_back(std::async(std::launch::async, [] {
      return render_pdf({indexation_letter(), dutch_letter()}, "Parallèle");
    }));
  for (auto& render : renders) {
    const auto pdf = render.get();
    EXPECT_TRUE(pdf.starts_with("%PDF-"));
    EXPECT_NE(pdf.find("%%EOF", pdf.size() - 8), std::string::npos);
  }
}

}  // namespace
}  // namespace hms::documents
