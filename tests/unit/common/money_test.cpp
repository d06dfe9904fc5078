// Money: every accepted input format and error code of parse, formatting, round trips over
// the whole int64 range, overflow in every operation, and rounding at each half cent.
#include "common/money.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace hms {
namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

Money cents(std::int64_t value) { return Money::from_cents(value); }

// The error code of a failed parse, or "ok".
std::string parse_error(std::string_view text) {
  const auto result = Money::parse(text);
  return result ? "ok" : result.error().code();
}

void expect_overflow(const std::function<void()>& operation) {
  try {
    operation();
    ADD_FAILURE() << "no DomainError thrown";
  } catch (const DomainError& error) {
    EXPECT_EQ(error.kind(), ErrorKind::validation);
    EXPECT_EQ(error.code(), "money.overflow");
  }
}

// Amounts spread over the whole int64 range: the bounds, around each power of ten, and
// pseudo-random values of every magnitude (fixed seed).
std::vector<std::int64_t> sample_cents() {
  std::vector<std::int64_t> values = {0, 1, -1, 99, -99, 100, -100, kMax, kMin, kMax - 1, kMin + 1};
  for (std::int64_t power = 1; power <= kMax / 10; power *= 10) {
    for (std::int64_t near : {power - 1, power, power + 1}) {
      values.push_back(near);
      values.push_back(-near);
    }
  }
  std::mt19937_64 random(20261129);
  for (int i = 0; i < 20000; ++i) {
    const auto bits = static_cast<std::int64_t>(random());
    values.push_back(bits >> (i % 63));
  }
  return values;
}

TEST(Money, FromCentsAndZero) {
  EXPECT_EQ(Money::from_cents(74550).cents(), 74550);
  EXPECT_EQ(Money::zero().cents(), 0);
  EXPECT_EQ(Money().cents(), 0);
  EXPECT_EQ(Money::from_cents(kMin).cents(), kMin);
}

TEST(MoneyParse, AcceptsEveryDocumentedFormat) {
  const std::vector<std::pair<std::string, std::int64_t>> cases = {
      {"745", 74500},
      {"745.5", 74550},
      {"745.50", 74550},
      {"745,5", 74550},
      {"745,50", 74550},
      {"745.05", 74505},
      {"0", 0},
      {"0,05", 5},
      {"0745", 74500},
      {"1.234,56", 123456},
      {"1.234,5", 123450},
      {"1,234.56", 123456},
      {"1 234,56", 123456},
      {"1 234.56", 123456},
      {"1\u00A0234,56", 123456},
      {"1\u202F234,56", 123456},
      {"1 234", 123400},
      {"1 234 567,89", 123456789},
      {"1\u202F234\u202F567", 123456700},
      {"1.234.567", 123456700},
      {"1,234,567", 123456700},
      {"1.234.567,89", 123456789},
      {"1,234,567.89", 123456789},
      {"999.999,99", 99999999},
      {"-745,50", -74550},
      {"-0,05", -5},
      {"-0", 0},
      {"-1.234,56", -123456},
      {"  745,50  ", 74550},
      {"\t745\n", 74500},
      {"745,50 €", 74550},
      {"745,50€", 74550},
      {"745,50\u00A0€", 74550},
      {"745,50\u202F€", 74550},
      {"1.234,56 € ", 123456},
      {"-1.234,56 €", -123456},
      {"745.50 EUR", 74550},
      {"745.50EUR", 74550},
      {"745.50 eur", 74550},
      {"0000000000000000000000001", 100},
  };
  for (const auto& [text, expected] : cases) {
    const auto result = Money::parse(text);
    ASSERT_TRUE(result) << text << ": " << result.error().code();
    EXPECT_EQ(result.value().cents(), expected) << text;
  }
}

TEST(MoneyParse, EmptyInput) {
  for (const char* text : {"", " ", "\t\n "}) EXPECT_EQ(parse_error(text), "money.empty") << text;
}

TEST(MoneyParse, Junk) {
  for (const char* text :
       {"abc",          "12a",          "-",        "€",        "EUR",         " € ",
        "--5",          "+5",           "5-",       "- 5",      ".5",          "5.",
        "5,",           "1..5",         "1.,5",     "1,.5",     "1 .5",        "1  234",
        "1.234,56,7",   "1,234.567.8",  "12.34.56", "1.23.456", "1234.567,89", "0.234.567",
        "1 234.567,89", "1.234 567",    "1 2",      "12 34,5",  "€745",        "745 € €",
        "745,50 $",     "745,50\u00A0", "745 EURO", "1.234.56", "1,2,3",       "1e3",
        "0x10",         "١٢٣"}) {
    EXPECT_EQ(parse_error(text), "money.invalid") << text;
  }
}

TEST(MoneyParse, ALoneSeparatorBeforeThreeDigitsIsAmbiguous) {
  for (const char* text :
       {"1.234", "1,234", "12.345", "123,456", "745.505", "-1.234", "1.234 €", "999,999"}) {
    EXPECT_EQ(parse_error(text), "money.ambiguous") << text;
  }
}

TEST(MoneyParse, NeverRoundsExtraDecimals) {
  for (const char* text : {"745.5055", "0,125", "0.001", "1234,567", "1.2345", "745.5000",
                           "1,234.567", "1.234,567", "1 234,567", "-0,125", "1,234.5678"}) {
    EXPECT_EQ(parse_error(text), "money.too_many_decimals") << text;
  }
}

TEST(MoneyParse, Overflow) {
  EXPECT_EQ(Money::parse("92233720368547758.07").value().cents(), kMax);
  EXPECT_EQ(Money::parse("-92233720368547758.08").value().cents(), kMin);
  EXPECT_EQ(Money::parse("-92.233.720.368.547.758,08 €").value().cents(), kMin);
  for (const char* text : {"92233720368547758.08", "-92233720368547758.09", "99999999999999999999",
                           "100000000000000000000000000000000000000000", "184467440737095516.16"}) {
    EXPECT_EQ(parse_error(text), "money.overflow") << text;
  }
}

TEST(MoneyParse, ErrorsAreValidationErrors) {
  const auto result = Money::parse("1.234");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind(), ErrorKind::validation);
  EXPECT_THROW(result.value(), DomainError);
}

TEST(MoneyFormat, Plain) {
  EXPECT_EQ(cents(0).format_plain(), "0.00");
  EXPECT_EQ(cents(5).format_plain(), "0.05");
  EXPECT_EQ(cents(-5).format_plain(), "-0.05");
  EXPECT_EQ(cents(-100).format_plain(), "-1.00");
  EXPECT_EQ(cents(74550).format_plain(), "745.50");
  EXPECT_EQ(cents(123456).format_plain(), "1234.56");
  EXPECT_EQ(cents(kMax).format_plain(), "92233720368547758.07");
  EXPECT_EQ(cents(kMin).format_plain(), "-92233720368547758.08");
}

TEST(MoneyFormat, Belgian) {
  EXPECT_EQ(cents(0).format_belgian(), "0,00\u00A0€");
  EXPECT_EQ(cents(-5).format_belgian(), "-0,05\u00A0€");
  EXPECT_EQ(cents(99999).format_belgian(), "999,99\u00A0€");
  EXPECT_EQ(cents(100000).format_belgian(), "1.000,00\u00A0€");
  EXPECT_EQ(cents(123456).format_belgian(), "1.234,56\u00A0€");
  EXPECT_EQ(cents(-123456789).format_belgian(), "-1.234.567,89\u00A0€");
  EXPECT_EQ(cents(kMin).format_belgian(), "-92.233.720.368.547.758,08\u00A0€");
}

TEST(MoneyFormat, English) {
  EXPECT_EQ(cents(0).format_english(), "€0.00");
  EXPECT_EQ(cents(-5).format_english(), "-€0.05");
  EXPECT_EQ(cents(123456).format_english(), "€1,234.56");
  EXPECT_EQ(cents(100000000).format_english(), "€1,000,000.00");
  EXPECT_EQ(cents(kMax).format_english(), "€92,233,720,368,547,758.07");
}

TEST(MoneyFormat, ParseReadsBackPlainAndBelgianOverTheWholeRange) {
  for (std::int64_t value : sample_cents()) {
    const Money money = cents(value);
    EXPECT_EQ(Money::parse(money.format_plain()).value(), money) << money.format_plain();
    EXPECT_EQ(Money::parse(money.format_belgian()).value(), money) << money.format_belgian();
  }
}

TEST(MoneyFormat, ParseReadsBackEveryCentUpToAThousandEuros) {
  for (std::int64_t value = -100000; value <= 100000; ++value) {
    const Money money = cents(value);
    ASSERT_EQ(Money::parse(money.format_plain()).value().cents(), value);
    ASSERT_EQ(Money::parse(money.format_belgian()).value().cents(), value);
  }
}

TEST(MoneyArithmetic, AddSubtractNegate) {
  Money total = cents(74550) + cents(1050);
  EXPECT_EQ(total.cents(), 75600);
  EXPECT_EQ((cents(100) - cents(250)).cents(), -150);
  EXPECT_EQ((-cents(250)).cents(), -250);
  EXPECT_EQ((-cents(kMax)).cents(), -kMax);
  total += cents(400);
  EXPECT_EQ(total.cents(), 76000);
  total -= cents(76001);
  EXPECT_EQ(total.cents(), -1);
  EXPECT_EQ((cents(kMax) + cents(kMin)).cents(), -1);
}

TEST(MoneyArithmetic, Compare) {
  EXPECT_LT(cents(-1), cents(0));
  EXPECT_GT(cents(74550), cents(74549));
  EXPECT_LE(cents(5), cents(5));
  EXPECT_EQ(cents(5), cents(5));
  EXPECT_NE(cents(5), cents(-5));
  EXPECT_EQ(cents(3) <=> cents(7), std::strong_ordering::less);
}

TEST(MoneyArithmetic, OverflowThrows) {
  expect_overflow([] { (void)(cents(kMax) + cents(1)); });
  expect_overflow([] { (void)(cents(kMin) + cents(-1)); });
  expect_overflow([] { (void)(cents(kMin) - cents(1)); });
  expect_overflow([] { (void)(cents(kMax) - cents(-1)); });
  expect_overflow([] { (void)(cents(0) - cents(kMin)); });
  expect_overflow([] { (void)(-cents(kMin)); });
  expect_overflow([] {
    Money money = cents(kMax);
    money += cents(1);
  });
  expect_overflow([] {
    Money money = cents(kMin);
    money -= cents(1);
  });
}

TEST(MoneyMultiply, ExactResults) {
  EXPECT_EQ(multiply(cents(74550), 2, 1, Rounding::down).cents(), 149100);
  EXPECT_EQ(multiply(cents(74550), 1, 3, Rounding::down).cents(), 24850);
  EXPECT_EQ(multiply(cents(kMax), kMax, kMax, Rounding::down).cents(), kMax);
  EXPECT_EQ(multiply(cents(kMin), kMin, kMin, Rounding::down).cents(), kMin);
  EXPECT_EQ(multiply(cents(kMin), 1, 1, Rounding::down).cents(), kMin);
  EXPECT_EQ(multiply(cents(kMax), -1, -1, Rounding::down).cents(), kMax);
}

TEST(MoneyMultiply, IndexationOfARent) {
  // 700 € × 121.34 / 118.20 = 718.5956... €
  EXPECT_EQ(multiply(cents(70000), 12134, 11820, Rounding::half_away_from_zero).cents(), 71860);
  EXPECT_EQ(multiply(cents(70000), 12134, 11820, Rounding::half_up).cents(), 71860);
  EXPECT_EQ(multiply(cents(70000), 12134, 11820, Rounding::down).cents(), 71859);
}

struct RoundingCase {
  std::int64_t cents;
  std::int64_t numerator;
  std::int64_t denominator;
  std::int64_t half_away_from_zero;
  std::int64_t half_up;
  std::int64_t down;
};

TEST(MoneyMultiply, RoundingRulesNearHalfACent) {
  const std::vector<RoundingCase> cases = {
      {5, 1, 10, 1, 1, 0},       // 0.5
      {-5, 1, 10, -1, 0, 0},     // -0.5
      {15, 1, 10, 2, 2, 1},      // 1.5
      {-15, 1, 10, -2, -1, -1},  // -1.5
      {14, 1, 10, 1, 1, 1},      // 1.4
      {-14, 1, 10, -1, -1, -1},  // -1.4
      {16, 1, 10, 2, 2, 1},      // 1.6
      {-16, 1, 10, -2, -2, -1},  // -1.6
      {19, 1, 10, 2, 2, 1},      // 1.9
      {-19, 1, 10, -2, -2, -1},  // -1.9
      {5, -1, 10, -1, 0, 0},     // negative numerator: -0.5
      {5, 1, -10, -1, 0, 0},     // negative denominator: -0.5
      {-5, 1, -10, 1, 1, 0},     // both negative: 0.5
      {-5, -1, -10, -1, 0, 0},   // -0.5
      {1, 1, 3, 0, 0, 0},        // 0.333...
      {2, 1, 3, 1, 1, 0},        // 0.666...
      {-2, 1, 3, -1, -1, 0},     // -0.666...
      {0, 7, 3, 0, 0, 0},
  };
  for (const auto& c : cases) {
    const Money amount = cents(c.cents);
    EXPECT_EQ(multiply(amount, c.numerator, c.denominator, Rounding::half_away_from_zero).cents(),
              c.half_away_from_zero)
        << c.cents << "*" << c.numerator << "/" << c.denominator;
    EXPECT_EQ(multiply(amount, c.numerator, c.denominator, Rounding::half_up).cents(), c.half_up)
        << c.cents << "*" << c.numerator << "/" << c.denominator;
    EXPECT_EQ(multiply(amount, c.numerator, c.denominator, Rounding::down).cents(), c.down)
        << c.cents << "*" << c.numerator << "/" << c.denominator;
  }
}

TEST(MoneyMultiply, EveryHalfCentBetweenMinusAndPlusOneEuro) {
  // (2k + 1) / 2 cents lies exactly halfway between k and k + 1.
  for (std::int64_t k = -100; k < 100; ++k) {
    const Money amount = cents(2 * k + 1);
    const bool positive = 2 * k + 1 > 0;
    EXPECT_EQ(multiply(amount, 1, 2, Rounding::half_away_from_zero).cents(), positive ? k + 1 : k);
    EXPECT_EQ(multiply(amount, 1, 2, Rounding::half_up).cents(), k + 1);
    EXPECT_EQ(multiply(amount, 1, 2, Rounding::down).cents(), positive ? k : k + 1);
  }
}

// Floor of a / b for b > 0.
std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - (a % b < 0 ? 1 : 0); }

TEST(MoneyMultiply, AgreesWithFloorFormulas) {
  for (std::int64_t denominator : {2, 3, 4, 7, 10, 100, 10000, -3, -10}) {
    for (std::int64_t numerator : {1, -1, 7, 12134}) {
      for (std::int64_t value = -1000; value <= 1000; ++value) {
        // p / d with d > 0.
        std::int64_t p = value * numerator;
        std::int64_t d = denominator;
        if (d < 0) {
          p = -p;
          d = -d;
        }
        const std::int64_t half_up = floor_div(2 * p + d, 2 * d);
        const std::int64_t half_away = p >= 0 ? half_up : -floor_div(-2 * p + d, 2 * d);
        const Money amount = cents(value);
        ASSERT_EQ(multiply(amount, numerator, denominator, Rounding::half_up).cents(), half_up);
        ASSERT_EQ(multiply(amount, numerator, denominator, Rounding::half_away_from_zero).cents(),
                  half_away);
        ASSERT_EQ(multiply(amount, numerator, denominator, Rounding::down).cents(), p / d);
      }
    }
  }
}

TEST(MoneyMultiply, Overflow) {
  // 6148914691236517205 × 3 / 2 = kMax + 0.5, and its negative is kMin + 0.5.
  constexpr std::int64_t kThird = 6148914691236517205;
  EXPECT_EQ(multiply(cents(kThird), 3, 2, Rounding::down).cents(), kMax);
  expect_overflow([] { multiply(cents(kThird), 3, 2, Rounding::half_up); });
  expect_overflow([] { multiply(cents(kThird), 3, 2, Rounding::half_away_from_zero); });
  EXPECT_EQ(multiply(cents(-kThird), 3, 2, Rounding::half_away_from_zero).cents(), kMin);
  EXPECT_EQ(multiply(cents(-kThird), 3, 2, Rounding::half_up).cents(), kMin + 1);
  EXPECT_EQ(multiply(cents(-kThird), 3, 2, Rounding::down).cents(), kMin + 1);

  expect_overflow([] { multiply(cents(kMax), 2, 1, Rounding::down); });
  expect_overflow([] { multiply(cents(kMin), -1, 1, Rounding::down); });
  expect_overflow([] { multiply(cents(kMin), 1, -1, Rounding::down); });
  expect_overflow([] { multiply(cents(kMax), kMax, 1, Rounding::down); });
}

TEST(MoneyMultiply, ZeroDenominatorIsAProgrammingError) {
  EXPECT_THROW(multiply(cents(100), 1, 0, Rounding::down), std::invalid_argument);
}

}  // namespace
}  // namespace hms
