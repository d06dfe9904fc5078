// The accounting export's rules: how a posted entry becomes WinBooks ACT.txt rows (the kind of
// line, the journal's type, the order, the sub-account's code, the period, the signed amount),
// the CSF.txt parties, the neutral CSV journal, the span accepted, and the WinBooks text itself.
#include <gtest/gtest.h>

#include "common/error.hpp"
#include "domain/accounting/accounting.hpp"
#include "formats/table.hpp"

namespace hms::accounting {
namespace {

using namespace std::chrono;

// RENT 2026/42 on 2026-03-01: D 400 (lease 12) 645.00 / C 700 585.00 / C 701 60.00.
std::vector<ExportLine> rent_call() {
  std::vector<ExportLine> lines;
  auto line = [&](int position, std::string account, Money debit, Money credit, std::optional<std::int64_t> lease) {
    ExportLine l;
    l.entry_id = 7;
    l.journal = ledger::Journal::rent;
    l.year = 2026;
    l.number = 42;
    l.date = 2026y / March / 1d;
    l.description = "Loyer 2026-03 – Amina Compta, Rue du Compte 7";
    l.position = position;
    l.account = std::move(account);
    l.debit = debit;
    l.credit = credit;
    l.lease_id = lease;
    lines.push_back(l);
  };
  line(1, "400", Money::from_cents(64'500), Money::zero(), 12);
  line(2, "700", Money::zero(), Money::from_cents(58'500), std::nullopt);
  line(3, "701", Money::zero(), Money::from_cents(6'000), std::nullopt);
  return lines;
}

TEST(AccountingTest, ARentCallIsACustomerLineAndTwoGeneralLines) {
  const auto rows = winbooks_entries(rent_call());
  ASSERT_EQ(rows.size(), 3u);
  for (const auto& r : rows) EXPECT_EQ(r.size(), kWinbooksEntryColumns);
  EXPECT_EQ(rows[0][0], "1");        // DOCTYPE: a customer (the tenant)
  EXPECT_EQ(rows[1][0], "3");        // a general-ledger line
  EXPECT_EQ(rows[0][1], "RENT");     // DBKCODE
  EXPECT_EQ(rows[0][2], "5");        // DBKTYPE: miscellaneous operations
  EXPECT_EQ(rows[0][3], "42");       // DOCNUMBER
  EXPECT_EQ(rows[2][4], "003");      // DOCORDER
  EXPECT_EQ(rows[0][6], "400");      // ACCOUNTGL
  EXPECT_EQ(rows[0][7], "L000012");  // ACCOUNTRP
  EXPECT_EQ(rows[1][7], "");
  EXPECT_EQ(rows[0][8], "");         // BOOKYEAR: WinBooks' own code, not guessed
  EXPECT_EQ(rows[0][9], "03");       // PERIOD
  EXPECT_EQ(rows[0][11], "20260301");  // DATEDOC
  EXPECT_EQ(rows[0][15], "0");       // AMOUNT (foreign currency): none
  EXPECT_EQ(rows[0][16], "645.00");  // AMOUNTEUR = debit − credit
  EXPECT_EQ(rows[1][16], "-585.00");
  EXPECT_EQ(rows[2][16], "-60.00");
}

TEST(AccountingTest, ABankLineIsAFinancialJournalAndAnOwnersLineASupplier) {
  auto lines = rent_call();
  lines[0].journal = ledger::Journal::bank;
  lines[0].lease_id.reset();
  lines[0].owner_contract_id = 34;
  lines[0].account = "440";
  const auto rows = winbooks_entries(lines);
  EXPECT_EQ(rows[0][0], "2");
  EXPECT_EQ(rows[0][2], "4");
  EXPECT_EQ(rows[0][7], "C000034");
}

TEST(AccountingTest, TheCommentIsCutAtFortyWholeCharacters) {
  const auto rows = winbooks_entries(rent_call());
  EXPECT_EQ(rows[0][13], "Loyer 2026-03 – Amina Compta, Rue du Com");  // 40 characters, the dash is 3 bytes
  EXPECT_EQ(cut_characters("é", 1), "é");
  EXPECT_EQ(cut_characters("ééé", 2), "éé");
  EXPECT_EQ(cut_characters("abc", 10), "abc");
  EXPECT_EQ(cut_characters("ab\xC3", 3), "ab\xC3");  // a cut sequence stays whole, not read beyond
}

TEST(AccountingTest, EveryEntrysAmountsAddUpToZero) {
  std::int64_t sum = 0;
  for (const auto& r : winbooks_entries(rent_call())) {
    auto m = Money::parse(r[16]);
    ASSERT_TRUE(m.ok()) << r[16];
    sum += m.value().cents();
  }
  EXPECT_EQ(sum, 0);
}

TEST(AccountingTest, PartiesAreCustomersAndSuppliersByCode) {
  std::vector<Party> parties = {
      {Party::Kind::owner, 34, "Marie Proprio", "Avenue Louise 1, 1050 Ixelles", "", ""},
      {Party::Kind::tenant, 12, "Compta Amina", "Rue du Compte 7", "1050", "Ixelles"},
  };
  const auto rows = winbooks_parties(parties);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].size(), kWinbooksPartyColumns);
  EXPECT_EQ(rows[0][0], "C000034");  // "C…" sorts before "L…"
  EXPECT_EQ(rows[0][1], "2");
  EXPECT_EQ(rows[0][9], "");         // no country without a postcode
  EXPECT_EQ(rows[0][20], "440");
  EXPECT_EQ(rows[1][0], "L000012");
  EXPECT_EQ(rows[1][1], "1");
  EXPECT_EQ(rows[1][2], "Compta Amina");
  EXPECT_EQ(rows[1][9], "BE");
  EXPECT_EQ(rows[1][15], "1050");
  EXPECT_EQ(rows[1][16], "Ixelles");
  EXPECT_EQ(rows[1][20], "400");
}

TEST(AccountingTest, TheJournalNamesTheEntryAReversalCancels) {
  auto lines = rent_call();
  ExportLine reversal = lines[0];
  reversal.entry_id = 9;
  reversal.journal = ledger::Journal::misc;
  reversal.number = 3;
  reversal.reverses = 7;
  reversal.debit = Money::zero();
  reversal.credit = Money::from_cents(64'500);
  lines.push_back(reversal);
  ExportLine older = reversal;
  older.reverses = 5;  // an entry outside the span: named from `reversed`
  lines.push_back(older);
  const auto rows = journal_rows(lines, {{5, "RENT/2026/40"}});
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"RENT", "2026", "42", "2026-03-01", "2026-03", "1", "400", "L000012",
                                               "Loyer 2026-03 – Amina Compta, Rue du Compte 7", "64500", "0", ""}));
  EXPECT_EQ(rows[3][11], "RENT/2026/42");
  EXPECT_EQ(rows[4][11], "RENT/2026/40");
}

TEST(AccountingTest, ASpanMustGoForwardAndLastAtMostAFiscalYearAndAMonth) {
  EXPECT_NO_THROW(check_span(2026y / March / 1d, 2026y / March / 1d));
  EXPECT_NO_THROW(check_span(2026y / January / 1d, 2027y / January / 31d));  // 396 days
  try {
    check_span(2026y / March / 31d, 2026y / March / 1d);
    FAIL();
  } catch (const DomainError& e) {
    EXPECT_EQ(e.code(), "accounting.invalid_span");
  }
  try {
    check_span(2025y / January / 1d, 2026y / March / 31d);
    FAIL();
  } catch (const DomainError& e) {
    EXPECT_EQ(e.code(), "accounting.span_too_long");
  }
}

TEST(AccountingTest, FormatsReadBackAndNameTheirFiles) {
  EXPECT_EQ(parse_format("winbooks"), Format::winbooks);
  EXPECT_EQ(parse_format("csv"), Format::csv);
  EXPECT_FALSE(parse_format("WinBooks").has_value());
  EXPECT_EQ(file_names(Format::winbooks), (std::vector<std::string>{"ACT.txt", "CSF.txt"}));
  EXPECT_EQ(file_names(Format::csv), (std::vector<std::string>{"journal.csv"}));
}

TEST(AccountingTest, TheWinbooksTextQuotesEveryFieldAndEndsRowsWithCrLf) {
  EXPECT_EQ(formats::write_winbooks({{"1", "", "a \"b\", c"}, {"=2"}}), "\"1\",\"\",\"a \"\"b\"\", c\"\r\n\"=2\"\r\n");
  EXPECT_EQ(formats::write_winbooks({}), "");
}

}  // namespace
}  // namespace hms::accounting
