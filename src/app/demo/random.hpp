// A small deterministic random generator (SplitMix64) for the demo region: the same seed
// gives the same region on every machine and compiler (std:: distributions do not promise that).
// Only integer arithmetic: rng.chance(30) is true 3.0 % of the time (per mille); a weighted
// draw over {12, 30, 32} answers 0, 1 or 2 in those proportions.
#pragma once
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace hms::app::demo {

class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  // An independent stream for one part of the region (e.g. the stock of agency 3), so that
  // adding draws in one part does not change any other part.
  static Random stream(std::uint64_t seed, std::uint64_t part) {
    Random mix(seed ^ (part * 0xD1B54A32D192ED03ull));
    mix.next();
    return Random(mix.next());
  }
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [lo, hi].
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  int between_int(int lo, int hi) { return static_cast<int>(between(lo, hi)); }
  // True with probability per_mille / 1000.
  bool chance(int per_mille) { return between(0, 999) < per_mille; }
  template <typename T>
  const T& pick(std::span<const T> items) {
    return items[static_cast<std::size_t>(between(0, static_cast<std::int64_t>(items.size()) - 1))];
  }
  // An index into `weights`, each drawn in proportion to its weight.
  std::size_t weighted(std::span<const int> weights) {
    std::int64_t total = 0;
    for (int w : weights) total += w;
    std::int64_t r = between(0, total - 1);
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (r < weights[i]) return i;
      r -= weights[i];
    }
    return weights.size() - 1;
  }
  template <typename T>
  void shuffle(std::vector<T>& items) {
    for (std::size_t i = items.size(); i > 1; --i)
      std::swap(items[i - 1], items[static_cast<std::size_t>(between(0, static_cast<std::int64_t>(i) - 1))]);
  }

 private:
  std::uint64_t state_;
};

}  // namespace hms::app::demo
