#include "storage/users/form_draft_repository.hpp"

#include "storage/crypto/encrypted_fields.hpp"

namespace hms::storage {
namespace {

constexpr const char* kInsert =
    "INSERT INTO form_drafts (token, session_id, form, created_at, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING id";
// The content's ciphertext is bound to the draft's id, known only after the INSERT.
constexpr const char* kSetContent = "UPDATE form_drafts SET content_cipher = $2 WHERE id = $1";
constexpr const char* kFind =
    "SELECT id, token, session_id, form, content_cipher, created_at, expires_at FROM form_drafts"
    " WHERE token = $1 AND session_id = $2 AND form = $3 AND expires_at > $4";
constexpr const char* kRemoveForForm = "DELETE FROM form_drafts WHERE session_id = $1 AND form = $2";
constexpr const char* kPurgeExpired = "DELETE FROM form_drafts WHERE expires_at <= $1";
constexpr const char* kPurgeOlder =
    "DELETE FROM form_drafts WHERE session_id = $1 AND form = $2 AND id NOT IN"
    " (SELECT id FROM form_drafts WHERE session_id = $1 AND form = $2 ORDER BY id DESC LIMIT $3)";

// Drafts belong to a session, not to an agency: the place is the column and the row.
FieldPlace content_place(std::int64_t id) { return {kFormDraftPlace, 0, id}; }

}  // namespace

std::int64_t SqlFormDraftRepository::insert(const users::FormDraft& d) {
  auto row = c_.query_one(kInsert, {d.token, d.session_id, d.form, d.created_at, d.expires_at});
  const auto id = row->integer(0);
  c_.execute(kSetContent, {id, cipher_.encrypt(content_place(id), d.content)});
  return id;
}

std::optional<users::FormDraft> SqlFormDraftRepository::find(std::string_view token, std::int64_t session_id,
                                                             std::string_view form, std::int64_t now) {
  auto r = c_.query_one(kFind, {std::string(token), session_id, std::string(form), now});
  if (!r || r->is_null(4)) return std::nullopt;
  users::FormDraft d;
  d.id = r->integer(0);
  d.token = r->text(1);
  d.session_id = r->integer(2);
  d.form = r->text(3);
  try {
    d.content = cipher_.decrypt(content_place(d.id), r->text(4));
  } catch (const std::exception&) {
    return std::nullopt;  // not made for this row or with this key: as if there were none
  }
  d.created_at = r->integer(5);
  d.expires_at = r->integer(6);
  return d;
}

void SqlFormDraftRepository::remove_for_form(std::int64_t session_id, std::string_view form) {
  c_.execute(kRemoveForForm, {session_id, std::string(form)});
}

void SqlFormDraftRepository::purge(std::int64_t session_id, std::string_view form, std::int64_t now) {
  c_.execute(kPurgeExpired, {now});
  c_.execute(kPurgeOlder, {session_id, std::string(form), static_cast<std::int64_t>(users::kDraftsPerForm)});
}

}  // namespace hms::storage
