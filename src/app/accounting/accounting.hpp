// The accounting export (issue 11 part 3, contract E `hms export accounting`): the journal
// entries of a span, as the files the agency's accounting software imports. WinBooks: `ACT.txt`
// (the entries) and `CSF.txt` (the tenants and owners they name: an export of personal data,
// counted and audited "accounting.export"); CSV: `journal.csv` (codes only, no names). Every
// export is recorded; its files can be downloaded again, byte for byte, from that record; an
// entry posted later into its span is counted as posted after it. The agency is the actor's own
// (the command line names it); permission accounting_export.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/accounting/accounting.hpp"

namespace hms::app {

struct AccountingFile {
  std::string name;   // "ACT.txt", "CSF.txt", "journal.csv"
  std::string bytes;
};

struct AccountingExport {
  accounting::ExportRecord record;
  std::vector<AccountingFile> files;  // by name
};

// "winbooks" | "csv", else DomainError(validation, "accounting.invalid_format") on field "format".
accounting::Format parse_accounting_format(std::string_view text);

// Exports the span (accounting::check_span) of the agency (`agency_code` from the command line;
// none: the actor's own) and records it. Answers the record and the files.
AccountingExport export_accounting(Store& store, const Context& ctx, const std::optional<std::string>& agency_code,
                                   std::chrono::year_month_day from, std::chrono::year_month_day to,
                                   accounting::Format format);

// The files of an earlier export of the actor's agency, made again from its record: the same
// bytes (404 "accounting.not_found" for another agency's or an unknown id). Audited as a read.
AccountingExport exported_files(Store& store, const Context& ctx, std::int64_t export_id);

// The actor's agency's latest exports (at most `limit`), each with its entries posted after it.
std::vector<accounting::ExportRecord> accounting_exports(Store& store, const Context& ctx, int limit);

}  // namespace hms::app
