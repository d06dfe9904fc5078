// The owner payment run (issue 11 part 2, contract E `hms payouts`, the /payouts page): the
// transfers of a month computed from the rent run's RENT entries (payouts::plan_payouts), the
// SEPA credit transfer file of the agency's account (pain.001.001.09, or .03 as the agency chose),
// and the confirmation once the bank executed it: one BANK entry D 440 (each owner contract, its
// gross) / C 550 (the sum of the nets) / C 706 (the sum of the management fees).
// Permission payouts_run (the agency's staff and admin); the agency is the actor's own (from the
// command line the one named); every read of owners' names and IBANs is audited
// ("payouts.list", "payouts.file"). E.g. write_payout_file(store, ctx, "IX", 2026-03, none) →
// 12 transfers, 7 842.10, 1 owner excluded (missing_iban), pain.001.001.09 of 9 kB.
#pragma once
#include <chrono>
#include <map>
#include <optional>
#include <string>

#include "app/context.hpp"
#include "domain/owners/owner.hpp"
#include "domain/payouts/payouts.hpp"

namespace hms::app {

// The execution date asked when none is given: the first day of the month when it is still to
// come, else today (the Clock's). E.g. 2026-03 on 2026-02-20 → 2026-03-01; on 2026-03-04 → 2026-03-04.
std::chrono::year_month_day default_execution_date(YearMonth month, std::chrono::year_month_day today);

// A day typed for the execution date: DomainError(validation, "payouts.invalid_execution") on
// field "execution" unless YYYY-MM-DD (or as typed in a form, 05/03/2026) and not before today.
std::chrono::year_month_day parse_execution_date(std::string_view text, std::chrono::year_month_day today);

struct PayoutView {
  std::int64_t agency_id = 0;
  std::string agency_code;
  std::string agency_name;
  YearMonth month{2026, 1};
  std::chrono::year_month_day execution_date{};  // the recorded one once the file was written
  payouts::FileFormat format = payouts::FileFormat::pain_001_001_09;  // idem
  bool has_account = false;                      // the agency has a bank account to pay from
  payouts::Plan plan;
  std::optional<payouts::Run> run;               // recorded when the file was first written
  bool confirmed() const { return run && run->confirmed_at.has_value(); }
};

// The transfers and exclusions of the month, nothing written but the audited read
// "payouts.list" (payouts_run). Refused: no rent run for the month (422 "payouts.no_rent_run",
// field month), an agency out of scope (422 "payouts.unknown_agency").
PayoutView prepare_payouts(Store& store, const Context& ctx, const std::optional<std::string>& agency_code,
                           YearMonth month, std::optional<std::chrono::year_month_day> execution);

struct PayoutFile {
  PayoutView view;
  std::string bytes;      // the pain.001 XML
  std::string file_name;  // "payouts-IX-2026-03.xml"
  bool recorded_now = false;  // this call recorded the run (its first file)
};

// The month's file (payouts_run), in one transaction:
//   1. as prepare_payouts; the agency has an account ("payouts.no_agency_account", 422) and at
//      least one owner is paid ("payouts.nothing_to_pay", 422);
//   2. the first time, the run is recorded: a message id and creation time from the Clock, the
//      execution date asked (default_execution_date without one), the agency's format, the
//      file's SHA-256 and the lines; audited "payouts.run";
//   3. later, the recorded message id, creation time, execution date and format are reused: the
//      same data gives the same bytes; if the data changed since (an amount, an IBAN, a name) the
//      file would differ under the same message id: refused 409 "payouts.file_changed".
// The read is audited "payouts.file" (the number of transfers). `record` false (a download of
// the file made before): a month without a recorded run is 404 "payouts.no_file", nothing recorded.
PayoutFile write_payout_file(Store& store, const Context& ctx, const std::optional<std::string>& agency_code,
                             YearMonth month, std::optional<std::chrono::year_month_day> execution, bool record = true);

// The bank executed the file (payouts_run): one BANK entry dated the execution date, built by
// ledger::build_entry (a closed period refuses it), D 440 per owner contract (gross) / C 550 (nets)
// / C 706 (fees, no line when 0). Refused: no file written yet (422 "payouts.no_file"), a run
// already confirmed (409 "payouts.already_confirmed"). Audited "payouts.confirm". Answers the run.
payouts::Run confirm_payouts(Store& store, const Context& ctx, const std::optional<std::string>& agency_code,
                             YearMonth month);

// What the payment run knows of each owner contract of the agency and of its owner (the owner's
// IBAN decrypted), by contract id: the agency's contracts and owners read once each.
std::map<std::int64_t, payouts::ContractFacts> contract_facts(UnitOfWork& uow, std::int64_t agency_id);

// A month paid in one go in `uow` (not committed), from a plan the caller made as
// prepare_payouts would (the demo's years of history): its file written and its run recorded
// (made at `made_at`), then confirmed (at `confirmed_at`) with its BANK entry on `execution`. The
// refusals of write_payout_file and confirm_payouts. Not audited: the caller records what it did
// (the demo, "demo.stock" per agency).
payouts::Run pay_owners(UnitOfWork& uow, const Context& ctx, const agencies::Agency& agency, YearMonth month,
                        payouts::Plan plan, std::chrono::year_month_day execution, std::int64_t made_at,
                        std::int64_t confirmed_at);

// The agency's file format for the months whose file is not yet written (payouts_run or
// agency_settings_manage); pain.001.001.09 until its admin chose another.
payouts::FileFormat payout_format(Store& store, const Context& ctx);

// The agency's file format (agency_settings_manage), for the months whose file is not yet written.
// Audited "payouts.format".
void set_payout_format(Store& store, const Context& ctx, const std::optional<std::string>& agency_code,
                       payouts::FileFormat format);

// The monthly statement of one owner (issue 11.2): for each of the owner's contracts due
// something that month, the rent due, the management fee and the net; the month's total; and
// whether the agency paid it (the month's payment run confirmed: on its execution date) or why
// the owner is left out of the file (no valid IBAN). Made for a letter in the owner's language.
struct OwnerStatement {
  std::string agency_code;
  std::string agency_name;
  std::vector<std::string> agency_address;  // street line, postcode and commune
  owners::Owner owner;
  YearMonth month{2026, 1};
  bool rent_run_done = false;                     // else the month's rents are not called yet
  std::vector<payouts::ContractShare> contracts;  // by dwelling reference; empty: nothing due
  Money gross;
  Money fee;
  Money net() const { return gross - fee; }
  std::optional<payouts::Exclusion> excluded;              // not in the file, and why
  std::optional<std::chrono::year_month_day> paid_on;      // the confirmed run's execution date
  std::optional<std::chrono::year_month_day> file_made_for;  // the file is made, not yet confirmed
};
// payouts_run; an owner of another agency (or none) is 404 "owners.not_found". Before the month's
// rent run the statement says so. Audited read "payouts.statement" (one owner).
OwnerStatement owner_statement(Store& store, const Context& ctx, std::int64_t owner_id, YearMonth month);

}  // namespace hms::app
