#include "domain/owners/owner.hpp"

#include <algorithm>
#include <cctype>

#include "common/contact.hpp"
#include "common/error.hpp"
#include "common/text.hpp"
#include "domain/owners/bank_account.hpp"

namespace hms::owners {

std::string_view to_string(OwnerKind k) { return k == OwnerKind::company ? "company" : "person"; }

std::optional<OwnerKind> parse_owner_kind(std::string_view s) {
  if (s == "person") return OwnerKind::person;
  if (s == "company") return OwnerKind::company;
  return std::nullopt;
}

namespace {

DomainError invalid(const char* code, const char* field) {
  return std::move(DomainError(ErrorKind::validation, code).field(field));
}

bool has_control(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

}  // namespace

Owner validate_owner(Owner o) {
  Problems problems;
  o.name = std::string(trim(o.name));
  o.email = std::string(trim(o.email));
  o.phone = std::string(trim(o.phone));
  o.address = std::string(trim(o.address));
  if (o.name.empty() || !is_valid_utf8(o.name) || characters(o.name) > 200 || has_control(o.name))
    problems.add(invalid("owners.invalid_name", "name"));
  problems.check([&] { o.iban = validate_iban(o.iban); });
  if (!trim(o.company_number).empty()) {
    problems.check([&] { o.company_number = validate_company_number(o.company_number); });
  } else {
    o.company_number.clear();
  }
  if (!o.email.empty() && (o.email.size() > 200 || !is_valid_utf8(o.email) || !plausible_email(o.email)))
    problems.add(invalid("owners.invalid_email", "email"));
  if (!o.phone.empty() && !plausible_phone(o.phone)) problems.add(invalid("owners.invalid_phone", "phone"));
  if (!is_valid_utf8(o.address) || characters(o.address) > 500) problems.add(invalid("owners.invalid_address", "address"));
  if (o.language.empty()) o.language = "fr";
  if (o.language != "fr" && o.language != "nl" && o.language != "en")
    problems.add(invalid("owners.invalid_language", "language"));
  problems.throw_if_any();
  return o;
}

std::vector<MissingDetail> missing_details(const Owner& o) {
  if (o.kind == OwnerKind::company && o.company_number.empty())
    return {{"company_number", "owners.company_number_missing"}};
  return {};
}

std::string commune_of(std::string_view address) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  // The last run of exactly four digits that starts a word.
  std::size_t found = std::string_view::npos;
  for (std::size_t i = 0; i + 4 <= address.size(); ++i) {
    if ((i > 0 && (digit(address[i - 1]) || std::isalpha(static_cast<unsigned char>(address[i - 1])))) ||
        !digit(address[i]) || !digit(address[i + 1]) || !digit(address[i + 2]) || !digit(address[i + 3]))
      continue;
    if (i + 4 < address.size() && digit(address[i + 4])) continue;
    found = i;
  }
  if (found == std::string_view::npos) return "";
  auto rest = address.substr(found);
  rest = rest.substr(0, rest.find_first_of(",\n"));
  while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t')) rest.remove_suffix(1);
  return std::string(rest);
}

}  // namespace hms::owners
