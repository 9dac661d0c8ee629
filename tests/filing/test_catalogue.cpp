// The Catalogue: the only allocator of 件号. Idempotent, contiguous, never reused, stable across
// runs, and a batch killed mid-transaction (kill -9) leaves nothing behind.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "filing/archival_code.h"
#include "filing/catalogue.h"
#include "test_support.h"

using namespace lh::filing;

namespace {

std::string fmt(const std::string& scope, int n) {
  // scope "Z109|WS|2024|D30|CDS"
  std::vector<std::string> p;
  size_t i = 0;
  while (true) {
    size_t j = scope.find('|', i);
    p.push_back(scope.substr(i, j == std::string::npos ? std::string::npos : j - i));
    if (j == std::string::npos) break;
    i = j + 1;
  }
  ArchivalCode c{p[0], p[1], std::stoi(p[2]), p[3], p[4], n};
  return c.format();
}

std::vector<AllocationRequest> batch(const std::string& prefix, int n, const std::string& scope = "Z109|WS|2024|D30|CDS") {
  std::vector<AllocationRequest> v;
  for (int i = 0; i < n; ++i) v.push_back({prefix + std::to_string(i), scope, 50});
  return v;
}

std::vector<int> numbers(const std::vector<Allocation>& a) {
  std::vector<int> v;
  for (auto& x : a) v.push_back(x.item_number);
  return v;
}

}  // namespace

TEST(Catalogue, AllocationIsIdempotent) {
  auto dir = lh::test::temp_dir("cat-idem");
  Catalogue c(dir / "catalog.db");
  auto a = c.allocate(batch("h", 3), fmt);
  EXPECT_EQ(numbers(a), (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(a[0].archival_code, "Z109-WS\u00B72024-D30-CDS-0001");
  EXPECT_TRUE(a[0].is_new);
  auto b = c.allocate(batch("h", 3), fmt);
  EXPECT_EQ(numbers(b), (std::vector<int>{1, 2, 3}));
  EXPECT_FALSE(b[0].is_new);
  // A different order of the same items changes nothing.
  auto r = batch("h", 3);
  std::reverse(r.begin(), r.end());
  EXPECT_EQ(numbers(c.allocate(r, fmt)), (std::vector<int>{3, 2, 1}));
}

TEST(Catalogue, NewItemGetsTheNextNumberAndNothingElseMoves) {
  auto dir = lh::test::temp_dir("cat-next");
  {
    Catalogue c(dir / "catalog.db");
    c.allocate(batch("h", 3), fmt);
  }
  Catalogue c(dir / "catalog.db");  // a new night
  auto r = batch("h", 3);
  r.insert(r.begin() + 1, AllocationRequest{"new", "Z109|WS|2024|D30|CDS", 50});
  auto a = c.allocate(r, fmt);
  EXPECT_EQ(numbers(a), (std::vector<int>{1, 4, 2, 3}));
  EXPECT_EQ(c.last_number("Z109|WS|2024|D30|CDS"), 4);
}

TEST(Catalogue, EachScopeHasItsOwnSequence) {
  auto dir = lh::test::temp_dir("cat-scope");
  Catalogue c(dir / "catalog.db");
  std::vector<AllocationRequest> r = {{"a", "Z109|WS|2024|D30|CDS", 50}, {"b", "Z109|WS|2024|Y|CDS", 50},
                                      {"c", "Z109|WS|2024|D30|CDS", 50}, {"d", "Z109|WS|2023|D30|CDS", 50}};
  EXPECT_EQ(numbers(c.allocate(r, fmt)), (std::vector<int>{1, 1, 2, 1}));
}

TEST(Catalogue, BoxesNeverMixScopesAndGetStablePlaces) {
  auto dir = lh::test::temp_dir("cat-box");
  Catalogue c(dir / "catalog.db");
  std::vector<AllocationRequest> r;
  for (int i = 0; i < 5; ++i) r.push_back({"x" + std::to_string(i), "Z109|WS|2024|D30|CDS", 2});
  r.push_back({"y", "Z109|WS|2024|Y|CDS", 2});
  auto a = c.allocate(r, fmt);
  EXPECT_EQ(a[0].box_number, 1);
  EXPECT_EQ(a[1].box_number, 1);
  EXPECT_EQ(a[2].box_number, 2);
  EXPECT_EQ(a[4].box_number, 3);
  EXPECT_EQ(a[5].box_number, 1);
  EXPECT_EQ(a[0].location_index, 0);
  EXPECT_EQ(a[2].location_index, 1);
  EXPECT_EQ(a[4].location_index, 2);
  EXPECT_EQ(a[5].location_index, 3);  // its own box, its own place
  auto again = c.allocate(r, fmt);
  for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(again[i].location_index, a[i].location_index);
}

TEST(Catalogue, UnchangedInputsAreFoundBySizeAndMtime) {
  auto dir = lh::test::temp_dir("cat-inputs");
  Catalogue c(dir / "catalog.db");
  auto a = c.allocate(batch("h", 1), fmt);
  c.save_batch({{"h0", a[0].archival_code, "{}"}},
               {{"in/a.pdf", 10, 123, "h0", "archived", a[0].archival_code, "", "{\"x\":1}"}});
  auto hit = c.lookup_unchanged("in/a.pdf", 10, 123);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->sha256, "h0");
  EXPECT_EQ(hit->archival_code, a[0].archival_code);
  EXPECT_FALSE(c.lookup_unchanged("in/a.pdf", 11, 123));
  EXPECT_FALSE(c.lookup_unchanged("in/a.pdf", 10, 124));
  EXPECT_EQ(c.archived_path_for("h0").value_or(""), "in/a.pdf");
}

namespace {
// Child: allocates a batch and dies (SIGKILL or _exit) after `after` new numbers, inside the transaction.
void crash_child(const std::filesystem::path& db, const std::vector<AllocationRequest>& r, size_t after, bool sigkill) {
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    try {
      Catalogue c(db);
      c.allocate(r, fmt, {[&](size_t k) {
                   if (k + 1 == after) {
                     if (sigkill) raise(SIGKILL);
                     _exit(7);
                   }
                 }});
    } catch (...) {
    }
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (sigkill) {
    ASSERT_TRUE(WIFSIGNALED(status));
    EXPECT_EQ(WTERMSIG(status), SIGKILL);
  } else {
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 7);
  }
}
}  // namespace

TEST(Catalogue, KilledMidBatchThenRerunGivesSameNumbersNoGaps) {
  auto dir = lh::test::temp_dir("cat-crash");
  auto db = dir / "catalog.db";
  {
    Catalogue c(db);
    c.allocate(batch("old", 2), fmt);  // a committed earlier night: 1, 2
  }
  auto r = batch("new", 10);
  crash_child(db, r, 6, true);   // kill -9 after 6 of 10 new numbers
  crash_child(db, r, 3, false);  // and once more with _exit
  Catalogue c(db);
  EXPECT_EQ(c.last_number("Z109|WS|2024|D30|CDS"), 2);  // nothing of the killed batches survived
  auto a = c.allocate(r, fmt);
  std::vector<int> want;
  for (int i = 3; i <= 12; ++i) want.push_back(i);
  EXPECT_EQ(numbers(a), want);  // contiguous after the committed ones, no gap
  // A second re-run gives the very same numbers.
  EXPECT_EQ(numbers(c.allocate(r, fmt)), want);
}

TEST(Catalogue, KilledAfterCommitKeepsTheNumbers) {
  auto dir = lh::test::temp_dir("cat-crash2");
  auto db = dir / "catalog.db";
  auto r = batch("n", 4);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    Catalogue c(db);
    c.allocate(r, fmt);
    raise(SIGKILL);  // reported, then killed
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  Catalogue c(db);
  EXPECT_EQ(c.last_number("Z109|WS|2024|D30|CDS"), 4);
  EXPECT_EQ(numbers(c.allocate(r, fmt)), (std::vector<int>{1, 2, 3, 4}));
}

TEST(Catalogue, UnformattableNumberRollsTheBatchBack) {
  auto dir = lh::test::temp_dir("cat-full");
  Catalogue c(dir / "catalog.db");
  EXPECT_THROW(c.allocate(batch("h", 3), [](const std::string&, int n) { return n < 3 ? std::string("X") + std::to_string(n) : std::string(); }),
               sql::Error);
  EXPECT_EQ(c.last_number("Z109|WS|2024|D30|CDS"), 0);
}

// Issue 9: an item's place is committed with its 件号, in the same transaction, and read back later:
// a later night's request with another place changes nothing.
TEST(Catalogue, PlaceIsCommittedWithTheNumberAndReadBack) {
  auto dir = lh::test::temp_dir("cat-place");
  Catalogue c(dir / "catalog.db");
  AllocationRequest r{"h0", "Z109|WS|2024|D30|CDS", 50,
                      [](const std::string& code) { return "{\"folder\":\"WS/2024/D30\",\"file\":\"" + code + "\"}"; }};
  auto a = c.allocate({r}, fmt);
  EXPECT_EQ(a[0].placement, "{\"folder\":\"WS/2024/D30\",\"file\":\"Z109-WS\u00B72024-D30-CDS-0001\"}");
  r.placement = [](const std::string&) { return std::string("{\"folder\":\"AJ/2024/X\"}"); };
  EXPECT_EQ(c.allocate({r}, fmt)[0].placement, a[0].placement) << "a numbered item keeps its place";
}

TEST(Catalogue, CorrectionsKeepTheirIdAndAreWithdrawnWhenTheEvidenceGoes) {
  auto dir = lh::test::temp_dir("cat-corr");
  Catalogue c(dir / "catalog.db");
  c.allocate(batch("h", 2), fmt);
  Correction p;
  p.identity = "h0";
  p.archival_code = "Z109-WS\u00B72024-D30-CDS-0001";
  p.current = "{\"folder\":\"WS\"}";
  p.proposed = "{\"folder\":\"AJ\"}";
  p.reason = "新证据";
  c.propose_corrections({p}, {"h0", "h1"}, "2024-06-01");
  c.propose_corrections({p}, {"h0", "h1"}, "2024-06-02");
  auto open = c.corrections(true);
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(correction_id(open[0].id), "C0001");
  EXPECT_EQ(parse_correction_id("C0001"), 1);
  EXPECT_FALSE(parse_correction_id("C00x1"));
  c.propose_corrections({}, {"h0"}, "2024-06-03");
  EXPECT_TRUE(c.corrections(true).empty());
  ASSERT_EQ(c.corrections(false).size(), 1u);
  EXPECT_EQ(c.corrections(false)[0].status, "withdrawn");
}

TEST(Catalogue, RenumberGivesTheNextNumberOfTheNewScopeOnce) {
  auto dir = lh::test::temp_dir("cat-renumber");
  Catalogue c(dir / "catalog.db");
  c.allocate(batch("h", 2), fmt);
  c.allocate(batch("j", 3, "Z109|JC|2024|D10|CDS"), fmt);
  auto a = c.renumber("h0", "Z109|JC|2024|D10|CDS", 50, fmt);
  EXPECT_EQ(a.archival_code, "Z109-JC\u00B72024-D10-CDS-0004");
  EXPECT_EQ(c.renumber("h0", "Z109|JC|2024|D10|CDS", 50, fmt).archival_code, a.archival_code) << "repeatable";
  EXPECT_EQ(c.last_number("Z109|WS|2024|D30|CDS"), 2) << "the old number is left unused, never reused";
  EXPECT_EQ(c.allocate(batch("k", 1), fmt)[0].item_number, 3);
}

// A scope whose 件号 reach the width's last number (issue 13: before, the whole batch was rolled back
// and the night exited 3): a new item there gets no number and nothing is written for it; numbered
// items and other scopes go on; the sequence stays at its last number for the next night.
TEST(Catalogue, FullScopeGivesNoNumberAndTheBatchGoesOn) {
  auto dir = lh::test::temp_dir("cat-full");
  Catalogue c(dir / "catalog.db");
  auto first = batch("h", 3);
  for (auto& r : first) r.last_number = 3;
  c.allocate(first, fmt);
  std::vector<AllocationRequest> r = batch("h", 3);
  r.insert(r.begin() + 1, AllocationRequest{"late", "Z109|WS|2024|D30|CDS", 50, {}, 3});
  r.push_back(AllocationRequest{"other", "Z109|WS|2023|D30|CDS", 50, {}, 3});
  auto a = c.allocate(r, fmt);
  ASSERT_EQ(a.size(), 5u);
  EXPECT_TRUE(a[1].sequence_full);
  EXPECT_EQ(a[1].archival_code, "");
  EXPECT_EQ(a[1].scope, "Z109|WS|2024|D30|CDS");
  EXPECT_EQ(numbers(a), (std::vector<int>{1, 0, 2, 3, 1}));
  EXPECT_FALSE(c.has_identity("late"));
  EXPECT_EQ(c.last_number("Z109|WS|2024|D30|CDS"), 3);
  EXPECT_EQ(a[4].archival_code, "Z109-WS\u00B72023-D30-CDS-0001");
}
