#include "app/demo/demo_people.hpp"

#include <array>
#include <cstdio>

namespace hms::app::demo {
namespace {

using Names = std::span<const char* const>;

// Given names and family names by origin, as they appear among Brussels owners.
constexpr std::array<const char*, 40> kFrenchFirst = {
    "Marie", "Sophie", "Nathalie", "Isabelle", "Catherine", "Anne", "Christine", "Véronique", "Martine", "Françoise",
    "Chantal", "Monique", "Julie", "Camille", "Charlotte", "Céline", "Pierre", "Jean", "Michel", "Philippe",
    "Luc", "Marc", "Alain", "Jacques", "Patrick", "Didier", "Olivier", "Thierry", "Vincent", "Nicolas",
    "François", "Benoît", "Christophe", "Laurent", "Guy", "Bernard", "André", "Daniel", "Jean-Pierre", "Marie-Claire"};
constexpr std::array<const char*, 40> kFrenchLast = {
    "Dubois", "Lambert", "Dupont", "Martin", "Simon", "Laurent", "Lejeune", "Renard", "Leclercq", "Denis",
    "Dumont", "Lemaire", "Michel", "Fontaine", "Collin", "Gérard", "Lefèvre", "Mathieu", "Henrard", "Thiry",
    "Dethier", "Piron", "Delvaux", "Leroy", "François", "Charlier", "Hubert", "Masson", "Jacquet", "Gilson",
    "Wilmotte", "Bodart", "Delhaye", "Noël", "Lecomte", "Bastin", "Marchal", "Goffin", "Poncelet", "Remacle"};
constexpr std::array<const char*, 40> kDutchFirst = {
    "Jan", "Pieter", "Bart", "Koen", "Tom", "Wim", "Jonas", "Dirk", "Geert", "Luc",
    "Marc", "Kris", "Hans", "Filip", "Stijn", "Jef", "Willy", "Frank", "Erik", "Joris",
    "An", "Els", "Griet", "Inge", "Leen", "Katrien", "Sofie", "Lieve", "Hilde", "Veerle",
    "Ann", "Karolien", "Nele", "Sarah", "Lotte", "Marleen", "Rita", "Greet", "Ilse", "Annelies"};
constexpr std::array<const char*, 40> kDutchLast = {
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters", "De Smet",
    "Vermeulen", "Van Damme", "De Backer", "Hermans", "Declercq", "Dewulf", "Baert", "Van den Broeck", "Verstraeten",
    "De Vos", "Pauwels", "Michiels", "Aerts", "Smets", "Desmet", "Verhoeven", "Van Acker", "Lemmens", "Coppens",
    "Van de Velde", "De Clercq", "Segers", "Verbeke", "Cools", "Bogaerts", "Vandenberghe", "De Meyer", "Martens",
    "Stevens", "Hendrickx"};
constexpr std::array<const char*, 12> kMaghrebFirst = {"Mohamed", "Ahmed", "Youssef", "Karim", "Mehdi", "Samir",
                                                       "Rachid", "Fatima", "Amina", "Nadia", "Yasmina", "Khadija"};
constexpr std::array<const char*, 12> kMaghrebLast = {"El Amrani", "Benali", "Bouzid", "El Idrissi", "Azzouzi",
                                                      "Benhaddou", "Ouali", "Boukhari", "Chaoui", "El Khattabi",
                                                      "Tahiri", "Ait Ouali"};
constexpr std::array<const char*, 8> kTurkishFirst = {"Mehmet", "Mustafa", "Ayşe", "Zeynep", "Elif", "Emre", "Hakan",
                                                      "Fatma"};
constexpr std::array<const char*, 8> kTurkishLast = {"Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın",
                                                     "Arslan"};
constexpr std::array<const char*, 8> kItalianFirst = {"Giuseppe", "Marco", "Francesca", "Giulia", "Antonio",
                                                      "Salvatore", "Rosa", "Luca"};
constexpr std::array<const char*, 8> kItalianLast = {"Rossi", "Russo", "Esposito", "Romano", "Colombo", "Ricci",
                                                     "Marino", "Greco"};
constexpr std::array<const char*, 8> kIberianFirst = {"João", "Ana", "Carlos", "Maria", "José", "Sofia", "Manuel",
                                                      "Inês"};
constexpr std::array<const char*, 8> kIberianLast = {"Silva", "Pereira", "Santos", "Fernandes", "García", "Martínez",
                                                     "Rodrigues", "López"};
constexpr std::array<const char*, 8> kEasternFirst = {"Piotr", "Katarzyna", "Agnieszka", "Tomasz", "Ioana", "Andrei",
                                                      "Elena", "Marek"};
constexpr std::array<const char*, 8> kEasternLast = {"Nowak", "Kowalczyk", "Lewandowski", "Popescu", "Ionescu",
                                                     "Dumitru", "Wójcik", "Stan"};
constexpr std::array<const char*, 8> kCentralAfricanFirst = {"Jean-Claude", "Patience", "Mamadou", "Aminata",
                                                             "Espérance", "Fabrice", "Grâce", "Serge"};
constexpr std::array<const char*, 8> kCentralAfricanLast = {"Mbuyi", "Kabongo", "Lukusa", "Diallo", "Tshibangu",
                                                            "Ilunga", "Kasongo", "Mukendi"};

struct Origin {
  Names first;
  Names last;
  int weight;                       // share among person owners, in %
  std::array<int, 3> language;      // per mille: fr, nl, en
};
const std::array<Origin, 8> kOrigins = {{
    {kFrenchFirst, kFrenchLast, 55, {950, 0, 50}},
    {kDutchFirst, kDutchLast, 22, {140, 860, 0}},
    {kMaghrebFirst, kMaghrebLast, 10, {850, 60, 90}},
    {kTurkishFirst, kTurkishLast, 3, {850, 60, 90}},
    {kItalianFirst, kItalianLast, 3, {850, 60, 90}},
    {kIberianFirst, kIberianLast, 3, {850, 60, 90}},
    {kEasternFirst, kEasternLast, 2, {850, 60, 90}},
    {kCentralAfricanFirst, kCentralAfricanLast, 2, {850, 60, 90}},
}};
constexpr std::array<const char*, 3> kLanguages = {"fr", "nl", "en"};

// Places whose names companies take.
constexpr std::array<const char*, 20> kCompanyPlaces = {
    "Sablon", "Louise", "Flagey", "Meiser", "Dansaert", "Châtelain", "Montgomery", "Jourdan", "Bockstael", "Simonis",
    "Cinquantenaire", "Ambiorix", "Brugmann", "Stéphanie", "Molière", "Josaphat", "Heysel", "Schuman", "Madou", "Duden"};

// Bank codes of Belgian banks (BNP Paribas Fortis, Belfius, ING, KBC/CBC, Argenta).
constexpr std::array<int, 10> kBankCodes = {1, 68, 96, 310, 363, 734, 735, 751, 973, 63};
constexpr std::array<int, 10> kBankWeights = {20, 8, 6, 12, 10, 10, 6, 6, 12, 10};
constexpr std::array<int, 25> kMobilePrefixes = {470, 471, 472, 473, 474, 475, 476, 477, 478, 479, 484, 485, 486,
                                                 487, 488, 489, 491, 492, 493, 494, 495, 496, 497, 498, 499};
// Reserved for examples, never a real mailbox.
constexpr std::array<const char*, 6> kMailDomains = {"example.be", "example.be", "example.be",
                                                     "example.com", "example.net", "example.org"};

std::string digits(std::int64_t value, int width) {
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "%0*lld", width, static_cast<long long>(value));
  return buffer;
}

std::string draw_language(Random& rng, const std::array<int, 3>& per_mille) {
  return kLanguages[rng.weighted(std::span<const int>(per_mille))];
}

// Folds one code point of a name to ASCII letters for an e-mail address ("" to drop it).
std::string fold(char32_t c) {
  if (c < 0x80) {
    char a = static_cast<char>(c);
    if (a >= 'A' && a <= 'Z') return std::string(1, static_cast<char>(a - 'A' + 'a'));
    if ((a >= 'a' && a <= 'z') || (a >= '0' && a <= '9')) return std::string(1, a);
    return "";
  }
  switch (c) {
    case U'à': case U'á': case U'â': case U'ä': case U'ã': return "a";
    case U'ç': case U'Ç': return "c";
    case U'è': case U'é': case U'ê': case U'ë': case U'É': return "e";
    case U'ì': case U'í': case U'î': case U'ï': case U'ı': return "i";
    case U'ñ': return "n";
    case U'ò': case U'ó': case U'ô': case U'ö': case U'õ': case U'Ö': return "o";
    case U'ù': case U'ú': case U'û': case U'ü': return "u";
    case U'ş': case U'Ş': return "s";
    case U'ğ': return "g";
  }
  return "";
}

// Lower-case ASCII letters and digits of `text`; a space or hyphen becomes `space` (or nothing).
std::string to_ascii(std::string_view text, char space) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    auto byte = static_cast<unsigned char>(text[i]);
    char32_t c = byte;
    std::size_t length = 1;
    if (byte >= 0xF0) { c = byte & 0x07; length = 4; }
    else if (byte >= 0xE0) { c = byte & 0x0F; length = 3; }
    else if (byte >= 0xC0) { c = byte & 0x1F; length = 2; }
    for (std::size_t k = 1; k < length && i + k < text.size(); ++k)
      c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    if ((c == U' ' || c == U'-') && space && !out.empty() && out.back() != space) out += space;
    else out += fold(c);
    i += length;
  }
  return out;
}

}  // namespace

std::string email_local_part(std::string_view first, std::string_view last) {
  std::string f = to_ascii(first, 0), l = to_ascii(last, 0);
  if (f.empty()) return l;
  if (l.empty()) return f;
  return f + "." + l;
}

std::string belgian_iban(Random& rng) {
  const std::int64_t bank = kBankCodes[rng.weighted(std::span<const int>(kBankWeights))];
  const std::int64_t first_ten = bank * 10'000'000 + rng.between(0, 9'999'999);
  std::int64_t check = first_ten % 97;
  if (check == 0) check = 97;
  const std::string bban = digits(first_ten, 10) + digits(check, 2);
  // "BE00" moved to the end: B = 11, E = 14, then 00.
  const std::uint64_t number = static_cast<std::uint64_t>(first_ten * 100 + check) * 1'000'000ull + 111400ull;
  const auto iban_check = static_cast<std::int64_t>(98 - number % 97);
  return "BE" + digits(iban_check, 2) + bban;
}

std::string enterprise_number(Random& rng) {
  // The first eight digits: 0, then 4–8 (the numbers in use), then six more.
  const std::int64_t first_eight = rng.between(4, 8) * 1'000'000 + rng.between(0, 999'999);
  return digits(first_eight, 8) + digits(97 - first_eight % 97, 2);
}

std::string phone_number(Random& rng) {
  auto pairs = [&](int count) {
    std::string out;
    for (int i = 0; i < count; ++i) out += " " + digits(rng.between(0, 99), 2);
    return out;
  };
  const int roll = rng.between_int(0, 99);
  if (roll < 55) return "0" + std::to_string(rng.pick(std::span<const int>(kMobilePrefixes))) + pairs(3);
  if (roll < 65) return "+32 " + std::to_string(rng.pick(std::span<const int>(kMobilePrefixes))) + pairs(3);
  return "02 " + std::to_string(rng.between(200, 799)) + pairs(2);
}

owners::Owner draw_person(Random& rng, const Places& places) {
  std::array<int, kOrigins.size()> weights{};
  for (std::size_t i = 0; i < kOrigins.size(); ++i) weights[i] = kOrigins[i].weight;
  const auto& origin = kOrigins[rng.weighted(std::span<const int>(weights))];
  owners::Owner o;
  o.kind = owners::OwnerKind::person;
  o.language = draw_language(rng, origin.language);
  const std::string first = rng.pick(origin.first), last = rng.pick(origin.last);
  o.name = first + " " + last;
  if (rng.chance(60)) {  // a couple owning together: "Luc et Marie Dubois"
    std::string other = rng.pick(origin.first);
    if (other != first) o.name = first + (o.language == "nl" ? " en " : " et ") + other + " " + last;
  }
  if (rng.chance(700)) {
    std::string local = email_local_part(first, last);
    const int style = rng.between_int(0, 9);
    if (style < 2) local = email_local_part(first.substr(0, 1), last);
    else if (style < 4) local += std::to_string(rng.between(1, 99));
    o.email = local + "@" + rng.pick(std::span<const char* const>(kMailDomains));
  }
  if (rng.chance(800)) o.phone = phone_number(rng);
  o.address = places.postal_address(rng, 850);
  o.iban = belgian_iban(rng);
  return o;
}

owners::Owner draw_company(Random& rng, const Places& places) {
  owners::Owner o;
  o.kind = owners::OwnerKind::company;
  o.language = draw_language(rng, {750, 200, 50});
  const std::string place = rng.pick(std::span<const char* const>(kCompanyPlaces));
  const int pattern = rng.between_int(0, 4);
  std::string base;  // the name without its legal form
  if (o.language == "nl") {
    const std::string last = rng.pick(std::span<const char* const>(kDutchLast));
    const char* form = rng.chance(700) ? "BV" : "NV";
    const std::array<std::string, 5> names = {"Vastgoed " + last, "Immo " + place, "Patrimonium " + place,
                                              last + " Vastgoed", "Bouwonderneming " + last};
    base = names[static_cast<std::size_t>(pattern)];
    o.name = base + " " + form;
  } else if (o.language == "en") {
    const std::array<std::string, 3> names = {place + " Properties", place + " Real Estate",
                                              "Brussels " + place + " Homes"};
    base = names[static_cast<std::size_t>(pattern % 3)];
    o.name = base + (rng.chance(600) ? " SRL" : " SA");
  } else {
    const std::string last = rng.pick(std::span<const char* const>(kFrenchLast));
    const char* form = rng.chance(700) ? "SRL" : "SA";
    const std::array<std::string, 5> names = {"Immo " + place, "Immobilière " + place, "Patrimoine " + last,
                                              "Résidences " + place, last + " & Fils"};
    base = names[static_cast<std::size_t>(pattern)];
    o.name = base + " " + form;
  }
  o.company_number = enterprise_number(rng);
  if (rng.chance(700)) {
    const std::string slug = to_ascii(base, '-');
    const std::array<const char*, 3> boxes = {"info", "gestion", "contact"};
    o.email = std::string(o.language == "nl" ? "info" : boxes[static_cast<std::size_t>(rng.between(0, 2))]) + "@" +
              slug + ".example.be";
  }
  if (rng.chance(800)) o.phone = rng.chance(700) ? "02 " + std::to_string(rng.between(200, 799)) + " " +
                                                       digits(rng.between(0, 99), 2) + " " + digits(rng.between(0, 99), 2)
                                                 : phone_number(rng);
  o.address = places.postal_address(rng, 800);
  o.iban = belgian_iban(rng);
  return o;
}

}  // namespace hms::app::demo
