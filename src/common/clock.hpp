// "Now" and "today" come from an injected Clock so that tests and the CLI's --today
// are deterministic. SystemClock reads the machine's clock; FixedClock is set by hand.
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>

namespace hms {

class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since 1970-01-01 UTC.
  virtual std::int64_t now_seconds() const = 0;
  // The calendar date in UTC.
  std::chrono::year_month_day today() const {
    return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(
        std::chrono::sys_seconds{std::chrono::seconds{now_seconds()}})};
  }
};

class SystemClock final : public Clock {
 public:
  std::int64_t now_seconds() const override {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

class FixedClock final : public Clock {
 public:
  explicit FixedClock(std::int64_t seconds) : seconds_(seconds) {}
  std::int64_t now_seconds() const override { return seconds_.load(); }
  void advance(std::int64_t seconds) { seconds_ += seconds; }

 private:
  std::atomic<std::int64_t> seconds_;
};

}  // namespace hms
