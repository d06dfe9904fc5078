// Documents attached to dwellings, owners and owner contracts (issue 15.10), through a real
// `hms serve` on SQLite and PostgreSQL: the upload form (multipart, no JavaScript) puts the file
// in the attachments folder under its SHA-256 and a row in the database; the detail page lists
// it; the download gives the same bytes, checked against the checksum (a changed file is refused,
// never served); refused types and sizes leave neither row nor file and say why in the reader's
// language; another agency can neither list, download, upload to nor delete; the region and the
// system administrator read no document; uploads, downloads and deletions are audited.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/text.hpp"
#include "domain/attachments/attachment.hpp"
#include "storage/attachments/file_folder.hpp"
#include "support/shared_server.hpp"

namespace hms::test {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

const std::string kPdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
const std::string kPng = std::string("\x89PNG\r\n\x1A\n", 8) + std::string("\0\0\0\rIHDR", 8) + "fake image body";

class AttachmentsTest : public SharedServerTest {
 protected:
  std::int64_t made(const std::string& login, const std::string& path, const json& body) {
    auto r = call(login, "POST", path, body);
    EXPECT_EQ(r.status, 201) << path << " " << body.dump() << " → " << r.body;
    return r.json().value("id", std::int64_t{0});
  }
  std::int64_t dwelling(const std::string& login, const std::string& reference) {
    return made(login, "/api/v1/dwellings",
                json{{"reference", reference}, {"street", "Rue Haute"}, {"number", "8"}, {"postcode", "1000"},
                     {"type", "apartment"}, {"bedrooms", 1}});
  }
  std::int64_t owner(const std::string& login, const std::string& name) {
    return made(login, "/api/v1/owners", json{{"kind", "person"}, {"name", name}, {"iban", "BE68539007547034"}});
  }
  // The upload form sent from `login`'s browser: the answer (303) without following it.
  HttpResult upload(const std::string& login, const std::string& object_path, const std::string& category,
                    const std::string& file_name, const std::string& bytes) {
    std::vector<std::pair<std::string, std::string>> fields = {{"csrf_token", cookie(login).csrf}};
    if (!category.empty()) fields.emplace_back("category", category);
    auto m = multipart(fields, "file", file_name, bytes);
    return server().request("POST", object_path + "/documents", m.body, cookie(login).headers(false), m.type);
  }
  HttpResult page(const std::string& login, const std::string& path) {
    return server().request("GET", path, "", cookie(login).headers(false));
  }
  std::int64_t last_attachment() {
    return server().db().acquire()->query_one("SELECT coalesce(max(id), 0) FROM attachments")->integer(0);
  }
  fs::path folder() { return storage::attachments_folder_for(server().db_url()); }
  fs::path file_of(std::int64_t agency_id, const std::string& sha) {
    return storage::DiskFileFolder(folder().string()).path_of(agency_id, sha);
  }
  // The files under an agency's folder (none when it does not exist).
  int files_of(std::int64_t agency_id) {
    int n = 0;
    const fs::path dir = folder() / std::to_string(agency_id);
    if (!fs::exists(dir)) return 0;
    for (const auto& e : fs::recursive_directory_iterator(dir))
      if (e.is_regular_file()) ++n;
    return n;
  }
  std::int64_t entries(const std::string& action, std::int64_t agency_id, const std::string& object_id) {
    return count("audit_log WHERE action = '" + action + "' AND agency_id = " + std::to_string(agency_id) +
                 " AND object_id = '" + object_id + "'");
  }
};

TEST_P(AttachmentsTest, AnUploadedPdfIsStoredByChecksumListedAndDownloadedAsIs) {
  const auto a = new_agency();
  const auto d = dwelling(a.staff, a.code + "-D1");
  const auto path = "/dwellings/" + std::to_string(d);
  auto r = upload(a.staff, path, "signed_contract", "C:\\scans\\bail signe.pdf", kPdf);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 300);
  EXPECT_EQ(r.header("Location"), path + "?document=added#documents");
  const auto id = last_attachment();
  auto row = server().db().acquire()->query_one(
      "SELECT agency_id, attached_to, attached_id, category, file_name, media_type, size_bytes, sha256, deleted_at"
      " FROM attachments WHERE id = $1", {id});
  ASSERT_TRUE(row);
  EXPECT_EQ(row->integer(0), a.id);
  EXPECT_EQ(row->text(1), "dwelling");
  EXPECT_EQ(row->integer(2), d);
  EXPECT_EQ(row->text(3), "signed_contract");
  EXPECT_EQ(row->text(4), "bail signe.pdf") << "the last path component only";
  EXPECT_EQ(row->text(5), "application/pdf");
  EXPECT_EQ(row->integer(6), static_cast<std::int64_t>(kPdf.size()));
  const auto sha = attachments::sha256_hex(kPdf);
  EXPECT_EQ(row->text(7), sha);
  EXPECT_TRUE(row->is_null(8));
  // The file: outside the database, under the agency's folder, named by its checksum, owner-only.
  const auto file = file_of(a.id, sha);
  ASSERT_TRUE(fs::exists(file)) << file;
  EXPECT_EQ(fs::file_size(file), kPdf.size());
  EXPECT_EQ(fs::status(file).permissions() & (fs::perms::group_all | fs::perms::others_all), fs::perms::none);
  // Listed on the dwelling's page, in French: kind, name, size, who.
  auto detail = page(a.staff, path + "?document=added");
  ASSERT_EQ(detail.status, 200);
  EXPECT_TRUE(contains(detail.body, "Le document a été ajouté.")) << detail.body.substr(0, 500);
  EXPECT_TRUE(contains(detail.body, "bail signe.pdf"));
  EXPECT_TRUE(contains(detail.body, "Contrat signé"));
  EXPECT_TRUE(contains(detail.body, std::to_string(kPdf.size()) + " octets"));
  EXPECT_TRUE(contains(detail.body, a.staff));
  EXPECT_TRUE(contains(detail.body, "/documents/" + std::to_string(id)));
  // Downloaded as uploaded, as an attachment, and the read audited.
  auto got = page(a.staff, "/documents/" + std::to_string(id));
  ASSERT_EQ(got.status, 200) << got.body.substr(0, 300);
  EXPECT_EQ(got.body, kPdf);
  EXPECT_EQ(got.header("Content-Type"), "application/pdf");
  EXPECT_EQ(got.header("Content-Disposition").rfind("attachment;", 0), 0u) << got.header("Content-Disposition");
  EXPECT_EQ(got.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(entries("attachments.upload", a.id, std::to_string(id)), 1);
  EXPECT_EQ(entries("attachments.download", a.id, std::to_string(id)), 1);
  // The audit names the object, never the file's name.
  EXPECT_EQ(count("audit_log WHERE details LIKE '%bail%'"), 0);
  // The agency's admin reads it too.
  EXPECT_EQ(page(a.admin, "/documents/" + std::to_string(id)).status, 200);
  EXPECT_EQ(entries("attachments.download", a.id, std::to_string(id)), 2);
}

TEST_P(AttachmentsTest, OwnersAndOwnerContractsTakeDocumentsToo) {
  const auto a = new_agency();
  const auto d = dwelling(a.staff, a.code + "-D2");
  const auto o = owner(a.staff, "Paul Peeters");
  const auto k = made(a.staff, "/api/v1/owner-contracts",
                      json{{"dwelling_id", d}, {"owner_id", o}, {"kind", "main_lease"}, {"start", "2026-03-01"},
                           {"owner_rent", "650.00"}});
  const auto owner_path = "/owners/" + std::to_string(o);
  const auto contract_path = "/owner-contracts/" + std::to_string(k);
  ASSERT_EQ(upload(a.staff, owner_path, "other", "identity.png", kPng).status, 303);
  const auto on_owner = last_attachment();
  ASSERT_EQ(upload(a.staff, contract_path, "signed_contract", "contract.pdf", kPdf).status, 303);
  const auto on_contract = last_attachment();
  auto owner_page = page(a.staff, owner_path);
  EXPECT_TRUE(contains(owner_page.body, "identity.png"));
  EXPECT_TRUE(contains(owner_page.body, "Image PNG"));
  EXPECT_FALSE(contains(owner_page.body, "contract.pdf")) << "each object lists its own documents";
  auto contract_page = page(a.staff, contract_path);
  EXPECT_TRUE(contains(contract_page.body, "contract.pdf"));
  EXPECT_EQ(page(a.staff, "/documents/" + std::to_string(on_owner)).body, kPng);
  EXPECT_EQ(page(a.staff, "/documents/" + std::to_string(on_contract)).body, kPdf);
  // The same bytes attached twice are one file.
  ASSERT_EQ(upload(a.staff, "/dwellings/" + std::to_string(d), "signed_contract", "copy.pdf", kPdf).status, 303);
  EXPECT_EQ(files_of(a.id), 2);
}

TEST_P(AttachmentsTest, RefusedFilesLeaveNoRowNoFileAndSayWhyInTheReadersLanguage) {
  const auto a = new_agency();
  const auto d = dwelling(a.staff, a.code + "-D3");
  const auto path = "/dwellings/" + std::to_string(d);
  const auto rows_before = count("attachments");
  struct Case {
    std::string category, name, bytes, code;
  };
  const std::string too_large = "%PDF-1.4\n" + std::string(attachments::kMaxBytes, 'x');
  const std::vector<Case> cases = {
      {"photo", "setup.pdf", std::string("MZ\x90\0\3\0\0\0", 8) + "This program cannot be run in DOS mode", "attachments.type_refused"},
      {"photo", "page.html", "<html><script>alert(1)</script></html>", "attachments.type_refused"},
      {"photo", "photo.pdf", kPng, "attachments.extension_mismatch"},
      {"energy_certificate", "peb.pdf", too_large, "attachments.too_large"},
      {"photo", "empty.png", "", "attachments.file_missing"},
      {"", "peb.pdf", kPdf, "attachments.invalid_category"},
      {"banana", "peb.pdf", kPdf, "attachments.invalid_category"},
  };
  for (const auto& c : cases) {
    auto r = upload(a.staff, path, c.category, c.name, c.bytes);
    EXPECT_EQ(r.status, 303) << c.name << ": " << r.body.substr(0, 300);
    EXPECT_EQ(r.header("Location"), path + "?document_error=" + c.code + "#documents") << c.name;
  }
  EXPECT_EQ(count("attachments"), rows_before) << "no row";
  EXPECT_EQ(files_of(a.id), 0) << "no file";
  EXPECT_EQ(count("audit_log WHERE action = 'attachments.upload' AND agency_id = " + std::to_string(a.id)), 0);
  // The message on the page, in French and in Dutch, with the limit.
  auto fr = page(a.staff, path + "?document_error=attachments.too_large");
  EXPECT_TRUE(contains(fr.body, "Le fichier dépasse 10 Mo.")) << fr.body.substr(0, 300);
  EXPECT_TRUE(contains(fr.body, "error-summary"));
  auto nl = page(a.staff, path + "?lang=nl&document_error=attachments.type_refused");
  EXPECT_TRUE(contains(nl.body, "Dit soort bestand wordt niet aanvaard.")) << nl.body.substr(0, 300);
  // Only the upload's own refusals are shown from the address.
  auto other = page(a.staff, path + "?document_error=users.login_taken");
  EXPECT_FALSE(contains(other.body, "error-summary"));
}

TEST_P(AttachmentsTest, AnotherAgencyNeitherListsDownloadsUploadsNorDeletes) {
  const auto a = new_agency();
  const auto b = new_agency();
  const auto d = dwelling(a.staff, a.code + "-D4");
  const auto path = "/dwellings/" + std::to_string(d);
  ASSERT_EQ(upload(a.staff, path, "photo", "kitchen.png", kPng).status, 303);
  const auto id = last_attachment();
  const auto doc = "/documents/" + std::to_string(id);
  const auto before = count("attachments WHERE deleted_at IS NULL");
  for (const auto& who : {b.staff, b.admin}) {
    EXPECT_EQ(page(who, path).status, 404) << who << ": the dwelling's page, and its list";
    auto got = page(who, doc);
    EXPECT_EQ(got.status, 404) << who;
    EXPECT_FALSE(contains(got.body, "IHDR"));
    EXPECT_EQ(page(who, "/documents/987654321").status, 404) << "the same answer as for no document";
    EXPECT_EQ(upload(who, path, "photo", "intruder.png", kPng).status, 404) << who;
    auto del = server().request("POST", doc + "/delete", "csrf_token=" + url_encode(cookie(who).csrf),
                                cookie(who).headers(false), "application/x-www-form-urlencoded");
    EXPECT_EQ(del.status, 404) << who;
    // With a bearer token as well.
    EXPECT_EQ(call(who, "GET", doc).status, 404) << who;
  }
  // The region and the system administrator read no agency's documents.
  for (const char* who : {"region", "sysadmin", "federation"}) {
    EXPECT_EQ(call(who, "GET", doc).status, 403) << who;
  }
  // The region reads the dwelling, without its documents section.
  auto region_page = page("region", path);
  EXPECT_EQ(region_page.status, 200);
  EXPECT_FALSE(contains(region_page.body, "kitchen.png"));
  EXPECT_FALSE(contains(region_page.body, "documents-upload"));
  EXPECT_EQ(count("attachments WHERE deleted_at IS NULL"), before);
  EXPECT_EQ(count("attachments WHERE agency_id = " + std::to_string(b.id)), 0);
  EXPECT_EQ(files_of(b.id), 0);
  EXPECT_EQ(count("audit_log WHERE action LIKE 'attachments.%' AND agency_id = " + std::to_string(b.id)), 0);
  EXPECT_EQ(entries("attachments.download", a.id, std::to_string(id)), 0) << "no read happened";
}

TEST_P(AttachmentsTest, AChangedFileIsRefusedNotServedAndTheRefusalAudited) {
  const auto a = new_agency();
  const auto d = dwelling(a.staff, a.code + "-D5");
  ASSERT_EQ(upload(a.staff, "/dwellings/" + std::to_string(d), "energy_certificate", "peb-" + a.code + ".pdf",
                   kPdf + a.code).status, 303);
  const auto id = last_attachment();
  const auto file = file_of(a.id, attachments::sha256_hex(kPdf + a.code));
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << "%PDF-1.4 tampered";
  }
  auto got = page(a.staff, "/documents/" + std::to_string(id));
  EXPECT_EQ(got.status, 409) << got.body.substr(0, 300);
  EXPECT_FALSE(contains(got.body, "tampered"));
  EXPECT_TRUE(contains(got.body, "endommagé")) << got.body.substr(0, 500);
  EXPECT_EQ(entries("attachments.download_refused", a.id, std::to_string(id)), 1);
  EXPECT_EQ(entries("attachments.download", a.id, std::to_string(id)), 0);
  // A missing file answers the same.
  fs::remove(file);
  EXPECT_EQ(page(a.staff, "/documents/" + std::to_string(id)).status, 409);
  EXPECT_EQ(entries("attachments.download_refused", a.id, std::to_string(id)), 2);
}

TEST_P(AttachmentsTest, ADeletedDocumentLeavesTheListKeepsItsFileAndIsAudited) {
  const auto a = new_agency();
  const auto d = dwelling(a.staff, a.code + "-D6");
  const auto path = "/dwellings/" + std::to_string(d);
  ASSERT_EQ(upload(a.staff, path, "photo", "facade.png", kPng + a.code).status, 303);
  const auto id = last_attachment();
  const auto doc = "/documents/" + std::to_string(id);
  EXPECT_TRUE(contains(page(a.staff, path).body, "facade.png"));
  auto del = server().request("POST", doc + "/delete", "csrf_token=" + url_encode(cookie(a.staff).csrf),
                              cookie(a.staff).headers(false), "application/x-www-form-urlencoded");
  ASSERT_EQ(del.status, 303) << del.body.substr(0, 300);
  EXPECT_EQ(del.header("Location"), path + "?document=deleted#documents");
  auto after = page(a.staff, path + "?document=deleted");
  EXPECT_FALSE(contains(after.body, "facade.png"));
  EXPECT_TRUE(contains(after.body, "Le document a été supprimé de la liste."));
  EXPECT_EQ(page(a.staff, doc).status, 404);
  EXPECT_EQ(entries("attachments.delete", a.id, std::to_string(id)), 1);
  EXPECT_EQ(count("attachments WHERE deleted_at IS NOT NULL AND id = " + std::to_string(id)), 1);
  EXPECT_TRUE(fs::exists(file_of(a.id, attachments::sha256_hex(kPng + a.code)))) << "the file stays (ADR 0010)";
  // Deleting it again: it is no longer there.
  auto again = server().request("POST", doc + "/delete", "csrf_token=" + url_encode(cookie(a.staff).csrf),
                                cookie(a.staff).headers(false), "application/x-www-form-urlencoded");
  EXPECT_EQ(again.status, 404);
}

HMS_INSTANTIATE_BACKENDS(AttachmentsTest);

}  // namespace
}  // namespace hms::test
