#include "app/attachments/attachments.hpp"

#include <exception>

namespace hms::app {
namespace {

using attachments::AttachedTo;
using users::Permission;

Permission view_permission(AttachedTo to) {
  return to == AttachedTo::dwelling ? Permission::stock_view : Permission::owners_view;
}
Permission manage_permission(AttachedTo to) {
  return to == AttachedTo::dwelling ? Permission::stock_manage : Permission::owners_manage;
}
const char* not_found_of(AttachedTo to) {
  switch (to) {
    case AttachedTo::dwelling: return "stock.not_found";
    case AttachedTo::owner: return "owners.not_found";
    case AttachedTo::owner_contract: return "owners.contract_not_found";
  }
  return "stock.not_found";
}

// The agency of the object a document is attached to, when the actor reads that object (the
// rule of app/visible.hpp: the permission, the object, the scope; otherwise the object's 404).
std::int64_t agency_of_object(UnitOfWork& uow, const Context& ctx, AttachedTo to, std::int64_t id) {
  ctx.require(view_permission(to));
  std::optional<std::int64_t> agency;
  switch (to) {
    case AttachedTo::dwelling:
      if (auto d = uow.dwellings().find_by_id(id)) agency = d->agency_id;
      break;
    case AttachedTo::owner:
      if (auto o = uow.owners().find_by_id(id)) agency = o->agency_id;
      break;
    case AttachedTo::owner_contract:
      if (auto k = uow.owner_contracts().find_by_id(id)) agency = k->agency_id;
      break;
  }
  if (!agency || !ctx.scope().reaches(*agency)) throw DomainError(ErrorKind::not_found, not_found_of(to));
  ctx.require(Permission::attachments_view);
  return *agency;
}

// A listed document of the actor's agency, on an object the actor reads; else attachments.not_found.
attachments::Attachment visible_attachment(UnitOfWork& uow, const Context& ctx, std::int64_t id) {
  ctx.require(Permission::attachments_view);
  auto a = uow.attachments().find_by_id(id);
  if (!a || a->deleted_at || !ctx.scope().reaches(a->agency_id) || !ctx.can(view_permission(a->attached_to)))
    throw DomainError(ErrorKind::not_found, "attachments.not_found");
  return *a;
}

std::string object_text(const attachments::Attachment& a) {
  return std::string(attachments::to_string(a.attached_to)) + "=" + std::to_string(a.attached_id);
}

}  // namespace

std::vector<attachments::Attachment> list_attachments(Store& store, const Context& ctx, AttachedTo to, std::int64_t id) {
  auto uow = store.read();
  const auto agency = agency_of_object(*uow, ctx, to, id);
  return uow->attachments().list(agency, to, id);
}

attachments::Attachment upload_attachment(Store& store, const Context& ctx, AttachedTo to, std::int64_t id,
                                          const NewAttachment& file) {
  auto uow = store.write();
  // 1. The object is one the actor reads (else its 404), then one the actor may change.
  attachments::Attachment a;
  a.agency_id = agency_of_object(*uow, ctx, to, id);
  ctx.require(manage_permission(to));
  ctx.require(Permission::attachments_manage);
  a.attached_to = to;
  a.attached_id = id;
  // 2. What the user sent, every problem at once: the category, then the file (size, first
  //    bytes, extension).
  Problems problems;
  if (auto c = attachments::parse_category(file.category)) a.category = *c;
  else problems.add(std::move(DomainError(ErrorKind::validation, "attachments.invalid_category").field("category")));
  problems.check([&] { a.media_type = attachments::accepted_media_type(file.bytes, file.file_name); });
  problems.throw_if_any();
  a.file_name = attachments::clean_file_name(file.file_name);
  a.size_bytes = static_cast<std::int64_t>(file.bytes.size());
  a.uploaded_by = ctx.user ? std::optional(ctx.user->id) : std::nullopt;
  a.uploaded_by_login = ctx.user ? ctx.user->login : "";
  a.uploaded_at = ctx.clock.now_seconds();
  // 3. The checksum names the file; the file is written and flushed before its row exists.
  a.sha256 = attachments::sha256_hex(file.bytes);
  // 4. The row and its audit entry in one transaction. If they are not committed, the file this
  //    upload made goes too (one that was already there belongs to another document).
  store_file_then(store, a.agency_id, a.sha256, file.bytes, [&] {
    a.id = uow->attachments().insert(a);
    record(*uow, ctx, "attachments.upload", "attachments", std::to_string(a.id), a.agency_id,
           object_text(a) + ",category=" + std::string(attachments::to_string(a.category)) + ",type=" + a.media_type +
               ",bytes=" + std::to_string(a.size_bytes));
    uow->commit();
  });
  return a;
}

AttachmentFile download_attachment(Store& store, const Context& ctx, std::int64_t attachment_id) {
  auto uow = store.write();  // the read is audited in the same transaction
  // 1. A listed document of the actor's agency, on an object the actor reads.
  auto a = visible_attachment(*uow, ctx, attachment_id);
  agency_of_object(*uow, ctx, a.attached_to, a.attached_id);
  // 2. Its bytes, as they were uploaded: else nothing is sent, and the refusal is audited.
  auto bytes = store.attachment_files().read(a.agency_id, a.sha256);
  const char* problem = !bytes ? "missing" : attachments::sha256_hex(*bytes) != a.sha256 ? "checksum" : nullptr;
  if (problem != nullptr) {
    record(*uow, ctx, "attachments.download_refused", "attachments", std::to_string(a.id), a.agency_id,
           object_text(a) + ",problem=" + problem);
    uow->commit();
    throw DomainError(ErrorKind::conflict, "attachments.file_damaged");
  }
  // 3. The read, recorded.
  record(*uow, ctx, "attachments.download", "attachments", std::to_string(a.id), a.agency_id, object_text(a));
  uow->commit();
  return {std::move(a), std::move(*bytes)};
}

attachments::Attachment delete_attachment(Store& store, const Context& ctx, std::int64_t attachment_id) {
  auto uow = store.write();
  // 1. A listed document the actor reads, on an object the actor may change.
  auto a = visible_attachment(*uow, ctx, attachment_id);
  agency_of_object(*uow, ctx, a.attached_to, a.attached_id);
  ctx.require(manage_permission(a.attached_to));
  ctx.require(Permission::attachments_manage);
  // 2. Off the list; the row and the file stay (ADR 0010).
  const auto now = ctx.clock.now_seconds();
  uow->attachments().mark_deleted(a.id, ctx.user ? std::optional(ctx.user->id) : std::nullopt, now);
  record(*uow, ctx, "attachments.delete", "attachments", std::to_string(a.id), a.agency_id, object_text(a));
  uow->commit();
  return a;
}

}  // namespace hms::app
