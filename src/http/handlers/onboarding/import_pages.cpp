// The stock import pages (/import): the template to fill in (GET /import/template.csv|.xlsx), the
// upload and its dry run (POST /import: every problem by line and column, nothing written), the
// confirmation (POST /import/{id}/confirm) that runs the import in a background thread, and its
// progress (GET /import/{id}, polled by htmx at /import/{id}/status, or a refresh without
// JavaScript). The uploaded bytes wait in memory between the dry run and the confirmation, under
// a random id bound to the user, the session and the agency: any other asker gets a 404.
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "app/onboarding/stock_import.hpp"
#include "common/text.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/support/support.hpp"

namespace hms::http {

using users::Permission;
namespace {

constexpr std::size_t kMaxUploadBytes = kMaxUploadFile;  // the route takes kMaxUpload bytes with the framing
constexpr std::size_t kMaxUploadMegabytes = kMaxUploadBytes / (1024 * 1024);
constexpr std::int64_t kKeepSeconds = 2 * 3600;  // a checked or finished upload is forgotten after this
constexpr std::size_t kMaxJobs = 64;              // uploads kept at once, over every user

// One uploaded file: checked, then (confirmed) imported.
struct ImportJob {
  enum class State { checked, running, done, failed };

  std::string id;  // 32 hex characters from the CSPRNG
  std::int64_t user_id = 0;
  std::int64_t session_id = 0;
  std::int64_t agency_id = 0;
  std::string agency_code;
  std::string file_name;  // the name on the user's computer, e.g. "stock-ixelles.xlsx" (or upload.csv/.xlsx)
  std::int64_t created_at = 0;

  std::atomic<int> phase{0};  // ImportProgress::Phase
  std::atomic<std::int64_t> done{0};
  std::atomic<std::int64_t> total{0};

  // Under `mutex`:
  mutable std::mutex mutex;
  State state = State::checked;
  std::string bytes;                 // until the import has run
  app::ImportReport report;          // the dry run's, then the import's
  std::optional<DomainError> error;  // why the import failed (besides problems in the report)
  std::thread worker;
};

class ImportJobs {
 public:
  ~ImportJobs() {
    std::lock_guard lock(mutex_);
    for (auto& [id, job] : jobs_)
      if (job->worker.joinable()) job->worker.join();  // an import under way ends (or rolls back) first
  }

  std::shared_ptr<ImportJob> add(const Request& req, std::string file_name, std::string bytes, app::ImportReport report) {
    auto job = std::make_shared<ImportJob>();
    unsigned char random[16];
    randombytes_buf(random, sizeof random);
    job->id = hex(random);
    job->user_id = req.auth->user.id;
    job->session_id = req.auth->session.id;
    job->agency_id = req.auth->user.agency_id.value_or(0);
    job->agency_code = req.auth->user.agency_code.value_or("");
    job->file_name = std::move(file_name);
    job->created_at = req.clock->now_seconds();
    job->bytes = std::move(bytes);
    job->report = std::move(report);
    std::lock_guard lock(mutex_);
    forget_old(job->created_at, job->user_id);
    jobs_[job->id] = job;
    return job;
  }

  // The job if it is this user's, in this user's agency; else nullptr (a 404 for the asker).
  std::shared_ptr<ImportJob> find(const Request& req, const std::string& id) {
    std::lock_guard lock(mutex_);
    auto it = jobs_.find(id);
    if (it == jobs_.end()) return nullptr;
    const auto& job = it->second;
    const auto& user = req.auth->user;
    if (job->user_id != user.id || !user.agency_id || job->agency_id != *user.agency_id) return nullptr;
    return job;
  }

  // Marks a checked job as running, unless it is no longer waiting (`already`) or another import
  // of its agency is running (`busy`): one import at a time per agency.
  enum class Claim { started, already, busy };
  Claim claim(const std::shared_ptr<ImportJob>& job) {
    std::lock_guard lock(mutex_);
    for (const auto& [id, other] : jobs_) {
      if (other == job) continue;
      std::lock_guard other_lock(other->mutex);
      if (other->agency_id == job->agency_id && other->state == ImportJob::State::running) return Claim::busy;
    }
    std::lock_guard job_lock(job->mutex);
    if (job->state != ImportJob::State::checked) return Claim::already;
    job->state = ImportJob::State::running;
    return Claim::started;
  }

 private:
  // Drops what is older than kKeepSeconds, the user's earlier uploads still waiting for a
  // confirmation, and the oldest finished ones beyond kMaxJobs. Running imports stay.
  void forget_old(std::int64_t now, std::int64_t user_id) {
    for (auto it = jobs_.begin(); it != jobs_.end();) {
      auto& job = *it->second;
      std::unique_lock job_lock(job.mutex);
      bool drop = job.state != ImportJob::State::running &&
                  (now - job.created_at > kKeepSeconds || (job.user_id == user_id && job.state == ImportJob::State::checked));
      // A job no longer running has published its result: its thread takes the mutex no more.
      if (drop && job.worker.joinable()) job.worker.join();
      job_lock.unlock();
      if (drop) it = jobs_.erase(it);
      else ++it;
    }
    while (jobs_.size() >= kMaxJobs) {
      auto oldest = jobs_.end();
      for (auto it = jobs_.begin(); it != jobs_.end(); ++it) {
        std::lock_guard job_lock(it->second->mutex);
        if (it->second->state != ImportJob::State::running &&
            (oldest == jobs_.end() || it->second->created_at < oldest->second->created_at))
          oldest = it;
      }
      if (oldest == jobs_.end()) break;
      {
        std::lock_guard job_lock(oldest->second->mutex);
        if (oldest->second->worker.joinable()) oldest->second->worker.join();
      }
      jobs_.erase(oldest);
    }
  }

  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<ImportJob>> jobs_;
};

// The agency user who may import: stock_manage and owners_manage, in an agency.
void require_importer(const Request& req) {
  auto ctx = req.context();
  ctx.require(users::Permission::stock_manage);
  ctx.require(users::Permission::owners_manage);
  if (!req.auth->user.agency_id) throw DomainError(ErrorKind::forbidden, "common.forbidden");
}

std::string count_text(std::int64_t n) { return std::to_string(n); }

// The problems (or, with "import.warnings_title", the warnings) of a report as a titled table.
nlohmann::json problems_json(const web::Views& v, const std::string& lang, const std::vector<app::ImportProblem>& problems,
                             const char* title_key = "import.problems_title") {
  const auto& cat = v.catalog();
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& p : problems)
    rows.push_back({{"line", p.line == 0 ? cat.text(lang, "import.whole_file") : std::to_string(p.line)},
                    {"column", p.column.empty() ? cat.text(lang, "import.whole_line") : p.column},
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
  return Response::html(s.views.page(page_info(req, s, "import.title", "import"), "import/upload", model), status);
}

// What the job page and its polled fragment show.
nlohmann::json job_json(const Request& req, const Services& s, const ImportJob& job) {
  const auto& cat = s.views.catalog();
  std::lock_guard lock(job.mutex);
  nlohmann::json j = {{"id", job.id}, {"agency", job.agency_code}, {"rows", job.report.rows}};
  j["rows_text"] = cat.format(req.lang, "import.rows", {{"rows", count_text(job.report.rows)}});
  // What was (or would be) written: the counts, what was already there, the warnings.
  auto outcome = [&](const char* summary_key) {
    j["summary"] = counts_json(s.views, req.lang, summary_key, job.report.created);
    if (any(job.report.unchanged))
      j["unchanged"] = counts_json(s.views, req.lang, "import.summary_unchanged", job.report.unchanged);
    if (!job.report.warnings.empty())
      j["warnings"] = problems_json(s.views, req.lang, job.report.warnings, "import.warnings_title");
  };
  switch (job.state) {
    case ImportJob::State::checked:
      j["checked"] = true;
      outcome("import.summary");
      break;
    case ImportJob::State::running: {
      j["running"] = true;
      const auto done = job.done.load(), total = job.total.load();
      j["done"] = done;
      j["total"] = total;
      const char* key = total == 0 ? "import.progress_waiting"
                        : job.phase.load() == static_cast<int>(app::ImportProgress::Phase::writing)
                            ? "import.progress_writing"
                            : "import.progress_checking";
      j["progress_text"] = cat.format(req.lang, key, {{"done", count_text(done)}, {"total", count_text(total)}});
      j["progress_max"] = total == 0 ? 1 : 2 * total;  // checking, then writing, each line
      j["progress_value"] =
          job.phase.load() == static_cast<int>(app::ImportProgress::Phase::writing) ? total + done : done;
      break;
    }
    case ImportJob::State::done:
      j["done_ok"] = true;
      outcome("import.done_summary");
      break;
    case ImportJob::State::failed:
      j["failed"] = true;
      if (!job.report.problems.empty()) j["problems"] = problems_json(s.views, req.lang, job.report.problems);
      if (job.error) j["error"] = cat.format(req.lang, job.error->code(), job.error->params());
      break;
  }
  return j;
}

// Runs the confirmed import on its own thread; the job records its progress and result. The
// thread takes the job's mutex twice: to copy the bytes, and once at the end to publish the result.
void start_import(Services& s, const std::shared_ptr<ImportJob>& job, app::Context ctx) {
  std::lock_guard starting(job->mutex);  // the thread waits until `worker` is set
  job->worker = std::thread([&s, job, ctx = std::move(ctx)] {
    std::string bytes;
    {
      std::lock_guard lock(job->mutex);
      bytes = job->bytes;
    }
    std::optional<app::ImportReport> report;
    std::optional<DomainError> error;
    try {
      report = app::run_stock_import(s.store, ctx, job->agency_code, job->file_name, bytes, false,
                                     [&job](const app::ImportProgress& p) {
                                       job->phase = static_cast<int>(p.phase);
                                       job->total = p.total;
                                       job->done = p.done;
                                     });
    } catch (const DomainError& e) {
      error = e;
    } catch (const std::exception& e) {
      spdlog::error(R"({{"request_id":"{}","error":{}}})", ctx.request_id, nlohmann::json(std::string(e.what())).dump());
      error = DomainError(ErrorKind::bad_request, "internal");
    }
    std::lock_guard lock(job->mutex);
    if (report) job->report = std::move(*report);
    job->error = std::move(error);
    job->state = report && job->report.ok() ? ImportJob::State::done : ImportJob::State::failed;
    job->bytes.clear();
    job->bytes.shrink_to_fit();
  });
}

Response template_file(bool xlsx) {
  auto t = app::stock_import_template(xlsx);
  Response r;
  r.content_type = xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8";
  r.body = xlsx ? formats::write_xlsx("stock", t.columns, t.rows) : formats::write_csv(t.columns, t.rows);
  r.headers.emplace("Content-Disposition",
                    std::string("attachment; filename=\"hms-stock-template.") + (xlsx ? "xlsx" : "csv") + "\"");
  return r;
}

}  // namespace

void add_import_page_routes(std::vector<Route>& routes, Services& s) {
  auto jobs = std::make_shared<ImportJobs>();  // lives as long as the routes; joins running imports

  // Before /import/{id}, which would match them too.
  for (bool xlsx : {false, true}) {
    routes.push_back({"GET", xlsx ? "/import/template.xlsx" : "/import/template.csv", Access::logged_in,
                      [xlsx](Request&) { return template_file(xlsx); }});
  }

  routes.push_back({"GET", "/import", Access::logged_in, [&s](Request& req) {
    require_importer(req);
    return upload_page(req, s, nullptr, nullptr, 200);
  }});

  routes.push_back({"POST", "/import", needing(Permission::stock_manage), [&s, jobs](Request& req) {
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
    auto report = app::check_stock_import(s.store, req.context(), req.auth->user.agency_code.value_or(""), name,
                                          file->second);
    if (!report.ok()) return upload_page(req, s, &report, nullptr, 422);
    auto job = jobs->add(req, name, std::move(file->second), std::move(report));
    return Response::redirect("/import/" + job->id);
  }, kMaxUpload});

  routes.push_back({"GET", "/import/{id}", reaching("import_job"), [&s, jobs](Request& req) {
    require_importer(req);
    auto job = jobs->find(req, req.path_params.at("id"));
    if (!job) throw DomainError(ErrorKind::not_found, "common.not_found");
    nlohmann::json model = {{"job", job_json(req, s, *job)}};
    return Response::html(s.views.page(page_info(req, s, "import.title", "import"), "import/job", model));
  }});

  routes.push_back({"GET", "/import/{id}/status", reaching("import_job"), [&s, jobs](Request& req) {
    require_importer(req);
    auto job = jobs->find(req, req.path_params.at("id"));
    if (!job) throw DomainError(ErrorKind::not_found, "common.not_found");
    nlohmann::json model = {{"job", job_json(req, s, *job)}};
    return Response::html(s.views.fragment(page_info(req, s, "import.title", "import"), "import/status", model));
  }});

  routes.push_back({"POST", "/import/{id}/confirm", reaching("import_job", Permission::stock_manage), [&s, jobs](Request& req) {
    require_importer(req);
    auto job = jobs->find(req, req.path_params.at("id"));
    if (!job || job->session_id != req.auth->session.id) throw DomainError(ErrorKind::not_found, "common.not_found");
    switch (jobs->claim(job)) {
      case ImportJobs::Claim::busy: throw DomainError(ErrorKind::conflict, "import.already_running");
      case ImportJobs::Claim::started: start_import(s, job, req.context()); break;
      case ImportJobs::Claim::already: break;  // a second click: the job page shows where it is
    }
    return Response::redirect("/import/" + job->id);
  }});
}

}  // namespace hms::http
