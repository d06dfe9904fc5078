// The bank side on SQL (tables bank_accounts, bank_statements, bank_movements; V0021). The
// counterparty IBAN of a movement is encrypted with the FieldCipher bound to the movement's row
// ("bank_movements.counterparty_iban"), found by its blind index, listed by its last four.
#pragma once
#include "domain/bank/bank.hpp"
#include "storage/crypto/field_cipher.hpp"
#include "storage/db/database.hpp"

namespace hms::storage {

class SqlBankRepository final : public bank::BankRepository {
 public:
  SqlBankRepository(db::Connection& c, const FieldCipher& cipher) : c_(c), cipher_(cipher) {}
  std::vector<bank::AgencyAccount> accounts(std::int64_t agency_id) override;
  std::optional<bank::AgencyAccount> find_account(std::int64_t agency_id, const std::string& iban) override;
  std::int64_t add_account(bank::AgencyAccount& a) override;
  void set_bic(std::int64_t account_id, const std::string& bic) override;
  bool statement_exists(std::int64_t agency_id, std::int64_t account_id, const std::string& number,
                        std::chrono::year_month_day date) override;
  std::int64_t insert_statement(bank::StoredStatement& s) override;
  std::int64_t insert_movement(bank::StoredMovement& m) override;
  std::vector<bank::StoredMovement> movements(const bank::MovementFilter& f, int limit, int offset) override;
  std::int64_t count_movements(const bank::MovementFilter& f) override;
  std::optional<bank::StoredMovement> find_movement(std::int64_t id) override;
  bool set_matched(std::int64_t movement_id, std::int64_t lease_id, std::int64_t entry_id, const std::string& method,
                   std::optional<std::int64_t> user_id, std::int64_t at) override;
  std::string iban_index(std::string_view iban) override;
  std::map<std::int64_t, std::vector<std::string>> paying_iban_indexes(std::int64_t agency_id) override;
  std::int64_t forget_payer(std::int64_t lease_id) override;

 private:
  db::Connection& c_;
  const FieldCipher& cipher_;
};

}  // namespace hms::storage
