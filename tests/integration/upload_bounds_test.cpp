// Uploads never take the server down (issue 8, B1): hostile files of a few kB that used to
// exhaust memory — an XLSX whose cells all name a 1 MiB shared string, one with a value in
// column XFD on every row, one whose sheet unpacks to 120 MB — and CSV files past the bounds
// (a value in column 201, 20 MB of one-letter cells, 100,000 lines all wrong: the first 1,000
// problems reported) are refused with the limit reached, in the user's language, with nothing
// written:
// - `hms import stock` exits 2 and its peak memory (wait4's ru_maxrss) stays under 256 MB;
// - the /import page answers 422 with the message, the server keeps answering and its peak
//   memory (VmHWM) stays under 256 MB.
// Each child runs with its data segment limited to 1 GiB, so that a regression fails here
// (allocation refused) instead of taking the machine's memory.
#include <gtest/gtest.h>
#include <minizip/zip.h>
#include <sys/resource.h>
#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "formats/table.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace hms::test {
namespace {

using db::Backend;

constexpr long kMaxPeakKb = 256 * 1024;  // what any upload may cost, whole process included
constexpr const char* kPassword = "violet bicycle orchard 17";

// The data segment of the children started while it lives (rlimits are inherited): 1 GiB.
class DataLimit {
 public:
  DataLimit() {
    getrlimit(RLIMIT_DATA, &saved_);
    rlimit limited = saved_;
    limited.rlim_cur = std::min<rlim_t>(saved_.rlim_max, rlim_t{1} << 30);
    setrlimit(RLIMIT_DATA, &limited);
  }
  ~DataLimit() { setrlimit(RLIMIT_DATA, &saved_); }
  DataLimit(const DataLimit&) = delete;
  DataLimit& operator=(const DataLimit&) = delete;

 private:
  rlimit saved_{};
};

std::string repeat(const std::string& text, std::size_t times) {
  std::string out;
  out.reserve(text.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += text;
  return out;
}

// An .xlsx package of one sheet holding `rows`, with `shared_strings`, deflated by minizip.
std::string xlsx(const std::string& rows, const std::string& shared_strings = "<sst/>") {
  const std::string main = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  const std::vector<std::pair<std::string, std::string>> parts = {
      {"_rels/.rels", "<Relationships><Relationship Id=\"rId1\" Type=\"" + main +
                          "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
      {"xl/workbook.xml", R"(<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>)"},
      {"xl/_rels/workbook.xml.rels",
       "<Relationships><Relationship Id=\"rId1\" Type=\"" + main + "worksheet\" Target=\"worksheets/sheet1.xml\"/>" +
           "<Relationship Id=\"rId2\" Type=\"" + main + "sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"},
      {"xl/sharedStrings.xml", shared_strings},
      {"xl/worksheets/sheet1.xml", "<worksheet><sheetData>" + rows + "</sheetData></worksheet>"}};
  const auto path = std::filesystem::temp_directory_path() / ("hms-bomb-" + std::to_string(::getpid()) + ".xlsx");
  zipFile zip = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
  for (const auto& [name, content] : parts) {
    zip_fileinfo info{};
    zipOpenNewFileInZip64(zip, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED, Z_BEST_COMPRESSION, 0);
    zipWriteInFileInZip(zip, content.data(), static_cast<unsigned>(content.size()));
    zipCloseFileInZip(zip);
  }
  zipClose(zip, nullptr);
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(path);
  return bytes;
}

// One hostile file: its name, its bytes, and the start of its message in English and French.
struct Bomb {
  std::string name;
  std::string bytes;
  std::string english;
  std::string french;
};

const std::vector<Bomb>& bombs() {
  static const std::vector<Bomb> all = [] {
    const std::string header = R"(<row r="1"><c t="inlineStr"><is><t>dwelling_ref</t></is></c></row>)";
    std::vector<Bomb> b;
    // 200,000 cells naming one 1 MiB shared string: 200 GB once copied per cell.
    b.push_back({"shared-string.xlsx",
                 xlsx(header + repeat(R"(<row><c t="s"><v>0</v></c><c t="s"><v>0</v></c></row>)", 100'000),
                      "<sst><si><t>" + std::string(1u << 20, 'x') + "</t></si></sst>"),
                 "A cell of line 2 holds more than 32767 characters",
                 "Une cellule de la ligne 2 contient plus de 32767 caractères"});
    // A value in column XFD on 50,000 rows: 26 GB of empty cells once placed.
    b.push_back({"column-xfd.xlsx", xlsx(header + repeat(R"(<row><c r="XFD9"><v>1</v></c></row>)", 50'000)),
                 "Line 2 has a value beyond column 200", "La ligne 2 a une valeur au-delà de la colonne 200"});
    // A sheet of 120 MB of blanks: past the 100 MB a part may unpack to.
    b.push_back({"unpacked.xlsx", xlsx(header + std::string(120u << 20, ' ')),
                 "Read in full, this file holds more than 100 MB of data",
                 "Lu en entier, ce fichier contient plus de 100 Mo de données"});
    // CSV: a value in column 201.
    b.push_back({"wide.csv", "dwelling_ref\n" + repeat("x;", 200) + "x\n", "Line 2 has a value beyond column 200",
                 "La ligne 2 a une valeur au-delà de la colonne 200"});
    // CSV: 19 MB (under the page's 20 MB) of one-letter cells: 10 million of them, 320 MB once read.
    b.push_back({"cells.csv", "dwelling_ref\n" + repeat(repeat("x;", 199) + "x\n", 50'000),
                 "Read in full, this file holds more than 64 MB of data",
                 "Lu en entier, ce fichier contient plus de 64 Mo de données"});
    // CSV: 100,000 lines, each wrong in a dozen cells (3.5 MB): a million problems (half a
    // gigabyte) if all were kept; the first 1,000 are reported.
    std::string wrong =
        "dwelling_ref;street;number;box;postcode;type;bedrooms;surface_m2;peb_class;owner_kind;owner_name;"
        "owner_iban;owner_email;contract_kind;contract_start;contract_end;owner_rent\n";
    for (int i = 0; i < 100'000; ++i) wrong += "R" + std::to_string(i) + ";;;;x;x;x;x;x;x;;x;x;x;x;x;x\n";
    b.push_back({"every-line-wrong.csv", std::move(wrong), "hms stopped reading the file after 1000 problems",
                 "hms a arrêté de lire le fichier après 1000 problèmes"});
    return b;
  }();
  return all;
}

TEST(UploadBoundsFiles, AreSmallExceptTheCsvUnderThePageLimit) {
  for (const auto& bomb : bombs()) {
    if (bomb.name.ends_with(".xlsx")) {
      EXPECT_LT(bomb.bytes.size(), 200u * 1024) << bomb.name;
    }
    EXPECT_LT(bomb.bytes.size(), 20u << 20) << bomb.name;
  }
}

class UploadBoundsCliTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    dir_ = std::filesystem::temp_directory_path() / ("hms-upload-bounds-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    for (auto args : std::vector<std::vector<std::string>>{
             {"init", "--db", url()}, {"agency", "add", "--db", url(), "--code", "AIS-A", "--name", "Agence A"}}) {
      auto r = run_hms(args);
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
  }
  void TearDown() override {
    std::error_code ignored;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
  }
  std::filesystem::path dir_;
};

TEST_P(UploadBoundsCliTest, HostileFilesExitTwoWithTheLimitInBoundedMemory) {
  for (const auto& bomb : bombs()) {
    SCOPED_TRACE(bomb.name);
    const auto path = dir_ / bomb.name;
    std::ofstream(path, std::ios::binary) << bomb.bytes;
    const bool french = bomb.name.ends_with(".csv");
    CommandResult r;
    {
      DataLimit limit;
      r = run_hms({"import", "stock", "--db", url(), "--agency", "AIS-A", path.string()}, "",
                  {{"HMS_LANG", french ? "fr" : "en"}});
    }
    EXPECT_EQ(r.exit_code, 2) << r.err.substr(0, 2000);
    EXPECT_NE(r.err.find(french ? bomb.french : bomb.english), std::string::npos) << r.err.substr(0, 2000);
    EXPECT_LT(r.peak_rss_kb, kMaxPeakKb);
    std::filesystem::remove(path);
  }
  EXPECT_EQ(db().acquire()->query_one("SELECT count(*) FROM dwellings")->integer(0), 0);
}

HMS_INSTANTIATE_BACKENDS(UploadBoundsCliTest);

// Its own server, not a SharedServerTest: the server is started under the 1 GiB data limit and
// its peak memory (VmHWM, the whole process's life) is what the test measures.
class UploadBoundsPageTest : public ::testing::TestWithParam<Backend> {};

TEST_P(UploadBoundsPageTest, HostileUploadsAre422AndTheServerKeepsAnswering) {
  HMS_REQUIRE_BACKEND(GetParam());
  ServerProcess server(GetParam());
  server.add_agency("AIS-A", "Agence A");
  server.add_user("staff.a", "agency_staff", "AIS-A", kPassword);
  {
    DataLimit limit;
    server.start();
  }
  const auto staff = server.cookie_login("staff.a", kPassword);
  for (const auto& bomb : bombs()) {
    SCOPED_TRACE(bomb.name);
    const std::string boundary = "hmsBoundsBoundary7";
    const std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
                             bomb.name + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bomb.bytes +
                             "\r\n--" + boundary + "--\r\n";
    auto r = server.request("POST", "/import?lang=fr", body, staff.headers(true),
                            "multipart/form-data; boundary=" + boundary);
    EXPECT_EQ(r.status, 422) << r.body.substr(0, 500) << server.log_tail();
    EXPECT_NE(r.body.find(bomb.french), std::string::npos) << r.body.substr(0, 4000);
    EXPECT_EQ(server.request("GET", "/healthz").status, 200) << "the server still answers";
    EXPECT_LT(server.peak_rss_kb(), kMaxPeakKb);
  }
  EXPECT_EQ(server.request("GET", "/import?lang=en", "", staff.headers(false)).status, 200);
  EXPECT_EQ(server.count("dwellings"), 0);
}

HMS_INSTANTIATE_BACKENDS(UploadBoundsPageTest);

}  // namespace
}  // namespace hms::test
