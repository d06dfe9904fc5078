#include "app/demo/demo_region.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <exception>
#include <mutex>
#include <thread>

#include "app/demo/demo_ledger.hpp"
#include "app/demo/demo_stock.hpp"
#include "app/demo/random.hpp"
#include "app/subsidies/subsidies.hpp"
#include "common/date.hpp"
#include "app/users/passwords.hpp"
#include "common/text.hpp"

namespace hms::app::demo {
namespace {

struct AgencyName {
  const char* code;
  const char* name;
  const char* postcode;
  const char* street;
};

// Synthetic agencies, one or two per commune, with plausible names and office streets.
constexpr std::array<AgencyName, 24> kAgencies = {{
    {"AIS-BXL", "AIS Bruxelles-Centre", "1000", "Rue des Tanneurs"},
    {"AIS-LAEKEN", "Habitat Laeken", "1020", "Rue Marie-Christine"},
    {"AIS-SCHAERBEEK", "AIS Schaerbeek Logement", "1030", "Rue Royale Sainte-Marie"},
    {"AIS-ETTERBEEK", "Logement Etterbeek", "1040", "Avenue d'Auderghem"},
    {"AIS-IXELLES", "AIS Ixelles - Elsene", "1050", "Chaussée de Boondael"},
    {"AIS-STGILLES", "Toit Saint-Gilles", "1060", "Chaussée de Waterloo"},
    {"AIS-ANDERLECHT", "AIS Anderlecht", "1070", "Rue Wayez"},
    {"SVK-CUREGHEM", "SVK Kuregem", "1070", "Rue Brogniez"},
    {"AIS-MOLENBEEK", "AIS Molenbeek", "1080", "Chaussée de Gand"},
    {"AIS-KOEKELBERG", "Maison Koekelberg", "1081", "Rue de l'Eglise Sainte-Anne"},
    {"AIS-BERCHEM", "AIS Berchem-Ganshoren", "1082", "Rue de Grand-Bigard"},
    {"SVK-JETTE", "SVK Jette", "1090", "Rue Léon Theodor"},
    {"AIS-EVERE", "Evere Habitat", "1140", "Avenue Henry Dunant"},
    {"AIS-WOLUWE", "AIS des Woluwe", "1200", "Rue Saint-Lambert"},
    {"AIS-AUDERGHEM", "Logis Auderghem", "1160", "Boulevard du Souverain"},
    {"AIS-BOITSFORT", "AIS Watermael-Boitsfort", "1170", "Place Keym"},
    {"AIS-UCCLE", "Uccle Solidaire", "1180", "Chaussée d'Alsemberg"},
    {"AIS-FOREST", "AIS Forest", "1190", "Avenue Van Volxem"},
    {"AIS-STJOSSE", "Quartiers Saint-Josse", "1210", "Rue de la Limite"},
    {"SVK-BRUSSEL", "SVK Brussel Noord", "1000", "Vlaamsesteenweg"},
    {"AIS-HAREN", "Habitat Nord-Est", "1130", "Rue de Cortenbach"},
    {"AIS-NOH", "AIS Neder-Over-Heembeek", "1120", "Rue François Vekemans"},
    {"AIS-SOLIDAIRE", "Logement Solidaire Bruxelles", "1030", "Avenue Rogier"},
    {"AIS-MAROLLES", "AIS Marolles", "1000", "Rue Haute"},
}};

// Relative agency sizes: one very large, a few above the 450 cap, most between 100 and 400.
constexpr std::array<int, 24> kSizeProfile = {850, 620, 540, 480, 460, 420, 400, 380, 360, 340, 320, 300,
                                              290, 270, 250, 230, 210, 200, 180, 160, 140, 120, 110, 100};

// The fewest dwellings an agency gets in a small demo (tests); a full region has 100 or more.
constexpr int kSmallestAgency = 5;

constexpr std::array<const char*, 40> kFirstNames = {
    "Marie", "Sophie", "Nathalie", "Isabelle", "Amina", "Fatima", "Sarah", "Laura", "Julie", "Camille",
    "An", "Els", "Griet", "Inge", "Leen", "Nadia", "Yasmina", "Ana", "Elena", "Zeynep",
    "Thomas", "Nicolas", "Pierre", "Mohamed", "Youssef", "Karim", "Jan", "Pieter", "Bart", "Koen",
    "Luc", "Marc", "Olivier", "David", "Mehdi", "Samir", "Tom", "Wim", "Ahmed", "Jonas"};
constexpr std::array<const char*, 40> kLastNames = {
    "Dubois", "Lambert", "Dupont", "Martin", "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems",
    "Claes", "Goossens", "Wouters", "De Smet", "Leclercq", "Renard", "Lejeune", "Simon", "Laurent", "Denis",
    "El Amrani", "Benali", "Bouzid", "Yilmaz", "Kaya", "Nowak", "Silva", "Pereira", "Rossi", "Diallo",
    "Vermeulen", "Van Damme", "De Backer", "Hermans", "Declercq", "Michel", "Fontaine", "Dewulf", "Baert", "Collin"};
constexpr std::array<const char*, 32> kWords = {
    "tulipe", "canal", "brique", "atomium", "gaufre", "tram", "fanfare", "horizon", "pelouse", "lanterne",
    "molen", "zonnig", "fiets", "klok", "tuin", "bakker", "kiosque", "marelle", "velours", "comptoir",
    "ardoise", "orchidee", "meridien", "boussole", "sentier", "lavande", "houblon", "beffroi", "cerise", "pavot",
    "kasseien", "marolle"};

std::string demo_password(Random& rng) {
  std::span<const char* const> words(kWords);
  return std::string(rng.pick(words)) + "-" + rng.pick(words) + "-" + rng.pick(words) + "-" +
         std::to_string(rng.between(10, 99));
}

void check(const Options& o) {
  auto invalid = [](const char* field) {
    return DomainError(ErrorKind::validation, "demo.invalid_option").param("option", field).field(field);
  };
  if (o.agencies < 1 || o.agencies > 200) throw invalid("agencies");
  if (o.dwellings < kSmallestAgency * o.agencies || o.dwellings > 100'000) throw invalid("dwellings");
  if (o.years < 1 || o.years > 30) throw invalid("years");
  if (o.workers < 1 || o.workers > 16) throw invalid("workers");
  if (o.ledger_years < 0 || o.ledger_years > 30) throw invalid("ledger-years");
}

}  // namespace

std::vector<int> agency_sizes(const Options& o) {
  Random rng(o.seed ^ 0x5157);
  std::vector<double> raw;
  double total = 0;
  for (int i = 0; i < o.agencies; ++i) {
    double jitter = 0.95 + static_cast<double>(rng.between(0, 100)) / 1000.0;  // ±5 %
    raw.push_back(kSizeProfile[static_cast<std::size_t>(i) % kSizeProfile.size()] * jitter);
    total += raw.back();
  }
  // Below 100 dwellings per agency (a small demo for tests) the sizes only keep their proportions.
  const bool small = o.dwellings < 100 * o.agencies;
  std::vector<int> sizes;
  for (double r : raw) {
    const int size = static_cast<int>(std::lround(r * o.dwellings / total));
    sizes.push_back(small ? std::max(size, kSmallestAgency) : std::clamp(size, 100, 850));
  }
  return sizes;
}

namespace {

// The subsidy request made from a frozen inventory a week after it, with the rates of its year:
// a past year's accepted in January with its tranches paid on their due date once past (the
// two-thirds statistics sent the week before); this year's awaiting the Region, but the second
// agency's, which the Region questioned.
void demo_request(UnitOfWork& uow, const subsidies::FrozenInventory& f, int index, std::chrono::year_month_day today) {
  const int year = static_cast<int>(f.inventory.date.year()) + 1;
  const auto rates =
      uow.rules().subsidy_rates().in_force(std::chrono::year_month_day{std::chrono::year(year), std::chrono::January, std::chrono::day(1)});
  if (!rates) return;
  auto r = subsidies::compute_request(f.inventory, *rates);
  r.inventory_id = f.id;
  const auto at = [](std::chrono::year_month_day day) {
    return std::chrono::sys_seconds{std::chrono::sys_days{day}}.time_since_epoch().count() + 11 * 3600;
  };
  const auto made_on = add_days(f.inventory.date, 27);
  r.events = {{"submitted", "", std::nullopt, "", at(made_on)}};
  const std::chrono::year_month_day january{std::chrono::year(year), std::chrono::January, std::chrono::day(15)};
  const bool past = january <= today;
  r.status = subsidies::RequestStatus::submitted;
  r.id = uow.subsidy_requests().insert(r);
  if (past) {
    uow.subsidy_requests().change_status(r.id, subsidies::RequestStatus::submitted, subsidies::RequestStatus::accepted,
                                         {"accepted", "", std::nullopt, "", at(january)});
    auto tranches = subsidies::plan_tranches(r.total_cents, year, *rates);
    uow.subsidy_requests().insert_tranches(r, tranches);
    const auto accepted = uow.subsidy_requests().find(r.id);
    for (const auto& t : accepted->tranches) {
      if (t.due_on > today) continue;
      if (!t.justification.empty()) {
        std::int64_t leases = 0, at_or_below = 0;
        for (const auto& row : uow.leases().income_mix(r.agency_id, add_days(t.due_on, -7))) {
          leases += row.leases;
          at_or_below += row.at_or_below;
        }
        uow.subsidy_requests().justify_tranche(t.id, add_days(t.due_on, -7), leases, at_or_below);
      }
      uow.subsidy_requests().pay_tranche(t.id, t.due_on);
    }
  } else if (index == 1) {
    uow.subsidy_requests().change_status(
        r.id, subsidies::RequestStatus::submitted, subsidies::RequestStatus::question,
        {"question", "Merci de préciser les logements de transit. / Graag de transitwoningen toelichten.", std::nullopt, "",
         at(add_days(made_on, 10))});
  }
}

// 5. What the Region knows of each agency (contract F): the largest agency above the cap of 450
//    got a derogation a year ago; every agency declared its stock last 30 September, a little
//    above what it registered in hms (coverage 91 to 99 %), every fifth agency well above
//    (coverage about 80 %: its stock is not all in hms yet); each submitted the inventories of
//    30 September of the two years before in mid-October, and four in five this year's, each
//    with its subsidy request (demo_request).
void declare_demo_stock(Store& store, const Context& ctx, const std::vector<agencies::Agency>& created) {
  auto uow = store.write();
  const auto today = ctx.clock.today();
  const auto reference = subsidies::default_reference_date(today);
  const agencies::Agency* largest = nullptr;
  std::int64_t largest_size = 0;
  for (const auto& a : created) {
    const auto size = static_cast<std::int64_t>(compute_inventory(*uow, a, today).inventory.dwellings);
    if (size > largest_size) {
      largest = &a;
      largest_size = size;
    }
  }
  if (largest && largest_size > subsidies::kDefaultCap) {
    subsidies::Derogation d;
    d.agency_id = largest->id;
    d.cap = static_cast<int>(largest_size + 25);
    d.decided_on = add_months(today, -12);
    d.reference = "AGRBC/" + std::to_string(static_cast<int>(d.decided_on.year())) + "/DER-" + largest->code;
    d.recorded_at = ctx.clock.now_seconds();
    uow->subsidies().insert_derogation(d);
  }
  for (std::size_t i = 0; i < created.size(); ++i) {
    const auto view = compute_inventory(*uow, created[i], today);
    std::int64_t registered = 0;
    for (const auto& it : view.inventory.items)
      if (it.subsidisable && it.status != "ended" && !it.status.empty()) ++registered;
    const int per_mille = i % 5 == 2 ? 800 : 910 + static_cast<int>((i * 37) % 80);
    const std::int64_t declared = std::max<std::int64_t>(registered, (registered * 1000 + per_mille - 1) / per_mille);
    uow->oversight().insert_declared({created[i].id, reference, declared, std::nullopt, ctx.clock.now_seconds()});
    // The inventories of the two years before, each frozen and submitted by the agency in
    // October of its year, with the request made from it.
    for (int back : {24, 12}) {
      const auto past = add_months(reference, -back);
      subsidies::FrozenInventory f;
      f.agency_id = created[i].id;
      f.inventory = compute_inventory(*uow, created[i], past).inventory;
      f.submitted_at = std::chrono::sys_seconds{std::chrono::sys_days{add_days(past, 14)}}.time_since_epoch().count() +
                       10 * 3600;
      f.id = uow->subsidies().insert_frozen(f);
      demo_request(*uow, f, static_cast<int>(i), today);
    }
    // This year's, submitted by four agencies out of five before 31 October; the request made
    // from it awaits the Region (the second agency's: a question the agency has not answered).
    if (i % 5 == 4 || reference > today) continue;
    subsidies::FrozenInventory now;
    now.agency_id = created[i].id;
    now.inventory = compute_inventory(*uow, created[i], reference).inventory;
    now.submitted_at = std::chrono::sys_seconds{std::chrono::sys_days{add_days(reference, 20)}}.time_since_epoch().count() +
                       9 * 3600;
    now.id = uow->subsidies().insert_frozen(now);
    demo_request(*uow, now, static_cast<int>(i), today);
  }
  uow->commit();
}

}  // namespace

Report build_region(Store& store, const Context& ctx, const Options& o) {
  check(o);
  Random rng(o.seed);
  Report report;
  report.agency_sizes = agency_sizes(o);
  std::span<const char* const> first(kFirstNames), last(kLastNames);

  auto uow = store.write();
  if (uow->agencies().count(std::nullopt) > 0) throw DomainError(ErrorKind::conflict, "demo.database_not_empty");
  const std::int64_t now = ctx.clock.now_seconds();

  // 1. Agencies, each with its office in its commune.
  std::vector<agencies::Agency> created;
  for (int i = 0; i < o.agencies; ++i) {
    const auto& n = kAgencies[static_cast<std::size_t>(i) % kAgencies.size()];
    agencies::Agency a;
    a.code = n.code;
    a.name = n.name;
    if (i >= static_cast<int>(kAgencies.size())) {
      a.code += "-" + std::to_string(i / static_cast<int>(kAgencies.size()) + 1);
      a.name += " " + std::to_string(i / static_cast<int>(kAgencies.size()) + 1);
    }
    a.street = n.street;
    a.house_number = std::to_string(rng.between(1, 180));
    a.postcode = n.postcode;
    a.created_at = now;
    a.id = uow->agencies().insert(a);
    record(*uow, ctx, "agencies.create", "agencies", std::to_string(a.id), a.id);
    created.push_back(a);
  }

  // 2. Staff: about one person per 60 dwellings; they exist for the figures and lists, without a
  //    password (they cannot log in) — only the demo logins below can.
  auto add = [&](users::User u) {
    u.created_at = now;
    u.id = uow->users().insert(u);
    record(*uow, ctx, "users.create", "users", std::to_string(u.id), u.agency_id);
    ++report.users;
    return u;
  };
  for (std::size_t i = 0; i < created.size(); ++i) {
    const auto& a = created[i];
    int staff = report.agency_sizes[i] / 60 + 1;
    for (int k = 0; k < staff; ++k) {
      users::User u;
      std::string f = rng.pick(first), l = rng.pick(last);
      u.name = f + " " + l;
      u.login = to_lower_ascii(std::string(1, f[0]) + "." + l + "." + a.code);
      u.login.erase(std::remove(u.login.begin(), u.login.end(), ' '), u.login.end());
      u.login += "." + std::to_string(k + 1);
      u.role = k == 0 ? users::Role::agency_admin : users::Role::agency_staff;
      u.agency_id = a.id;
      add(u);
    }
  }

  // 3. One login per role, with a password printed for the person trying the demo.
  auto login = [&](const std::string& login_name, const std::string& name, users::Role role,
                   const agencies::Agency* agency) {
    users::User u;
    u.login = login_name;
    u.name = name;
    u.role = role;
    if (agency) u.agency_id = agency->id;
    std::string password = demo_password(rng);
    u.password_hash = hash_password(password);
    add(u);
    report.logins.push_back({std::string(users::to_string(role)), login_name, password, agency ? agency->code : ""});
  };
  login("sysadmin", "Demo System Administrator", users::Role::system_admin, nullptr);
  login("region", "Demo Bruxelles Logement", users::Role::region, nullptr);
  login("federation", "Demo FEDAIS", users::Role::federation, nullptr);
  login("admin." + to_lower_ascii(created[0].code), "Demo Director " + created[0].name, users::Role::agency_admin, &created[0]);
  login("staff." + to_lower_ascii(created[0].code), "Demo Staff " + created[0].name, users::Role::agency_staff, &created[0]);
  if (created.size() > 1)
    login("staff." + to_lower_ascii(created[1].code), "Demo Staff " + created[1].name, users::Role::agency_staff, &created[1]);

  // What the stock is drawn from: the Region's communes and the owner-rent caps.
  const Places places(uow->dwellings().communes());
  const rules::RentCapTable caps = uow->rules().rent_caps(rules::CapKind::owner_rent);
  const rules::RentCapTable tenant_caps = uow->rules().rent_caps(rules::CapKind::tenant_rent);
  const applicants::AdmissionIncomeTable admission = uow->rules().admission_incomes();
  uow->commit();
  std::int64_t planned_total = 0;
  for (int size : report.agency_sizes) planned_total += size;
  report.agencies = static_cast<int>(created.size());

  // 4. Each agency's stock in its own unit of work, with one audit entry for it all (appended
  //    last, so that the audit log's lock is held only for the commit). Several workers write
  //    agencies side by side when the database takes concurrent writers; each agency draws from
  //    its own random stream, so the data do not depend on the order.
  std::vector<StockCounts> counts(created.size());
  std::vector<HouseholdCounts> household_counts(created.size());
  std::vector<LedgerCounts> ledger_counts(created.size());
  std::atomic<std::size_t> next{0};
  std::mutex failure_mutex;
  std::exception_ptr failure;
  auto worker = [&] {
    for (std::size_t i = next++; i < created.size(); i = next++) {
      try {
        auto stock_uow = store.write();
        std::vector<Occupancy> occupancies;
        const StockPlan plan{created[i], static_cast<int>(i), report.agency_sizes[i], o.years, o.seed, places, caps,
                             &occupancies};
        counts[i] = build_agency_stock(*stock_uow, ctx, plan);
        // Its households: the tenants of those stays and its share of the waiting list; two
        // agencies (the 4th and the 11th) let more to moderate incomes than the two-thirds rule allows.
        // (15,000 waiting for the Region's 8,000 dwellings: a smaller demo, a shorter list.)
        const std::int64_t waiting_total = static_cast<std::int64_t>(o.waiting) * o.dwellings / 8000;
        const int waiting = static_cast<int>(waiting_total * report.agency_sizes[i] / std::max<std::int64_t>(planned_total, 1));
        const HouseholdPlan households{created[i], static_cast<int>(i), waiting, i == 3 || i == 10, o.seed,
                                       places, tenant_caps, admission, occupancies};
        household_counts[i] = build_agency_households(*stock_uow, ctx, households);
        // Its money: every month's rent run and the households' payments (the first agency's
        // last two months partly left to the CODA files the demo writes for it).
        const int ledger_years = std::min(o.ledger_years, o.years);
        if (ledger_years > 0)
          ledger_counts[i] = build_agency_ledger(*stock_uow, ctx, {created[i], static_cast<int>(i), ledger_years, o.seed, i == 0});
        record(*stock_uow, ctx, "demo.stock", "agencies", std::to_string(created[i].id), created[i].id);
        stock_uow->commit();
      } catch (...) {
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        next = created.size();  // the others stop after their current agency
      }
    }
  };
  const std::size_t workers = std::clamp<std::size_t>(static_cast<std::size_t>(std::max(o.workers, 1)), 1, created.size());
  std::vector<std::thread> threads;
  for (std::size_t w = 1; w < workers; ++w) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
  if (failure) std::rethrow_exception(failure);
  for (const auto& c : counts) report.stock += c;
  for (const auto& c : household_counts) report.households += c;
  for (const auto& c : ledger_counts) report.ledger += c;
  declare_demo_stock(store, ctx, created);
  return report;
}

}  // namespace hms::app::demo
