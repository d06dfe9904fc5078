// Documents: rendering a one-page indexation letter (sender, window address, a 3-row table) as
// PDF, and a batch of 100 such letters as one file, as an agency prints them once a year.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "documents/letter.hpp"

namespace hms::documents {
namespace {

Letter one_page_letter(int number) {
  Letter letter;
  letter.sender = {"AIS Ixelles", "Rue du Trône 98", "1050 Ixelles", "02 512 34 56"};
  letter.recipient = {"Madame Hélène Vandeputte " + std::to_string(number), "Avenue Louise 231",
                      "1050 Ixelles"};
  letter.place_date = "Bruxelles, le 29/11/2026";
  letter.reference = "Réf. : IX-" + std::to_string(number);
  letter.subject = "Indexation de votre loyer au 1er janvier 2027";
  letter.salutation = "Madame, Monsieur,";
  letter.paragraphs = {
      "Conformément à l'article 12 du contrat de gestion, le loyer qui vous est "
      "versé est indexé chaque année sur l'indice santé."};
  letter.table = Table{{"Élément", "Indice", "Montant"},
                       {{"Loyer de base", "127,91", "1.150,00 €"},
                        {"Loyer indexé", "137,31", "1.234,56 €"},
                        {"Différence mensuelle", "", "84,56 €"}},
                       {false, true, true}};
  letter.after = {"1. Loyer de base × nouvel indice ÷ indice de départ.",
                  "2. Arrondi au cent le plus proche."};
  letter.closing = "Nous vous prions d'agréer, Madame, Monsieur, nos salutations distinguées.";
  letter.signature = {"Pour l'AIS,", "Marie Dupont", "Directrice"};
  letter.footer = "AIS Ixelles asbl · BCE 0123.456.789";
  return letter;
}

void render_one_page_letter(benchmark::State& state) {
  const std::vector<Letter> letters = {one_page_letter(1)};
  for (auto _ : state) benchmark::DoNotOptimize(render_pdf(letters, "Indexation"));
}
BENCHMARK(render_one_page_letter)->Unit(benchmark::kMillisecond);

void render_hundred_letters(benchmark::State& state) {
  std::vector<Letter> letters;
  for (int i = 0; i < 100; ++i) letters.push_back(one_page_letter(i));
  for (auto _ : state) benchmark::DoNotOptimize(render_pdf(letters, "Indexation"));
}
BENCHMARK(render_hundred_letters)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace hms::documents
