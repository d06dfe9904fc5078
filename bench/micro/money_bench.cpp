// Money: parsing the formats found in forms and bank files, formatting for files and for
// Belgian readers, and multiplying by an indexation ratio.
#include <benchmark/benchmark.h>

#include "common/money.hpp"

namespace hms {
namespace {

void parse(benchmark::State& state, const char* text) {
  for (auto _ : state) benchmark::DoNotOptimize(Money::parse(text));
}
BENCHMARK_CAPTURE(parse, plain, "745.50");
BENCHMARK_CAPTURE(parse, belgian, "1.234,56 €");
BENCHMARK_CAPTURE(parse, spaces, "1\u202F234\u202F567,89");
BENCHMARK_CAPTURE(parse, english, "1,234,567.89");
BENCHMARK_CAPTURE(parse, ambiguous_error, "1.234");

void format_plain(benchmark::State& state) {
  const Money rent = Money::from_cents(123456789);
  for (auto _ : state) benchmark::DoNotOptimize(rent.format_plain());
}
BENCHMARK(format_plain);

void format_belgian(benchmark::State& state) {
  const Money rent = Money::from_cents(123456789);
  for (auto _ : state) benchmark::DoNotOptimize(rent.format_belgian());
}
BENCHMARK(format_belgian);

void multiply_indexation(benchmark::State& state) {
  Money rent = Money::from_cents(70000);
  for (auto _ : state) {
    benchmark::DoNotOptimize(rent);
    benchmark::DoNotOptimize(multiply(rent, 12134, 11820, Rounding::half_away_from_zero));
  }
}
BENCHMARK(multiply_indexation);

}  // namespace
}  // namespace hms
