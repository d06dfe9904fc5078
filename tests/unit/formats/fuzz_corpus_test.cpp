// Replays every seed and crash input of fuzz/corpus/{money,identifiers,table} through the checks
// of fuzz/targets.hpp, so that the normal suite (gcc, no libFuzzer) runs them too; a broken
// promise aborts the test program.
#include <gtest/gtest.h>

#include <filesystem>

#include "targets.hpp"
#include "../bank/test_files.hpp"

namespace hms::fuzz {
namespace {

int replay(const std::string& corpus, void (*check)(std::string_view)) {
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(bank::testing::source_root() / "fuzz" / "corpus" / corpus)) {
    SCOPED_TRACE(entry.path().string());
    check(bank::testing::read_file(entry.path()));
    ++count;
  }
  return count;
}

TEST(FuzzCorpus, EveryAmountIsReadBackOrRefused) { EXPECT_GE(replay("money", &money), 10); }
TEST(FuzzCorpus, EveryIdentifierIsReadBackOrRefused) { EXPECT_GE(replay("identifiers", &identifiers), 7); }
TEST(FuzzCorpus, EveryTableIsReadOrRefused) { EXPECT_GE(replay("table", &table), 6); }

// The seeds are worth fuzzing from: the good ones are read (a fuzzer starting from refused inputs
// only would rarely get past the first check).
TEST(FuzzCorpus, TheGoodSeedsAreRead) {
  const auto dir = bank::testing::source_root() / "fuzz" / "corpus";
  EXPECT_EQ(Money::parse(bank::testing::read_file(dir / "money" / "belgian")).value().cents(), 123456);
  EXPECT_TRUE(checked_iban(bank::testing::read_file(dir / "identifiers" / "iban_be")));
  EXPECT_TRUE(leases::parse_payment_reference(bank::testing::read_file(dir / "identifiers" / "structured_communication")));
  const auto nrn = applicants::normalize_national_number(bank::testing::read_file(dir / "identifiers" / "national_number"));
  ASSERT_TRUE(nrn);
  EXPECT_TRUE(applicants::is_valid_national_number(*nrn));
  EXPECT_EQ(owners::validate_company_number(bank::testing::read_file(dir / "identifiers" / "company_number")), "0403170701");
  EXPECT_EQ(formats::read_csv(bank::testing::read_file(dir / "table" / "semicolon.csv")).rows.size(), 2u);
  const auto sheet = formats::read_xlsx(bank::testing::read_file(dir / "table" / "stock.xlsx"));
  ASSERT_EQ(sheet.rows.size(), 1u);
  EXPECT_EQ(sheet.rows[0][1], "745.5");
}

}  // namespace
}  // namespace hms::fuzz
