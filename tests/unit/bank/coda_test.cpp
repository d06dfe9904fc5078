// The CODA parser: the golden reading of sample.coda (its figures checked by hand against
// finance-formats.md §1.12) and one refused file per kind of defect, each naming its line,
// field and reason (§1.11).
#include "formats/bank/coda.hpp"

#include <gtest/gtest.h>

#include "formats/bank/bank_file.hpp"
#include "test_files.hpp"

namespace hms::bank {
namespace {

using testing::data;
using testing::expect_sample_statement;
using testing::ymd;
using testing::first_problem;

TEST(Coda, ReadsTheSampleStatement) {
  const BankFile file = parse_coda(data("sample.coda"));
  EXPECT_EQ(file.format, "coda");
  ASSERT_EQ(file.statements.size(), 1u);
  const BankStatement& s = file.statements[0];
  expect_sample_statement(s);
  EXPECT_EQ(s.number, "024");
  ASSERT_EQ(s.movements.size(), 4u);
  EXPECT_EQ(s.movements[0].bank_reference, "EBK25020500010000000");
  EXPECT_EQ(s.movements[3].sequence, 4);
}

TEST(Coda, ReadsSeveralStatementsWithLfAndNoFinalNewline) {
  const BankFile file = parse_coda(data("two_statements.coda"));
  ASSERT_EQ(file.statements.size(), 2u);
  EXPECT_EQ(file.statements[1].number, "025");
  EXPECT_EQ(file.statements[1].old_balance, Money::from_cents(1'355'630));
  EXPECT_EQ(file.statements[1].new_balance, Money::from_cents(1'424'130));
  EXPECT_EQ(file.statements[1].date, ymd(2025, 2, 6));
  ASSERT_EQ(file.statements[1].movements.size(), 1u);
}

TEST(Coda, ReadsTheDetailsOfAGlobalisation) {
  // Movement 1 of the sample as a bank-booked batch of 685.00 € (type 2) of two tenant credits
  // (type 6): the balance and the trailer count the batch once, the details carry the tenants.
  const BankStatement s = parse_coda(data("globalisation.coda")).statements.at(0);
  ASSERT_EQ(s.movements.size(), 4u);
  const BankMovement& batch = s.movements[0];
  EXPECT_EQ(batch.amount, Money::from_cents(68'500));
  EXPECT_EQ(batch.free_communication, "VIREMENTS GROUPES 2");
  ASSERT_EQ(batch.details.size(), 2u);
  EXPECT_EQ(batch.details[0].amount, Money::from_cents(40'000));
  EXPECT_EQ(batch.details[0].structured_communication, "250200031768");
  EXPECT_EQ(batch.details[0].counterparty_name, "MARTIN SOPHIE");
  EXPECT_EQ(batch.details[1].amount, Money::from_cents(28'500));
  EXPECT_EQ(batch.details[1].structured_communication, "250200041872");
  EXPECT_EQ(batch.details[1].counterparty_iban, "BE16001583920474");
  EXPECT_TRUE(s.movements[1].details.empty());
  EXPECT_EQ(s.new_balance, Money::from_cents(1'355'630));
}

TEST(Coda, ReadsWindows1252TextAsUtf8) {
  std::string bytes = data("sample.coda");
  const auto at = bytes.find("DUPONT MARIE");
  bytes[at + 1] = '\xC9';  // "DÉPONT"
  EXPECT_EQ(parse_coda(bytes).statements[0].movements[0].counterparty_name, "D\xC3\x89PONT MARIE");
}

struct Defect {
  const char* file;
  int line;
  const char* field;
  const char* code;
};

class CodaDefect : public ::testing::TestWithParam<Defect> {};

TEST_P(CodaDefect, NamesTheLineAndTheReason) {
  const Defect& d = GetParam();
  const BankFileProblem p = first_problem(parse_coda, data(d.file));
  EXPECT_EQ(p.code, d.code) << d.file;
  EXPECT_EQ(p.line, d.line) << d.file;
  EXPECT_EQ(p.field, d.field) << d.file;
  EXPECT_TRUE(p.element.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Files, CodaDefect,
    ::testing::Values(Defect{"defect_length.coda", 5, "record", "bank.record_length"},
                      Defect{"defect_unknown_record.coda", 10, "record_type", "bank.unknown_record"},
                      Defect{"defect_order.coda", 5, "record_type", "bank.record_out_of_order"},
                      Defect{"defect_sequence.coda", 11, "sequence", "bank.sequence_broken"},
                      Defect{"defect_balance.coda", 17, "new_balance", "bank.balance_mismatch"},
                      Defect{"defect_trailer_count.coda", 19, "record_count", "bank.trailer_count"},
                      Defect{"defect_trailer_total.coda", 19, "credit_total", "bank.trailer_credit_total"},
                      Defect{"defect_mills.coda", 3, "amount", "bank.amount_mills"}),
    [](const auto& test) {
      std::string name = test.param.file;
      name = name.substr(0, name.find('.'));
      return name;
    });

TEST(Coda, DefectParamsFillTheMessages) {
  const BankFileProblem balance = first_problem(parse_coda, data("defect_balance.coda"));
  EXPECT_EQ(balance.params.at("old"), "12543.80");
  EXPECT_EQ(balance.params.at("movements"), "1012.50");
  EXPECT_EQ(balance.params.at("computed"), "13556.30");
  EXPECT_EQ(balance.params.at("new"), "13556.40");
  const BankFileProblem length = first_problem(parse_coda, data("defect_length.coda"));
  EXPECT_EQ(length.params.at("length"), "127");
  const BankFileProblem sequence = first_problem(parse_coda, data("defect_sequence.coda"));
  EXPECT_EQ(sequence.params.at("found"), "4");
  EXPECT_EQ(sequence.params.at("expected"), "3");
}

TEST(Coda, ReportsEveryBadLineAtOnce) {
  std::string bytes = data("sample.coda");
  bytes.erase(130 * 2, 1);   // line 3 one character short
  bytes.erase(130 * 6 - 1, 1);  // line 7 too
  try {
    parse_coda(bytes);
    FAIL() << "accepted";
  } catch (const BankFileError& e) {
    ASSERT_EQ(e.problems().size(), 2u);
    EXPECT_EQ(e.problems()[0].line, 3);
    EXPECT_EQ(e.problems()[1].line, 7);
  }
}

TEST(Coda, RefusesATruncatedFileAndAnOldVersion) {
  std::string bytes = data("sample.coda");
  const std::string truncated = bytes.substr(0, 130 * 17);  // up to record 8 and its link to a 4
  const BankFileProblem missing = first_problem(parse_coda, truncated);
  EXPECT_EQ(missing.code, "bank.missing_record");
  EXPECT_EQ(missing.line, 17);
  bytes[127] = '1';
  const BankFileProblem version = first_problem(parse_coda, bytes);
  EXPECT_EQ(version.code, "bank.unsupported_version");
  EXPECT_EQ(version.line, 1);
}

TEST(Coda, RefusesAnAccountWhoseIbanCheckFails) {
  std::string bytes = data("sample.coda");
  bytes.replace(130 + 5, 16, "BE12068246013548");
  const BankFileProblem p = first_problem(parse_coda, bytes);
  EXPECT_EQ(p.code, "bank.bad_iban");
  EXPECT_EQ(p.line, 2);
  EXPECT_EQ(p.field, "account");
}

TEST(Coda, TheErrorOfTheContractIsInvalidFile) {
  try {
    parse_coda(data("defect_balance.coda"));
    FAIL() << "accepted";
  } catch (const BankFileError& e) {
    const DomainError error = invalid_file_error(e);
    EXPECT_EQ(error.code(), "bank.invalid_file");
    EXPECT_EQ(error.kind(), ErrorKind::validation);
    EXPECT_EQ(error.params().at("line"), "17");
    EXPECT_EQ(error.params().at("reason"), "bank.balance_mismatch");
  }
}

TEST(BankFile, TellsTheFormatsApartByContent) {
  EXPECT_EQ(parse_bank_file(data("sample.coda")).format, "coda");
  EXPECT_EQ(parse_bank_file(data("statement_v02.xml")).format, "camt.053");
  EXPECT_EQ(parse_bank_file("\xEF\xBB\xBF" + data("statement_v08.xml")).format, "camt.053");
  for (const std::string& other : {std::string("Date;Montant\n05/02/2025;685,00\n"), std::string(), std::string("%PDF-1.4")}) {
    const BankFileProblem p = first_problem(parse_bank_file, other);
    EXPECT_EQ(p.code, "bank.not_bank_file") << other;
    EXPECT_EQ(p.line, 1);
  }
  EXPECT_EQ(first_problem(parse_bank_file, "<html><body/></html>").code, "bank.missing_element");
}

}  // namespace
}  // namespace hms::bank
