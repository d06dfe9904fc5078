// Inside the bank parsers only: the list of problems found in a file, given in file order and
// thrown as one BankFileError; and the helpers that both formats read amounts and dates with.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "formats/bank/statement.hpp"

namespace hms::bank::detail {

// A problem under construction: fail("bank.bad_date").at_line(7).on("value_date").with("value", "310225").
struct Problem {
  BankFileProblem value;
  Problem& at_line(int line) { value.line = line; return *this; }
  Problem& at_element(std::string path) { value.element = std::move(path); return *this; }
  Problem& on(std::string field) { value.field = std::move(field); return *this; }
  Problem& with(const std::string& name, std::string text) { value.params[name] = std::move(text); return *this; }
};
inline Problem fail(std::string code) { return Problem{BankFileProblem{0, {}, {}, std::move(code), {}}}; }

// Collects problems; the parsers stop reading once kMaxProblems are found.
class ProblemList {
 public:
  void add(Problem problem) {
    problems_.push_back(std::move(problem.value));
    if (problems_.size() >= BankFileError::kMaxProblems) throw BankFileError(std::move(problems_));
  }
  bool empty() const { return problems_.empty(); }
  std::size_t size() const { return problems_.size(); }
  void throw_if_any() {
    if (!problems_.empty()) throw BankFileError(std::move(problems_));
  }
  [[noreturn]] void throw_now(Problem problem) {
    problems_.push_back(std::move(problem.value));
    throw BankFileError(std::move(problems_));
  }

 private:
  std::vector<BankFileProblem> problems_;
};

// The date if year/month/day names a day that exists.
std::optional<std::chrono::year_month_day> make_date(int year, int month, int day);

// "13556.30" as "13556.30" — Money::format_plain, for the params of balance messages.
std::string plain(Money amount);

}  // namespace hms::bank::detail
