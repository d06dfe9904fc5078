#include "app/accounting/accounting.hpp"

#include <set>

#include "app/agencies/agency_admin.hpp"
#include "app/audit/personal_reads.hpp"
#include "common/date.hpp"
#include "domain/attachments/attachment.hpp"
#include "formats/table.hpp"

namespace hms::app {

using users::Permission;

namespace {

// The files of a span up to an entry, and what they hold.
struct Built {
  std::vector<AccountingFile> files;
  std::int64_t entries = 0;
  std::int64_t lines = 0;
  std::int64_t parties = 0;  // tenants and owners named (WinBooks)
};

Built build(UnitOfWork& uow, std::int64_t agency_id, const accounting::ExportRecord& r) {
  auto& repo = uow.accounting();
  Built out;
  const auto lines = repo.lines(agency_id, r.from, r.to, r.last_entry_id);
  std::set<std::int64_t> entries;
  for (const auto& l : lines) entries.insert(l.entry_id);
  out.entries = static_cast<std::int64_t>(entries.size());
  out.lines = static_cast<std::int64_t>(lines.size());
  if (r.format == accounting::Format::winbooks) {
    auto parties = repo.parties(agency_id, r.from, r.to, r.last_entry_id);
    out.parties = static_cast<std::int64_t>(parties.size());
    out.files.push_back({"ACT.txt", formats::write_winbooks(accounting::winbooks_entries(lines))});
    out.files.push_back({"CSF.txt", formats::write_winbooks(accounting::winbooks_parties(std::move(parties)))});
  } else {
    std::vector<formats::Column> columns;
    for (auto title : accounting::kJournalColumns) {
      const bool money = title == "debit" || title == "credit";
      columns.push_back({std::string(title), money ? formats::Column::Kind::money_cents : formats::Column::Kind::text});
    }
    const auto rows = accounting::journal_rows(lines, repo.reversed_names(agency_id, r.from, r.to, r.last_entry_id));
    out.files.push_back({"journal.csv", formats::write_csv(columns, rows)});
  }
  return out;
}

std::string digest_of(const std::vector<AccountingFile>& files) {
  std::string all;
  for (const auto& f : files) all += f.bytes;
  return attachments::sha256_hex(all);
}

PersonalRead names_read(const std::string& action, std::int64_t agency_id, const accounting::ExportRecord& r,
                        std::int64_t parties) {
  return {action, "accounting_exports", parties, agency_id,
          ReadFilters().value("from", to_iso(r.from)).value("to", to_iso(r.to)).str()};
}

}  // namespace

accounting::Format parse_accounting_format(std::string_view text) {
  auto f = accounting::parse_format(text);
  if (!f) throw std::move(DomainError(ErrorKind::validation, "accounting.invalid_format").field("format"));
  return *f;
}

AccountingExport export_accounting(Store& store, const Context& ctx, const std::optional<std::string>& agency_code,
                                   std::chrono::year_month_day from, std::chrono::year_month_day to,
                                   accounting::Format format) {
  // 1. Who and what: the permission, a span that reads.
  ctx.require(Permission::accounting_export);
  accounting::check_span(from, to);
  auto uow = store.write();
  const auto agency = agency_in_scope(*uow, ctx, agency_code, "accounting.unknown_agency");
  accounting::ExportRecord r;
  r.agency_id = agency.id;
  r.from = from;
  r.to = to;
  r.format = format;
  // 2. A WinBooks export names tenants and owners: counted against the user's exports first.
  if (format == accounting::Format::winbooks) count_export(*uow, ctx, names_read("accounting.export", agency.id, r, 1));
  // 3. The files: the span's entries posted so far.
  r.last_entry_id = uow->accounting().last_entry_id(agency.id);
  auto built = build(*uow, agency.id, r);
  // 4. The record, the audit entry, the read of the names.
  r.entries = built.entries;
  r.lines = built.lines;
  r.digest = digest_of(built.files);
  r.exported_by = ctx.user ? std::optional(ctx.user->id) : std::nullopt;
  r.exported_at = ctx.clock.now_seconds();
  uow->accounting().insert(r);
  record(*uow, ctx, "accounting.export", "accounting_exports", std::to_string(r.id), agency.id,
         std::string(accounting::to_string(format)) + " " + to_iso(from) + ".." + to_iso(to));
  if (format == accounting::Format::winbooks)
    record_read(*uow, ctx, names_read("accounting.export_names", agency.id, r, built.parties));
  uow->commit();
  return {std::move(r), std::move(built.files)};
}

AccountingExport exported_files(Store& store, const Context& ctx, std::int64_t export_id) {
  ctx.require(Permission::accounting_export);
  auto uow = store.write();  // the read of the names is audited in the same transaction
  const auto agency = agency_in_scope(*uow, ctx, std::nullopt, "accounting.unknown_agency");
  auto r = uow->accounting().find(export_id);
  if (!r || r->agency_id != agency.id) throw DomainError(ErrorKind::not_found, "accounting.not_found");
  // Counted once, when it was made; each download of its names is a read of its own.
  auto built = build(*uow, agency.id, *r);
  if (r->format == accounting::Format::winbooks)
    record_read(*uow, ctx, names_read("accounting.download", agency.id, *r, built.parties));
  uow->commit();
  return {std::move(*r), std::move(built.files)};
}

std::vector<accounting::ExportRecord> accounting_exports(Store& store, const Context& ctx, int limit) {
  ctx.require(Permission::accounting_export);
  auto uow = store.read();
  const auto agency = agency_in_scope(*uow, ctx, std::nullopt, "accounting.unknown_agency");
  return uow->accounting().list(agency.id, limit);
}

}  // namespace hms::app
