// A document attached to a dwelling, an owner or an owner contract (issue 15.10): the signed
// contract, the energy certificate, a photo. The bytes live outside the database, in a folder
// named by their SHA-256 (FileFolder); this record says what they are and who put them there.
// E.g. "bail-IX-0042.pdf", a signed contract of owner contract 17 of AIS-A, application/pdf,
// 183 204 bytes, sha256 "9f86d0…", uploaded by staff.a on 2026-12-06 at 18:40.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hms::attachments {

// What a document is attached to: the object's kind and id (of the same agency).
enum class AttachedTo { dwelling, owner, owner_contract };
std::string_view to_string(AttachedTo a);
std::optional<AttachedTo> parse_attached_to(std::string_view s);

// What the document is, chosen by the user from a short list.
enum class Category { signed_contract, energy_certificate, photo, other };
std::string_view to_string(Category c);
std::optional<Category> parse_category(std::string_view s);
inline constexpr Category kCategories[] = {Category::signed_contract, Category::energy_certificate, Category::photo,
                                           Category::other};

struct Attachment {
  std::int64_t id = 0;
  std::int64_t agency_id = 0;
  AttachedTo attached_to = AttachedTo::dwelling;
  std::int64_t attached_id = 0;
  Category category = Category::other;
  std::string file_name;      // as on the user's computer, cleaned (clean_file_name); shown, never a path
  std::string media_type;     // from the first bytes (accepted_media_type), never from the browser
  std::int64_t size_bytes = 0;
  std::string sha256;         // 64 lower-case hex characters
  std::optional<std::int64_t> uploaded_by;  // none: the command line
  std::string uploaded_by_login;            // read along ("" for the command line)
  std::int64_t uploaded_at = 0;             // Unix seconds
  std::optional<std::int64_t> deleted_at;   // none while listed
  std::optional<std::int64_t> deleted_by;
};

// At most 10 MiB a file (the server reads a little more, so that this message, not a cut
// connection, answers a larger file).
inline constexpr std::int64_t kMaxBytes = 10 * 1024 * 1024;

// The types accepted, decided by the file's first bytes ("magic bytes") and confirmed by its
// extension; a renamed file is refused:
//   1. no bytes → DomainError(validation, "attachments.file_missing"), field "file";
//   2. more than kMaxBytes → "attachments.too_large" with {max} ("10 MB"), field "file";
//   3. the first bytes are those of PDF (%PDF-), JPEG (FF D8 FF) or PNG (89 50 4E 47 0D 0A 1A 0A),
//      else "attachments.type_refused" (field "file");
//   4. the extension is one of that type's (.pdf; .jpg, .jpeg; .png), case aside, else
//      "attachments.extension_mismatch" (field "file").
// Answers the media type: "application/pdf", "image/jpeg" or "image/png".
std::string accepted_media_type(std::string_view bytes, std::string_view file_name);

// The file name as shown: the last path component, control characters removed, at most 200
// bytes of valid UTF-8 (cut at a character boundary); "document" when nothing is left.
std::string clean_file_name(std::string_view name);

// hex(SHA-256(bytes)), lower case (libsodium crypto_hash_sha256).
std::string sha256_hex(std::string_view bytes);

class AttachmentRepository {
 public:
  virtual ~AttachmentRepository() = default;
  virtual std::int64_t insert(const Attachment& a) = 0;
  // Deleted ones too (deleted_at set): the use case decides what a deleted document answers.
  virtual std::optional<Attachment> find_by_id(std::int64_t id) = 0;
  // The listed (not deleted) documents of one object of one agency, newest first.
  virtual std::vector<Attachment> list(std::int64_t agency_id, AttachedTo to, std::int64_t attached_id) = 0;
  virtual void mark_deleted(std::int64_t id, std::optional<std::int64_t> by, std::int64_t at) = 0;
};

// The folder holding the files, content-addressed per agency: the same bytes are one file.
// Implemented in storage/attachments/file_folder.hpp (on disk, beside the database).
class FileFolder {
 public:
  virtual ~FileFolder() = default;
  // Writes `bytes` as the file of (agency, sha256) unless it exists; durable (fsync) before it
  // answers. Answers whether it made the file (false: it was already there). Throws
  // std::runtime_error when it cannot write (disk full, no folder).
  virtual bool put(std::int64_t agency_id, const std::string& sha256, std::string_view bytes) = 0;
  // The file's bytes, or none when there is no such file.
  virtual std::optional<std::string> read(std::int64_t agency_id, const std::string& sha256) = 0;
  // Removes the file (after a failed upload that made it); nothing when absent.
  virtual void remove(std::int64_t agency_id, const std::string& sha256) = 0;
};

}  // namespace hms::attachments
