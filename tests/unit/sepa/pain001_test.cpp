// The SEPA credit transfer writer (formats/sepa/pain001.hpp): the texts in the SEPA Latin
// character set and cut to their maxima, the two versions' differences (ReqdExctnDt, BICFI/BIC,
// namespace), NbOfTxs and CtrlSum at both levels, amounts with two decimals, and the same values
// giving the same bytes.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "../bank/test_files.hpp"  // source_root, read_file
#include "formats/sepa/pain001.hpp"

namespace hms::sepa {
namespace {

CreditTransferFile sample(Pain001Version v) {
  CreditTransferFile f;
  f.version = v;
  f.message_id = "HMS-IX-202603-T8K2QS";
  f.created_at = "2026-03-02T09:30:00";
  f.initiating_party = "AIS Ixelles - Elsene";
  f.debtor_iban = "BE11068246013548";
  f.debtor_bic = "GKCCBEBB";
  f.execution_date = std::chrono::year_month_day{std::chrono::year{2026}, std::chrono::month{3}, std::chrono::day{5}};
  f.transfers = {{"HMS-2026-03-O000010", Money::from_cents(68'213), "Françoise Bössche & fils", "BE68539007547034",
                  "Loyer 2026-03 IX-0042"},
                 {"HMS-2026-03-O000011", Money::from_cents(65'000), "Jan Peeters", "BE71096123456769",
                  "Huur 2026-03 IX-0050"}};
  return f;
}

int count(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

TEST(PayoutsSepaText, AccentsAreFoldedAndOtherCharactersBecomeSpaces) {
  EXPECT_EQ(sepa_text("Françoise Bössche & fils"), "Francoise Bossche + fils");
  EXPECT_EQ(sepa_text("Œuvre Ærø Straße"), "OEuvre AEro Strasse");
  EXPECT_EQ(sepa_text("Łódź, Škoda; \"quoted\"  <x>"), "Lodz, Skoda quoted x");
  EXPECT_EQ(sepa_text("L’été – 50 €"), "L'ete - 50 EUR");
  EXPECT_EQ(sepa_text("e\xCC\x81te\xCC\x81"), "ete");   // decomposed accents dropped
  EXPECT_EQ(sepa_text("bad \xFF byte"), "bad byte");
  EXPECT_EQ(sepa_text("Алексей"), "");                   // nothing SEPA in it
}

TEST(PayoutsSepaText, CutToTheMaximumWithoutATrailingSpace) {
  const std::string name(69, 'a');
  EXPECT_EQ(sepa_text(name + " b c", kMaxName), name);
  EXPECT_EQ(sepa_text(std::string(200, 'x'), kMaxRemittance).size(), 140u);
  EXPECT_EQ(sepa_text("é", 35), "e");
}

TEST(PayoutsPain001, Version09HasItsNamespaceDatedExecutionAndBicfi) {
  const auto xml = write_pain001(sample(Pain001Version::v09));
  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0), 0u);
  EXPECT_NE(xml.find("xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.09\""), std::string::npos);
  EXPECT_NE(xml.find("<ReqdExctnDt>\n        <Dt>2026-03-05</Dt>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<BICFI>GKCCBEBB</BICFI>"), std::string::npos);
  EXPECT_EQ(xml.find("<BIC>"), std::string::npos);
}

TEST(PayoutsPain001, Version03HasAPlainDateAndBic) {
  const auto xml = write_pain001(sample(Pain001Version::v03));
  EXPECT_NE(xml.find("xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03\""), std::string::npos);
  EXPECT_NE(xml.find("<ReqdExctnDt>2026-03-05</ReqdExctnDt>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<BIC>GKCCBEBB</BIC>"), std::string::npos);
  EXPECT_EQ(xml.find("BICFI"), std::string::npos);
}

TEST(PayoutsPain001, CountsAndSumsAtBothLevelsMatchTheTransfers) {
  const auto xml = write_pain001(sample(Pain001Version::v09));
  EXPECT_EQ(count(xml, "<NbOfTxs>2</NbOfTxs>"), 2);
  EXPECT_EQ(count(xml, "<CtrlSum>1332.13</CtrlSum>"), 2);
  EXPECT_EQ(count(xml, "<CdtTrfTxInf>"), 2);
  EXPECT_NE(xml.find("<InstdAmt Ccy=\"EUR\">682.13</InstdAmt>"), std::string::npos);
  EXPECT_NE(xml.find("<InstdAmt Ccy=\"EUR\">650.00</InstdAmt>"), std::string::npos);
  for (const char* fixed : {"<PmtMtd>TRF</PmtMtd>", "<BtchBookg>true</BtchBookg>", "<Cd>SEPA</Cd>", "<ChrgBr>SLEV</ChrgBr>"})
    EXPECT_EQ(count(xml, fixed), 1) << fixed;
  EXPECT_NE(xml.find("<Nm>Francoise Bossche + fils</Nm>"), std::string::npos);
}

TEST(PayoutsPain001, IdsAndNamesAreCutAndNeverEmpty) {
  auto f = sample(Pain001Version::v09);
  f.message_id = std::string(50, 'M');
  f.transfers[0].end_to_end_id = std::string(40, 'E');
  f.transfers[0].creditor_name = std::string(80, 'N');
  f.transfers[1].creditor_name = "Алексей";
  const auto xml = write_pain001(f);
  EXPECT_NE(xml.find("<MsgId>" + std::string(35, 'M') + "</MsgId>"), std::string::npos);
  EXPECT_NE(xml.find("<EndToEndId>" + std::string(35, 'E') + "</EndToEndId>"), std::string::npos);
  EXPECT_NE(xml.find("<Nm>" + std::string(70, 'N') + "</Nm>"), std::string::npos);
  EXPECT_NE(xml.find("<Nm>NOTPROVIDED</Nm>"), std::string::npos);
}

TEST(PayoutsPain001, TheSameValuesGiveTheSameBytes) {
  EXPECT_EQ(write_pain001(sample(Pain001Version::v09)), write_pain001(sample(Pain001Version::v09)));
}

// The golden files: every byte of both versions. HMS_REGENERATE_GOLDEN=1 rewrites them (read
// the difference before committing it).
TEST(PayoutsPain001, GoldenFilesByteForByte) {
  const auto dir = bank::testing::source_root() / "tests" / "data" / "payouts";
  for (auto [version, name] : {std::pair{Pain001Version::v09, "sample.pain.001.001.09.xml"},
                               std::pair{Pain001Version::v03, "sample.pain.001.001.03.xml"}}) {
    const auto made = write_pain001(sample(version));
    if (std::getenv("HMS_REGENERATE_GOLDEN")) std::ofstream(dir / name, std::ios::binary) << made;
    EXPECT_EQ(made, bank::testing::read_file(dir / name)) << name;
  }
}

}  // namespace
}  // namespace hms::sepa
