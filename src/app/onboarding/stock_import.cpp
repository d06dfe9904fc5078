#include "app/onboarding/stock_import.hpp"

#include "app/agencies/agency_admin.hpp"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "app/owners/owners.hpp"
#include "app/stock/dwellings.hpp"
#include "common/date.hpp"
#include "common/text.hpp"
#include "domain/rules/rent_caps.hpp"

namespace hms::app {

using users::Permission;

const std::vector<ImportColumn>& stock_import_columns() {
  static const std::vector<ImportColumn> columns = {
      {"dwelling_ref", true},          {"street", true},         {"number", true},
      {"box", false},                  {"postcode", true},       {"type", true},
      {"bedrooms", true},              {"surface_m2", false},    {"peb_class", false},
      {"owner_kind", true},            {"owner_name", true},     {"owner_iban", true},
      {"owner_email", false},          {"contract_kind", true},  {"contract_start", true},
      {"contract_end", false},         {"owner_rent", true},
      // Read too, never required: what some lines need (a company's number, a mandate's fee).
      {"owner_company_number", false, false}, {"management_fee", false, false}, {"floor", false, false},
      {"owner_phone", false, false},   {"owner_address", false, false}, {"owner_language", false, false},
      {"contract_signed_on", false, false},
  };
  return columns;
}

ImportTemplate stock_import_template(bool for_xlsx) {
  using Kind = formats::Column::Kind;
  const std::map<std::string_view, Kind> typed = {
      {"contract_start", Kind::date}, {"contract_end", Kind::date}, {"contract_signed_on", Kind::date},
      {"owner_rent", Kind::money_cents}, {"bedrooms", Kind::integer}};
  // The 17 columns of the contract, then the two a company owner or a mandate needs.
  const std::map<std::string_view, std::string> example = {
      {"dwelling_ref", "IX-0042"},        {"street", "Rue de la Paix"},
      {"number", "12"},                   {"box", "3"},
      {"postcode", "1050"},               {"type", "apartment"},
      {"bedrooms", "2"},                  {"surface_m2", "68,5"},
      {"peb_class", "D"},                 {"owner_kind", "person"},
      {"owner_name", "Marie Dubois"},     {"owner_iban", "BE68 5390 0754 7034"},
      {"owner_email", "marie.dubois@example.be"},
      {"contract_kind", "main_lease"},    {"contract_start", "2025-03-01"},
      {"contract_end", "2034-02-28"},     {"owner_rent", for_xlsx ? "78000" : "780,00"},
      {"owner_company_number", ""},       {"management_fee", ""}};
  ImportTemplate t;
  std::vector<std::string> row;
  for (const auto& c : stock_import_columns()) {
    if (!c.in_contract && c.name != "owner_company_number" && c.name != "management_fee") continue;
    Kind kind = Kind::text;
    if (auto it = typed.find(c.name); for_xlsx && it != typed.end()) kind = it->second;
    t.columns.push_back({std::string(c.name), kind});
    row.push_back(example.at(c.name));
  }
  t.rows.push_back(std::move(row));
  return t;
}

namespace {

using std::chrono::year_month_day;
using FieldColumns = std::map<std::string, std::string>;

// The field names of the use cases' errors → the file's columns.
const FieldColumns kDwellingColumns = {
    {"reference", "dwelling_ref"}, {"street", "street"},         {"number", "number"},
    {"box", "box"},                {"postcode", "postcode"},     {"floor", "floor"},
    {"type", "type"},              {"bedrooms", "bedrooms"},     {"surface_m2", "surface_m2"},
    {"peb_class", "peb_class"}};
const FieldColumns kOwnerColumns = {
    {"kind", "owner_kind"},   {"name", "owner_name"},         {"iban", "owner_iban"},
    {"email", "owner_email"}, {"company_number", "owner_company_number"},
    {"phone", "owner_phone"}, {"address", "owner_address"},   {"language", "owner_language"}};
const FieldColumns kContractColumns = {
    {"kind", "contract_kind"},  {"start", "contract_start"},         {"end", "contract_end"},
    {"signed_on", "contract_signed_on"}, {"management_fee", "management_fee"}, {"owner_rent", "owner_rent"}};

// The file's header: which column holds which name.
struct Header {
  std::map<std::string, std::size_t> index;  // normalised name → position
  std::vector<std::string> order;            // position → normalised name ("" for an ignored column)
};

// The problems found, at most kMaxProblems of them: a file wrong on every one of its 100,000
// lines would otherwise hold millions (half a gigabyte) that no one reads. Once full, the lines
// are no longer read and the report says so first (line 0, "import.too_many_problems").
class Collector {
 public:
  static constexpr std::size_t kMaxProblems = 1'000;
  bool full() const { return problems_.size() >= kMaxProblems; }
  void add(int line, std::string column, std::string code, std::map<std::string, std::string> params = {}) {
    if (full()) return;
    problems_.push_back({line, std::move(column), std::move(code), std::move(params)});
  }
  // Every field of a use case's error, each on its column.
  void add(int line, const DomainError& e, const FieldColumns& columns) {
    if (e.fields().empty()) {
      add(line, "", e.code(), e.params());
      return;
    }
    for (const auto& [field, code] : e.fields()) {
      auto it = columns.find(field);
      add(line, it == columns.end() ? field : it->second, code, e.params());
    }
  }
  std::size_t size() const { return problems_.size(); }
  std::vector<ImportProblem> sorted(const Header& header) && {
    if (full()) problems_.push_back({0, "", "import.too_many_problems", {{"max", std::to_string(kMaxProblems)}}});
    auto place = [&header](const std::string& column) {
      auto it = header.index.find(column);
      return it == header.index.end() ? header.order.size() : it->second;
    };
    std::stable_sort(problems_.begin(), problems_.end(), [&](const ImportProblem& a, const ImportProblem& b) {
      if (a.line != b.line) return a.line < b.line;
      return place(a.column) < place(b.column);
    });
    return std::move(problems_);
  }

 private:
  std::vector<ImportProblem> problems_;
};

// Step 2: the header row. Answers false when a problem stops the reading of the lines.
bool read_header(const formats::Table& table, Header& header, Collector& problems) {
  const auto& known = stock_import_columns();
  bool ok = true;
  for (std::size_t i = 0; i < table.header.size(); ++i) {
    std::string name = to_lower_ascii(trim(table.header[i]));
    header.order.push_back("");
    if (name.empty()) {
      // A column without a name is harmless if it is empty all the way down.
      bool used = std::any_of(table.rows.begin(), table.rows.end(),
                              [i](const auto& row) { return i < row.size() && !trim(row[i]).empty(); });
      if (used) {
        problems.add(1, "", "import.unnamed_column", {{"position", std::to_string(i + 1)}});
        ok = false;
      }
      continue;
    }
    if (std::none_of(known.begin(), known.end(), [&](const ImportColumn& c) { return c.name == name; })) {
      problems.add(1, std::string(trim(table.header[i])), "import.unknown_column",
                   {{"column", std::string(trim(table.header[i]))}});
      ok = false;
      continue;
    }
    if (header.index.contains(name)) {
      problems.add(1, name, "import.duplicate_column", {{"column", name}});
      ok = false;
      continue;
    }
    header.index[name] = i;
    header.order.back() = name;
  }
  for (const auto& c : known)
    if (c.required && !header.index.contains(std::string(c.name))) {
      problems.add(1, std::string(c.name), "import.missing_column", {{"column", std::string(c.name)}});
      ok = false;
    }
  return ok;
}

// The cell of a line under a column: none when the file has no such column.
std::optional<std::string> cell(const Header& header, const std::vector<std::string>& row, const char* name) {
  auto it = header.index.find(name);
  if (it == header.index.end()) return std::nullopt;
  return it->second < row.size() ? row[it->second] : std::string();
}

bool same_dwelling(const stock::Dwelling& a, const stock::Dwelling& b) {
  return a.street == b.street && a.number == b.number && a.box == b.box && a.commune.postcode == b.commune.postcode &&
         a.floor == b.floor && a.type == b.type && a.bedrooms == b.bedrooms && a.surface_dm2 == b.surface_dm2 &&
         a.peb_class == b.peb_class;
}

std::string end_text(const std::optional<year_month_day>& end) { return end ? to_iso(*end) : "…"; }

// A contract already known for a dwelling (in the agency, or on an earlier line of the file).
struct KnownContract {
  year_month_day start{};
  std::optional<year_month_day> end;
  DateRange period;
  int line = 0;  // 0: in the agency's data
};

struct DwellingPlan {
  stock::Dwelling dwelling;                 // the file's (new) or the stored one (existing)
  stock::Dwelling in_file;                  // as the first line that names it describes it
  bool existing = false;
  int line = 0;                             // the first line that names it
  std::vector<KnownContract> contracts;     // stored ones, then the file's
  std::optional<year_month_day> first_start;  // new dwellings: active from their earliest contract
};

struct OwnerPlan {
  owners::Owner owner;
  int line = 0;  // the first line that names it
  bool existing = false;
  bool needed = false;  // a contract to create refers to it
};

struct LinePlan {
  int line = 0;              // the file's line
  std::size_t dwelling = 0;  // index in the dwelling plans
  std::size_t owner = 0;     // index in the owner plans
  owners::OwnerContract contract;
  bool contract_exists = false;
};

std::string base_name(std::string_view file_name) {
  auto slash = file_name.find_last_of("/\\");
  std::string name(slash == std::string_view::npos ? file_name : file_name.substr(slash + 1));
  if (name.size() > 120) name.resize(120);
  return name;
}

// What a clean file will write: the report, and the dwellings, owners and contracts line by line.
struct Plan {
  ImportReport report;
  agencies::Agency agency;
  std::vector<DwellingPlan> dwellings;
  std::vector<OwnerPlan> owners;
  std::vector<LinePlan> lines;
};

// Steps 1 to 3 (see the header), in the read transaction `uow`.
Plan plan_stock_import(UnitOfWork& uow, const Context& ctx, const std::string& agency_code, std::string_view file_name,
                       std::string_view bytes, const UploadProgress& progress) {
  // 1. Who, and into which agency.
  ctx.require(Permission::stock_manage);
  ctx.require(Permission::owners_manage);
  Plan plan;
  plan.agency = agency_in_scope(uow, ctx, agency_code, "stock.unknown_agency");
  const auto& agency = plan.agency;
  auto& report = plan.report;
  report.agency_code = agency.code;
  Collector problems;
  Header header;

  formats::Table table;
  try {
    table = formats::read_table(file_name, bytes);
  } catch (const DomainError& e) {
    if (e.kind() != ErrorKind::validation) throw;
    int line = 0;
    if (auto it = e.params().find("line"); it != e.params().end()) line = std::atoi(it->second.c_str());
    problems.add(line, "", e.code(), e.params());
    report.problems = std::move(problems).sorted(header);
    return plan;
  }
  report.rows = static_cast<std::int64_t>(table.rows.size());

  // 2. The header.
  if (!read_header(table, header, problems)) {
    report.problems = std::move(problems).sorted(header);
    return plan;
  }
  if (table.rows.empty()) {
    problems.add(2, "", "import.no_rows");
    report.problems = std::move(problems).sorted(header);
    return plan;
  }

  // 3. Every line.
  const auto now = ctx.clock.now_seconds();
  const auto caps = uow.rules().rent_caps(rules::CapKind::owner_rent);
  const auto settings = uow.agencies().settings(agency.id);
  auto& dwellings = plan.dwellings;
  std::unordered_map<std::string, std::size_t> dwelling_by_reference;
  auto& owner_plans = plan.owners;
  std::map<std::pair<std::string, std::string>, std::size_t> owner_by_key;  // (IBAN, lower-case name)
  auto& lines = plan.lines;
  lines.reserve(table.rows.size());
  const std::int64_t total = report.rows;

  for (std::size_t r = 0; r < table.rows.size() && !problems.full(); ++r) {
    const auto& row = table.rows[r];
    const int line = table.lines[r];
    const std::size_t before = problems.size();
    auto get = [&](const char* name) { return cell(header, row, name); };

    // Cells beyond the header: most often a separator inside an unquoted text.
    std::size_t extra = 0;
    for (std::size_t i = header.order.size(); i < row.size(); ++i)
      if (!trim(row[i]).empty()) ++extra;
    if (extra) problems.add(line, "", "import.extra_cells", {{"count", std::to_string(extra)}});

    // The dwelling, with the rules of the dwelling form.
    DwellingFields df;
    df.reference = get("dwelling_ref");
    df.street = get("street");
    df.number = get("number");
    df.box = get("box");
    df.postcode = get("postcode");
    df.floor = get("floor");
    df.type = get("type");
    df.bedrooms = get("bedrooms");
    df.surface_m2 = get("surface_m2");
    df.peb_class = get("peb_class");
    stock::Dwelling base;
    base.agency_id = agency.id;
    base.agency_code = agency.code;
    base.created_at = base.updated_at = now;
    base.status = stock::DwellingStatus::active;
    std::optional<stock::Dwelling> dwelling;
    try {
      dwelling = dwelling_from_fields(uow, df, base, true);
    } catch (const DomainError& e) {
      if (e.kind() != ErrorKind::validation) throw;
      problems.add(line, e, kDwellingColumns);
    }

    // The same reference: one dwelling, known from an earlier line or from the agency's data.
    std::optional<std::size_t> in_plan;
    if (dwelling) {
      auto found = dwelling_by_reference.find(dwelling->reference);
      if (found == dwelling_by_reference.end()) {
        DwellingPlan p;
        p.line = line;
        p.in_file = *dwelling;
        if (auto stored = uow.dwellings().find_by_reference(agency.id, dwelling->reference)) {
          p.dwelling = *stored;
          p.existing = true;
          owners::ContractFilter of_dwelling;
          of_dwelling.agency_id = agency.id;
          of_dwelling.dwelling_id = stored->id;
          for (const auto& k : uow.owner_contracts().list(of_dwelling, Paging::kMaxLimit, 0))
            p.contracts.push_back({k.start, k.end, k.period(), 0});
        } else {
          p.dwelling = *dwelling;
        }
        in_plan = dwellings.size();
        dwelling_by_reference.emplace(dwelling->reference, dwellings.size());
        dwellings.push_back(std::move(p));
      } else {
        // Another line of the file may name the same dwelling only to give it another contract,
        // and then it must describe it as the first line did.
        const auto& first = dwellings[found->second];
        if (!same_dwelling(first.in_file, *dwelling))
          problems.add(line, "dwelling_ref", "import.duplicate_reference",
                       {{"reference", dwelling->reference}, {"line", std::to_string(first.line)}});
        else
          in_plan = found->second;
      }
    }

    // The owner, with the rules of the owner form.
    OwnerFields of;
    of.kind = get("owner_kind");
    of.name = get("owner_name");
    of.iban = get("owner_iban");
    of.email = get("owner_email");
    of.company_number = get("owner_company_number");
    of.phone = get("owner_phone");
    of.address = get("owner_address");
    of.language = get("owner_language");
    owners::Owner owner_base;
    owner_base.agency_id = agency.id;
    owner_base.agency_code = agency.code;
    owner_base.created_at = owner_base.updated_at = now;
    std::optional<owners::Owner> owner;
    try {
      owner = owner_from_fields(of, owner_base, true);
    } catch (const DomainError& e) {
      if (e.kind() != ErrorKind::validation) throw;
      problems.add(line, e, kOwnerColumns);
    }

    // The contract, with the rules of the contract form; its cap from the dwelling's type and
    // size (the stored dwelling's when it exists).
    ContractFields cf;
    cf.kind = get("contract_kind");
    cf.start = get("contract_start");
    cf.end = get("contract_end");
    cf.signed_on = get("contract_signed_on");
    cf.management_fee = get("management_fee");
    cf.owner_rent = get("owner_rent");
    owners::OwnerContract contract_base;
    contract_base.agency_id = agency.id;
    contract_base.agency_code = agency.code;
    contract_base.created_at = contract_base.updated_at = now;
    std::optional<CapBasis> basis;
    if (in_plan) basis = CapBasis{dwellings[*in_plan].dwelling.type, dwellings[*in_plan].dwelling.bedrooms};
    else if (dwelling) basis = CapBasis{dwelling->type, dwelling->bedrooms};
    std::optional<owners::OwnerContract> contract;
    try {
      contract = contract_from_fields(cf, contract_base, caps, basis, settings);
    } catch (const DomainError& e) {
      if (e.kind() != ErrorKind::validation) throw;
      problems.add(line, e, kContractColumns);
    }

    // The contract against the dwelling's others: the same start is the same contract (stored:
    // kept as it is; on another line: the line is there twice); an overlap is a problem.
    bool contract_exists = false;
    if (in_plan && contract) {
      auto& p = dwellings[*in_plan];
      const DateRange period = contract->period();
      for (const auto& known : p.contracts) {
        if (known.start == contract->start && known.line == 0) {
          contract_exists = true;
        } else if (known.start == contract->start) {
          problems.add(line, "dwelling_ref", "import.duplicate_reference",
                       {{"reference", p.dwelling.reference}, {"line", std::to_string(known.line)}});
        } else if (known.period.overlaps(period)) {
          std::map<std::string, std::string> params = {{"start", to_iso(known.start)}, {"end", end_text(known.end)}};
          if (known.line) params["line"] = std::to_string(known.line);
          problems.add(line, "contract_start", known.line ? "import.contract_overlap_in_file" : "owners.contract_overlap",
                       params);
        } else {
          continue;
        }
        break;
      }
      p.contracts.push_back({contract->start, contract->end, period, line});
      if (!p.existing && (!p.first_start || contract->start < *p.first_start)) p.first_start = contract->start;
    }

    // The same IBAN and name: one owner, from the file or from the agency's data.
    std::optional<std::size_t> owner_plan;
    if (owner) {
      std::pair<std::string, std::string> key{owner->iban, to_lower_ascii(trim(owner->name))};
      auto found = owner_by_key.find(key);
      if (found == owner_by_key.end()) {
        OwnerPlan op;
        op.line = line;
        if (auto stored = uow.owners().find_by_iban_and_name(agency.id, owner->iban, owner->name)) {
          op.owner = *stored;
          op.existing = true;
        } else {
          op.owner = *owner;
        }
        owner_plan = owner_plans.size();
        owner_by_key.emplace(key, owner_plans.size());
        owner_plans.push_back(std::move(op));
      } else {
        owner_plan = found->second;
        auto& known = owner_plans[*owner_plan].owner;
        if (!owner_plans[*owner_plan].existing && known.email.empty()) known.email = owner->email;
      }
    }

    if (problems.size() == before && in_plan && owner_plan && contract) {
      LinePlan lp;
      lp.line = line;
      lp.dwelling = *in_plan;
      lp.owner = *owner_plan;
      lp.contract = std::move(*contract);
      lp.contract_exists = contract_exists;
      if (!contract_exists) owner_plans[*owner_plan].needed = true;
      lines.push_back(std::move(lp));
    }
    if (progress && !progress(jobs::UploadPhase::checking, static_cast<std::int64_t>(r + 1), total))
      throw UploadStopped();
  }

  // What is (or would be) created, and what is already there.
  for (const auto& p : dwellings) ++(p.existing ? report.unchanged.dwellings : report.created.dwellings);
  // Owners created incomplete: a warning on their first line (the import goes on). The plans
  // are in the order of their first lines, so the warnings are too; none is ever dropped.
  for (const auto& o : owner_plans) {
    if (o.existing) ++report.unchanged.owners;
    else if (o.needed) ++report.created.owners;
    if (o.existing || !o.needed) continue;
    for (const auto& missing : owners::missing_details(o.owner))
      report.warnings.push_back({o.line, kOwnerColumns.at(missing.field), missing.code, {}});
  }
  for (const auto& l : lines) ++(l.contract_exists ? report.unchanged.contracts : report.created.contracts);

  report.problems = std::move(problems).sorted(header);
  return plan;
}

// Step 5: the lines [begin, end) of a clean plan, in the write transaction `uow`. A new
// dwelling or owner is inserted without looking it up again (on PostgreSQL a lookup per line
// made the import quadratic, see bench/README.md): the plan, made a moment before, knows it is
// new, and a reference another user took meanwhile is refused by the unique constraint
// (stock.reference_taken). A stored dwelling is locked and its contracts checked again.
void write_lines(UnitOfWork& uow, const Context& ctx, Plan& plan, std::size_t begin, std::size_t end,
                 std::vector<std::int64_t>& dwelling_ids) {
  const auto now = ctx.clock.now_seconds();
  const auto today = ctx.clock.today();
  for (std::size_t i = begin; i < end; ++i) {
    auto& l = plan.lines[i];
    auto& p = plan.dwellings[l.dwelling];
    if (!dwelling_ids[l.dwelling]) {
      if (p.existing) {
        // As create_contract: the stored dwelling's row lock orders concurrent writers, and its
        // contracts are checked again under it.
        uow.dwellings().lock(p.dwelling.id, now);
      } else {
        // Active from its earliest contract, or from today when that is still to come.
        p.dwelling.status_since = p.first_start && *p.first_start < today ? *p.first_start : today;
        p.dwelling.id = uow.dwellings().insert(p.dwelling);
      }
      dwelling_ids[l.dwelling] = p.dwelling.id;
    }
    if (l.contract_exists) continue;
    auto& k = l.contract;
    k.dwelling_id = dwelling_ids[l.dwelling];
    k.dwelling_reference = p.dwelling.reference;
    if (p.existing) {
      auto others = uow.owner_contracts().overlapping(k.dwelling_id, k.period(), std::nullopt);
      if (!others.empty())
        throw std::move(DomainError(ErrorKind::conflict, "owners.contract_overlap")
                            .param("start", to_iso(others.front().start))
                            .param("end", end_text(others.front().end))
                            .field("start"));
    }
    auto& o = plan.owners[l.owner];
    if (!o.owner.id) o.owner.id = uow.owners().insert(o.owner);
    k.owner_id = o.owner.id;
    k.owner_name = o.owner.name;
    uow.owner_contracts().insert(k);
  }
}

}  // namespace

ImportReport check_stock_import(Store& store, const Context& ctx, const std::string& agency_code,
                                std::string_view file_name, std::string_view bytes) {
  return run_stock_import(store, ctx, agency_code, file_name, bytes, true);
}

ImportReport run_stock_import(Store& store, const Context& ctx, const std::string& agency_code,
                              std::string_view file_name, std::string_view bytes, bool dry_run,
                              const UploadProgress& progress) {
  auto plan = plan_stock_import(*store.read(), ctx, agency_code, file_name, bytes, progress);
  auto& report = plan.report;
  report.dry_run = dry_run;
  // 4. Any problem: nothing is written.
  if (!report.ok() || dry_run) return report;

  // 5. The writing, kWriteBatchLines lines per transaction, each with its audit entry.
  const auto total = static_cast<std::int64_t>(plan.lines.size());
  std::vector<std::int64_t> dwelling_ids(plan.dwellings.size(), 0);
  for (std::size_t begin = 0; begin < plan.lines.size(); begin += kWriteBatchLines) {
    const std::size_t end = std::min(plan.lines.size(), begin + kWriteBatchLines);
    auto uow = store.write();
    write_lines(*uow, ctx, plan, begin, end, dwelling_ids);
    const bool whole = begin == 0 && end == plan.lines.size();
    record(*uow, ctx, "stock.import", "imports", base_name(file_name), plan.agency.id,
           whole ? "" : "lines " + std::to_string(plan.lines[begin].line) + "-" + std::to_string(plan.lines[end - 1].line));
    uow->commit();
    if (progress && !progress(jobs::UploadPhase::writing, static_cast<std::int64_t>(end), total)) throw UploadStopped();
  }
  report.written = true;
  return report;
}

namespace {

nlohmann::json problems_json(const std::vector<ImportProblem>& problems) {
  auto out = nlohmann::json::array();
  for (const auto& p : problems) out.push_back({{"line", p.line}, {"column", p.column}, {"code", p.code}, {"params", p.params}});
  return out;
}

std::vector<ImportProblem> problems_from(const nlohmann::json& j) {
  std::vector<ImportProblem> out;
  for (const auto& p : j)
    out.push_back({p.at("line").get<int>(), p.at("column").get<std::string>(), p.at("code").get<std::string>(),
                   p.at("params").get<std::map<std::string, std::string>>()});
  return out;
}

nlohmann::json counts_json(const ImportCounts& c) {
  return {{"dwellings", c.dwellings}, {"owners", c.owners}, {"contracts", c.contracts}};
}

ImportCounts counts_from(const nlohmann::json& j) {
  return {j.at("dwellings").get<std::int64_t>(), j.at("owners").get<std::int64_t>(), j.at("contracts").get<std::int64_t>()};
}

UploadOutcome outcome_of(const ImportReport& report) { return {report.ok(), report_to_json(report), report.rows}; }

std::string acting_agency_code(const Context& ctx) { return ctx.user ? ctx.user->agency_code.value_or("") : ""; }

}  // namespace

std::string report_to_json(const ImportReport& r) {
  return nlohmann::json{{"agency", r.agency_code},         {"rows", r.rows},
                        {"created", counts_json(r.created)}, {"unchanged", counts_json(r.unchanged)},
                        {"problems", problems_json(r.problems)}, {"warnings", problems_json(r.warnings)},
                        {"dry_run", r.dry_run},           {"written", r.written}}
      .dump();
}

ImportReport report_from_json(std::string_view json) {
  const auto j = nlohmann::json::parse(json);
  ImportReport r;
  r.agency_code = j.value("agency", "");
  r.rows = j.value("rows", std::int64_t{0});
  if (j.contains("created")) r.created = counts_from(j.at("created"));
  if (j.contains("unchanged")) r.unchanged = counts_from(j.at("unchanged"));
  if (j.contains("problems")) r.problems = problems_from(j.at("problems"));
  if (j.contains("warnings")) r.warnings = problems_from(j.at("warnings"));
  r.dry_run = j.value("dry_run", true);
  r.written = j.value("written", false);
  return r;
}

const UploadKind& stock_import_upload() {
  static const UploadKind kind{
      "stock_import",
      [](Store& store, const Context& ctx, std::string_view file_name, std::string_view bytes) {
        return outcome_of(check_stock_import(store, ctx, acting_agency_code(ctx), file_name, bytes));
      },
      [](Store& store, const Context& ctx, std::string_view file_name, std::string_view bytes,
         const UploadProgress& progress) {
        return outcome_of(run_stock_import(store, ctx, acting_agency_code(ctx), file_name, bytes, false, progress));
      }};
  return kind;
}

}  // namespace hms::app
