#include "app/jobs/uploads.hpp"

#include <sodium.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "common/text.hpp"

namespace hms::app {
namespace {

std::string new_token() {
  unsigned char random[16];
  randombytes_buf(random, sizeof random);
  return hex(random);
}

// The report of a writing stopped by an error rather than by the file's problems.
std::string error_report(const DomainError& e) {
  return nlohmann::json{{"error", {{"code", e.code()}, {"params", e.params()}}}}.dump();
}

std::int64_t acting_agency(const Context& ctx) {
  if (!ctx.user || !ctx.user->agency_id) throw DomainError(ErrorKind::forbidden, "common.forbidden");
  return *ctx.user->agency_id;
}

}  // namespace

SubmittedUpload submit_upload(Store& store, const Context& ctx, const UploadKind& kind, std::string_view file_name,
                              std::string_view bytes) {
  const auto agency_id = acting_agency(ctx);
  SubmittedUpload out;
  out.checked = kind.check(store, ctx, file_name, bytes);
  if (!out.checked.ok) return out;
  jobs::UploadJob job;
  job.token = new_token();
  job.kind = std::string(kind.key);
  job.agency_id = agency_id;
  job.agency_code = ctx.user->agency_code.value_or("");
  job.user_id = ctx.user->id;
  job.session_id = ctx.session_id.value_or(0);
  job.file_name = std::string(file_name);
  job.state = jobs::UploadState::checked;
  job.report = out.checked.report;
  job.total = out.checked.rows;
  job.created_at = job.updated_at = ctx.clock.now_seconds();
  auto uow = store.write();
  uow->upload_jobs().forget_old(job.user_id, job.created_at);
  job.id = uow->upload_jobs().insert(job, bytes);
  uow->commit();
  out.job = std::move(job);
  return out;
}

jobs::UploadJob find_upload(Store& store, const Context& ctx, const UploadKind& kind, std::string_view token) {
  const auto agency_id = acting_agency(ctx);
  auto job = store.read()->upload_jobs().find(token);
  if (!job || job->kind != kind.key || job->user_id != ctx.user->id || job->agency_id != agency_id)
    throw DomainError(ErrorKind::not_found, "common.not_found");
  return *job;
}

Confirmed confirm_upload(Store& store, const Context& ctx, const UploadKind& kind, std::string_view token) {
  auto job = find_upload(store, ctx, kind, token);
  if (!ctx.session_id || job.session_id != *ctx.session_id) throw DomainError(ErrorKind::not_found, "common.not_found");
  auto uow = store.write();
  const auto claim = uow->upload_jobs().claim(job, ctx.clock.now_seconds());
  if (claim == jobs::UploadJobRepository::Claim::busy) throw DomainError(ErrorKind::conflict, "import.already_running");
  uow->commit();
  if (claim == jobs::UploadJobRepository::Claim::started) job.state = jobs::UploadState::running;
  return {job, claim == jobs::UploadJobRepository::Claim::started};
}

std::optional<DomainError> upload_error(const jobs::UploadJob& job) {
  const auto report = nlohmann::json::parse(job.report, nullptr, false);
  if (report.is_discarded() || !report.is_object() || !report.contains("error")) return std::nullopt;
  const auto& e = report.at("error");
  DomainError error(ErrorKind::bad_request, e.value("code", "internal"));
  if (auto params = e.find("params"); params != e.end() && params->is_object())
    for (auto it = params->begin(); it != params->end(); ++it)
      if (it->is_string()) error.param(it.key(), it->get<std::string>());
  return error;
}

std::int64_t interrupt_uploads(Store& store, const Clock& clock) {
  auto uow = store.write();
  const auto n = uow->upload_jobs().interrupt_running(clock.now_seconds());
  uow->commit();
  return n;
}

UploadRunner::~UploadRunner() {
  stopping_ = true;
  std::lock_guard lock(mutex_);
  for (auto& w : workers_)
    if (w.thread.joinable()) w.thread.join();
}

void UploadRunner::start(Store& store, Context ctx, const UploadKind& kind, const jobs::UploadJob& job) {
  std::lock_guard lock(mutex_);
  // The threads of finished writings are joined here, so that the list stays short.
  for (auto it = workers_.begin(); it != workers_.end();) {
    if (it->finished) {
      it->thread.join();
      it = workers_.erase(it);
    } else {
      ++it;
    }
  }
  auto& worker = workers_.emplace_back();
  worker.thread = std::thread([this, &store, &kind, &worker, ctx = std::move(ctx), job] {
    using Clock = std::chrono::steady_clock;
    auto last_saved = Clock::now() - std::chrono::hours(1);
    std::optional<jobs::UploadPhase> last_phase;
    // Progress reaches the database when the phase changes, at the end, and twice a second at most.
    UploadProgress progress = [&](jobs::UploadPhase phase, std::int64_t done, std::int64_t total) {
      if (stopping_) return false;
      const auto now = Clock::now();
      if (phase != last_phase || done == total || now - last_saved > std::chrono::milliseconds(500)) {
        auto uow = store.write();
        uow->upload_jobs().progress(job.id, phase, done, total, ctx.clock.now_seconds());
        uow->commit();
        last_saved = now;
        last_phase = phase;
      }
      return true;
    };
    jobs::UploadState state = jobs::UploadState::failed;
    std::string report = job.report;
    try {
      auto bytes = store.read()->upload_jobs().bytes(job);
      if (!bytes) throw DomainError(ErrorKind::not_found, "common.not_found");
      auto outcome = kind.write(store, ctx, job.file_name, *bytes, progress);
      state = outcome.ok ? jobs::UploadState::done : jobs::UploadState::failed;
      report = std::move(outcome.report);
    } catch (const UploadStopped&) {
      state = jobs::UploadState::interrupted;
    } catch (const DomainError& e) {
      report = error_report(e);
    } catch (const std::exception& e) {
      if (log_) log_(ctx, e.what());
      report = error_report(DomainError(ErrorKind::bad_request, "internal").param("request_id", ctx.request_id));
    }
    try {
      auto uow = store.write();
      uow->upload_jobs().finish(job.id, state, report, ctx.clock.now_seconds());
      uow->commit();
    } catch (const std::exception& e) {
      // The job stays `running` until the next start of the server interrupts it.
      if (log_) log_(ctx, e.what());
    }
    worker.finished = true;
  });
}

}  // namespace hms::app
