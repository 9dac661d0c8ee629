// Issue 12 floor (the one-new-document night on 10,000 items under 2 s): the catalogue keeps
// derived.json's entries beside the file (package/derived_state.h) and a night reads those instead
// of parsing the file whole. The oracle is the night that reads the file whole
// (LIANGHUA_PLAN_EVERY_INPUT=1): after whatever happened to derived.json between nights — edited or
// deleted by hand, or an archive of the version before the entries were kept — a night writes the
// same derived.json, manifest.json and derived report, and the entries then vouch for the file.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <optional>
#include <nlohmann/json.hpp>

#include "filing/catalogue.h"
#include "package/derived_state.h"
#include "catalog_sql.h"
#include "shared_dir.h"
#include "test_support.h"

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace lh;
using lh::test::sql_in;

namespace {


test::CommandResult night(const fs::path& in, const fs::path& archive, const std::string& when, bool oracle,
                          const std::string& timeout = "") {
  test::ScopedEnv t("LIANGHUA_RUN_TIME", when);
  std::optional<test::ScopedEnv> every;
  if (oracle) every.emplace("LIANGHUA_PLAN_EVERY_INPUT", "1");
  std::vector<std::string> argv = {test::program().string(), "archive", "--in", in.string(), "--out", archive.string(),
                                   "--office", (test::source_dir() / "samples/office.xml").string(), "--quiet", "--jobs", "2"};
  // --timeout (a reader option that concludes nothing new) takes the night past unchanged_run.h,
  // which looks at no derived output and so not at derived.json either.
  if (!timeout.empty()) argv.insert(argv.end(), {"--timeout", timeout});
  return test::run(argv);
}

struct Sample {
  fs::path archive, inbox_one_new;
  std::string error;
};

// The sample inbox archived once, and the same inbox (mtimes kept) with one new 通知: made once for
// every DerivedNights test process of this build (tests/support/shared_dir.h).
const Sample& sample() {
  static Sample s = [] {
    Sample x;
    const fs::path samples = test::source_dir() / "samples/inbox";
    const std::vector<std::string> key = {test::program().string(), "archive --quiet --jobs 2", samples.string(),
                                          (test::source_dir() / "samples/office.xml").string(), "2024-12-01T02:00:00+0800"};
    const test::SharedDir shared = test::shared_dir("derived-nights", key, [&](const fs::path& dir) -> std::string {
      auto r = night(samples, dir / "ARCHIVE", "2024-12-01T02:00:00+0800", false);
      if (r.exit_code > 1) return "archive exit " + std::to_string(r.exit_code) + ": " + r.err;
      auto cp = test::run({"cp", "-a", samples.string(), (dir / "inbox").string()});
      if (cp.exit_code != 0) return "cp: " + cp.err;
      test::write_file(dir / "inbox/收件/关于开展第13号消费品质量抽查的通知.txt",
                       "南岭县市场监督管理局\n关于开展第13号消费品质量抽查的通知\n南市监函〔2025〕913号\n\n2025年6月1日\n");
      return "";
    });
    x.error = shared.error;
    x.archive = shared.dir / "ARCHIVE";
    x.inbox_one_new = shared.dir / "inbox";
    return x;
  }();
  return s;
}

bool entries_vouch(const fs::path& archive) {
  filing::Catalogue cat(archive / "catalog.db", filing::Catalogue::ReadOnly::Yes);
  return package::stored_state_current(cat, archive);
}

json derived_report(const fs::path& archive) {
  return json::parse(test::read_file(archive / "reports/report.json")).value("derived", json());
}

// Two copies of the sample archive, each brought to a night of its own (its entries vouching for its
// derived.json), `edit` done to both; then a full night on the sample inbox and the
// one-new-document night on each, one copy as it runs, the other as the oracle.
void expect_nights_as_the_oracle(const std::string& name, const std::function<void(const fs::path&)>& edit) {
  const Sample& s = sample();
  ASSERT_TRUE(s.error.empty()) << s.error;
  const fs::path dir = test::temp_dir("derived-nights-" + name);
  const fs::path mine = dir / "mine", oracle = dir / "oracle";
  const fs::path samples = test::source_dir() / "samples/inbox";
  for (const auto& copy : {mine, oracle}) {
    fs::copy(s.archive, copy, fs::copy_options::recursive);
    ASSERT_LE(night(samples, copy, "2024-12-02T02:00:00+0800", false, "31").exit_code, 1);
  }
  ASSERT_TRUE(entries_vouch(mine));
  for (const auto& copy : {mine, oracle}) edit(copy);
  int n = 3;
  for (const auto& [in, timeout] : {std::pair{samples, std::string("32")}, {s.inbox_one_new, std::string()}}) {
    const std::string when = "2024-12-0" + std::to_string(n++) + "T02:00:00+0800";
    auto a = night(in, mine, when, false, timeout);
    auto b = night(in, oracle, when, true, timeout);
    ASSERT_LE(a.exit_code, 1) << a.err;
    ASSERT_EQ(a.exit_code, b.exit_code) << a.err << b.err;
    EXPECT_EQ(test::read_file(mine / "derived.json"), test::read_file(oracle / "derived.json")) << when;
    EXPECT_EQ(test::read_file(mine / "manifest.json"), test::read_file(oracle / "manifest.json")) << when;
    EXPECT_EQ(derived_report(mine), derived_report(oracle)) << when;
    EXPECT_TRUE(entries_vouch(mine)) << when;
  }
  EXPECT_GE(derived_report(mine)["derived_counts"]["rebuilt"].get<int>(), 1) << "the new 通知's reading copy";
}

}  // namespace

// The entries the first night stored vouch for its derived.json.
TEST(DerivedNights, TheCatalogueKeepsEveryEntryOfDerivedJson) {
  const Sample& s = sample();
  ASSERT_TRUE(s.error.empty()) << s.error;
  EXPECT_TRUE(entries_vouch(s.archive));
  const json d = json::parse(test::read_file(s.archive / "derived.json"));
  filing::Catalogue cat(s.archive / "catalog.db", filing::Catalogue::ReadOnly::Yes);
  size_t rows = 0;
  cat.for_each_derived_entry(true, [&](filing::DerivedEntry&& e) {
    ++rows;
    ASSERT_TRUE(d[e.section].contains(e.name)) << e.section << " " << e.name;
    EXPECT_EQ(e.text, package::entry_text(d[e.section][e.name])) << e.name;
  });
  EXPECT_EQ(rows, d["items"].size() + d["volumes"].size() + d["catalogues"].size());
  EXPECT_GT(d["volumes"].size(), 0u);
}

TEST(DerivedNights, UntouchedArchiveNightsWriteWhatTheWholeFileNightWrites) {
  expect_nights_as_the_oracle("untouched", [](const fs::path&) {});
}

// An item's key edited by hand: the stamp no longer vouches, the file is read whole, the item's
// outputs are rebuilt and the entries stored again.
TEST(DerivedNights, DerivedJsonEditedByHandIsReadWholeAgain) {
  expect_nights_as_the_oracle("edited", [](const fs::path& archive) {
    std::string text = test::read_file(archive / "derived.json");
    const size_t at = text.find("\"key\": \"");
    ASSERT_NE(at, std::string::npos);
    text[at + 8] = text[at + 8] == '0' ? '1' : '0';
    test::write_file(archive / "derived.json", text);
  });
}

TEST(DerivedNights, DerivedJsonDeletedByHandIsWrittenAgain) {
  expect_nights_as_the_oracle("deleted", [](const fs::path& archive) { fs::remove(archive / "derived.json"); });
}

// An archive of the version before the entries were kept (no table, no stamp).
TEST(DerivedNights, ArchiveWithoutTheEntryTableIsReadWholeOnce) {
  expect_nights_as_the_oracle("previous", [](const fs::path& archive) {
    sql_in(archive, "DROP TABLE derived_entries; DELETE FROM state WHERE key = 'derived_json_stamp'");
  });
}

// A crash between derived.json and the catalogue: the stamp recorded is not the file's, and the
// rows are of another state (three gone): not trusted.
TEST(DerivedNights, StampOfAnotherDerivedJsonIsNotTrusted) {
  expect_nights_as_the_oracle("crash", [](const fs::path& archive) {
    sql_in(archive, "UPDATE state SET value = value || '1' WHERE key = 'derived_json_stamp'; "
                    "DELETE FROM derived_entries WHERE rowid IN (SELECT rowid FROM derived_entries WHERE section = 'items' LIMIT 3)");
  });
}

// A night that rebuilds many reading copies on an archive whose entries vouch for derived.json
// writes its checkpoints from the entries' texts: killed after the second one, derived.json holds
// every entry (last night's and the copies done), and the next night ends where an uninterrupted
// one would, with the same derived.json as before the copies were deleted.
TEST(DerivedNights, CheckpointFromTheStoredEntriesResumesToTheSameState) {
  const Sample& s = sample();
  ASSERT_TRUE(s.error.empty()) << s.error;
  const fs::path archive = test::temp_dir("derived-nights-checkpoint") / "ARCHIVE";
  const fs::path samples = test::source_dir() / "samples/inbox";
  fs::copy(s.archive, archive, fs::copy_options::recursive);
  ASSERT_LE(night(samples, archive, "2024-12-02T02:00:00+0800", false, "31").exit_code, 1);
  ASSERT_TRUE(entries_vouch(archive));
  const std::string before = test::read_file(archive / "derived.json");
  const json state = json::parse(before);
  size_t copies = 0;
  for (const auto& [code, e] : state["items"].items())
    for (const auto& f : e["files"])
      if (f["path"].get<std::string>().find("阅览本") != std::string::npos && fs::remove(archive / f["path"].get<std::string>())) ++copies;
  ASSERT_GE(copies, 6u);
  {
    test::ScopedEnv every("LIANGHUA_TEST_CHECKPOINT_EVERY", "2");
    test::ScopedEnv kill("LIANGHUA_TEST_KILL_AFTER", "checkpoint:2");
    auto killed = night(samples, archive, "2024-12-03T02:00:00+0800", false, "32");
    ASSERT_EQ(killed.exit_code, 128 + 9) << killed.err;
  }
  const json checkpoint = json::parse(test::read_file(archive / "derived.json"));
  EXPECT_EQ(checkpoint["items"].size(), state["items"].size());
  EXPECT_EQ(checkpoint["volumes"], state["volumes"]);
  EXPECT_EQ(checkpoint["catalogues"], state["catalogues"]);
  auto r = night(samples, archive, "2024-12-03T02:00:00+0800", false, "32");
  ASSERT_LE(r.exit_code, 1) << r.err;
  EXPECT_EQ(test::read_file(archive / "derived.json"), before);
  EXPECT_TRUE(entries_vouch(archive));
  EXPECT_GE(derived_report(archive)["derived_counts"]["rebuilt"].get<size_t>(), 1u);
}
