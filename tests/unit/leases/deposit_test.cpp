// The deposit's postings (domain/leases/deposit.hpp): lodged once, returned once after it, each
// an entry off the balance sheet that build_entry accepts; a reversed posting counts no more.
#include <gtest/gtest.h>

#include "common/date.hpp"
#include "common/error.hpp"
#include "domain/leases/deposit.hpp"

namespace hms::leases {
namespace {

std::chrono::year_month_day day(const char* iso) { return parse_date(iso).value(); }
const auto kToday = day("2026-12-07");

Lease lease() {
  Lease l;
  l.id = 12;
  l.agency_id = 3;
  l.dwelling_reference = "IX-0042";
  l.start = day("2026-02-01");
  l.tenant_rent = Money::from_cents(58500);
  l.deposit = Money::from_cents(117000);
  return l;
}

DepositPosting posting(DepositEvent e, const char* date, bool reversed = false) {
  return {12, e, 7, day(date), Money::from_cents(117000), reversed};
}

// The code of the refusal, "" when none; `fields` gets the refused fields.
template <typename F>
std::string refusal(F&& f, std::string* fields = nullptr) {
  try {
    f();
  } catch (const DomainError& e) {
    if (fields)
      for (const auto& [field, code] : e.fields()) *fields += field + ":" + code + " ";
    return e.code();
  }
  return "";
}

TEST(Deposit, LodgedItIsAMemoEntryOffTheBalanceSheet) {
  auto entry = ledger::build_entry(deposit_received(lease(), {}, day("2026-02-03"), kToday), std::nullopt);
  EXPECT_EQ(entry.journal, ledger::Journal::misc);
  EXPECT_EQ(entry.description, "deposit IX-0042");
  ASSERT_EQ(entry.lines.size(), 2u);
  EXPECT_EQ(entry.lines[0].account, "032");
  EXPECT_EQ(entry.lines[0].debit, Money::from_cents(117000));
  EXPECT_EQ(entry.lines[1].account, "033");
  EXPECT_EQ(entry.lines[1].credit, Money::from_cents(117000));
  EXPECT_FALSE(entry.lines[0].lease_id) << "not the tenant's account: the household's balance stays as it is";
}

TEST(Deposit, LodgedOnceADayThatHasComeAndOnlyWhenThereIsOne) {
  auto none = lease();
  none.deposit = Money::zero();
  EXPECT_EQ(refusal([&] { deposit_received(none, {}, day("2026-02-03"), kToday); }), "leases.no_deposit");
  EXPECT_EQ(refusal([&] { deposit_received(lease(), {posting(DepositEvent::received, "2026-02-03")}, day("2026-02-04"), kToday); }),
            "leases.deposit_already_received");
  EXPECT_EQ(refusal([&] { deposit_received(lease(), {}, day("2026-12-08"), kToday); }), "leases.deposit_date_future");
  // A receipt reversed no longer stands: it may be posted again.
  EXPECT_EQ(refusal([&] { deposit_received(lease(), {posting(DepositEvent::received, "2026-02-03", true)}, day("2026-02-04"), kToday); }),
            "");
}

TEST(Deposit, ReturnedItReleasesWhatWasLodgedAndSaysWhatWasKept) {
  const std::vector<DepositPosting> lodged = {posting(DepositEvent::received, "2026-02-03")};
  auto changed = lease();
  changed.deposit = Money::from_cents(100000);  // the lease's amount now; the entry releases what was lodged
  auto entry = ledger::build_entry(deposit_returned(changed, lodged, day("2026-11-20"), Money::from_cents(90000), kToday),
                                   std::nullopt);
  EXPECT_EQ(entry.lines[0].account, "033");
  EXPECT_EQ(entry.lines[0].debit, Money::from_cents(117000));
  EXPECT_EQ(entry.lines[1].account, "032");
  EXPECT_EQ(entry.description, "deposit return IX-0042 kept 270.00");
  auto whole = deposit_returned(lease(), lodged, day("2026-11-20"), Money::from_cents(117000), kToday);
  EXPECT_EQ(whole.description, "deposit return IX-0042");
}

TEST(Deposit, ReturnedOnceAfterItWasLodgedWithinWhatWasLodged) {
  const std::vector<DepositPosting> lodged = {posting(DepositEvent::received, "2026-02-03")};
  EXPECT_EQ(refusal([&] { deposit_returned(lease(), {}, day("2026-11-20"), Money::zero(), kToday); }),
            "leases.deposit_not_received");
  auto both = lodged;
  both.push_back(posting(DepositEvent::returned, "2026-11-20"));
  EXPECT_EQ(refusal([&] { deposit_returned(lease(), both, day("2026-11-21"), Money::zero(), kToday); }),
            "leases.deposit_already_returned");
  std::string fields;
  refusal([&] { deposit_returned(lease(), lodged, day("2026-02-01"), Money::from_cents(117001), kToday); }, &fields);
  EXPECT_EQ(fields, "date:leases.deposit_return_before_receipt returned:leases.deposit_return_above ") << "both at once";
  EXPECT_EQ(refusal([&] { deposit_returned(lease(), lodged, day("2026-11-20"), Money::from_cents(-1), kToday); }),
            "leases.deposit_return_above");
  EXPECT_EQ(refusal([&] { deposit_returned(lease(), lodged, day("2026-12-31"), Money::zero(), kToday); }),
            "leases.deposit_date_future");
  both.back().reversed = true;  // the return reversed: the deposit may be returned again
  EXPECT_EQ(refusal([&] { deposit_returned(lease(), both, day("2026-11-22"), Money::zero(), kToday); }), "");
}

}  // namespace
}  // namespace hms::leases
