#pragma once
#include "domain/jobs/upload_job.hpp"
#include "storage/crypto/field_cipher.hpp"
#include "storage/db/database.hpp"

namespace hms::storage {

class SqlUploadJobRepository final : public jobs::UploadJobRepository {
 public:
  SqlUploadJobRepository(db::Connection& c, const FieldCipher& cipher) : c_(c), cipher_(cipher) {}
  std::int64_t insert(const jobs::UploadJob& job, std::string_view bytes) override;
  std::optional<jobs::UploadJob> find(std::string_view token) override;
  std::optional<std::string> bytes(const jobs::UploadJob& job) override;
  Claim claim(const jobs::UploadJob& job, std::int64_t now) override;
  void progress(std::int64_t id, jobs::UploadPhase phase, std::int64_t done, std::int64_t total,
                std::int64_t now) override;
  void finish(std::int64_t id, jobs::UploadState state, const std::string& report, std::int64_t now) override;
  std::int64_t interrupt_running(std::int64_t now) override;
  void forget_old(std::int64_t user_id, std::int64_t now) override;

 private:
  db::Connection& c_;
  const FieldCipher& cipher_;
};

}  // namespace hms::storage
