#include "storage/backup/backup_file.hpp"

#include <sodium.h>
#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cstring>
#include <fstream>
#include <memory>
#include <stdexcept>

#include "common/error.hpp"

namespace hms::storage {

namespace {

constexpr std::string_view kMagic{"HMS-BACKUP\0\1", 12};
constexpr std::size_t kPrelude = 12 + 8 + 8 + crypto_pwhash_SALTBYTES;
constexpr std::size_t kChunk = 1 << 20;
using State = crypto_secretstream_xchacha20poly1305_state;

void put_u64(std::vector<unsigned char>& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<unsigned char>(v >> (8 * i)));
}
std::uint64_t get_u64(const unsigned char* p) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

void init_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not start");
}

// The key from the passphrase, with the prelude's cost and salt.
std::array<unsigned char, crypto_secretstream_xchacha20poly1305_KEYBYTES> derive(std::string_view passphrase,
                                                                                 const unsigned char* prelude) {
  std::array<unsigned char, crypto_secretstream_xchacha20poly1305_KEYBYTES> key{};
  const auto ops = get_u64(prelude + 12), mem = get_u64(prelude + 20);
  if (crypto_pwhash(key.data(), key.size(), passphrase.data(), passphrase.size(), prelude + 28, ops, mem,
                    crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("not enough memory to derive the backup's key");
  return key;
}

DomainError refused(const char* code, const std::filesystem::path& path) {
  DomainError e(ErrorKind::validation, code);
  e.param("file", path.string());
  return e;
}
DomainError not_a_backup(const std::filesystem::path& path) { return refused("backup.not_a_backup", path); }

}  // namespace

BackupWriter::BackupWriter(std::filesystem::path out, std::string_view passphrase)
    : out_(std::move(out)), partial_(out_.string() + ".partial"), state_(sizeof(State)) {
  if (passphrase.size() < kMinPassphrase)
    throw DomainError(ErrorKind::validation, "backup.passphrase_short").param("min", std::to_string(kMinPassphrase));
  init_sodium();
  // 1. The prelude: format, the passphrase's cost and a new salt.
  prelude_.assign(kMagic.begin(), kMagic.end());
  put_u64(prelude_, crypto_pwhash_OPSLIMIT_MODERATE);
  put_u64(prelude_, crypto_pwhash_MEMLIMIT_MODERATE);
  prelude_.resize(kPrelude);
  randombytes_buf(prelude_.data() + 28, crypto_pwhash_SALTBYTES);
  auto key = derive(passphrase, prelude_.data());
  // 2. The stream's header.
  std::array<unsigned char, crypto_secretstream_xchacha20poly1305_HEADERBYTES> header{};
  crypto_secretstream_xchacha20poly1305_init_push(reinterpret_cast<State*>(state_.data()), header.data(), key.data());
  sodium_memzero(key.data(), key.size());
  // Readable by its owner only: it holds the key file (sealed, but a passphrase can be guessed).
  const int fd = ::open(partial_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  file_ = fd < 0 ? nullptr : ::fdopen(fd, "wb");
  if (!file_) throw std::runtime_error("cannot write " + partial_.string());
  if (std::fwrite(prelude_.data(), 1, prelude_.size(), file_) != prelude_.size() ||
      std::fwrite(header.data(), 1, header.size(), file_) != header.size())
    throw std::runtime_error("cannot write " + partial_.string());
}

BackupWriter::~BackupWriter() {
  if (file_) std::fclose(file_);
  if (!finished_) {
    std::error_code ignored;
    std::filesystem::remove(partial_, ignored);
  }
}

// 3. One message: its kind, its payload, sealed with the prelude as associated data.
void BackupWriter::seal(char kind, std::string_view payload, bool final) {
  std::vector<unsigned char> plain(1 + payload.size());
  plain[0] = static_cast<unsigned char>(kind);
  if (!payload.empty()) std::memcpy(plain.data() + 1, payload.data(), payload.size());
  std::vector<unsigned char> sealed(plain.size() + crypto_secretstream_xchacha20poly1305_ABYTES);
  unsigned long long length = 0;
  crypto_secretstream_xchacha20poly1305_push(
      reinterpret_cast<State*>(state_.data()), sealed.data(), &length, plain.data(), plain.size(), prelude_.data(),
      prelude_.size(), final ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
  unsigned char size[4];
  for (int i = 0; i < 4; ++i) size[i] = static_cast<unsigned char>(length >> (8 * i));
  if (std::fwrite(size, 1, 4, file_) != 4 || std::fwrite(sealed.data(), 1, length, file_) != length)
    throw std::runtime_error("cannot write " + partial_.string() + " (is the disk full?)");
}

void BackupWriter::add_bytes(const std::string& name, std::string_view bytes) {
  seal('F', name);
  for (std::size_t at = 0; at < bytes.size(); at += kChunk) seal('D', bytes.substr(at, kChunk));
  ++files_;
}

void BackupWriter::add_file(const std::string& name, const std::filesystem::path& from) {
  std::ifstream in(from, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + from.string());
  seal('F', name);
  std::string chunk(kChunk, '\0');
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    if (in.gcount() > 0) seal('D', std::string_view(chunk.data(), static_cast<std::size_t>(in.gcount())));
  }
  if (in.bad()) throw std::runtime_error("cannot read " + from.string());
  ++files_;
}

std::uintmax_t BackupWriter::finish() {
  seal('E', std::to_string(files_), true);
  if (std::fflush(file_) != 0 || ::fsync(fileno(file_)) != 0)
    throw std::runtime_error("cannot write " + partial_.string() + " (is the disk full?)");
  std::fclose(file_);
  file_ = nullptr;
  std::filesystem::rename(partial_, out_);
  finished_ = true;
  return std::filesystem::file_size(out_);
}

std::int64_t read_backup(const std::filesystem::path& path, std::string_view passphrase,
                         const std::function<BackupSink(const std::string& name)>& open) {
  init_sodium();
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  // 1. The prelude, with a cost no higher than libsodium's "sensitive" (a crafted file must not
  //    ask for terabytes).
  std::vector<unsigned char> prelude(kPrelude);
  std::array<unsigned char, crypto_secretstream_xchacha20poly1305_HEADERBYTES> header{};
  in.read(reinterpret_cast<char*>(prelude.data()), static_cast<std::streamsize>(prelude.size()));
  in.read(reinterpret_cast<char*>(header.data()), static_cast<std::streamsize>(header.size()));
  if (!in || std::memcmp(prelude.data(), kMagic.data(), kMagic.size()) != 0) throw not_a_backup(path);
  if (get_u64(prelude.data() + 12) > crypto_pwhash_OPSLIMIT_SENSITIVE ||
      get_u64(prelude.data() + 20) > crypto_pwhash_MEMLIMIT_SENSITIVE ||
      get_u64(prelude.data() + 12) < crypto_pwhash_OPSLIMIT_MIN || get_u64(prelude.data() + 20) < crypto_pwhash_MEMLIMIT_MIN)
    throw not_a_backup(path);
  // 2. The stream, opened with the key of the passphrase.
  auto key = derive(passphrase, prelude.data());
  State state;
  const bool opened = crypto_secretstream_xchacha20poly1305_init_pull(&state, header.data(), key.data()) == 0;
  sodium_memzero(key.data(), key.size());
  if (!opened) throw not_a_backup(path);
  // 3. The messages, until the FINAL one: the first that does not open is a wrong passphrase,
  //    a later one a changed file.
  std::int64_t files = 0, messages = 0;
  BackupSink sink;
  std::vector<unsigned char> sealed, plain;
  for (;;) {
    unsigned char size[4];
    in.read(reinterpret_cast<char*>(size), 4);
    if (in.gcount() != 4) throw refused("backup.truncated", path);
    const std::uint32_t length = size[0] | (size[1] << 8) | (size[2] << 16) | (static_cast<std::uint32_t>(size[3]) << 24);
    if (length < crypto_secretstream_xchacha20poly1305_ABYTES + 1 ||
        length > kChunk + 4096 + crypto_secretstream_xchacha20poly1305_ABYTES)
      throw refused(messages == 0 ? "backup.wrong_passphrase" : "backup.damaged", path);
    sealed.resize(length);
    in.read(reinterpret_cast<char*>(sealed.data()), length);
    if (static_cast<std::uint32_t>(in.gcount()) != length)
      throw refused("backup.truncated", path);
    plain.resize(length - crypto_secretstream_xchacha20poly1305_ABYTES);
    unsigned long long plain_length = 0;
    unsigned char tag = 0;
    if (crypto_secretstream_xchacha20poly1305_pull(&state, plain.data(), &plain_length, &tag, sealed.data(), length,
                                                   prelude.data(), prelude.size()) != 0)
      throw refused(messages == 0 ? "backup.wrong_passphrase" : "backup.damaged", path);
    ++messages;
    const std::string_view payload(reinterpret_cast<const char*>(plain.data()) + 1, plain_length - 1);
    const bool final = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
    switch (plain[0]) {
      case 'F':
        if (final) throw refused("backup.damaged", path);
        sink = open(std::string(payload));
        ++files;
        break;
      case 'D':
        if (final || !sink) throw refused("backup.damaged", path);
        sink(payload);
        break;
      case 'E':
        if (!final || payload != std::to_string(files))
          throw refused("backup.damaged", path);
        if (in.peek() != std::char_traits<char>::eof())
          throw refused("backup.damaged", path);
        return files;
      default: throw refused("backup.damaged", path);
    }
  }
}

}  // namespace hms::storage
