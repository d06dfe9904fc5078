#include "formats/bank/bank_file.hpp"

#include "formats/bank/camt053.hpp"
#include "formats/bank/coda.hpp"
#include "formats/bank/problems.hpp"

namespace hms::bank {

BankFile parse_bank_file(std::string_view bytes) {
  // 1. What comes first, past a byte order mark and blank space.
  std::string_view start = bytes;
  if (start.starts_with("\xEF\xBB\xBF")) start.remove_prefix(3);
  const auto first = start.find_first_not_of(" \t\r\n");
  start = first == std::string_view::npos ? std::string_view() : start.substr(first);
  // 2. XML: camt.053 (which refuses another namespace by name); "0": a CODA header record.
  if (start.starts_with('<')) return parse_camt053(bytes);
  if (bytes.starts_with('0')) return parse_coda(bytes);
  detail::ProblemList problems;
  problems.throw_now(detail::fail("bank.not_bank_file").at_line(1));
}

}  // namespace hms::bank
