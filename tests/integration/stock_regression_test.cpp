// Regression tests of the stock module, one per bug, named after it.
#include <gtest/gtest.h>

#include "app/agencies/agency_admin.hpp"
#include "app/owners/owners.hpp"
#include "app/stock/dwellings.hpp"
#include "common/clock.hpp"
#include "common/date.hpp"
#include "storage/sql_store.hpp"
#include "support/test_database.hpp"

namespace hms::app {
namespace {

class StockRegressionTest : public test::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db::migrate(*db().acquire());
    store_ = std::make_unique<storage::SqlStore>(db::Database::open(url(), 2), storage::FieldCipher(test::kTestFieldKey));
    add_agency(*store_, cli(), "AIS-A", "AIS Alpha");
  }
  Context cli() { return Context{clock_, "cli", std::nullopt, std::nullopt}; }
  FixedClock clock_{1'795'953'600};
  std::unique_ptr<storage::SqlStore> store_;
};

// Bug (found by the region benchmark): the categories were split into views of a temporary
// string; a list longer than the small-string buffer ("disability_adapted,student") came back
// as freed memory, and the API answered 500 (invalid UTF-8 in the JSON).
TEST_P(StockRegressionTest, LongCategoryListsReadBackIntact) {
  DwellingFields f;
  f.agency = "AIS-A";
  f.reference = "X-1";
  f.street = "Rue Haute";
  f.number = "1";
  f.postcode = "1000";
  f.type = "apartment";
  f.bedrooms = "4";
  f.categories = "student, disability_adapted, large_family, transit";
  auto id = create_dwelling(*store_, cli(), f).id;
  auto d = find_dwelling(*store_, cli(), id);
  EXPECT_EQ(d.categories, (std::vector<std::string>{"disability_adapted", "large_family", "student", "transit"}));
  auto page = list_dwellings(*store_, cli(), {}, "", {}, {});
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].categories, d.categories);
}

// Bug (found by reading update_contract): a contract's end could be moved before the start of
// a rent version it already had, leaving a rent outside the contract.
TEST_P(StockRegressionTest, AContractCannotEndBeforeItsLatestRent) {
  DwellingFields d;
  d.agency = "AIS-A";
  d.reference = "X-2";
  d.street = "Rue Haute";
  d.number = "2";
  d.postcode = "1000";
  d.type = "apartment";
  d.bedrooms = "1";
  auto dwelling = create_dwelling(*store_, cli(), d);
  OwnerFields o;
  o.agency = "AIS-A";
  o.kind = "person";
  o.name = "Marie Dubois";
  o.iban = "BE68539007547034";
  auto owner = create_owner(*store_, cli(), o);
  ContractFields k;
  k.agency = "AIS-A";
  k.dwelling_id = std::to_string(dwelling.id);
  k.owner_id = std::to_string(owner.id);
  k.kind = "main_lease";
  k.start = "2026-01-01";
  k.owner_rent = "600";
  auto contract = create_contract(*store_, cli(), k);
  ContractFields change;
  change.owner_rent = "610";
  change.rent_from = "2026-06-01";
  update_contract(*store_, cli(), contract.id, change);
  ContractFields shorter;
  shorter.end = "2026-05-31";
  try {
    update_contract(*store_, cli(), contract.id, shorter);
    ADD_FAILURE() << "an end before the rent of 2026-06-01 was accepted";
  } catch (const DomainError& e) {
    EXPECT_EQ(e.code(), "owners.end_before_rent");
    EXPECT_EQ(e.fields().count("end"), 1u);
  }
  EXPECT_FALSE(find_contract(*store_, cli(), contract.id).end.has_value()) << "nothing changed";
  shorter.end = "2026-06-30";
  EXPECT_EQ(to_iso(*update_contract(*store_, cli(), contract.id, shorter).end), "2026-06-30");
}

HMS_INSTANTIATE_BACKENDS(StockRegressionTest);

}  // namespace
}  // namespace hms::app
