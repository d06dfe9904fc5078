// A bank statement file as an agency uploads it, CODA or camt.053, told apart by its content:
// a CODA file starts with a header record "0…" of 128 characters, a camt.053 file is XML whose
// root is in a camt.053 namespace. E.g. parse_bank_file(read("sample.coda")).format == "coda".
#pragma once
#include <string_view>

#include "formats/bank/statement.hpp"

namespace hms::bank {

// parse_coda or parse_camt053 by the content (a UTF-8 byte order mark and leading blank space
// are skipped before looking). Anything else throws BankFileError "bank.not_bank_file" (line 1).
BankFile parse_bank_file(std::string_view bytes);

}  // namespace hms::bank
