// A CODA 2 file crafted in the real layout (finance-formats.md §1, as tests/data/bank/sample.coda):
// for the bank import's tests, e.g. coda("BE11068246013548", "001", "050326", {{64'500, "250200001456", "", "BE25735104827682", "DUPONT MARIE"}}).
#pragma once
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace hms::test {

// One movement of a crafted CODA statement.
struct CodaMovement {
  long long cents = 0;             // signed: a credit > 0
  std::string structured;          // 12 digits, or "" for a free communication
  std::string free_text;
  std::string iban;                // the counterparty's, may be ""
  std::string name;
};

// A 128-character record: `fields` written at their 1-based positions over blanks.
inline std::string coda_record(std::initializer_list<std::pair<std::size_t, std::string>> fields) {
  std::string r(128, ' ');
  for (const auto& [position, text] : fields) r.replace(position - 1, text.size(), text);
  return r + "\r\n";
}

inline std::string coda_digits(long long value, int width) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%0*lld", width, value);
  return buffer;
}

// A CODA 2 file of one statement `number` (3 digits) of `account` on `ddmmyy`, from an old
// balance of 10,000.00 €: records 0, 1, 21 + 22 + 23 per movement, 8, 9 (sample.coda's layout).
inline std::string coda(const std::string& account, const std::string& number, const std::string& ddmmyy,
                 const std::vector<CodaMovement>& movements) {
  const std::string acct = account + std::string(34 - account.size(), ' ') + "EUR";
  const long long old_balance = 1'000'000;
  long long debits = 0, credits = 0;
  std::string out = coda_record({{1, "00000" + ddmmyy + "00005"}, {35, "AIS TEST ASBL"}, {128, "2"}});
  out += coda_record({{1, "12" + number}, {6, acct}, {43, "0" + coda_digits(old_balance * 10, 15)}, {59, ddmmyy}, {126, number}});
  int i = 0;
  for (const auto& m : movements) {
    const std::string seq = coda_digits(++i, 4);
    const long long abs = m.cents < 0 ? -m.cents : m.cents;
    (m.cents < 0 ? debits : credits) += abs;
    const std::string communication = m.structured.empty() ? "0" + m.free_text : "1101" + m.structured;
    out += coda_record({{1, "21" + seq + "0000EBK" + ddmmyy + coda_digits(i, 12)},
                   {32, std::string(m.cents < 0 ? "1" : "0") + coda_digits(abs * 10, 15) + ddmmyy + "00150000" + communication},
                   {116, ddmmyy + number + "0"}, {126, "1"}, {128, "0"}});
    out += coda_record({{1, "22" + seq + "0000"}, {99, "GKCCBEBB"}, {126, "1"}, {128, "0"}});
    const std::string iban = m.iban + std::string(34 - m.iban.size(), ' ');
    out += coda_record({{1, "23" + seq + "0000" + iban + "EUR" + m.name}, {126, "0"}, {128, "0"}});
  }
  const long long new_balance = old_balance + credits - debits;
  out += coda_record({{1, "8" + number}, {5, acct}, {42, "0" + coda_digits(new_balance * 10, 15)}, {58, ddmmyy}});
  out += coda_record({{1, "9"}, {17, coda_digits(3LL * static_cast<long long>(movements.size()) + 2, 6) + coda_digits(debits * 10, 15) +
                                    coda_digits(credits * 10, 15)},
                 {128, "2"}});
  return out;
}

}  // namespace hms::test
