#include "app/demo/demo_places.hpp"

#include <array>
#include <stdexcept>

namespace hms::app::demo {
namespace {

struct CommuneStreets {
  const char* postcode;
  std::span<const char* const> streets;
  std::span<const char* const> neighbours;
};

// Real streets of each commune (French names, as on the street signs' first line).
constexpr std::array<const char*, 12> k1000 = {
    "Rue Haute", "Rue Blaes", "Rue des Tanneurs", "Rue de Flandre", "Rue Antoine Dansaert", "Rue du Midi",
    "Rue de Laeken", "Rue des Minimes", "Rue du Marais", "Rue de la Senne", "Boulevard Anspach", "Rue des Chartreux"};
constexpr std::array<const char*, 6> k1020 = {"Rue Marie-Christine", "Avenue de la Reine", "Rue Fransman",
                                              "Boulevard Émile Bockstael", "Rue Champ de l'Église", "Rue Léopold Ier"};
constexpr std::array<const char*, 4> k1120 = {"Rue François Vekemans", "Rue de Ransbeek", "Chaussée de Vilvorde",
                                              "Rue Bruyn"};
constexpr std::array<const char*, 4> k1130 = {"Rue de Cortenbach", "Rue de Verdun", "Rue du Donjon",
                                              "Rue Harenheyde"};
constexpr std::array<const char*, 9> k1030 = {"Rue Royale Sainte-Marie", "Chaussée de Haecht", "Rue Josaphat",
                                              "Avenue Rogier", "Rue Gallait", "Rue des Palais", "Chaussée d'Helmet",
                                              "Avenue Louis Bertrand", "Rue Vanderlinden"};
constexpr std::array<const char*, 6> k1040 = {"Avenue d'Auderghem", "Rue des Champs", "Rue Général Leman",
                                              "Avenue de la Chevalerie", "Rue de Tervaete", "Rue Philippe Baucq"};
constexpr std::array<const char*, 8> k1050 = {"Chaussée de Boondael", "Rue de la Paix", "Chaussée d'Ixelles",
                                              "Rue Malibran", "Rue du Trône", "Avenue de la Couronne", "Rue Gray",
                                              "Rue Van Aa"};
constexpr std::array<const char*, 7> k1060 = {"Chaussée de Waterloo", "Rue de la Victoire", "Rue Théodore Verhaegen",
                                              "Avenue du Parc", "Rue de Mérode", "Rue Vanderschrick",
                                              "Chaussée de Forest"};
constexpr std::array<const char*, 8> k1070 = {"Rue Wayez", "Rue Brogniez", "Chaussée de Mons", "Rue Eloy",
                                              "Rue de la Clinique", "Boulevard de la Révision", "Rue Van Lint",
                                              "Rue Georges Moreau"};
constexpr std::array<const char*, 8> k1080 = {"Chaussée de Gand", "Rue de Ribaucourt", "Rue Picard",
                                              "Boulevard Léopold II", "Rue de l'Intendant", "Rue des Quatre-Vents",
                                              "Rue Vandermaelen", "Rue du Comte de Flandre"};
constexpr std::array<const char*, 5> k1081 = {"Rue de l'Église Sainte-Anne", "Rue Herkoliers", "Avenue de la Liberté",
                                              "Rue Émile Sergijsels", "Avenue du Panthéon"};
constexpr std::array<const char*, 4> k1082 = {"Rue de Grand-Bigard", "Avenue de Selliers de Moranville",
                                              "Avenue Josse Goffin", "Rue Openveld"};
constexpr std::array<const char*, 3> k1083 = {"Avenue Charles-Quint", "Avenue Van Overbeke", "Avenue de Villegas"};
constexpr std::array<const char*, 6> k1090 = {"Rue Léon Theodor", "Boulevard de Smet de Naeyer", "Rue Ferdinand Lenoir",
                                              "Avenue de Jette", "Rue Jules Lahaye", "Place Cardinal Mercier"};
constexpr std::array<const char*, 5> k1140 = {"Avenue Henry Dunant", "Rue Édouard Stuckens", "Rue de Genève",
                                              "Avenue Léon Grosjean", "Chaussée de Louvain"};
constexpr std::array<const char*, 4> k1150 = {"Rue François Gay", "Avenue de Tervueren", "Rue au Bois", "Rue Kelle"};
constexpr std::array<const char*, 4> k1160 = {"Boulevard du Souverain", "Chaussée de Wavre",
                                              "Avenue Jean Van Horenbeeck", "Rue du Villageois"};
constexpr std::array<const char*, 4> k1170 = {"Place Keym", "Rue des Trois Tilleuls", "Chaussée de La Hulpe",
                                              "Avenue Léopold Wiener"};
constexpr std::array<const char*, 6> k1180 = {"Chaussée d'Alsemberg", "Rue Vanderkindere", "Avenue Brugmann",
                                              "Rue du Doyenné", "Rue Xavier de Bue", "Chaussée de Saint-Job"};
constexpr std::array<const char*, 5> k1190 = {"Avenue Van Volxem", "Chaussée de Neerstalle",
                                              "Avenue Wielemans Ceuppens", "Rue du Croissant", "Avenue du Roi"};
constexpr std::array<const char*, 6> k1200 = {"Rue Saint-Lambert", "Avenue Georges Henri", "Boulevard Brand Whitlock",
                                              "Rue Voot", "Chaussée de Roodebeek", "Avenue de Broqueville"};
constexpr std::array<const char*, 6> k1210 = {"Rue de la Limite", "Rue des Deux Églises", "Rue Saint-François",
                                              "Avenue de l'Astronomie", "Rue Verte", "Chaussée de Louvain"};

// Bordering communes (by postcode; the four postcodes of the City of Brussels apart).
constexpr std::array<const char*, 8> n1000 = {"1020", "1030", "1040", "1050", "1060", "1070", "1080", "1210"};
constexpr std::array<const char*, 7> n1020 = {"1000", "1030", "1080", "1081", "1090", "1120", "1140"};
constexpr std::array<const char*, 3> n1120 = {"1020", "1130", "1030"};
constexpr std::array<const char*, 3> n1130 = {"1120", "1030", "1140"};
constexpr std::array<const char*, 7> n1030 = {"1000", "1020", "1040", "1130", "1140", "1200", "1210"};
constexpr std::array<const char*, 6> n1040 = {"1000", "1030", "1050", "1150", "1160", "1200"};
constexpr std::array<const char*, 6> n1050 = {"1000", "1040", "1060", "1160", "1170", "1180"};
constexpr std::array<const char*, 5> n1060 = {"1000", "1050", "1070", "1180", "1190"};
constexpr std::array<const char*, 5> n1070 = {"1000", "1060", "1080", "1082", "1190"};
constexpr std::array<const char*, 6> n1080 = {"1000", "1020", "1070", "1081", "1082", "1090"};
constexpr std::array<const char*, 5> n1081 = {"1080", "1083", "1090", "1020", "1082"};
constexpr std::array<const char*, 4> n1082 = {"1080", "1081", "1083", "1070"};
constexpr std::array<const char*, 4> n1083 = {"1081", "1082", "1090", "1080"};
constexpr std::array<const char*, 4> n1090 = {"1020", "1081", "1083", "1080"};
constexpr std::array<const char*, 4> n1140 = {"1030", "1130", "1200", "1020"};
constexpr std::array<const char*, 4> n1150 = {"1040", "1160", "1200", "1170"};
constexpr std::array<const char*, 4> n1160 = {"1040", "1050", "1150", "1170"};
constexpr std::array<const char*, 4> n1170 = {"1160", "1050", "1180", "1150"};
constexpr std::array<const char*, 4> n1180 = {"1050", "1060", "1170", "1190"};
constexpr std::array<const char*, 3> n1190 = {"1060", "1070", "1180"};
constexpr std::array<const char*, 4> n1200 = {"1030", "1040", "1140", "1150"};
constexpr std::array<const char*, 2> n1210 = {"1000", "1030"};

const std::array<CommuneStreets, 22> kCommunes = {{
    {"1000", k1000, n1000}, {"1020", k1020, n1020}, {"1120", k1120, n1120}, {"1130", k1130, n1130},
    {"1030", k1030, n1030}, {"1040", k1040, n1040}, {"1050", k1050, n1050}, {"1060", k1060, n1060},
    {"1070", k1070, n1070}, {"1080", k1080, n1080}, {"1081", k1081, n1081}, {"1082", k1082, n1082},
    {"1083", k1083, n1083}, {"1090", k1090, n1090}, {"1140", k1140, n1140}, {"1150", k1150, n1150},
    {"1160", k1160, n1160}, {"1170", k1170, n1170}, {"1180", k1180, n1180}, {"1190", k1190, n1190},
    {"1200", k1200, n1200}, {"1210", k1210, n1210},
}};

const CommuneStreets* find(std::string_view postcode) {
  for (const auto& c : kCommunes)
    if (postcode == c.postcode) return &c;
  return nullptr;
}

// Owners living elsewhere in Belgium: a street, postcode and town.
struct Town {
  const char* street;
  const char* postcode;
  const char* town;
};
constexpr std::array<Town, 16> kTowns = {{
    {"Steenweg op Brussel", "1780", "Wemmel"},
    {"Rue de Namur", "1300", "Wavre"},
    {"Meir", "2000", "Antwerpen"},
    {"Veldstraat", "9000", "Gent"},
    {"Rue de Fer", "5000", "Namur"},
    {"Boulevard d'Avroy", "4000", "Liège"},
    {"Chaussée de Bruxelles", "1410", "Waterloo"},
    {"Bondgenotenlaan", "3000", "Leuven"},
    {"Hoogstraat", "1930", "Zaventem"},
    {"Avenue Reine Astrid", "1950", "Kraainem"},
    {"Chaussée de Waterloo", "1640", "Rhode-Saint-Genèse"},
    {"Markt", "8000", "Brugge"},
    {"Rue de la Montagne", "6000", "Charleroi"},
    {"Place de l'Université", "1348", "Louvain-la-Neuve"},
    {"Brusselsesteenweg", "3080", "Tervuren"},
    {"Grote Markt", "2800", "Mechelen"},
}};

}  // namespace

std::span<const char* const> streets_of(std::string_view postcode) {
  auto c = find(postcode);
  return c ? c->streets : std::span<const char* const>{};
}

std::span<const char* const> neighbours_of(std::string_view postcode) {
  auto c = find(postcode);
  return c ? c->neighbours : std::span<const char* const>{};
}

Places::Places(std::vector<stock::Commune> communes) : communes_(std::move(communes)) {
  std::erase_if(communes_, [](const stock::Commune& c) { return streets_of(c.postcode).empty(); });
  if (communes_.empty()) throw std::runtime_error("demo: no commune of the Region is stored (table communes)");
}

const stock::Commune& Places::commune(std::string_view postcode) const {
  for (const auto& c : communes_)
    if (c.postcode == postcode) return c;
  return communes_.front();
}

const stock::Commune& Places::dwelling_commune(Random& rng, std::string_view home) const {
  auto neighbours = neighbours_of(home);
  const int roll = rng.between_int(0, 999);
  if (roll < 600 || (neighbours.empty() && roll < 930)) return commune(home);
  if (roll < 930) return commune(rng.pick(neighbours));
  return communes_[static_cast<std::size_t>(rng.between(0, static_cast<std::int64_t>(communes_.size()) - 1))];
}

std::string Places::house_number(Random& rng) {
  std::string n = std::to_string(rng.chance(500) ? rng.between(1, 40) : rng.between(1, 220));
  if (rng.chance(40)) n += rng.chance(700) ? "A" : "B";
  return n;
}

std::string Places::locality(const stock::Commune& c) {
  // "Bruxelles (Laeken)" → "Laeken": the envelope names the former commune.
  const auto open = c.name_fr.find('(');
  const auto close = c.name_fr.rfind(')');
  if (open != std::string::npos && close != std::string::npos && close > open)
    return c.name_fr.substr(open + 1, close - open - 1);
  return c.name_fr;
}

std::string Places::postal_address(Random& rng, int brussels_per_mille) const {
  if (rng.chance(brussels_per_mille)) {
    const auto& c = communes_[static_cast<std::size_t>(rng.between(0, static_cast<std::int64_t>(communes_.size()) - 1))];
    std::string line = std::string(rng.pick(streets_of(c.postcode))) + " " + house_number(rng);
    if (rng.chance(450)) line += " bte " + std::to_string(rng.between(1, 24));
    return line + ", " + c.postcode + " " + locality(c);
  }
  const auto& t = rng.pick(std::span<const Town>(kTowns));
  return std::string(t.street) + " " + house_number(rng) + ", " + t.postcode + " " + t.town;
}

}  // namespace hms::app::demo
