// Regression tests of the stock module, one per bug, named after it.
#include <gtest/gtest.h>

#include "app/agencies/agency_admin.hpp"
#include "app/stock/dwellings.hpp"
#include "common/clock.hpp"
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

HMS_INSTANTIATE_BACKENDS(StockRegressionTest);

}  // namespace
}  // namespace hms::app
