// Issue 9 §4, no error lost on the way through `inspect`: a file name in GBK bytes (a Windows folder
// copied over Samba) is decoded for display and kept byte-exact for reading; a libxml2 message cut
// mid-character stays a "damaged" input. Both once ended in nlohmann's type_error 316 from a strict
// dump: the whole night (exit 3) or the one file ("crashed").
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "ingest/inspect.h"
#include "ingest/inspected_json.h"
#include "ingest/reader.h"
#include "ingest/sha256.h"
#include "normalize/encoding.h"
#include "test_support.h"

namespace lh::ingest {
namespace {
namespace fs = std::filesystem;

const std::string kGbkName = "\xbc\xec\xb2\xe9\xbc\xc7\xc2\xbc.txt";  // 检查记录.txt in GBK bytes

InspectOptions two_workers() {
  InspectOptions o;
  o.pool.jobs = 2;
  o.pool.timeout_s = 20;
  return o;
}

// The public JSON of every result, dumped strictly: throws if any text is not valid UTF-8.
std::string strict_public_json(const std::vector<model::InspectedFile>& files) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& f : files) a.push_back(to_public_json(f));
  return a.dump();
}

TEST(Inspect, GbkFileNameIsDecodedForDisplay) {
  const fs::path dir = test::temp_dir("errors-gbk-name");
  const std::string body = "南岭县某某食品店日常监督检查记录\n检查时间：2024年3月5日\n";
  test::write_file(dir / kGbkName, body);
  test::write_file(dir / "\xff\xfe\xfd.txt", "not a name in any code page");  // decodes to nothing clean

  auto walked = walk_inputs({dir.string()}, true);
  ASSERT_EQ(walked.size(), 2u);
  const WalkedFile* gbk = nullptr;
  for (const auto& w : walked)
    if (w.path == "检查记录.txt") gbk = &w;
  ASSERT_TRUE(gbk) << walked[0].path << " | " << walked[1].path;
  EXPECT_EQ(fs::path(gbk->fs_path).filename().string(), kGbkName);  // the bytes on disk, for reading
  for (const auto& w : walked) EXPECT_TRUE(normalize::is_valid_utf8(w.path)) << w.path;

  auto results = inspect_files(walked, two_workers());
  ASSERT_EQ(results.size(), 2u);
  for (const auto& f : results) {
    EXPECT_FALSE(f.error) << f.path << ": " << f.error->message;
    EXPECT_TRUE(normalize::is_valid_utf8(f.path));
    EXPECT_TRUE(normalize::is_valid_utf8(f.title));
  }
  const auto& r = results[0].path == "检查记录.txt" ? results[0] : results[1];
  EXPECT_EQ(r.path, "检查记录.txt");
  EXPECT_EQ(r.sha256, sha256_hex(body));  // read byte-exact through the raw name
  EXPECT_EQ(r.source_path, gbk->fs_path);
  EXPECT_NO_THROW(strict_public_json(results));
}

TEST(Inspect, GbkDirectoryNameIsDecodedInEveryComponent) {
  const fs::path dir = test::temp_dir("errors-gbk-dir");
  test::write_file(dir / "\xcd\xa8\xd6\xaa" / kGbkName, "关于开展食品安全检查的通知\n");  // 通知/检查记录.txt
  auto walked = walk_inputs({dir.string()}, true);
  ASSERT_EQ(walked.size(), 1u);
  EXPECT_EQ(walked[0].path, "通知/检查记录.txt");
}

// A name that is valid UTF-8 is taken as UTF-8 unless it reads as no one would type it; short GBK
// names are often valid UTF-8 by accident (通知, 目录), accented Latin names are not GBK.
TEST(DecodeFileName, Utf8UnlessItsReadingIsImplausible) {
  EXPECT_EQ(decode_file_name("\xcd\xa8\xd6\xaa"), "通知");          // U+0368 U+05AA as UTF-8
  EXPECT_EQ(decode_file_name("\xc4\xbf\xc2\xbc"), "目录");          // "Ŀ¼" as UTF-8
  EXPECT_EQ(decode_file_name(kGbkName), "检查记录.txt");               // not UTF-8 at all
  EXPECT_EQ(decode_file_name("检查记录.txt"), "检查记录.txt");
  EXPECT_EQ(decode_file_name("café.txt"), "café.txt");
  EXPECT_EQ(decode_file_name("cafe\xcc\x81.txt"), "cafe\xcc\x81.txt");  // macOS NFD
  EXPECT_EQ(decode_file_name("“通知”.txt"), "“通知”.txt");
  EXPECT_TRUE(normalize::is_valid_utf8(decode_file_name("\xff\xfe\xfd.txt")));
}

// libxml2 formats a message in a 150-byte buffer and gives up growing it past 64,000 bytes: a tag
// mismatch naming two 48,000-byte names comes back as its first 149 bytes, mid-character.
std::string xml_whose_libxml_message_is_cut() {
  std::string a, b;
  for (int i = 0; i < 16000; ++i) {
    a += "甲";
    b += "乙";
  }
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + a + ">x</" + b + ">\n";
}

TEST(Inspect, LibxmlMessageCutMidCharacterIsStillDamaged) {
  const fs::path dir = test::temp_dir("errors-cut-message");
  test::write_file(dir / "检查记录导出.xml", xml_whose_libxml_message_is_cut());
  auto results = inspect_files(walk_inputs({dir.string()}, true), two_workers());
  ASSERT_EQ(results.size(), 1u);
  ASSERT_TRUE(results[0].error);
  EXPECT_EQ(results[0].error->kind, model::ErrorKind::Damaged) << results[0].error->message;
  EXPECT_TRUE(normalize::is_valid_utf8(results[0].error->message));
  EXPECT_NO_THROW(strict_public_json(results));
}

TEST(Inspect, TextOverItsLimitIsRefusedBeforeItIsRead) {
  const fs::path dir = test::temp_dir("errors-text-limit");
  std::string text;
  while (text.size() < 5000) text += "日常监督检查记录。";
  test::write_file(dir / "大文本.txt", text);
  test::write_file(dir / "小文本.txt", "关于开展食品安全检查的通知\n");
  InspectOptions o = two_workers();
  o.read.limits.max_text_bytes = 1000;
  auto results = inspect_files(walk_inputs({dir.string()}, true), o);
  ASSERT_EQ(results.size(), 2u);
  const auto& big = results[0].path == "大文本.txt" ? results[0] : results[1];
  const auto& small = results[0].path == "大文本.txt" ? results[1] : results[0];
  ASSERT_TRUE(big.error);
  EXPECT_EQ(big.error->kind, model::ErrorKind::TooLarge);
  EXPECT_NE(big.error->message.find("over the limit of 1000 for text, CSV and XML"), std::string::npos) << big.error->message;
  EXPECT_FALSE(small.error);
  // The same limit holds for bytes already in memory (a ZIP entry).
  ReadOptions ro;
  ro.limits.max_text_bytes = 1000;
  ReadResult r = read_any(Input{text, "entry.txt", &ro});
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->kind, model::ErrorKind::TooLarge);
}

}  // namespace
}  // namespace lh::ingest
