// The bank test files of tests/data/bank and the seed corpora of fuzz/corpus, read from the
// source tree (__FILE__ is relative to build/ when ninja compiles, absolute otherwise).
#pragma once
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "formats/bank/statement.hpp"

namespace hms::bank::testing {

inline std::filesystem::path source_root() {
  const auto relative = std::filesystem::path(__FILE__).parent_path() / ".." / ".." / "..";
  for (const auto& base : {std::filesystem::current_path(), std::filesystem::current_path().parent_path()})
    if (std::filesystem::exists(base / relative / "tests" / "data" / "bank")) return base / relative;
  return relative;
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

inline std::string data(const std::string& name) {
  return read_file(source_root() / "tests" / "data" / "bank" / name);
}

// The first problem of a refused file, or an empty problem when the file was accepted.
template <typename Parse>
BankFileProblem first_problem(Parse parse, const std::string& bytes) {
  try {
    parse(bytes);
  } catch (const BankFileError& e) {
    return e.problems().front();
  }
  return {};
}

}  // namespace hms::bank::testing
