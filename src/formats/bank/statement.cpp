#include "formats/bank/statement.hpp"

#include "formats/bank/problems.hpp"

namespace hms::bank {

BankFileError::BankFileError(std::vector<BankFileProblem> problems)
    : std::runtime_error(problems.empty() ? std::string("bank.invalid_file") : problems.front().code),
      problems_(std::move(problems)) {}

DomainError invalid_file_error(const BankFileError& error) {
  DomainError e(ErrorKind::validation, "bank.invalid_file");
  if (error.problems().empty()) return e;
  const BankFileProblem& first = error.problems().front();
  for (const auto& [name, value] : first.params) e.param(name, value);
  if (first.line > 0) e.param("line", std::to_string(first.line));
  if (!first.element.empty()) e.param("element", first.element);
  e.param("field", first.field);
  e.param("reason", first.code);
  return e;
}

namespace detail {

std::optional<std::chrono::year_month_day> make_date(int year, int month, int day) {
  const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  if (month < 1 || month > 12 || day < 1 || !date.ok()) return std::nullopt;
  return date;
}

std::string plain(Money amount) { return amount.format_plain(); }

}  // namespace detail
}  // namespace hms::bank
