// The two calculators of contract C as pages, open to every logged-in user:
// GET /calculators/indexation and GET /calculators/eligibility. They are GET forms (a result can
// be bookmarked, nothing is stored, no CSRF token needed): without answers the empty form;
// with answers every field is checked at once (error summary, messages by the fields), else
// the result computed on the tables in force (the database's: shipped with hms, completed by
// the region on /rules), with its steps, marks of uncertainty and sources.
// E.g. /calculators/indexation?rent=650&signed=2021-01-15&start=2021-02-01&on=2025-02-01&peb=C
// shows 801,67 € (650,00 € × 135,52 / 109,88).
#include <array>
#include <cstdio>
#include <set>
#include <tuple>

#include "app/fields/fields.hpp"
#include "app/rules/rules_admin.hpp"
#include "common/date.hpp"
#include "common/text.hpp"
#include "domain/applicants/eligibility.hpp"
#include "domain/indexation/indexation.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/support/support.hpp"
#include "web/texts.hpp"

namespace hms::http {
namespace {

using nlohmann::json;

using web::Texts;

// ---------------------------------------------------------------------------------------------
// Forms.

// A field's problem: `code` is the message's catalog key, for this field.
DomainError problem(const std::string& field, const std::string& code) {
  return DomainError(ErrorKind::validation, code).field(field, code);
}

// Runs a parse; a validation problem without a field is given `field` (Money::parse and
// parse_date do not know which field they read).
template <typename F>
void check_field(Problems& problems, const std::string& field, F&& parse) {
  problems.check([&] {
    try {
      parse();
    } catch (DomainError& e) {
      if (e.kind() == ErrorKind::validation && e.fields().empty()) e.field(field);
      throw;
    }
  });
}

// form_errors() with the summary in the order of the form's fields, and the parameters of the
// messages the reader's way.
json page_errors(const Services& s, const Texts& tx, DomainError e, const std::vector<std::string>& order) {
  for (const auto& [name, value] : tx.localized(e.params())) e.param(name, value);
  json errors = form_errors(s.views, tx.lang, e);
  auto position = [&](const json& item) {
    auto it = std::find(order.begin(), order.end(), item.value("field", ""));
    return it - order.begin();
  };
  auto& summary = errors["summary"];
  std::stable_sort(summary.begin(), summary.end(),
                   [&](const json& a, const json& b) { return position(a) < position(b); });
  return errors;
}

// The path and query of this page, for the language switch: switching keeps the answers.
std::string path_with_query(const Request& req) {
  std::string out = req.path;
  char sep = '?';
  auto encode = [](const std::string& text) {
    std::string enc;
    for (unsigned char c : text) {
      if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
        enc += static_cast<char>(c);
      } else {
        char buf[4];
        std::snprintf(buf, sizeof buf, "%%%02X", c);
        enc += buf;
      }
    }
    return enc;
  };
  for (const auto& [name, value] : req.query) {
    if (name == "lang") continue;
    out += sep + encode(name) + "=" + encode(value);
    sep = '&';
  }
  return out;
}

bool has_any(const Request& req, std::initializer_list<const char*> names) {
  for (const char* n : names)
    if (req.query.contains(n)) return true;
  return false;
}

json subnav(const Texts& tx, const std::string& current) {
  json items = json::array();
  for (const char* id : {"indexation", "eligibility"})
    items.push_back({{"href", std::string("/calculators/") + id},
                     {"label", tx.text(std::string("calculators.") + id + ".short")},
                     {"current", current == id}});
  return items;
}

Response calculator_page(const Request& req, const Services& s, const std::string& which, json model) {
  auto info = page_info(req, s, "calculators." + which + ".title", "calculators");
  info.path = path_with_query(req);
  const Texts tx{s.views.catalog(), req.lang};
  model["subnav"] = subnav(tx, which);
  model["computed_on"] = to_belgian(req.clock->today());
  const int status = model.contains("errors") ? 422 : 200;
  return Response::html(s.views.page(info, "calculators/" + which, model), status);
}

// ---------------------------------------------------------------------------------------------
// Indexation.

const std::vector<std::string> kIndexationFields = {"rent", "signed", "start", "on", "peb", "registered"};

// One index value with its month and, unless verified, a visible mark with its source.
json index_json(const Texts& tx, const indexation::IndexValue& v) {
  return {{"month", tx.month(v.month)},
          {"value", tx.decimal(v.text())},
          {"unverified", v.status != "verified"},
          {"status", tx.status(v.status)},
          {"source", v.source},
          {"source_text", tx.format("calculators.source_of", {{"source", v.source}})}};
}

// The health index table as runs of months with the same status and source.
json index_sources(const Texts& tx, const indexation::HealthIndex& index) {
  json runs = json::array();
  const indexation::IndexValue* first = nullptr;
  const indexation::IndexValue* last = nullptr;
  auto flush = [&] {
    if (!first) return;
    runs.push_back({{"text", tx.format("calculators.indexation.source_line", {{"from", tx.month(first->month)},
                                                                              {"to", tx.month(last->month)},
                                                                              {"source", first->source}})},
                    {"source", first->source},
                    {"status", tx.status(first->status)},
                    {"unverified", first->status != "verified"}});
  };
  for (const auto& [month, v] : index.values()) {
    if (first && (v.status != first->status || v.source != first->source || month != last->month.next())) {
      flush();
      first = nullptr;
    }
    if (!first) first = &v;
    last = &v;
  }
  flush();
  return runs;
}

Response indexation_page(const Request& req, const Services& s) {
  const Texts tx{s.views.catalog(), req.lang};
  const auto index = app::health_index_in_force(s.store);
  json form = {{"rent", req.query_value("rent")},
               {"signed", req.query_value("signed")},
               {"start", req.query_value("start")},
               {"on", req.query_value("on")}};
  const std::string peb = req.query_value("peb");
  const std::string registered = req.query.contains("registered") ? req.query_value("registered") : "yes";
  json peb_options = json::array();
  for (char c = 'A'; c <= 'G'; ++c)
    peb_options.push_back({{"value", std::string(1, c)}, {"label", std::string(1, c)}, {"checked", peb == std::string(1, c)}});
  peb_options.push_back({{"value", "none"}, {"label", tx.text("calculators.indexation.peb_none")}, {"checked", peb == "none"}, {"none", true}});
  form["registered_yes"] = registered != "no";
  form["registered_no"] = registered == "no";
  json model = {{"form", form}, {"peb_options", peb_options}, {"sources", index_sources(tx, index)}};

  if (!has_any(req, {"rent", "signed", "start", "on", "peb", "registered"}))
    return calculator_page(req, s, "indexation", model);

  // 1. Every answer, every problem at once.
  indexation::Request q;
  Problems problems;
  std::set<std::string> dates_read;
  auto required = [&](const char* field) {
    if (!trim(req.query_value(field)).empty()) return true;
    problems.add(problem(field, std::string("calculators.indexation.missing_") + field));
    return false;
  };
  if (required("rent"))
    check_field(problems, "rent", [&] {
      q.base_rent = Money::parse(req.query_value("rent")).value();
      if (q.base_rent < Money::zero()) throw problem("rent", "indexation.negative_rent");
    });
  for (auto [field, date] : {std::pair{"signed", &q.signed_on}, std::pair{"start", &q.start}, std::pair{"on", &q.on}})
    if (required(field)) {
      auto parsed = parse_date(trim(req.query_value(field)));
      if (parsed) {
        *date = parsed.value();
        dates_read.insert(field);
      } else {
        problems.add(problem(field, parsed.error().code()));
      }
    }
  if (dates_read.contains("start") && dates_read.contains("on") && q.on < q.start) problems.add(problem("on", "indexation.on_before_start"));
  // The form always says the class, or that there is no certificate (never "not said").
  if (peb.size() == 1 && peb[0] >= 'A' && peb[0] <= 'G') q.peb = peb[0];
  else if (peb == "none") q.certificate = false;
  else problems.add(problem("peb", "calculators.indexation.missing_peb"));
  q.registered = app::fields::read_field(registered, "registered", problems, app::fields::parse_yes_no,
                                         "calculators.indexation.invalid_registered").value_or(true);

  // 2. The calculation; an index not published yet belongs to the date that needs it.
  std::optional<indexation::Result> r;
  try {
    problems.throw_if_any();
    r = indexation::index_rent(index, q);
  } catch (DomainError& e) {
    if (e.kind() != ErrorKind::validation) throw;
    if ((e.code() == "indexation.index_unknown" || e.code() == "indexation.index_before_table") && e.fields().empty()) {
      const bool signed_month = e.params().at("month") == YearMonth::of(q.signed_on).previous().to_string();
      e.field(signed_month ? "signed" : "on");
    }
    model["errors"] = page_errors(s, tx, e, kIndexationFields);
    return calculator_page(req, s, "indexation", model);
  }

  // 3. The result.
  json steps = json::array();
  for (const auto& step : r->steps) steps.push_back(tx.format(step.key, tx.localized(step.params)));
  const std::string regime(indexation::to_string(r->regime));
  const char* tag = r->regime == indexation::Regime::standard                ? "tag--blue"
                    : r->regime == indexation::Regime::limitation_2022 ||
                            r->regime == indexation::Regime::correction_factor ? "tag--orange"
                                                                               : "tag--grey";
  json result = {{"rent", tx.money(r->rent)},
                 {"base_rent", tx.money(q.base_rent)},
                 {"changed", r->rent != q.base_rent},
                 {"regime", {{"code", regime},
                             {"label", tx.text("calculators.indexation.regime." + regime)},
                             {"tag", tag}}},
                 {"indexed", r->base_index.has_value() && r->new_index.has_value()},
                 {"steps", steps}};
  if (r->anniversary) result["anniversary"] = to_belgian(*r->anniversary);
  if (r->base_index) result["base_index"] = index_json(tx, *r->base_index);
  if (r->new_index) result["new_index"] = index_json(tx, *r->new_index);
  // A rent computed from an unverified index carries the mark too, with the index's source.
  for (const auto* v : {r->base_index ? &*r->base_index : nullptr, r->new_index ? &*r->new_index : nullptr})
    if (v && v->status != "verified") {
      result["unverified"] = true;
      result["unverified_status"] = tx.status(v->status);
      result["unverified_source"] = tx.format("calculators.source_of", {{"source", v->source}});
    }
  if (r->factor_numerator != r->factor_denominator) {
    char factor[32];
    std::snprintf(factor, sizeof factor, "%.6f", r->factor());
    result["factor"] = tx.decimal(factor);
  }
  json answers = json::array();
  auto answer = [&](const char* key, std::string value) {
    answers.push_back({{"label", tx.text(std::string("calculators.indexation.") + key)}, {"value", std::move(value)}});
  };
  answer("rent", tx.money(q.base_rent));
  answer("signed", to_belgian(q.signed_on));
  answer("start", to_belgian(q.start));
  answer("on", to_belgian(q.on));
  answer("peb", q.certificate && q.peb ? std::string(1, *q.peb) : tx.text("calculators.indexation.peb_none"));
  answer("registered", tx.text(q.registered ? "calculators.yes" : "calculators.no"));
  result["answers"] = answers;
  model["result"] = result;
  return calculator_page(req, s, "indexation", model);
}

// ---------------------------------------------------------------------------------------------
// Eligibility.

const std::vector<std::string> kEligibilityFields = {"year", "adults", "incomes", "children",
                                                     "disabled_children", "disabled_adults", "income"};

// The years that may be asked for, verified first, then the older verified tables; the most
// recent first in each group.
std::vector<const applicants::AdmissionIncomes*> offered_years(const applicants::AdmissionIncomeTable& table) {
  std::vector<const applicants::AdmissionIncomes*> out;
  for (const char* group : {"verified", "other"})
    for (auto it = table.years().rbegin(); it != table.years().rend(); ++it) {
      const auto& t = it->second;
      if (t.status.rfind("verified", 0) != 0) continue;  // the engine refuses them
      if ((t.status == "verified") == (std::string_view(group) == "verified")) out.push_back(&t);
    }
  return out;
}

// The household's counts as form fields, with their errors.
json count_fields(const Texts& tx, const json& form, const json& errors) {
  json out = json::array();
  for (const char* name : {"adults", "incomes", "children", "disabled_children", "disabled_adults"}) {
    const std::string key = std::string("calculators.eligibility.") + name;
    json f = {{"name", name}, {"label", tx.text(key)}, {"hint", tx.text(key + "_hint")}, {"value", form[name]}};
    std::string describedby = std::string(name) + "-hint";
    if (errors.is_object() && errors.contains(name)) {
      f["error"] = errors[name];
      describedby += std::string(" ") + name + "-error";
    }
    f["describedby"] = describedby;
    out.push_back(f);
  }
  return out;
}

Response eligibility_page(const Request& req, const Services& s) {
  const Texts tx{s.views.catalog(), req.lang};
  const bool asked = has_any(req, {"year", "adults", "incomes", "children", "disabled_children", "disabled_adults", "income"});
  auto value_or = [&](const char* name, const char* fallback) {
    return asked || req.query.contains(name) ? req.query_value(name) : std::string(fallback);
  };
  json form = {{"adults", value_or("adults", "1")},
               {"incomes", value_or("incomes", "1")},
               {"children", value_or("children", "0")},
               {"disabled_children", value_or("disabled_children", "0")},
               {"disabled_adults", value_or("disabled_adults", "0")},
               {"income", req.query_value("income")}};
  const auto incomes = app::admission_incomes_in_force(s.store);
  const auto years = offered_years(incomes);
  const std::string year_text = req.query_value("year");
  json year_options = json::array();
  json sources = json::array();
  for (const auto* t : years) {
    const std::string y = std::to_string(t->year);
    year_options.push_back({{"value", y},
                            {"label", t->status == "verified" ? y : tx.format("calculators.eligibility.year_older", {{"year", y}})},
                            {"selected", y == year_text}});
    sources.push_back({{"year", y}, {"source", t->source}, {"status", tx.status(t->status)}});
  }
  json model = {{"form", form}, {"years", year_options}, {"sources", sources}};
  model["counts"] = count_fields(tx, form, nullptr);
  if (!asked) return calculator_page(req, s, "eligibility", model);

  // 1. Every answer, every problem at once.
  Problems problems;
  const applicants::AdmissionIncomes* table = nullptr;
  if (auto year = app::fields::read_field(year_text, "year", problems, app::fields::parse_int, 1000, 9999,
                                          "calculators.eligibility.missing_year"))
    problems.check([&] { table = &incomes.year(static_cast<int>(*year)); });
  // A count that is not a number is reported as such; for the household's rules below it
  // stands at a value that blames no other count (20 adults, 30 children, 0 otherwise).
  applicants::Household h;
  std::set<std::string> unreadable;
  for (auto [field, target, stand_in] :
       {std::tuple{"adults", &h.adults, 20}, std::tuple{"incomes", &h.incomes, 0}, std::tuple{"children", &h.children, 30},
        std::tuple{"disabled_children", &h.disabled_children, 0}, std::tuple{"disabled_adults", &h.disabled_adults, 0}}) {
    std::string text = form[field].get<std::string>();
    const bool optional = std::string_view(field).starts_with("disabled_");
    if (optional && trim(text).empty()) text = "0";  // as on the command line: none unless said
    if (auto v = app::fields::read_field(text, field, problems, app::fields::parse_int, 0, 99,
                                         std::string("calculators.eligibility.invalid_") + field)) {
      *target = static_cast<int>(*v);
    } else {
      *target = stand_in;
      unreadable.insert(field);
    }
  }
  Money income;
  bool income_ok = false;
  if (trim(form["income"].get<std::string>()).empty()) {
    problems.add(problem("income", "calculators.eligibility.missing_income"));
  } else {
    check_field(problems, "income", [&] {
      income = Money::parse(form["income"].get<std::string>()).value();
      income_ok = true;
    });
  }
  // 2. The household's rules (they do not depend on the year: checked even when the year is
  // not known, so that every problem shows at once), then the assessment.
  std::optional<applicants::Eligibility> e;
  if (!years.empty()) {
    problems.check([&] {
      try {
        auto assessed = applicants::assess(table ? *table : *years.front(), h, income_ok ? income : Money::zero());
        if (table && income_ok && unreadable.empty()) e = assessed;
      } catch (const DomainError& failed) {
        if (failed.code() != "eligibility.invalid_household") throw;
        // One message per field, saying its own rule (once: not again for an unreadable count).
        Problems household;
        for (const auto& [field, code] : failed.fields())
          if (code != "eligibility.invalid_household") household.add(problem(field, code));
          else if (!unreadable.contains(field)) household.add(problem(field, "calculators.eligibility.invalid_" + field));
        household.throw_if_any();
      }
    });
  }
  try {
    problems.throw_if_any();
  } catch (const DomainError& failed) {
    model["errors"] = page_errors(s, tx, failed, kEligibilityFields);
    model["counts"] = count_fields(tx, form, model["errors"]);
    return calculator_page(req, s, "eligibility", model);
  }

  // 3. The result, with how the ceiling is made.
  const std::string band(applicants::to_string(e->band));
  const std::string composition(applicants::to_string(e->composition));
  const Money base = e->composition == applicants::Composition::single       ? table->single
                     : e->composition == applicants::Composition::one_income ? table->household_one_income
                                                                             : table->household_two_or_more_incomes;
  json breakdown = json::array();
  breakdown.push_back({{"label", tx.text("calculators.eligibility.composition." + composition)}, {"amount", tx.money(base)}});
  if (const int children = h.children + h.disabled_children; children > 0)
    breakdown.push_back({{"label", tx.format(h.disabled_children > 0 ? "calculators.eligibility.per_child_disabled"
                                                                     : "calculators.eligibility.per_child",
                                             {{"count", std::to_string(children)},
                                              {"amount", tx.money(table->per_dependent_child)}})},
                         {"amount", tx.money(multiply(table->per_dependent_child, children, 1, Rounding::half_up))}});
  if (h.disabled_adults > 0)
    breakdown.push_back({{"label", tx.format("calculators.eligibility.per_disabled_adult",
                                             {{"count", std::to_string(h.disabled_adults)},
                                              {"amount", tx.money(table->per_disabled_adult)}})},
                         {"amount", tx.money(multiply(table->per_disabled_adult, h.disabled_adults, 1, Rounding::half_up))}});
  // The ratio in whole percents (rounded once, as the contract's JSON gives it: 1.12), and to
  // the hundredth of a percent.
  const std::string whole = std::to_string(e->ratio_hundredths);
  const std::int64_t hundredths = e->ratio_percent_hundredths % 100;
  const std::string precise = std::to_string(e->ratio_percent_hundredths / 100) + (hundredths < 10 ? ".0" : ".") +
                              std::to_string(hundredths);
  const char* tag = e->band == applicants::Band::eligible   ? "tag--green"
                    : e->band == applicants::Band::moderate ? "tag--blue"
                    : e->band == applicants::Band::middle   ? "tag--orange"
                                                            : "tag--red";
  json answers = json::array();
  auto answer = [&](const char* key, std::string value) {
    answers.push_back({{"label", tx.text(std::string("calculators.eligibility.") + key)}, {"value", std::move(value)}});
  };
  answer("year", std::to_string(table->year));
  answer("adults", std::to_string(h.adults));
  answer("incomes", std::to_string(h.incomes));
  answer("children", std::to_string(h.children));
  answer("disabled_children", std::to_string(h.disabled_children));
  answer("disabled_adults", std::to_string(h.disabled_adults));
  answer("income", tx.money(income));
  model["result"] = {
      {"ceiling", tx.money(e->ceiling)},
      {"ceiling_label", tx.format("calculators.eligibility.ceiling_for", {{"year", std::to_string(table->year)}})},
      {"composition", tx.text("calculators.eligibility.composition." + composition)},
      {"breakdown", breakdown},
      {"ratio", tx.percent(whole)},
      {"ratio_detail", tx.format("calculators.eligibility.ratio_detail",
                                 {{"income", tx.money(income)},
                                  {"ceiling", tx.money(e->ceiling)},
                                  {"ratio", tx.percent(tx.decimal(precise))}})},
      {"band", {{"code", band},
                {"label", tx.text("calculators.eligibility.band." + band)},
                {"explanation", tx.text("calculators.eligibility.band_explanation." + band)},
                {"tag", tag}}},
      {"year", std::to_string(table->year)},
      {"status", tx.status(table->status)},
      {"unverified", table->status.rfind("verified", 0) != 0},
      {"older", table->status != "verified"},
      {"source", table->source},
      {"answers", answers}};
  return calculator_page(req, s, "eligibility", model);
}

}  // namespace

void add_calculator_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/calculators/indexation", Access::logged_in, [&s](Request& req) {
    req.context().require(users::Permission::calculators_use);
    return indexation_page(req, s);
  }});

  routes.push_back({"GET", "/calculators/eligibility", Access::logged_in, [&s](Request& req) {
    req.context().require(users::Permission::calculators_use);
    return eligibility_page(req, s);
  }});
}

}  // namespace hms::http
