// What a bank statement file tells, whatever its format (CODA 2.x or camt.053): per statement
// the account, its old and new balance and the movements between them. E.g. statement 024 of
// account BE11068246013548 on 5 February 2025: 12,543.80 € + 1,937.50 € − 925.00 € = 13,556.30 €.
// The parsers check a whole file before returning it (finance-formats.md §1.11, §4.4); a file
// they refuse throws BankFileError naming the line (CODA) or the element (camt) and the reason.
#pragma once
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "common/money.hpp"

namespace hms::bank {

// One booked movement of an account.
struct BankMovement {
  int sequence = 0;                                   // CODA: record 21's sequence; camt: 1-based Ntry index
  std::chrono::year_month_day booking_date;           // entry date
  std::optional<std::chrono::year_month_day> value_date;  // none when the bank gives 000000 or no ValDt
  Money amount;                                       // signed cents: a credit (money in) is > 0, a debit < 0
  std::string counterparty_name;                      // UTF-8, trimmed; may be empty
  std::string counterparty_iban;                      // compact ("BE25735104827682"), as given; may be empty
  std::string counterparty_bic;                       // 8 or 11 characters; may be empty
  // The 12 digits of a Belgian structured communication ("250200001456"), only when the bank
  // flagged it as structured (CODA type 101/102, camt Strd/CdtrRefInf issuer BBA). Its check
  // digits are NOT verified here: the bank already accepted the payment (§1.11 step 6); the
  // matcher refuses a wrong check.
  std::optional<std::string> structured_communication;
  std::string free_communication;                     // unstructured text, UTF-8, trimmed; may be empty
  std::string bank_reference;                         // CODA 21 pos. 11–31, camt AcctSvcrRef; may be empty
  // CODA: the details of a globalisation (records 21 of detail 0001, 0002… on this movement's
  // sequence), e.g. the tenant credits inside a bank-booked batch, each with its own amount,
  // communication and counterparty (and no details of its own). Not added to the balance: this
  // movement's amount is what was booked. Empty for camt and for a movement without details.
  std::vector<BankMovement> details;
};

// One statement of one account.
struct BankStatement {
  std::string account_iban;                      // compact, upper case; required
  std::string currency;                          // ISO 4217, always "EUR" (others are refused)
  std::string number;                            // CODA: sequence number of record 1 ("024"); camt: ElctrncSeqNb, else Id
  std::chrono::year_month_day date;              // the new (closing) balance's date
  Money old_balance;                             // signed cents (a debit balance is < 0)
  Money new_balance;                             // signed cents; = old_balance + Σ movements, checked
  std::vector<BankMovement> movements;           // in file order
};

// A whole file: one or more statements.
struct BankFile {
  std::string format;                            // "coda" | "camt.053"
  std::vector<BankStatement> statements;         // at least one
};

// One reason a file is refused. `code` is a catalog key (src/web/i18n/*/bank.txt) whose
// {placeholders} are filled from `params`.
struct BankFileProblem {
  int line = 0;             // CODA: the 1-based line; 0 for camt
  std::string element;      // camt: the element's path ("Document/BkToCstmrStmt/Stmt[1]/Bal[2]/Amt"); empty for CODA
  std::string field;        // what on that line/element: "amount", "record_type", "sequence"…; may be empty
  std::string code;         // "bank.record_length", …
  std::map<std::string, std::string> params;
};

// Thrown by the parsers with every problem found (at most kMaxProblems), in file order.
class BankFileError : public std::runtime_error {
 public:
  static constexpr std::size_t kMaxProblems = 50;
  explicit BankFileError(std::vector<BankFileProblem> problems);
  const std::vector<BankFileProblem>& problems() const { return problems_; }

 private:
  std::vector<BankFileProblem> problems_;
};

// The error of contract E: DomainError(validation, "bank.invalid_file") with the first problem
// as params: "line" (CODA) or "element" (camt), "field", "reason" (its code, whose text the
// view shows after bank.at_line / bank.at_element) and the reason's own params. The other
// problems stay in the BankFileError for a page that lists them all.
DomainError invalid_file_error(const BankFileError& error);

}  // namespace hms::bank
