// Numbers, dates and months in a reader's language: 1.234,56 € and 135,52 in French and
// Dutch, €1,234.56 and 135.52 in English; dates 15/01/2021 in all three; "janvier 2025".
// Used by the pages (calculators) and the letters (indexation), which show the same steps.
#pragma once
#include <map>
#include <set>
#include <string>

#include "common/date.hpp"
#include "common/money.hpp"
#include "common/rate.hpp"
#include "common/year_month.hpp"
#include "web/catalog.hpp"

namespace hms::web {

// An amount the reader's way: "1.234,56 €" in French and Dutch, "€1,234.56" in English.
inline std::string money_text(Money m, const std::string& lang) {
  return lang == "en" ? m.format_english() : m.format_belgian();
}

// A count the reader's way: 8123 → "8.123" in French and Dutch, "8,123" in English (as the
// amounts: 1.234,56 € / €1,234.56).
inline std::string thousands_text(std::int64_t n, const std::string& lang) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += lang == "en" ? ',' : '.';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

// A rate the reader's way: 850 basis points → "8,5 %" in French and Dutch, "8.5 %" in English
// (`with_sign` false: "8,5", as typed back into a form).
inline std::string percent_text(Rate rate, const std::string& lang, bool with_sign = true) {
  const std::int64_t bp = rate.basis_points();
  std::string s = std::to_string(bp / 100);
  if (auto rest = bp % 100; rest != 0) {
    std::string decimals = {static_cast<char>('0' + rest / 10), static_cast<char>('0' + rest % 10)};
    if (decimals.back() == '0') decimals.pop_back();
    s += (lang == "en" ? "." : ",") + decimals;
  }
  return with_sign ? s + "\u00A0%" : s;
}

// A share written as a decimal with four places ("0.6543", contract D's income mix) in basis
// points (6543), and as the reader writes a percentage: "65,43 %" ("65.43 %" in English).
inline std::int64_t share_basis_points(const std::string& share) {
  const auto dot = share.find('.');
  if (dot == std::string::npos) return std::stoll(share) * 10000;
  return std::stoll(share.substr(0, dot)) * 10000 + std::stoll(share.substr(dot + 1));
}
inline std::string share_text(const std::string& share, const std::string& lang) {
  return percent_text(Rate::from_basis_points(share_basis_points(share)), lang);
}

// A surface in tenths of m², the reader's way: 685 → "68,5" ("68.5" in English); 700 → "70".
// The forms accept both.
inline std::string surface_text(std::int64_t dm2, const std::string& lang = "fr") {
  std::string out = std::to_string(dm2 / 10);
  if (dm2 % 10 != 0) out += (lang == "en" ? "." : ",") + std::to_string(dm2 % 10);
  return out;
}

struct Texts {
  const Catalog& catalog;
  const std::string& lang;

  std::string text(const std::string& key) const { return catalog.text(lang, key); }
  std::string format(const std::string& key, const std::map<std::string, std::string>& params) const {
    return catalog.format(lang, key, params);
  }
  std::string money(Money m) const { return money_text(m, lang); }
  // "135.52" → "135,52" in French and Dutch.
  std::string decimal(std::string plain) const {
    if (lang != "en")
      for (auto& c : plain)
        if (c == '.') c = ',';
    return plain;
  }
  std::string percent(const std::string& number) const { return lang == "en" ? number + "%" : number + "\u00a0%"; }
  std::string month(YearMonth m) const {
    return text("calculators.month.m" + std::to_string(m.month())) + " " + std::to_string(m.year());
  }
  // A status of a table row: "verified", "verified-old", anything else is unverified.
  std::string status(const std::string& status) const {
    if (status == "verified") return text("calculators.status.verified");
    if (status == "verified-old") return text("calculators.status.verified_old");
    return text("calculators.status.unverified");
  }

  // The parameters of a step or an error, shown the reader's way (they come ISO and plain).
  std::map<std::string, std::string> localized(std::map<std::string, std::string> params) const {
    static const std::set<std::string> money_params = {"rent", "result"};
    static const std::set<std::string> date_params = {"date", "signed", "frozen_date"};
    static const std::set<std::string> month_params = {"month", "previous_month", "frozen_month", "last", "first"};
    static const std::set<std::string> decimal_params = {"value", "new", "start", "previous", "frozen", "factor"};
    for (auto& [name, value] : params) {
      if (money_params.contains(name)) {
        if (auto m = Money::parse(value)) value = money(m.value());
      } else if (date_params.contains(name)) {
        if (auto d = parse_date(value)) value = to_belgian(d.value());
      } else if (month_params.contains(name)) {
        if (auto m = YearMonth::parse(value)) value = month(m.value());
      } else if (decimal_params.contains(name)) {
        value = decimal(value);
      }
    }
    return params;
  }
};

}  // namespace hms::web
