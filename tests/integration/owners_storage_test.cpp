// Owners are personal data (contract B; security: IBAN encrypted at rest, reads audited), on
// SQLite and PostgreSQL:
// - an owner created through the app leaves its IBAN in no column of any table in clear (every
//   text of the database read back; on SQLite also the file's bytes, WAL included);
// - the field cipher: another key, another column, a changed byte: nothing opens
//   (std::runtime_error, not a DomainError); a store with the wrong key cannot read the owner;
// - the IBAN is bound to its row (ADR 0007): copied onto another owner in SQL, reading that
//   owner fails with owners.iban_unreadable, audited, instead of showing the other's IBAN;
//   values of before (v1, bound to the column only) still open, and `hms init` re-encrypts them;
// - find_by_iban_and_name finds through the blind index, with the name compared the same way
//   on both databases (regression: PostgreSQL's lower() folded "É", SQLite's did not);
// - through a real `hms serve`: GET /api/v1/owners/{id} writes one "owners.read" audit entry
//   (seen in /api/v1/audit), and neither the server's output nor the audit log holds the IBAN;
// - the key file: `hms init` makes it owner-only (0600, 32 bytes); readable by others, `hms
//   serve` refuses to start and says why; missing while owners exist, `hms init` and `hms
//   serve` refuse, and with the file back everything reads again.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>

#include "app/agencies/agency_admin.hpp"
#include "app/owners/owners.hpp"
#include "app/users/user_admin.hpp"
#include "common/clock.hpp"
#include "storage/crypto/field_cipher.hpp"
#include "storage/db/database.hpp"
#include "storage/sql_store.hpp"
#include "support/shared_server.hpp"
#include "support/test_database.hpp"

namespace hms::test {
namespace {

using db::Backend;
using nlohmann::json;

constexpr const char* kIban = "BE68539007547034";
// What of the IBAN may never be found in clear: the whole, the BBAN, runs of eight of its
// digits, its grouped display form. (Four digits alone would also match hexadecimal hashes.)
const std::vector<std::string>& forbidden() {
  static const std::vector<std::string> f = {"BE68539007547034", "539007547034", "53900754", "90075470",
                                             "BE68 5390",        "5390 0754",    "0754 7034", "be68539007547034"};
  return f;
}

std::string found_in(const std::string& text) {
  for (const auto& f : forbidden())
    if (text.find(f) != std::string::npos) return f;
  return "";
}

constexpr std::array<unsigned char, storage::FieldCipher::kKeyBytes> kOtherKey{
    9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9};

// ---- In process, over a fresh database --------------------------------------------------------

class OwnersStorageTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    database_ = db::Database::open(url(), 4);
    {
      auto c = database_->acquire();
      db::migrate(*c);
    }
    store_ = std::make_unique<storage::SqlStore>(database_, storage::FieldCipher(kTestFieldKey));
    app::add_agency(*store_, cli(), "AIS-A", "Agence A");
    app::add_agency(*store_, cli(), "AIS-B", "Agence B");
    staff_a_ = app::add_user(*store_, cli(), {"staff.a", "Sam", "agency_staff", "AIS-A", "violet bicycle orchard 17", std::nullopt});
    staff_b_ = app::add_user(*store_, cli(), {"staff.b", "Bea", "agency_staff", "AIS-B", "walnut glacier trumpet 35", std::nullopt});
  }

  app::Context cli() { return app::Context{clock_, "cli", std::nullopt, std::nullopt}; }
  app::Context as(const users::User& u) { return app::Context{clock_, "req", u, std::nullopt}; }
  owners::Owner create(const users::User& u, const std::string& name, const std::string& iban) {
    app::OwnerFields f;
    f.kind = "person";
    f.name = name;
    f.iban = iban;
    f.email = "owner@example.be";
    return app::create_owner(*store_, as(u), f);
  }
  std::vector<std::string> tables() {
    auto c = database_->acquire();
    std::vector<std::string> out;
    const char* sql = backend() == Backend::sqlite
                          ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                          : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                            " AND table_type = 'BASE TABLE'";
    for (const auto& r : c->query(sql)) out.push_back(r.text(0));
    return out;
  }
  std::vector<std::string> columns(const std::string& table) {
    auto c = database_->acquire();
    std::vector<std::string> out;
    if (backend() == Backend::sqlite) {
      for (const auto& r : c->query("SELECT name FROM pragma_table_info('" + table + "')")) out.push_back(r.text(0));
    } else {
      for (const auto& r : c->query("SELECT column_name FROM information_schema.columns WHERE table_schema ="
                                    " current_schema() AND table_name = $1",
                                    {table}))
        out.push_back(r.text(0));
    }
    return out;
  }

  FixedClock clock_{1'767'225'600};  // 2026-01-01 00:00:00 UTC
  std::shared_ptr<db::Database> database_;
  std::unique_ptr<storage::SqlStore> store_;
  users::User staff_a_, staff_b_;
};

TEST_P(OwnersStorageTest, TheIbanIsInNoColumnInClear) {
  auto o = create(staff_a_, "Marie Dubois", "be68 5390 0754 7034");
  ASSERT_EQ(o.iban, kIban);
  app::OwnerFields change;
  change.email = "marie@example.be";
  app::update_owner(*store_, as(staff_a_), o.id, change);
  app::find_owner(*store_, as(staff_a_), o.id);  // audited read
  int checked = 0;
  for (const auto& table : tables()) {
    for (const auto& column : columns(table)) {
      auto c = database_->acquire();
      for (const auto& r : c->query("SELECT CAST(" + column + " AS TEXT) FROM " + table)) {
        if (r.is_null(0)) continue;
        const auto value = r.text(0);
        EXPECT_EQ(found_in(value), "") << table << "." << column << " holds the IBAN in clear: " << value;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 50);
  // What is stored instead: the AEAD value, a keyed hash, and what a masked list shows.
  auto c = database_->acquire();
  auto row = c->query_one("SELECT iban_cipher, iban_index, iban_country, iban_last4 FROM owners WHERE id = $1", {o.id});
  ASSERT_TRUE(row);
  EXPECT_EQ(row->text(0).rfind("v2:" + std::to_string(o.agency_id) + "." + std::to_string(o.id) + ":", 0), 0u)
      << row->text(0);
  EXPECT_EQ(row->text(1).size(), 64u);
  EXPECT_EQ(row->text(2), "BE");
  EXPECT_EQ(row->text(3), "7034");
  // SQLite: the bytes of the database file and its write-ahead log.
  if (backend() == Backend::sqlite) {
    const std::filesystem::path file = url().substr(std::string("sqlite:").size());
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(file.parent_path())) {
      if (!entry.is_regular_file()) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      EXPECT_EQ(found_in(bytes), "") << entry.path() << " holds the IBAN in clear";
      ++files;
    }
    EXPECT_GE(files, 1);
  }
  // And the store reads it back in clear.
  EXPECT_EQ(app::find_owner(*store_, as(staff_a_), o.id).iban, kIban);
}

TEST_P(OwnersStorageTest, AStoreWithAnotherKeyCannotReadTheOwner) {
  auto o = create(staff_a_, "Marie Dubois", kIban);
  storage::SqlStore wrong(database_, storage::FieldCipher(kOtherKey));
  try {
    app::find_owner(wrong, as(staff_a_), o.id);
    FAIL() << "read with another key";
  } catch (const DomainError& e) {
    FAIL() << "a wrong key is no user error: " << e.code();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("key"), std::string::npos) << e.what();
    EXPECT_EQ(found_in(e.what()), "");
  }
  // The right key still reads it.
  EXPECT_EQ(app::find_owner(*store_, as(staff_a_), o.id).iban, kIban);
}

TEST_P(OwnersStorageTest, FindByIbanAndNameGoesThroughTheBlindIndex) {
  auto marie = create(staff_a_, "Marie Dubois", kIban);
  auto elise = create(staff_a_, "\xC3\x89lise Dupr\xC3\xA9", kIban);  // Élise Dupré, the same account
  auto other = create(staff_a_, "Marie Dubois", "BE71096123456769");
  auto in_b = create(staff_b_, "Marie Dubois", kIban);
  auto uow = store_->read();
  auto& repo = uow->owners();
  auto id_of = [](const std::optional<owners::Owner>& o) { return o ? o->id : std::int64_t{0}; };
  EXPECT_EQ(id_of(repo.find_by_iban_and_name(marie.agency_id, kIban, "Marie Dubois")), marie.id);
  EXPECT_EQ(id_of(repo.find_by_iban_and_name(marie.agency_id, kIban, "  marie DUBOIS ")), marie.id) << "any case, trimmed";
  EXPECT_EQ(id_of(repo.find_by_iban_and_name(marie.agency_id, kIban, "\xC3\x89lise Dupr\xC3\xA9")), elise.id)
      << "a name with an accented capital, on both databases";
  EXPECT_EQ(id_of(repo.find_by_iban_and_name(marie.agency_id, kIban, "\xC3\x89lise dupr\xC3\xA9")), elise.id);
  EXPECT_EQ(id_of(repo.find_by_iban_and_name(marie.agency_id, "BE71096123456769", "Marie Dubois")), other.id);
  EXPECT_FALSE(repo.find_by_iban_and_name(marie.agency_id, kIban, "Jean Dubois"));
  EXPECT_FALSE(repo.find_by_iban_and_name(marie.agency_id, "NL91ABNA0417164300", "Marie Dubois"));
  EXPECT_EQ(id_of(repo.find_by_iban_and_name(in_b.agency_id, kIban, "Marie Dubois")), in_b.id) << "per agency";
  const auto found = repo.find_by_iban_and_name(marie.agency_id, kIban, "Marie Dubois");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->iban, kIban) << "decrypted on the way out";
  // The index is deterministic (equal IBANs, equal index) and is not the IBAN.
  auto c = database_->acquire();
  EXPECT_EQ(c->query_one("SELECT count(DISTINCT iban_index) FROM owners WHERE id IN ($1, $2, $3)",
                         {marie.id, elise.id, in_b.id})
                ->integer(0),
            1);
  EXPECT_EQ(c->query_one("SELECT count(DISTINCT iban_index) FROM owners")->integer(0), 2);
}

// A value as hms wrote it before v2: "v1:" + hex(nonce ‖ XChaCha20-Poly1305 with the column
// alone as associated data).
std::string v1_value(const std::string& column, const std::string& plain) {
  constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  std::vector<unsigned char> out(kNonce + plain.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
  randombytes_buf(out.data(), kNonce);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(out.data() + kNonce, &written,
                                             reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                                             reinterpret_cast<const unsigned char*>(column.data()), column.size(),
                                             nullptr, out.data(), kTestFieldKey.data());
  std::string hex(2 * (kNonce + written) + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), out.data(), kNonce + written);
  hex.pop_back();
  return "v1:" + hex;
}

// The cipher itself: what opens and what does not.
TEST_P(OwnersStorageTest, TheFieldCipherOpensOnlyWithItsKeyAndPlace) {
  storage::FieldCipher mine(kTestFieldKey);
  storage::FieldCipher theirs(kOtherKey);
  const storage::FieldPlace place{"owners.iban", 3, 42};
  const auto sealed = mine.encrypt(place, kIban);
  EXPECT_EQ(sealed.rfind("v2:3.42:", 0), 0u);
  EXPECT_EQ(found_in(sealed), "");
  EXPECT_EQ(mine.decrypt(place, sealed), kIban);
  EXPECT_NE(mine.encrypt(place, kIban), sealed) << "a fresh nonce each time";
  auto refused = [&](const storage::FieldCipher& cipher, const storage::FieldPlace& where, const std::string& value) {
    try {
      cipher.decrypt(where, value);
      return std::string("opened");
    } catch (const DomainError& e) {
      return "DomainError " + e.code();
    } catch (const storage::MovedValue&) {
      return std::string("moved");
    } catch (const std::runtime_error&) {
      return std::string("refused");
    }
  };
  EXPECT_EQ(refused(theirs, place, sealed), "refused") << "another key";
  EXPECT_EQ(refused(mine, {"owners.email", 3, 42}, sealed), "refused") << "another column";
  EXPECT_EQ(refused(mine, {"owners.iban", 3, 43}, sealed), "moved") << "another owner";
  EXPECT_EQ(refused(mine, {"owners.iban", 4, 42}, sealed), "moved") << "another agency";
  std::string retagged = sealed;
  retagged.replace(0, 8, "v2:3.43:");
  EXPECT_EQ(refused(mine, {"owners.iban", 3, 43}, retagged), "refused") << "the place is also the associated data";
  std::string changed = sealed;
  changed[changed.size() - 5] = changed[changed.size() - 5] == '0' ? '1' : '0';
  EXPECT_EQ(refused(mine, place, changed), "refused") << "a changed byte";
  EXPECT_EQ(refused(mine, place, sealed.substr(0, 20)), "refused") << "truncated";
  EXPECT_EQ(refused(mine, place, kIban), "refused") << "not sealed at all";
  EXPECT_EQ(refused(mine, place, "v2:3.42:zz"), "refused") << "not hexadecimal";
  // A value of before v2 opens with its column, wherever it is; not with another column.
  const auto old = v1_value("owners.iban", kIban);
  EXPECT_EQ(mine.decrypt(place, old), kIban);
  EXPECT_FALSE(storage::FieldCipher::is_current(old));
  EXPECT_TRUE(storage::FieldCipher::is_current(sealed));
  EXPECT_EQ(refused(mine, {"owners.email", 3, 42}, old), "refused");
  // The blind index: equal for equal values under one key and column only.
  EXPECT_EQ(mine.blind_index("owners.iban", kIban), mine.blind_index("owners.iban", kIban));
  EXPECT_NE(mine.blind_index("owners.iban", kIban), theirs.blind_index("owners.iban", kIban));
  EXPECT_NE(mine.blind_index("owners.iban", kIban), mine.blind_index("owners.email", kIban));
  EXPECT_NE(mine.blind_index("owners.iban", kIban), mine.blind_index("owners.iban", "BE71096123456769"));
  EXPECT_EQ(found_in(mine.blind_index("owners.iban", kIban)), "");
}

// Regression (B6): the IBAN's associated data was its column only, so copying owner A's
// iban_cipher onto owner B made B show A's IBAN (payments to B's owner would go to A).
TEST_P(OwnersStorageTest, AnIbanCopiedOntoAnotherOwnerIsRefusedLoudlyAndAudited) {
  auto a = create(staff_a_, "Marie Dubois", kIban);
  auto b = create(staff_a_, "Jean Peeters", "BE71096123456769");
  auto c = database_->acquire();
  c->execute("UPDATE owners SET iban_cipher = (SELECT iban_cipher FROM owners WHERE id = $1) WHERE id = $2",
             {a.id, b.id});
  auto audited = [&] {
    return c->query_one("SELECT count(*) FROM audit_log WHERE action = 'owners.iban_unreadable' AND object_id = $1",
                        {std::to_string(b.id)})
        ->integer(0);
  };
  try {
    auto shown = app::find_owner(*store_, as(staff_a_), b.id);
    FAIL() << "owner B read, showing " << shown.iban;
  } catch (const DomainError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::conflict);
    EXPECT_EQ(e.code(), "owners.iban_unreadable");
    EXPECT_EQ(e.params().at("owner"), std::to_string(b.id));
  }
  EXPECT_EQ(audited(), 1) << "the refusal is in the audit log";
  // The list that holds B fails the same way (it never shows A's IBAN on B's line).
  EXPECT_THROW(app::list_owners(*store_, as(staff_a_), {}, "", {}), DomainError);
  EXPECT_EQ(audited(), 2);
  // Owner A still reads.
  EXPECT_EQ(app::find_owner(*store_, as(staff_a_), a.id).iban, kIban);
}

TEST_P(OwnersStorageTest, IbansOfBeforeTheRowBindingStillReadAndAreReencrypted) {
  auto a = create(staff_a_, "Marie Dubois", "BE71096123456769");
  auto c = database_->acquire();
  c->execute("UPDATE owners SET iban_cipher = $1 WHERE id = $2", {v1_value("owners.iban", kIban), a.id});
  EXPECT_EQ(app::find_owner(*store_, as(staff_a_), a.id).iban, kIban) << "a v1 value opens";
  EXPECT_EQ(store_->reencrypt_old_values(), 1);
  const auto stored = c->query_one("SELECT iban_cipher FROM owners WHERE id = $1", {a.id})->text(0);
  EXPECT_EQ(stored.rfind("v2:" + std::to_string(a.agency_id) + "." + std::to_string(a.id) + ":", 0), 0u) << stored;
  EXPECT_EQ(app::find_owner(*store_, as(staff_a_), a.id).iban, kIban);
  EXPECT_EQ(store_->reencrypt_old_values(), 0) << "nothing left to do";
}

// B8: changing an owner's IBAN asks for the user's password again (a page), and the audit entry
// of the change names the fields that changed, never their values.
TEST_P(OwnersStorageTest, ChangingTheIbanAsksForThePasswordAndTheAuditNamesTheFields) {
  auto o = create(staff_a_, "Marie Dubois", kIban);
  auto stored = [&] { return database_->acquire()->query_one("SELECT iban_index, email FROM owners WHERE id = $1", {o.id}); };
  const auto before = stored();
  const auto audit_rows = [&] { return database_->acquire()->query_one("SELECT count(*) FROM audit_log")->integer(0); };
  const auto entries = audit_rows();
  app::OwnerFields change;
  change.iban = "BE71 0961 2345 6769";
  change.email = "marie.dubois@example.be";
  auto refused = [&](const std::optional<std::string>& password) {
    change.password = password;
    try {
      app::update_owner(*store_, as(staff_a_), o.id, change);
      return std::string("changed");
    } catch (const DomainError& e) {
      EXPECT_EQ(e.kind(), ErrorKind::validation);
      EXPECT_EQ(e.fields().count("password"), 1u) << "the form shows it on the password field";
      return e.code();
    }
  };
  EXPECT_EQ(refused(std::nullopt), "users.password_confirmation_required");
  EXPECT_EQ(refused(std::string("not my password")), "users.password_confirmation_wrong");
  EXPECT_EQ(stored()->text(0), before->text(0)) << "nothing written";
  EXPECT_EQ(stored()->text(1), before->text(1)) << "not even the e-mail";
  EXPECT_EQ(audit_rows(), entries);
  EXPECT_EQ(refused(std::string("violet bicycle orchard 17")), "changed");
  EXPECT_EQ(app::find_owner(*store_, as(staff_a_), o.id).iban, "BE71096123456769");
  auto last = database_->acquire()->query_one(
      "SELECT details FROM audit_log WHERE action = 'owners.update' ORDER BY id DESC LIMIT 1");
  EXPECT_EQ(last->text(0), "iban,email");
  // Without an IBAN change, no password; the audit names only what changed.
  app::OwnerFields phone;
  phone.phone = "+32 2 123 45 67";
  phone.iban = "be71 0961 2345 6769";  // the same account, typed otherwise
  app::update_owner(*store_, as(staff_a_), o.id, phone);
  last = database_->acquire()->query_one(
      "SELECT details FROM audit_log WHERE action = 'owners.update' ORDER BY id DESC LIMIT 1");
  EXPECT_EQ(last->text(0), "phone");
  // An API call with a bearer token is a fresh authentication: no password asked.
  app::OwnerFields api;
  api.iban = kIban;
  EXPECT_EQ(app::update_owner(*store_, as(staff_a_), o.id, api, app::IbanConfirmation::bearer_token).iban, kIban);
}

HMS_INSTANTIATE_BACKENDS(OwnersStorageTest);

// ---- Through the real program -----------------------------------------------------------------

constexpr const char* kStaffPassword = "violet bicycle orchard 17";

// Creates Marie Dubois through the API; answers her id.
std::int64_t create_owner(const ServerProcess& server, const std::string& token) {
  auto r = server.request("POST", "/api/v1/owners",
                          json{{"kind", "person"}, {"name", "Marie Dubois"}, {"iban", "BE68 5390 0754 7034"}}.dump(),
                          bearer(token));
  EXPECT_EQ(r.status, 201) << r.body;
  return r.json().value("id", std::int64_t{0});
}

// The suite's server; the test reads an owner of an agency of its own.
class OwnersReadAuditTest : public SharedServerTest {};

TEST_P(OwnersReadAuditTest, ReadingAnOwnerIsAuditedOnceAndNoLogHoldsTheIban) {
  const auto a = new_agency();
  const auto token = this->token(a.staff);
  const auto id = create_owner(server(), token);
  const auto reads = [&] {
    return count("audit_log WHERE action = 'owners.read' AND object_type = 'owners' AND object_id = '" +
                 std::to_string(id) + "'");
  };
  ASSERT_EQ(reads(), 0);
  auto got = server().request("GET", "/api/v1/owners/" + std::to_string(id), "", bearer(token));
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.json()["iban"], kIban);
  EXPECT_EQ(reads(), 1) << "one entry per read";
  server().request("GET", "/api/v1/owners/" + std::to_string(id), "", bearer(token));
  EXPECT_EQ(reads(), 2);
  // The agency's administrator sees the read in the audit log, with who read.
  auto audit = call(a.admin, "GET", "/api/v1/audit?limit=500");
  ASSERT_EQ(audit.status, 200) << audit.body;
  int seen = 0;
  const auto entries = audit.json();
  for (const auto& e : entries["items"])
    if (e["action"] == "owners.read" && e["object_id"] == std::to_string(id)) {
      EXPECT_EQ(e["actor"], a.staff);
      ++seen;
    }
  EXPECT_EQ(seen, 2) << audit.body;
  EXPECT_EQ(found_in(audit.body), "");
  // Other ways the IBAN could leak into a log: in a query string, in a refused body, in a list.
  server().request("GET", "/api/v1/owners?q=BE68539007547034", "", bearer(token));
  server().request("GET", "/api/v1/owners", "", bearer(token));
  server().request("POST", "/api/v1/owners", json{{"kind", "person"}, {"name", ""}, {"iban", "BE68 5390 0754 7034"}}.dump(),
                   bearer(token));
  server().request("PATCH", "/api/v1/owners/" + std::to_string(id), json{{"iban", "BE68 5390 0754 7035"}}.dump(),
                   bearer(token));
  const auto log = server().log();
  EXPECT_NE(log.find("/api/v1/owners"), std::string::npos) << "the access log records the requests";
  EXPECT_EQ(found_in(log), "") << "the server's output holds the IBAN:\n" << log;
  auto rows = server().db().acquire()->query(
      "SELECT actor_login, action, object_type, object_id, request_id FROM audit_log");
  for (const auto& row : rows)
    for (std::size_t i = 0; i < row.size(); ++i)
      if (!row.is_null(i)) {
        EXPECT_EQ(found_in(row.text(i)), "") << row.text(i);
      }
}

HMS_INSTANTIATE_BACKENDS(OwnersReadAuditTest);

// The key file's tests: a server per test, since each changes the database's key file or stops
// and restarts the server. The one user is made by the test that logs in.
class OwnersServerTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    HMS_REQUIRE_BACKEND(GetParam());
    server_ = std::make_unique<ServerProcess>(GetParam());
    server_->add_agency("AIS-A", "Agence A");
  }
  void TearDown() override {
    if (HasFailure() && server_) std::cerr << "---- server log (tail) ----\n" << server_->log_tail() << "\n";
  }
  std::string key_file() const { return storage::key_file_for(server_->db_url()); }
  std::unique_ptr<ServerProcess> server_;
};

TEST_P(OwnersServerTest, InitMakesAnOwnerOnlyKeyFile) {
  struct stat st {};
  ASSERT_EQ(::stat(key_file().c_str(), &st), 0) << key_file() << " was not made by hms init";
  EXPECT_EQ(st.st_mode & 0777, 0600u) << std::oct << (st.st_mode & 0777);
  EXPECT_EQ(st.st_size, 32);
  if (GetParam() == Backend::sqlite) {
    EXPECT_EQ(key_file(), server_->db_url().substr(std::string("sqlite:").size()) + ".key") << "beside the database";
  }
  // A second init keeps the key (the owners stay readable).
  std::ifstream in(key_file(), std::ios::binary);
  const std::string before((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto again = run_hms({"init", "--db", server_->db_url()});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  std::ifstream in2(key_file(), std::ios::binary);
  EXPECT_EQ(std::string((std::istreambuf_iterator<char>(in2)), std::istreambuf_iterator<char>()), before);
}

TEST_P(OwnersServerTest, AKeyFileReadableByOthersStopsServe) {
  std::filesystem::permissions(key_file(), std::filesystem::perms(0644));
  try {
    server_->start();
    FAIL() << "hms serve started with a key file readable by others";
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("readable by other users"), std::string::npos) << what;
    EXPECT_NE(what.find(key_file()), std::string::npos) << "names the file: " << what;
  }
  EXPECT_FALSE(server_->running());
  // chmod 600 and it starts.
  std::filesystem::permissions(key_file(), std::filesystem::perms(0600));
  server_->start();
  EXPECT_TRUE(server_->running());
}

TEST_P(OwnersServerTest, AMissingKeyFileWithOwnersMakesInitAndServeRefuse) {
  server_->add_user("staff.a", "agency_staff", "AIS-A", kStaffPassword);
  server_->start();
  const auto id = create_owner(*server_, server_->login("staff.a", kStaffPassword));
  server_->stop();
  const auto saved = key_file() + ".saved";
  std::filesystem::rename(key_file(), saved);
  auto init = run_hms({"init", "--db", server_->db_url()});
  EXPECT_NE(init.exit_code, 0) << init.out << init.err;
  EXPECT_NE(init.err.find("missing"), std::string::npos) << init.err;
  EXPECT_NE(init.err.find(key_file()), std::string::npos) << init.err;
  EXPECT_FALSE(std::filesystem::exists(key_file())) << "a new key would make the IBANs unreadable";
  try {
    server_->start();
    FAIL() << "hms serve started without its key file";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("missing"), std::string::npos) << e.what();
  }
  // The key back: init and serve work, the owner reads in clear.
  std::filesystem::rename(saved, key_file());
  auto ok = run_hms({"init", "--db", server_->db_url()});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  server_->start();
  auto got = server_->request("GET", "/api/v1/owners/" + std::to_string(id), "",
                              bearer(server_->login("staff.a", kStaffPassword)));
  EXPECT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.json()["iban"], kIban);
}

HMS_INSTANTIATE_BACKENDS(OwnersServerTest);

}  // namespace
}  // namespace hms::test
