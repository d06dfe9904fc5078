// Managing an agency's owners and their contracts. Owners are personal data: the federation
// never sees them; the region reads them; every read that shows them is audited ("owners.read"
// for one owner; once per request for lists, files and searches: app/audit/personal_reads.hpp).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "app/context.hpp"
#include "domain/rules/rent_caps.hpp"

namespace hms::app {

// The fields of an owner as typed; none keeps the value on a change. Create requires kind, name, iban.
struct OwnerFields {
  std::optional<std::string> agency;
  std::optional<std::string> kind, name, iban, company_number, email, phone, address, language;
  std::optional<std::string> password;  // the actor's, asked again to change the IBAN (not stored)
};

// How a change of an owner's IBAN is confirmed (B8, ADR 0007): a page asks for the user's
// password again (confirm_password); an API call with a bearer token is a fresh authentication
// of its own (the token is the credential, there is no unattended screen), so contract B's
// PATCH needs no new field.
enum class IbanConfirmation { password, bearer_token };

// Every field by the name the API, the forms and the import give it (see DwellingFields).
template <typename Visit>
void for_each_field(OwnerFields& f, Visit&& visit) {
  visit("agency", f.agency);
  visit("kind", f.kind);
  visit("name", f.name);
  visit("iban", f.iban);
  visit("company_number", f.company_number);
  visit("email", f.email);
  visit("phone", f.phone);
  visit("address", f.address);
  visit("language", f.language);
  visit("password", f.password);  // optional: confirms a new IBAN from a browser session (ADR 0007)
}

// The fields that are set, checked and applied to `base` (`creating`: kind, name and iban must
// be set): the rules of create_owner and update_owner. Every problem at once: DomainError(validation)
// whose fields() map each field ("kind", "name", "iban", "email", …) to its code. Nothing is
// written; the IBAN and company number come back normalised. Shared with the import.
owners::Owner owner_from_fields(const OwnerFields& f, owners::Owner base, bool creating);

owners::Owner create_owner(Store& store, const Context& ctx, const OwnerFields& f);
// The audit entry "owners.update" names the fields that changed ("email,iban"), never their values.
owners::Owner update_owner(Store& store, const Context& ctx, std::int64_t id, const OwnerFields& f,
                           IbanConfirmation confirmation = IbanConfirmation::password);
// DomainError(not_found) unless the actor may see this owner; reads nothing personal, audits nothing
// (for a change to answer 404 before looking at its body).
void require_owner_visible(Store& store, const Context& ctx, std::int64_t id);
// Audited as a read of personal data. DomainError(not_found) for another agency's owner.
owners::Owner find_owner(Store& store, const Context& ctx, std::int64_t id);
// Audited once per list (app/audit/personal_reads.hpp): "owners.list", object id how many owners
// were shown, details the filters.
Page<owners::Owner> list_owners(Store& store, const Context& ctx, owners::OwnerFilter filter,
                                const std::string& agency_code, Paging paging);
// Every matching owner (up to kExportRows) for a file with IBANs in full: one of the user's
// exports (users::kExportsPerUser, else 429 "users.too_many_exports"), audited "owners.export".
inline constexpr int kExportRows = 1'000'000;
Page<owners::Owner> export_owners(Store& store, const Context& ctx, owners::OwnerFilter filter,
                                  const std::string& agency_code);

// The owners offered by the search of the contract form (issue 8 B7, issue 15.3): names and what
// tells namesakes apart, never an IBAN read. At most kChoicesShown matches of `query` (name,
// e-mail, company number) in the actor's agency, `more` when others match too (refine the
// search); `chosen_id`, when it is a visible owner, comes back as `chosen`. Nothing is read for
// an empty query. One "owners.search" audit entry with the count of owners shown, "q" as detail.
inline constexpr int kChoicesShown = 20;
struct OwnerChoices {
  std::optional<owners::OwnerChoice> chosen;
  std::vector<owners::OwnerChoice> matches;
  bool more = false;
};
OwnerChoices choose_owner(Store& store, const Context& ctx, const std::string& query,
                          std::optional<std::int64_t> chosen_id);

// The fields of an owner contract as typed; none keeps the value on a change. Create requires
// dwelling_id, owner_id, kind, start, owner_rent. On a change, a new owner_rent is a new rent
// version from `rent_from` (default today); dwelling, owner, kind and start cannot change.
struct ContractFields {
  std::optional<std::string> agency;
  std::optional<std::string> dwelling_id, owner_id, kind, start, end, signed_on, registered, management_fee,
      guarantee_vacancy, guarantee_unpaid_rent, guarantee_damage, owner_rent, rent_from;

  // The fields that hold dates: a form reads them as typed (05/09/2026, 2026-09-05), the API as ISO.
  static constexpr std::string_view kDateFields[] = {"start", "end", "signed_on", "rent_from"};
};

template <typename Visit>
void for_each_field(ContractFields& f, Visit&& visit) {
  visit("agency", f.agency);
  visit("dwelling_id", f.dwelling_id);
  visit("owner_id", f.owner_id);
  visit("kind", f.kind);
  visit("start", f.start);
  visit("end", f.end);
  visit("signed_on", f.signed_on);
  visit("registered", f.registered);
  visit("management_fee", f.management_fee);
  visit("guarantee_vacancy", f.guarantee_vacancy);
  visit("guarantee_unpaid_rent", f.guarantee_unpaid_rent);
  visit("guarantee_damage", f.guarantee_damage);
  visit("owner_rent", f.owner_rent);
  visit("rent_from", f.rent_from);
}

// What an owner-rent cap depends on: the dwelling's type and number of bedrooms.
struct CapBasis {
  stock::DwellingType type = stock::DwellingType::apartment;
  int bedrooms = 0;
};

// The fields of a new contract checked and applied to `base`: kind, start (required), end,
// signed_on, registered, the guarantees, management_fee and owner_rent (required), with
// owners::validate_contract (a mandate without a fee takes the agency's default from `settings`,
// marked management_fee_default; none set: "owners.default_fee_not_set" on management_fee,
// see apply_default_fee), then the rent within the owner-rent cap of `owner_rent_caps` in
// force on the start for `dwelling` (none: the dwelling is unknown, the cap is not checked);
// the cap found is kept in the answer's `cap`. Every problem at once: DomainError(validation)
// whose fields() map each field ("kind", "start", "owner_rent", …) to its code. dwelling_id,
// owner_id and agency are the caller's to resolve; nothing is read or written. The rules of
// create_contract, shared with the import.
owners::OwnerContract contract_from_fields(const ContractFields& f, owners::OwnerContract base,
                                           const rules::RentCapTable& owner_rent_caps,
                                           std::optional<CapBasis> dwelling,
                                           const agencies::AgencySettings& settings);

// A management mandate without a fee takes the agency's default one:
//   1. not a mandate, or a fee given → unchanged;
//   2. the agency set a default → that fee, management_fee_default = true;
//   3. none set → false, the fee left empty: the caller reports "owners.default_fee_not_set" on
//      management_fee (no verified sector figure exists to fall back on; the agency's admin sets
//      it on /settings). Answers true in cases 1 and 2.
bool apply_default_fee(owners::OwnerContract& k, const agencies::AgencySettings& settings);

// A mandate without management_fee takes the agency's default (apply_default_fee).
// 409 "owners.contract_overlap" when another contract of the dwelling overlaps; 422
// "owners.rent_above_cap" when the rent exceeds the owner-rent cap in force on its first day.
owners::OwnerContract create_contract(Store& store, const Context& ctx, const ContractFields& f);
owners::OwnerContract update_contract(Store& store, const Context& ctx, std::int64_t id, const ContractFields& f);
// The contract if visible (a 404 otherwise), to check it exists before a change.
owners::OwnerContract find_contract(Store& store, const Context& ctx, std::int64_t id);
// The same, shown to the user (its owner's name): audited "owners.contract_read" (issue 8 B7).
owners::OwnerContract read_contract(Store& store, const Context& ctx, std::int64_t id);
// Contracts show their owner's name: audited once per list, "owners.contract_list" (as list_owners).
Page<owners::OwnerContract> list_contracts(Store& store, const Context& ctx, owners::ContractFilter filter,
                                           const std::string& agency_code, Paging paging);
// Every matching contract (up to kExportRows) for a file: one of the user's exports, audited
// "owners.contract_export" (as export_owners).
Page<owners::OwnerContract> export_contracts(Store& store, const Context& ctx, owners::ContractFilter filter,
                                             const std::string& agency_code);

// Owner rents in force today against today's caps (dashboard).
owners::RentCapShare rent_cap_share(Store& store, const Context& ctx, const std::string& agency_code);

}  // namespace hms::app
