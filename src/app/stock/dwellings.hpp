// Managing an agency's dwellings: create, change, change status, list, read with history.
// Agency users act on their own agency only; the region and the federation read every
// agency's dwellings and change none. Every change is audited ("stock.create", …).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "app/context.hpp"
#include "app/visible.hpp"

namespace hms::app {

// How a dwelling is reached by its id (app/visible.hpp): stock_view, then its agency.
template <>
struct Visibility<stock::Dwelling> {
  static constexpr users::Permission permission = users::Permission::stock_view;
  static constexpr const char* not_found = "stock.not_found";
  static std::optional<stock::Dwelling> find(UnitOfWork& uow, std::int64_t id) { return uow.dwellings().find_by_id(id); }
};

// The fields of a dwelling as typed in a form, a JSON body or a spreadsheet cell. A field
// left empty (none) keeps its value on a change; on create, the required ones must be set:
// reference, street, number, postcode, type, bedrooms.
struct DwellingFields {
  std::optional<std::string> agency;  // the agency's code; agency users: their own (or none)
  std::optional<std::string> reference, street, number, box, postcode, floor, type, bedrooms, surface_m2,
      peb_class, peb_number, peb_date, cadastral_reference, categories;
  std::optional<std::string> status;        // active | vacant | works | ended
  std::optional<std::string> status_since;  // YYYY-MM-DD; default today
  // A vacancy's reason (between_tenants | works_needed | owner_decision | no_candidate | other)
  // and its text (needed with other; at most 200 characters). Optional in the API and the import
  // (contract B does not list them); the status form and the bulk change ask for the reason.
  std::optional<std::string> vacancy_reason, vacancy_note;

  // The fields that hold dates: a form reads them as typed (05/09/2026, 2026-09-05), the API as ISO.
  static constexpr std::string_view kDateFields[] = {"peb_date", "status_since"};
};

// Every field by the name the API, the forms and the import give it: the one list that the body
// and form readers of http/handlers/support go through (a new field is added here, once).
template <typename Visit>
void for_each_field(DwellingFields& f, Visit&& visit) {
  visit("agency", f.agency);
  visit("reference", f.reference);
  visit("street", f.street);
  visit("number", f.number);
  visit("box", f.box);
  visit("postcode", f.postcode);
  visit("floor", f.floor);
  visit("type", f.type);
  visit("bedrooms", f.bedrooms);
  visit("surface_m2", f.surface_m2);
  visit("peb_class", f.peb_class);
  visit("peb_number", f.peb_number);
  visit("peb_date", f.peb_date);
  visit("cadastral_reference", f.cadastral_reference);
  visit("categories", f.categories);
  visit("status", f.status);
  visit("status_since", f.status_since);
  visit("vacancy_reason", f.vacancy_reason);
  visit("vacancy_note", f.vacancy_note);
}

struct DwellingDetail {
  stock::Dwelling dwelling;
  std::vector<stock::StatusPeriod> history;
  std::vector<stock::Dwelling> same_building;  // the other dwellings at that address
};

// The fields that are set, checked and applied to `base`: the rules of create_dwelling
// (`creating`: reference, street, number, postcode, type and bedrooms must be set) and of
// update_dwelling, status aside. Every problem at once: DomainError(validation) whose fields()
// map each field ("reference", "postcode", "surface_m2", …) to its code. The postcode is looked
// up in the communes table; nothing is written. Shared by the forms, the API and the import.
stock::Dwelling dwelling_from_fields(UnitOfWork& uow, const DwellingFields& f, stock::Dwelling base, bool creating);

// DomainError(validation) with every field's problem; conflict "stock.reference_taken".
stock::Dwelling create_dwelling(Store& store, const Context& ctx, const DwellingFields& f);
stock::Dwelling update_dwelling(Store& store, const Context& ctx, std::int64_t id, const DwellingFields& f);
// A dwelling as a person reads it today: when its latest status period starts after today, the
// status in force today with the latest one as planned (Dwelling::planned_status). Read-only.
void status_in_force(UnitOfWork& uow, stock::Dwelling& d, std::chrono::year_month_day today);

// The status record of a change by the actor (a user, or the system for the command line), with
// the vacancy's reason and text when `status` is vacant; DomainError(validation) for an unknown
// reason ("vacancy_reason"), an `other` without text or a text too long ("vacancy_note").
// `reason_required`: the forms ask for it (the API and the import do not).
stock::StatusRecord status_record(const Context& ctx, stock::DwellingStatus status,
                                  const std::optional<std::string>& reason, const std::optional<std::string>& note,
                                  bool reason_required);

// The next free reference of the actor's agency, following its most common pattern: highest
// "IX-0042" → "IX-0043" (prefix and zero-padding kept); "" when the agency has none to follow.
std::string next_free_reference(Store& store, const Context& ctx);

// Changes the status of several dwellings at once (the list's bulk action), in one transaction:
// all or nothing. `f.status` (required), `f.status_since` (default today), `f.vacancy_reason`
// (required for vacant) and `f.vacancy_note`. Every id must be a dwelling the actor may change
// (another agency's: DomainError(not_found), nothing written); a dwelling already in that status,
// or whose current status starts after the date, refuses them all:
// DomainError(validation, "stock.bulk_refused") naming the references. One audit entry
// ("stock.status") per dwelling. At most kMaxBulkDwellings ids. Answers how many changed.
inline constexpr std::size_t kMaxBulkDwellings = 500;
std::size_t change_statuses(Store& store, const Context& ctx, const std::vector<std::int64_t>& ids,
                            const DwellingFields& f);

// The dwelling if the actor may see it; DomainError(not_found) otherwise (also another agency's).
stock::Dwelling find_dwelling(Store& store, const Context& ctx, std::int64_t id);
DwellingDetail dwelling_detail(Store& store, const Context& ctx, std::int64_t id);

// `agency_code`: for cross-agency roles, one agency's code or "" for all; ignored for agency roles
// (always their own). An unknown code gives an empty list.
Page<stock::Dwelling> list_dwellings(Store& store, const Context& ctx, stock::DwellingFilter filter,
                                     const std::string& agency_code, stock::SortOrder sort, Paging paging);

// How many dwellings list_dwellings would list (the dashboard's to-do counts the list's way).
std::int64_t count_dwellings(Store& store, const Context& ctx, stock::DwellingFilter filter, const std::string& agency_code);

// The stock figures of the actor's agency (or of every agency / one agency for cross-agency roles).
stock::StockFigures stock_figures(Store& store, const Context& ctx, const std::string& agency_code);
std::vector<stock::Commune> communes(Store& store);

// The agency id a list is scoped to: the actor's own, or for cross-agency roles the agency
// named by `code` ("" = every agency). nullopt inside optional = every agency; an unknown
// code answers -1 (matches nothing).
std::optional<std::int64_t> agency_filter(UnitOfWork& uow, const Context& ctx, const std::string& code);

}  // namespace hms::app
