// The use cases of the foundation over a real database (SQLite and PostgreSQL), in-process,
// with a clock the test moves by hand: session idle and absolute timeouts, sessions ended by
// disabling a user or changing one's password, nothing written by a refused action, and the
// audit log's chain that holds until a row is edited behind hms's back; entries of before the
// keyed seal keep verifying; concurrent writers leave the checkpoint on the last entry.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <thread>

#include "app/agencies/agency_admin.hpp"
#include "app/audit/audit_check.hpp"
#include "app/users/authentication.hpp"
#include "app/users/user_admin.hpp"
#include "common/clock.hpp"
#include "storage/db/database.hpp"
#include "storage/sql_store.hpp"
#include "support/test_database.hpp"

namespace hms::app {
namespace {

using test::BackendTest;

constexpr std::int64_t kMinute = 60;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr const char* kPassword = "lantern harbour meadow 41";
constexpr const char* kAddress = "192.0.2.10";

// Runs `action`, which must throw DomainError of this kind and code.
void expect_domain_error(const std::function<void()>& action, ErrorKind kind, const std::string& code) {
  try {
    action();
    ADD_FAILURE() << "expected DomainError " << code << ", nothing was thrown";
  } catch (const DomainError& e) {
    EXPECT_EQ(e.kind(), kind) << e.code();
    EXPECT_EQ(e.code(), code);
  }
}

class AppTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    database_ = db::Database::open(url(), 4);
    {
      auto c = database_->acquire();
      db::migrate(*c);
    }
    store_ = std::make_unique<storage::SqlStore>(database_, storage::FieldCipher(test::kTestFieldKey));
    add_agency(*store_, cli(), "AIS-A", "Agence A");
    alice_ = add_user(*store_, cli(), {"alice", "Alice", "agency_staff", "AIS-A", kPassword, std::nullopt});
  }

  Context cli() { return Context{clock_, "cli", std::nullopt, std::nullopt}; }
  Context as(const Authenticated& a) { return Context{clock_, "req", a.user, a.session.id}; }
  LoginResult login_alice(const std::string& password = kPassword) {
    return login(*store_, clock_, "req", "alice", password, kAddress);
  }
  std::optional<Authenticated> auth(const std::string& token) { return authenticate(*store_, clock_, token); }
  std::int64_t count(const std::string& from_where) {
    return database_->acquire()->query_one("SELECT COUNT(*) FROM " + from_where)->integer(0);
  }

  FixedClock clock_{1'767'225'600};  // 2026-01-01 00:00:00 UTC
  std::shared_ptr<db::Database> database_;
  std::unique_ptr<storage::SqlStore> store_;
  users::User alice_;
};

TEST_P(AppTest, SessionSurvives29IdleMinutesNot31) {
  auto kept = login_alice();
  auto dropped = login_alice();
  clock_.advance(29 * kMinute);
  EXPECT_TRUE(auth(kept.token)) << "29 minutes idle";
  clock_.advance(2 * kMinute);  // 31 minutes after the login; 2 after kept's last activity
  EXPECT_FALSE(auth(dropped.token)) << "31 minutes idle";
  EXPECT_TRUE(auth(kept.token)) << "the idle timer restarts at each activity";
  clock_.advance(29 * kMinute);
  EXPECT_TRUE(auth(kept.token)) << "29 minutes after its last activity, 60 after the login";
  clock_.advance(31 * kMinute);
  EXPECT_FALSE(auth(kept.token)) << "31 minutes after its last activity";
  EXPECT_EQ(count("sessions"), 0) << "expired sessions are removed";
}

TEST_P(AppTest, SessionEndsAfter12HoursEvenWhenActive) {
  auto s = login_alice();
  for (int step = 1; step < 72; ++step) {
    clock_.advance(10 * kMinute);
    ASSERT_TRUE(auth(s.token)) << "active, " << step * 10 << " minutes after login";
  }
  clock_.advance(10 * kMinute);  // 12 hours after the login
  EXPECT_FALSE(auth(s.token)) << "12 hours after login, however active";
  // A new login starts a new 12 hours.
  auto again = login_alice();
  EXPECT_TRUE(auth(again.token));
}

TEST_P(AppTest, DisablingAUserEndsTheirSessionsAtOnce) {
  auto a = login_alice();
  auto b = login_alice();
  ASSERT_TRUE(auth(a.token));
  set_user_disabled(*store_, cli(), alice_.id, true);
  EXPECT_FALSE(auth(a.token));
  EXPECT_FALSE(auth(b.token));
  EXPECT_EQ(count("sessions WHERE user_id = " + std::to_string(alice_.id)), 0);
  expect_domain_error([&] { login_alice(); }, ErrorKind::unauthenticated, "users.wrong_credentials");
  // Enabling again does not bring the old sessions back.
  set_user_disabled(*store_, cli(), alice_.id, false);
  EXPECT_FALSE(auth(a.token));
  EXPECT_TRUE(auth(login_alice().token));
}

TEST_P(AppTest, ChangingOnesPasswordEndsTheOtherSessionsOnly) {
  auto current = login_alice();
  auto other = login_alice();
  auto me = auth(current.token);
  ASSERT_TRUE(me);
  // A wrong current password changes nothing.
  expect_domain_error([&] { change_own_password(*store_, as(*me), "not my password", "a brand new passphrase"); },
                      ErrorKind::validation, "users.wrong_current_password");
  // Nor does a new password the policy refuses.
  expect_domain_error([&] { change_own_password(*store_, as(*me), kPassword, "too short"); }, ErrorKind::validation,
                      "users.password_too_short");
  EXPECT_TRUE(auth(other.token));

  change_own_password(*store_, as(*me), kPassword, "a brand new passphrase");
  EXPECT_TRUE(auth(current.token)) << "the session that changed the password stays";
  EXPECT_FALSE(auth(other.token)) << "every other session ends";
  expect_domain_error([&] { login_alice(kPassword); }, ErrorKind::unauthenticated, "users.wrong_credentials");
  EXPECT_TRUE(auth(login_alice("a brand new passphrase").token));
}

TEST_P(AppTest, RefusedActionsWriteNothing) {
  const auto users_before = count("users");
  const auto audit_before = count("audit_log");
  const auto agencies_before = count("agencies");
  auto user = [](std::string login, std::string role, std::optional<std::string> agency, std::string password) {
    return NewUser{std::move(login), "", std::move(role), std::move(agency), std::move(password), std::nullopt};
  };
  struct Case {
    NewUser n;
    ErrorKind kind;
    std::string code;
  };
  const std::vector<Case> cases = {
      {user("bob", "agency_staff", "AIS-A", "short"), ErrorKind::validation, "users.password_too_short"},
      {user("bob", "agency_staff", "AIS-A", "azerty123456"), ErrorKind::validation, "users.password_too_common"},
      {user("b", "agency_staff", "AIS-A", kPassword), ErrorKind::validation, "users.invalid_login"},
      {user("bob", "janitor", "AIS-A", kPassword), ErrorKind::validation, "users.invalid_role"},
      {user("bob", "agency_staff", std::nullopt, kPassword), ErrorKind::validation, "users.agency_required"},
      {user("bob", "agency_staff", "AIS-Z", kPassword), ErrorKind::validation, "users.unknown_agency"},
      {user("bob", "region", "AIS-A", kPassword), ErrorKind::validation, "users.agency_not_allowed"},
      {user("alice", "agency_staff", "AIS-A", "another fine passphrase"), ErrorKind::conflict, "users.login_taken"},
      {user("ALICE", "agency_staff", "AIS-A", "another fine passphrase"), ErrorKind::conflict, "users.login_taken"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.code);
    expect_domain_error([&] { add_user(*store_, cli(), c.n); }, c.kind, c.code);
  }
  expect_domain_error([&] { add_agency(*store_, cli(), "X", "Too short"); }, ErrorKind::validation, "agencies.invalid_code");
  expect_domain_error([&] { add_agency(*store_, cli(), "ais-a", "Again"); }, ErrorKind::conflict, "agencies.code_taken");
  // An agency user may not act as an administrator.
  auto me = auth(login_alice().token);
  ASSERT_TRUE(me);
  const auto audit_after_login = count("audit_log");
  expect_domain_error([&] { add_user(*store_, as(*me), user("carol", "agency_staff", "AIS-A", kPassword)); },
                      ErrorKind::forbidden, "common.forbidden");
  expect_domain_error([&] { add_agency(*store_, as(*me), "AIS-X", "No"); }, ErrorKind::forbidden, "common.forbidden");

  EXPECT_EQ(count("users"), users_before);
  EXPECT_EQ(count("agencies"), agencies_before);
  EXPECT_EQ(audit_after_login, audit_before + 1) << "only the login was recorded";
  EXPECT_EQ(count("audit_log"), audit_after_login);
}

// A handful of audited actions: agency and user creation, login, failed login, logout, disabling.
void some_actions(Store& store, FixedClock& clock) {
  Context cli{clock, "cli", std::nullopt, std::nullopt};
  add_agency(store, cli, "AIS-B", "Agence B");
  clock.advance(kMinute);
  auto bob = add_user(store, cli, {"bob", "Bob", "agency_admin", "AIS-B", "violet bicycle orchard 17", "nl"});
  clock.advance(kMinute);
  auto s = login(store, clock, "r1", "bob", "violet bicycle orchard 17", kAddress);
  try {
    login(store, clock, "r2", "bob", "not the password", kAddress);
  } catch (const DomainError&) {
  }
  auto a = authenticate(store, clock, s.token);
  logout(store, Context{clock, "r3", a->user, a->session.id}, s.token);
  set_user_disabled(store, cli, bob.id, true);
}

TEST_P(AppTest, AuditChainHoldsAfterActionsAndBreaksAtAnEditedRow) {
  some_actions(*store_, clock_);
  const auto entries = count("audit_log");
  ASSERT_GE(entries, 7);
  auto check = verify_audit_log(*store_, cli());
  EXPECT_FALSE(check.first_broken) << "broken at " << *check.first_broken;
  EXPECT_EQ(check.entries, entries);

  // Someone edits one row with raw SQL: the check names that row.
  auto ids = database_->acquire()->query("SELECT id FROM audit_log ORDER BY id");
  const auto edited = ids[4].integer(0);
  database_->acquire()->execute("UPDATE audit_log SET actor_login = 'someone.else' WHERE id = $1", {edited});
  check = verify_audit_log(*store_, cli());
  ASSERT_TRUE(check.first_broken);
  EXPECT_EQ(*check.first_broken, edited);
  EXPECT_EQ(check.entries, 4) << "the good entries before the broken one (hms audit verify prints them)";
}

TEST_P(AppTest, AuditChainBreaksWhenARowIsDeletedOrRehashed) {
  some_actions(*store_, clock_);
  auto ids = database_->acquire()->query("SELECT id FROM audit_log ORDER BY id");
  ASSERT_GE(ids.size(), 5u);
  // Deleting a row: the next one no longer links to the row before it.
  database_->acquire()->execute("DELETE FROM audit_log WHERE id = $1", {ids[2].integer(0)});
  auto check = verify_audit_log(*store_, cli());
  ASSERT_TRUE(check.first_broken);
  EXPECT_EQ(*check.first_broken, ids[3].integer(0));
}

TEST_P(AppTest, AuditChainBreaksWhenTheLastRowIsEdited) {
  some_actions(*store_, clock_);
  auto last = database_->acquire()->query_one("SELECT MAX(id) FROM audit_log")->integer(0);
  database_->acquire()->execute("UPDATE audit_log SET at = at + 1 WHERE id = $1", {last});
  auto check = verify_audit_log(*store_, cli());
  ASSERT_TRUE(check.first_broken);
  EXPECT_EQ(*check.first_broken, last);
}

// A store like hms's, with its checkpoint in a file of its own.
class AnchoredAppTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    checkpoint_ = std::filesystem::temp_directory_path() /
                  ("hms_checkpoint_" + std::to_string(::getpid()) + "_" + std::to_string(std::hash<std::string>{}(
                                                                              info->name())));
    std::filesystem::remove(checkpoint_);
    anchored_ = std::make_unique<storage::SqlStore>(database_, storage::FieldCipher(test::kTestFieldKey),
                                                    storage::AuditAnchor(checkpoint_.string()));
  }
  void TearDown() override { std::filesystem::remove(checkpoint_); }
  audit::AuditEntry row(const db::Row& r) {
    return {r.integer(0), r.integer(1), r.opt_integer(2), r.text(3), r.opt_integer(4), r.text(5),
            r.text(6),    r.text(7),    r.text(8),        r.text(9), r.text(10), ""};
  }
  void insert(const audit::AuditEntry& e) {
    database_->acquire()->execute(
        "INSERT INTO audit_log (at, actor_user_id, actor_login, agency_id, action, object_type, object_id, request_id,"
        " previous_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        {e.at, db::nullable(e.actor_user_id), e.actor_login, db::nullable(e.agency_id), e.action, e.object_type,
         e.object_id, e.request_id, e.previous_hash, e.hash});
  }
  std::filesystem::path checkpoint_;
  std::unique_ptr<storage::SqlStore> anchored_;
};

TEST_P(AnchoredAppTest, EntriesOfBeforeTheKeyKeepVerifyingAndTheFirstSealedOneBindsThem) {
  // A log as hms wrote it before the keyed seal: three entries with unkeyed (v1) hashes.
  database_->acquire()->execute("DELETE FROM audit_log");
  std::string previous = audit::kGenesisHash;
  for (int i = 0; i < 3; ++i) {
    audit::AuditEntry e{0, 1'700'000'000 + i, std::nullopt, "cli", std::nullopt, "agencies.create", "agencies",
                        std::to_string(i), "cli", previous, "", ""};
    e.hash = audit::chain_hash(e);
    previous = e.hash;
    insert(e);
  }
  auto check = verify_audit_log(*anchored_, cli());
  EXPECT_TRUE(check.ok());
  EXPECT_EQ(check.tail, AuditCheck::Tail::unsealed) << "nothing sealed yet, no checkpoint";
  // hms writes on: sealed entries chained onto the old ones, and a checkpoint.
  add_agency(*anchored_, cli(), "AIS-B", "Agence B");
  add_agency(*anchored_, cli(), "AIS-C", "Agence C");
  check = verify_audit_log(*anchored_, cli());
  EXPECT_FALSE(check.first_broken) << *check.first_broken;
  EXPECT_EQ(check.entries, 5);
  EXPECT_EQ(check.tail, AuditCheck::Tail::anchored);
  // Editing an old entry and rehashing the old entries after it breaks the first sealed one.
  auto rows = database_->acquire()->query("SELECT id, at, actor_user_id, actor_login, agency_id, action, object_type,"
                                          " object_id, request_id, previous_hash, hash FROM audit_log ORDER BY id");
  std::vector<audit::AuditEntry> log;
  for (const auto& r : rows) log.push_back(row(r));
  log[1].actor_login = "someone.else";
  log[1].hash = audit::chain_hash(log[1]);
  log[2].previous_hash = log[1].hash;
  log[2].hash = audit::chain_hash(log[2]);
  for (int i : {1, 2})
    database_->acquire()->execute("UPDATE audit_log SET actor_login = $2, previous_hash = $3, hash = $4 WHERE id = $1",
                                  {log[i].id, log[i].actor_login, log[i].previous_hash, log[i].hash});
  check = verify_audit_log(*anchored_, cli());
  ASSERT_TRUE(check.first_broken);
  EXPECT_EQ(*check.first_broken, log[3].id);
}

TEST_P(AnchoredAppTest, ConcurrentWritersLeaveTheCheckpointOnTheLastEntry) {
  constexpr int kThreads = 4, kEach = 8;
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t)
    writers.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i)
        add_agency(*anchored_, cli(), "AIS-" + std::to_string(t) + "-" + std::to_string(i), "Agence");
    });
  for (auto& w : writers) w.join();
  auto last = database_->acquire()->query_one("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
  auto checkpoint = storage::AuditAnchor(checkpoint_.string()).read();
  ASSERT_TRUE(checkpoint);
  EXPECT_EQ(checkpoint->id, last->integer(0));
  EXPECT_EQ(checkpoint->hash, last->text(1));
  auto check = verify_audit_log(*anchored_, cli());
  EXPECT_TRUE(check.ok());
  EXPECT_EQ(check.tail, AuditCheck::Tail::anchored);
  // A commit of an earlier entry (another process, late) never moves it back.
  storage::AuditAnchor(checkpoint_.string()).advance({1, "v2:old"});
  EXPECT_EQ(storage::AuditAnchor(checkpoint_.string()).read()->id, last->integer(0));
}

TEST_P(AnchoredAppTest, ARolledBackEntryIsNeverNamed) {
  add_agency(*anchored_, cli(), "AIS-B", "Agence B");
  const auto before = storage::AuditAnchor(checkpoint_.string()).read();
  ASSERT_TRUE(before);
  {
    auto uow = anchored_->write();
    record(*uow, cli(), "agencies.create", "agencies", "99", std::nullopt);
  }  // not committed
  EXPECT_EQ(storage::AuditAnchor(checkpoint_.string()).read()->id, before->id);
  EXPECT_TRUE(verify_audit_log(*anchored_, cli()).ok());
}

HMS_INSTANTIATE_BACKENDS(AppTest);
HMS_INSTANTIATE_BACKENDS(AnchoredAppTest);

}  // namespace
}  // namespace hms::app
