#include "storage/subsidies/subsidy_request_repository.hpp"

#include "common/date.hpp"
#include "storage/db/dates.hpp"

namespace hms::storage {
namespace {

namespace sb = subsidies;

constexpr const char* kInsert =
    "INSERT INTO subsidies_requests (agency_id, inventory_id, year, rates_from, rates_status, total_cents, status)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
constexpr const char* kInsertLine =
    "INSERT INTO subsidies_request_lines (agency_id, request_id, position, part, count, rate_cents, amount_cents)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7)";
constexpr const char* kInsertEvent =
    "INSERT INTO subsidies_request_events (agency_id, request_id, kind, comment, user_id, at)"
    " VALUES ($1, $2, $3, $4, $5, $6)";
constexpr const char* kRequests =
    "SELECT r.id, r.agency_id, a.code, r.inventory_id, i.ref_date, r.year, r.rates_from, r.rates_status,"
    " r.total_cents, r.status FROM subsidies_requests r JOIN agencies a ON a.id = r.agency_id"
    " JOIN subsidies_inventories i ON i.id = r.inventory_id ";
constexpr const char* kLines =
    "SELECT part, count, rate_cents, amount_cents FROM subsidies_request_lines WHERE request_id = $1 ORDER BY position";
constexpr const char* kEvents =
    "SELECT e.kind, e.comment, e.user_id, u.name, e.at FROM subsidies_request_events e"
    " LEFT JOIN users u ON u.id = e.user_id WHERE e.request_id = $1 ORDER BY e.id";
constexpr const char* kTranches =
    "SELECT id, number, share_percent, amount_cents, due_on, justification, justified_on, leases, at_or_below, paid_on"
    " FROM subsidies_tranches WHERE request_id = $1 ORDER BY number";
constexpr const char* kLive =
    "SELECT id FROM subsidies_requests WHERE agency_id = $1 AND year = $2 AND status <> 'rejected'";
constexpr const char* kChangeStatus = "UPDATE subsidies_requests SET status = $3 WHERE id = $1 AND status = $2";
constexpr const char* kInsertTranche =
    "INSERT INTO subsidies_tranches (agency_id, request_id, number, share_percent, amount_cents, due_on, justification)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7)";
constexpr const char* kJustify =
    "UPDATE subsidies_tranches SET justified_on = $2, leases = $3, at_or_below = $4 WHERE id = $1 AND justified_on IS NULL";
constexpr const char* kPay = "UPDATE subsidies_tranches SET paid_on = $2 WHERE id = $1 AND paid_on IS NULL";

sb::SubsidyRequest read_request(const db::Row& r) {
  sb::SubsidyRequest q;
  q.id = r.integer(0);
  q.agency_id = r.integer(1);
  q.agency_code = r.text(2);
  q.inventory_id = r.integer(3);
  q.inventory_date = parse_date(r.text(4)).value();
  q.year = static_cast<int>(r.integer(5));
  q.rates_from = parse_date(r.text(6)).value();
  q.rates_status = r.text(7);
  q.total_cents = r.integer(8);
  q.status = sb::request_status_from(r.text(9)).value_or(sb::RequestStatus::submitted);
  return q;
}

}  // namespace

void SqlSubsidyRequestRepository::insert_event(std::int64_t agency_id, std::int64_t request_id,
                                               const sb::RequestEvent& e) {
  c_.execute(kInsertEvent, {agency_id, request_id, e.kind, e.comment, db::nullable(e.user_id), e.at});
}

std::int64_t SqlSubsidyRequestRepository::insert(const sb::SubsidyRequest& r) {
  const std::int64_t id =
      c_.query_one(kInsert, {r.agency_id, r.inventory_id, std::int64_t{r.year}, to_iso(r.rates_from), r.rates_status,
                             r.total_cents, std::string(sb::to_string(r.status))})
          ->integer(0);
  std::int64_t position = 0;
  for (const auto& l : r.lines)
    c_.execute(kInsertLine, {r.agency_id, id, position++, l.part, l.count, l.rate_cents, l.amount_cents});
  for (const auto& e : r.events) insert_event(r.agency_id, id, e);
  return id;
}

std::optional<sb::SubsidyRequest> SqlSubsidyRequestRepository::find(std::int64_t id) {
  auto row = c_.query_one(std::string(kRequests) + "WHERE r.id = $1", {id});
  if (!row) return std::nullopt;
  auto q = read_request(*row);
  for (const auto& r : c_.query(kLines, {id})) q.lines.push_back({r.text(0), r.integer(1), r.integer(2), r.integer(3)});
  for (const auto& r : c_.query(kEvents, {id}))
    q.events.push_back({r.text(0), r.text(1), r.opt_integer(2), r.opt_text(3).value_or(""), r.integer(4)});
  for (const auto& r : c_.query(kTranches, {id})) {
    sb::Tranche t;
    t.id = r.integer(0);
    t.number = static_cast<int>(r.integer(1));
    t.share_percent = static_cast<int>(r.integer(2));
    t.amount_cents = r.integer(3);
    t.due_on = parse_date(r.text(4)).value();
    t.justification = r.text(5);
    t.justified_on = db::opt_date(r, 6);
    t.leases = r.integer(7);
    t.at_or_below = r.integer(8);
    t.paid_on = db::opt_date(r, 9);
    q.tranches.push_back(std::move(t));
  }
  return q;
}

std::vector<sb::SubsidyRequest> SqlSubsidyRequestRepository::list(std::optional<std::int64_t> agency_id) {
  std::vector<sb::SubsidyRequest> out;
  const std::string order = " ORDER BY r.year DESC, a.code, r.id DESC";
  auto rows = agency_id ? c_.query(std::string(kRequests) + "WHERE r.agency_id = $1" + order, {*agency_id})
                        : c_.query(std::string(kRequests) + order);
  for (const auto& r : rows) out.push_back(read_request(r));
  return out;
}

std::optional<std::int64_t> SqlSubsidyRequestRepository::live_request(std::int64_t agency_id, int year) {
  auto r = c_.query_one(kLive, {agency_id, std::int64_t{year}});
  return r ? std::optional(r->integer(0)) : std::nullopt;
}

bool SqlSubsidyRequestRepository::change_status(std::int64_t id, sb::RequestStatus from, sb::RequestStatus to,
                                                const sb::RequestEvent& e) {
  if (c_.execute(kChangeStatus, {id, std::string(sb::to_string(from)), std::string(sb::to_string(to))}) != 1)
    return false;
  auto agency = c_.query_one("SELECT agency_id FROM subsidies_requests WHERE id = $1", {id});
  insert_event(agency->integer(0), id, e);
  return true;
}

void SqlSubsidyRequestRepository::insert_tranches(const sb::SubsidyRequest& r, const std::vector<sb::Tranche>& tranches) {
  for (const auto& t : tranches)
    c_.execute(kInsertTranche, {r.agency_id, r.id, std::int64_t{t.number}, std::int64_t{t.share_percent}, t.amount_cents,
                                to_iso(t.due_on), t.justification});
}

bool SqlSubsidyRequestRepository::justify_tranche(std::int64_t tranche_id, std::chrono::year_month_day day,
                                                  std::int64_t leases, std::int64_t at_or_below) {
  return c_.execute(kJustify, {tranche_id, to_iso(day), leases, at_or_below}) == 1;
}

bool SqlSubsidyRequestRepository::pay_tranche(std::int64_t tranche_id, std::chrono::year_month_day day) {
  return c_.execute(kPay, {tranche_id, to_iso(day)}) == 1;
}

}  // namespace hms::storage
