// The bank side of an agency (contract E, issue 10 point 3): its own bank accounts (an
// organisation's account, not personal data), the statements imported from CODA or camt.053
// files, and their movements, each unmatched, matched to a lease (a BANK journal entry
// bank 550 ↔ tenant 400 (lease)) or booked elsewhere. A movement's counterparty IBAN is a
// person's bank account: it is stored encrypted with a blind index and its last four characters
// (as the owners' IBANs, V0004); a list shows only the last four.
// E.g. statement 024 of BE11068246013548 on 2025-02-05, movement 2: +685.00 from
// BE25735104827682 with +++250/2000/01456+++, matched by structured communication to lease 12.
#pragma once
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/money.hpp"

namespace hms::bank {

// One of the agency's own accounts: a statement is imported only for one of them.
struct AgencyAccount {
  std::int64_t id = 0;
  std::int64_t agency_id = 0;
  std::string iban;  // compact, upper case, check digits verified
  std::string bic;   // 8 or 11 characters, upper case
  std::int64_t added_at = 0;
};

// A statement imported: at most once per agency, account, number and date.
struct StoredStatement {
  std::int64_t id = 0;
  std::int64_t agency_id = 0;
  std::int64_t account_id = 0;
  std::string number;                        // "024"
  std::chrono::year_month_day date{};        // the new balance's date
  Money old_balance;
  Money new_balance;
  std::string format;                        // "coda" | "camt.053"
  std::optional<std::int64_t> imported_by;
  std::int64_t imported_at = 0;
};

enum class MovementStatus { unmatched, matched, booked };
const char* to_string(MovementStatus s);
std::optional<MovementStatus> parse_movement_status(std::string_view s);

// One movement of a statement. counterparty_iban is filled on insert only; read back, a
// movement carries the last four characters alone (counterparty_iban_last4).
struct StoredMovement {
  std::int64_t id = 0;
  std::int64_t agency_id = 0;
  std::int64_t statement_id = 0;
  std::string statement_number;              // read back with the movement
  std::string account_iban;                  // the agency's account, read back
  int sequence = 0;
  std::chrono::year_month_day booking_date{};
  Money amount;                              // signed cents: a credit is > 0
  std::string counterparty_name;
  std::string counterparty_iban;             // compact; on insert only
  std::string counterparty_iban_last4;       // "7682"; "" when the bank gave no IBAN
  std::string communication;                 // 12 digits when structured, else the free text
  bool structured = false;
  MovementStatus status = MovementStatus::unmatched;
  std::optional<std::int64_t> lease_id;
  std::optional<std::int64_t> entry_id;      // the BANK journal entry, when matched
  std::string match_method;                  // "structured_communication" | "iban_and_amount" | "manual" | ""
  std::string unmatched_reason;              // why the import left it (matching.hpp), "" when matched
  std::optional<std::int64_t> matched_by;
  std::optional<std::int64_t> matched_at;
};

struct MovementFilter {
  std::int64_t agency_id = 0;
  std::optional<MovementStatus> status;
};

class BankRepository {
 public:
  virtual ~BankRepository() = default;
  virtual std::vector<AgencyAccount> accounts(std::int64_t agency_id) = 0;
  // The account of that agency with that IBAN (compact, upper case).
  virtual std::optional<AgencyAccount> find_account(std::int64_t agency_id, const std::string& iban) = 0;
  virtual std::int64_t add_account(AgencyAccount& a) = 0;
  // Sets the BIC of an account already there.
  virtual void set_bic(std::int64_t account_id, const std::string& bic) = 0;
  virtual bool statement_exists(std::int64_t agency_id, std::int64_t account_id, const std::string& number,
                                std::chrono::year_month_day date) = 0;
  virtual std::int64_t insert_statement(StoredStatement& s) = 0;
  // Encrypts the counterparty IBAN (bound to the row) and keeps its blind index and last four.
  virtual std::int64_t insert_movement(StoredMovement& m) = 0;
  virtual std::vector<StoredMovement> movements(const MovementFilter& f, int limit, int offset) = 0;
  virtual std::int64_t count_movements(const MovementFilter& f) = 0;
  virtual std::optional<StoredMovement> find_movement(std::int64_t id) = 0;
  // Matches a movement still unmatched; false when another transaction matched it first (the
  // update waits for it and finds the line matched), so that a line is never booked twice.
  [[nodiscard]] virtual bool set_matched(std::int64_t movement_id, std::int64_t lease_id, std::int64_t entry_id,
                                         const std::string& method, std::optional<std::int64_t> user_id,
                                         std::int64_t at) = 0;
  // The blind index of an IBAN (compact, upper case): equal IBANs, equal index. The matcher
  // compares these, never the IBANs in clear.
  virtual std::string iban_index(std::string_view iban) = 0;
  // Per lease of the agency, the blind indexes of the IBANs of the movements matched to it.
  virtual std::map<std::int64_t, std::vector<std::string>> paying_iban_indexes(std::int64_t agency_id) = 0;
  // The movements matched to the lease lose who paid (name, account, free communication): a
  // household erased (GDPR). Their amounts, dates and entries stay. Answers how many.
  virtual std::int64_t forget_payer(std::int64_t lease_id) = 0;
};

}  // namespace hms::bank
