// A refused form kept for the session that typed it (issue 15.7): the page answers the POST with
// a redirect to the form's address and ?draft=<token>, and the form is shown again from here —
// values as typed, errors — so that Back and Forward never lose input nor ask to resend it.
// E.g. "t3.staff" types a dwelling with postcode 9999: draft "5c0e…" of session 41 for
// "/dwellings/new" holds {"values": {"postcode": "9999", …}, "error": {…}}, readable by session
// 41 only, for 30 minutes, deleted when the form succeeds or the session ends.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hms::users {

// How long a draft is kept: the time to come back to a form, as long as a session's idle timeout.
inline constexpr std::int64_t kDraftSeconds = 30 * 60;
// The drafts kept per session and form (each refusal makes one; the older ones are dropped).
inline constexpr int kDraftsPerForm = 10;

struct FormDraft {
  std::int64_t id = 0;
  std::string token;             // 32 hex characters from the CSPRNG: the ?draft= of the address
  std::int64_t session_id = 0;   // the only session that reads it
  std::string form;              // the path that shows the form: "/owners/12/edit"
  std::string content;           // what the page keeps (values typed, errors) as JSON: stored encrypted
  std::int64_t created_at = 0;   // seconds since the epoch
  std::int64_t expires_at = 0;   // created_at + kDraftSeconds
};

class FormDraftRepository {
 public:
  virtual ~FormDraftRepository() = default;
  // Stores the draft (content encrypted, bound to its row); answers its id.
  virtual std::int64_t insert(const FormDraft& d) = 0;
  // The draft of this token if it belongs to this session and form and has not expired.
  virtual std::optional<FormDraft> find(std::string_view token, std::int64_t session_id, std::string_view form,
                                        std::int64_t now) = 0;
  // Every draft of the session for this form (the form succeeded).
  virtual void remove_for_form(std::int64_t session_id, std::string_view form) = 0;
  // Expired drafts, and the session's drafts of this form beyond the newest kDraftsPerForm.
  virtual void purge(std::int64_t session_id, std::string_view form, std::int64_t now) = 0;
};

}  // namespace hms::users
