#include "formats/sepa/pain001.hpp"

#include <pugixml.hpp>

#include <sstream>

#include "common/date.hpp"

namespace hms::sepa {
namespace {

// Latin-1 Supplement U+00C0–U+00FF and Latin Extended-A U+0100–U+017F without their accents;
// '#' marks the two-letter ones (handled in fold()) and '_' what has no letter (× ÷).
constexpr std::string_view kLatin1 = "AAAAAA#CEEEEIIIIDNOOOOO_OUUUUY##aaaaaa#ceeeeiiiidnooooo_ouuuuy#y";
constexpr std::string_view kExtendedA =
    "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi##JjKkkLlLlLlLlLlNnNnNnnNnOoOoOo##RrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

static_assert(kLatin1.size() == 64 && kExtendedA.size() == 128);

bool allowed(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("/-?:().,'+ ").find(c) != std::string_view::npos;
}

// The SEPA letters of one code point ("" when it has none: it becomes a space).
std::string fold(char32_t cp) {
  if (cp < 0x80) {
    const char c = static_cast<char>(cp);
    if (c == '&') return "+";
    return allowed(c) ? std::string(1, c) : std::string();
  }
  switch (cp) {
    case 0xC6: return "AE";
    case 0xE6: return "ae";
    case 0xDE: return "TH";
    case 0xFE: return "th";
    case 0xDF: return "ss";
    case 0x132: return "IJ";
    case 0x133: return "ij";
    case 0x152: return "OE";
    case 0x153: return "oe";
    case 0x2018: case 0x2019: case 0x201A: case 0x2032: return "'";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: return "-";
    case 0x20AC: return "EUR";
    default: break;
  }
  char c = '_';
  if (cp >= 0xC0 && cp <= 0xFF) c = kLatin1[cp - 0xC0];
  if (cp >= 0x100 && cp <= 0x17F) c = kExtendedA[cp - 0x100];
  return c == '_' || c == '#' ? std::string() : std::string(1, c);
}

// The next code point of `s` from `i` (advanced past it); a malformed byte is U+FFFD.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b = static_cast<unsigned char>(s[i++]);
  if (b < 0x80) return b;
  int more = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : -1;
  if (more < 0) return 0xFFFD;
  char32_t cp = b & (0x3F >> more);
  for (; more > 0; --more) {
    if (i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
  }
  return cp;
}

std::string amount(Money m) { return m.format_plain(); }

// Every text of the file has at least one character (the schemas' minLength): a name that has
// no SEPA letter at all (in another script) is written NOTPROVIDED.
void text(pugi::xml_node parent, const char* name, const std::string& value) {
  parent.append_child(name).text().set(value.empty() ? "NOTPROVIDED" : value.c_str());
}

}  // namespace

std::string sepa_text(std::string_view utf8) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto cp = next_code_point(utf8, i);
    if (cp >= 0x300 && cp <= 0x36F) continue;  // a combining accent (decomposed text): dropped
    const auto letters = fold(cp);
    if (letters.empty() || letters == " ") {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += letters;
  }
  return out;
}

std::string sepa_text(std::string_view utf8, std::size_t max) {
  auto out = sepa_text(utf8);
  if (out.size() > max) out.resize(max);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string_view namespace_of(Pain001Version v) {
  return v == Pain001Version::v03 ? "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"
                                  : "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";
}

std::string write_pain001(const CreditTransferFile& file) {
  const bool v09 = file.version == Pain001Version::v09;
  Money sum;
  for (const auto& t : file.transfers) sum += t.amount;
  const auto count = std::to_string(file.transfers.size());
  const auto message_id = sepa_text(file.message_id, kMaxId);
  const auto debtor = sepa_text(file.initiating_party, kMaxName);

  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  auto document = doc.append_child("Document");
  document.append_attribute("xmlns") = std::string(namespace_of(file.version)).c_str();
  auto initiation = document.append_child("CstmrCdtTrfInitn");

  auto header = initiation.append_child("GrpHdr");
  text(header, "MsgId", message_id);
  text(header, "CreDtTm", file.created_at);
  text(header, "NbOfTxs", count);
  text(header, "CtrlSum", amount(sum));
  text(header.append_child("InitgPty"), "Nm", debtor);

  auto info = initiation.append_child("PmtInf");
  text(info, "PmtInfId", message_id);
  text(info, "PmtMtd", "TRF");
  text(info, "BtchBookg", "true");
  text(info, "NbOfTxs", count);
  text(info, "CtrlSum", amount(sum));
  text(info.append_child("PmtTpInf").append_child("SvcLvl"), "Cd", "SEPA");
  if (v09)
    text(info.append_child("ReqdExctnDt"), "Dt", to_iso(file.execution_date));
  else
    text(info, "ReqdExctnDt", to_iso(file.execution_date));
  text(info.append_child("Dbtr"), "Nm", debtor);
  text(info.append_child("DbtrAcct").append_child("Id"), "IBAN", file.debtor_iban);
  auto institution = info.append_child("DbtrAgt").append_child("FinInstnId");
  if (file.debtor_bic.empty())
    text(institution.append_child("Othr"), "Id", "NOTPROVIDED");
  else
    text(institution, v09 ? "BICFI" : "BIC", file.debtor_bic);
  text(info, "ChrgBr", "SLEV");

  for (const auto& t : file.transfers) {
    auto tx = info.append_child("CdtTrfTxInf");
    text(tx.append_child("PmtId"), "EndToEndId", sepa_text(t.end_to_end_id, kMaxId));
    auto instructed = tx.append_child("Amt").append_child("InstdAmt");
    instructed.append_attribute("Ccy") = "EUR";
    instructed.text().set(amount(t.amount).c_str());
    text(tx.append_child("Cdtr"), "Nm", sepa_text(t.creditor_name, kMaxName));
    text(tx.append_child("CdtrAcct").append_child("Id"), "IBAN", t.creditor_iban);
    text(tx.append_child("RmtInf"), "Ustrd", sepa_text(t.remittance, kMaxRemittance));
  }

  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

}  // namespace hms::sepa
