// Reads of personal data recorded in the audit log (issue 8 B7): every page, file or letter that
// shows owners' names, IBANs, e-mails, phones or addresses leaves one entry per request, with the
// number of rows shown and the filters used, never a value of personal data (a name typed in
// the search box is recorded as "q", without what was typed). Exports of personal data are also
// counted per user against users::kExportsPerUser.
// E.g. the owner-contract list of AIS-A filtered on main leases, 23 rows:
//   action "owners.contract_list", object "owner_contracts", object_id "23", details "kind=main_lease".
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "app/context.hpp"

namespace hms::app {

// The filters of a read as the audit's details: "name=value" for values that identify nobody
// (ids, kinds, dates), the name alone for free text. E.g. "kind=person,q".
class ReadFilters {
 public:
  ReadFilters& value(std::string_view name, const std::string& v);          // nothing when v is ""
  ReadFilters& free_text(std::string_view name, const std::string& typed);   // the name when set
  const std::string& str() const { return text_; }

 private:
  std::string text_;
};

struct PersonalRead {
  std::string action;                     // "owners.contract_list", "owners.export", "indexation.letters"
  std::string object_type;                // "owner_contracts"
  std::int64_t rows = 0;                  // how many rows (owners, contracts, letters) were shown
  std::optional<std::int64_t> agency_id;  // the agency read; none: several (the region's lists)
  std::string filters;                    // ReadFilters::str()
};

// Appends the read's one entry to `uow` (object_id: the row count; details: the filters).
// A read that showed no row records nothing: no personal data was shown.
void record_read(UnitOfWork& uow, const Context& ctx, const PersonalRead& read);

// An export of personal data by a user, counted before it is read, in `uow` (a write unit of
// work). Past users::kExportsPerUser the attempt is refused: "<read.action>_refused" recorded
// (object_id "0": no row shown) and committed, then DomainError(too_many_requests,
// "users.too_many_exports") with {minutes} to wait. The command line is not limited.
void count_export(UnitOfWork& uow, const Context& ctx, const PersonalRead& read);

}  // namespace hms::app
