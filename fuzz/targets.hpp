// What the fuzz targets check on any bytes, shared by the libFuzzer targets (fuzz/*_fuzz.cpp,
// clang) and by the replay of their corpora in the normal suite
// (tests/unit/formats/fuzz_corpus_test.cpp, gcc): each reader reads or refuses with its own
// error, never crashes nor throws anything else, and what it reads survives a round trip. A
// broken promise aborts, which both libFuzzer and the test report.
#pragma once
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/error.hpp"
#include "common/iban.hpp"
#include "common/money.hpp"
#include "domain/applicants/national_number.hpp"
#include "domain/leases/payment_reference.hpp"
#include "domain/owners/bank_account.hpp"
#include "formats/table.hpp"

namespace hms::fuzz {

inline void require(bool promise) {
  if (!promise) std::abort();
}

// An amount as typed or read from a file: read (and its contract form reads back to the same
// cents) or refused with a money.* code.
inline void money(std::string_view bytes) {
  const auto read = Money::parse(bytes);
  if (!read) return;
  const auto again = Money::parse(read.value().format_plain());
  require(again && again.value().cents() == read.value().cents());
}

// The identifiers people type: an IBAN, a national register number, a structured communication,
// an enterprise number; each normalised form is read back to itself.
inline void identifiers(std::string_view bytes) {
  if (const auto iban = checked_iban(bytes)) require(checked_iban(*iban) == iban);
  if (const auto nrn = applicants::normalize_national_number(bytes)) {
    if (applicants::is_valid_national_number(*nrn)) {
      require(applicants::mask_national_number(*nrn).size() > 0);
      require(applicants::normalize_national_number(applicants::format_national_number(*nrn)) == nrn);
    }
  }
  if (const auto reference = leases::parse_payment_reference(bytes))
    require(leases::parse_payment_reference(leases::format_payment_reference(*reference)) == reference);
  try {
    const auto digits = owners::validate_company_number(bytes);
    require(owners::validate_company_number(owners::format_company_number(digits)) == digits);
  } catch (const DomainError&) {
  }
}

// A stock file, as CSV and as XLSX: a table within the readers' limits, or a DomainError.
inline void table(std::string_view bytes) {
  for (auto* read : {&formats::read_csv, &formats::read_xlsx}) {
    try {
      const auto t = read(bytes);
      require(t.rows.size() == t.lines.size() && t.rows.size() <= formats::kMaxRows);
      require(t.header.size() <= formats::kMaxColumns);
    } catch (const DomainError&) {
    }
  }
}

}  // namespace hms::fuzz
