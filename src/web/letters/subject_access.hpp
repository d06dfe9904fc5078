// The copy of a household's data (GDPR art. 15; app/applicants/subject_access.hpp) as a letter in
// its language: what the register holds, each change and decision, each lease with its rents and
// deposit, the totals of its rent accounts, who read or changed the record, and its rights.
#pragma once
#include <string>

#include "app/applicants/subject_access.hpp"
#include "documents/letter.hpp"
#include "web/catalog.hpp"

namespace hms::web {

documents::Letter subject_access_letter(const Catalog& catalog, const app::SubjectAccess& s);
std::string subject_access_pdf(const Catalog& catalog, const app::SubjectAccess& s);

}  // namespace hms::web
