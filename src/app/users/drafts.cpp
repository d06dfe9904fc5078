#include "app/users/drafts.hpp"

#include <sodium.h>

#include <stdexcept>

#include "common/text.hpp"
#include "domain/users/form_draft.hpp"

namespace hms::app {
namespace {

bool is_token(std::string_view t) {
  if (t.size() != 32) return false;
  for (char c : t)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace

std::optional<std::string> save_form_draft(Store& store, const Context& ctx, std::string_view form,
                                           std::string_view content) {
  if (!ctx.session_id) return std::nullopt;
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not start");
  unsigned char random[16];
  randombytes_buf(random, sizeof random);
  users::FormDraft d;
  d.token = hex(random);
  d.session_id = *ctx.session_id;
  d.form = std::string(form);
  d.content = std::string(content);
  d.created_at = ctx.clock.now_seconds();
  d.expires_at = d.created_at + users::kDraftSeconds;
  auto uow = store.write();
  uow->form_drafts().insert(d);
  uow->form_drafts().purge(d.session_id, d.form, d.created_at);
  uow->commit();
  return d.token;
}

std::optional<std::string> find_form_draft(Store& store, const Context& ctx, std::string_view token,
                                           std::string_view form) {
  if (!ctx.session_id || !is_token(token)) return std::nullopt;
  auto uow = store.read();
  auto d = uow->form_drafts().find(token, *ctx.session_id, form, ctx.clock.now_seconds());
  if (!d) return std::nullopt;
  return d->content;
}

void forget_form_drafts(Store& store, const Context& ctx, std::string_view form) {
  if (!ctx.session_id) return;
  auto uow = store.write();
  uow->form_drafts().remove_for_form(*ctx.session_id, form);
  uow->commit();
}

}  // namespace hms::app
