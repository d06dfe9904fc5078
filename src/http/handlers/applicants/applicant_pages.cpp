// The applicant pages (issue 9): /applicants (list with search, filters, pagination, CSV/XLSX
// export without any national number), /applicants/new and /applicants/{id}/edit (the members
// as repeatable rows, every problem at once, drafts like the other forms), /applicants/{id}
// (band, members with their national number masked, history; the reveal of a national number
// for a stated purpose, audited), and the renewal of the candidacy. Every list and detail is
// audited by the use cases (applicants.list, applicants.read, applicants.export).
#include "app/applicants/erasure.hpp"
#include "app/applicants/retention.hpp"
#include "app/applicants/subject_access.hpp"
#include "app/fields/fields.hpp"
#include "common/date.hpp"
#include "common/text.hpp"
#include "domain/applicants/erasure.hpp"
#include "http/handlers/applicants/applicants_json.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/support/forms.hpp"
#include "http/handlers/support/pages.hpp"
#include "web/letters/subject_access.hpp"
#include "web/texts.hpp"

namespace hms::http {
namespace {

using users::Permission;
namespace ap = applicants;

constexpr std::string_view kFormFields[] = {"registered_on", "status", "status_reason", "referral", "income_year",
                                            "income", "incomes", "preferred_postcodes", "over_indebted", "urgent",
                                            "language", "email", "phone", "address"};
constexpr const char* kMemberInputs[] = {"first_name", "last_name", "birth_date", "relation", "dependent",
                                         "disabled", "national_number"};
constexpr const char* kRelations[] = {"applicant", "partner", "child", "other"};
constexpr const char* kStatuses[] = {"active", "housed", "struck_off"};
constexpr const char* kBands[] = {"eligible", "moderate", "middle", "above", "unknown"};

std::string band_key(const std::optional<ap::Band>& b) {
  return "applicants.bands." + (b ? std::string(ap::to_string(*b)) : std::string("unknown"));
}

nlohmann::json applicant_view(const Services& s, const Request& req, const ap::Applicant& a, int renewal_months) {
  auto j = applicant_json(a, false);
  j["band_label"] = text(s, req, band_key(a.band));
  j["band_known"] = a.band.has_value();
  j["status_label"] = text(s, req, "applicants.statuses." + std::string(ap::to_string(a.status)));
  j["registered_on_text"] = to_belgian(a.registered_on);
  j["renewed_on_text"] = to_belgian(a.renewed_on);
  j["not_renewed"] = ap::did_not_renew(a, renewal_months, req.clock->today());
  // (An empty text counts as true for the templates.)
  for (const char* field : {"status_reason", "email", "phone", "address"}) j[field] = opt_text(j[field].get<std::string>());
  return j;
}

// The members of a posted form: rows "members.<i>.<field>"; a row left wholly blank is no member.
// A national number left blank is not sent (on a change it keeps the stored one).
std::pair<std::vector<app::MemberFields>, nlohmann::json> read_members(const Request& req) {
  std::vector<app::MemberFields> out;
  nlohmann::json rows = nlohmann::json::array();
  for (int i = 0; i < ap::kMaxMembers + 5; ++i) {
    const std::string at = "members." + std::to_string(i) + ".";
    bool present = false, blank = true;
    nlohmann::json row = nlohmann::json::object();
    for (const char* f : kMemberInputs) {
      auto found = req.form.find(at + f);
      std::string v = found == req.form.end() ? "" : found->second;
      present = present || found != req.form.end();
      // The relation is always sent by its select, the boxes only when ticked.
      if (std::string_view(f) != "relation" && !trim(v).empty()) blank = false;
      row[f] = v;
    }
    if (!present) continue;
    if (blank) continue;
    app::MemberFields m;
    m.first_name = row["first_name"].get<std::string>();
    m.last_name = row["last_name"].get<std::string>();
    m.birth_date = app::fields::iso_of_typed_date(row["birth_date"].get<std::string>());
    m.relation = row["relation"].get<std::string>();
    m.dependent = row["dependent"].get<std::string>().empty() ? "no" : "yes";
    m.disabled = row["disabled"].get<std::string>().empty() ? "no" : "yes";
    const auto nn = row["national_number"].get<std::string>();
    if (!trim(nn).empty()) m.national_number = nn;
    row["national_number"] = "";  // never shown back, never kept in a draft
    out.push_back(std::move(m));
    rows.push_back(std::move(row));
  }
  return {std::move(out), std::move(rows)};
}

FormInput<app::ApplicantFields> read_applicant_form(const Request& req) {
  auto input = read_form<app::ApplicantFields>(req, kFormFields);
  // The boxes: unticked sends nothing, which is "no" here.
  const bool over_indebted = !req.form_value("over_indebted").empty();
  const bool urgent = !req.form_value("urgent").empty();
  input.fields.over_indebted = over_indebted ? "yes" : "no";
  input.fields.urgent = urgent ? "yes" : "no";
  input.values["over_indebted"] = over_indebted ? "yes" : "";
  input.values["urgent"] = urgent ? "yes" : "";
  if (input.fields.referral && trim(*input.fields.referral).empty()) input.fields.referral = "";
  auto [members, rows] = read_members(req);
  input.fields.members = std::move(members);
  input.values["members"] = std::move(rows);
  return input;
}

nlohmann::json applicant_form_values(const ap::Applicant& a) {
  std::string postcodes;
  for (const auto& p : a.preferred_postcodes) postcodes += (postcodes.empty() ? "" : ", ") + p;
  nlohmann::json v = {{"registered_on", to_belgian(a.registered_on)},
                      {"status", std::string(ap::to_string(a.status))},
                      {"status_reason", a.status_reason},
                      {"referral", a.referral.value_or("")},
                      {"income_year", std::to_string(a.income_year)},
                      {"income", a.income.format_plain()},
                      {"incomes", std::to_string(a.incomes)},
                      {"preferred_postcodes", postcodes},
                      {"over_indebted", a.over_indebted ? "yes" : ""},
                      {"urgent", a.urgent ? "yes" : ""},
                      {"language", a.language},
                      {"email", a.email},
                      {"phone", a.phone},
                      {"address", a.address}};
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& m : a.members)
    rows.push_back({{"first_name", m.first_name},
                    {"last_name", m.last_name},
                    {"birth_date", to_belgian(m.birth_date)},
                    {"relation", std::string(ap::to_string(m.relation))},
                    {"dependent", m.dependent ? "yes" : ""},
                    {"disabled", m.disabled ? "yes" : ""},
                    {"national_number", ""},
                    {"has_national_number", !m.national_number.empty()}});
  v["members"] = rows;
  return v;
}

// The add or edit form: `id` none to add one. The member rows given, then blank ones to add
// more (`extra`).
Response applicant_form_page(const Request& req, const Services& s, nlohmann::json form, std::optional<std::int64_t> id,
                             const std::string& applicant_name, const DomainError* error, int status, int extra = 2) {
  nlohmann::json errors = error ? errors_of(s, req, *error) : nlohmann::json();
  auto value = [&](const char* name) { return form.value(name, std::string()); };
  nlohmann::json rows = form.contains("members") && form["members"].is_array() ? form["members"] : nlohmann::json::array();
  if (rows.empty()) {
    rows.push_back({{"relation", "applicant"}});
    extra = std::max(extra - 1, 1);
  }
  for (int i = 0; i < extra; ++i) rows.push_back({{"relation", "child"}});
  nlohmann::json members = nlohmann::json::array();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto row = rows[i];
    const std::string at = "members." + std::to_string(i) + ".";
    row["index"] = i;
    row["number"] = i + 1;
    row["prefix"] = at;
    nlohmann::json row_errors = nlohmann::json::object();
    for (const char* f : kMemberInputs)
      if (errors.is_object() && errors.contains(at + f)) row_errors[f] = errors[at + f];
    row["errors"] = row_errors;
    row["has_errors"] = !row_errors.empty();
    nlohmann::json relations = nlohmann::json::array();
    const std::string relation = row.value("relation", std::string());
    for (const char* r : kRelations)
      relations.push_back({{"value", r}, {"label", text(s, req, std::string("applicants.relations.") + r)},
                           {"selected", relation == r}});
    row["relations"] = relations;
    row["dependent_checked"] = !row.value("dependent", std::string()).empty();
    row["disabled_checked"] = !row.value("disabled", std::string()).empty();
    members.push_back(std::move(row));
  }
  nlohmann::json statuses = nlohmann::json::array();
  const std::string status_now = value("status").empty() ? "active" : value("status");
  for (const char* st : kStatuses)
    statuses.push_back({{"value", st}, {"label", text(s, req, std::string("applicants.statuses.") + st)},
                        {"selected", status_now == st}});
  nlohmann::json languages = nlohmann::json::array();
  const std::string language = value("language").empty() ? req.lang : value("language");
  for (const char* l : {"fr", "nl", "en"})
    languages.push_back({{"value", l}, {"label", text(s, req, std::string("applicants.languages.") + l)},
                         {"checked", language == l}});
  nlohmann::json model = {{"form", form},
                          {"members", members},
                          {"statuses", statuses},
                          {"languages", languages},
                          {"over_indebted_checked", !value("over_indebted").empty()},
                          {"urgent_checked", !value("urgent").empty()},
                          {"editing", id.has_value()},
                          {"applicant_name", applicant_name},
                          {"action", id ? "/applicants/" + std::to_string(*id) + "/edit" : std::string("/applicants")},
                          {"cancel", id ? "/applicants/" + std::to_string(*id) : std::string("/applicants")}};
  if (error) model["errors"] = errors;
  auto info = page_info(req, s, id ? "applicants.pages.edit_title" : "applicants.pages.new_title", "applicants");
  return Response::html(s.views.page(info, "applicants/form", model), status);
}

Response detail_page(const Request& req, const Services& s, const app::ApplicantDetail& d, bool revealed) {
  auto ctx = req.context();
  const auto& a = d.applicant;
  auto view = applicant_view(s, req, a, d.renewal_months);
  nlohmann::json members = nlohmann::json::array();
  for (const auto& m : a.members)
    members.push_back({{"name", m.first_name + " " + m.last_name},
                       {"birth_date", to_belgian(m.birth_date)},
                       {"relation", text(s, req, "applicants.relations." + std::string(ap::to_string(m.relation)))},
                       {"dependent", m.dependent},
                       {"disabled", m.disabled},
                       {"national_number", opt_text(revealed ? ap::format_national_number(m.national_number)
                                                             : m.national_number)}});
  view["members"] = members;
  view["income_text"] = web::money_text(a.income, req.lang);
  view["referral_text"] = a.referral ? *a.referral : text(s, req, "applicants.pages.direct");
  std::string postcodes;
  for (const auto& p : a.preferred_postcodes) postcodes += (postcodes.empty() ? "" : ", ") + p;
  view["postcodes_text"] = opt_text(postcodes);
  nlohmann::json history = nlohmann::json::array();
  for (const auto& c : d.changes) {
    std::string fields;
    for (const auto& f : c.fields) fields += (fields.empty() ? "" : ", ") + text(s, req, "applicants.fields." + f);
    const auto day = std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(
        std::chrono::sys_seconds{std::chrono::seconds{c.changed_at}})};
    history.push_back({{"date", to_belgian(day)},
                       {"action", text(s, req, "applicants.actions." + c.action)},
                       {"fields", opt_text(fields)},
                       {"who", opt_text(c.user_name)},
                       {"status", text(s, req, "applicants.statuses." + std::string(ap::to_string(c.status)))}});
  }
  nlohmann::json purposes = nlohmann::json::array();
  for (auto p : app::kRevealPurposes)
    purposes.push_back({{"value", std::string(p)}, {"label", text(s, req, "applicants.purposes." + std::string(p))}});
  bool any_number = false;
  for (const auto& m : a.members) any_number = any_number || !m.national_number.empty();
  nlohmann::json model = {{"applicant", view},
                          {"history", history},
                          {"purposes", purposes},
                          {"revealed", revealed},
                          {"can_reveal", any_number && !revealed},
                          {"renewal_months", d.renewal_months},
                          {"not_renewed", d.did_not_renew},
                          {"can_renew", a.status == ap::Status::active && ctx.can(Permission::applicants_manage)},
                          {"can_manage", ctx.can(Permission::applicants_manage)},
                          {"created", req.query_value("created") == "1"},
                          {"updated", req.query_value("updated") == "1"},
                          {"renewed", req.query_value("renewed") == "1"},
                          {"erased", ap::is_erased(a)},
                          {"just_erased", req.query_value("erased") == "1"},
                          {"can_erase", !ap::is_erased(a) && ctx.can(Permission::personal_data_erase)}};
  // A refused erasure comes back here with its reason (a code this page knows, nothing typed).
  for (const char* code : {"applicants.erase_lease_in_force", "applicants.erase_confirm"})
    if (req.query_value("erase_error") == code) model["erase_error"] = text(s, req, code);
  auto info = page_info(req, s, "applicants.pages.detail_title", "applicants");
  info.title = a.name() + " — " + info.title;
  return Response::html(s.views.page(info, "applicants/detail", model));
}

void add_pages(std::vector<Route>& routes, Services& s) {
  routes.push_back({"GET", "/applicants", needing(Permission::applicants_view), [&s](Request& req) {
    auto ctx = req.context();
    auto paging = req.paging();
    auto query = applicant_query(req);
    const int months = app::applicant_renewal_months(s.store, ctx);
    auto page = app::list_applicants(s.store, ctx, query, paging);
    ListPage list{nlohmann::json::array(), page.total, paging, {"status", "band", "not_renewed"}, "/applicants/export",
                  false};
    for (const auto& a : page.items) list.items.push_back(applicant_view(s, req, a, months));
    auto model = list_page_model(req, s, list);
    nlohmann::json statuses = nlohmann::json::array();
    for (const char* st : kStatuses)
      statuses.push_back({{"value", st}, {"label", text(s, req, std::string("applicants.statuses.") + st)},
                          {"selected", query.status == st}});
    nlohmann::json bands = nlohmann::json::array();
    for (const char* b : kBands)
      bands.push_back({{"value", b}, {"label", text(s, req, std::string("applicants.bands.") + b)},
                       {"selected", query.band == b}});
    model["statuses"] = statuses;
    model["bands"] = bands;
    model["not_renewed"] = query.not_renewed;
    model["renewal_months"] = months;
    model["can_manage"] = ctx.can(Permission::applicants_manage);
    auto info = page_info(req, s, "applicants.pages.title", "applicants");
    if (req.htmx()) return Response::html(s.views.fragment(info, "applicants/results", model));
    return Response::html(s.views.page(info, "applicants/list", model));
  }});

  // Every matching applicant, without any national number nor income: one of the user's
  // exports, one "applicants.export" entry.
  routes.push_back({"GET", "/applicants/export", needing(Permission::applicants_view), [&s](Request& req) {
    export_format(req);  // an unknown format is refused before the export is counted
    auto page = app::export_applicants(s.store, req.context(), applicant_query(req));
    using K = formats::Column::Kind;
    std::vector<formats::Column> columns = {
        {"number", K::integer},        {"registered_on", K::text}, {"status", K::text},
        {"name", K::text},             {"household_size", K::integer}, {"income_year", K::integer},
        {"band", K::text},             {"referral", K::text},      {"over_indebted", K::text},
        {"urgent", K::text},           {"preferred_postcodes", K::text}, {"renewed_on", K::text}};
    std::vector<std::vector<std::string>> rows;
    for (const auto& a : page.items) {
      std::string postcodes;
      for (const auto& p : a.preferred_postcodes) postcodes += (postcodes.empty() ? "" : " ") + p;
      rows.push_back({std::to_string(a.number), to_iso(a.registered_on), std::string(ap::to_string(a.status)), a.name(),
                      std::to_string(a.household_size()), std::to_string(a.income_year),
                      a.band ? std::string(ap::to_string(*a.band)) : "unknown", a.referral.value_or(""),
                      a.over_indebted ? "yes" : "no", a.urgent ? "yes" : "no", postcodes, to_iso(a.renewed_on)});
    }
    std::string base = "applicants";
    if (req.auth && req.auth->user.agency_code) base += "-" + *req.auth->user.agency_code;
    return export_list(req, base, columns, rows);
  }});

  routes.push_back({"GET", "/applicants/new", needing(Permission::applicants_manage), [&s](Request& req) {
    if (auto draft = form_draft(req, s))
      return applicant_form_page(req, s, draft->values, std::nullopt, "", &draft->error, draft->status);
    return applicant_form_page(req, s, nlohmann::json::object(), std::nullopt, "", nullptr, 200);
  }});

  routes.push_back({"POST", "/applicants", needing(Permission::applicants_manage), [&s](Request& req) {
    auto input = read_applicant_form(req);
    if (!req.form_value("add_member").empty())
      return applicant_form_page(req, s, input.values, std::nullopt, "", nullptr, 200, 3);
    return submit_form(
        req, s, "/applicants/new", input,
        [&] {
          auto a = app::create_applicant(s.store, req.context(), input.fields);
          return Response::redirect("/applicants/" + std::to_string(a.id) + "?created=1");
        },
        [&](const DomainError& e, int status) {
          return applicant_form_page(req, s, input.values, std::nullopt, "", &e, status);
        });
  }});

  routes.push_back({"GET", "/applicants/{id}", reaching("applicant", Permission::applicants_view), [&s](Request& req) {
    auto d = app::applicant_detail(s.store, req.context(), req.path_id());
    return detail_page(req, s, d, false);
  }});

  // The copy of the household's data it may ask for (GDPR art. 15), as a letter in its language.
  routes.push_back({"GET", "/applicants/{id}/subject-access.pdf", reaching("applicant", Permission::applicants_manage),
                    [&s](Request& req) {
                      const auto sa = app::subject_access(s.store, req.context(), req.path_id());
                      return download("personal-data-" + sa.agency_code + "-" + std::to_string(sa.household.number) + ".pdf",
                                      "application/pdf", web::subject_access_pdf(s.views.catalog(), sa));
                    }});

  // The national numbers in full, for a purpose said (security-reliability.md F3): audited
  // "applicants.reveal"; answered as the page itself (nothing kept in a URL or the history).
  routes.push_back({"POST", "/applicants/{id}/reveal", reaching("applicant", Permission::applicants_view), [&s](Request& req) {
    auto d = app::applicant_detail(s.store, req.context(), req.path_id(), req.form_value("purpose"));
    return detail_page(req, s, d, true);
  }});

  // The retention period's dry run: who would be erased today and why, then all of them at once.
  routes.push_back({"GET", "/applicants/retention", needing(Permission::personal_data_erase), [&s](Request& req) {
    const auto r = app::retention_due(s.store, req.context());
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& d : r.due)
      rows.push_back({{"id", d.applicant_id}, {"number", d.number}, {"name", d.name},
                      {"reason", text(s, req, "applicants.retention.reasons." + d.reason)}, {"since", to_belgian(d.since)}});
    nlohmann::json model = {{"rows", rows},
                            {"has_rows", !rows.empty()},
                            {"chosen", r.years.has_value()},
                            {"purged", req.query_value("purged")},
                            {"error", req.query_value("error") == "confirm" ? text(s, req, "applicants.erase_confirm") : ""}};
    if (r.years)
      model["intro"] = s.views.catalog().format(req.lang, "applicants.retention.intro",
                                                {{"years", std::to_string(*r.years)}, {"count", std::to_string(r.due.size())}});
    return Response::html(s.views.page(page_info(req, s, "applicants.retention.title", "applicants"), "applicants/retention", model));
  }});
  routes.push_back({"POST", "/applicants/retention/purge", needing(Permission::personal_data_erase), [&s](Request& req) {
    if (req.form_value("confirm") != "yes") return Response::redirect("/applicants/retention?error=confirm");
    const auto n = app::purge_due(s.store, req.context());
    return Response::redirect("/applicants/retention?purged=" + std::to_string(n));
  }});

  // Erasing the household's personal data (GDPR art. 17), confirmed by a box ticked: the page
  // again, with a notice or the reason it was refused.
  routes.push_back({"POST", "/applicants/{id}/erase", reaching("applicant", Permission::personal_data_erase), [&s](Request& req) {
    const auto id = req.path_id();
    const std::string page = "/applicants/" + std::to_string(id);
    app::require_applicant_visible(s.store, req.context(), id);
    if (req.form_value("confirm") != "yes") return Response::redirect(page + "?erase_error=applicants.erase_confirm");
    try {
      app::erase_household(s.store, req.context(), id);
    } catch (const DomainError& e) {
      if (e.kind() != ErrorKind::conflict) throw;
      return Response::redirect(page + "?erase_error=" + e.code());
    }
    return Response::redirect(page + "?erased=1");
  }});

  routes.push_back({"POST", "/applicants/{id}/renew", reaching("applicant", Permission::applicants_manage), [&s](Request& req) {
    auto id = req.path_id();
    app::renew_applicant(s.store, req.context(), id);
    return Response::redirect("/applicants/" + std::to_string(id) + "?renewed=1");
  }});

  routes.push_back({"GET", "/applicants/{id}/edit", reaching("applicant", Permission::applicants_manage), [&s](Request& req) {
    auto a = app::find_applicant(s.store, req.context(), req.path_id());
    if (auto draft = form_draft(req, s))
      return applicant_form_page(req, s, draft->values, a.id, a.name(), &draft->error, draft->status);
    return applicant_form_page(req, s, applicant_form_values(a), a.id, a.name(), nullptr, 200, 1);
  }});

  routes.push_back({"POST", "/applicants/{id}/edit", reaching("applicant", Permission::applicants_manage), [&s](Request& req) {
    auto id = req.path_id();
    app::require_applicant_visible(s.store, req.context(), id);
    auto input = read_applicant_form(req);
    if (!req.form_value("add_member").empty())
      return applicant_form_page(req, s, input.values, id, "", nullptr, 200, 2);
    return submit_form(
        req, s, "/applicants/" + std::to_string(id) + "/edit", input,
        [&] {
          app::update_applicant(s.store, req.context(), id, input.fields);
          return Response::redirect("/applicants/" + std::to_string(id) + "?updated=1");
        },
        [&](const DomainError& e, int status) { return applicant_form_page(req, s, input.values, id, "", &e, status); });
  }});
}

}  // namespace

void add_applicant_page_routes(std::vector<Route>& routes, Services& s) { add_pages(routes, s); }

}  // namespace hms::http
