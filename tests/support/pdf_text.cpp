#include "support/pdf_text.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "support/test_database.hpp"

namespace hms::test {

std::optional<std::string> pdf_text(const std::string& pdf_bytes) {
  EXPECT_EQ(pdf_bytes.substr(0, 5), "%PDF-");
  if (std::system("command -v pdftotext >/dev/null 2>&1") != 0) {
    EXPECT_FALSE(running_in_ci()) << "pdftotext (poppler-utils) is needed to read the PDF";
    return std::nullopt;
  }
  static std::atomic<int> counter{0};
  const auto pdf = std::filesystem::temp_directory_path() /
                   ("hms-pdf-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".pdf");
  const auto txt = pdf.string() + ".txt";
  std::ofstream(pdf, std::ios::binary) << pdf_bytes;
  const int rc = std::system(("pdftotext -layout '" + pdf.string() + "' '" + txt + "'").c_str());
  EXPECT_EQ(rc, 0) << "pdftotext could not read the PDF";
  std::ifstream in(txt);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  std::filesystem::remove(pdf);
  std::filesystem::remove(txt);
  return text;
}

}  // namespace hms::test
