// The attachments' files on disk (domain/attachments FileFolder): one folder per installation,
// one subfolder per agency, each file named by its SHA-256, never by the user's file name:
//   <folder>/<agency id>/<first two hex>/<sha256>      e.g. data/hms.db.attachments/3/9f/9f86d0…
// The folder (attachments_folder_for): HMS_ATTACHMENTS_DIR, else beside a SQLite file
// ("data/hms.db" → "data/hms.db.attachments"), else beside the PostgreSQL key file
// (~/.config/hms/keys/<hash of the URL without password>.attachments). A backup takes it with
// the database and the key file (ADR 0010). Files and folders are made readable by their owner
// only (0600, 0700); a file is written to a temporary name, flushed (fsync), then renamed.
#pragma once
#include <string>

#include "domain/attachments/attachment.hpp"

namespace hms::storage {

class DiskFileFolder final : public attachments::FileFolder {
 public:
  DiskFileFolder() = default;  // no folder: put/read throw (stores made by tests without files)
  explicit DiskFileFolder(std::string root) : root_(std::move(root)) {}
  const std::string& root() const { return root_; }
  bool put(std::int64_t agency_id, const std::string& sha256, std::string_view bytes) override;
  std::optional<std::string> read(std::int64_t agency_id, const std::string& sha256) override;
  void remove(std::int64_t agency_id, const std::string& sha256) override;
  // The file's path (std::invalid_argument unless sha256 is 64 lower-case hex characters).
  std::string path_of(std::int64_t agency_id, const std::string& sha256) const;

 private:
  std::string root_;
};

// The attachments folder for a database URL (see above).
std::string attachments_folder_for(const std::string& url);

}  // namespace hms::storage
