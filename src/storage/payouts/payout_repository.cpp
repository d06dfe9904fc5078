#include "storage/payouts/payout_repository.hpp"

#include "storage/db/dates.hpp"

namespace hms::storage {
namespace {

// The 440 lines of the month's RENT entries (a RENT entry is dated in its period) and of the
// entries reversing them (wherever those are posted), netted per owner contract: credit − debit.
// Read from the month's entries (ledger_entries_agency_date, then each entry's lines), not from
// the agency's whole history of 440 lines.
constexpr const char* kRentsDue =
    "WITH month AS (SELECT id FROM ledger_entries WHERE agency_id = $1 AND posted_on >= $2 AND posted_on <= $3"
    " AND journal = 'RENT'),"
    " entries AS (SELECT id FROM month UNION ALL SELECT r.id FROM ledger_entries r JOIN month ON r.reverses = month.id)"
    " SELECT l.owner_contract_id, SUM(l.credit_cents - l.debit_cents) FROM entries"
    " JOIN ledger_lines l ON l.entry_id = entries.id JOIN ledger_accounts a ON a.id = l.account_id"
    " WHERE a.code = '440' AND l.owner_contract_id IS NOT NULL"
    " GROUP BY l.owner_contract_id ORDER BY l.owner_contract_id";
constexpr const char* kRun =
    "SELECT id, agency_id, month, execution_date, message_id, created_at_text, format, file_sha256, transfers,"
    " total_cents, made_by, made_at, confirmed_by, confirmed_at, entry_id FROM payout_runs"
    " WHERE agency_id = $1 AND month = $2";
constexpr const char* kLines =
    "SELECT id, owner_id, gross_cents, fee_cents, net_cents, end_to_end_id, remittance FROM payout_lines"
    " WHERE agency_id = $1 AND run_id = $2 ORDER BY position";
constexpr const char* kLineContracts =
    "SELECT c.line_id, c.owner_contract_id, c.gross_cents, c.fee_cents FROM payout_line_contracts c"
    " JOIN payout_lines l ON l.id = c.line_id WHERE c.agency_id = $1 AND l.run_id = $2"
    " ORDER BY c.line_id, c.id";
constexpr const char* kInsertRun =
    "INSERT INTO payout_runs (agency_id, month, execution_date, message_id, created_at_text, format, file_sha256,"
    " transfers, total_cents, made_by, made_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id";
constexpr const char* kInsertLine =
    "INSERT INTO payout_lines (agency_id, run_id, position, owner_id, gross_cents, fee_cents, net_cents,"
    " end_to_end_id, remittance) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";
constexpr const char* kInsertLineContract =
    "INSERT INTO payout_line_contracts (agency_id, line_id, owner_contract_id, gross_cents, fee_cents)"
    " VALUES ($1, $2, $3, $4, $5)";
constexpr const char* kConfirm =
    "UPDATE payout_runs SET confirmed_by = $2, confirmed_at = $3, entry_id = $4 WHERE id = $1";
constexpr const char* kFormat = "SELECT format FROM payout_settings WHERE agency_id = $1";
constexpr const char* kSetFormat =
    "INSERT INTO payout_settings (agency_id, format, updated_at) VALUES ($1, $2, $3)"
    " ON CONFLICT (agency_id) DO UPDATE SET format = excluded.format, updated_at = excluded.updated_at";

Money cents(const db::Row& r, std::size_t i) { return Money::from_cents(r.opt_integer(i).value_or(0)); }

}  // namespace

std::vector<payouts::RentDue> SqlPayoutRepository::rents_due(std::int64_t agency_id, YearMonth month) {
  std::vector<payouts::RentDue> out;
  for (const auto& r : c_.query(kRentsDue, {agency_id, to_iso(month.first_day()), to_iso(month.last_day())}))
    out.push_back({r.integer(0), cents(r, 1)});
  return out;
}

std::optional<payouts::Run> SqlPayoutRepository::find_run(std::int64_t agency_id, YearMonth month) {
  auto r = c_.query_one(kRun, {agency_id, month.to_string()});
  if (!r) return std::nullopt;
  payouts::Run run;
  run.id = r->integer(0);
  run.agency_id = r->integer(1);
  run.month = YearMonth::parse(r->text(2)).value();
  run.execution_date = parse_date(r->text(3)).value();
  run.message_id = r->text(4);
  run.created_at_text = r->text(5);
  run.format = payouts::parse_file_format(r->text(6)).value_or(payouts::FileFormat::pain_001_001_09);
  run.file_sha256 = r->text(7);
  run.transfers = r->integer(8);
  run.total = cents(*r, 9);
  run.made_by = r->opt_integer(10);
  run.made_at = r->integer(11);
  run.confirmed_by = r->opt_integer(12);
  run.confirmed_at = r->opt_integer(13);
  run.entry_id = r->opt_integer(14);
  std::vector<std::int64_t> line_ids;
  for (const auto& l : c_.query(kLines, {agency_id, run.id})) {
    line_ids.push_back(l.integer(0));
    run.lines.push_back({l.integer(1), cents(l, 2), cents(l, 3), cents(l, 4), l.text(5), l.text(6), {}});
  }
  for (const auto& c : c_.query(kLineContracts, {agency_id, run.id}))
    for (std::size_t i = 0; i < line_ids.size(); ++i)
      if (line_ids[i] == c.integer(0)) run.lines[i].contracts.push_back({c.integer(1), cents(c, 2), cents(c, 3)});
  return run;
}

std::int64_t SqlPayoutRepository::insert_run(payouts::Run& r) {
  r.id = c_.query_one(kInsertRun, {r.agency_id, r.month.to_string(), to_iso(r.execution_date), r.message_id,
                                   r.created_at_text, std::string(payouts::to_string(r.format)), r.file_sha256,
                                   r.transfers, r.total.cents(), db::nullable(r.made_by), r.made_at})
             ->integer(0);
  std::int64_t position = 0;
  for (const auto& l : r.lines) {
    const auto line_id = c_.query_one(kInsertLine, {r.agency_id, r.id, ++position, l.owner_id, l.gross.cents(),
                                                    l.fee.cents(), l.net.cents(), l.end_to_end_id, l.remittance})
                             ->integer(0);
    for (const auto& c : l.contracts)
      c_.execute(kInsertLineContract, {r.agency_id, line_id, c.owner_contract_id, c.gross.cents(), c.fee.cents()});
  }
  return r.id;
}

void SqlPayoutRepository::set_confirmed(std::int64_t run_id, std::optional<std::int64_t> user_id, std::int64_t at,
                                        std::int64_t entry_id) {
  c_.execute(kConfirm, {run_id, db::nullable(user_id), at, entry_id});
}

std::optional<payouts::FileFormat> SqlPayoutRepository::format(std::int64_t agency_id) {
  auto r = c_.query_one(kFormat, {agency_id});
  return r ? payouts::parse_file_format(r->text(0)) : std::nullopt;
}

void SqlPayoutRepository::set_format(std::int64_t agency_id, payouts::FileFormat f, std::int64_t at) {
  c_.execute(kSetFormat, {agency_id, std::string(payouts::to_string(f)), at});
}

}  // namespace hms::storage
