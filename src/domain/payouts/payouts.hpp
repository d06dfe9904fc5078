// The owner payment run (glossary: owner_payment_run; issue 11 part 2, contract E `hms payouts`):
// once the month's rent run has posted the rents due to owners (RENT journal, C 440 per owner
// contract), the agency pays each owner in one SEPA transfer the sum of what its contracts were
// due that month, less the agency's management fee on management mandates. Owners whose IBAN is
// missing or invalid are listed as excluded with the reason, never silently left out.
// E.g. 2026-03, Marie Dubois, mandate of IX-0042 at 8.50 %: gross 745.50, fee 63.37, net 682.13,
// "Loyer 2026-03 IX-0042".
#pragma once
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/money.hpp"
#include "common/rate.hpp"
#include "common/year_month.hpp"
#include "domain/owners/owner_contract.hpp"

namespace hms::payouts {

// How the management fee is rounded to the cent: half away from zero (745.50 × 8.50 % =
// 63.3675 → 63.37; 100.10 × 5 % = 5.005 → 5.01).
inline constexpr Rounding kManagementFeeRounding = Rounding::half_away_from_zero;

// The SEPA credit transfer versions a bank takes (finance-formats.md §4.1, §4.2).
enum class FileFormat { pain_001_001_09, pain_001_001_03 };
std::string_view to_string(FileFormat f);  // "pain.001.001.09" | "pain.001.001.03"
std::optional<FileFormat> parse_file_format(std::string_view s);

// What the RENT journal says an owner contract was due for the month: its 440 credits less its
// 440 debits (a reversed rent is no rent), in entries of that period (and their reversals).
struct RentDue {
  std::int64_t owner_contract_id = 0;
  Money amount;  // may be 0 or less after a reversal: then nothing is paid for it
};

// What the rule needs of an owner contract and of its owner (read along by the use case).
struct ContractFacts {
  std::int64_t owner_contract_id = 0;
  std::string dwelling;                // its reference, "IX-0042"
  owners::ContractKind kind = owners::ContractKind::main_lease;
  std::optional<Rate> management_fee;  // mandate only; none on a mandate: no fee
  std::int64_t owner_id = 0;
  std::string owner_name;              // "Marie Dubois"
  std::string owner_iban;              // as stored, "" when missing
  std::string owner_language;          // "fr" | "nl" | "en": the remittance text's words
};

// One owner contract within a transfer.
struct ContractShare {
  std::int64_t owner_contract_id = 0;
  std::string dwelling;
  Money gross;  // what the RENT journal says it was due (> 0)
  Money fee;    // gross × management fee (kManagementFeeRounding); 0 on a main lease
};

// One transfer: one owner, every contract of it due something that month.
struct Transfer {
  std::int64_t owner_id = 0;
  std::string owner_name;
  std::string iban;                    // compact, checked
  std::vector<ContractShare> contracts;  // by dwelling reference
  Money gross;
  Money fee;
  Money net() const { return gross - fee; }
  std::string end_to_end_id;           // "HMS-2026-03-O000123": month and owner, at most 35
  std::string remittance;              // "Loyer 2026-03 IX-0042 IX-0043", at most 140 (as given to the file)
};

// Why an owner is not paid by the file.
enum class Exclusion { missing_iban, invalid_iban };
std::string_view to_string(Exclusion e);  // "missing_iban" | "invalid_iban"

struct Excluded {
  std::int64_t owner_id = 0;
  std::string owner_name;
  Exclusion reason = Exclusion::missing_iban;
  std::vector<std::string> dwellings;
  Money gross;                         // what the owner is due and will not receive by this file
};

struct Plan {
  YearMonth month{2026, 1};
  std::vector<Transfer> transfers;     // by owner name, then id
  std::vector<Excluded> excluded;      // by owner name, then id
  Money gross;                         // sums over the transfers
  Money fee;
  Money net() const { return gross - fee; }
};

// The remittance text: a word in the owner's language, the month and the dwellings' references
// ("Loyer 2026-03 IX-0042 IX-0043"; nl "Huur", en "Rent"), at most kMaxRemittance characters.
inline constexpr std::size_t kMaxRemittance = 140;
std::string remittance_text(std::string_view language, YearMonth month, const std::vector<std::string>& dwellings);

// The end-to-end id of an owner's transfer of a month: "HMS-2026-03-O000123" (at most 35).
std::string end_to_end_id(YearMonth month, std::int64_t owner_id);

// The transfers of a month (style.md example 3). In order:
//   1. each due amount is matched to its contract (`facts`, by id; one without facts is a
//      programming error: std::out_of_range); a contract due 0 or less is left out (reversed);
//   2. its fee: on a management mandate, gross × its management fee rounded by
//      kManagementFeeRounding; on a main lease 0 (the agency owes the whole owner rent);
//   3. the contracts are grouped by owner: gross and fee are the sums, net = gross − fee;
//   4. an owner whose IBAN is empty is excluded (missing_iban), one whose IBAN fails the
//      ISO 13616 check (common/iban.hpp) excluded (invalid_iban), with what it is due;
//   5. each transfer gets its end-to-end id and remittance text; transfers and exclusions are
//      sorted by owner name then id, the contracts of each by dwelling reference; the plan's
//      totals are the transfers' sums.
Plan plan_payouts(YearMonth month, const std::vector<RentDue>& dues, const std::map<std::int64_t, ContractFacts>& facts);

// A payout run recorded (the first time its file was written).
struct LineContract {
  std::int64_t owner_contract_id = 0;
  Money gross;
  Money fee;
};
struct RunLine {
  std::int64_t owner_id = 0;
  Money gross;
  Money fee;
  Money net;
  std::string end_to_end_id;
  std::string remittance;
  std::vector<LineContract> contracts;
};
struct Run {
  std::int64_t id = 0;
  std::int64_t agency_id = 0;
  YearMonth month{2026, 1};
  std::chrono::year_month_day execution_date{};
  std::string message_id;              // MsgId, at most 35
  std::string created_at_text;         // CreDtTm as written, "2026-03-05T10:15:00"
  FileFormat format = FileFormat::pain_001_001_09;
  std::string file_sha256;             // 64 lower-case hex digits
  std::int64_t transfers = 0;
  Money total;                         // CtrlSum: the sum of the nets
  std::optional<std::int64_t> made_by; // none: the command line
  std::int64_t made_at = 0;
  std::optional<std::int64_t> confirmed_by;
  std::optional<std::int64_t> confirmed_at;  // none: not confirmed
  std::optional<std::int64_t> entry_id;      // the BANK entry once confirmed
  std::vector<RunLine> lines;          // in file order (read by find_run)
};

// The lines of a run as recorded from a plan.
std::vector<RunLine> run_lines(const Plan& plan);

class PayoutRepository {
 public:
  virtual ~PayoutRepository() = default;
  // Per owner contract of the agency, what the RENT journal posted to 440 for the month (credits
  // − debits of the entries of that period and of their reversals), by contract id.
  virtual std::vector<RentDue> rents_due(std::int64_t agency_id, YearMonth month) = 0;
  virtual std::optional<Run> find_run(std::int64_t agency_id, YearMonth month) = 0;
  // Inserts the run and its lines (the UNIQUE (agency, month) refuses a second one).
  virtual std::int64_t insert_run(Run& r) = 0;
  virtual void set_confirmed(std::int64_t run_id, std::optional<std::int64_t> user_id, std::int64_t at,
                             std::int64_t entry_id) = 0;
  // The agency's file format; none: never chosen (pain.001.001.09).
  virtual std::optional<FileFormat> format(std::int64_t agency_id) = 0;
  virtual void set_format(std::int64_t agency_id, FileFormat f, std::int64_t at) = 0;
};

}  // namespace hms::payouts
