// Bank files: reading a CODA statement of 100,000 movements (goal ≥ 100,000 movements/s,
// issue 10), then also matching each credit to one of 7,500 leases by structured communication.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/bank/matching.hpp"
#include "domain/leases/payment_reference.hpp"
#include "formats/bank/coda.hpp"

namespace hms::bank {
namespace {

constexpr int kLeases = 7500;

// A 128-character record: `fields` written at their 1-based positions over blanks.
std::string record(std::initializer_list<std::pair<std::size_t, std::string>> fields) {
  std::string r(128, ' ');
  for (const auto& [position, text] : fields) r.replace(position - 1, text.size(), text);
  return r + "\r\n";
}

std::string digits(long long value, int width) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%0*lld", width, value);
  return buffer;
}

// One statement of `count` tenant credits of 685.00 €, each 21 + 22 + 23 with a structured
// communication (lease i's payment reference), as sample.coda lays them out.
std::string coda_file(int count) {
  const std::string account = "BE11068246013548                  EUR";
  const long long old_balance = 1'254'380;  // cents
  std::string out = record({{1, "0000005022500005"}, {35, "AIS EXEMPLE BRUXELLES ASBL"}, {128, "2"}});
  out += record({{1, "12024"}, {6, account}, {43, "0" + digits(old_balance * 10, 15)}, {59, "040225"}, {126, "024"}});
  for (int i = 1; i <= count; ++i) {
    const std::string sequence = digits(i % 10000, 4);
    const std::string reference = leases::payment_reference(2'502'000'000LL + i % kLeases);
    out += record({{1, "21" + sequence + "0000EBK250205" + digits(i, 8)}, {32, "0000000000685000040225001500001101" + reference},
                   {116, "05022502401"}, {126, "1"}, {128, "0"}});
    out += record({{1, "22" + sequence + "0000"}, {99, "KREDBEBB"}, {126, "1"}, {128, "0"}});
    out += record({{1, "23" + sequence + "0000BE25735104827682"}, {45, "EURDUPONT MARIE"}, {126, "0"}, {128, "0"}});
  }
  const long long credits = 68'500LL * count;
  out += record({{1, "8024"}, {5, account}, {42, "0" + digits((old_balance + credits) * 10, 15)}, {58, "050225"}});
  out += record({{1, "9"}, {17, digits(3LL * count + 2, 6) + digits(0, 15) + digits(credits * 10, 15)}, {128, "2"}});
  return out;
}

void parse_coda_100k(benchmark::State& state) {
  const std::string bytes = coda_file(100'000);
  for (auto _ : state) benchmark::DoNotOptimize(parse_coda(bytes));
  state.SetItemsProcessed(state.iterations() * 100'000);  // items/s = movements/s
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes.size()));
}
BENCHMARK(parse_coda_100k)->Unit(benchmark::kMillisecond);

void parse_and_match_coda_100k(benchmark::State& state) {
  const std::string bytes = coda_file(100'000);
  std::vector<OpenLease> leases;
  for (int i = 0; i < kLeases; ++i)
    leases.push_back({i, leases::payment_reference(2'502'000'000LL + i), {}, {Money::from_cents(68'500)}});
  std::unordered_map<std::string, std::size_t> by_reference;  // as the import would index them
  for (std::size_t i = 0; i < leases.size(); ++i) by_reference[leases[i].payment_reference] = i;
  for (auto _ : state) {
    int matched = 0;
    for (const BankStatement& s : parse_coda(bytes).statements)
      for (const BankMovement& m : s.movements) {
        const auto it = by_reference.find(m.structured_communication.value_or(""));
        const std::span<const OpenLease> candidates =
            it == by_reference.end() ? std::span<const OpenLease>(leases) : std::span<const OpenLease>(&leases[it->second], 1);
        matched += match_credit({m.amount, m.structured_communication, m.counterparty_iban}, candidates).lease_id ? 1 : 0;
      }
    if (matched != 100'000) state.SkipWithError("not every credit matched");
  }
  state.SetItemsProcessed(state.iterations() * 100'000);
}
BENCHMARK(parse_and_match_coda_100k)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace hms::bank
