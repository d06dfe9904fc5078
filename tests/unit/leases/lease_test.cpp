// A lease's own rules (domain/leases): the structured communication (finance-formats.md §2,
// with the check 97 when the remainder is 0), the fields of a lease (short lease ≤ 3 years,
// deposit ≤ two months of rent), the tenant-rent cap, and what a notice leads to
// (tenancy-rules.md: from the first of the next month, three months; 3/2/1 months' indemnity).
#include <gtest/gtest.h>

#include "common/date.hpp"
#include "common/error.hpp"
#include "domain/leases/lease.hpp"
#include "domain/leases/payment_reference.hpp"

namespace hms::leases {
namespace {

std::chrono::year_month_day day(const char* iso) { return parse_date(iso).value(); }

Lease standard() {
  Lease l;
  l.kind = LeaseKind::standard;
  l.start = day("2026-02-01");
  l.tenant_rent = Money::from_cents(58500);
  l.charges = Money::from_cents(6000);
  l.deposit = Money::from_cents(117000);
  return l;
}

std::string code_of(const Lease& l) {
  try {
    validate_lease(l);
  } catch (const DomainError& e) {
    std::string out = e.code();
    for (const auto& [field, code] : e.fields()) out += " " + field + ":" + code;
    return out;
  }
  return "";
}

TEST(PaymentReference, IsTheBaseAndItsRemainderModulo97) {
  EXPECT_EQ(payment_reference(2502000014), "250200001456");
  EXPECT_EQ(format_payment_reference("250200001456"), "+++250/2000/01456+++");
  // A multiple of 97 has the check 97, never 00.
  EXPECT_EQ(payment_reference(97), "000000009797");
  EXPECT_EQ(payment_reference(0), "000000000097");
  EXPECT_EQ(payment_reference(42), "000000004242");
  EXPECT_THROW(payment_reference(10'000'000'000), std::invalid_argument);
}

TEST(PaymentReference, ReadsWhatBanksAndPeopleWrite) {
  EXPECT_EQ(parse_payment_reference("+++250/2000/01456+++"), "250200001456");
  EXPECT_EQ(parse_payment_reference("***250/2000/01456***"), "250200001456");
  EXPECT_EQ(parse_payment_reference("250 2000 01456"), "250200001456");
  EXPECT_FALSE(parse_payment_reference("+++250/2000/01457+++"));  // wrong check
  EXPECT_FALSE(parse_payment_reference("+++250/2000/0145+++"));   // 11 digits
  EXPECT_FALSE(parse_payment_reference("250-2000-01456"));        // a character banks do not use
  EXPECT_FALSE(parse_payment_reference("000000000000"));          // check 00 is never valid
}

TEST(LeaseFields, AStandardLeaseWithinTheRulesIsAccepted) {
  EXPECT_EQ(code_of(standard()), "");
  auto two_months = standard();
  two_months.deposit = Money::from_cents(2 * 58500);
  EXPECT_EQ(code_of(two_months), "");
}

TEST(LeaseFields, TheDepositIsAtMostTwoMonthsOfRentChargesExcluded) {
  auto l = standard();
  l.deposit = Money::from_cents(2 * 58500 + 1);
  EXPECT_EQ(code_of(l), "leases.deposit_too_high deposit:leases.deposit_too_high");
}

TEST(LeaseFields, AShortLeaseHasAnEndAtMostThreeYearsAfterItsStart) {
  auto l = standard();
  l.kind = LeaseKind::short_term;
  EXPECT_EQ(code_of(l), "leases.short_needs_end end:leases.short_needs_end");
  l.end = day("2029-01-31");  // three years exactly
  EXPECT_EQ(code_of(l), "");
  l.end = day("2029-02-01");
  EXPECT_EQ(code_of(l), "leases.short_too_long end:leases.short_too_long");
}

TEST(LeaseFields, EveryProblemIsReportedAtOnce) {
  auto l = standard();
  l.end = day("2026-01-31");
  l.tenant_rent = Money();
  l.charges = Money::from_cents(-1);
  l.deposit_returned = Money::from_cents(10);
  const auto codes = code_of(l);
  for (const char* field : {"end:", "tenant_rent:", "charges:", "deposit_returned:"})
    EXPECT_NE(codes.find(field), std::string::npos) << field << " in " << codes;
}

TEST(TenantRentCap, AtTheCapAcceptedOneCentAboveRefusedWithTheCapNamed) {
  EXPECT_NO_THROW(check_rent_within_cap(Money::from_cents(60000), Money::from_cents(60000)));
  EXPECT_NO_THROW(check_rent_within_cap(Money::from_cents(99999), std::nullopt));
  try {
    check_rent_within_cap(Money::from_cents(60001), Money::from_cents(60000));
    FAIL();
  } catch (const DomainError& e) {
    EXPECT_EQ(e.code(), "leases.rent_above_cap");
    EXPECT_EQ(e.params().at("cap"), "600.00");
    EXPECT_EQ(e.fields().count("tenant_rent"), 1u);
  }
}

TEST(Notice, ATenantsNoticeRunsThreeMonthsFromTheFirstOfTheNextMonth) {
  auto l = standard();  // from 2026-02-01
  auto out = notice_outcome(l, NoticeBy::tenant, day("2026-05-14"));
  ASSERT_TRUE(out.rule_known);
  EXPECT_EQ(to_iso(out.end), "2026-08-31");  // June, July, August
  EXPECT_EQ(out.indemnity_months, 3);        // in the first year
  EXPECT_EQ(to_iso(notice_outcome(l, NoticeBy::tenant, day("2026-11-30")).end), "2027-02-28");
  EXPECT_EQ(notice_outcome(l, NoticeBy::tenant, day("2027-01-10")).indemnity_months, 2);  // ends 2027-04-30
  EXPECT_EQ(notice_outcome(l, NoticeBy::tenant, day("2028-01-10")).indemnity_months, 1);  // ends 2028-04-30
  EXPECT_EQ(notice_outcome(l, NoticeBy::tenant, day("2029-01-10")).indemnity_months, 0);  // the fourth year
}

TEST(Notice, AShortLeaseCostsOneMonthAndUnknownRulesAreNotInvented) {
  auto l = standard();
  l.kind = LeaseKind::short_term;
  l.end = day("2029-01-31");
  auto out = notice_outcome(l, NoticeBy::tenant, day("2028-06-02"));
  EXPECT_TRUE(out.rule_known);
  EXPECT_EQ(out.indemnity_months, 1);
  EXPECT_FALSE(notice_outcome(l, NoticeBy::agency, day("2028-06-02")).rule_known);
  l.kind = LeaseKind::transit;
  EXPECT_FALSE(notice_outcome(l, NoticeBy::tenant, day("2028-06-02")).rule_known);
}

}  // namespace
}  // namespace hms::leases
