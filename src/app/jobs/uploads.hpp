// The upload pipeline every file import goes through (issue 8, A6; ADR 0008): upload → check
// (a dry run, nothing written) → confirm → write in batches with progress, the waiting upload
// kept in the database (its bytes encrypted) so that a restart loses nothing. A module brings
// its kind — how its file is checked and how it is written — and the pipeline does the rest:
//   const UploadKind& kind = stock_import_upload();                 // app/onboarding
//   auto submitted = submit_upload(store, ctx, kind, "stock.xlsx", bytes);
//   if (!submitted.job) show(submitted.report);                     // the problems, nothing kept
//   ...later, from the same session:
//   auto job = confirm_upload(store, ctx, kind, token);             // 409 import.already_running
//   runner.start(store, ctx, kind, job);                            // writes on its own thread
//   find_upload(store, ctx, kind, token).done                       // lines written so far
#pragma once
#include <atomic>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "app/context.hpp"
#include "domain/jobs/upload_job.hpp"

namespace hms::app {

// Where a writing is: the phase and the lines done of the total. Answers false when the
// writing must stop (the server is stopping): the kind then throws UploadStopped, between two
// batches, and the job is left interrupted.
using UploadProgress = std::function<bool(jobs::UploadPhase phase, std::int64_t done, std::int64_t total)>;
struct UploadStopped : std::exception {
  const char* what() const noexcept override { return "upload stopped"; }
};

// What a check or a writing found: its report as JSON (the kind's shape) and whether it is clean.
struct UploadOutcome {
  bool ok = false;
  std::string report;
  std::int64_t rows = 0;  // the data lines of the file
};

// A kind of upload. Both functions act in the agency of the acting user.
struct UploadKind {
  std::string_view key;  // "stock_import": upload_jobs.kind
  // The dry run, in read transactions only.
  std::function<UploadOutcome(Store&, const Context&, std::string_view file_name, std::string_view bytes)> check;
  // After the confirmation: checks again (the data may have changed since), then writes in
  // transactions short enough for other agencies' writers, calling `progress` between them. A
  // writing interrupted and run again writes only what is missing.
  std::function<UploadOutcome(Store&, const Context&, std::string_view file_name, std::string_view bytes,
                              const UploadProgress& progress)>
      write;
};

struct SubmittedUpload {
  UploadOutcome checked;           // the dry run's outcome
  std::optional<jobs::UploadJob> job;  // kept only when the dry run is clean
};

// 1. The upload: the dry run; a clean file is kept, waiting for its confirmation, under a random
//    token bound to the user, the session and the agency. The user's earlier waiting uploads of
//    any kind are forgotten (one at a time), as is what waited or finished too long ago.
SubmittedUpload submit_upload(Store& store, const Context& ctx, const UploadKind& kind, std::string_view file_name,
                              std::string_view bytes);

// The user's own upload of this kind; anyone else (a colleague of the same agency included)
// gets the 404 of an unknown token (common.not_found).
jobs::UploadJob find_upload(Store& store, const Context& ctx, const UploadKind& kind, std::string_view token);

// 2. The confirmation, from the session that uploaded: the job becomes running and the caller
//    hands it to an UploadRunner. A job no longer waiting (a second click) is answered as it is
//    (state not running, nothing to start: `started` false); another job of the kind running for
//    the agency is a conflict (import.already_running).
struct Confirmed {
  jobs::UploadJob job;
  bool started = false;
};
Confirmed confirm_upload(Store& store, const Context& ctx, const UploadKind& kind, std::string_view token);

// Why a failed job stopped, when an error rather than its file's problems stopped it (e.g.
// owners.contract_overlap: another user added a contract meanwhile).
std::optional<DomainError> upload_error(const jobs::UploadJob& job);

// 3. At the server's start: what was running when it stopped becomes interrupted (to be
//    confirmed again). Answers how many.
std::int64_t interrupt_uploads(Store& store, const Clock& clock);

// Runs confirmed uploads, one thread each. Destroying it asks the running writings to stop at
// their next batch and waits for them: they are left interrupted, never half-written.
class UploadRunner {
 public:
  // `log` hears what failed unexpectedly (the job shows the user only "internal" and the
  // request id), e.g. the server's error log.
  using Log = std::function<void(const Context&, std::string_view what)>;
  explicit UploadRunner(Log log = {}) : log_(std::move(log)) {}
  UploadRunner(const UploadRunner&) = delete;
  UploadRunner& operator=(const UploadRunner&) = delete;
  ~UploadRunner();
  void start(Store& store, Context ctx, const UploadKind& kind, const jobs::UploadJob& job);

 private:
  struct Worker {
    std::thread thread;
    std::atomic<bool> finished{false};
  };
  Log log_;
  std::mutex mutex_;
  std::list<Worker> workers_;
  std::atomic<bool> stopping_{false};
};

}  // namespace hms::app
