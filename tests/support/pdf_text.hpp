// The text of a PDF (a letter, a statement) as `pdftotext -layout` reads it, for tests that check
// what a person would read in it. None when pdftotext is missing, and then a failure in CI, where
// the test script installs poppler-utils.
#pragma once
#include <optional>
#include <string>

namespace hms::test {

std::optional<std::string> pdf_text(const std::string& pdf_bytes);

}  // namespace hms::test
