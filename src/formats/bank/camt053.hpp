// camt.053, the ISO 20022 "bank to customer statement" XML that Belgian banks deliver next to
// CODA (Febelfin guideline v2.1): Document/BkToCstmrStmt/Stmt with its account, balances
// (OPBD or PRCD, CLBD) and entries (Ntry). Versions .001.02 (2009) and .001.08 (2019).
// E.g. tests/data/bank/statement_v02.xml (finance-formats.md §4.4).
#pragma once
#include <string_view>

#include "formats/bank/statement.hpp"

namespace hms::bank {

// The namespaces read: "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02" and "….001.08".
bool is_camt053_namespace(std::string_view uri);

// The statements of a camt.053 file (UTF-8 XML; elements may carry a namespace prefix). Each
// Stmt gives: Acct/Id/IBAN; Acct/Ccy or the balances' Ccy, which must be EUR; the opening
// balance (Bal with Tp/CdOrPrtry/Cd OPBD, else PRCD) and the closing one (CLBD), each Amt +
// CdtDbtInd + Dt; and the booked entries (Ntry whose Sts is BOOK or absent): Amt, CdtDbtInd,
// BookgDt, ValDt, AcctSvcrRef and, from the first NtryDtls/TxDtls, the counterparty (Dbtr of a
// credit, Cdtr of a debit; .02 and .08 layouts), its account's IBAN and agent's BIC, and the
// remittance: Strd/CdtrRefInf/Ref of issuer BBA (12 digits, the structured communication) or
// Ustrd. Checks opening balance + entries = closing balance. Amounts with more than 2 non-zero
// decimals are refused. Throws BankFileError naming the element's path.
BankFile parse_camt053(std::string_view bytes);

}  // namespace hms::bank
