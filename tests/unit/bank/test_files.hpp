// The bank test files of tests/data/bank and the seed corpora of fuzz/corpus, read from the
// source tree (__FILE__ is relative to build/ when ninja compiles, absolute otherwise).
#pragma once
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

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

inline std::chrono::year_month_day ymd(int y, unsigned m, unsigned d) {
  return {std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

// The figures of sample.coda (finance-formats.md §1.12), which the hand-written camt.053 files
// repeat: statement of BE11068246013548 on 5 February 2025, 12,543.80 € + 685.00 + 542.50 +
// 710.00 − 925.00 = 13,556.30 €. What differs by format (number, bank references) the tests check.
inline void expect_sample_statement(const BankStatement& s) {
  EXPECT_EQ(s.account_iban, "BE11068246013548");
  EXPECT_EQ(s.currency, "EUR");
  EXPECT_EQ(s.date, ymd(2025, 2, 5));
  EXPECT_EQ(s.old_balance, Money::from_cents(1'254'380));
  EXPECT_EQ(s.new_balance, Money::from_cents(1'355'630));
  ASSERT_EQ(s.movements.size(), 4u);
  const BankMovement& first = s.movements[0];
  EXPECT_EQ(first.sequence, 1);
  EXPECT_EQ(first.amount, Money::from_cents(68'500));
  EXPECT_EQ(first.booking_date, ymd(2025, 2, 5));
  EXPECT_EQ(first.value_date, ymd(2025, 2, 4));
  EXPECT_EQ(first.structured_communication, "250200001456");
  EXPECT_EQ(first.free_communication, "");
  EXPECT_EQ(first.counterparty_name, "DUPONT MARIE");
  EXPECT_EQ(first.counterparty_iban, "BE25735104827682");
  EXPECT_EQ(first.counterparty_bic, "KREDBEBB");
  EXPECT_EQ(s.movements[1].amount, Money::from_cents(54'250));
  EXPECT_EQ(s.movements[1].structured_communication, "250200011560");
  EXPECT_EQ(s.movements[1].counterparty_name, "JANSSENS-EL AMRANI K.");
  EXPECT_EQ(s.movements[2].amount, Money::from_cents(71'000));
  EXPECT_EQ(s.movements[2].structured_communication, "250200021664");
  const BankMovement& debit = s.movements[3];
  EXPECT_EQ(debit.amount, Money::from_cents(-92'500));
  EXPECT_FALSE(debit.structured_communication);
  EXPECT_EQ(debit.free_communication, "LOYER AIS 02/2025 BIEN 017 RUE FICTIVE 12");
  EXPECT_EQ(debit.counterparty_name, "PEETERS JAN");
  EXPECT_EQ(debit.counterparty_iban, "BE60320331604270");
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
