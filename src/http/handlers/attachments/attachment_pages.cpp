// Attached documents (issue 15.10): upload from an object's detail page, download, delete.
// Thin: the form's fields in, app/attachments out, back to the object's page (post/redirect/get):
// "?document=added#documents", or "?document_error=<code>#documents" for a refused file, shown
// there in the reader's language.
#include "http/handlers/attachments/attachment_pages.hpp"

#include <array>
#include <string>

#include "app/attachments/attachments.hpp"
#include "http/handlers/module_routes.hpp"
#include "http/handlers/support/pages.hpp"
#include "http/handlers/support/support.hpp"
#include "web/views.hpp"

namespace hms::http {
namespace {

using attachments::AttachedTo;
using users::Permission;

std::string object_path(AttachedTo to, std::int64_t id) {
  switch (to) {
    case AttachedTo::dwelling: return "/dwellings/" + std::to_string(id);
    case AttachedTo::owner: return "/owners/" + std::to_string(id);
    case AttachedTo::owner_contract: return "/owner-contracts/" + std::to_string(id);
  }
  return "/";
}

Permission manage_permission(AttachedTo to) {
  return to == AttachedTo::dwelling ? Permission::stock_manage : Permission::owners_manage;
}

// The refusals an upload may come back with: only these are shown from the address.
constexpr std::array kUploadErrors = {"attachments.file_missing", "attachments.too_large", "attachments.type_refused",
                                      "attachments.extension_mismatch", "attachments.invalid_category"};

// "183 Ko" the way the reader writes it: bytes under 1 KB, KB under 1 MB, MB with one decimal.
std::string size_text(const Services& s, const Request& req, std::int64_t bytes) {
  const auto& cat = s.views.catalog();
  if (bytes < 1024) return cat.format(req.lang, "attachments.size_bytes", {{"n", std::to_string(bytes)}});
  if (bytes < 1024 * 1024) return cat.format(req.lang, "attachments.size_kb", {{"n", std::to_string((bytes + 512) / 1024)}});
  const std::int64_t tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
  std::string n = std::to_string(tenths / 10) + (req.lang == "en" ? "." : ",") + std::to_string(tenths % 10);
  return cat.format(req.lang, "attachments.size_mb", {{"n", n}});
}

Response upload(Request& req, const Services& s, AttachedTo to) {
  const auto id = req.path_id();
  app::NewAttachment file;
  file.category = req.form_value("category");
  if (auto f = req.files.find("file"); f != req.files.end()) file.bytes = f->second;
  if (auto n = req.file_names.find("file"); n != req.file_names.end()) file.file_name = n->second;
  try {
    app::upload_attachment(s.store, req.context(), to, id, file);
  } catch (const DomainError& e) {
    if (e.kind() != ErrorKind::validation) throw;
    // The first problem is the one shown (a missing category comes before the file's).
    std::string code = e.code();
    if (e.fields().contains("category")) code = "attachments.invalid_category";
    else if (auto f = e.fields().find("file"); f != e.fields().end()) code = f->second;
    return Response::redirect(object_path(to, id) + "?document_error=" + code + "#documents");
  }
  return Response::redirect(object_path(to, id) + "?document=added#documents");
}

}  // namespace

nlohmann::json attachments_section(const Request& req, const Services& s, AttachedTo to, std::int64_t id) {
  auto ctx = req.context();
  if (!ctx.can(Permission::attachments_view)) return nullptr;
  const auto& cat = s.views.catalog();
  nlohmann::json items = nlohmann::json::array();
  const bool can_manage = ctx.can(Permission::attachments_manage) && ctx.can(manage_permission(to));
  for (const auto& a : app::list_attachments(s.store, ctx, to, id)) {
    const std::string category = std::string(attachments::to_string(a.category));
    items.push_back({{"id", a.id},
                     {"name", a.file_name},
                     {"category", cat.text(req.lang, "attachments.categories." + category)},
                     {"type", cat.text(req.lang, "attachments.types." + std::string(a.media_type == "application/pdf" ? "pdf"
                                                                                  : a.media_type == "image/png" ? "png"
                                                                                                                : "jpeg"))},
                     {"size", size_text(s, req, a.size_bytes)},
                     {"uploaded_at", web::format_date_time(a.uploaded_at)},
                     {"uploaded_by", a.uploaded_by_login.empty() ? actor_label(s.views, req.lang, "cli") : a.uploaded_by_login},
                     {"href", "/documents/" + std::to_string(a.id)},
                     {"delete_action", "/documents/" + std::to_string(a.id) + "/delete"},
                     {"can_delete", can_manage}});
  }
  nlohmann::json categories = nlohmann::json::array();
  for (auto c : attachments::kCategories) {
    const std::string code(attachments::to_string(c));
    categories.push_back({{"value", code}, {"label", cat.text(req.lang, "attachments.categories." + code)}});
  }
  nlohmann::json section = {{"items", items},
                            {"has_items", !items.empty()},
                            {"can_upload", can_manage},
                            {"upload_action", object_path(to, id) + "/documents"},
                            {"categories", categories}};
  const std::string notice = req.query_value("document");
  if (notice == "added" || notice == "deleted") section["notice"] = cat.text(req.lang, "attachments." + notice + "_notice");
  const std::string error = req.query_value("document_error");
  for (const char* code : kUploadErrors)
    if (error == code) {
      const std::string field = error == "attachments.invalid_category" ? "category" : "file";
      const std::string max = cat.format(req.lang, "attachments.size_mb",
                                         {{"n", std::to_string(attachments::kMaxBytes / (1024 * 1024))}});
      const std::string message = cat.format(req.lang, error, {{"max", max}});
      section["errors"] = {{"summary", nlohmann::json::array({{{"field", field}, {"message", message}}})}, {field, message}};
    }
  return section;
}

void add_attachment_routes(std::vector<Route>& routes, Services& s) {
  routes.push_back({"POST", "/dwellings/{id}/documents", reaching("dwelling", Permission::attachments_manage),
                    [&s](Request& req) { return upload(req, s, AttachedTo::dwelling); }, kMaxUpload});
  routes.push_back({"POST", "/owners/{id}/documents", reaching("owner", Permission::attachments_manage),
                    [&s](Request& req) { return upload(req, s, AttachedTo::owner); }, kMaxUpload});
  routes.push_back({"POST", "/owner-contracts/{id}/documents", reaching("owner_contract", Permission::attachments_manage),
                    [&s](Request& req) { return upload(req, s, AttachedTo::owner_contract); }, kMaxUpload});

  // The file itself, as uploaded: never shown inline (Content-Disposition: attachment, nosniff).
  routes.push_back({"GET", "/documents/{id}", reaching("attachment", Permission::attachments_view), [&s](Request& req) {
    auto file = app::download_attachment(s.store, req.context(), req.path_id());
    return download(file.attachment.file_name, file.attachment.media_type, std::move(file.bytes));
  }});

  routes.push_back({"POST", "/documents/{id}/delete", reaching("attachment", Permission::attachments_manage),
                    [&s](Request& req) {
                      auto a = app::delete_attachment(s.store, req.context(), req.path_id());
                      return Response::redirect(object_path(a.attached_to, a.attached_id) + "?document=deleted#documents");
                    }});
}

}  // namespace hms::http
