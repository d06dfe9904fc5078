// An owner who entrusts dwellings to an agency (glossary: owner): a person or a company, with
// the bank account the agency pays the rent into. Personal data: the federation never sees
// owners; the IBAN is stored encrypted and every read of it is audited. E.g. person
// "Marie Dubois", BE68 5390 0754 7034, marie.dubois@example.be, Avenue Louise 54, 1050 Ixelles.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hms::owners {

enum class OwnerKind { person, company };
std::string_view to_string(OwnerKind k);
std::optional<OwnerKind> parse_owner_kind(std::string_view s);

struct Owner {
  std::int64_t id = 0;
  std::int64_t agency_id = 0;
  std::string agency_code;     // read along with agency_id
  OwnerKind kind = OwnerKind::person;
  std::string name;            // "Marie Dubois" or "Immo Sablon SRL", 1–200 characters
  std::string iban;            // compact ("BE68539007547034"); required
  std::string company_number;  // ten digits, or "" (a company without one is incomplete: missing_details)
  std::string email;           // "" or a plausible address
  std::string phone;           // "" or digits, spaces, + . / ( ) -
  std::string address;         // postal address, free text (an owner may live anywhere), may be ""
  std::string language;        // of the letters: "fr" | "nl" | "en"
  std::int64_t dwellings = 0;  // how many dwellings have a contract with this owner (read only)
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

// Checks every field, reporting all problems at once (DomainError(validation) with fields
// kind, name, iban, company_number, email, phone, address, language). Answers the owner
// with its IBAN and company number normalised. A company without its enterprise number is
// valid (contract B has no such column) but incomplete: see missing_details.
Owner validate_owner(Owner o);

// A detail a valid owner still lacks: its field and the message key of the to-do.
struct MissingDetail {
  std::string field;  // "company_number"
  std::string code;   // "owners.company_number_missing"
};
// {company_number} for a company without its enterprise number, else {}. Shown as a to-do on the
// owner's page, as "incomplete" in the API and as a warning of the import.
std::vector<MissingDetail> missing_details(const Owner& o);

struct OwnerFilter {
  std::optional<std::int64_t> agency_id;  // none: every agency
  std::string query;                      // free text on the name and e-mail; four digits: also the IBAN's end
  std::optional<OwnerKind> kind;
};

// An owner as a choice in a search (the contract form): the name and what tells two namesakes
// apart, read without the IBAN (its last four characters are stored in clear for this). E.g.
// "Marie Dubois" · 1050 Ixelles · BE•• 7034; "Marie Dubois" · 4000 Liège · BE•• 1122.
struct OwnerChoice {
  std::int64_t id = 0;
  std::int64_t agency_id = 0;
  OwnerKind kind = OwnerKind::person;
  std::string name;
  std::string company_number;  // ten digits or ""
  std::string iban_last4;      // "7034"
  std::string commune;         // commune_of(address): "1050 Ixelles", or ""
};

// The commune of a postal address written as Belgians write it: the last four-digit postcode
// and what follows it up to a comma or the end of its line. "Avenue Louise 54, 1050 Ixelles" → "1050 Ixelles";
// "Kerkstraat 3 2000 Antwerpen, België" → "2000 Antwerpen"; none found → "".
std::string commune_of(std::string_view address);

class OwnerRepository {
 public:
  virtual ~OwnerRepository() = default;
  virtual std::int64_t insert(const Owner& o) = 0;
  virtual void update(const Owner& o) = 0;
  virtual std::optional<Owner> find_by_id(std::int64_t id) = 0;
  // The owner of this agency with this IBAN and name (the import's notion of "the same owner").
  virtual std::optional<Owner> find_by_iban_and_name(std::int64_t agency_id, std::string_view iban,
                                                     std::string_view name) = 0;
  virtual std::vector<Owner> list(const OwnerFilter& f, int limit, int offset) = 0;
  // The owners whose name, e-mail or company number contains `f.query` (of `f.agency_id`), by
  // name, at most `limit`, as choices: no IBAN is decrypted. `only_id`: that owner alone.
  virtual std::vector<OwnerChoice> choices(const OwnerFilter& f, std::optional<std::int64_t> only_id, int limit) = 0;
  virtual std::int64_t count(const OwnerFilter& f) = 0;
};

}  // namespace hms::owners
