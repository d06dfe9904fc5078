#include "web/letters/indexation_letters.hpp"

#include <algorithm>

#include "common/text.hpp"
#include "web/postal_address.hpp"
#include "web/texts.hpp"

namespace hms::web {

std::vector<std::int64_t> owners_to_write_to(const app::IndexationRun& run) {
  std::vector<std::int64_t> out;
  for (const auto& line : run.lines) {
    if (line.outcome != app::IndexationOutcome::indexed && line.outcome != app::IndexationOutcome::capped) continue;
    if (std::find(out.begin(), out.end(), line.owner.id) == out.end()) out.push_back(line.owner.id);
  }
  return out;
}

std::vector<std::string> indexation_steps(const Catalog& catalog, const std::string& lang, const app::IndexationLine& line,
                                          StepAudience audience) {
  const Texts tx{catalog, lang};
  std::vector<std::string> out;
  if (line.result)
    for (const auto& step : line.result->steps)
      if (!step.note || audience == StepAudience::staff) out.push_back(tx.format(step.key, tx.localized(step.params)));
  if (line.outcome == app::IndexationOutcome::capped && line.cap)
    out.push_back(tx.format("indexation.indexation_run.step.capped", {{"cap", tx.money(*line.cap)}}));
  if (line.outcome == app::IndexationOutcome::index_missing)
    out.push_back(tx.format(line.problem, tx.localized(line.problem_params)));
  return out;
}

documents::Letter indexation_letter(const Catalog& catalog, const app::IndexationRun& run, std::int64_t owner_id,
                                    std::chrono::year_month_day today) {
  std::vector<const app::IndexationLine*> lines;
  for (const auto& line : run.lines)
    if (line.owner.id == owner_id &&
        (line.outcome == app::IndexationOutcome::indexed || line.outcome == app::IndexationOutcome::capped))
      lines.push_back(&line);
  if (lines.empty()) throw DomainError(ErrorKind::not_found, "owners.not_found");
  const auto& owner = lines.front()->owner;
  const std::string lang = owner.language.empty() ? "fr" : owner.language;
  const Texts tx{catalog, lang};

  documents::Letter letter;
  letter.sender = {run.agency_name};
  letter.sender.insert(letter.sender.end(), run.agency_address.begin(), run.agency_address.end());
  letter.recipient = {owner.name};
  for (auto& part : postal_lines(owner.address)) letter.recipient.push_back(std::move(part));
  letter.place_date = tx.format("indexation.indexation_run.letter.place_date", {{"date", to_belgian(today)}});
  letter.reference = tx.format("indexation.indexation_run.letter.reference", {{"agency", run.agency_code}, {"month", tx.month(run.month)}});
  letter.subject = tx.format("indexation.indexation_run.letter.subject", {{"month", tx.month(run.month)}});
  letter.salutation = tx.text("indexation.indexation_run.letter.salutation");
  letter.paragraphs = {tx.text("indexation.indexation_run.letter.intro")};
  documents::Table table;
  table.header = {tx.text("indexation.indexation_run.letter.col_dwelling"), tx.text("indexation.indexation_run.letter.col_from"),
                  tx.text("indexation.indexation_run.letter.col_current"), tx.text("indexation.indexation_run.letter.col_new")};
  table.align_right = {false, false, true, true};
  for (const auto* line : lines) {
    const auto& d = line->dwelling;
    std::string address = street_line(catalog, lang, d.street, d.number, d.box) + "\n" + d.commune.postcode + " " +
                          (lang == "nl" ? d.commune.name_nl : d.commune.name_fr);
    table.rows.push_back({d.reference + "\n" + address, to_belgian(line->anniversary), tx.money(line->current_rent),
                          tx.money(line->new_rent)});
  }
  letter.table = table;
  for (const auto* line : lines) {
    letter.after.push_back(tx.format("indexation.indexation_run.letter.calculation", {{"dwelling", line->dwelling.reference}}));
    for (const auto& step : indexation_steps(catalog, lang, *line, StepAudience::owner))
      letter.after.push_back("\u2022 " + step);
    if (line->cap) {
      letter.after.push_back("\u2022 " + tx.format("indexation.indexation_run.letter.cap", {{"cap", tx.money(*line->cap)}}));
    }
  }
  letter.after.push_back(tx.text("indexation.indexation_run.letter.payment"));
  letter.closing = tx.text("indexation.indexation_run.letter.closing");
  letter.signature = {run.agency_name};
  letter.footer = tx.format("indexation.indexation_run.letter.footer", {{"agency", run.agency_name}});
  return letter;
}

std::string indexation_letters_pdf(const Catalog& catalog, const app::IndexationRun& run,
                                   std::optional<std::int64_t> owner_id, std::chrono::year_month_day today) {
  std::vector<documents::Letter> letters;
  for (auto id : owners_to_write_to(run))
    if (!owner_id || *owner_id == id) letters.push_back(indexation_letter(catalog, run, id, today));
  if (letters.empty()) throw DomainError(ErrorKind::not_found, "owners.not_found");
  return documents::render_pdf(letters, "Indexation " + run.agency_code + " " + run.month.to_string());
}

}  // namespace hms::web
