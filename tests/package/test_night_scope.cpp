// The incremental night (package/night_scope.h, issue 12 §4, issue 13 §5): a night plans again only
// the unchanged inputs tied to what changed, files exactly as a night that plans every input, and
// its memory does not grow with the unchanged inputs that stay in the inbox.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <functional>

#include "package/archive.h"
#include "package/lock.h"
#include "package/night_scope.h"
#include "package_inbox.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace lh;
using lh::test::archive_options;
using lh::test::Derived;

namespace {

std::string notice_title(const std::string& folder, int i) { return "关于" + folder + "第" + std::to_string(i) + "次节前安全检查的通知"; }

// `per_folder` notices in each folder, filed on a first night.
test::Inbox first_night(const fs::path& base, const std::vector<std::string>& folders, int per_folder) {
  test::Inbox in{base / "INBOX", {}};
  for (const auto& folder : folders)
    for (int i = 0; i < per_folder; ++i) {
      const std::string t = notice_title(folder, i);
      in.add(folder + "/" + t + ".docx", "bytes of " + folder + " " + std::to_string(i), t).fields.dates = {"2023-03-01"};
    }
  package::ArchiveResult r = package::run_archive(in.files, archive_options(base, Derived::None));
  EXPECT_TRUE(r.ok()) << r.error;
  return in;
}

// The night the CLI runs: `added` read tonight, every earlier file unchanged (not read).
std::vector<package::UnchangedInput> unchanged(const test::Inbox& before) {
  std::vector<package::UnchangedInput> out;
  for (const auto& f : before.files) out.push_back({f.path, f.source_path, f.size, f.mtime_ns});
  return out;
}

package::ArchiveResult next_night(const fs::path& base, const fs::path& archive, std::vector<package::UnchangedInput> before,
                                  const std::vector<model::InspectedFile>& added, bool every_input = false) {
  package::PreviousRun previous(archive);
  package::NightInputs night;
  night.previous = &previous;
  night.inspected = added;
  night.unchanged = std::move(before);
  package::ArchiveOptions o = archive_options(base, Derived::None, archive);
  o.plan_every_input = every_input;
  std::string err;
  auto lock = package::ArchiveLock::acquire(archive, err);
  if (!lock) return {package::ArchiveStatus::LockHeld, err};
  return package::run_archive(std::move(night), o, *lock);
}

}  // namespace

// A draft of a notice arrives in one folder: that folder's notices are planned again (it could be a
// case's folder: placement.h rules 3 and 4), the other folder's are not, the draft becomes a version
// of its final, and the archive is byte for byte what planning every input gives.
TEST(NightScope, ADraftInOneFolderPlansThatFolderAgainNotTheOther) {
  const fs::path base = test::temp_dir("night-scope-draft");
  test::Inbox in = first_night(base, {"办公室收文", "综合科发文"}, 12);
  test::Inbox tonight{base / "INBOX", {}, in.clock};
  const std::string t = notice_title("办公室收文", 3);
  tonight.add("办公室收文/" + t + "（征求意见稿）.docx", "draft bytes", t).fields.dates = {"2023-02-20"};
  fs::copy(base / "ARCHIVE", base / "EVERY", fs::copy_options::recursive);

  package::ArchiveResult a = next_night(base, base / "ARCHIVE", unchanged(in), tonight.files);
  ASSERT_TRUE(a.ok()) << a.error;
  EXPECT_EQ(a.planned_every_input, "");
  EXPECT_EQ(a.replanned, 12u) << "the folder of the draft, not the other folder";
  EXPECT_EQ(a.new_items, 0u);
  EXPECT_EQ(a.by_fate["version"], 1u);
  EXPECT_EQ(a.by_fate["archived"], 24u) << "unchanged inputs not planned still count as tonight's";

  package::ArchiveResult b = next_night(base, base / "EVERY", unchanged(in), tonight.files, true);
  ASSERT_TRUE(b.ok()) << b.error;
  EXPECT_NE(b.planned_every_input, "");
  EXPECT_EQ(b.replanned, 24u);
  EXPECT_EQ(a.by_fate, b.by_fate);
  EXPECT_EQ(test::read_file(base / "ARCHIVE/manifest.json"), test::read_file(base / "EVERY/manifest.json"));
}

// A file gone from the inbox: the inputs tied to it are planned again, the rest carried, and the
// gone input is marked so (in_inbox false) as a night planning every input marks it.
TEST(NightScope, AGoneFileIsMarkedAndItsFolderPlannedAgain) {
  const fs::path base = test::temp_dir("night-scope-gone");
  test::Inbox in = first_night(base, {"办公室收文", "综合科发文"}, 5);
  fs::copy(base / "ARCHIVE", base / "EVERY", fs::copy_options::recursive);
  test::Inbox kept{base / "INBOX", {}};
  for (const auto& f : in.files)
    if (f.path.find("综合科发文/" + notice_title("综合科发文", 2)) == std::string::npos) kept.files.push_back(f);
  ASSERT_EQ(kept.files.size(), 9u);
  package::ArchiveResult a = next_night(base, base / "ARCHIVE", unchanged(kept), {});
  package::ArchiveResult b = next_night(base, base / "EVERY", unchanged(kept), {}, true);
  ASSERT_TRUE(a.ok() && b.ok()) << a.error << b.error;
  EXPECT_EQ(a.replanned, 4u) << "the gone file's folder";
  EXPECT_EQ(a.by_fate, b.by_fate);
  const std::string m = test::read_file(base / "ARCHIVE/manifest.json");
  EXPECT_EQ(m, test::read_file(base / "EVERY/manifest.json"));
  EXPECT_NE(m.find("\"in_inbox\": false"), std::string::npos);
}

// Another program, scheme, office profile or reader option than the last night's: every input is
// planned again under tonight's rules (the ties were recorded under the old ones).
TEST(NightScope, ANewSchemePlansEveryInputAgain) {
  const fs::path base = test::temp_dir("night-scope-scheme");
  test::Inbox in = first_night(base, {"办公室收文"}, 3);
  package::ArchiveResult same = next_night(base, base / "ARCHIVE", unchanged(in), {});
  ASSERT_TRUE(same.ok()) << same.error;
  EXPECT_EQ(same.planned_every_input, "");
  EXPECT_EQ(same.replanned, 0u);
  const fs::path scheme_dir = base / "scheme";
  fs::create_directories(scheme_dir);
  for (const char* f : {"default.xml", "scheme.xsd", "office.xsd"})
    fs::copy_file(test::source_dir() / "templates/scheme" / f, scheme_dir / f);
  test::write_file(scheme_dir / "default.xml", test::read_file(scheme_dir / "default.xml") + "\n<!-- edited -->\n");
  package::PreviousRun previous(base / "ARCHIVE");
  package::NightInputs night;
  night.previous = &previous;
  night.unchanged = unchanged(in);
  package::ArchiveOptions o = archive_options(base, Derived::None);
  o.scheme = scheme_dir / "default.xml";
  std::string err;
  auto lock = package::ArchiveLock::acquire(base / "ARCHIVE", err);
  ASSERT_TRUE(lock) << err;
  package::ArchiveResult r = package::run_archive(std::move(night), o, *lock);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_NE(r.planned_every_input, "");
  EXPECT_EQ(r.replanned, 3u);
}

// Regression (issue 13 §5, the soak: the parent grew ~5.4 KiB per input kept in the inbox, 663.7 MiB
// at 92,690 inputs): 4,000 more unchanged inputs in the inbox cost the night that files one new
// document a few bytes each (their paths), not their facts and plan. Planning every input, as every
// night did before, grows by more: the measure can tell the two apart.
TEST(NightScope, ParentPeakDoesNotGrowWithUnchangedInputsInTheInbox) {
  const fs::path small = test::temp_dir("night-scope-mem-1000"), large = test::temp_dir("night-scope-mem-5000");
  ASSERT_GE(test::child_peak_kib([&] { first_night(small, {"2023年"}, 1000); return true; }), 0);
  ASSERT_GE(test::child_peak_kib([&] { first_night(large, {"2023年"}, 5000); return true; }), 0);
  fs::copy(large / "ARCHIVE", large / "EVERY", fs::copy_options::recursive);
  // In the child: the inbox described again (its files are on disk), then one new document filed.
  auto one_new = [](const fs::path& base, const fs::path& archive, int n, bool every) {
    std::vector<package::UnchangedInput> before;
    int64_t clock = test::Inbox{}.clock;
    for (int i = 0; i < n; ++i) {
      const std::string path = "2023年/" + notice_title("2023年", i) + ".docx";
      const std::string on_disk = (base / "INBOX" / path).string();
      before.push_back({path, on_disk, fs::file_size(on_disk), clock += 3600LL * 1000000000LL});
    }
    test::Inbox tonight{base / "INBOX", {}, clock};
    tonight.add("新收/关于开展消费品质量抽查的通知.docx", "new bytes", "关于开展消费品质量抽查的通知").fields.dates = {"2024-05-10"};
    package::ArchiveResult r = next_night(base, archive, std::move(before), tonight.files, every);
    return r.ok() && r.new_items == 1;
  };
  const long a = test::child_peak_kib([&] { return one_new(small, small / "ARCHIVE", 1000, false); });
  const long b = test::child_peak_kib([&] { return one_new(large, large / "ARCHIVE", 5000, false); });
  const long b_every = test::child_peak_kib([&] { return one_new(large, large / "EVERY", 5000, true); });
  ASSERT_GT(a, 0);
  ASSERT_GT(b, 0);
  ASSERT_GT(b_every, 0);
  std::printf("night peak: %ld KiB with 1,000 unchanged inputs, %ld KiB with 5,000 (%ld KiB planning every input)\n", a, b,
              b_every);
  EXPECT_LT(b - a, 4 * 1024) << "peak " << a << " KiB with 1,000 unchanged inputs, " << b << " KiB with 5,000";
  EXPECT_GT(b_every - b, 4 * 1024) << "planning every input should cost more than the measure's margin";
}
