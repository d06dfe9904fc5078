#include "storage/sql_store.hpp"

#include "storage/agencies/agency_repository.hpp"
#include "storage/audit/audit_repository.hpp"
#include "storage/owners/owner_repository.hpp"
#include "storage/rules/rules_repository.hpp"
#include "storage/stock/dwelling_repository.hpp"
#include "storage/users/user_repository.hpp"

namespace hms::storage {
namespace {

class SqlUnitOfWork final : public UnitOfWork {
 public:
  SqlUnitOfWork(db::Database::Handle handle, bool write, const FieldCipher& cipher)
      : handle_(std::move(handle)),
        tx_(*handle_, write),
        agencies_(*handle_),
        users_(*handle_),
        sessions_(*handle_),
        throttle_(*handle_),
        audit_(*handle_),
        rules_(*handle_),
        dwellings_(*handle_),
        owners_(*handle_, cipher),
        owner_contracts_(*handle_) {}

  agencies::AgencyRepository& agencies() override { return agencies_; }
  users::UserRepository& users() override { return users_; }
  users::SessionRepository& sessions() override { return sessions_; }
  users::ThrottleRepository& throttle() override { return throttle_; }
  audit::AuditRepository& audit() override { return audit_; }
  rules::RulesRepository& rules() override { return rules_; }
  stock::DwellingRepository& dwellings() override { return dwellings_; }
  owners::OwnerRepository& owners() override { return owners_; }
  owners::OwnerContractRepository& owner_contracts() override { return owner_contracts_; }
  void commit() override { tx_.commit(); }

 private:
  db::Database::Handle handle_;  // declared first: destroyed last, after the transaction
  db::Transaction tx_;
  SqlAgencyRepository agencies_;
  SqlUserRepository users_;
  SqlSessionRepository sessions_;
  SqlThrottleRepository throttle_;
  SqlAuditRepository audit_;
  SqlRulesRepository rules_;
  SqlDwellingRepository dwellings_;
  SqlOwnerRepository owners_;
  SqlOwnerContractRepository owner_contracts_;
};

}  // namespace

std::unique_ptr<UnitOfWork> SqlStore::open(bool write) {
  return std::make_unique<SqlUnitOfWork>(db_->acquire(), write, cipher_);
}
std::unique_ptr<UnitOfWork> SqlStore::read() { return open(false); }
std::unique_ptr<UnitOfWork> SqlStore::write() { return open(true); }

}  // namespace hms::storage
