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

using Part = ImportColumn::Part;

const std::vector<ImportColumn>& stock_import_columns() {
  // name (contract B), French, Dutch, the record and field it fills, required, in contract B.
  static const std::vector<ImportColumn> columns = {
      {"dwelling_ref", "référence", "referentie", Part::dwelling, "reference", true},
      {"street", "rue", "straat", Part::dwelling, "street", true},
      {"number", "numéro", "nummer", Part::dwelling, "number", true},
      {"box", "boîte", "bus", Part::dwelling, "box"},
      {"postcode", "code postal", "postcode", Part::dwelling, "postcode", true},
      {"type", "type de logement", "type woning", Part::dwelling, "type", true},
      {"bedrooms", "chambres", "slaapkamers", Part::dwelling, "bedrooms", true},
      {"surface_m2", "surface en m2", "oppervlakte in m2", Part::dwelling, "surface_m2"},
      {"peb_class", "classe PEB", "EPB-klasse", Part::dwelling, "peb_class"},
      {"owner_kind", "type de propriétaire", "soort eigenaar", Part::owner, "kind", true},
      {"owner_name", "nom du propriétaire", "naam eigenaar", Part::owner, "name", true},
      {"owner_iban", "IBAN du propriétaire", "IBAN eigenaar", Part::owner, "iban", true},
      {"owner_email", "e-mail du propriétaire", "e-mail eigenaar", Part::owner, "email"},
      {"contract_kind", "type de contrat", "soort overeenkomst", Part::contract, "kind", true},
      {"contract_start", "début du contrat", "begin overeenkomst", Part::contract, "start", true},
      {"contract_end", "fin du contrat", "einde overeenkomst", Part::contract, "end"},
      {"owner_rent", "loyer propriétaire", "huurprijs eigenaar", Part::contract, "owner_rent", true},
      // Read too, never required, in the template after the contract's 17.
      {"floor", "étage", "verdieping", Part::dwelling, "floor", false, false},
      {"cadastral_reference", "référence cadastrale", "kadastrale referentie", Part::dwelling, "cadastral_reference", false, false},
      {"owner_company_number", "numéro d'entreprise", "ondernemingsnummer", Part::owner, "company_number", false, false},
      {"owner_phone", "téléphone du propriétaire", "telefoon eigenaar", Part::owner, "phone", false, false},
      {"owner_address", "adresse du propriétaire", "adres eigenaar", Part::owner, "address", false, false},
      {"owner_language", "langue du propriétaire", "taal eigenaar", Part::owner, "language", false, false},
      {"contract_signed_on", "date de signature", "datum ondertekening", Part::contract, "signed_on", false, false},
      {"contract_registered", "contrat enregistré", "overeenkomst geregistreerd", Part::contract, "registered", false, false},
      {"management_fee", "commission de gestion", "beheersvergoeding", Part::contract, "management_fee", false, false},
      {"guarantee_vacancy", "garantie vide locatif", "waarborg leegstand", Part::contract, "guarantee_vacancy", false, false},
      {"guarantee_unpaid_rent", "garantie loyers impayés", "waarborg huurachterstal", Part::contract, "guarantee_unpaid_rent", false, false},
      {"guarantee_damage", "garantie dégâts locatifs", "waarborg huurschade", Part::contract, "guarantee_damage", false, false},
  };
  return columns;
}

const std::vector<ImportCode>& stock_import_codes() {
  // The code, its word in French and in Dutch, then other words users write for it (compared
  // without case or accents).
  static const std::vector<ImportCode> codes = {
      {"type", "apartment", "appartement", "appartement", {"flat", "studio"}},
      {"type", "house", "maison", "huis", {"woning", "eengezinswoning"}},
      {"owner_kind", "person", "personne", "persoon", {"personne physique", "natuurlijke persoon", "particulier"}},
      {"owner_kind", "company", "société", "vennootschap", {"personne morale", "entreprise", "rechtspersoon", "bedrijf", "onderneming"}},
      {"contract_kind", "main_lease", "bail principal", "hoofdhuur", {"hoofdhuurovereenkomst", "main lease"}},
      {"contract_kind", "management_mandate", "mandat de gestion", "beheersmandaat", {"mandat", "management mandate"}},
      {"owner_language", "fr", "français", "Frans", {"francais", "french", "fr"}},
      {"owner_language", "nl", "néerlandais", "Nederlands", {"neerlandais", "dutch", "nl"}},
      {"owner_language", "en", "anglais", "Engels", {"english", "en"}},
  };
  return codes;
}

std::string normalise_name(std::string_view text) {
  // Lower case, accents dropped (the Latin-1 letters of French and Dutch), and any run of
  // characters other than letters and digits one space: "Début du contrat", "debut_du_contrat"
  // and "DEBUT-DU-CONTRAT" are one name.
  static const std::vector<std::pair<std::string_view, char>> accents = {
      {"à", 'a'}, {"â", 'a'}, {"ä", 'a'}, {"ç", 'c'}, {"é", 'e'}, {"è", 'e'}, {"ê", 'e'}, {"ë", 'e'},
      {"î", 'i'}, {"ï", 'i'}, {"ô", 'o'}, {"ö", 'o'}, {"ù", 'u'}, {"û", 'u'}, {"ü", 'u'}, {"ÿ", 'y'},
      {"À", 'a'}, {"Â", 'a'}, {"Ä", 'a'}, {"Ç", 'c'}, {"É", 'e'}, {"È", 'e'}, {"Ê", 'e'}, {"Ë", 'e'},
      {"Î", 'i'}, {"Ï", 'i'}, {"Ô", 'o'}, {"Ö", 'o'}, {"Ù", 'u'}, {"Û", 'u'}, {"Ü", 'u'}};
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < text.size();) {
    char c = text[i];
    std::size_t step = 1;
    if (static_cast<unsigned char>(c) >= 0x80) {
      c = ' ';
      for (const auto& [from, to] : accents)
        if (text.substr(i, from.size()) == from) {
          c = to;
          step = from.size();
          break;
        }
      if (c == ' ') while (i + step < text.size() && (static_cast<unsigned char>(text[i + step]) & 0xC0) == 0x80) ++step;
    }
    i += step;
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return out;
}

std::string_view column_name(const ImportColumn& c, std::string_view lang) {
  return lang == "fr" ? c.fr : lang == "nl" ? c.nl : c.name;
}

ImportTemplate stock_import_template(bool for_xlsx, std::string_view lang) {
  using Kind = formats::Column::Kind;
  const bool english = lang != "fr" && lang != "nl";
  // Codes in the template's language; dates as its readers type them (a workbook: real dates).
  auto word = [&](std::string_view column, std::string_view code) -> std::string {
    if (english) return std::string(code);
    for (const auto& c : stock_import_codes())
      if (c.column == column && c.code == code) return std::string(lang == "fr" ? c.fr : c.nl);
    return std::string(code);
  };
  auto yes_no = [&](bool yes) -> std::string {
    if (english) return yes ? "yes" : "no";
    return lang == "fr" ? (yes ? "oui" : "non") : (yes ? "ja" : "nee");
  };
  auto date = [&](const char* iso) -> std::string {
    if (for_xlsx || english) return iso;
    return to_belgian(parse_date(iso).value());
  };
  const std::map<std::string_view, Kind> typed = {
      {"contract_start", Kind::date}, {"contract_end", Kind::date}, {"contract_signed_on", Kind::date},
      {"owner_rent", Kind::money_cents}, {"bedrooms", Kind::integer}, {"floor", Kind::integer}};
  // A 2-bedroom apartment in Ixelles under a main lease; the optional columns filled as a
  // mandate's would be left empty (its fee) or a person's (no enterprise number).
  const std::map<std::string_view, std::string> example = {
      {"dwelling_ref", "IX-0042"},        {"street", "Rue de la Paix"},
      {"number", "12"},                   {"box", "3"},
      {"postcode", "1050"},               {"type", word("type", "apartment")},
      {"bedrooms", "2"},                  {"surface_m2", "68,5"},
      {"peb_class", "D"},                 {"owner_kind", word("owner_kind", "person")},
      {"owner_name", "Marie Dubois"},     {"owner_iban", "BE68 5390 0754 7034"},
      {"owner_email", "marie.dubois@example.be"},
      {"contract_kind", word("contract_kind", "main_lease")},    {"contract_start", date("2025-03-01")},
      {"contract_end", date("2034-02-28")},     {"owner_rent", for_xlsx ? "78000" : "780,00"},
      {"floor", "3"},                     {"cadastral_reference", ""},
      {"owner_company_number", ""},       {"owner_phone", ""}, {"owner_address", ""},
      {"owner_language", word("owner_language", "fr")},
      {"contract_signed_on", date("2025-02-14")},
      {"contract_registered", yes_no(true)},
      {"management_fee", ""},
      {"guarantee_vacancy", yes_no(true)},
      {"guarantee_unpaid_rent", yes_no(true)},
      {"guarantee_damage", yes_no(false)}};
  ImportTemplate t;
  std::vector<std::string> row;
  for (const auto& c : stock_import_columns()) {
    Kind kind = Kind::text;
    if (auto it = typed.find(c.name); for_xlsx && it != typed.end()) kind = it->second;
    t.columns.push_back({std::string(column_name(c, lang)), kind});
    row.push_back(example.at(c.name));
  }
  t.rows.push_back(std::move(row));
  return t;
}

namespace {

using std::chrono::year_month_day;
using FieldColumns = std::map<std::string, std::string>;

// The field names of one record's use case → the file's columns (contract-B names), from the
// column table: the errors of dwelling_from_fields on "reference" are on "dwelling_ref".
FieldColumns columns_of(Part part) {
  FieldColumns out;
  for (const auto& c : stock_import_columns())
    if (c.part == part) out.emplace(c.field, c.name);
  return out;
}
const FieldColumns kDwellingColumns = columns_of(Part::dwelling);
const FieldColumns kOwnerColumns = columns_of(Part::owner);
const FieldColumns kContractColumns = columns_of(Part::contract);

// The file's header: which column holds which name.
struct Header {
  std::map<std::string, std::size_t> index;  // contract-B name → position
  std::vector<std::string> order;            // position → contract-B name ("" for an ignored column)
  std::map<std::string, std::string> shown;  // contract-B name → the name as the file writes it
};

// A cell of a column whose codes have words: the code ("appartement" → "apartment"); any
// other text as it is, for the use case to refuse with the values it accepts. The words are
// normalised once, not for every cell of every line.
using CodeWords = std::map<std::pair<std::string, std::string>, std::string>;  // (column, word) → code
const CodeWords& code_words() {
  static const CodeWords words = [] {
    CodeWords w;
    for (const auto& c : stock_import_codes()) {
      const std::string column(c.column), code(c.code);
      for (auto word : {c.code, c.fr, c.nl}) w.emplace(std::pair{column, normalise_name(word)}, code);
      for (auto word : c.also) w.emplace(std::pair{column, normalise_name(word)}, code);
    }
    return w;
  }();
  return words;
}

std::string code_of(std::string_view column, const std::string& cell) {
  auto it = code_words().find({std::string(column), normalise_name(cell)});
  return it == code_words().end() ? cell : it->second;
}

bool has_codes(std::string_view column) {
  return std::any_of(stock_import_codes().begin(), stock_import_codes().end(),
                     [column](const ImportCode& c) { return c.column == column; });
}

bool is_date_column(std::string_view column) {
  return column == "contract_start" || column == "contract_end" || column == "contract_signed_on";
}

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
    // Each problem names its column as the file does ("début du contrat" in a French file).
    for (auto& p : problems_)
      if (auto it = header.shown.find(p.column); it != header.shown.end()) p.column = it->second;
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
    const std::string written(trim(table.header[i]));
    const std::string name = normalise_name(written);
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
    auto column = std::find_if(known.begin(), known.end(), [&](const ImportColumn& c) {
      return name == normalise_name(c.name) || name == normalise_name(c.fr) || name == normalise_name(c.nl);
    });
    if (column == known.end()) {
      problems.add(1, written, "import.unknown_column", {{"column", written}});
      ok = false;
      continue;
    }
    const std::string canonical(column->name);
    if (header.index.contains(canonical)) {
      problems.add(1, written, "import.duplicate_column", {{"column", written}});
      ok = false;
      continue;
    }
    header.index[canonical] = i;
    header.order.back() = canonical;
    header.shown[canonical] = written;
  }
  for (const auto& c : known)
    if (c.required && !header.index.contains(std::string(c.name))) {
      problems.add(1, std::string(c.name), "import.missing_column", {{"column", std::string(c.name)}});
      ok = false;
    }
  return ok;
}

// The fields of one record read from a line: each field of the use case's list
// (for_each_field) that a column of the file fills, codes in words turned into codes and dates
// typed day first into ISO. A date that does not exist ("31/02/2026") is noted in `no_such_day`.
template <typename Fields>
Fields fields_of(Part part, const Header& header, const std::vector<std::string>& row,
                 std::map<std::string, std::string>& no_such_day) {
  Fields f;
  for_each_field(f, [&](std::string_view field, std::optional<std::string>& value) {
    for (const auto& c : stock_import_columns()) {
      if (c.part != part || c.field != field) continue;
      auto at = header.index.find(std::string(c.name));
      if (at == header.index.end()) return;
      std::string cell = at->second < row.size() ? row[at->second] : std::string();
      if (has_codes(c.name)) cell = code_of(c.name, cell);
      if (is_date_column(c.name)) {
        if (auto iso = iso_from_typed_date(std::string(trim(cell)))) {
          if (names_no_day(*iso)) no_such_day[std::string(c.name)] = std::string(trim(cell));
          cell = *iso;
        }
      }
      value = std::move(cell);
      return;
    }
  });
  return f;
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
    // A date that does not exist is said so, rather than "write a date like …".
    std::map<std::string, std::string> no_such_day;
    auto refused = [&](const DomainError& e, const FieldColumns& columns) {
      if (e.kind() != ErrorKind::validation) throw e;
      for (const auto& [field, code] : e.fields()) {
        auto column = columns.find(field);
        if (column == columns.end() || !no_such_day.contains(column->second)) continue;
        problems.add(line, column->second, "common.date_does_not_exist", {{"date", no_such_day.at(column->second)}});
        DomainError rest(e.kind(), e.code());
        for (const auto& [name, value] : e.params()) rest.param(name, value);
        for (const auto& [other, other_code] : e.fields())
          if (other != field) rest.field(other, other_code);
        if (rest.fields().empty()) return;
        return problems.add(line, rest, columns);
      }
      problems.add(line, e, columns);
    };

    // Cells beyond the header: most often a separator inside an unquoted text.
    std::size_t extra = 0;
    for (std::size_t i = header.order.size(); i < row.size(); ++i)
      if (!trim(row[i]).empty()) ++extra;
    if (extra) problems.add(line, "", "import.extra_cells", {{"count", std::to_string(extra)}});

    // The dwelling, with the rules of the dwelling form.
    auto df = fields_of<DwellingFields>(Part::dwelling, header, row, no_such_day);
    stock::Dwelling base;
    base.agency_id = agency.id;
    base.agency_code = agency.code;
    base.created_at = base.updated_at = now;
    base.status = stock::DwellingStatus::active;
    std::optional<stock::Dwelling> dwelling;
    try {
      dwelling = dwelling_from_fields(uow, df, base, true);
    } catch (const DomainError& e) {
      refused(e, kDwellingColumns);
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
    auto of = fields_of<OwnerFields>(Part::owner, header, row, no_such_day);
    owners::Owner owner_base;
    owner_base.agency_id = agency.id;
    owner_base.agency_code = agency.code;
    owner_base.created_at = owner_base.updated_at = now;
    std::optional<owners::Owner> owner;
    try {
      owner = owner_from_fields(of, owner_base, true);
    } catch (const DomainError& e) {
      refused(e, kOwnerColumns);
    }

    // The contract, with the rules of the contract form; its cap from the dwelling's type and
    // size (the stored dwelling's when it exists).
    auto cf = fields_of<ContractFields>(Part::contract, header, row, no_such_day);
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
      refused(e, kContractColumns);
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

  // The first lines as they will be stored.
  for (std::size_t i = 0; i < lines.size() && i < kPreviewLines; ++i) {
    const auto& l = lines[i];
    const auto& d = dwellings[l.dwelling].dwelling;
    const auto& o = owner_plans[l.owner].owner;
    ImportPreview p;
    p.line = l.line;
    p.reference = d.reference;
    p.street = d.street;
    p.number = d.number;
    p.box = d.box;
    p.postcode = d.commune.postcode;
    p.commune_fr = d.commune.name_fr;
    p.commune_nl = d.commune.name_nl;
    p.type = std::string(stock::to_string(d.type));
    p.bedrooms = d.bedrooms;
    p.surface_dm2 = d.surface_dm2;
    p.peb_class = d.peb_class ? std::string(1, *d.peb_class) : "";
    p.owner_kind = std::string(owners::to_string(o.kind));
    p.owner_name = o.name;
    p.iban_last4 = o.iban.size() >= 4 ? o.iban.substr(o.iban.size() - 4) : o.iban;
    p.contract_kind = std::string(owners::to_string(l.contract.kind));
    p.start = to_iso(l.contract.start);
    p.end = l.contract.end ? to_iso(*l.contract.end) : "";
    p.owner_rent_cents = l.contract.owner_rent.cents();
    report.preview.push_back(std::move(p));
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
        // Recorded by an import (and the user who ran it, when a user did).
        p.dwelling.status_record.user_id = ctx.user ? std::optional(ctx.user->id) : std::nullopt;
        p.dwelling.status_record.source = stock::StatusSource::import;
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
  auto preview = nlohmann::json::array();
  for (const auto& p : r.preview)
    preview.push_back({{"line", p.line}, {"reference", p.reference}, {"street", p.street}, {"number", p.number},
                       {"box", p.box}, {"postcode", p.postcode}, {"commune_fr", p.commune_fr},
                       {"commune_nl", p.commune_nl}, {"type", p.type}, {"bedrooms", p.bedrooms},
                       {"surface_dm2", p.surface_dm2 ? nlohmann::json(*p.surface_dm2) : nlohmann::json()},
                       {"peb_class", p.peb_class}, {"owner_kind", p.owner_kind}, {"owner_name", p.owner_name},
                       {"iban_last4", p.iban_last4}, {"contract_kind", p.contract_kind}, {"start", p.start},
                       {"end", p.end}, {"owner_rent_cents", p.owner_rent_cents}});
  return nlohmann::json{{"agency", r.agency_code},         {"rows", r.rows},
                        {"created", counts_json(r.created)}, {"unchanged", counts_json(r.unchanged)},
                        {"problems", problems_json(r.problems)}, {"warnings", problems_json(r.warnings)},
                        {"preview", preview},
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
  if (j.contains("preview"))
    for (const auto& p : j.at("preview")) {
      ImportPreview v;
      v.line = p.value("line", 0);
      for (auto [name, field] : {std::pair{"reference", &v.reference}, {"street", &v.street}, {"number", &v.number},
                                 {"box", &v.box}, {"postcode", &v.postcode}, {"commune_fr", &v.commune_fr},
                                 {"commune_nl", &v.commune_nl}, {"type", &v.type}, {"peb_class", &v.peb_class},
                                 {"owner_kind", &v.owner_kind}, {"owner_name", &v.owner_name},
                                 {"iban_last4", &v.iban_last4}, {"contract_kind", &v.contract_kind},
                                 {"start", &v.start}, {"end", &v.end}})
        *field = p.value(name, "");
      v.bedrooms = p.value("bedrooms", std::int64_t{0});
      if (p.contains("surface_dm2") && p.at("surface_dm2").is_number()) v.surface_dm2 = p.at("surface_dm2").get<std::int64_t>();
      v.owner_rent_cents = p.value("owner_rent_cents", std::int64_t{0});
      r.preview.push_back(std::move(v));
    }
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
