// How long another agency's write waits while a large import writes, in one process as in
// `hms serve` (the same pool, SQLite's FIFO write gate): the import runs on a thread while the
// main thread saves another agency's settings (a use case with its audit entry) every 20 ms and
// times each save. import_bench.sh runs it; the target is no wait of a second or more.
//
//   hms_import_wait_bench DB_URL IMPORT_AGENCY OTHER_AGENCY FILE.csv
//     → {"import_ms": 612, "writes": 31, "median_ms": 2.1, "longest_ms": 27.4}
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "app/agencies/agency_settings.hpp"
#include "app/onboarding/stock_import.hpp"
#include "storage/sql_store.hpp"

int main(int argc, char** argv) {
  using namespace hms;
  using Clock = std::chrono::steady_clock;
  if (argc != 5) {
    std::fprintf(stderr, "usage: %s DB_URL IMPORT_AGENCY OTHER_AGENCY FILE.csv\n", argv[0]);
    return 2;
  }
  const std::string url = argv[1], agency = argv[2], other = argv[3], path = argv[4];
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  storage::SqlStore store(db::Database::open(url, 8), storage::load_field_cipher(url, false));
  SystemClock clock;
  const app::Context cli{clock, "bench", std::nullopt, std::nullopt};

  std::atomic<bool> importing{true};
  double import_ms = 0;
  std::string failure;
  std::thread importer([&] {
    const auto t0 = Clock::now();
    try {
      auto report = app::run_stock_import(store, cli, agency, path, bytes.str(), false);
      if (!report.ok()) failure = "the file has problems";
    } catch (const std::exception& e) {
      failure = e.what();
    }
    import_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    importing = false;
  });
  std::vector<double> waits;
  int n = 0;
  while (importing) {
    const auto t0 = Clock::now();
    app::update_agency_settings(store, cli, {std::to_string(5 + n++ % 5)}, other);
    waits.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  importer.join();
  if (!failure.empty()) {
    std::fprintf(stderr, "import failed: %s\n", failure.c_str());
    return 1;
  }
  std::sort(waits.begin(), waits.end());
  const double median = waits.empty() ? 0 : waits[waits.size() / 2];
  const double longest = waits.empty() ? 0 : waits.back();
  std::printf("{\"import_ms\": %.0f, \"writes\": %zu, \"median_ms\": %.1f, \"longest_ms\": %.1f}\n", import_ms,
              waits.size(), median, longest);
  return 0;
}
