// The QR code of the enrolment page: drawn as SVG from libqrencode's matrix, with its quiet
// zone and finder patterns where a phone's camera looks for them, and nothing a CSP forbids.
#include <gtest/gtest.h>

#include <regex>

#include "web/qr_code.hpp"

namespace hms::web {
namespace {

const std::string kUri =
    "otpauth://totp/hms:a.admin?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=hms&algorithm=SHA1&digits=6&period=30";

TEST(QrCode, SquareOfAQrVersionWithItsQuietZone) {
  const std::string svg = qr_svg(kUri, "QR code");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(svg, m, std::regex(R"re(viewBox="0 0 (\d+) (\d+)")re"))) << svg.substr(0, 200);
  const int size = std::stoi(m[1]);
  EXPECT_EQ(m[1], m[2]);
  const int modules = size - 8;
  EXPECT_EQ((modules - 17) % 4, 0) << "a QR code of version v has 17 + 4v modules: " << modules;
  EXPECT_GE(modules, 33) << "a 113-character URI needs version 4 or more at level M";
  // The top-left finder pattern: a row of 7 dark modules at (4, 4), inside the quiet zone.
  EXPECT_EQ(svg.find("d=\"M4 4h7v1h-7z"), svg.find("d=\"")) << svg.substr(0, 300);
}

TEST(QrCode, InlineSvgWithoutScriptAndWithAnEscapedLabel) {
  const std::string svg = qr_svg(kUri, "Code \"QR\" <app>");
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_NE(svg.find("role=\"img\" aria-label=\"Code &quot;QR&quot; &lt;app&gt;\""), std::string::npos);
  EXPECT_EQ(svg.find("script"), std::string::npos);
  EXPECT_EQ(svg.find("style="), std::string::npos) << "the CSP has no 'unsafe-inline' for styles";
  EXPECT_EQ(svg.find("secret"), std::string::npos) << "the secret is in the modules only";
}

}  // namespace
}  // namespace hms::web
