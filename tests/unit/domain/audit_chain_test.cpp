// The audit log's hash chain: each entry's hash covers the previous hash and every field, so
// changing any field, removing or reordering entries breaks the chain at that entry.
#include <gtest/gtest.h>

#include <functional>
#include <regex>

#include "domain/audit/audit_entry.hpp"

namespace hms::audit {
namespace {

// Three entries chained from the genesis hash.
std::vector<AuditEntry> chain() {
  std::vector<AuditEntry> entries;
  std::string previous = kGenesisHash;
  for (std::int64_t i = 1; i <= 3; ++i) {
    AuditEntry e;
    e.id = i;
    e.at = 1'767'225'600 + i;
    e.actor_user_id = i == 1 ? std::nullopt : std::optional<std::int64_t>(40 + i);
    e.actor_login = i == 1 ? "cli" : "m.dupont";
    e.agency_id = 3;
    e.action = i == 1 ? "users.create" : "users.login";
    e.object_type = "users";
    e.object_id = "42";
    e.request_id = "7f3a9c20d1e4b8a" + std::to_string(i);
    e.previous_hash = previous;
    e.hash = chain_hash(e);
    previous = e.hash;
    entries.push_back(e);
  }
  return entries;
}

std::optional<std::int64_t> verify(const std::vector<AuditEntry>& entries) {
  std::string previous = kGenesisHash;
  return verify_chain(entries, previous);
}

TEST(AuditChain, AFreshChainVerifiesAndAdvancesThePreviousHash) {
  auto entries = chain();
  std::string previous = kGenesisHash;
  EXPECT_EQ(verify_chain(entries, previous), std::nullopt);
  EXPECT_EQ(previous, entries.back().hash);
  EXPECT_EQ(kGenesisHash, std::string(64, '0'));
  EXPECT_TRUE(std::regex_match(entries[0].hash, std::regex("[0-9a-f]{64}")));
  EXPECT_EQ(chain_hash(entries[0]), chain_hash(entries[0])) << "deterministic";
}

TEST(AuditChain, VerifiesInBatches) {
  auto entries = chain();
  std::string previous = kGenesisHash;
  EXPECT_EQ(verify_chain({entries[0]}, previous), std::nullopt);
  EXPECT_EQ(verify_chain({entries[1], entries[2]}, previous), std::nullopt);
  std::string wrong_start = kGenesisHash;
  EXPECT_EQ(verify_chain({entries[1], entries[2]}, wrong_start), 2);
}

TEST(AuditChain, ChangingAnyFieldBreaksItAtThatEntry) {
  const std::vector<std::pair<const char*, std::function<void(AuditEntry&)>>> changes = {
      {"at", [](AuditEntry& e) { e.at += 1; }},
      {"actor_user_id", [](AuditEntry& e) { e.actor_user_id = 99; }},
      {"actor_user_id set or removed",
       [](AuditEntry& e) { e.actor_user_id = e.actor_user_id ? std::nullopt : std::optional<std::int64_t>(5); }},
      {"actor_login", [](AuditEntry& e) { e.actor_login = "someone.else"; }},
      {"agency_id", [](AuditEntry& e) { e.agency_id = 4; }},
      {"agency_id removed", [](AuditEntry& e) { e.agency_id = std::nullopt; }},
      {"action", [](AuditEntry& e) { e.action = "users.disable"; }},
      {"object_type", [](AuditEntry& e) { e.object_type = "agencies"; }},
      {"object_id", [](AuditEntry& e) { e.object_id = "43"; }},
      {"request_id", [](AuditEntry& e) { e.request_id = "0000000000000000"; }},
      {"previous_hash", [](AuditEntry& e) { e.previous_hash[0] = e.previous_hash[0] == 'a' ? 'b' : 'a'; }},
      {"hash", [](AuditEntry& e) { e.hash[63] = e.hash[63] == 'a' ? 'b' : 'a'; }},
  };
  for (std::size_t at = 0; at < 3; ++at) {
    for (const auto& [field, change] : changes) {
      auto entries = chain();
      change(entries[at]);
      EXPECT_EQ(verify(entries), entries[at].id) << field << " of entry " << at + 1;
    }
  }
}

TEST(AuditChain, RehashingAnEditedEntryStillBreaksTheNextOne) {
  auto entries = chain();
  entries[1].actor_login = "someone.else";
  entries[1].hash = chain_hash(entries[1]);
  EXPECT_EQ(verify(entries), 3);
}

TEST(AuditChain, RemovingOrReorderingEntriesBreaksIt) {
  auto removed = chain();
  removed.erase(removed.begin() + 1);
  EXPECT_EQ(verify(removed), 3);
  auto first_removed = chain();
  first_removed.erase(first_removed.begin());
  EXPECT_EQ(verify(first_removed), 2);
  auto swapped = chain();
  std::swap(swapped[1], swapped[2]);
  EXPECT_EQ(verify(swapped), 3);
}

TEST(AuditChain, FieldsAreLengthPrefixedSoShiftingTextBetweenThemShows) {
  auto entries = chain();
  AuditEntry a = entries[0], b = entries[0];
  a.object_type = "users";
  a.object_id = "42";
  b.object_type = "users4";
  b.object_id = "2";
  EXPECT_NE(chain_hash(a), chain_hash(b));
  // No agency and agency 0 are different entries.
  AuditEntry none = entries[0], dash = entries[0];
  none.agency_id = std::nullopt;
  dash.agency_id = 0;
  EXPECT_NE(chain_hash(none), chain_hash(dash));
}

}  // namespace
}  // namespace hms::audit
