#include "storage/backup/backup.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "common/date.hpp"
#include "common/error.hpp"
#include "storage/attachments/file_folder.hpp"
#include "storage/backup/backup_file.hpp"
#include "storage/crypto/field_cipher.hpp"
#include "storage/db/database.hpp"

extern char** environ;

namespace hms::storage {

namespace fs = std::filesystem;

namespace {

// A folder of work files, removed with everything in it when it goes out of scope.
class WorkFolder {
 public:
  explicit WorkFolder(const fs::path& beside) {
    std::random_device random;
    path_ = beside / (".hms-work-" + std::to_string(random()) + std::to_string(::getpid()));
    fs::create_directories(path_);
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::replace);
  }
  ~WorkFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Written with mode 0600 and flushed to disk.
void write_private(const fs::path& path, std::string_view bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot write " + path.string());
  std::size_t done = 0;
  while (done < bytes.size()) {
    const auto n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) {
      ::close(fd);
      throw std::runtime_error("cannot write " + path.string() + " (is the disk full?)");
    }
    done += static_cast<std::size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) throw std::runtime_error("cannot write " + path.string() + " (is the disk full?)");
}

// A PostgreSQL URL without its password, and the password (given to the child in PGPASSWORD,
// never on a command line that `ps` shows). A password in the query string (password=) stays.
std::pair<std::string, std::string> without_password(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return {url, ""};
  const std::size_t start = scheme + 3;
  std::size_t end = url.find_first_of("/?#", start);
  if (end == std::string::npos) end = url.size();
  const std::size_t at = url.rfind('@', end == 0 ? 0 : end - 1);
  if (at == std::string::npos || at < start) return {url, ""};
  const std::size_t colon = url.find(':', start);
  if (colon >= at) return {url, ""};
  std::string encoded = url.substr(colon + 1, at - colon - 1), password;
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    if (encoded[i] == '%' && i + 2 < encoded.size()) {
      password += static_cast<char>(std::stoi(encoded.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      password += encoded[i];
    }
  }
  return {url.substr(0, colon) + url.substr(at), password};
}

// Runs a program of PostgreSQL's client (pg_dump, pg_restore) on `url`; throws with what it said
// on its error output when it fails.
void run_pg_tool(std::vector<std::string> args, const std::string& url, const fs::path& work) {
  const auto [bare, password] = without_password(url);
  args.push_back("--dbname=" + bare);
  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e)
    if (std::string_view(*e).rfind("PGPASSWORD=", 0) != 0) env_strings.emplace_back(*e);
  if (!password.empty()) env_strings.push_back("PGPASSWORD=" + password);
  std::vector<char*> argv, envp;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);
  const fs::path said = work / (args[0] + ".err");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, said.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0)
    throw DomainError(ErrorKind::validation, "backup.tool_missing").param("tool", args[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::string message = read_all(said);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    throw DomainError(ErrorKind::conflict, "backup.tool_failed").param("tool", args[0]).param("detail", message);
  }
}

// 1. A consistent copy of a live SQLite file: the online backup API in one step.
void copy_sqlite(const std::string& from, const fs::path& to) {
  sqlite3* source = nullptr;
  sqlite3* copy = nullptr;
  auto close_both = [&] {
    sqlite3_close(source);
    sqlite3_close(copy);
  };
  if (sqlite3_open_v2(from.c_str(), &source, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK ||
      sqlite3_open_v2(to.c_str(), &copy, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    close_both();
    throw std::runtime_error("cannot open " + from + " to back it up");
  }
  sqlite3_busy_timeout(source, 5000);
  sqlite3_backup* backup = sqlite3_backup_init(copy, "main", source, "main");
  int rc = backup ? sqlite3_backup_step(backup, -1) : sqlite3_errcode(copy);
  if (backup) sqlite3_backup_finish(backup);
  const std::string message = sqlite3_errmsg(copy);
  close_both();
  if (rc != SQLITE_DONE) throw std::runtime_error("the copy of " + from + " failed: " + message);
}

std::int64_t migrations_in(const std::string& url) {
  auto database = db::Database::open(url, 1);
  return database->acquire()->query_one("SELECT count(*) FROM schema_migrations")->integer(0);
}

// The attached documents' files, relative to their folder.
std::vector<fs::path> attachment_files(const fs::path& folder) {
  std::vector<fs::path> files;
  if (!fs::is_directory(folder)) return files;
  for (const auto& e : fs::recursive_directory_iterator(folder))
    if (e.is_regular_file()) files.push_back(fs::relative(e.path(), folder));
  std::sort(files.begin(), files.end());
  return files;
}

// A name inside the backup that stays inside the folder it is restored to.
bool safe_relative(const fs::path& p) {
  if (p.empty() || p.is_absolute()) return false;
  for (const auto& part : p)
    if (part == ".." || part == "." || part.empty()) return false;
  return true;
}

DomainError refused(const char* code, const std::string& name, const std::string& value) {
  DomainError e(ErrorKind::validation, code);
  e.param(name, value);
  return e;
}

}  // namespace

BackupSummary backup_database(const std::string& url, const fs::path& out, std::string_view passphrase,
                              std::int64_t now_seconds) {
  if (fs::exists(out)) throw refused("backup.out_exists", "file", out.string());
  const std::string key_file = key_file_for(url);
  if (!fs::exists(key_file)) throw refused("backup.key_missing", "file", key_file);
  const auto sqlite = db::sqlite_path(url);
  BackupWriter writer(out, passphrase);  // checks the passphrase before the copy is made
  WorkFolder work(fs::absolute(out).parent_path());

  // 1. The database: a copy of the SQLite file, or pg_dump's custom format.
  BackupSummary summary;
  summary.backend = sqlite ? "sqlite" : "postgresql";
  summary.created_at = iso_utc_time(now_seconds) + "Z";
  const fs::path copy = work.path() / (sqlite ? "database.sqlite" : "database.pgdump");
  if (sqlite) {
    copy_sqlite(*sqlite, copy);
    summary.migrations = migrations_in("sqlite:" + copy.string());
  } else {
    run_pg_tool({"pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file=" + copy.string()}, url,
                work.path());
    summary.migrations = migrations_in(url);
  }
  const fs::path attachments = attachments_folder_for(url);
  const auto files = attachment_files(attachments);
  summary.attachments = static_cast<std::int64_t>(files.size());
  const std::string checkpoint = audit_checkpoint_for(url);

  // 2. The manifest first, then the database, the key, the checkpoint and the attachments.
  const nlohmann::json manifest = {{"format", 1},
                                   {"backend", summary.backend},
                                   {"created_at", summary.created_at},
                                   {"migrations", summary.migrations},
                                   {"attachments", summary.attachments}};
  writer.add_bytes("manifest.json", manifest.dump());
  writer.add_file(copy.filename().string(), copy);
  writer.add_bytes("key", read_all(key_file));
  if (fs::exists(checkpoint)) writer.add_bytes("audit-checkpoint", read_all(checkpoint));
  for (const auto& f : files) writer.add_file("attachments/" + f.generic_string(), attachments / f);
  summary.bytes = writer.finish();
  return summary;
}

BackupSummary restore_database(const fs::path& from, const std::string& url, std::string_view passphrase) {
  // 1. The target must be empty, and nothing of another installation in its places.
  const auto sqlite = db::sqlite_path(url);
  if (sqlite) {
    if (fs::exists(*sqlite)) throw refused("backup.target_not_empty", "db", *sqlite);
  } else {
    auto database = db::Database::open(url, 1);
    if (database->acquire()
            ->query_one("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
            ->integer(0) > 0)
      throw refused("backup.target_not_empty", "db", db::redact_url(url));
  }
  const fs::path key_file = key_file_for(url), attachments = attachments_folder_for(url);
  if (fs::is_directory(attachments) && !fs::is_empty(attachments))
    throw refused("backup.target_attachments_exist", "folder", attachments.string());

  // 2. The whole backup read and checked into a work folder (beside a SQLite target, so that its
  //    file is renamed into place) before anything is written in the target's places.
  WorkFolder work(sqlite ? fs::absolute(*sqlite).parent_path() : fs::temp_directory_path());
  const std::string expected_database = sqlite ? "database.sqlite" : "database.pgdump";
  std::string manifest_text, key, checkpoint;
  bool has_database = false, has_key = false, has_checkpoint = false;
  std::int64_t attachment_count = 0;
  std::shared_ptr<std::ofstream> file;
  read_backup(from, passphrase, [&](const std::string& name) -> BackupSink {
    if (file) file->close();
    file.reset();
    auto into = [](std::string& s) { return [&s](std::string_view chunk) { s.append(chunk); }; };
    if (name == "manifest.json") return into(manifest_text);
    if (name == "key") {
      has_key = true;
      return into(key);
    }
    if (name == "audit-checkpoint") {
      has_checkpoint = true;
      return into(checkpoint);
    }
    fs::path target;
    if (name == "database.sqlite" || name == "database.pgdump") {
      if (name != expected_database)
        throw refused("backup.other_backend", "backend", name == "database.sqlite" ? "SQLite" : "PostgreSQL");
      has_database = true;
      target = work.path() / name;
    } else if (name.rfind("attachments/", 0) == 0 && safe_relative(fs::path(name.substr(12)))) {
      target = work.path() / name;
      fs::create_directories(target.parent_path());
      ++attachment_count;
    } else {
      throw refused("backup.damaged", "file", from.string());
    }
    file = std::make_shared<std::ofstream>(target, std::ios::binary | std::ios::trunc);
    if (!*file) throw std::runtime_error("cannot write " + target.string());
    auto f = file;
    return [f, target](std::string_view chunk) {
      if (!f->write(chunk.data(), static_cast<std::streamsize>(chunk.size())))
        throw std::runtime_error("cannot write " + target.string() + " (is the disk full?)");
    };
  });
  if (file) file->close();
  if (file && !*file) throw std::runtime_error("cannot write in " + work.path().string() + " (is the disk full?)");
  if (manifest_text.empty() || !has_database || !has_key) throw refused("backup.damaged", "file", from.string());
  const auto manifest = nlohmann::json::parse(manifest_text, nullptr, false);
  if (manifest.is_discarded() || !manifest.contains("created_at"))
    throw refused("backup.damaged", "file", from.string());
  if (fs::exists(key_file) && read_all(key_file) != key)
    throw refused("backup.target_key_exists", "file", key_file.string());

  // 3. The database: the file renamed into place, or pg_restore in one transaction.
  BackupSummary summary;
  summary.backend = sqlite ? "sqlite" : "postgresql";
  summary.created_at = manifest.value("created_at", "");
  summary.attachments = attachment_count;
  if (sqlite) {
    const fs::path copy = work.path() / expected_database;
    summary.bytes = fs::file_size(copy);
    {
      const int fd = ::open(copy.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
      }
    }
    fs::rename(copy, *sqlite);
  } else {
    summary.bytes = fs::file_size(work.path() / expected_database);
    run_pg_tool({"pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
                 (work.path() / expected_database).string()},
                url, work.path());
  }
  summary.migrations = migrations_in(url);

  // 4. The key, the audit checkpoint (the backup's: the restored log is the one it seals) and
  //    the attachments in the target's places.
  if (!fs::exists(key_file)) {
    fs::create_directories(fs::absolute(key_file).parent_path());
    write_private(key_file, key);
  }
  const fs::path checkpoint_file = audit_checkpoint_for(url);
  if (has_checkpoint)
    write_private(checkpoint_file, checkpoint);
  else
    fs::remove(checkpoint_file);
  if (attachment_count > 0) {
    fs::create_directories(attachments);
    fs::copy(work.path() / "attachments", attachments, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  }
  return summary;
}

}  // namespace hms::storage
