// Letters as PDF files, drawn with Cairo and Pango: an indexation notice to an owner, a rent
// reminder to a tenant, a batch of 300 of them printed at once. Example:
// render_pdf({letter}, "Indexation 2026") gives the bytes of a one-page A4 PDF.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace hms::documents {

// A letter on A4, the Belgian way: sender block top-left, recipient block in the window
// position (right, ~5 cm from the top, fits a DL window envelope), place and date, subject
// in bold, salutation, paragraphs, an optional table, closing, signature, and a footer line
// with page numbers ("1/2"). Texts are already translated (UTF-8), the library knows no language.
// Every text is plain text (no markup); "\n" inside a text starts a new line. An empty string
// or list leaves its part out.
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> align_right;  // per column (amounts right-aligned); may be empty
};

struct Letter {
  std::vector<std::string> sender;      // lines: agency name, street, postcode town, phone/e-mail
  std::vector<std::string> recipient;   // lines: name, address lines
  std::string place_date;               // "Bruxelles, le 29/11/2026"
  std::string reference;                // "Réf. : IX-0042 / contrat 17" (may be empty)
  std::string subject;                  // bold
  std::string salutation;               // "Madame, Monsieur,"
  std::vector<std::string> paragraphs;  // before the table
  std::optional<Table> table;
  std::vector<std::string> after;      // after the table (e.g. the calculation steps, as a list)
  std::string closing;                 // "Nous vous prions d'agréer…"
  std::vector<std::string> signature;  // lines
  std::string footer;                  // small, bottom of every page, left of the page number
};

// One PDF with every letter, each starting on a new page. Long content flows onto following pages.
// A table's columns are as wide as their longest cell, narrowed and wrapped when they do not fit;
// its header row is repeated on every page it continues on. Page numbers count within a letter.
// Fonts: DejaVu Sans (any sans-serif when missing). No letters gives one blank page.
// Thread-safe: one render at a time, Pango's font map is shared. Throws std::runtime_error on
// failure.
std::string render_pdf(const std::vector<Letter>& letters,
                       const std::string& title /* PDF metadata title */);

}  // namespace hms::documents
