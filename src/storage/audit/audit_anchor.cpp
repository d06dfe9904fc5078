#include "storage/audit/audit_anchor.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace hms::storage {
namespace {

constexpr std::string_view kMagic = "hms-audit-checkpoint ";

// One file descriptor, locked, closed (and unlocked) at the end of the scope.
class LockedFile {
 public:
  LockedFile(const std::string& path, int flags, int lock) : fd_(::open(path.c_str(), flags | O_CLOEXEC, 0600)) {
    if (fd_ < 0 && errno == ENOENT && !(flags & O_CREAT)) return;
    if (fd_ < 0 || ::flock(fd_, lock) != 0) fail(path);
  }
  ~LockedFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  LockedFile(const LockedFile&) = delete;
  LockedFile& operator=(const LockedFile&) = delete;
  explicit operator bool() const { return fd_ >= 0; }
  int fd() const { return fd_; }
  [[noreturn]] static void fail(const std::string& path) {
    throw std::runtime_error("the audit checkpoint file " + path + ": " + std::strerror(errno));
  }

 private:
  int fd_;
};

// "hms-audit-checkpoint <id> <seal>\n"; none for an empty file.
std::optional<audit::Checkpoint> parse(const LockedFile& f, const std::string& path) {
  std::string text(512, '\0');
  const ssize_t n = ::pread(f.fd(), text.data(), text.size(), 0);
  if (n < 0) LockedFile::fail(path);
  text.resize(static_cast<std::size_t>(n));
  if (text.empty()) return std::nullopt;
  audit::Checkpoint c;
  const auto space = text.find(' ', kMagic.size());
  const auto end = text.find('\n');
  try {
    if (!text.starts_with(kMagic) || space == std::string::npos || end == std::string::npos || end < space)
      throw std::invalid_argument("layout");
    c.id = std::stoll(text.substr(kMagic.size(), space - kMagic.size()));
    c.hash = text.substr(space + 1, end - space - 1);
  } catch (const std::logic_error&) {
    throw std::runtime_error("the audit checkpoint file " + path + " is not a checkpoint");
  }
  return c;
}

}  // namespace

std::optional<audit::Checkpoint> AuditAnchor::read() const {
  if (path_.empty()) return std::nullopt;
  LockedFile f(path_, O_RDONLY, LOCK_SH);
  if (!f) return std::nullopt;
  return parse(f, path_);
}

void AuditAnchor::advance(const audit::Checkpoint& c) const {
  if (path_.empty()) return;
  LockedFile f(path_, O_RDWR | O_CREAT, LOCK_EX);
  if (auto current = parse(f, path_); current && current->id >= c.id) return;  // a later commit got here first
  // The id is zero-padded: every line has the same length, so one write replaces the last.
  char id[24];
  std::snprintf(id, sizeof id, "%019lld", static_cast<long long>(c.id));
  const std::string line = std::string(kMagic) + id + " " + c.hash + "\n";
  if (::pwrite(f.fd(), line.data(), line.size(), 0) != static_cast<ssize_t>(line.size()) ||
      ::ftruncate(f.fd(), static_cast<off_t>(line.size())) != 0 || ::fdatasync(f.fd()) != 0)
    LockedFile::fail(path_);
}

}  // namespace hms::storage
