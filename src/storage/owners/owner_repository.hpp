// Owners and owner contracts on SQL (tables owners, owner_contracts, owner_contract_rents).
// The IBAN is encrypted here, on its way in and out, bound to its owner's row (agency and id):
// the rest of hms sees it in clear; a ciphertext copied from another owner does not open.
#pragma once
#include "domain/owners/owner.hpp"
#include "domain/owners/owner_contract.hpp"
#include "storage/crypto/field_cipher.hpp"
#include "storage/db/database.hpp"

namespace hms::storage {

class SqlOwnerRepository final : public owners::OwnerRepository {
 public:
  SqlOwnerRepository(db::Connection& c, const FieldCipher& cipher) : c_(c), cipher_(cipher) {}
  std::int64_t insert(const owners::Owner& o) override;
  void update(const owners::Owner& o) override;
  std::optional<owners::Owner> find_by_id(std::int64_t id) override;
  std::optional<owners::Owner> find_by_iban_and_name(std::int64_t agency_id, std::string_view iban,
                                                     std::string_view name) override;
  std::vector<owners::Owner> list(const owners::OwnerFilter& f, int limit, int offset) override;
  std::vector<owners::OwnerChoice> choices(const owners::OwnerFilter& f, std::optional<std::int64_t> only_id,
                                           int limit) override;
  std::int64_t count(const owners::OwnerFilter& f) override;
  // Re-encrypts the IBANs written before v2 (bound to their column only) for their row.
  std::int64_t reencrypt_old_ibans();

 private:
  owners::Owner read(const db::Row& r) const;
  db::Connection& c_;
  const FieldCipher& cipher_;
};

class SqlOwnerContractRepository final : public owners::OwnerContractRepository {
 public:
  explicit SqlOwnerContractRepository(db::Connection& c) : c_(c) {}
  std::int64_t insert(const owners::OwnerContract& c) override;
  void update(const owners::OwnerContract& c) override;
  void add_rent_version(std::int64_t contract_id, const owners::RentVersion& v) override;
  std::optional<owners::OwnerContract> find_by_id(std::int64_t id) override;
  std::vector<owners::OwnerContract> list(const owners::ContractFilter& f, int limit, int offset) override;
  std::int64_t count(const owners::ContractFilter& f) override;
  std::vector<owners::OwnerContract> overlapping(std::int64_t dwelling_id, const DateRange& period,
                                                 std::optional<std::int64_t> except) override;
  std::vector<owners::RentInForce> rents_in_force(std::optional<std::int64_t> agency_id,
                                                  std::chrono::year_month_day day) override;

 private:
  db::Connection& c_;
};

}  // namespace hms::storage
