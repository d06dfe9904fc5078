// Formats: exporting and importing a list the size of the Region's stock (8,000 dwellings,
// 6 columns) as CSV and as XLSX.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "formats/table.hpp"

namespace hms::formats {
namespace {

using Kind = Column::Kind;

const std::vector<Column> kColumns = {{"Référence", Kind::text},     {"Adresse", Kind::text},
                                      {"Loyer", Kind::money_cents},  {"Chambres", Kind::integer},
                                      {"Début du bail", Kind::date}, {"Agence", Kind::text}};

std::vector<std::vector<std::string>> stock(int count) {
  std::vector<std::vector<std::string>> rows;
  rows.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i)
    rows.push_back({"AIS-" + std::to_string(i),
                    "Rue de la Loi " + std::to_string(i % 200) + "; 1040 Etterbeek",
                    std::to_string(50000 + i * 7), std::to_string(i % 5), "2026-11-29",
                    "AIS Ixelles - Elsene"});
  return rows;
}

void write_csv_stock(benchmark::State& state) {
  const auto rows = stock(8000);
  for (auto _ : state) benchmark::DoNotOptimize(write_csv(kColumns, rows));
}
BENCHMARK(write_csv_stock)->Unit(benchmark::kMillisecond);

void read_csv_stock(benchmark::State& state) {
  const auto bytes = write_csv(kColumns, stock(8000));
  for (auto _ : state) benchmark::DoNotOptimize(read_csv(bytes));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes.size()));
}
BENCHMARK(read_csv_stock)->Unit(benchmark::kMillisecond);

void write_xlsx_stock(benchmark::State& state) {
  const auto rows = stock(8000);
  for (auto _ : state) benchmark::DoNotOptimize(write_xlsx("Logements", kColumns, rows));
}
BENCHMARK(write_xlsx_stock)->Unit(benchmark::kMillisecond);

void read_xlsx_stock(benchmark::State& state) {
  const auto bytes = write_xlsx("Logements", kColumns, stock(8000));
  for (auto _ : state) benchmark::DoNotOptimize(read_xlsx(bytes));
}
BENCHMARK(read_xlsx_stock)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace hms::formats
