#include "app/demo/demo_bank.hpp"

#include <cstdio>

#include "app/agencies/agency_admin.hpp"
#include "app/bank/bank.hpp"
#include "app/demo/demo_people.hpp"
#include "app/demo/random.hpp"
#include "common/year_month.hpp"

namespace hms::app::demo {

namespace {

constexpr const char* kAccount = "BE11068246013548";
constexpr std::size_t kLeases = 40;

// A 128-character record: `fields` written at their 1-based positions over blanks.
std::string coda_record(std::initializer_list<std::pair<std::size_t, std::string>> fields) {
  std::string r(128, ' ');
  for (const auto& [position, text] : fields) r.replace(position - 1, std::min(text.size(), 129 - position), text);
  return r + "\r\n";
}

std::string zeros(long long value, int width) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%0*lld", width, value);
  return buffer;
}

// Upper-case ASCII letters, digits and blanks only (a CODA name is windows-1252; the demo keeps
// to ASCII), at most 35 characters.
std::string coda_name(const std::string& name) {
  std::string out;
  for (unsigned char c : name) {
    if (c >= 'a' && c <= 'z') out += static_cast<char>(c - 'a' + 'A');
    else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' || c == '-') out += static_cast<char>(c);
  }
  return out.substr(0, 35);
}

struct Credit {
  long long cents = 0;      // signed
  std::string structured;   // 12 digits or ""
  std::string free_text;
  std::string iban;
  std::string name;
};

// One statement of kAccount, as sample.coda lays it out (finance-formats.md §1).
std::string coda_file(const std::string& number, const std::string& ddmmyy, const std::vector<Credit>& movements) {
  const std::string acct = std::string(kAccount) + std::string(34 - std::string(kAccount).size(), ' ') + "EUR";
  const long long old_balance = 2'500'000;
  long long debits = 0, credits = 0;
  std::string out = coda_record({{1, "00000" + ddmmyy + "00005"}, {35, "AIS DEMO ASBL"}, {128, "2"}});
  out += coda_record({{1, "12" + number}, {6, acct}, {43, "0" + zeros(old_balance * 10, 15)}, {59, ddmmyy}, {126, number}});
  int i = 0;
  for (const auto& m : movements) {
    const std::string seq = zeros(++i, 4);
    const long long amount = m.cents < 0 ? -m.cents : m.cents;
    (m.cents < 0 ? debits : credits) += amount;
    const std::string communication = m.structured.empty() ? "0" + m.free_text : "1101" + m.structured;
    out += coda_record({{1, "21" + seq + "0000EBK" + ddmmyy + zeros(i, 12)},
                        {32, std::string(m.cents < 0 ? "1" : "0") + zeros(amount * 10, 15) + ddmmyy + "00150000" + communication},
                        {116, ddmmyy + number + "0"}, {126, "1"}, {128, "0"}});
    out += coda_record({{1, "22" + seq + "0000"}, {99, "GKCCBEBB"}, {126, "1"}, {128, "0"}});
    out += coda_record({{1, "23" + seq + "0000" + m.iban + std::string(34 - m.iban.size(), ' ') + "EUR" + m.name},
                        {126, "0"}, {128, "0"}});
  }
  out += coda_record({{1, "8" + number}, {5, acct}, {42, "0" + zeros((old_balance + credits - debits) * 10, 15)}, {58, ddmmyy}});
  out += coda_record({{1, "9"}, {17, zeros(3LL * static_cast<long long>(movements.size()) + 2, 6) + zeros(debits * 10, 15) +
                                         zeros(credits * 10, 15)},
                      {128, "2"}});
  return out;
}

}  // namespace

std::string demo_agency_iban(int index, std::uint64_t seed) {
  if (index == 0) return kAccount;
  Random rng = Random::stream(seed, 0xACC0000 + static_cast<std::uint64_t>(index));
  return belgian_iban(rng);
}

std::vector<leases::Lease> statement_leases(UnitOfWork& uow, std::int64_t agency_id, std::chrono::year_month_day today) {
  leases::LeaseFilter f;
  f.agency_id = agency_id;
  f.in_force_on = today;
  return uow.leases().list(f, static_cast<int>(kLeases), 0);
}

std::vector<YearMonth> statement_months(std::chrono::year_month_day today) {
  const YearMonth now = YearMonth::of(today);
  return {now.plus_months(-2), now.plus_months(-1)};
}

std::vector<BankStatementFile> demo_bank_statements(Store& store, const Context& ctx, const std::string& agency_code,
                                                   std::chrono::year_month_day today, std::uint64_t seed) {
  // 1. The agency's account, so that its statements can be imported.
  set_agency_bank_account(store, ctx, agency_code, kAccount, "GKCCBEBB");
  // 2. Its leases in force today (the first kLeases).
  std::vector<leases::Lease> leases;
  {
    auto uow = store.read();
    leases = statement_leases(*uow, agency_in_scope(*uow, ctx, agency_code, "bank.unknown_agency").id, today);
  }
  // 3. One statement per month, the 5th: a credit per lease, of a kind drawn per lease.
  std::vector<BankStatementFile> files;
  const auto months = statement_months(today);
  for (int k = 2; k >= 1; --k) {
    const YearMonth month = months[static_cast<std::size_t>(2 - k)];
    const std::string ddmmyy = "05" + zeros(month.month(), 2) + zeros(month.year() % 100, 2);
    Random rng = Random::stream(seed, 0xBA4C + static_cast<std::uint64_t>(k));
    std::vector<Credit> credits;
    for (std::size_t i = 0; i < leases.size(); ++i) {
      const auto& l = leases[i];
      const long long due = (l.tenant_rent + l.charges).cents();
      Random payer = Random::stream(seed, 0x1EA5E + static_cast<std::uint64_t>(l.id));
      const std::string iban = belgian_iban(payer);
      const std::string name = coda_name(l.household_name);
      switch ((i + static_cast<std::size_t>(k)) % 10) {
        case 3: {  // a reference typed with wrong check digits: left for a person
          const int check = std::stoi(l.payment_reference.substr(10));
          credits.push_back({due, l.payment_reference.substr(0, 10) + zeros(check % 97 + 1, 2), "", iban, name});
          break;
        }
        case 5: credits.push_back({due / 2, l.payment_reference, "", iban, name}); break;  // half paid
        case 7: credits.push_back({due, "", "LOYER " + month.to_string(), belgian_iban(rng), name}); break;  // unknown IBAN
        case 9: credits.push_back({due + 5'000, l.payment_reference, "", iban, name}); break;  // 50.00 paid ahead
        default: credits.push_back({due, l.payment_reference, "", iban, name});
      }
    }
    credits.push_back({-1'250, "", "FRAIS BANCAIRES", "", "BANQUE"});
    files.push_back({agency_code + "-" + month.to_string() + ".cod", coda_file(zeros(k == 2 ? 1 : 2, 3), ddmmyy, credits)});
  }
  return files;
}

}  // namespace hms::app::demo
