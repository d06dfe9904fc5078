// Argon2id's cost (libsodium "interactive": 2 passes over 64 MiB): the time every login,
// every failed login and every password change spends on purpose. A few iterations only.
#include <benchmark/benchmark.h>

#include "app/users/passwords.hpp"

namespace hms {
namespace {

void hash_password(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(app::hash_password("tulipe-canal-brique-42"));
}
BENCHMARK(hash_password)->Iterations(3)->Unit(benchmark::kMillisecond);

void verify_password(benchmark::State& state) {
  const std::string hash = app::hash_password("tulipe-canal-brique-42");
  for (auto _ : state) benchmark::DoNotOptimize(app::verify_password(hash, "tulipe-canal-brique-42"));
}
BENCHMARK(verify_password)->Iterations(3)->Unit(benchmark::kMillisecond);

// Session tokens: what every authenticated request hashes (BLAKE2b-256) to find its session.
void token_hash(benchmark::State& state) {
  const std::string token = app::random_token();
  for (auto _ : state) benchmark::DoNotOptimize(app::token_hash(token));
}
BENCHMARK(token_hash);

}  // namespace
}  // namespace hms
