// Allocation's own rules (domain/allocation): the occupancy table (its file, the row of a
// household size, the "and more" row, the sizes that fit a dwelling), the order of candidates
// (points, then registration date, then number) with their reasons, who may be a candidate at
// all, and where each stands once decisions are taken.
#include <gtest/gtest.h>

#include "common/date.hpp"
#include "common/error.hpp"
#include "domain/allocation/candidates.hpp"

namespace hms::allocation {
namespace {

std::chrono::year_month_day day(const char* iso) { return parse_date(iso).value(); }

constexpr const char* kTable =
    "valid_from,persons,min_bedrooms,max_bedrooms,status,source\n"
    "2018-01-01,1,0,1,illustrative,norm, art. 3\n"
    "2018-01-01,2,1,2,illustrative,norm\n"
    "2018-01-01,3,2,3,illustrative,norm\n"
    "2018-01-01,4,2,3,illustrative,norm\n"
    "2018-01-01,5,3,4,illustrative,norm\n"
    "2027-01-01,1,1,1,verified,Region\n"
    "2027-01-01,2,1,2,verified,Region\n";

std::string error_of(const char* csv) {
  try {
    OccupancyTable::parse(csv);
  } catch (const DomainError& e) {
    return e.code() + " line " + e.params().at("line");
  }
  return "";
}

applicants::Applicant household(std::int64_t id, int persons, const char* registered_on, std::int64_t number) {
  applicants::Applicant a;
  a.id = id;
  a.number = number;
  a.registered_on = day(registered_on);
  a.band = applicants::Band::eligible;
  for (int i = 0; i < persons; ++i) {
    applicants::Member m;
    m.relation = i == 0 ? applicants::Relation::applicant : applicants::Relation::child;
    a.members.push_back(m);
  }
  return a;
}

std::vector<std::int64_t> ids(const std::vector<Candidate>& cs) {
  std::vector<std::int64_t> out;
  for (const auto& c : cs) out.push_back(c.applicant.id);
  return out;
}

TEST(OccupancyTable, ReadsTheFileAndFindsTheRowOfAHouseholdOnADay) {
  auto t = OccupancyTable::parse(kTable);
  ASSERT_EQ(t.rows().size(), 7u);
  EXPECT_EQ(t.rows()[0].source, "norm, art. 3") << "the source keeps its commas";
  auto three = t.rule_for(day("2026-12-07"), 3);
  ASSERT_TRUE(three);
  EXPECT_EQ(three->min_bedrooms, 2);
  EXPECT_EQ(three->max_bedrooms, 3);
  auto nine = t.rule_for(day("2026-12-07"), 9);  // "5 and more"
  ASSERT_TRUE(nine);
  EXPECT_EQ(nine->persons, 5);
  EXPECT_TRUE(nine->and_more);
  EXPECT_FALSE(t.rule_for(day("2017-12-31"), 1)) << "no table before the first validity date";
  EXPECT_FALSE(t.rule_for(day("2026-12-07"), 0));
  auto later = t.rule_for(day("2027-02-01"), 1);
  ASSERT_TRUE(later);
  EXPECT_EQ(later->min_bedrooms, 1) << "the table of 2027 replaces the one of 2018";
  EXPECT_EQ(t.rule_for(day("2027-02-01"), 6)->persons, 2) << "2 and more in 2027";
}

TEST(OccupancyTable, ABadFileIsRefusedWithItsLine) {
  const std::string header = "valid_from,persons,min_bedrooms,max_bedrooms,status,source\n";
  EXPECT_EQ(error_of(""), "rules.invalid_occupancy_table line 1");
  EXPECT_EQ(error_of("valid_from,type,bedrooms\n"), "rules.invalid_occupancy_table line 1");
  EXPECT_EQ(error_of((header + "2018-01-01,1,2,1,x,y\n").c_str()), "rules.invalid_occupancy_table line 2") << "min > max";
  EXPECT_EQ(error_of((header + "2018-01-01,0,0,1,x,y\n").c_str()), "rules.invalid_occupancy_table line 2") << "0 persons";
  EXPECT_EQ(error_of((header + "2018-13-01,1,0,1,x,y\n").c_str()), "rules.invalid_occupancy_table line 2");
  EXPECT_EQ(error_of((header + "2018-01-01,1,0,1,x,\n").c_str()), "rules.invalid_occupancy_table line 2") << "no source";
  EXPECT_EQ(error_of((header + "2018-01-01,1,0,1,x,y\n2018-01-01,3,2,3,x,y\n").c_str()),
            "rules.invalid_occupancy_table line 3") << "2 persons missing";
  EXPECT_EQ(error_of((header + "2018-01-01,1,0,1,x,y\n2018-01-01,1,0,1,x,y\n").c_str()),
            "rules.invalid_occupancy_table line 3") << "twice";
  EXPECT_EQ(error_of(header.c_str()), "rules.invalid_occupancy_table line 1") << "no row";
}

TEST(OccupancyTable, TheSizesThatFitABedroomCount) {
  auto t = OccupancyTable::parse(kTable);
  const auto rows = t.in_force(day("2026-12-07"));
  EXPECT_EQ(sizes_fitting(rows, 0), (std::pair<int, std::optional<int>>{1, 1}));
  EXPECT_EQ(sizes_fitting(rows, 2), (std::pair<int, std::optional<int>>{2, 4}));
  EXPECT_EQ(sizes_fitting(rows, 4), (std::pair<int, std::optional<int>>{5, std::nullopt})) << "5 and more";
  EXPECT_FALSE(sizes_fitting(rows, 7));
}

TEST(RankCandidates, ByPointsThenRegistrationThenNumberWithReasons) {
  auto t = OccupancyTable::parse(kTable);
  std::vector<applicants::Applicant> pool = {
      household(1, 2, "2021-03-12", 40),
      household(2, 3, "2019-05-01", 12),
      household(3, 4, "2021-03-12", 38),  // same day as 1, a lower number
      household(4, 1, "2010-01-01", 1),   // one person: not for 2 bedrooms
      household(5, 6, "2010-01-01", 2),   // six: 3 or 4 bedrooms
  };
  pool.push_back(household(6, 2, "2010-01-01", 3));
  pool.back().band = applicants::Band::middle;  // middle without over-indebtedness: not a candidate
  pool.push_back(household(7, 2, "2010-01-01", 4));
  pool.back().status = applicants::Status::housed;
  pool.push_back(household(8, 2, "2024-01-01", 90));
  pool.back().referral = "CPAS";
  pool.back().preferred_postcodes = {"1050"};

  const FreeDwelling d{1, 2, "1050"};
  auto plain = rank_candidates(pool, d, t, day("2026-12-07"), {});
  EXPECT_EQ(ids(plain), (std::vector<std::int64_t>{2, 3, 1, 8}));
  EXPECT_EQ(plain[0].reasons[0].key, "allocation.reasons.first");
  EXPECT_EQ(plain[1].reasons[0].key, "allocation.reasons.behind_registered");
  EXPECT_EQ(plain[2].reasons[0].key, "allocation.reasons.behind_number");
  EXPECT_EQ(plain[2].reasons[1].key, "allocation.reasons.registered");
  EXPECT_EQ(plain[2].reasons[2].key, "allocation.reasons.fits");
  EXPECT_EQ(plain[0].points, 0);

  auto weighted = rank_candidates(pool, d, t, day("2026-12-07"), {10, 0, 5});
  EXPECT_EQ(ids(weighted), (std::vector<std::int64_t>{8, 2, 3, 1}));
  EXPECT_EQ(weighted[0].points, 15);
  EXPECT_EQ(weighted[1].reasons[0].key, "allocation.reasons.behind_points");
  EXPECT_EQ(weighted[0].reasons.back().key, "allocation.reasons.priority_preferred_commune");

  pool[5].over_indebted = true;  // middle and over-indebted: a candidate
  EXPECT_EQ(rank_candidates(pool, d, t, day("2026-12-07"), {}).size(), 5u);
  EXPECT_TRUE(rank_candidates(pool, d, t, day("2017-01-01"), {}).empty()) << "no rule in force: nobody fits";
}

TEST(Standings, WhoIsWaitingBeforeEachCandidate) {
  auto t = OccupancyTable::parse(kTable);
  auto cs = rank_candidates({household(1, 2, "2018-01-01", 1), household(2, 2, "2019-01-01", 2),
                             household(3, 2, "2020-01-01", 3)},
                            {1, 2, "1000"}, t, day("2026-12-07"), {});
  auto none = standings(cs, {});
  EXPECT_EQ(none[0].waiting_before, 0);
  EXPECT_EQ(none[2].waiting_before, 2);
  EXPECT_FALSE(none[0].last);
  Decision proposed;
  proposed.applicant_id = 1;
  proposed.kind = DecisionKind::proposed;
  proposed.recorded_at = 10;
  Decision refused = proposed;
  refused.kind = DecisionKind::refused;
  refused.recorded_at = 20;
  auto after = standings(cs, {refused, proposed});  // any order: the latest decision wins
  EXPECT_EQ(after[0].last, DecisionKind::refused);
  EXPECT_FALSE(after[0].proposed());
  EXPECT_EQ(after[1].waiting_before, 0) << "the first refused: the second is first";
  EXPECT_EQ(after[2].waiting_before, 1);
}

}  // namespace
}  // namespace hms::allocation
