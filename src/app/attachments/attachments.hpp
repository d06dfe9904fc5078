// Documents attached to a dwelling, an owner or an owner contract (issue 15.10; ADR 0010).
// Who may: the actor reads the object (stock_view for a dwelling, owners_view for an owner or
// contract, in the actor's agency: otherwise the object's own 404) and holds attachments_view;
// to attach or delete, also the object's manage permission and attachments_manage. Each upload,
// download and deletion leaves one audit entry (never the file's name, which may name someone).
//   auto a = upload_attachment(store, ctx, AttachedTo::dwelling, 12, {"photo", "kitchen.jpg", bytes});
//   auto file = download_attachment(store, ctx, a.id);   // file.bytes, checked against a.sha256
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "domain/attachments/attachment.hpp"

namespace hms::app {

// What an upload form sends: the category code, the file's name and its bytes.
struct NewAttachment {
  std::string category;   // "signed_contract" | "energy_certificate" | "photo" | "other"
  std::string file_name;  // as sent by the browser
  std::string bytes;
};

// The file of a new document (or of a help request's file, app/support) written to the folder
// before its row: `write_row` inserts the row, its audit entry, and commits. If it throws, the
// file this call made is removed (one that was already there belongs to another document) and
// the exception goes on.
template <typename WriteRow>
void store_file_then(Store& store, std::int64_t agency_id, const std::string& sha256, std::string_view bytes,
                     WriteRow&& write_row) {
  auto& files = store.attachment_files();
  const bool made = files.put(agency_id, sha256, bytes);
  try {
    write_row();
  } catch (...) {
    if (made) files.remove(agency_id, sha256);
    throw;
  }
}

// The listed documents of one object, newest first.
std::vector<attachments::Attachment> list_attachments(Store& store, const Context& ctx, attachments::AttachedTo to,
                                                      std::int64_t id);

// Attaches a document; DomainError(validation) for a missing or unknown category, an empty, too
// large, refused or renamed file (attachments::accepted_media_type), all at once. A failure
// leaves neither a row nor a file made by this upload.
attachments::Attachment upload_attachment(Store& store, const Context& ctx, attachments::AttachedTo to,
                                          std::int64_t id, const NewAttachment& file);

struct AttachmentFile {
  attachments::Attachment attachment;
  std::string bytes;
};
// A document's bytes, checked against their SHA-256 before they are handed out: a missing or
// changed file is DomainError(conflict, "attachments.file_damaged"), its refusal audited
// ("attachments.download_refused"), and no byte is sent. A deleted document, or another
// agency's, is "attachments.not_found". The download is audited ("attachments.download").
AttachmentFile download_attachment(Store& store, const Context& ctx, std::int64_t attachment_id);

// Takes a document off its object's list (soft: the row and file stay, marked deleted; ADR 0010).
// Answers it as it was, so that the caller can go back to its object's page.
attachments::Attachment delete_attachment(Store& store, const Context& ctx, std::int64_t attachment_id);

}  // namespace hms::app
