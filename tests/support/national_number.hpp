// A valid Belgian national register number for the tests' households: "YYMMDD" + a 3-digit
// serial + the check (97 − base mod 97, with "2" before the number for births from 2000).
#pragma once
#include <cstdio>
#include <string>

namespace hms::test {

inline std::string national_number(const std::string& yymmdd, int serial, bool born_2000_or_later) {
  char nine[32];
  std::snprintf(nine, sizeof nine, "%s%03d", yymmdd.c_str(), serial);
  long long base = std::stoll(nine);
  if (born_2000_or_later) base += 2000000000LL;
  char out[40];
  std::snprintf(out, sizeof out, "%s%02lld", nine, 97 - base % 97);
  return out;
}

}  // namespace hms::test
