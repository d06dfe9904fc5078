#include "storage/sql_store.hpp"

#include "storage/accounting/accounting_repository.hpp"
#include "storage/agencies/agency_repository.hpp"
#include "storage/allocation/allocation_repository.hpp"
#include "storage/arrears/arrears_repository.hpp"
#include "storage/oversight/oversight_repository.hpp"
#include "storage/subsidies/subsidies_repository.hpp"
#include "storage/support/coaching_repository.hpp"
#include "storage/subsidies/subsidy_request_repository.hpp"
#include "storage/applicants/applicant_repository.hpp"
#include "storage/attachments/attachment_repository.hpp"
#include "storage/audit/audit_repository.hpp"
#include "storage/bank/bank_repository.hpp"
#include "storage/jobs/upload_job_repository.hpp"
#include "storage/leases/lease_repository.hpp"
#include "storage/ledger/ledger_repository.hpp"
#include "storage/owners/owner_repository.hpp"
#include "storage/payouts/payout_repository.hpp"
#include "storage/rules/rules_repository.hpp"
#include "storage/stock/dwelling_repository.hpp"
#include "storage/support/support_repository.hpp"
#include "storage/users/form_draft_repository.hpp"
#include "storage/users/mfa_repository.hpp"
#include "storage/users/user_repository.hpp"

#include <iostream>

namespace hms::storage {
namespace {

class SqlUnitOfWork final : public UnitOfWork {
 public:
  SqlUnitOfWork(db::Database::Handle handle, bool write, const FieldCipher& cipher, const AuditAnchor& anchor)
      : handle_(std::move(handle)),
        anchor_(anchor),
        tx_(*handle_, write),
        accounting_(*handle_),
        agencies_(*handle_),
        users_(*handle_),
        sessions_(*handle_),
        throttle_(*handle_),
        mfa_(*handle_, cipher),
        audit_(*handle_, cipher.audit_key(), anchor),
        rules_(*handle_),
        dwellings_(*handle_),
        owners_(*handle_, cipher),
        owner_contracts_(*handle_),
        upload_jobs_(*handle_, cipher),
        form_drafts_(*handle_, cipher),
        attachments_(*handle_),
        applicants_(*handle_, cipher),
        leases_(*handle_),
        ledger_(*handle_),
        support_(*handle_),
        coaching_(*handle_),
        allocation_(*handle_),
        arrears_(*handle_),
        subsidies_(*handle_),
        subsidy_requests_(*handle_),
        oversight_(*handle_),
        bank_(*handle_, cipher),
        payouts_(*handle_) {}

  accounting::AccountingRepository& accounting() override { return accounting_; }
  agencies::AgencyRepository& agencies() override { return agencies_; }
  users::UserRepository& users() override { return users_; }
  users::SessionRepository& sessions() override { return sessions_; }
  users::ThrottleRepository& throttle() override { return throttle_; }
  users::MfaRepository& mfa() override { return mfa_; }
  audit::AuditRepository& audit() override { return audit_; }
  rules::RulesRepository& rules() override { return rules_; }
  stock::DwellingRepository& dwellings() override { return dwellings_; }
  owners::OwnerRepository& owners() override { return owners_; }
  owners::OwnerContractRepository& owner_contracts() override { return owner_contracts_; }
  jobs::UploadJobRepository& upload_jobs() override { return upload_jobs_; }
  users::FormDraftRepository& form_drafts() override { return form_drafts_; }
  attachments::AttachmentRepository& attachments() override { return attachments_; }
  applicants::ApplicantRepository& applicants() override { return applicants_; }
  leases::LeaseRepository& leases() override { return leases_; }
  ledger::LedgerRepository& ledger() override { return ledger_; }
  support::SupportRepository& support() override { return support_; }
  support::CoachingRepository& coaching() override { return coaching_; }
  allocation::AllocationRepository& allocation() override { return allocation_; }
  arrears::ArrearsRepository& arrears() override { return arrears_; }
  subsidies::SubsidiesRepository& subsidies() override { return subsidies_; }
  subsidies::SubsidyRequestRepository& subsidy_requests() override { return subsidy_requests_; }
  oversight::OversightRepository& oversight() override { return oversight_; }
  bank::BankRepository& bank() override { return bank_; }
  payouts::PayoutRepository& payouts() override { return payouts_; }
  // After the commit, the checkpoint names the last entry appended. Not before: a rolled-back
  // entry must never be named. A failure to write it is reported, not thrown: the change is
  // committed, and the checkpoint only lags (hms audit verify then checks up to where it is).
  void commit() override {
    tx_.commit();
    if (const auto& last = audit_.appended()) {
      try {
        anchor_.advance(*last);
      } catch (const std::exception& e) {
        std::cerr << "warning: " << e.what() << "\n";
      }
    }
  }

 private:
  db::Database::Handle handle_;  // declared first: destroyed last, after the transaction
  const AuditAnchor& anchor_;
  db::Transaction tx_;
  SqlAccountingRepository accounting_;
  SqlAgencyRepository agencies_;
  SqlUserRepository users_;
  SqlSessionRepository sessions_;
  SqlThrottleRepository throttle_;
  SqlMfaRepository mfa_;
  SqlAuditRepository audit_;
  SqlRulesRepository rules_;
  SqlDwellingRepository dwellings_;
  SqlOwnerRepository owners_;
  SqlOwnerContractRepository owner_contracts_;
  SqlUploadJobRepository upload_jobs_;
  SqlFormDraftRepository form_drafts_;
  SqlAttachmentRepository attachments_;
  SqlApplicantRepository applicants_;
  SqlLeaseRepository leases_;
  SqlLedgerRepository ledger_;
  SqlSupportRepository support_;
  SqlCoachingRepository coaching_;
  SqlAllocationRepository allocation_;
  SqlArrearsRepository arrears_;
  SqlSubsidiesRepository subsidies_;
  SqlSubsidyRequestRepository subsidy_requests_;
  SqlOversightRepository oversight_;
  SqlBankRepository bank_;
  SqlPayoutRepository payouts_;
};

}  // namespace

std::unique_ptr<UnitOfWork> SqlStore::open(bool write) {
  return std::make_unique<SqlUnitOfWork>(db_->acquire(), write, cipher_, anchor_);
}
std::unique_ptr<UnitOfWork> SqlStore::read() { return open(false); }

std::int64_t SqlStore::reencrypt_old_values() {
  auto c = db_->acquire();
  db::Transaction tx(*c, true);
  const std::int64_t n = SqlOwnerRepository(*c, cipher_).reencrypt_old_ibans();
  tx.commit();
  return n;
}
std::unique_ptr<UnitOfWork> SqlStore::write() { return open(true); }

}  // namespace hms::storage
