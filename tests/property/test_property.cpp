// Issue 9 item 5: properties of `lianghua archive` over inboxes nobody tuned for. The sweep
// (sweep.cpp) makes seeded office inboxes with scripts/make_office_inbox.py, files three nights of
// each, and records every violation with its seed, night and path. Properties that main still
// fails are reported as skipped with their violations until LIANGHUA_PROPERTY_STRICT=1 (or their
// removal from awaiting_fix()) makes them failures. The long sweep is bench/property_sweep.sh.
#include <gtest/gtest.h>

#include <sstream>

#include "sweep.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace lh::property;

namespace {

void expect_property(const char* property) {
  const SweepResult& r = sweep();
  ASSERT_TRUE(r.setup_error.empty()) << r.setup_error;
  auto checked = r.checks.find(property);
  ASSERT_TRUE(checked != r.checks.end() && checked->second > 0) << property << ": the sweep checked nothing";
  std::vector<const Violation*> v;
  for (const auto& x : r.violations)
    if (x.property == property) v.push_back(&x);
  bool awaiting = awaiting_fix().count(property) && !strict();
  if (v.empty()) {
    if (awaiting) std::cout << property << " holds now: take it out of awaiting_fix()\n";
    return;
  }
  std::ostringstream msg;
  msg << property << ": " << v.size() << " violation(s) in " << r.seeds << " seed(s) x " << r.nights << " night(s)\n";
  for (size_t i = 0; i < v.size() && i < 15; ++i)
    msg << "  seed " << v[i]->seed << " night " << v[i]->night << ": " << v[i]->path << ": " << v[i]->detail << "\n";
  if (v.size() > 15) msg << "  … " << v.size() - 15 << " more\n";
  msg << "  replay: python3 scripts/make_office_inbox.py --out IN --seed " << v[0]->seed
      << " --night 1 --truth T.json --office O.xml, then --night 2.." << v[0]->night << " --update, running "
      << "`lianghua archive --in IN --out OUT --office O.xml --no-documents` after each";
  if (awaiting) GTEST_SKIP() << "awaiting issue 9's fix (LIANGHUA_PROPERTY_STRICT=1 fails on it):\n" << msg.str();
  ADD_FAILURE() << msg.str();
}

// The file tree under root: relative path (bytes) → content and mtime.
std::map<std::string, std::pair<std::string, int64_t>> tree(const fs::path& root) {
  std::map<std::string, std::pair<std::string, int64_t>> m;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file())
      m[fs::relative(e.path(), root).native()] = {lh::test::read_file(e.path()),
                                                  e.last_write_time().time_since_epoch().count()};
  return m;
}

lh::test::CommandResult generate(const fs::path& in, int seed, int night, const fs::path& truth, bool update) {
  std::vector<std::string> argv = {python(), (lh::test::source_dir() / "scripts" / "make_office_inbox.py").string(),
                                   "--out", in.string(), "--seed", std::to_string(seed), "--night",
                                   std::to_string(night), "--truth", truth.string()};
  if (update) argv.push_back("--update");
  return lh::test::run(argv);
}

}  // namespace

TEST(Property, EveryInputHasExactlyOneFate) { expect_property(kOneFate); }
TEST(Property, RefusedZipEntryKeepsItsKindAndIsQuarantined) { expect_property(kRefusedKept); }
TEST(Property, NumberedItemNeverChangesCodeCaseOrPath) { expect_property(kNeverMoves); }
TEST(Property, NothingWithoutAPositiveLinkSitsInACase) { expect_property(kPositiveLink); }
TEST(Property, ADocumentWithPositiveEvidenceSitsInItsCase) { expect_property(kEvidenceFiled); }
TEST(Property, ManifestAndArchiveAgreeFileForFile) { expect_property(kAgree); }
TEST(Property, TwoRunsFromScratchAgreeByteForByte) { expect_property(kReproducible); }
TEST(Property, AFileNamedInGbkBytesNeverStopsTheRun) { expect_property(kRawNames); }
TEST(Property, ANightPlanningWhatChangedFilesAsPlanningEveryInput) { expect_property(kIncremental); }

// The generator's own contract: night K of a seed is the same bytes and mtimes whether made fresh
// or by updating night K-1, and so is its truth; another seed is another inbox.
TEST(Property, GeneratorNightIsTheSameFreshOrUpdated) {
  fs::path d = lh::test::temp_dir("property-generator");
  ASSERT_EQ(generate(d / "fresh", 7, 2, d / "fresh.json", false).exit_code, 0);
  ASSERT_EQ(generate(d / "updated", 7, 1, d / "one.json", false).exit_code, 0);
  auto night1 = tree(d / "updated");
  auto g = generate(d / "updated", 7, 2, d / "updated.json", true);
  ASSERT_EQ(g.exit_code, 0) << g.err;
  EXPECT_TRUE(tree(d / "fresh") == tree(d / "updated"));
  EXPECT_EQ(lh::test::read_file(d / "fresh.json"), lh::test::read_file(d / "updated.json"));
  EXPECT_TRUE(night1 != tree(d / "fresh")) << "night 2 added, edited or removed nothing";
  ASSERT_EQ(generate(d / "other", 8, 2, d / "other.json", false).exit_code, 0);
  EXPECT_NE(lh::test::read_file(d / "fresh.json"), lh::test::read_file(d / "other.json"));
  EXPECT_NE(generate(d / "fresh", 7, 2, d / "again.json", false).exit_code, 0) << "wrote into a non-empty inbox";
}

TEST(Property, CaseKeyReadsEveryWrittenForm) {
  EXPECT_EQ(case_key("粤汕市监罚〔2024〕37号"), "粤汕市监罚|2024|37");
  EXPECT_EQ(case_key("粤汕市监罚[2024]037号"), "粤汕市监罚|2024|37");
  EXPECT_EQ(case_key("东市监处字〔2023〕第5号"), "东市监处字|2023|5");
  EXPECT_EQ(case_key("（杭临）市监处罚（2024）131号"), "杭临市监处罚|2024|131");
  EXPECT_NE(case_key("粤汕市监罚〔2024〕37号"), case_key("粤汕市监罚〔2023〕37号"));
  EXPECT_NE(case_key("粤汕市监罚〔2024〕37号"), case_key("粤汕市监罚〔2024〕3号"));
}
