// Replays every seed and crash input of fuzz/corpus/{coda,camt} through the parsers, so that the
// normal suite (gcc, no libFuzzer) runs them too: each is read or refused with BankFileError,
// never anything else.
#include <gtest/gtest.h>

#include <filesystem>

#include "formats/bank/bank_file.hpp"
#include "formats/bank/camt053.hpp"
#include "formats/bank/coda.hpp"
#include "test_files.hpp"

namespace hms::bank {
namespace {

// Each file of fuzz/corpus/<corpus> through `parse` and through parse_bank_file; the count read.
int replay(const std::string& corpus, BankFile (*parse)(std::string_view)) {
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(testing::source_root() / "fuzz" / "corpus" / corpus)) {
    const std::string bytes = testing::read_file(entry.path());
    for (auto* each : {parse, &parse_bank_file}) {
      try {
        EXPECT_FALSE(each(bytes).statements.empty()) << entry.path();
      } catch (const BankFileError& e) {
        EXPECT_FALSE(e.problems().empty()) << entry.path();
      }
    }
    ++count;
  }
  return count;
}

TEST(BankFuzzCorpus, EveryCodaInputIsReadOrRefused) { EXPECT_GE(replay("coda", &parse_coda), 5); }
TEST(BankFuzzCorpus, EveryCamtInputIsReadOrRefused) { EXPECT_GE(replay("camt", &parse_camt053), 4); }

}  // namespace
}  // namespace hms::bank
