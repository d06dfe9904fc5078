// A backup file (issue 14.2): named files — the database, its key file, its audit checkpoint, its
// attachments — in one file encrypted with a passphrase, for `hms backup` and `hms restore`:
//
//   BackupWriter out("/backups/hms-2026-12-07.hmsbackup", passphrase);
//   out.add_bytes("manifest.json", manifest);
//   out.add_file("database.sqlite", "/tmp/copy.db");
//   out.finish();   // until then the file is "<out>.partial", removed if anything fails
//
//   read_backup(path, passphrase, [&](const std::string& name) -> BackupSink { … });
//
// The layout, every number little-endian:
//   1. the prelude: "HMS-BACKUP" 0x00 0x01 (12 bytes, format 1), the Argon2id cost (opslimit
//      and memlimit, 8 bytes each) and salt (16 bytes) that turn the passphrase into the key;
//   2. the header of a libsodium secretstream (XChaCha20-Poly1305, 24 bytes);
//   3. messages, each a 4-byte length and the sealed message, the prelude as associated data:
//      'F' + a file's name starts a file, 'D' + up to 1 MiB of its bytes follows, and the last
//      message, 'E' + the number of files, carries the stream's FINAL tag.
// So a wrong passphrase, a changed byte, messages cut, reordered or dropped, or a file cut short
// (no FINAL message) are each refused before anything is restored (read_backup reads it all).
#pragma once
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace hms::storage {

// At least this many characters (bytes) in a passphrase.
inline constexpr std::size_t kMinPassphrase = 12;

class BackupWriter {
 public:
  // Throws DomainError(validation, "backup.passphrase_short") for a passphrase under
  // kMinPassphrase, std::runtime_error if "<out>.partial" cannot be written.
  BackupWriter(std::filesystem::path out, std::string_view passphrase);
  ~BackupWriter();  // not finished: the partial file is removed
  BackupWriter(const BackupWriter&) = delete;
  BackupWriter& operator=(const BackupWriter&) = delete;

  void add_bytes(const std::string& name, std::string_view bytes);
  void add_file(const std::string& name, const std::filesystem::path& from);
  // The FINAL message, the file flushed to disk and renamed to its name. Answers its size.
  std::uintmax_t finish();

 private:
  void seal(char kind, std::string_view payload, bool final = false);
  std::filesystem::path out_, partial_;
  std::FILE* file_ = nullptr;
  std::vector<unsigned char> prelude_;
  std::vector<unsigned char> state_;  // crypto_secretstream_xchacha20poly1305_state
  std::int64_t files_ = 0;
  bool finished_ = false;
};

// Where an entry's bytes go, chunk by chunk.
using BackupSink = std::function<void(std::string_view chunk)>;

// Reads and checks a whole backup: `open` is called with each file's name as it starts and
// answers where its bytes go. Throws DomainError(validation) "backup.not_a_backup",
// "backup.wrong_passphrase" (or the file was changed) or "backup.truncated"; `open` may throw to
// refuse a name. Answers the number of files.
std::int64_t read_backup(const std::filesystem::path& path, std::string_view passphrase,
                         const std::function<BackupSink(const std::string& name)>& open);

}  // namespace hms::storage
