// Names and numbers of inputs a server meets (issue 13 §3), each with its expected outcome: a file
// name of 255 bytes and a path of ~900 bytes, NFC/NFD twins, names in GBK or with invalid UTF-8
// bytes, many inputs in one folder. Each is filed or set aside with a reason, never lost; the
// manifest and report stay valid UTF-8 JSON; the archive verifies.
#include <chrono>
#include <map>
#include <set>

#include "charset.h"
#include "faults_support.h"

namespace lh::faults {

namespace {

// Every input has a fate, every archived input's bytes are in the archive, manifest and report are
// valid UTF-8 JSON, verify passes.
void expect_nothing_lost(const fs::path& out, size_t inputs) {
  for (const char* p : {"manifest.json", "reports/report.json"}) {
    const std::string bytes = lh::test::read_file(out / p);
    EXPECT_TRUE(valid_utf8(bytes)) << p;
    EXPECT_FALSE(json::parse(bytes, nullptr, false).is_discarded()) << p;
  }
  json m = read_json(out / "manifest.json");
  EXPECT_EQ(m["inputs"].size(), inputs) << m["inputs"].dump(1);
  std::set<std::string> held;
  for (const auto& it : m["items"])
    for (const char* k : {"files", "versions"})
      for (const auto& f : it[k]) held.insert(f["source"].get<std::string>());
  for (const auto& i : m["inputs"]) {
    const std::string fate = i["fate"];
    if (fate == "archived" || fate == "version") EXPECT_TRUE(held.count(i["path"])) << i.dump();
    else EXPECT_FALSE(i.value("reason", "").empty()) << i.dump();
  }
  auto v = verify(out);
  EXPECT_EQ(v.exit_code, 0) << v.out;
}

}  // namespace

// NAME_MAX (255 bytes) for a file name, a document whose title alone is longer than that, and a
// folder tree 60 levels deep (~900 bytes of path): filed, the archive's names within 255 bytes.
TEST(FaultsNames, FileNameOf255BytesAndADeepPathAreFiled) {
  auto base = lh::test::temp_dir("fault-long");
  fs::path in = base / "inbox", out = base / "ARCHIVE";
  std::string name;
  for (int i = 0; i < 83; ++i) name += "检";
  name += "ab.txt";
  ASSERT_EQ(name.size(), 255u);
  lh::test::write_file(in / name, notice(1));
  std::string title = "关于";
  for (int i = 0; i < 60; ++i) title += "开展";
  lh::test::write_file(in / "长题名.txt", text_doc(title + "检查的通知", "各所：请检查。\n2024年1月3日"));
  fs::path deep = in;
  for (int i = 0; i < 60; ++i) deep /= "深层目录" + std::to_string(i);
  ASSERT_GT(deep.string().size(), 800u);
  lh::test::write_file(deep / "通知.txt", notice(3, "2024年1月4日"));
  auto r = archive(in, out, {"--no-documents"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json m = read_json(out / "manifest.json");
  EXPECT_EQ(m["items"].size(), 3u);
  for (const auto& it : m["items"])
    for (const auto& f : it["files"]) EXPECT_LE(fs::path(f["path"].get<std::string>()).filename().string().size(), 255u) << f["path"];
  expect_nothing_lost(out, 3);
}

// "Café 通知.txt" saved by a Mac (NFD) beside the same name from Windows (NFC): two files with two
// contents. Both are inputs, both sets of bytes are kept (one as the item, one as its version), none lost.
TEST(FaultsNames, NfcAndNfdTwinsAreBothKept) {
  auto base = lh::test::temp_dir("fault-nfd");
  fs::path in = base / "inbox", out = base / "ARCHIVE";
  const std::string nfc = "Caf\xC3\xA9 通知.txt", nfd = "Cafe\xCC\x81 通知.txt";
  lh::test::write_file(in / nfc, notice(1));
  lh::test::write_file(in / nfd, notice(2, "2024年1月3日"));
  auto r = archive(in, out, {"--no-documents"});
  ASSERT_LE(r.exit_code, 1) << r.err;
  expect_nothing_lost(out, 2);
  json m = read_json(out / "manifest.json");
  std::set<std::string> shas;
  for (const auto& it : m["items"])
    for (const char* k : {"files", "versions"})
      for (const auto& f : it[k]) shas.insert(f["sha256"].get<std::string>());
  EXPECT_EQ(shas.size(), 2u) << "both contents are in the archive";
}

// The bug "names that decode alike were one input, and one file's fate overwrote the other's": a GBK
// name from a Windows share beside the same name in UTF-8, and two names whose different invalid
// bytes both showed as U+FFFD. Each was 'the same input path twice', one was set aside and its record
// replaced the filed one's. Now the names that are not on disk as they read are shown by their bytes
// (\xHH), every file is an input of its own and is filed; the next night changes nothing.
TEST(FaultsNames, NamesThatDecodeAlikeAreEachAnInputOfTheirOwn) {
  auto base = lh::test::temp_dir("fault-bytes");
  fs::path in = base / "inbox", out = base / "ARCHIVE";
  fs::create_directories(in);
  auto put = [&](const std::string& raw_name, const std::string& text) { lh::test::write_file(in / raw_name, text); };
  put("bad\xFF.txt", notice(1));
  put("bad\xFE.txt", text_doc("关于报送统计报表的通知", "各所：请报送。\n2024年2月2日"));
  put(lh::test::encode("关于检查的通知", "GBK") + ".txt", notice(3, "2024年1月4日"));
  put("关于检查的通知.txt", text_doc("关于开会的通知", "各所：请开会。\n2024年3月2日"));
  auto r = archive(in, out, {"--no-documents"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json m = read_json(out / "manifest.json");
  EXPECT_EQ(m["items"].size(), 4u);
  std::set<std::string> paths;
  for (const auto& i : m["inputs"]) {
    EXPECT_EQ(i["fate"], "archived") << i.dump();
    paths.insert(i["path"].get<std::string>());
  }
  EXPECT_EQ(paths.size(), 4u);
  EXPECT_TRUE(paths.count("关于检查的通知.txt")) << "the name that is on disk as it reads keeps it";
  EXPECT_TRUE(paths.count("bad\\xFF.txt") || paths.count("bad\\xFE.txt")) << *paths.begin();
  expect_nothing_lost(out, 4);
  auto r2 = archive(in, out, {"--no-documents"});
  EXPECT_EQ(r2.exit_code, 0) << r2.err;
  EXPECT_EQ(read_json(out / "manifest.json"), m) << "the next night changes nothing";
}

// 10,000 inputs in one folder (a clerk's export dumped flat), over four 年度 so no 件号 sequence is
// full: one listing, each read once, each filed; the next night takes the unchanged shortcut. 100,000
// inputs are bench/soak.sh's (a night of them takes minutes, too long for a test).
TEST(FaultsNames, TenThousandInputsInOneFolderAreEachFiled) {
  auto base = lh::test::temp_dir("fault-many");
  fs::path in = base / "inbox", out = base / "ARCHIVE";
  constexpr int kFiles = 10000;
  for (int i = 0; i < kFiles; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "%06d.txt", i);
    lh::test::write_file(in / name, notice(i, std::to_string(2021 + i % 4) + "年1月2日"));
  }
  auto t0 = std::chrono::steady_clock::now();
  auto r = archive(in, out, {"--no-documents", "--quiet"});
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json m = read_json(out / "manifest.json");
  EXPECT_EQ(m["items"].size(), size_t{kFiles});
  std::map<int, int> per_year;
  for (const auto& it : m["items"]) per_year[it["year"].get<int>()]++;
  EXPECT_EQ(per_year, (std::map<int, int>{{2021, 2500}, {2022, 2500}, {2023, 2500}, {2024, 2500}}));
  std::cerr << kFiles << " inputs in one folder filed in " << secs << " s\n";
  auto r2 = archive(in, out, {"--no-documents"});
  EXPECT_EQ(r2.exit_code, 0) << r2.err;
  EXPECT_NE(r2.err.find("none changed since the last run"), std::string::npos) << r2.err;
}

}  // namespace lh::faults
