// The ports through which use cases reach stored data. A UnitOfWork is one database
// transaction: use cases open one, call repositories, append to the audit log, commit.
// storage/ implements these on SQLite and PostgreSQL; app/ only sees these interfaces.
//   auto uow = store.write();
//   uow->users().set_disabled(id, true);
//   uow->audit().append({...});
//   uow->commit();
#pragma once
#include <memory>

#include "domain/accounting/accounting.hpp"
#include "domain/agencies/agency.hpp"
#include "domain/allocation/candidates.hpp"
#include "domain/arrears/arrears.hpp"
#include "domain/applicants/applicant.hpp"
#include "domain/attachments/attachment.hpp"
#include "domain/audit/audit_entry.hpp"
#include "domain/jobs/upload_job.hpp"
#include "domain/leases/lease.hpp"
#include "domain/ledger/ledger.hpp"
#include "domain/owners/owner.hpp"
#include "domain/owners/owner_contract.hpp"
#include "domain/oversight/adoption.hpp"
#include "domain/payouts/payouts.hpp"
#include "domain/rules/rules_repository.hpp"
#include "domain/stock/dwelling.hpp"
#include "domain/subsidies/inventory.hpp"
#include "domain/subsidies/subsidy_request.hpp"
#include "domain/support/coaching.hpp"
#include "domain/support/ticket.hpp"
#include "domain/users/form_draft.hpp"
#include "domain/users/mfa.hpp"
#include "domain/users/user.hpp"

namespace hms {

namespace bank {
class BankRepository;  // domain/bank/bank.hpp
}

class UnitOfWork {
 public:
  virtual ~UnitOfWork() = default;
  virtual accounting::AccountingRepository& accounting() = 0;
  virtual agencies::AgencyRepository& agencies() = 0;
  virtual users::UserRepository& users() = 0;
  virtual users::SessionRepository& sessions() = 0;
  virtual users::ThrottleRepository& throttle() = 0;
  virtual users::MfaRepository& mfa() = 0;
  virtual audit::AuditRepository& audit() = 0;
  virtual rules::RulesRepository& rules() = 0;
  virtual stock::DwellingRepository& dwellings() = 0;
  virtual owners::OwnerRepository& owners() = 0;
  virtual owners::OwnerContractRepository& owner_contracts() = 0;
  virtual jobs::UploadJobRepository& upload_jobs() = 0;
  virtual users::FormDraftRepository& form_drafts() = 0;
  virtual attachments::AttachmentRepository& attachments() = 0;
  virtual applicants::ApplicantRepository& applicants() = 0;
  virtual leases::LeaseRepository& leases() = 0;
  virtual ledger::LedgerRepository& ledger() = 0;
  virtual support::SupportRepository& support() = 0;
  virtual support::CoachingRepository& coaching() = 0;
  virtual allocation::AllocationRepository& allocation() = 0;
  virtual arrears::ArrearsRepository& arrears() = 0;
  virtual subsidies::SubsidiesRepository& subsidies() = 0;
  virtual subsidies::SubsidyRequestRepository& subsidy_requests() = 0;
  virtual oversight::OversightRepository& oversight() = 0;
  virtual bank::BankRepository& bank() = 0;
  virtual payouts::PayoutRepository& payouts() = 0;
  // Without commit(), everything done through this unit is rolled back when it is destroyed.
  virtual void commit() = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  virtual std::unique_ptr<UnitOfWork> read() = 0;   // a read-only transaction
  virtual std::unique_ptr<UnitOfWork> write() = 0;  // a write transaction (takes the write lock)
  // The attached documents' files, outside the database (not transactional: the use case
  // writes the file before its row and removes it if the row is not committed).
  virtual attachments::FileFolder& attachment_files() = 0;
};

}  // namespace hms
