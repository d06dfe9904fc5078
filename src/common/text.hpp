// Small text helpers shared by every layer: trimming a typed IBAN or amount, splitting a CSV
// line of a bank export, checking that an uploaded file is UTF-8, escaping a tenant's name
// before it goes into HTML. ASCII-only where the name says so; no locale is ever consulted.
#pragma once
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hms {

// Without leading and trailing ASCII whitespace (space, \t, \n, \v, \f, \r).
std::string_view trim(std::string_view text);

// 'A'..'Z' lowered; every other byte, including UTF-8 sequences, unchanged.
std::string to_lower_ascii(std::string_view text);

// "a;b;;c" split on ';' gives {"a", "b", "", "c"}; "" gives {""}. Views into `text`.
std::vector<std::string_view> split(std::string_view text, char separator);

// Lower-case hexadecimal, two digits per byte: {0x0f, 0xa0} gives "0fa0".
std::string hex(std::span<const unsigned char> bytes);

// Well-formed UTF-8: no overlong forms, no surrogates (U+D800..U+DFFF), nothing above U+10FFFF.
bool is_valid_utf8(std::string_view text);
// Any byte below 0x20 (NUL, TAB, CR, LF, …) or DEL: never in an HTTP header value nor in a
// redirect's target ("/\t/evil.example" is "//evil.example" to a browser).
bool has_control_character(std::string_view text);
// For a query string: "rue de la Paix" → "rue%20de%20la%20Paix" (RFC 3986 unreserved kept).
std::string url_encode(std::string_view text);

// & < > " ' replaced by &amp; &lt; &gt; &quot; &#39;.
std::string escape_html(std::string_view text);

}  // namespace hms
