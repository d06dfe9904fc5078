#include "storage/attachments/file_folder.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "storage/crypto/field_cipher.hpp"

namespace hms::storage {
namespace {

namespace fs = std::filesystem;

bool is_sha256(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

void sync_path(const fs::path& p, int flags) {
  int fd = ::open(p.c_str(), flags);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

[[noreturn]] void fail(const std::string& what, const fs::path& p) {
  throw std::runtime_error(what + " " + p.string() + ": " + std::strerror(errno));
}

}  // namespace

std::string DiskFileFolder::path_of(std::int64_t agency_id, const std::string& sha256) const {
  if (!is_sha256(sha256)) throw std::invalid_argument("not a SHA-256: " + sha256.substr(0, 80));
  if (root_.empty()) throw std::runtime_error("no attachments folder is configured");
  return (fs::path(root_) / std::to_string(agency_id) / sha256.substr(0, 2) / sha256).string();
}

bool DiskFileFolder::put(std::int64_t agency_id, const std::string& sha256, std::string_view bytes) {
  const fs::path target = path_of(agency_id, sha256);
  // Already there with these bytes: nothing to do. There but damaged: written again.
  if (fs::exists(target)) {
    if (auto current = read(agency_id, sha256); current && attachments::sha256_hex(*current) == sha256) return false;
  }
  const fs::path dir = target.parent_path();
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot make the attachments folder " + dir.string() + ": " + ec.message());
  for (const fs::path& p : {fs::path(root_), dir.parent_path(), dir}) ::chmod(p.c_str(), 0700);
  // A temporary name in the same folder, so that the rename is atomic.
  unsigned char r[8];
  randombytes_buf(r, sizeof r);
  std::string suffix;
  for (unsigned char b : r) suffix += "0123456789abcdef"[b >> 4], suffix += "0123456789abcdef"[b & 0xF];
  const fs::path tmp = dir / (".tmp-" + suffix);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) fail("cannot write", tmp);
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int saved = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      errno = saved;
      fail("cannot write", tmp);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const int saved = errno;
    ::unlink(tmp.c_str());
    errno = saved;
    fail("cannot flush", tmp);
  }
  if (::rename(tmp.c_str(), target.c_str()) != 0) {
    const int saved = errno;
    ::unlink(tmp.c_str());
    errno = saved;
    fail("cannot rename to", target);
  }
  sync_path(dir, O_RDONLY | O_DIRECTORY);
  return true;
}

std::optional<std::string> DiskFileFolder::read(std::int64_t agency_id, const std::string& sha256) {
  const fs::path p = path_of(agency_id, sha256);
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  if (in.bad()) throw std::runtime_error("cannot read " + p.string());
  return std::move(out).str();
}

void DiskFileFolder::remove(std::int64_t agency_id, const std::string& sha256) {
  std::error_code ec;
  fs::remove(path_of(agency_id, sha256), ec);
}

std::string attachments_folder_for(const std::string& url) {
  if (const char* env = std::getenv("HMS_ATTACHMENTS_DIR"); env && *env) return env;
  const bool postgres = url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
  if (!postgres) return (url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url) + ".attachments";
  // Beside the key file kept for that database (its name is a hash of the URL).
  std::string key = key_file_for(url);
  if (key.size() > 4 && key.compare(key.size() - 4, 4, ".key") == 0) key.resize(key.size() - 4);
  return key + ".attachments";
}

}  // namespace hms::storage
