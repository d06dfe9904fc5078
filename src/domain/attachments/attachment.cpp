#include "domain/attachments/attachment.hpp"

#include <sodium.h>

#include <array>
#include <stdexcept>

#include "common/error.hpp"

namespace hms::attachments {
namespace {

struct Kind {
  std::string_view media_type;
  std::string_view magic;
  std::array<std::string_view, 2> extensions;
};

using namespace std::string_view_literals;
constexpr std::array kKinds = {
    Kind{"application/pdf", "%PDF-"sv, {".pdf", ""}},
    Kind{"image/jpeg", "\xFF\xD8\xFF"sv, {".jpg", ".jpeg"}},
    Kind{"image/png", "\x89PNG\r\n\x1A\n"sv, {".png", ""}},
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return !suffix.empty() && s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The length of the valid UTF-8 sequence starting at s[i], or 0.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return 0;
  return n;
}

}  // namespace

std::string_view to_string(AttachedTo a) {
  switch (a) {
    case AttachedTo::dwelling: return "dwelling";
    case AttachedTo::owner: return "owner";
    case AttachedTo::owner_contract: return "owner_contract";
  }
  return "dwelling";
}

std::optional<AttachedTo> parse_attached_to(std::string_view s) {
  for (auto a : {AttachedTo::dwelling, AttachedTo::owner, AttachedTo::owner_contract})
    if (to_string(a) == s) return a;
  return std::nullopt;
}

std::string_view to_string(Category c) {
  switch (c) {
    case Category::signed_contract: return "signed_contract";
    case Category::energy_certificate: return "energy_certificate";
    case Category::photo: return "photo";
    case Category::other: return "other";
  }
  return "other";
}

std::optional<Category> parse_category(std::string_view s) {
  for (auto c : kCategories)
    if (to_string(c) == s) return c;
  return std::nullopt;
}

std::string accepted_media_type(std::string_view bytes, std::string_view file_name) {
  // 1. Something was sent.
  if (bytes.empty()) throw DomainError(ErrorKind::validation, "attachments.file_missing").field("file");
  // 2. Within the size limit.
  if (static_cast<std::int64_t>(bytes.size()) > kMaxBytes)
    throw DomainError(ErrorKind::validation, "attachments.too_large").param("max", "10 MB").field("file");
  // 3. The first bytes name an accepted type.
  const Kind* kind = nullptr;
  for (const auto& k : kKinds)
    if (bytes.substr(0, k.magic.size()) == k.magic) kind = &k;
  if (kind == nullptr) throw DomainError(ErrorKind::validation, "attachments.type_refused").field("file");
  // 4. The extension says the same.
  const std::string name = lower(file_name);
  bool matches = false;
  for (auto ext : kind->extensions) matches = matches || ends_with(name, ext);
  if (!matches) throw DomainError(ErrorKind::validation, "attachments.extension_mismatch").field("file");
  return std::string(kind->media_type);
}

std::string clean_file_name(std::string_view name) {
  const auto slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name = name.substr(slash + 1);
  std::string out;
  for (std::size_t i = 0; i < name.size();) {
    const std::size_t n = utf8_length(name, i);
    if (n == 0) {
      ++i;  // not UTF-8: dropped
      continue;
    }
    const auto c = static_cast<unsigned char>(name[i]);
    if (n == 1 && (c < 0x20 || c == 0x7F)) {
      ++i;
      continue;
    }
    if (out.size() + n > 200) break;
    out.append(name.substr(i, n));
    i += n;
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '.')) out.pop_back();
  while (!out.empty() && (out.front() == ' ' || out.front() == '.')) out.erase(0, 1);
  return out.empty() ? "document" : out;
}

std::string sha256_hex(std::string_view bytes) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  std::array<unsigned char, crypto_hash_sha256_BYTES> h{};
  crypto_hash_sha256(h.data(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(h.size() * 2);
  for (unsigned char b : h) {
    out += kHex[b >> 4];
    out += kHex[b & 0xF];
  }
  return out;
}

}  // namespace hms::attachments
