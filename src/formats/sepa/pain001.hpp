// A SEPA credit transfer initiation file (ISO 20022 pain.001, finance-formats.md §4.1 and §4.2)
// from plain values: one payment information block (one debtor account, one execution date,
// batch booking) and its transfers. Knows nothing of owners or agencies: the caller gives names,
// IBANs, amounts and texts; the writer transliterates the texts to the SEPA Latin character set
// and cuts them to their maxima. The same values always give the same bytes.
// E.g. version 09, MsgId "HMS-IX-2026-03-1772703300", 2 transfers, CtrlSum 1327.13.
#pragma once
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/money.hpp"

namespace hms::sepa {

enum class Pain001Version { v09, v03 };  // pain.001.001.09 (2019) | pain.001.001.03 (2009)

inline constexpr std::size_t kMaxName = 70;        // Nm
inline constexpr std::size_t kMaxRemittance = 140; // RmtInf/Ustrd
inline constexpr std::size_t kMaxId = 35;          // MsgId, PmtInfId, EndToEndId

struct CreditTransfer {
  std::string end_to_end_id;  // cut to 35
  Money amount;               // > 0, written with 2 decimals
  std::string creditor_name;  // UTF-8; transliterated, cut to 70
  std::string creditor_iban;  // compact
  std::string remittance;     // UTF-8; transliterated, cut to 140 (Ustrd)
};

struct CreditTransferFile {
  Pain001Version version = Pain001Version::v09;
  std::string message_id;              // MsgId, cut to 35; also the PmtInfId
  std::string created_at;              // CreDtTm, "2026-03-05T10:15:00"
  std::string initiating_party;        // InitgPty/Nm, and Dbtr/Nm
  std::string debtor_iban;             // compact
  std::string debtor_bic;              // 8 or 11; "" leaves DbtrAgt/FinInstnId/Othr/Id NOTPROVIDED
  std::chrono::year_month_day execution_date{};
  std::vector<CreditTransfer> transfers;
};

std::string_view namespace_of(Pain001Version v);  // "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"

// The file's bytes (UTF-8, with its XML declaration): GrpHdr (MsgId, CreDtTm, NbOfTxs, CtrlSum,
// InitgPty/Nm), one PmtInf (PmtInfId, PmtMtd TRF, BtchBookg true, NbOfTxs, CtrlSum,
// PmtTpInf/SvcLvl/Cd SEPA, ReqdExctnDt — in 09 as <ReqdExctnDt><Dt>, in 03 a plain date —, Dbtr,
// DbtrAcct, DbtrAgt (BICFI in 09, BIC in 03), ChrgBr SLEV) and one CdtTrfTxInf per transfer
// (EndToEndId, InstdAmt Ccy EUR, Cdtr/Nm, CdtrAcct/Id/IBAN, RmtInf/Ustrd). NbOfTxs and CtrlSum
// at both levels are the count and the sum of the transfers.
std::string write_pain001(const CreditTransferFile& file);

// The SEPA Latin character set (a–z A–Z 0–9 / - ? : ( ) . , ' + space): letters with accents
// lose them (é → e, ß → ss, Æ → AE), '&' becomes '+', any other character a space; runs of
// spaces become one and the ends are trimmed: "Françoise Bössche & fils" → "Francoise Bossche + fils".
std::string sepa_text(std::string_view utf8);
// sepa_text, then at most `max` characters (whole text when shorter), trailing space trimmed.
std::string sepa_text(std::string_view utf8, std::size_t max);

}  // namespace hms::sepa
