// The audit log's chain: each entry's seal (a MAC keyed with the audit key) covers the previous
// seal and every field, so changing any field, removing or reordering entries breaks the chain
// at that entry; entries of before the key (v1, unkeyed hashes) verify, but only before the
// first sealed entry.
#include <gtest/gtest.h>

#include <functional>
#include <regex>

#include "domain/audit/audit_entry.hpp"

namespace hms::audit {
namespace {

const ChainKey kKey{7, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31};

// Three entries chained from the genesis hash; the first `legacy` ones with v1 hashes.
std::vector<AuditEntry> chain(int legacy = 0) {
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
    e.hash = i <= legacy ? chain_hash(e) : seal(e, kKey);
    previous = e.hash;
    entries.push_back(e);
  }
  return entries;
}

std::optional<std::int64_t> verify(const std::vector<AuditEntry>& entries) {
  std::string previous = kGenesisHash;
  return verify_chain(entries, previous, kKey);
}

TEST(AuditChain, AFreshChainVerifiesAndAdvancesThePreviousHash) {
  auto entries = chain();
  std::string previous = kGenesisHash;
  EXPECT_EQ(verify_chain(entries, previous, kKey), std::nullopt);
  EXPECT_EQ(previous, entries.back().hash);
  EXPECT_EQ(kGenesisHash, std::string(64, '0'));
  EXPECT_TRUE(std::regex_match(entries[0].hash, std::regex("v2:[0-9a-f]{64}")));
  EXPECT_EQ(seal(entries[0], kKey), seal(entries[0], kKey)) << "deterministic";
}

TEST(AuditChain, VerifiesInBatches) {
  auto entries = chain();
  std::string previous = kGenesisHash;
  EXPECT_EQ(verify_chain({entries[0]}, previous, kKey), std::nullopt);
  EXPECT_EQ(verify_chain({entries[1], entries[2]}, previous, kKey), std::nullopt);
  std::string wrong_start = kGenesisHash;
  EXPECT_EQ(verify_chain({entries[1], entries[2]}, wrong_start, kKey), 2);
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
      {"details", [](AuditEntry& e) { e.details = "iban"; }},
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
  auto entries = chain(3);  // v1: anyone can compute the hash, but not the next entry's link
  entries[1].actor_login = "someone.else";
  entries[1].hash = chain_hash(entries[1]);
  EXPECT_EQ(verify(entries), 3);
}

TEST(AuditChain, WithoutTheKeyNoEntryCanBeResealed) {
  // Whoever writes the database rewrites entry 2 and every entry after it, without the key:
  // as v1 hashes (the old scheme), or sealed with another key. Both fail at entry 2.
  for (int with_other_key = 0; with_other_key < 2; ++with_other_key) {
    auto entries = chain();
    ChainKey other = kKey;
    other[0] ^= 1;
    entries[1].actor_login = "someone.else";
    for (std::size_t i = 1; i < entries.size(); ++i) {
      entries[i].previous_hash = entries[i - 1].hash;
      entries[i].hash = with_other_key ? seal(entries[i], other) : chain_hash(entries[i]);
    }
    EXPECT_EQ(verify(entries), 2) << (with_other_key ? "another key" : "v1 hashes");
  }
}

TEST(AuditChain, EntriesOfBeforeTheKeyVerifyThenTheFirstSealedOneBindsThem) {
  EXPECT_EQ(verify(chain(3)), std::nullopt) << "a log written before the key";
  auto mixed = chain(2);
  EXPECT_TRUE(std::regex_match(mixed[1].hash, std::regex("[0-9a-f]{64}")));
  EXPECT_TRUE(mixed[2].hash.starts_with("v2:"));
  EXPECT_EQ(verify(mixed), std::nullopt) << "v1 entries, then sealed ones";
  // Rehashing an edited v1 entry (and the v1 entries after it) breaks the first sealed one.
  mixed[0].actor_login = "someone.else";
  mixed[0].hash = chain_hash(mixed[0]);
  mixed[1].previous_hash = mixed[0].hash;
  mixed[1].hash = chain_hash(mixed[1]);
  EXPECT_EQ(verify(mixed), 3);
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
  EXPECT_NE(seal(a, kKey), seal(b, kKey));
  // No agency and agency 0 are different entries.
  AuditEntry none = entries[0], dash = entries[0];
  none.agency_id = std::nullopt;
  dash.agency_id = 0;
  EXPECT_NE(seal(none, kKey), seal(dash, kKey));
}

}  // namespace
}  // namespace hms::audit
