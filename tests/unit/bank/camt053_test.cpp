// The camt.053 parser: the two hand-written statements (.001.02 plain, .001.08 with prefixed
// elements and the 2019 layout) read as sample.coda's figures, and one refused file per kind of
// defect (namespace, missing balance, balance mismatch), each naming the element and the reason.
#include "formats/bank/camt053.hpp"

#include <gtest/gtest.h>

#include "test_files.hpp"

namespace hms::bank {
namespace {

using testing::data;
using testing::expect_sample_statement;
using testing::first_problem;

class CamtGolden : public ::testing::TestWithParam<const char*> {};

TEST_P(CamtGolden, ReadsTheStatementOfTheSample) {
  const BankFile file = parse_camt053(data(GetParam()));
  EXPECT_EQ(file.format, "camt.053");
  ASSERT_EQ(file.statements.size(), 1u);
  const BankStatement& s = file.statements[0];
  expect_sample_statement(s);
  EXPECT_EQ(s.number, "24");
  ASSERT_EQ(s.movements.size(), 4u) << "the pending entry is not booked";
  EXPECT_EQ(s.movements[0].bank_reference, "EBK250205000100");
  EXPECT_EQ(s.movements[3].sequence, 4);
  EXPECT_EQ(s.movements[2].counterparty_bic, "") << "no RltdAgts";
}

INSTANTIATE_TEST_SUITE_P(Versions, CamtGolden, ::testing::Values("statement_v02.xml", "statement_v08.xml"),
                         [](const auto& test) { return std::string(test.index == 0 ? "v02" : "v08"); });

TEST(Camt053, RefusesAnotherNamespace) {
  const BankFileProblem p = first_problem(parse_camt053, data("defect_namespace.xml"));
  EXPECT_EQ(p.code, "bank.unknown_namespace");
  EXPECT_EQ(p.element, "Document");
  EXPECT_EQ(p.params.at("namespace"), "urn:iso:std:iso:20022:tech:xsd:camt.053.001.04");
  EXPECT_EQ(p.line, 0);
}

TEST(Camt053, RefusesAStatementWithoutClosingBalance) {
  const BankFileProblem p = first_problem(parse_camt053, data("defect_missing_balance.xml"));
  EXPECT_EQ(p.code, "bank.missing_element");
  EXPECT_EQ(p.element, "Document/BkToCstmrStmt/Stmt[1]/Bal");
  EXPECT_EQ(p.field, "CLBD");
}

TEST(Camt053, RefusesABalanceThatDoesNotAddUp) {
  const BankFileProblem p = first_problem(parse_camt053, data("defect_balance.xml"));
  EXPECT_EQ(p.code, "bank.balance_mismatch");
  EXPECT_EQ(p.element, "Document/BkToCstmrStmt/Stmt[1]/Bal[2]");
  EXPECT_EQ(p.params.at("computed"), "13556.30");
  EXPECT_EQ(p.params.at("new"), "13566.30");
}

TEST(Camt053, NamesTheBadAmountAndTheMissingElement) {
  std::string bytes = data("statement_v02.xml");
  bytes.replace(bytes.find("685.00"), 6, "685.005");
  BankFileProblem p = first_problem(parse_camt053, bytes);
  EXPECT_EQ(p.code, "bank.amount_mills");
  EXPECT_EQ(p.element, "Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/Amt");
  bytes = data("statement_v02.xml");
  bytes.replace(bytes.find("685.00"), 6, "6,85");
  EXPECT_EQ(first_problem(parse_camt053, bytes).code, "bank.bad_amount");
  bytes = data("statement_v02.xml");
  bytes.replace(bytes.find("<IBAN>BE11068246013548</IBAN>"), 29, "");
  p = first_problem(parse_camt053, bytes);
  EXPECT_EQ(p.code, "bank.missing_element");
  EXPECT_EQ(p.element, "Document/BkToCstmrStmt/Stmt[1]/Acct/Id/IBAN");
  bytes = data("statement_v02.xml");
  bytes.replace(bytes.find("<IBAN>BE11068246013548</IBAN>"), 29, "<IBAN>BE11068246013549</IBAN>");
  p = first_problem(parse_camt053, bytes);
  EXPECT_EQ(p.code, "bank.bad_iban");
  EXPECT_EQ(p.element, "Document/BkToCstmrStmt/Stmt[1]/Acct/Id/IBAN");
  p = first_problem(parse_camt053, "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt>");
  EXPECT_EQ(p.code, "bank.not_xml");
}

}  // namespace
}  // namespace hms::bank
