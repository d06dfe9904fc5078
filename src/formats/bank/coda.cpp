#include "formats/bank/coda.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/iban.hpp"
#include "formats/bank/problems.hpp"

namespace hms::bank {
namespace {

using detail::fail;
using detail::ProblemList;

constexpr std::size_t kRecordLength = 128;

// Positions are 1-based and inclusive, as in the Febelfin document: at(r, 44, 58).
std::string_view at(std::string_view record, std::size_t from, std::size_t to) {
  return record.substr(from - 1, to - from + 1);
}
char at(std::string_view record, std::size_t position) { return record[position - 1]; }

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  return text;
}

bool all_digits(std::string_view text) {
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return !text.empty();
}

std::int64_t number(std::string_view digits) {
  std::int64_t n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

// Windows-1252 text of a CODA field as UTF-8 (0x80–0x9F by the code page's table, the rest as Latin-1).
std::string to_utf8(std::string_view text) {
  static constexpr std::array<char16_t, 32> k80{
      0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      out += c;
      continue;
    }
    const unsigned code = byte < 0xA0 ? k80[byte - 0x80] : byte;
    if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
    } else {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    }
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
  return out;
}

// The record type of a 128-character line: "0", "1", "21"…"33", "4", "8", "9", or "" if unknown.
std::string_view record_type(std::string_view record) {
  static constexpr std::array<std::string_view, 11> kTypes{"0", "1", "21", "22", "23", "31", "32", "33", "4", "8", "9"};
  for (std::string_view type : kTypes)
    if (record.starts_with(type)) return type;
  return {};
}

// Reads the fields of one record, adding a problem (with the line) for each bad one.
struct FieldReader {
  std::string_view record;
  int line;
  ProblemList& problems;

  // 12 + 3 digits, unsigned, in cents; a non-zero thousandth is refused.
  Money amount(std::size_t from, std::size_t to, const char* field) {
    const std::string_view digits = at(record, from, to);
    if (!all_digits(digits)) {
      problems.add(fail("bank.bad_amount").at_line(line).on(field).with("value", std::string(digits)));
      return {};
    }
    if (digits.back() != '0') {
      problems.add(fail("bank.amount_mills").at_line(line).on(field).with("value", std::string(digits)));
      return {};
    }
    return Money::from_cents(number(digits.substr(0, digits.size() - 1)));
  }
  // `0` credit, `1` debit: the amount signed.
  Money signed_amount(std::size_t sign_position, std::size_t from, std::size_t to, const char* field) {
    const Money value = amount(from, to, field);
    const char sign = at(record, sign_position);
    if (sign != '0' && sign != '1') {
      problems.add(fail("bank.bad_field").at_line(line).on("sign").with("value", std::string(1, sign)));
      return value;
    }
    return sign == '1' ? -value : value;
  }
  // DDMMYY of the years 2000–2099; none for 000000 when `may_be_unknown`.
  std::optional<std::chrono::year_month_day> date(std::size_t from, const char* field, bool may_be_unknown = false) {
    const std::string_view text = at(record, from, from + 5);
    if (may_be_unknown && text == "000000") return std::nullopt;
    std::optional<std::chrono::year_month_day> value;
    if (all_digits(text))
      value = detail::make_date(2000 + static_cast<int>(number(text.substr(4, 2))),
                                static_cast<int>(number(text.substr(2, 2))), static_cast<int>(number(text.substr(0, 2))));
    if (!value) problems.add(fail("bank.bad_date").at_line(line).on(field).with("value", std::string(text)));
    return value;
  }
  // A 4-digit sequence or detail number; -1 (with a problem) if not digits.
  int counter(std::size_t from, const char* field) {
    const std::string_view digits = at(record, from, from + 3);
    if (all_digits(digits)) return static_cast<int>(number(digits));
    problems.add(fail("bank.bad_field").at_line(line).on(field).with("value", std::string(digits)));
    return -1;
  }
};

// What may follow a record, from its type and its next (pos. 126) and link (pos. 128) codes.
std::vector<std::string_view> allowed_after(std::string_view type, std::string_view record) {
  if (type.empty()) return {"0"};  // start of the file
  const bool next = at(record, 126) == '1';
  const bool link = at(record, 128) == '1';
  if (type == "0") return {"1"};
  if (type == "1") return {"21", "8"};
  if (type == "21" && next) return {"22", "23"};
  if (type == "22" && next) return {"23"};
  if (type == "31" && next) return {"32", "33"};
  if (type == "32" && next) return {"33"};
  if (type[0] == '2' || type[0] == '3') return link ? std::vector<std::string_view>{"31"} : std::vector<std::string_view>{"21", "8"};
  if (type == "8" || type == "4") return link ? std::vector<std::string_view>{"4"} : std::vector<std::string_view>{"9"};
  return {"0", ""};  // after a trailer: another statement, or the end of the file ("")
}

std::string joined(const std::vector<std::string_view>& types) {
  std::string out;
  for (std::string_view t : types) {
    if (t.empty()) continue;
    if (!out.empty()) out += ", ";
    out += t;
  }
  return out.empty() ? std::string("-") : out;
}

// The statement being read, between its records 0 and 9.
struct OpenStatement {
  BankStatement statement;
  std::string_view account_zone;    // record 1 pos. 6–42, which record 8 repeats at 5–41
  int records = 0;                  // records 1, 2x, 3x and 8, which the trailer counts
  Money debits, credits;            // Σ of the records 21 of detail 0000, by sign
  int sequence = -1;                // of the last record 21 (-1 before the first)
  int detail_number = 0;            // of the last record 21
  BankMovement* movement = nullptr; // the movement the last 21 opened; null for a globalisation detail
  std::string communication;        // free communication pieces of `movement`, joined
  bool structured = false;          // the last 21 flagged its communication as structured
};

// The free communication pieces gathered so far become the movement's text.
void close_movement(OpenStatement& open) {
  if (open.movement && !open.structured) open.movement->free_communication = std::string(trim_spaces(open.communication));
  open.movement = nullptr;
  open.communication.clear();
}

void read_old_balance(OpenStatement& open, FieldReader& r) {
  const char structure = at(r.record, 2);
  bool structure_known = true;
  if (structure == '2') {
    open.statement.account_iban = std::string(trim_spaces(at(r.record, 6, 21)));
  } else if (structure == '3') {
    open.statement.account_iban = std::string(trim_spaces(at(r.record, 6, 39)));
  } else {
    structure_known = false;
    r.problems.add(fail("bank.unsupported_account").at_line(r.line).on("account_structure").with("value", std::string(1, structure)));
  }
  if (structure_known && !checked_iban(open.statement.account_iban))
    r.problems.add(fail("bank.bad_iban").at_line(r.line).on("account").with("value", open.statement.account_iban));
  const std::string_view currency = at(r.record, 40, 42);
  if (currency != "EUR")
    r.problems.add(fail("bank.currency").at_line(r.line).on("currency").with("value", std::string(currency)));
  open.statement.currency = std::string(currency);
  open.account_zone = at(r.record, 6, 42);
  open.statement.old_balance = r.signed_amount(43, 44, 58, "old_balance");
  r.date(59, "old_balance_date");
  open.statement.number = std::string(at(r.record, 126, 128));
}

void read_movement(OpenStatement& open, FieldReader& r) {
  // 1. Sequence and detail numbers: a movement (detail 0000) follows the previous one by 1
  //    (9999 → 0000); a detail of a globalisation repeats its sequence with a higher detail.
  const int sequence = r.counter(3, "sequence");
  const int detail_number = r.counter(7, "detail");
  if (sequence < 0 || detail_number < 0) return;
  close_movement(open);
  if (detail_number == 0) {
    if (open.sequence >= 0 && sequence != (open.sequence + 1) % 10000)
      r.problems.add(fail("bank.sequence_broken").at_line(r.line).on("sequence")
                         .with("found", std::to_string(sequence)).with("expected", std::to_string((open.sequence + 1) % 10000)));
  } else if (sequence != open.sequence || detail_number <= open.detail_number) {
    r.problems.add(fail("bank.sequence_broken").at_line(r.line).on("detail")
                       .with("found", std::to_string(sequence)).with("expected", std::to_string(open.sequence)));
  }
  open.sequence = sequence;
  open.detail_number = detail_number;
  // 2. The amount, signed; only the movement itself (detail 0000) counts in balance and totals.
  const Money amount = r.signed_amount(32, 33, 47, "amount");
  const auto value_date = r.date(48, "value_date", true);
  const auto booking_date = r.date(116, "booking_date");
  if (detail_number == 0) (amount < Money::zero() ? open.debits : open.credits) += amount < Money::zero() ? -amount : amount;
  // 3. The movement, or a detail of the last one; its communication structured (type 101 or 102:
  //    12 digits at 66–77) or free.
  if (detail_number != 0 && open.statement.movements.empty()) return;  // sequence_broken already said
  BankMovement& m = detail_number == 0 ? open.statement.movements.emplace_back()
                                       : open.statement.movements.back().details.emplace_back();
  m.sequence = sequence;
  m.amount = amount;
  m.value_date = value_date;
  if (booking_date) m.booking_date = *booking_date;
  m.bank_reference = std::string(trim_spaces(at(r.record, 11, 31)));
  open.movement = &m;
  open.structured = false;
  if (at(r.record, 62) == '1') {
    const std::string_view type = at(r.record, 63, 65);
    const std::string_view digits = at(r.record, 66, 77);
    if ((type == "101" || type == "102") && all_digits(digits)) {
      m.structured_communication = std::string(digits);
      open.structured = true;
      return;
    }
  } else if (at(r.record, 62) != '0') {
    r.problems.add(fail("bank.bad_field").at_line(r.line).on("communication_type").with("value", std::string(1, at(r.record, 62))));
  }
  open.communication = to_utf8(at(r.record, 63, 115));
}

// Records 22, 23 and 3x: on the sequence (and for 22/23 the detail) of the last 21.
void check_same_movement(const OpenStatement& open, FieldReader& r, bool same_detail) {
  const int sequence = r.counter(3, "sequence");
  const int detail_number = r.counter(7, "detail");
  if (sequence < 0 || detail_number < 0) return;
  if (sequence != open.sequence || (same_detail && detail_number != open.detail_number))
    r.problems.add(fail("bank.sequence_broken").at_line(r.line).on("sequence")
                       .with("found", std::to_string(sequence)).with("expected", std::to_string(open.sequence)));
}

void read_movement_part(OpenStatement& open, FieldReader& r, std::string_view type) {
  check_same_movement(open, r, true);
  if (!open.movement) return;
  if (type == "22") {
    open.communication += to_utf8(at(r.record, 11, 63));
    open.movement->counterparty_bic = std::string(trim_spaces(at(r.record, 99, 109)));
  } else {
    open.communication += to_utf8(at(r.record, 83, 125));
    open.movement->counterparty_iban = std::string(trim_spaces(at(r.record, 11, 44)));
    open.movement->counterparty_name = to_utf8(trim_spaces(at(r.record, 48, 82)));
  }
}

void read_new_balance(OpenStatement& open, FieldReader& r) {
  close_movement(open);
  if (at(r.record, 5, 41) != open.account_zone)
    r.problems.add(fail("bank.account_mismatch").at_line(r.line).on("account")
                       .with("found", std::string(trim_spaces(at(r.record, 5, 41))))
                       .with("expected", std::string(trim_spaces(open.account_zone))));
  open.statement.new_balance = r.signed_amount(42, 43, 57, "new_balance");
  if (const auto date = r.date(58, "new_balance_date")) open.statement.date = *date;
  // Old balance + credits − debits = new balance (§1.11 step 8).
  const Money computed = open.statement.old_balance + open.credits - open.debits;
  if (r.problems.empty() && computed != open.statement.new_balance)
    r.problems.add(fail("bank.balance_mismatch").at_line(r.line).on("new_balance")
                       .with("old", detail::plain(open.statement.old_balance))
                       .with("movements", detail::plain(open.credits - open.debits))
                       .with("computed", detail::plain(computed))
                       .with("new", detail::plain(open.statement.new_balance)));
}

void read_trailer(const OpenStatement& open, FieldReader& r) {
  const std::string_view count = at(r.record, 17, 22);
  if (!all_digits(count))
    r.problems.add(fail("bank.bad_field").at_line(r.line).on("record_count").with("value", std::string(count)));
  else if (number(count) != open.records)
    r.problems.add(fail("bank.trailer_count").at_line(r.line).on("record_count")
                       .with("found", std::to_string(number(count))).with("expected", std::to_string(open.records)));
  const Money debits = r.amount(23, 37, "debit_total");
  const Money credits = r.amount(38, 52, "credit_total");
  if (debits != open.debits)
    r.problems.add(fail("bank.trailer_debit_total").at_line(r.line).on("debit_total")
                       .with("found", detail::plain(debits)).with("expected", detail::plain(open.debits)));
  if (credits != open.credits)
    r.problems.add(fail("bank.trailer_credit_total").at_line(r.line).on("credit_total")
                       .with("found", detail::plain(credits)).with("expected", detail::plain(open.credits)));
}

}  // namespace

BankFile parse_coda(std::string_view bytes) {
  ProblemList problems;
  // 1. Lines: LF or CRLF, a final line end or not; each 128 characters of a known record type.
  std::vector<std::string_view> records;
  records.reserve(bytes.size() / (kRecordLength + 1) + 1);
  for (std::size_t start = 0; start < bytes.size();) {
    std::size_t end = bytes.find('\n', start);
    if (end == std::string_view::npos) end = bytes.size();
    std::string_view text = bytes.substr(start, end - start);
    if (text.ends_with('\r')) text.remove_suffix(1);
    records.push_back(text);
    start = end + 1;
  }
  for (std::size_t i = 0; i < records.size(); ++i) {
    const int line = static_cast<int>(i) + 1;
    if (records[i].size() != kRecordLength)
      problems.add(fail("bank.record_length").at_line(line).on("record").with("length", std::to_string(records[i].size())));
    else if (record_type(records[i]).empty())
      problems.add(fail("bank.unknown_record").at_line(line).on("record_type").with("record", std::string(records[i].substr(0, 2))));
  }
  if (records.empty()) problems.add(fail("bank.empty_file"));
  problems.throw_if_any();

  // 2. The records in order, each statement from its 0 to its 9; an order problem ends the reading.
  BankFile file{"coda", {}};
  OpenStatement open;
  std::string_view previous_type, previous;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const std::string_view record = records[i];
    const std::string_view type = record_type(record);
    FieldReader r{record, static_cast<int>(i) + 1, problems};
    const auto allowed = allowed_after(previous_type, previous);
    if (std::find(allowed.begin(), allowed.end(), type) == allowed.end())
      problems.throw_now(fail("bank.record_out_of_order").at_line(r.line).on("record_type")
                             .with("record", std::string(type)).with("expected", joined(allowed)));
    previous_type = type;
    previous = record;
    if (type != "0" && type != "4" && type != "9") ++open.records;
    // 3. Each record's fields, and the checks that close a movement, a balance and a statement.
    if (type == "0") {
      open = OpenStatement{};
      if (at(record, 128) != '2')
        problems.add(fail("bank.unsupported_version").at_line(r.line).on("version").with("version", std::string(1, at(record, 128))));
    } else if (type == "1") {
      read_old_balance(open, r);
    } else if (type == "21") {
      read_movement(open, r);
    } else if (type == "22" || type == "23") {
      read_movement_part(open, r, type);
    } else if (type[0] == '3') {
      check_same_movement(open, r, false);
    } else if (type == "8") {
      read_new_balance(open, r);
    } else if (type == "9") {
      read_trailer(open, r);
      file.statements.push_back(std::move(open.statement));
    }
  }
  // 4. The file ends after a trailer.
  if (previous_type != "9")
    problems.throw_now(fail("bank.missing_record").at_line(static_cast<int>(records.size())).on("record_type")
                           .with("record", joined(allowed_after(previous_type, previous))));
  problems.throw_if_any();
  return file;
}

}  // namespace hms::bank
