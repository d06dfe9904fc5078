// The form reader of the page kit (http/handlers/support/forms.hpp), issue 15.6: the fields a
// use case lists as dates are read as people type them (05/09/2026, 5.9.2026, 05-09-2026,
// 2026-09-05) and handed on as ISO, the values shown again keep the text as typed, and a date
// naming no day (31/02/2026) becomes "this date does not exist" on its own field, with its own
// date, while the other fields' errors stay as they were. The JSON API does not go through it.
#include "http/handlers/support/forms.hpp"

#include <gtest/gtest.h>

#include "app/owners/owners.hpp"
#include "app/stock/dwellings.hpp"

namespace hms::http {
namespace {

Request posted(std::initializer_list<std::pair<const char*, const char*>> fields) {
  Request r;
  for (const auto& [name, value] : fields) r.form.emplace(name, value);
  return r;
}

constexpr std::string_view kContractInputs[] = {"start", "end", "signed_on", "owner_rent", "kind"};

TEST(FormReader, DatesAreReadAsTypedAndHandedOnAsIso) {
  auto in = read_form<app::ContractFields>(
      posted({{"start", "05/09/2026"}, {"end", "5.9.2027"}, {"signed_on", "2026-09-01"}, {"owner_rent", "745,50"},
              {"kind", "main_lease"}}),
      kContractInputs);
  EXPECT_EQ(in.fields.start, "2026-09-05");
  EXPECT_EQ(in.fields.end, "2027-09-05");
  EXPECT_EQ(in.fields.signed_on, "2026-09-01");
  EXPECT_EQ(in.fields.owner_rent, "745,50") << "not a date: untouched";
  EXPECT_EQ(in.values["start"], "05/09/2026") << "shown again as typed";
  EXPECT_EQ(in.values["end"], "5.9.2027");
  EXPECT_TRUE(in.no_such_day.empty());
  EXPECT_FALSE(in.fields.rent_from.has_value()) << "not on the page: unset";
}

TEST(FormReader, OtherShapesAreLeftForTheUseCaseToRefuse) {
  for (const char* text : {"next monday", "2026/09/05", "05/09/26", "5 9 2026", "32.13.2026x"}) {
    auto in = read_form<app::ContractFields>(posted({{"start", text}}), kContractInputs);
    EXPECT_EQ(in.fields.start, std::string(text)) << text;
    EXPECT_TRUE(in.no_such_day.empty()) << text;
  }
  auto blank = read_form<app::ContractFields>(posted({{"end", ""}}), kContractInputs);
  EXPECT_EQ(blank.fields.end, "") << "an emptied date clears it";
}

TEST(FormReader, ADayThatDoesNotExistIsSaidSoOnItsField) {
  constexpr std::string_view inputs[] = {"peb_date", "status_since", "street"};
  auto in = read_form<app::DwellingFields>(posted({{"peb_date", "31/02/2026"}, {"status_since", "29.02.2025"},
                                                   {"street", "31/02/2026"}}),
                                           inputs);
  EXPECT_EQ(in.fields.peb_date, "2026-02-31") << "for the use case to refuse";
  EXPECT_EQ(in.fields.street, "31/02/2026") << "a text field is never read as a date";
  ASSERT_EQ(in.no_such_day.size(), 2u);
  EXPECT_EQ(in.no_such_day["peb_date"], "31/02/2026");
  EXPECT_EQ(in.no_such_day["status_since"], "29.02.2025");

  // The use case's refusal (common.invalid_date on both, another field's problem too)…
  DomainError refused(ErrorKind::validation, "common.invalid_date");
  refused.field("peb_date").field("status_since").field("postcode", "stock.invalid_postcode");
  auto e = explain_dates(refused, in);
  // …says on each date that the day does not exist, each with its own date as typed.
  EXPECT_EQ(e.fields().at("peb_date"), "common.date_does_not_exist");
  EXPECT_EQ(e.fields().at("status_since"), "common.date_does_not_exist");
  EXPECT_EQ(e.fields().at("postcode"), "stock.invalid_postcode");
  EXPECT_EQ(e.params().at("peb_date.date"), "31/02/2026");
  EXPECT_EQ(e.params().at("status_since.date"), "29.02.2025");
  EXPECT_EQ(e.kind(), ErrorKind::validation);
}

TEST(FormReader, ADateFieldThatIsNoDateAsksForOneTheWayPeopleTypeIt) {
  constexpr std::string_view inputs[] = {"peb_date", "status_since", "postcode"};
  auto in = read_form<app::DwellingFields>(posted({{"peb_date", "next week"}, {"status_since", ""}}), inputs);
  DomainError refused(ErrorKind::validation, "common.invalid_date");
  refused.field("peb_date").field("status_since").field("postcode", "common.invalid_date");
  auto e = explain_dates(refused, in);
  EXPECT_EQ(e.fields().at("peb_date"), "common.form.invalid_date") << "like 05/09/2026, not like 2026-03-01";
  EXPECT_EQ(e.fields().at("status_since"), "common.form.invalid_date");
  EXPECT_EQ(e.fields().at("postcode"), "common.invalid_date") << "not a date field: as it was";
}

TEST(FormReader, FieldsWithoutDatesAreReadAsBefore) {
  constexpr std::string_view inputs[] = {"name", "iban"};
  auto in = read_form<app::OwnerFields>(posted({{"name", "05/09/2026"}, {"iban", " BE68 5390 0754 7034 "}}), inputs);
  EXPECT_EQ(in.fields.name, "05/09/2026");
  EXPECT_EQ(in.fields.iban, " BE68 5390 0754 7034 ");
  EXPECT_TRUE(in.no_such_day.empty());
}

}  // namespace
}  // namespace hms::http
