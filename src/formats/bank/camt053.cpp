#include "formats/bank/camt053.hpp"

#include <pugixml.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/date.hpp"
#include "common/iban.hpp"
#include "formats/bank/problems.hpp"

namespace hms::bank {
namespace {

using detail::fail;
using detail::ProblemList;

constexpr std::string_view kNamespaces[] = {"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02",
                                            "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"};

// "Document" for <Document> and for <ns:Document>.
std::string_view local_name(pugi::xml_node node) {
  std::string_view name = node.name();
  const auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// An element and its path from the root, for messages: "Document/BkToCstmrStmt/Stmt[2]/Bal[1]".
// `node` is empty when the element is absent.
struct Element {
  pugi::xml_node node;
  std::string path;

  explicit operator bool() const { return static_cast<bool>(node); }
  // The first child of that local name, or an empty Element with the path it would have.
  Element child(std::string_view name) const {
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling())
      if (c.type() == pugi::node_element && local_name(c) == name) return {c, path + "/" + std::string(name)};
    return {pugi::xml_node(), path + "/" + std::string(name)};
  }
  // child("A").child("B")… in one call: at({"Acct", "Id", "IBAN"}).
  Element at(std::initializer_list<std::string_view> names) const {
    Element e = *this;
    for (std::string_view name : names) e = e.child(name);
    return e;
  }
  // Every child of that local name, numbered from 1 in their paths.
  std::vector<Element> children(std::string_view name) const {
    std::vector<Element> out;
    for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling())
      if (c.type() == pugi::node_element && local_name(c) == name)
        out.push_back({c, path + "/" + std::string(name) + "[" + std::to_string(out.size() + 1) + "]"});
    return out;
  }
  std::string text() const { return std::string(trim(node.child_value())); }

  static std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\r' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t')) s.remove_suffix(1);
    return s;
  }
};

// Reads required and optional values, adding a problem with the element's path for each bad one.
struct Reader {
  ProblemList& problems;

  // The element, or a bank.missing_element problem.
  bool present(const Element& e) {
    if (!e) problems.add(fail("bank.missing_element").at_element(e.path).with("element", e.path));
    return static_cast<bool>(e);
  }
  // "685.00", "685", "685.5": cents, unsigned; a non-zero third (to fifth) decimal is refused.
  Money amount(const Element& e) {
    if (!present(e)) return {};
    const std::string text = e.text();
    const auto dot = text.find('.');
    const std::string_view whole = std::string_view(text).substr(0, dot);
    const std::string_view fraction = dot == std::string::npos ? std::string_view() : std::string_view(text).substr(dot + 1);
    if (!digits_only(whole) || whole.size() > 15 || (dot != std::string::npos && !digits_only(fraction)) || fraction.size() > 5) {
      problems.add(fail("bank.bad_amount").at_element(e.path).on("amount").with("value", text));
      return {};
    }
    if (fraction.size() > 2 && fraction.substr(2).find_first_not_of('0') != std::string_view::npos) {
      problems.add(fail("bank.amount_mills").at_element(e.path).on("amount").with("value", text));
      return {};
    }
    std::int64_t cents = 0;
    for (char c : whole) cents = cents * 10 + (c - '0');
    for (std::size_t i = 0; i < 2; ++i) cents = cents * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
    return Money::from_cents(cents);
  }
  static bool digits_only(std::string_view s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
  }
  // Amt signed by the sibling CdtDbtInd: CRDT positive, DBIT negative.
  Money signed_amount(const Element& parent) {
    const Money value = amount(parent.child("Amt"));
    const Element indicator = parent.child("CdtDbtInd");
    if (!present(indicator)) return value;
    const std::string text = indicator.text();
    if (text == "DBIT") return -value;
    if (text != "CRDT") problems.add(fail("bank.bad_field").at_element(indicator.path).on("CdtDbtInd").with("value", text));
    return value;
  }
  // The date of <X><Dt>2025-02-05</Dt></X> or <X><DtTm>2025-02-05T10:00:00</DtTm></X>.
  std::optional<std::chrono::year_month_day> date(const Element& parent, bool required) {
    Element e = parent.child("Dt");
    if (!e) e = parent.child("DtTm");
    if (!e) {
      if (required) present(parent.child("Dt"));
      return std::nullopt;
    }
    const std::string text = e.text();
    auto parsed = parse_date(std::string_view(text).substr(0, 10));
    if (!parsed) {
      problems.add(fail("bank.bad_date").at_element(e.path).on(std::string(local_name(e.node))).with("value", text));
      return std::nullopt;
    }
    return parsed.value();
  }
};

// The balance of type `code` (OPBD, PRCD, CLBD) among a statement's Bal elements, or none.
std::optional<Element> balance_of(const std::vector<Element>& balances, std::string_view code) {
  for (const Element& b : balances)
    if (b.at({"Tp", "CdOrPrtry", "Cd"}).text() == code) return b;
  return std::nullopt;
}

// The first TxDtls of an entry: counterparty, its account and agent, the remittance.
void read_details(const Element& entry, BankMovement& m) {
  const Element tx = entry.at({"NtryDtls", "TxDtls"});
  if (!tx) return;
  const bool credit = m.amount >= Money::zero();
  const std::string_view party = credit ? "Dbtr" : "Cdtr";
  const Element parties = tx.child("RltdPties");
  Element name = parties.at({party, "Nm"});                             // .001.02
  if (!name) name = parties.at({party, "Pty", "Nm"});                   // .001.08
  m.counterparty_name = name.text();
  m.counterparty_iban = parties.at({std::string(party) + "Acct", "Id", "IBAN"}).text();
  const Element agent = tx.at({"RltdAgts", std::string(party) + "Agt", "FinInstnId"});
  m.counterparty_bic = agent.child("BIC") ? agent.child("BIC").text() : agent.child("BICFI").text();
  // The structured communication: a creditor reference issued by BBA, its 12 digits.
  const Element remittance = tx.child("RmtInf");
  for (const Element& structured : remittance.children("Strd")) {
    const Element reference = structured.child("CdtrRefInf");
    if (reference.at({"Tp", "Issr"}).text() != "BBA") continue;
    std::string digits;
    for (char c : reference.child("Ref").text())
      if (c >= '0' && c <= '9') digits += c;
    if (digits.size() == 12) {
      m.structured_communication = digits;
      break;
    }
  }
  for (const Element& unstructured : remittance.children("Ustrd")) {
    if (!m.free_communication.empty()) m.free_communication += ' ';
    m.free_communication += unstructured.text();
  }
}

BankStatement read_statement(const Element& stmt, Reader& r) {
  BankStatement s;
  // 1. Account and currency.
  const Element iban = stmt.at({"Acct", "Id", "IBAN"});
  if (r.present(iban)) {
    s.account_iban = iban.text();
    if (!checked_iban(s.account_iban))
      r.problems.add(fail("bank.bad_iban").at_element(iban.path).on("IBAN").with("value", s.account_iban));
  }
  const std::vector<Element> balances = stmt.children("Bal");
  s.currency = stmt.at({"Acct", "Ccy"}).text();
  if (s.currency.empty() && !balances.empty()) s.currency = balances.front().child("Amt").node.attribute("Ccy").value();
  if (s.currency != "EUR")
    r.problems.add(fail("bank.currency").at_element(stmt.path + "/Acct/Ccy").on("currency").with("value", s.currency));
  // 2. Number: the electronic sequence number, else the statement's Id.
  s.number = stmt.child("ElctrncSeqNb").text();
  if (s.number.empty()) s.number = stmt.child("Id").text();
  // 3. Opening (OPBD, else PRCD) and closing (CLBD) booked balances.
  auto opening = balance_of(balances, "OPBD");
  if (!opening) opening = balance_of(balances, "PRCD");
  const auto closing = balance_of(balances, "CLBD");
  if (!opening)
    r.problems.add(fail("bank.missing_element").at_element(stmt.path + "/Bal").on("OPBD").with("element", stmt.path + "/Bal[OPBD]"));
  if (!closing)
    r.problems.add(fail("bank.missing_element").at_element(stmt.path + "/Bal").on("CLBD").with("element", stmt.path + "/Bal[CLBD]"));
  if (opening) s.old_balance = r.signed_amount(*opening);
  if (closing) {
    s.new_balance = r.signed_amount(*closing);
    if (const auto date = r.date(closing->child("Dt"), true)) s.date = *date;
  }
  // 4. The booked entries.
  int index = 0;
  Money total;
  for (const Element& entry : stmt.children("Ntry")) {
    ++index;
    const Element status = entry.child("Sts");
    const std::string code = status.child("Cd") ? status.child("Cd").text() : status.text();
    if (status && code != "BOOK") continue;
    BankMovement& m = s.movements.emplace_back();
    m.sequence = index;
    m.amount = r.signed_amount(entry);
    if (const auto date = r.date(entry.child("BookgDt"), true)) m.booking_date = *date;
    m.value_date = r.date(entry.child("ValDt"), false);
    m.bank_reference = entry.child("AcctSvcrRef").text();
    read_details(entry, m);
    total += m.amount;
  }
  // 5. Opening balance + entries = closing balance.
  if (opening && closing && r.problems.empty() && s.old_balance + total != s.new_balance)
    r.problems.add(fail("bank.balance_mismatch").at_element(closing->path).on("CLBD")
                       .with("old", detail::plain(s.old_balance)).with("movements", detail::plain(total))
                       .with("computed", detail::plain(s.old_balance + total)).with("new", detail::plain(s.new_balance)));
  return s;
}

}  // namespace

bool is_camt053_namespace(std::string_view uri) {
  for (std::string_view known : kNamespaces)
    if (uri == known) return true;
  return false;
}

BankFile parse_camt053(std::string_view bytes) {
  ProblemList problems;
  // 1. Well-formed XML.
  pugi::xml_document document;
  const pugi::xml_parse_result parsed = document.load_buffer(bytes.data(), bytes.size(), pugi::parse_default, pugi::encoding_auto);
  if (!parsed)
    problems.throw_now(fail("bank.not_xml").with("detail", parsed.description()).with("offset", std::to_string(parsed.offset)));
  // 2. The root Document in one of the two namespaces (declared on it, with its prefix if any).
  const pugi::xml_node root_node = document.document_element();
  if (local_name(root_node) != "Document")
    problems.throw_now(fail("bank.missing_element").at_element("Document").with("element", "Document"));
  const std::string_view root_name = root_node.name();
  const auto colon = root_name.find(':');
  const std::string xmlns = colon == std::string_view::npos ? "xmlns" : "xmlns:" + std::string(root_name.substr(0, colon));
  const std::string uri = root_node.attribute(xmlns.c_str()).value();
  if (!is_camt053_namespace(uri))
    problems.throw_now(fail("bank.unknown_namespace").at_element("Document").on("xmlns").with("namespace", uri));
  // 3. Each statement.
  const Element root{root_node, "Document"};
  const Element message = root.child("BkToCstmrStmt");
  Reader r{problems};
  if (!r.present(message)) problems.throw_if_any();
  BankFile file{"camt.053", {}};
  for (const Element& stmt : message.children("Stmt")) file.statements.push_back(read_statement(stmt, r));
  if (file.statements.empty()) r.present(message.child("Stmt"));
  problems.throw_if_any();
  return file;
}

}  // namespace hms::bank
