// libFuzzer target: fuzz/targets.hpp's table() on any bytes. Seeds: fuzz/corpus/table (replayed by
// tests/unit/formats/fuzz_corpus_test.cpp).
#include <cstddef>
#include <cstdint>

#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  hms::fuzz::table(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
