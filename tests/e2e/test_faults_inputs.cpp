// Faults of the inputs a nightly run meets (issue 13 §3, §4), each with its expected outcome:
//   - an inbox file deleted, truncated or rewritten while the run reads it (LIANGHUA_TEST_STOP_AT,
//     package/test_hooks.h): set aside with a reason, exit 1; filed the next night it is whole;
//   - the clock set back a year: 件号 continue, 年度 and dates come from the documents;
//   - a scheme edit between nights: numbered items do not move, corrections are proposed;
//   - a 100,000-row CSV 权责清单: read within the default 30 s timeout, every row a record.
#include <chrono>
#include <fstream>
#include <set>

#include "faults_support.h"
#include "filing/catalogue.h"
#include "package/files.h"

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace lh::faults;

namespace {

const json* item_by_source(const json& m, const std::string& source) {
  for (const auto& it : m["items"])
    for (const auto& f : it["files"])
      if (f["source"] == source) return &it;
  return nullptr;
}

std::string slurp_err(const fs::path& p) { return fs::exists(p) ? lh::test::read_file(p) : std::string(); }

// One night stopped at `point` where `fault` happens to 通知/第2次.txt; then the next night with the
// file as `restore` leaves it. Returns both nights' manifests.
struct TwoNights { int rc1 = -1, rc2 = -1; std::string err1; json m1, m2; bool stopped = false; };

TwoNights night_with_fault(const std::string& tag, const std::string& point, const std::function<void(const fs::path&)>& fault,
                           const std::function<void(const fs::path&)>& restore) {
  auto base = lh::test::temp_dir(tag);
  fs::path in = base / "inbox", out = base / "ARCHIVE";
  lh::test::write_file(in / "通知/第1次.txt", notice(1));
  lh::test::write_file(in / "通知/第2次.txt", notice(2, "2024年1月3日"));
  const fs::path victim = in / "通知/第2次.txt";
  TwoNights t;
  t.rc1 = run_stopped_at(point, archive_argv(in, out, {"--no-documents"}), base / "err1.txt", [&] { fault(victim); }, t.stopped);
  t.err1 = slurp_err(base / "err1.txt");
  if (fs::exists(out / "manifest.json")) t.m1 = read_json(out / "manifest.json");
  restore(victim);
  auto r2 = archive(in, out, {"--no-documents"});
  t.rc2 = r2.exit_code;
  if (fs::exists(out / "manifest.json")) t.m2 = read_json(out / "manifest.json");
  EXPECT_EQ(verify(out).exit_code, 0) << verify(out).out;
  return t;
}

void expect_set_aside_then_filed(const TwoNights& t, const std::string& reason_code) {
  ASSERT_TRUE(t.stopped) << "the hook point was not reached";
  EXPECT_EQ(t.rc1, 1) << t.err1;
  EXPECT_NE(t.err1.find("set aside: 通知/第2次.txt: "), std::string::npos) << t.err1;
  EXPECT_NE(t.err1.find("(" + reason_code + ")"), std::string::npos) << t.err1;
  ASSERT_TRUE(t.m1.is_object());
  ASSERT_NE(input_of(t.m1, "通知/第2次.txt"), nullptr);
  EXPECT_EQ((*input_of(t.m1, "通知/第2次.txt"))["fate"], "quarantined");
  EXPECT_EQ(item_by_source(t.m1, "通知/第2次.txt"), nullptr) << "nothing of it is filed";
  EXPECT_EQ(t.m1["items"].size(), 1u);
  // The next night it is whole again: filed, 件号 2.
  EXPECT_EQ(t.rc2, 0);
  ASSERT_TRUE(t.m2.is_object());
  const json* it = item_by_source(t.m2, "通知/第2次.txt");
  ASSERT_NE(it, nullptr) << t.m2.dump(1);
  EXPECT_EQ((*it)["item_number"], 2);
}

void write_keeping_mtime(const fs::path& p, const std::string& bytes) {
  auto mtime = fs::last_write_time(p);
  lh::test::write_file(p, bytes);
  fs::last_write_time(p, mtime);
}

}  // namespace

TEST(FaultsInputs, FileDeletedBetweenListingAndReadingIsSetAsideThenFiledWhenItIsBack) {
  std::string saved;
  auto t = night_with_fault(
      "fault-deleted", "listed", [&](const fs::path& p) { saved = lh::test::read_file(p); fs::remove(p); },
      [&](const fs::path& p) { lh::test::write_file(p, saved); });
  expect_set_aside_then_filed(t, "unreadable");
  EXPECT_NE(t.err1.find("被删除或移走"), std::string::npos) << t.err1;
}

TEST(FaultsInputs, FileDeletedAfterReadingBeforeCopyingIsSetAsideThenFiledWhenItIsBack) {
  std::string saved;
  auto t = night_with_fault(
      "fault-vanished", "inspected", [&](const fs::path& p) { saved = lh::test::read_file(p); fs::remove(p); },
      [&](const fs::path& p) { lh::test::write_file(p, saved); });
  expect_set_aside_then_filed(t, "vanished_while_read");
}

// Truncated after it was read (a copy onto the share restarted): the bytes copied are not the bytes
// read, so nothing of it is filed; the next night, whole again, it is.
TEST(FaultsInputs, FileTruncatedWhileReadIsSetAsideThenFiledWhenWhole) {
  std::string saved;
  auto t = night_with_fault(
      "fault-truncated", "inspected",
      [&](const fs::path& p) { saved = lh::test::read_file(p); fs::resize_file(p, saved.size() / 2); },
      [&](const fs::path& p) { lh::test::write_file(p, saved); });
  expect_set_aside_then_filed(t, "changed_while_read");
}

// Rewritten after it was read with other bytes of the same size and the old mtime (nothing a listing
// can see): set aside; the next night, with the inbox listing exactly as before, it is read again
// and filed with the bytes it now has.
TEST(FaultsInputs, FileRewrittenWhileReadIsSetAsideThenFiledNextNightThoughItsListingIsUnchanged) {
  const std::string other = notice(2, "2024年1月4日");
  auto t = night_with_fault(
      "fault-rewritten", "inspected",
      [&](const fs::path& p) {
        ASSERT_EQ(other.size(), fs::file_size(p));
        write_keeping_mtime(p, other);
      },
      [](const fs::path&) {});
  expect_set_aside_then_filed(t, "changed_while_read");
  const json* it = item_by_source(t.m2, "通知/第2次.txt");
  ASSERT_NE(it, nullptr);
  EXPECT_EQ((*it)["files"][0]["sha256"], lh::package::sha256_hex(other)) << "the bytes it has now";
}

// Cut short between the listing and the read (a copy onto the share restarted): what was read is not
// the file the listing saw, so it is not filed; the next night, whole again, it is.
TEST(FaultsInputs, FileTruncatedBetweenListingAndReadingIsSetAsideThenFiledWhenWhole) {
  std::string saved;
  auto t = night_with_fault(
      "fault-truncated-early", "listed",
      [&](const fs::path& p) { saved = lh::test::read_file(p); fs::resize_file(p, saved.size() / 2); },
      [&](const fs::path& p) { lh::test::write_file(p, saved); });
  expect_set_aside_then_filed(t, "unreadable");
  EXPECT_NE(t.err1.find("大小改变"), std::string::npos) << t.err1;
}
