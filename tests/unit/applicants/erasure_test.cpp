// Erasing a household (domain/applicants/erasure.hpp): what identifies its people goes, its
// number, dates, composition and band stay; refused while a lease runs, and twice.
#include <gtest/gtest.h>

#include "common/date.hpp"
#include "common/error.hpp"
#include "domain/applicants/erasure.hpp"

namespace hms::applicants {
namespace {

std::chrono::year_month_day day(const char* iso) { return parse_date(iso).value(); }

Applicant household() {
  Applicant a;
  a.id = 7;
  a.agency_id = 2;
  a.number = 412;
  a.registered_on = day("2025-03-14");
  a.referral = "CPAS de Schaerbeek";
  a.income_year = 2024;
  a.income = Money::from_cents(2'140'000);
  a.preferred_postcodes = {"1030", "1210"};
  a.over_indebted = true;
  a.urgent = true;
  a.band = Band::eligible;
  a.email = "amina@example.org";
  a.phone = "0477 11 22 33";
  a.address = "Rue Royale 1, 1000 Bruxelles";
  a.members = {{"Amina", "El Idrissi", day("1985-07-30"), Relation::applicant, false, false, "85073003328"},
               {"Yasmine", "El Idrissi", day("2017-07-30"), Relation::child, true, true, "17073003384"}};
  return a;
}

TEST(Erasure, ThePeopleGoTheFiguresStay) {
  const auto e = erased(household(), false, day("2026-12-07"));
  ASSERT_EQ(e.members.size(), 2u);
  for (const auto& m : e.members) {
    EXPECT_EQ(m.first_name, "—");
    EXPECT_EQ(m.last_name, "—");
    EXPECT_EQ(m.national_number, "");
    EXPECT_FALSE(m.disabled) << "health data";
  }
  EXPECT_EQ(e.members[0].birth_date, day("1985-01-01"));
  EXPECT_EQ(e.members[1].birth_date, day("2017-01-01"));
  EXPECT_EQ(e.members[1].relation, Relation::child);
  EXPECT_TRUE(e.members[1].dependent);
  EXPECT_EQ(e.email + e.phone + e.address, "");
  EXPECT_FALSE(e.referral);
  EXPECT_TRUE(e.preferred_postcodes.empty());
  EXPECT_EQ(e.income, Money::zero());
  EXPECT_FALSE(e.over_indebted);
  // What the register, the reports and the Region count.
  EXPECT_EQ(e.number, 412);
  EXPECT_EQ(e.registered_on, day("2025-03-14"));
  EXPECT_EQ(e.band, Band::eligible);
  EXPECT_EQ(e.status, Status::struck_off);
  EXPECT_EQ(e.status_reason, "erased");
  EXPECT_EQ(e.status_since, day("2026-12-07"));
  EXPECT_TRUE(is_erased(e));
  EXPECT_FALSE(is_erased(household()));
}

TEST(Erasure, NotWhileALeaseRunsNorTwice) {
  auto code = [](auto&& f) {
    try {
      f();
    } catch (const DomainError& e) {
      EXPECT_EQ(e.kind(), ErrorKind::conflict);
      return e.code();
    }
    return std::string();
  };
  EXPECT_EQ(code([] { erased(household(), true, day("2026-12-07")); }), "applicants.erase_lease_in_force");
  const auto once = erased(household(), false, day("2026-12-07"));
  EXPECT_EQ(code([&] { erased(once, false, day("2026-12-08")); }), "applicants.already_erased");
}

TEST(Retention, FormerTenantsFromTheirLastLeaseStruckOffFromThatDayNeverWhileNeeded) {
  const auto today = day("2026-12-07");
  auto struck = household();
  struck.status = Status::struck_off;
  struck.status_since = day("2021-12-07");
  auto why = retention_reason(struck, std::nullopt, false, 5, today);
  ASSERT_TRUE(why);
  EXPECT_EQ(why->reason, "struck_off");
  EXPECT_EQ(why->since, day("2021-12-07"));
  EXPECT_FALSE(retention_reason(struck, std::nullopt, false, 6, today)) << "not yet six years";
  // A former tenant counts from its last lease's end, whatever its status.
  auto tenant = household();
  tenant.status = Status::housed;
  why = retention_reason(tenant, day("2019-06-30"), false, 5, today);
  ASSERT_TRUE(why);
  EXPECT_EQ(why->reason, "former_tenant");
  EXPECT_FALSE(retention_reason(tenant, day("2022-06-30"), false, 5, today));
  // Never while a lease runs, an active candidate, or once erased.
  EXPECT_FALSE(retention_reason(tenant, day("2019-06-30"), true, 5, today));
  EXPECT_FALSE(retention_reason(household(), std::nullopt, false, 1, today)) << "active";
  EXPECT_FALSE(retention_reason(erased(struck, false, day("2025-01-01")), std::nullopt, false, 1, today));
  // 29 February: five years before is the 1st of March.
  struck.status_since = day("2021-03-01");
  EXPECT_TRUE(retention_reason(struck, std::nullopt, false, 5, day("2026-03-01")));
}

}  // namespace
}  // namespace hms::applicants
