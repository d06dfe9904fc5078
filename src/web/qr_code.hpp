// A QR code as inline SVG, for the enrolment of a second factor: libqrencode makes the module
// matrix, we draw it — one path of dark modules inside a 4-module quiet zone, black on white,
// sized by CSS. No script and no image URL, so the page's CSP allows it and the secret the
// code holds never becomes a URL the browser fetches.
//   qr_svg("otpauth://totp/hms:a.admin?secret=…", "QR code for your app")
//   → <svg xmlns=… viewBox="0 0 37 37" role="img" aria-label="QR code for your app">…</svg>
#pragma once
#include <string>
#include <string_view>

namespace hms::web {

// Error correction M (15 %); throws std::runtime_error if the text does not fit in a QR code.
std::string qr_svg(std::string_view text, std::string_view label);

}  // namespace hms::web
