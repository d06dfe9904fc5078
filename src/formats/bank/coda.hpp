// CODA 2.x, the Febelfin "coded statement of account" every Belgian bank delivers: fixed
// records of 128 characters (0 header, 1 old balance, 21/22/23 a movement, 31/32/33 its
// information, 8 new balance, 4 free text, 9 trailer), one or more statements per file.
// E.g. /work/shared/data/sample.coda, statement 024 of BE11068246013548 (finance-formats.md §1).
#pragma once
#include <string_view>

#include "formats/bank/statement.hpp"

namespace hms::bank {

// The statements of a CODA file (bytes as read, windows-1252; CRLF or LF; a final newline or
// not). The whole file is checked first, as finance-formats.md §1.11 steps 1–8: every record
// 128 characters of a known type, in order (0 1 {21 [22] [23] [31 [32] [33]]} 8 [4…] 9, the
// next/link codes of each record naming the one that follows), version 2, continuous movement
// sequence numbers, 22/23/3x on the sequence of their 21, the account of record 8 equal to that
// of record 1, old balance + movements = new balance, and the trailer's record count and debit
// and credit totals. Amounts have 3 decimals in CODA: a non-zero thousandth is refused.
// Movements are the records 21 of detail 0000 (the amounts the balance adds up); the details of
// a globalisation (detail 0001…) are their movement's `details`. Throws BankFileError on any
// problem; returns nothing partial.
BankFile parse_coda(std::string_view bytes);

}  // namespace hms::bank
