#include "storage/bank/bank_repository.hpp"

#include "storage/crypto/encrypted_fields.hpp"

#include "common/error.hpp"
#include "storage/db/dates.hpp"

namespace hms::storage {
namespace {

using std::chrono::year_month_day;

constexpr std::string_view kIbanColumn = kCounterpartyIbanPlace;

constexpr const char* kAccounts =
    "SELECT id, agency_id, iban, bic, added_at FROM bank_accounts WHERE agency_id = $1 ORDER BY iban";
constexpr const char* kAccount =
    "SELECT id, agency_id, iban, bic, added_at FROM bank_accounts WHERE agency_id = $1 AND iban = $2";
constexpr const char* kAddAccount =
    "INSERT INTO bank_accounts (agency_id, iban, bic, added_at) VALUES ($1, $2, $3, $4) RETURNING id";
constexpr const char* kSetBic = "UPDATE bank_accounts SET bic = $2 WHERE id = $1";
constexpr const char* kStatementExists =
    "SELECT id FROM bank_statements WHERE agency_id = $1 AND account_id = $2 AND number = $3 AND statement_date = $4";
constexpr const char* kInsertStatement =
    "INSERT INTO bank_statements (agency_id, account_id, number, statement_date, old_balance_cents, new_balance_cents,"
    " format, imported_by, imported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";
// The IBAN's ciphertext is bound to the movement's id, known only after the INSERT.
constexpr const char* kInsertMovement =
    "INSERT INTO bank_movements (agency_id, statement_id, sequence, booking_date, amount_cents, counterparty_name,"
    " counterparty_iban_cipher, counterparty_iban_index, counterparty_iban_last4, communication, structured, status,"
    " lease_id, entry_id, match_method, unmatched_reason, matched_by, matched_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, '', $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id";
constexpr const char* kSetCipher = "UPDATE bank_movements SET counterparty_iban_cipher = $2 WHERE id = $1";
constexpr const char* kMovementColumns =
    "SELECT m.id, m.agency_id, m.statement_id, s.number, a.iban, m.sequence, m.booking_date, m.amount_cents,"
    " m.counterparty_name, m.counterparty_iban_last4, m.communication, m.structured, m.status, m.lease_id, m.entry_id,"
    " m.match_method, m.unmatched_reason, m.matched_by, m.matched_at FROM bank_movements m"
    " JOIN bank_statements s ON s.id = m.statement_id JOIN bank_accounts a ON a.id = s.account_id ";
constexpr const char* kSetMatched =
    "UPDATE bank_movements SET status = 'matched', lease_id = $2, entry_id = $3, match_method = $4,"
    " unmatched_reason = '', matched_by = $5, matched_at = $6 WHERE id = $1 AND status = 'unmatched'";
constexpr const char* kPayingIbans =
    "SELECT DISTINCT lease_id, counterparty_iban_index FROM bank_movements"
    " WHERE agency_id = $1 AND status = 'matched' AND counterparty_iban_index <> '' ORDER BY lease_id";
bank::AgencyAccount read_account(const db::Row& r) {
  return {r.integer(0), r.integer(1), r.text(2), r.text(3), r.integer(4)};
}

bank::StoredMovement read_movement(const db::Row& r) {
  bank::StoredMovement m;
  m.id = r.integer(0);
  m.agency_id = r.integer(1);
  m.statement_id = r.integer(2);
  m.statement_number = r.text(3);
  m.account_iban = r.text(4);
  m.sequence = static_cast<int>(r.integer(5));
  m.booking_date = parse_date(r.text(6)).value();
  m.amount = Money::from_cents(r.integer(7));
  m.counterparty_name = r.text(8);
  m.counterparty_iban_last4 = r.text(9);
  m.communication = r.text(10);
  m.structured = r.integer(11) != 0;
  m.status = bank::parse_movement_status(r.text(12)).value_or(bank::MovementStatus::unmatched);
  m.lease_id = r.opt_integer(13);
  m.entry_id = r.opt_integer(14);
  m.match_method = r.text(15);
  m.unmatched_reason = r.text(16);
  m.matched_by = r.opt_integer(17);
  m.matched_at = r.opt_integer(18);
  return m;
}

// Every movement of the agency, or those of one status ('' for all).
constexpr const char* kWhere = "WHERE m.agency_id = $1 AND ($2 = '' OR m.status = $2)";

std::string status_of(const bank::MovementFilter& f) { return f.status ? bank::to_string(*f.status) : ""; }

}  // namespace

std::vector<bank::AgencyAccount> SqlBankRepository::accounts(std::int64_t agency_id) {
  std::vector<bank::AgencyAccount> out;
  for (const auto& r : c_.query(kAccounts, {agency_id})) out.push_back(read_account(r));
  return out;
}

std::optional<bank::AgencyAccount> SqlBankRepository::find_account(std::int64_t agency_id, const std::string& iban) {
  auto r = c_.query_one(kAccount, {agency_id, iban});
  return r ? std::optional(read_account(*r)) : std::nullopt;
}

std::int64_t SqlBankRepository::add_account(bank::AgencyAccount& a) {
  a.id = c_.query_one(kAddAccount, {a.agency_id, a.iban, a.bic, a.added_at})->integer(0);
  return a.id;
}

void SqlBankRepository::set_bic(std::int64_t account_id, const std::string& bic) { c_.execute(kSetBic, {account_id, bic}); }

bool SqlBankRepository::statement_exists(std::int64_t agency_id, std::int64_t account_id, const std::string& number,
                                         year_month_day date) {
  return c_.query_one(kStatementExists, {agency_id, account_id, number, to_iso(date)}).has_value();
}

std::int64_t SqlBankRepository::insert_statement(bank::StoredStatement& s) {
  s.id = c_.query_one(kInsertStatement, {s.agency_id, s.account_id, s.number, to_iso(s.date), s.old_balance.cents(),
                                         s.new_balance.cents(), s.format, db::nullable(s.imported_by), s.imported_at})
             ->integer(0);
  return s.id;
}

std::int64_t SqlBankRepository::insert_movement(bank::StoredMovement& m) {
  const std::string& iban = m.counterparty_iban;
  m.counterparty_iban_last4 = iban.size() >= 4 ? iban.substr(iban.size() - 4) : iban;
  m.id = c_.query_one(kInsertMovement,
                      {m.agency_id, m.statement_id, static_cast<std::int64_t>(m.sequence), to_iso(m.booking_date),
                       m.amount.cents(), m.counterparty_name, iban.empty() ? std::string() : iban_index(iban),
                       m.counterparty_iban_last4, m.communication, static_cast<std::int64_t>(m.structured ? 1 : 0),
                       std::string(bank::to_string(m.status)), db::nullable(m.lease_id), db::nullable(m.entry_id),
                       m.match_method, m.unmatched_reason, db::nullable(m.matched_by), db::nullable(m.matched_at)})
             ->integer(0);
  if (!iban.empty()) c_.execute(kSetCipher, {m.id, cipher_.encrypt({kIbanColumn, m.agency_id, m.id}, iban)});
  return m.id;
}

std::vector<bank::StoredMovement> SqlBankRepository::movements(const bank::MovementFilter& f, int limit, int offset) {
  const std::string sql = std::string(kMovementColumns) + kWhere + " ORDER BY s.statement_date DESC, m.id LIMIT $3 OFFSET $4";
  std::vector<bank::StoredMovement> out;
  for (const auto& r : c_.query(sql, {f.agency_id, status_of(f), static_cast<std::int64_t>(limit), static_cast<std::int64_t>(offset)}))
    out.push_back(read_movement(r));
  return out;
}

std::int64_t SqlBankRepository::count_movements(const bank::MovementFilter& f) {
  return c_.query_one(std::string("SELECT COUNT(*) FROM bank_movements m ") + kWhere, {f.agency_id, status_of(f)})->integer(0);
}

std::optional<bank::StoredMovement> SqlBankRepository::find_movement(std::int64_t id) {
  auto r = c_.query_one(std::string(kMovementColumns) + "WHERE m.id = $1", {id});
  return r ? std::optional(read_movement(*r)) : std::nullopt;
}

bool SqlBankRepository::set_matched(std::int64_t movement_id, std::int64_t lease_id, std::int64_t entry_id,
                                    const std::string& method, std::optional<std::int64_t> user_id, std::int64_t at) {
  return c_.execute(kSetMatched, {movement_id, lease_id, entry_id, method, db::nullable(user_id), at}) == 1;
}

std::string SqlBankRepository::iban_index(std::string_view iban) { return cipher_.blind_index(kIbanColumn, iban); }

std::map<std::int64_t, std::vector<std::string>> SqlBankRepository::paying_iban_indexes(std::int64_t agency_id) {
  std::map<std::int64_t, std::vector<std::string>> out;
  for (const auto& r : c_.query(kPayingIbans, {agency_id})) out[r.integer(0)].push_back(r.text(1));
  return out;
}

std::int64_t SqlBankRepository::forget_payer(std::int64_t lease_id) {
  const auto n = c_.query_one("SELECT COUNT(*) FROM bank_movements WHERE lease_id = $1", {lease_id})->integer(0);
  c_.execute("UPDATE bank_movements SET counterparty_name = '', counterparty_iban_cipher = '', counterparty_iban_index = '',"
             " counterparty_iban_last4 = '', communication = CASE WHEN structured = 1 THEN communication ELSE '' END WHERE lease_id = $1",
             {lease_id});
  return n;
}

}  // namespace hms::storage
