#include "storage/applicants/applicant_repository.hpp"

#include "storage/crypto/encrypted_fields.hpp"

#include <algorithm>
#include <map>

#include "common/date.hpp"
#include "common/error.hpp"
#include "common/text.hpp"
#include "storage/db/where.hpp"
#include "storage/stock/dwelling_repository.hpp"  // like_pattern

namespace hms::storage {
namespace {

using std::chrono::year_month_day;
namespace ap = applicants;
constexpr std::string_view kIncomeColumn = kApplicantIncomePlace;
constexpr std::string_view kNationalNumberColumn = kNationalNumberPlace;

// The next number of the agency: its counter, made at the first applicant.
constexpr const char* kNextNumber =
    "INSERT INTO applicant_numbers (agency_id, last_number) VALUES ($1, 1) ON CONFLICT (agency_id)"
    " DO UPDATE SET last_number = applicant_numbers.last_number + 1 RETURNING last_number";
// A number given (an import keeping the agency's register): the counter at least that far.
constexpr const char* kKeepNumber =
    "INSERT INTO applicant_numbers (agency_id, last_number) VALUES ($1, $2) ON CONFLICT (agency_id)"
    " DO UPDATE SET last_number = CASE WHEN applicant_numbers.last_number < excluded.last_number"
    " THEN excluded.last_number ELSE applicant_numbers.last_number END";

// The income's ciphertext is bound to the applicant's id, known only after the INSERT: the row
// is inserted without it, then given it in the same transaction (as the owners' IBAN).
constexpr const char* kInsert =
    "INSERT INTO applicants (agency_id, number, registered_on, status, status_reason, status_since, referral,"
    " income_year, income_cipher, incomes, preferred_postcodes, over_indebted, urgent, band, household_size,"
    " adults, children, language, email, phone, address, renewed_on, search_text, created_at, updated_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, '', $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,"
    " $22, $23, $23) RETURNING id";
constexpr const char* kSetIncome = "UPDATE applicants SET income_cipher = $2 WHERE id = $1";
constexpr const char* kUpdate =
    "UPDATE applicants SET registered_on = $2, status = $3, status_reason = $4, status_since = $5, referral = $6,"
    " income_year = $7, income_cipher = $8, incomes = $9, preferred_postcodes = $10, over_indebted = $11,"
    " urgent = $12, band = $13, household_size = $14, adults = $15, children = $16, language = $17, email = $18,"
    " phone = $19, address = $20, renewed_on = $21, search_text = $22, updated_at = $23 WHERE id = $1";
constexpr const char* kSetStatus =
    "UPDATE applicants SET status = $2, status_reason = $3, status_since = $4 WHERE id = $1";
constexpr const char* kColumns =
    "SELECT p.id, p.agency_id, a.code, p.number, p.registered_on, p.status, p.status_reason, p.status_since,"
    " p.referral, p.income_year, p.income_cipher, p.incomes, p.preferred_postcodes, p.over_indebted, p.urgent,"
    " p.band, p.language, p.email, p.phone, p.address, p.renewed_on, p.created_at, p.updated_at"
    " FROM applicants p JOIN agencies a ON a.id = p.agency_id ";

constexpr const char* kDeleteMembers = "DELETE FROM applicant_members WHERE applicant_id = $1";
constexpr const char* kInsertMember =
    "INSERT INTO applicant_members (agency_id, applicant_id, position, first_name, last_name, birth_date, relation,"
    " dependent, disabled, national_number_cipher, national_number_index)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, $10) RETURNING id";
constexpr const char* kSetNationalNumber = "UPDATE applicant_members SET national_number_cipher = $2 WHERE id = $1";
// Without the national number's ciphertext: a list never reads it.
constexpr const char* kMemberColumns =
    "SELECT m.applicant_id, m.id, m.agency_id, m.first_name, m.last_name, m.birth_date, m.relation, m.dependent,"
    " m.disabled, NULL FROM applicant_members m ";
constexpr const char* kMemberColumnsWithNumber =
    "SELECT m.applicant_id, m.id, m.agency_id, m.first_name, m.last_name, m.birth_date, m.relation, m.dependent,"
    " m.disabled, m.national_number_cipher FROM applicant_members m ";

constexpr const char* kWithNationalNumber =
    "SELECT DISTINCT p.id FROM applicant_members m JOIN applicants p ON p.id = m.applicant_id"
    " WHERE m.agency_id = $1 AND m.national_number_index = $2 AND p.status <> 'struck_off' ORDER BY p.id";

constexpr const char* kInsertChange =
    "INSERT INTO applicant_changes (agency_id, applicant_id, changed_at, user_id, action, fields, status)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7)";
constexpr const char* kChanges =
    "SELECT c.changed_at, c.user_id, u.name, c.action, c.fields, c.status FROM applicant_changes c"
    " LEFT JOIN users u ON u.id = c.user_id WHERE c.applicant_id = $1 ORDER BY c.changed_at DESC, c.id DESC";

db::Value bool_value(bool b) { return std::int64_t{b ? 1 : 0}; }

std::string band_text(const std::optional<ap::Band>& b) { return b ? std::string(ap::to_string(*b)) : "unknown"; }

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ",") + p;
  return out;
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at <= text.size() && !text.empty()) {
    auto comma = text.find(',', at);
    if (comma == std::string::npos) comma = text.size();
    if (comma > at) out.push_back(text.substr(at, comma - at));
    at = comma + 1;
  }
  return out;
}

std::string search_text_of(const ap::Applicant& a) {
  std::string s = std::to_string(a.number);
  for (const auto& m : a.members) s += " " + m.first_name + " " + m.last_name;
  if (a.referral) s += " " + *a.referral;
  return to_lower_ascii(s);
}

db::Where where_of(const ap::ApplicantFilter& f) {
  db::Where w;
  if (f.agency_id) w.add("p.agency_id = ?", {*f.agency_id});
  if (f.status) w.add("p.status = ?", {std::string(ap::to_string(*f.status))});
  if (f.band) w.add("p.band = ?", {std::string(ap::to_string(*f.band))});
  else if (f.band_unknown) w.add("p.band = ?", {std::string("unknown")});
  if (f.renewed_before) {
    if (!f.status) w.add("p.status = ?", {std::string("active")});
    w.add("p.renewed_on < ?", {to_iso(*f.renewed_before)});
  }
  if (f.may_be_housed)
    w.add("(p.band IN ('eligible', 'moderate') OR (p.band = 'middle' AND p.over_indebted = 1))", {});
  if (f.household_from) w.add("p.household_size >= ?", {std::int64_t{*f.household_from}});
  if (f.household_to) w.add("p.household_size <= ?", {std::int64_t{*f.household_to}});
  if (!f.query.empty()) {
    const auto q = trim(f.query);
    if (!q.empty() && q.size() <= 12 && q.find_first_not_of("0123456789") == std::string_view::npos)
      w.add("(p.number = ? OR p.search_text LIKE ?)", {std::int64_t{std::stoll(std::string(q))}, like_pattern(q)});
    else
      w.add("p.search_text LIKE ?", {like_pattern(f.query)});
  }
  return w;
}

// $2… of kInsert after the number (and of kUpdate from $2), in the order of their columns.
db::Params fields_of(const ap::Applicant& a) {
  return {to_iso(a.registered_on),
          std::string(ap::to_string(a.status)),
          a.status_reason,
          to_iso(a.status_since),
          db::nullable(a.referral)};
}

db::Params rest_of(const ap::Applicant& a) {
  const auto h = ap::household_of(a);
  return {std::int64_t{a.incomes},
          join(a.preferred_postcodes),
          bool_value(a.over_indebted),
          bool_value(a.urgent),
          band_text(a.band),
          std::int64_t{a.household_size()},
          std::int64_t{h.adults},
          std::int64_t{h.children},
          a.language,
          a.email,
          a.phone,
          a.address,
          to_iso(a.renewed_on),
          search_text_of(a)};
}

}  // namespace

ap::Applicant SqlApplicantRepository::read(const db::Row& r) const {
  ap::Applicant a;
  a.id = r.integer(0);
  a.agency_id = r.integer(1);
  a.agency_code = r.text(2);
  a.number = r.integer(3);
  a.registered_on = parse_date(r.text(4)).value();
  a.status = ap::parse_status(r.text(5)).value_or(ap::Status::active);
  a.status_reason = r.text(6);
  a.status_since = parse_date(r.text(7)).value();
  a.referral = r.opt_text(8);
  a.income_year = static_cast<int>(r.integer(9));
  try {
    const auto cents = cipher_.decrypt({kIncomeColumn, a.agency_id, a.id}, r.text(10));
    a.income = Money::from_cents(std::stoll(cents));
  } catch (const MovedValue&) {
    throw std::move(DomainError(ErrorKind::conflict, "applicants.income_unreadable")
                        .param("applicant", std::to_string(a.id))
                        .param("agency", std::to_string(a.agency_id)));
  }
  a.incomes = static_cast<int>(r.integer(11));
  a.preferred_postcodes = split_commas(r.text(12));
  a.over_indebted = r.integer(13) != 0;
  a.urgent = r.integer(14) != 0;
  a.band = ap::parse_band(r.text(15));
  a.language = r.text(16);
  a.email = r.text(17);
  a.phone = r.text(18);
  a.address = r.text(19);
  a.renewed_on = parse_date(r.text(20)).value();
  a.created_at = r.integer(21);
  a.updated_at = r.integer(22);
  return a;
}

void SqlApplicantRepository::write_members(const ap::Applicant& a) {
  c_.execute(kDeleteMembers, {a.id});
  std::int64_t position = 0;
  for (const auto& m : a.members) {
    const bool given = !m.national_number.empty();
    const std::int64_t member_id =
        c_.query_one(kInsertMember,
                     {a.agency_id, a.id, position++, m.first_name, m.last_name, to_iso(m.birth_date),
                      std::string(ap::to_string(m.relation)), bool_value(m.dependent), bool_value(m.disabled),
                      given ? db::Value(cipher_.blind_index(kNationalNumberColumn, m.national_number)) : db::Value()})
            ->integer(0);
    if (given)
      c_.execute(kSetNationalNumber,
                 {member_id, cipher_.encrypt({kNationalNumberColumn, a.agency_id, member_id}, m.national_number)});
  }
}

// The members of the listed applicants, read kMembersChunk ids at a time: one long
// `IN ($1, …, $n)` makes SQLite look every `$n` name up among all of them, a cost that grows
// with the square of n (833 ids were half of a candidates request, callgrind).
constexpr std::size_t kMembersChunk = 100;

void SqlApplicantRepository::read_members(std::vector<ap::Applicant>& list, bool national_numbers) {
  std::map<std::int64_t, ap::Applicant*> by_id;
  for (auto& a : list) by_id[a.id] = &a;
  for (std::size_t from = 0; from < list.size(); from += kMembersChunk) {
    db::Params params;
    std::string in;
    for (std::size_t i = from; i < std::min(list.size(), from + kMembersChunk); ++i) {
      params.emplace_back(list[i].id);
      in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
    }
    const std::string sql = std::string(national_numbers ? kMemberColumnsWithNumber : kMemberColumns) +
                            "WHERE m.applicant_id IN (" + in + ") ORDER BY m.applicant_id, m.position";
    for (const auto& r : c_.query(sql, params)) {
      ap::Member m;
      m.first_name = r.text(3);
      m.last_name = r.text(4);
      m.birth_date = parse_date(r.text(5)).value();
      m.relation = ap::parse_relation(r.text(6)).value_or(ap::Relation::other);
      m.dependent = r.integer(7) != 0;
      m.disabled = r.integer(8) != 0;
      if (national_numbers && !r.is_null(9)) {
        try {
          m.national_number = cipher_.decrypt({kNationalNumberColumn, r.integer(2), r.integer(1)}, r.text(9));
        } catch (const MovedValue&) {
          throw std::move(DomainError(ErrorKind::conflict, "applicants.national_number_unreadable")
                              .param("applicant", std::to_string(r.integer(0)))
                              .param("agency", std::to_string(r.integer(2))));
        }
      }
      by_id.at(r.integer(0))->members.push_back(std::move(m));
    }
  }
}

std::int64_t SqlApplicantRepository::insert(ap::Applicant& a) {
  if (a.number > 0) {
    c_.execute(kKeepNumber, {a.agency_id, a.number});
  } else {
    a.number = c_.query_one(kNextNumber, {a.agency_id})->integer(0);
  }
  db::Params p{a.agency_id, a.number};
  for (auto& v : fields_of(a)) p.push_back(std::move(v));
  p.emplace_back(std::int64_t{a.income_year});
  for (auto& v : rest_of(a)) p.push_back(std::move(v));
  p.emplace_back(a.created_at);
  try {
    a.id = c_.query_one(kInsert, p)->integer(0);
  } catch (const db::ConstraintViolation&) {
    throw std::move(DomainError(ErrorKind::conflict, "applicants.number_taken")
                        .param("number", std::to_string(a.number))
                        .field("number"));
  }
  c_.execute(kSetIncome, {a.id, cipher_.encrypt({kIncomeColumn, a.agency_id, a.id}, std::to_string(a.income.cents()))});
  write_members(a);
  return a.id;
}

void SqlApplicantRepository::update(const ap::Applicant& a) {
  db::Params p{a.id};
  for (auto& v : fields_of(a)) p.push_back(std::move(v));
  p.emplace_back(std::int64_t{a.income_year});
  p.emplace_back(cipher_.encrypt({kIncomeColumn, a.agency_id, a.id}, std::to_string(a.income.cents())));
  for (auto& v : rest_of(a)) p.push_back(std::move(v));
  p.emplace_back(a.updated_at);
  c_.execute(kUpdate, p);
  write_members(a);
}

std::optional<ap::Applicant> SqlApplicantRepository::find_by_id(std::int64_t id) {
  auto r = c_.query_one(std::string(kColumns) + "WHERE p.id = $1", {id});
  if (!r) return std::nullopt;
  std::vector<ap::Applicant> one{read(*r)};
  read_members(one, true);
  return std::move(one.front());
}

std::vector<ap::Applicant> SqlApplicantRepository::list(const ap::ApplicantFilter& f, int limit, int offset) {
  auto w = where_of(f);
  const std::string sql = std::string(kColumns) + w.sql + " ORDER BY p.number DESC, p.id" + w.limit_offset(limit, offset);
  std::vector<ap::Applicant> out;
  for (const auto& r : c_.query(sql, w.params)) out.push_back(read(r));
  read_members(out, false);
  return out;
}

std::int64_t SqlApplicantRepository::count(const ap::ApplicantFilter& f) {
  auto w = where_of(f);
  return c_.query_one("SELECT count(*) FROM applicants p " + w.sql, w.params)->integer(0);
}

std::vector<std::int64_t> SqlApplicantRepository::with_national_number(std::int64_t agency_id, std::string_view digits) {
  std::vector<std::int64_t> out;
  for (const auto& r : c_.query(kWithNationalNumber, {agency_id, cipher_.blind_index(kNationalNumberColumn, digits)}))
    out.push_back(r.integer(0));
  return out;
}

void SqlApplicantRepository::set_status(std::int64_t id, ap::Status s, std::string_view reason, year_month_day since) {
  c_.execute(kSetStatus, {id, std::string(ap::to_string(s)), std::string(reason), to_iso(since)});
}

void SqlApplicantRepository::add_change(std::int64_t agency_id, std::int64_t applicant_id, const ap::Change& c) {
  c_.execute(kInsertChange, {agency_id, applicant_id, c.changed_at, db::nullable(c.user_id), c.action, join(c.fields),
                             std::string(ap::to_string(c.status))});
}

std::vector<ap::Change> SqlApplicantRepository::changes(std::int64_t applicant_id) {
  std::vector<ap::Change> out;
  for (const auto& r : c_.query(kChanges, {applicant_id})) {
    ap::Change c;
    c.changed_at = r.integer(0);
    c.user_id = r.opt_integer(1);
    c.user_name = r.opt_text(2).value_or("");
    c.action = r.text(3);
    c.fields = split_commas(r.text(4));
    c.status = ap::parse_status(r.text(5)).value_or(ap::Status::active);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace hms::storage
