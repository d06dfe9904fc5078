// libFuzzer target: any bytes given to the camt.053 parser (and to parse_bank_file, which sends
// XML there) are read or refused with BankFileError — no crash, no leak, no other
// exception. Seeds: fuzz/corpus/camt (replayed by tests/unit/bank/fuzz_corpus_test.cpp).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "formats/bank/bank_file.hpp"
#include "formats/bank/camt053.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (auto* parse : {&hms::bank::parse_camt053, &hms::bank::parse_bank_file}) {
    try {
      parse(bytes);
    } catch (const hms::bank::BankFileError&) {
    }
  }
  return 0;
}
