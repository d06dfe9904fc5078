// The letters of an indexation run: one per owner, in the owner's language, telling them the
// new rent of each of their dwellings from its anniversary, with the whole calculation (the
// indices, the regime, the cap) so that they can check it. E.g. "Indexation de votre loyer au
// 01/03/2027 — IX-0042: 745,50 € → 760,41 €".
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/indexation/indexation_run.hpp"
#include "documents/letter.hpp"
#include "web/catalog.hpp"

namespace hms::web {

// The owners that get a letter: those with at least one indexed or capped line.
std::vector<std::int64_t> owners_to_write_to(const app::IndexationRun& run);

// The letter to one owner (their lines of the run), dated `today`.
documents::Letter indexation_letter(const Catalog& catalog, const app::IndexationRun& run, std::int64_t owner_id,
                                    std::chrono::year_month_day today);

// A PDF of the letters to `owner_id`, or to every owner to write to.
std::string indexation_letters_pdf(const Catalog& catalog, const app::IndexationRun& run,
                                   std::optional<std::int64_t> owner_id, std::chrono::year_month_day today);

// Who reads a calculation: the staff (preview, command line) see every step and every note on
// the sources (an unverified index, a class not given); an owner's letter has the steps only.
enum class StepAudience { staff, owner };

// The text of each step of a line's explanation, in `lang`.
std::vector<std::string> indexation_steps(const Catalog& catalog, const std::string& lang, const app::IndexationLine& line,
                                          StepAudience audience = StepAudience::staff);

}  // namespace hms::web
