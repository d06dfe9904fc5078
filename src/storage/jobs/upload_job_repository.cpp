#include "storage/jobs/upload_job_repository.hpp"

#include "storage/crypto/encrypted_fields.hpp"

namespace hms::storage {
namespace {

constexpr const char* kInsert =
    "INSERT INTO upload_jobs (token, kind, agency_id, user_id, session_id, file_name, state, report, total,"
    " created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id";
// The bytes' ciphertext is bound to the job's id, known only after the INSERT.
constexpr const char* kSetBytes = "UPDATE upload_jobs SET bytes_cipher = $2 WHERE id = $1";
constexpr const char* kFind =
    "SELECT j.id, j.token, j.kind, j.agency_id, a.code, j.user_id, j.session_id, j.file_name, j.state, j.report,"
    " j.phase, j.done, j.total, j.created_at, j.updated_at"
    " FROM upload_jobs j JOIN agencies a ON a.id = j.agency_id WHERE j.token = $1";
constexpr const char* kBytes = "SELECT bytes_cipher FROM upload_jobs WHERE id = $1";
// The agency's row lock orders two claims of one agency on PostgreSQL (SQLite's write
// transaction holds the whole database already); the update changes nothing.
constexpr const char* kLockAgency = "UPDATE agencies SET code = code WHERE id = $1";
constexpr const char* kRunning =
    "SELECT count(*) FROM upload_jobs WHERE agency_id = $1 AND kind = $2 AND state = 'running'";
constexpr const char* kClaim =
    "UPDATE upload_jobs SET state = 'running', phase = 'checking', done = 0, updated_at = $2"
    " WHERE id = $1 AND state IN ('checked', 'interrupted')";
constexpr const char* kProgress = "UPDATE upload_jobs SET phase = $2, done = $3, total = $4, updated_at = $5 WHERE id = $1";
constexpr const char* kFinish =
    "UPDATE upload_jobs SET state = $2, report = $3, updated_at = $4,"
    " bytes_cipher = CASE WHEN $2 = 'interrupted' THEN bytes_cipher ELSE NULL END WHERE id = $1";
constexpr const char* kInterruptRunning =
    "UPDATE upload_jobs SET state = 'interrupted', updated_at = $1 WHERE state = 'running'";
constexpr const char* kForgetUsersWaiting =
    "DELETE FROM upload_jobs WHERE user_id = $1 AND state IN ('checked', 'interrupted')";
constexpr const char* kForgetOld =
    "DELETE FROM upload_jobs WHERE (state IN ('checked', 'interrupted') AND updated_at < $1)"
    " OR (state IN ('done', 'failed') AND updated_at < $2)";

FieldPlace bytes_place(std::int64_t agency_id, std::int64_t id) { return {kUploadBytesPlace, agency_id, id}; }

std::string_view phase_text(jobs::UploadPhase p) { return p == jobs::UploadPhase::writing ? "writing" : "checking"; }

}  // namespace

std::int64_t SqlUploadJobRepository::insert(const jobs::UploadJob& job, std::string_view bytes) {
  auto row = c_.query_one(kInsert, {job.token, job.kind, job.agency_id, job.user_id, job.session_id, job.file_name,
                                    std::string(to_string(job.state)), job.report, job.total, job.created_at});
  const auto id = row->integer(0);
  c_.execute(kSetBytes, {id, cipher_.encrypt(bytes_place(job.agency_id, id), bytes)});
  return id;
}

std::optional<jobs::UploadJob> SqlUploadJobRepository::find(std::string_view token) {
  auto r = c_.query_one(kFind, {std::string(token)});
  if (!r) return std::nullopt;
  jobs::UploadJob j;
  j.id = r->integer(0);
  j.token = r->text(1);
  j.kind = r->text(2);
  j.agency_id = r->integer(3);
  j.agency_code = r->text(4);
  j.user_id = r->integer(5);
  j.session_id = r->integer(6);
  j.file_name = r->text(7);
  j.state = jobs::upload_state_from(r->text(8)).value_or(jobs::UploadState::failed);
  j.report = r->text(9);
  j.phase = r->text(10) == "writing" ? jobs::UploadPhase::writing : jobs::UploadPhase::checking;
  j.done = r->integer(11);
  j.total = r->integer(12);
  j.created_at = r->integer(13);
  j.updated_at = r->integer(14);
  return j;
}

std::optional<std::string> SqlUploadJobRepository::bytes(const jobs::UploadJob& job) {
  auto r = c_.query_one(kBytes, {job.id});
  if (!r || r->is_null(0)) return std::nullopt;
  return cipher_.decrypt(bytes_place(job.agency_id, job.id), r->text(0));
}

jobs::UploadJobRepository::Claim SqlUploadJobRepository::claim(const jobs::UploadJob& job, std::int64_t now) {
  c_.execute(kLockAgency, {job.agency_id});
  if (c_.query_one(kRunning, {job.agency_id, job.kind})->integer(0) > 0) {
    // This job itself running is a second click, not another import.
    auto self = find(job.token);
    return self && self->state == jobs::UploadState::running ? Claim::already : Claim::busy;
  }
  return c_.execute(kClaim, {job.id, now}) == 1 ? Claim::started : Claim::already;
}

void SqlUploadJobRepository::progress(std::int64_t id, jobs::UploadPhase phase, std::int64_t done,
                                      std::int64_t total, std::int64_t now) {
  c_.execute(kProgress, {id, std::string(phase_text(phase)), done, total, now});
}

void SqlUploadJobRepository::finish(std::int64_t id, jobs::UploadState state, const std::string& report,
                                    std::int64_t now) {
  c_.execute(kFinish, {id, std::string(to_string(state)), report, now});
}

std::int64_t SqlUploadJobRepository::interrupt_running(std::int64_t now) { return c_.execute(kInterruptRunning, {now}); }

void SqlUploadJobRepository::forget_old(std::int64_t user_id, std::int64_t now) {
  c_.execute(kForgetUsersWaiting, {user_id});
  c_.execute(kForgetOld, {now - jobs::kKeepWaitingSeconds, now - jobs::kKeepFinishedSeconds});
}

}  // namespace hms::storage
