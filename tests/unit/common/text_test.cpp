// Text helpers: trimming, ASCII lower case, splitting, hex, strict UTF-8 validation
// (overlong forms, surrogates, out of range, truncation) and HTML escaping.
#include "common/text.hpp"

#include <gtest/gtest.h>

#include <array>

namespace hms {
namespace {

using Parts = std::vector<std::string_view>;

TEST(Text, Trim) {
  EXPECT_EQ(trim("  BE68 5390 0754 7034 \t\r\n"), "BE68 5390 0754 7034");
  EXPECT_EQ(trim("a"), "a");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim(" \t\n\v\f\r"), "");
  EXPECT_EQ(trim("\xC2\xA0"
                 "a"),
            "\xC2\xA0"
            "a");  // a no-break space is not ASCII whitespace
}

TEST(Text, ToLowerAscii) {
  EXPECT_EQ(to_lower_ascii("Rue de la LOI 16"), "rue de la loi 16");
  EXPECT_EQ(to_lower_ascii("ÉCOLE"), "École");
  EXPECT_EQ(to_lower_ascii("@[`{"), "@[`{");
  EXPECT_EQ(to_lower_ascii(""), "");
}

TEST(Text, Split) {
  EXPECT_EQ(split("a;b;;c", ';'), (Parts{"a", "b", "", "c"}));
  EXPECT_EQ(split("", ';'), (Parts{""}));
  EXPECT_EQ(split(";", ';'), (Parts{"", ""}));
  EXPECT_EQ(split("abc", ';'), (Parts{"abc"}));
  EXPECT_EQ(split("a;b;", ';'), (Parts{"a", "b", ""}));
}

TEST(Text, Hex) {
  const std::array<unsigned char, 4> bytes = {0x00, 0x0f, 0xa0, 0xff};
  EXPECT_EQ(hex(bytes), "000fa0ff");
  EXPECT_EQ(hex({}), "");
}

TEST(Text, ValidUtf8) {
  for (const char* text : {"", "Schaerbeek", "Molenbeek-Saint-Jean é", "745,50 €",
                           "\xF0\x9D\x84\x9E", "\xF4\x8F\xBF\xBF", "\xED\x9F\xBF", "\xEE\x80\x80",
                           "\xC2\x80", "\xE0\xA0\x80", "\xF0\x90\x80\x80", "\x7F"}) {
    EXPECT_TRUE(is_valid_utf8(text)) << text;
  }
  EXPECT_TRUE(is_valid_utf8(std::string_view("a\0b", 3)));
}

TEST(Text, InvalidUtf8) {
  for (const char* text : {"\x80",
                           "\xBF",
                           "\xC0\xAF",
                           "\xC1\xBF",
                           "\xE0\x80\xAF",
                           "\xE0\x9F\xBF",
                           "\xED\xA0\x80",
                           "\xED\xBF\xBF",
                           "\xF0\x80\x80\x80",
                           "\xF0\x8F\xBF\xBF",
                           "\xF4\x90\x80\x80",
                           "\xF5\x80\x80\x80",
                           "\xFF",
                           "\xFE",
                           "\xC3",
                           "\xE2\x82",
                           "\xF0\x9D\x84",
                           "\xC3\x28",
                           "\xE2\x28\xAC",
                           "\xE2\x82\x28",
                           "\xF0\x9D\x28\x9E",
                           "caf\xE9"}) {
    EXPECT_FALSE(is_valid_utf8(text)) << hex(
        {reinterpret_cast<const unsigned char*>(text), std::char_traits<char>::length(text)});
  }
}

TEST(Text, EscapeHtml) {
  EXPECT_EQ(escape_html(R"(<a href="x">Tom & Jerry's</a>)"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  EXPECT_EQ(escape_html("Saint-Gilles é"), "Saint-Gilles é");
  EXPECT_EQ(escape_html("&amp;"), "&amp;amp;");
  EXPECT_EQ(escape_html(""), "");
}

}  // namespace
}  // namespace hms

TEST(Text, UrlEncodeKeepsOnlyTheUnreservedCharacters) {
  EXPECT_EQ(hms::url_encode("rue de la Paix"), "rue%20de%20la%20Paix");
  EXPECT_EQ(hms::url_encode("a&b=c/d?é"), "a%26b%3Dc%2Fd%3F%C3%A9");
  EXPECT_EQ(hms::url_encode("AIS-BXL_1.~"), "AIS-BXL_1.~");
  EXPECT_EQ(hms::url_encode(""), "");
}

// Header values and redirect targets refuse these (issue 8 B5): a TAB in "/\t/evil.example"
// made the language switch redirect to another site.
TEST(Text, ControlCharactersAreEveryByteBelowSpaceAndDel) {
  using namespace std::string_literals;
  for (const auto& bad : {"/\t/evil.example"s, "a\rb"s, "a\nb"s, "a\0b"s, "\x1f"s, "a\x7f"s})
    EXPECT_TRUE(hms::has_control_character(bad)) << bad;
  for (const auto& good : {""s, "/dwellings?q=rue de la Paix"s, "attachment; filename=\"x.csv\""s, "Saint-Gilles é"s})
    EXPECT_FALSE(hms::has_control_character(good)) << good;
}
