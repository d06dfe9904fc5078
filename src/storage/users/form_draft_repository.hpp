// Drafts of refused forms on SQL (table form_drafts, V0012): the content encrypted with the
// FieldCipher, bound to its row, as the upload jobs' bytes are.
#pragma once
#include "domain/users/form_draft.hpp"
#include "storage/crypto/field_cipher.hpp"
#include "storage/db/database.hpp"

namespace hms::storage {

class SqlFormDraftRepository final : public users::FormDraftRepository {
 public:
  SqlFormDraftRepository(db::Connection& c, const FieldCipher& cipher) : c_(c), cipher_(cipher) {}
  std::int64_t insert(const users::FormDraft& d) override;
  std::optional<users::FormDraft> find(std::string_view token, std::int64_t session_id, std::string_view form,
                                       std::int64_t now) override;
  void remove_for_form(std::int64_t session_id, std::string_view form) override;
  void purge(std::int64_t session_id, std::string_view form, std::int64_t now) override;

 private:
  db::Connection& c_;
  const FieldCipher& cipher_;
};

}  // namespace hms::storage
