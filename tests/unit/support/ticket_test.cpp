// The helpdesk's rules (issue 13, part 1): the status of a ticket after each action, the page
// path kept from the help button's address (never its query string), the percentile figures.
#include <gtest/gtest.h>

#include "common/error.hpp"
#include "domain/support/ticket.hpp"

namespace hms::support {
namespace {

Status after(Status from, Action a) { return next_status(from, a); }

void expect_refused(Status from, Action a) {
  try {
    next_status(from, a);
    ADD_FAILURE() << to_string(from) << " accepted an action it must refuse";
  } catch (const DomainError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::conflict);
    EXPECT_EQ(e.code(), "support.invalid_transition");
  }
}

TEST(SupportStatus, TriageOfAnOpenTicket) {
  for (Status from : {Status::new_, Status::answered, Status::forwarded}) {
    EXPECT_EQ(after(from, Action::triage_business), Status::answered) << to_string(from);
    EXPECT_EQ(after(from, Action::triage_usage), Status::answered) << to_string(from);
    EXPECT_EQ(after(from, Action::triage_defect), Status::forwarded) << to_string(from);
    EXPECT_EQ(after(from, Action::triage_duplicate), Status::duplicate) << to_string(from);
  }
}

TEST(SupportStatus, NoTriageOnceDone) {
  for (Status from : {Status::resolved, Status::closed, Status::duplicate})
    for (Triage t : kTriages) expect_refused(from, action_of(t));
}

TEST(SupportStatus, ResolveCloseReopen) {
  EXPECT_EQ(after(Status::answered, Action::resolve), Status::resolved);
  EXPECT_EQ(after(Status::forwarded, Action::resolve), Status::resolved);
  expect_refused(Status::new_, Action::resolve);
  expect_refused(Status::closed, Action::resolve);
  for (Status from : {Status::new_, Status::answered, Status::forwarded}) EXPECT_EQ(after(from, Action::close), Status::closed);
  expect_refused(Status::resolved, Action::close);
  expect_refused(Status::closed, Action::close);
  EXPECT_EQ(after(Status::resolved, Action::reopen), Status::new_);
  EXPECT_EQ(after(Status::answered, Action::reopen), Status::new_);
  expect_refused(Status::new_, Action::reopen);
  expect_refused(Status::closed, Action::reopen);
  expect_refused(Status::duplicate, Action::reopen);
}

TEST(SupportStatus, NamesParseBack) {
  for (Status s : kStatuses) EXPECT_EQ(parse_status(to_string(s)), s);
  for (Category c : kCategories) EXPECT_EQ(parse_category(to_string(c)), c);
  for (Triage t : kTriages) EXPECT_EQ(parse_triage(to_string(t)), t);
  EXPECT_EQ(parse_status("New"), std::nullopt);
  EXPECT_EQ(parse_category(""), std::nullopt);
  EXPECT_TRUE(is_open(Status::forwarded));
  EXPECT_FALSE(is_open(Status::duplicate));
}

TEST(SupportPagePath, OnlyTheLocalPathIsKept) {
  EXPECT_EQ(page_path_of("/owners?q=Dupont"), "/owners");
  EXPECT_EQ(page_path_of("/dwellings/12#documents"), "/dwellings/12");
  EXPECT_EQ(page_path_of("/owners#x?q=Dupont"), "/owners");
  EXPECT_EQ(page_path_of("https://evil.example/owners"), "/");
  EXPECT_EQ(page_path_of("//evil.example/x"), "/");
  EXPECT_EQ(page_path_of("/\\evil"), "/");
  EXPECT_EQ(page_path_of(""), "/");
  EXPECT_EQ(page_path_of(std::string("/a\nb")), "/");
  const std::string longer = "/" + std::string(198, 'a') + "\xC3\xA9" + "zz";  // é across byte 200
  EXPECT_EQ(page_path_of(longer), "/" + std::string(198, 'a'));
}

TEST(SupportFigures, NearestRankPercentiles) {
  EXPECT_EQ(percentile({}, 50), std::nullopt);
  EXPECT_EQ(percentile({42}, 50), 42);
  EXPECT_EQ(percentile({42}, 90), 42);
  EXPECT_EQ(percentile({240, 60, 180, 120}, 50), 120);  // rank ⌈2⌉ = 2 of 60,120,180,240
  EXPECT_EQ(percentile({240, 60, 180, 120}, 90), 240);  // rank ⌈3.6⌉ = 4
  std::vector<std::int64_t> ten;
  for (int i = 1; i <= 10; ++i) ten.push_back(i * 10);
  EXPECT_EQ(percentile(ten, 50), 50);
  EXPECT_EQ(percentile(ten, 90), 90);
  EXPECT_EQ(percentile(ten, 100), 100);
  ten.push_back(1000);  // 11 values: the 90th percentile is rank ⌈9.9⌉ = 10
  EXPECT_EQ(percentile(ten, 90), 100);
  EXPECT_EQ(percentile(ten, 50), 60);
  auto d = summarise({60, 120, 180, 240});
  EXPECT_EQ(d.count, 4);
  EXPECT_EQ(d.median, 120);
  EXPECT_EQ(d.p90, 240);
  auto none = summarise({});
  EXPECT_EQ(none.count, 0);
  EXPECT_EQ(none.median, std::nullopt);
}

TEST(SupportArticle, TextOfTheReadersLanguage) {
  Article a;
  a.title_fr = "Plafond";
  a.title_nl = "Plafond NL";
  a.title_en = "Cap";
  a.body_en = "Body";
  EXPECT_EQ(a.title("nl"), "Plafond NL");
  EXPECT_EQ(a.title("en"), "Cap");
  EXPECT_EQ(a.title("de"), "Plafond");
  EXPECT_EQ(a.body("en"), "Body");
}

}  // namespace
}  // namespace hms::support
