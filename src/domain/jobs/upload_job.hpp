// An uploaded file on its way in: checked at once (a dry run, nothing written), kept until its
// user confirms it, then written in batches by a background worker that records its progress.
// The stock import is the first kind; the bank statements of the ledger are the next. E.g.
// "t3.staff" uploads stock.xlsx (8,000 lines, no problem): job "9f2c…" is `checked`; a click on
// "Import" makes it `running` (checking 8,000 lines, then writing 500 at a time), then `done`
// with its report. A restart of the server while it runs leaves it `interrupted`: confirming it
// again writes the rest (what was written is recognised, never written twice).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hms::jobs {

enum class UploadState {
  checked,      // the dry run found no problem: waits for its user's confirmation
  running,      // a worker is checking it again, then writing it
  interrupted,  // the server stopped while it ran: waits for a new confirmation
  done,         // written
  failed,       // stopped by a problem; its report says which
};
std::string_view to_string(UploadState s);
std::optional<UploadState> upload_state_from(std::string_view text);

// A job that may be (re)confirmed: checked, or interrupted by a restart.
constexpr bool waiting(UploadState s) { return s == UploadState::checked || s == UploadState::interrupted; }

enum class UploadPhase { checking, writing };

// How long what is kept is kept: a waiting upload (with its bytes) a day; the outcome of a
// finished one (its report, without the bytes) a week, so the user can come back to it.
inline constexpr std::int64_t kKeepWaitingSeconds = 24 * 3600;
inline constexpr std::int64_t kKeepFinishedSeconds = 7 * 24 * 3600;

struct UploadJob {
  std::int64_t id = 0;
  std::string token;          // 32 hex characters from the CSPRNG, the page's address /import/{token}
  std::string kind;           // "stock_import"
  std::int64_t agency_id = 0;
  std::string agency_code;    // read with the job
  std::int64_t user_id = 0;   // only this user sees it
  std::int64_t session_id = 0;  // only this session confirms it
  std::string file_name;      // "stock-ixelles.xlsx"
  UploadState state = UploadState::checked;
  std::string report;         // the kind's report as JSON (dry run, then the writing's outcome)
  UploadPhase phase = UploadPhase::checking;
  std::int64_t done = 0;      // lines checked (phase checking) or written (phase writing)
  std::int64_t total = 0;     // lines of the file
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

class UploadJobRepository {
 public:
  virtual ~UploadJobRepository() = default;
  // A new job with its bytes (encrypted by the repository, bound to the job's row). Answers its id.
  virtual std::int64_t insert(const UploadJob& job, std::string_view bytes) = 0;
  virtual std::optional<UploadJob> find(std::string_view token) = 0;
  // The job's bytes; none once the writing has ended.
  virtual std::optional<std::string> bytes(const UploadJob& job) = 0;
  // Makes a waiting job `running` (started), unless it no longer waits (already: a second click)
  // or another job of its kind runs for its agency (busy: one at a time per agency). Run in a
  // write transaction, which orders two claims.
  enum class Claim { started, already, busy };
  virtual Claim claim(const UploadJob& job, std::int64_t now) = 0;
  virtual void progress(std::int64_t id, UploadPhase phase, std::int64_t done, std::int64_t total, std::int64_t now) = 0;
  // The end of a run: its state (done, failed or interrupted) and report. The bytes are deleted
  // unless the job is interrupted (it will be confirmed again).
  virtual void finish(std::int64_t id, UploadState state, const std::string& report, std::int64_t now) = 0;
  // At the server's start: what was running when it stopped is interrupted. Answers how many.
  virtual std::int64_t interrupt_running(std::int64_t now) = 0;
  // Forgets the user's other uploads still waiting (one waiting upload per user), what waited
  // longer than kKeepWaitingSeconds and the outcomes older than kKeepFinishedSeconds.
  virtual void forget_old(std::int64_t user_id, std::int64_t now) = 0;
};

}  // namespace hms::jobs
