// The stock import pages (/import): the template to fill in (GET /import/template.csv|.xlsx), the
// upload and its dry run (POST /import: every problem by line and column, nothing written), the
// confirmation (POST /import/{id}/confirm) that runs the import on a background thread, and its
// progress (GET /import/{id}, polled by htmx at /import/{id}/status, or a refresh without
// JavaScript). The pipeline is app/jobs/uploads.hpp: the upload waits in the database (its bytes
// encrypted) under a random token bound to the user, the session and the agency; any other
// asker gets a 404; a restart loses nothing (an import under way is left interrupted, to be
// confirmed again).
#include <spdlog/spdlog.h>

#include "app/jobs/uploads.hpp"
#include "app/onboarding/stock_import.hpp"
#include "common/text.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/support/support.hpp"
#include "web/texts.hpp"

namespace hms::http {

using users::Permission;
namespace {

constexpr std::size_t kMaxUploadBytes = kMaxUploadFile;  // the route takes kMaxUpload bytes with the framing
constexpr std::size_t kMaxUploadMegabytes = kMaxUploadBytes / (1024 * 1024);

// The agency user who may import: stock_manage and owners_manage, in an agency.
void require_importer(const Request& req) {
  auto ctx = req.context();
  ctx.require(users::Permission::stock_manage);
  ctx.require(users::Permission::owners_manage);
  if (!req.auth->user.agency_id) throw DomainError(ErrorKind::forbidden, "common.forbidden");
}

std::string count_text(std::int64_t n) { return std::to_string(n); }

// The problems (or, with "onboarding.import.warnings_title", the warnings) of a report as a titled table.
nlohmann::json problems_json(const web::Views& v, const std::string& lang, const std::vector<app::ImportProblem>& problems,
                             const char* title_key = "onboarding.import.problems_title") {
  const auto& cat = v.catalog();
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& p : problems)
    rows.push_back({{"line", p.line == 0 ? cat.text(lang, "onboarding.import.whole_file") : std::to_string(p.line)},
                    {"column", p.column.empty() ? cat.text(lang, "onboarding.import.whole_line") : p.column},
                    {"code", p.code},
                    {"message", cat.format(lang, p.code, p.params)}});
  return {{"title", cat.format(lang, title_key, {{"count", count_text(problems.size())}})},
          {"rows", rows}};
}

nlohmann::json counts_json(const web::Views& v, const std::string& lang, const std::string& key, const app::ImportCounts& c) {
  return v.catalog().format(lang, key,
                            {{"dwellings", count_text(c.dwellings)},
                             {"owners", count_text(c.owners)},
                             {"contracts", count_text(c.contracts)}});
}

bool any(const app::ImportCounts& c) { return c.dwellings || c.owners || c.contracts; }

// The upload page, with the problems of a rejected file or a form error.
Response upload_page(const Request& req, const Services& s, const app::ImportReport* rejected, const DomainError* error,
                     int status) {
  nlohmann::json model = {{"max_mb", kMaxUploadMegabytes}};
  if (rejected) model["problems"] = problems_json(s.views, req.lang, rejected->problems);
  if (error) model["errors"] = form_errors(s.views, req.lang, *error);
  return Response::html(s.views.page(page_info(req, s, "onboarding.import.title", "import"), "import/upload", model), status);
}

// The first lines of a checked file as they will be stored, in the user's words.
nlohmann::json preview_json(const web::Views& v, const std::string& lang, const std::vector<app::ImportPreview>& lines,
                            std::int64_t total) {
  const auto& cat = v.catalog();
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& p : lines) {
    std::string address = p.street + " " + p.number;
    if (!p.box.empty()) address += " " + cat.text(lang, "stock.dwellings.box_short") + " " + p.box;
    address += ", " + p.postcode + " " + (lang == "nl" ? p.commune_nl : p.commune_fr);
    std::string period = cat.format(lang, p.end.empty() ? "onboarding.import.preview_from" : "onboarding.import.preview_period",
                                    {{"start", p.start}, {"end", p.end}});
    rows.push_back({{"line", p.line},
                    {"reference", p.reference},
                    {"address", address},
                    {"type", cat.text(lang, "stock.dwellings.types." + p.type)},
                    {"bedrooms", p.bedrooms},
                    {"surface", p.surface_dm2 ? nlohmann::json(web::surface_text(*p.surface_dm2, lang) + " m²") : nlohmann::json()},
                    {"peb_class", p.peb_class.empty() ? nlohmann::json() : nlohmann::json(p.peb_class)},
                    {"owner", p.owner_name},
                    {"owner_kind", cat.text(lang, "owners.owner_pages.kinds." + p.owner_kind)},
                    {"iban", "…" + p.iban_last4},
                    {"contract_kind", cat.text(lang, "owners.contract_pages.kinds." + p.contract_kind)},
                    {"period", period},
                    {"owner_rent", web::money_text(Money::from_cents(p.owner_rent_cents), lang)}});
  }
  return {{"title", cat.format(lang, "onboarding.import.preview_title",
                               {{"shown", count_text(static_cast<std::int64_t>(lines.size()))}, {"rows", count_text(total)}})},
          {"rows", rows}};
}

// What the job page and its polled fragment show.
nlohmann::json job_json(const Request& req, const Services& s, const jobs::UploadJob& job) {
  using jobs::UploadState;
  const auto& cat = s.views.catalog();
  const auto report = app::report_from_json(job.report);
  nlohmann::json j = {{"id", job.token}, {"agency", job.agency_code}, {"rows", job.total}};
  j["rows_text"] = cat.format(req.lang, "onboarding.import.rows", {{"rows", count_text(job.total)}});
  j["confirm_hint"] = cat.format(req.lang, "onboarding.import.confirm_hint", {{"batch", std::to_string(app::kWriteBatchLines)}});
  // What was (or would be) written: the counts, what was already there, the warnings.
  auto outcome = [&](const char* summary_key) {
    j["summary"] = counts_json(s.views, req.lang, summary_key, report.created);
    if (any(report.unchanged)) j["unchanged"] = counts_json(s.views, req.lang, "onboarding.import.summary_unchanged", report.unchanged);
    if (!report.warnings.empty())
      j["warnings"] = problems_json(s.views, req.lang, report.warnings, "onboarding.import.warnings_title");
  };
  const bool writing = job.phase == jobs::UploadPhase::writing;
  const auto progress = [&] {
    return cat.format(req.lang, writing ? "onboarding.import.progress_writing" : "onboarding.import.progress_checking",
                      {{"done", count_text(job.done)}, {"total", count_text(job.total)}});
  };
  switch (job.state) {
    case UploadState::checked:
      j["checked"] = true;
      j["confirmable"] = true;
      outcome("onboarding.import.summary");
      if (!report.preview.empty()) j["preview"] = preview_json(s.views, req.lang, report.preview, job.total);
      break;
    case UploadState::interrupted:
      j["interrupted"] = true;
      j["confirmable"] = true;
      j["interrupted_text"] = cat.format(req.lang, writing ? "onboarding.import.interrupted_writing" : "onboarding.import.interrupted_checking",
                                         {{"done", count_text(job.done)}, {"total", count_text(job.total)}});
      break;
    case UploadState::running:
      j["running"] = true;
      j["progress_text"] = job.total == 0 ? cat.text(req.lang, "onboarding.import.progress_waiting") : progress();
      j["progress_max"] = job.total == 0 ? 1 : 2 * job.total;  // checking, then writing, each line
      j["progress_value"] = writing ? job.total + job.done : job.done;
      break;
    case UploadState::done:
      j["done_ok"] = true;
      outcome("onboarding.import.done_summary");
      break;
    case UploadState::failed:
      // Stopped while checking again (problems or an error): nothing was written. While writing:
      // the batches before the error stay, and importing the file again writes the rest.
      j["failed"] = true;
      j[writing ? "stopped" : "not_written"] = true;
      if (writing) j["stopped_text"] = progress();
      if (!report.problems.empty()) j["problems"] = problems_json(s.views, req.lang, report.problems);
      if (auto e = app::upload_error(job)) j["error"] = cat.format(req.lang, e->code(), e->params());
      break;
  }
  return j;
}

// The template in the user's language (its column names and words; contract B's names are
// read in every file).
Response template_file(bool xlsx, const std::string& lang) {
  auto t = app::stock_import_template(xlsx, lang);
  Response r;
  r.content_type = xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8";
  r.body = xlsx ? formats::write_xlsx("stock", t.columns, t.rows) : formats::write_csv(t.columns, t.rows);
  r.headers.emplace("Content-Disposition",
                    std::string("attachment; filename=\"hms-stock-template-") + lang + "." + (xlsx ? "xlsx" : "csv") + "\"");
  return r;
}

}  // namespace

void add_import_page_routes(std::vector<Route>& routes, Services& s) {
  // Lives as long as the routes: at the server's stop, the writings under way stop at their
  // next batch and are left interrupted.
  auto runner = std::make_shared<app::UploadRunner>([](const app::Context& ctx, std::string_view what) {
    spdlog::error(R"({{"request_id":"{}","error":{}}})", ctx.request_id, nlohmann::json(std::string(what)).dump());
  });
  const auto& kind = app::stock_import_upload();

  // Before /import/{id}, which would match them too.
  for (bool xlsx : {false, true}) {
    routes.push_back({"GET", xlsx ? "/import/template.xlsx" : "/import/template.csv", Access::logged_in,
                      [xlsx](Request& req) { return template_file(xlsx, req.lang); }});
  }

  routes.push_back({"GET", "/import", Access::logged_in, [&s](Request& req) {
    require_importer(req);
    return upload_page(req, s, nullptr, nullptr, 200);
  }});

  routes.push_back({"POST", "/import", needing(Permission::stock_manage), [&s, &kind](Request& req) {
    require_importer(req);
    auto file = req.files.find("file");
    try {
      if (file == req.files.end() || file->second.empty())
        throw DomainError(ErrorKind::validation, "import.file_required").field("file");
      if (file->second.size() > kMaxUploadBytes)
        throw DomainError(ErrorKind::validation, "import.too_large")
            .param("max", std::to_string(kMaxUploadMegabytes))
            .field("file");
    } catch (const DomainError& e) {
      return upload_page(req, s, nullptr, &e, 422);
    }
    // The name on the user's computer says the format (and goes into the audit log); without
    // one, a workbook is recognised as a zip ("PK\x03\x04").
    std::string name = file->second.rfind("PK\x03\x04", 0) == 0 ? "upload.xlsx" : "upload.csv";
    if (auto n = req.file_names.find("file"); n != req.file_names.end()) name = n->second;
    auto submitted = app::submit_upload(s.store, req.context(), kind, name, file->second);
    if (!submitted.job) {
      auto report = app::report_from_json(submitted.checked.report);
      return upload_page(req, s, &report, nullptr, 422);
    }
    return Response::redirect("/import/" + submitted.job->token);
  }, kMaxUpload});

  routes.push_back({"GET", "/import/{id}", reaching("import_job"), [&s, &kind](Request& req) {
    require_importer(req);
    auto job = app::find_upload(s.store, req.context(), kind, req.path_params.at("id"));
    nlohmann::json model = {{"job", job_json(req, s, job)}};
    return Response::html(s.views.page(page_info(req, s, "onboarding.import.title", "import"), "import/job", model));
  }});

  routes.push_back({"GET", "/import/{id}/status", reaching("import_job"), [&s, &kind](Request& req) {
    require_importer(req);
    auto job = app::find_upload(s.store, req.context(), kind, req.path_params.at("id"));
    nlohmann::json model = {{"job", job_json(req, s, job)}};
    return Response::html(s.views.fragment(page_info(req, s, "onboarding.import.title", "import"), "import/status", model));
  }});

  routes.push_back({"POST", "/import/{id}/confirm", reaching("import_job", Permission::stock_manage),
                    [&s, &kind, runner](Request& req) {
    require_importer(req);
    auto ctx = req.context();
    auto confirmed = app::confirm_upload(s.store, ctx, kind, req.path_params.at("id"));
    if (confirmed.started) runner->start(s.store, std::move(ctx), kind, confirmed.job);
    return Response::redirect("/import/" + confirmed.job.token);
  }});
}

}  // namespace hms::http
