// Issue 9 §4 and §6 on the built program: no error lost on the way from `inspect` to the archive,
// and a run report that speaks the clerk's language. The bad inputs are made here: a file name in
// GBK bytes, ZIPs with a bomb and a "../../" entry (libzip, tests/support/zip_builder.h).
#include <gtest/gtest.h>
#include <zip.h>
#include <zlib.h>

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "manifest_json.h"
#include "test_support.h"
#include "zip_builder.h"

namespace {
namespace fs = std::filesystem;
using json = nlohmann::json;
using lh::test::input_of;
using lh::test::read_json;
using lh::test::run;
using lh::test::ScopedEnv;

const std::string kGbkName = "\xbc\xec\xb2\xe9\xbc\xc7\xc2\xbc.txt";  // 检查记录.txt in GBK bytes
const std::string kNotice = "关于开展食品安全专项检查的通知\n各股室：\n请于三月底前完成辖区内食品经营户的专项检查。\n"
                            "南岭县市场监督管理局石门市场监督管理所\n2024年3月5日\n";

fs::path samples_office() { return lh::test::source_dir() / "samples" / "office.xml"; }

lh::test::CommandResult archive_without_documents(const fs::path& in, const fs::path& out,
                                                  const fs::path& office = samples_office()) {
  return run({lh::test::program().string(), "archive", "--in", in.string(), "--out", out.string(), "--office",
              office.string(), "--jobs", "2", "--no-documents", "--quiet"});
}

// A ZIP a clerk might be sent: one good notice, and `bad` as a second entry.
std::string zip_with(const std::string& bad_name, std::string bad_bytes, zip_int32_t method = ZIP_CM_STORE) {
  lh::test::ZipBuilder b;
  b.add("通知.txt", kNotice, ZIP_FL_ENC_UTF_8);
  b.add(bad_name, std::move(bad_bytes), ZIP_FL_ENC_UTF_8, method);
  return b.finish();
}

TEST(ArchiveRun, GbkNamedFileNoLongerExits3WithNothingArchived) {
  const fs::path root = lh::test::temp_dir("errors-e2e-gbk");
  const std::string record = "南岭县某某食品店日常监督检查记录\n检查时间：2024年3月5日\n";
  lh::test::write_file(root / "inbox" / kGbkName, record);
  lh::test::write_file(root / "inbox" / "通知.txt", kNotice);
  auto r = archive_without_documents(root / "inbox", root / "ARCHIVE");
  ASSERT_NE(r.exit_code, 3) << r.err;
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.find("type_error"), std::string::npos) << r.err;

  const json m = read_json(root / "ARCHIVE" / "manifest.json");
  const json* in = input_of(m, "检查记录.txt");  // decoded for display
  ASSERT_TRUE(in) << m["inputs"].dump();
  EXPECT_EQ((*in)["fate"], "archived");
  bool kept = false;
  for (const auto& it : m["items"])
    for (const auto& f : it["files"])
      if (f["source"] == "检查记录.txt") {
        kept = true;
        EXPECT_EQ(lh::test::read_file(root / "ARCHIVE" / f["path"].get<std::string>()), record);  // byte-exact
      }
  EXPECT_TRUE(kept);

  // `inspect --json` on the same folder: exit 0, valid JSON naming the decoded path.
  auto i = run({lh::test::program().string(), "inspect", "--json", "--quiet", (root / "inbox").string()});
  EXPECT_EQ(i.exit_code, 0) << i.err;
  const json ij = json::parse(i.out);
  ASSERT_EQ(ij["files"].size(), 2u);
  EXPECT_EQ(ij["files"][0]["path"], (root / "inbox" / "检查记录.txt").string());
}

// What a refused entry must come to in the archive run: quarantined with its kind, on stderr, in the
// report, exit 1, and listed on its ZIP.
void expect_refused_entry(const fs::path& root, const std::string& entry, const std::string& kind, const std::string& zip_name) {
  auto r = archive_without_documents(root / "inbox", root / "ARCHIVE");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find(entry), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("(" + kind + ")"), std::string::npos) << r.err;

  const json m = read_json(root / "ARCHIVE" / "manifest.json");
  const json* in = input_of(m, entry);
  ASSERT_TRUE(in) << m["inputs"].dump(1);
  EXPECT_EQ((*in)["fate"], "quarantined");
  EXPECT_NE((*in)["reason"].get<std::string>().find("(" + kind + ")"), std::string::npos) << (*in)["reason"];
  EXPECT_EQ((*in)["reason"].get<std::string>().find("空文件"), std::string::npos);

  const json* z = input_of(m, zip_name);
  ASSERT_TRUE(z);
  EXPECT_TRUE((*z)["container"].get<bool>());
  ASSERT_TRUE(z->contains("refused")) << z->dump();
  ASSERT_EQ((*z)["refused"].size(), 1u);
  EXPECT_EQ((*z)["refused"][0]["path"], entry);
  EXPECT_NE((*z)["reason"].get<std::string>().find(kind), std::string::npos);
  // The good entry beside it is filed as usual.
  const json* good = input_of(m, zip_name + "/通知.txt");
  ASSERT_TRUE(good);
  EXPECT_EQ((*good)["fate"], "archived");

  const json rep = read_json(root / "ARCHIVE" / "reports" / "report.json");
  EXPECT_EQ(rep["counts"]["by_fate"]["quarantined"], 1);
  EXPECT_EQ(rep["run"]["inputs_by_fate"]["quarantined"], 1);
  EXPECT_EQ(rep["needs_attention"]["quarantined"], 1);
  const std::string html = lh::test::read_file(root / "ARCHIVE" / "reports" / "report.html");
  EXPECT_NE(html.find("(" + kind + ")"), std::string::npos);
}

TEST(ArchiveRun, RefusedZipBombEntryNoLongerReportedAsEmptyFile) {
  const fs::path root = lh::test::temp_dir("errors-e2e-bomb");
  const std::string z = zip_with("zeros.bin", std::string(100u << 20, '\0'), ZIP_CM_DEFLATE);
  ASSERT_LT(z.size(), 200u * 1024);
  lh::test::write_file(root / "inbox" / "收件" / "案卷.zip", z);
  expect_refused_entry(root, "收件/案卷.zip/zeros.bin", "zip_bomb", "收件/案卷.zip");
  // Nothing of the bomb was kept: the archive holds no file near its inflated size.
  for (const auto& e : fs::recursive_directory_iterator(root / "ARCHIVE")) {
    if (e.is_regular_file()) {
      EXPECT_LT(e.file_size(), 10u << 20) << e.path();
    }
  }
}

TEST(ArchiveRun, RefusedUnsafePathEntryNoLongerReportedAsEmptyFile) {
  const fs::path root = lh::test::temp_dir("errors-e2e-slip");
  lh::test::write_file(root / "inbox" / "案卷.zip", zip_with("../../evil.txt", "overwrite me"));
  expect_refused_entry(root, "案卷.zip/../../evil.txt", "unsafe_path", "案卷.zip");
  EXPECT_FALSE(fs::exists(root / "evil.txt"));
  EXPECT_FALSE(fs::exists(root.parent_path() / "evil.txt"));
}

TEST(ArchiveRun, EncryptedEntryReachesTheArchiveWithItsKind) {
  const fs::path root = lh::test::temp_dir("errors-e2e-encrypted");
  lh::test::ZipBuilder b;
  b.add("通知.txt", kNotice, ZIP_FL_ENC_UTF_8);
  const zip_int64_t idx = b.add("密件.txt", "当事人名单", ZIP_FL_ENC_UTF_8);
  ASSERT_GE(idx, 0);
  if (zip_file_set_encryption(b.raw(), static_cast<zip_uint64_t>(idx), ZIP_EM_AES_256, "口令") != 0)
    GTEST_SKIP() << "libzip built without AES";
  lh::test::write_file(root / "inbox" / "案卷.zip", b.finish());
  expect_refused_entry(root, "案卷.zip/密件.txt", "encrypted", "案卷.zip");
}

TEST(ArchiveRun, UnsafeXmlEntryReachesTheArchiveWithItsKind) {
  const fs::path root = lh::test::temp_dir("errors-e2e-xxe");
  const std::string xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<r>&x;</r>\n";
  lh::test::write_file(root / "inbox" / "导出.zip", zip_with("检查记录导出.xml", xxe));
  expect_refused_entry(root, "导出.zip/检查记录导出.xml", "unsafe_xml", "导出.zip");
}

// Per fate: 本次收件箱 + 已移出收件箱 = 累计; and 累计 grows from one night to the next by exactly the
// inputs new that night.
void expect_counts_add_up(const json& rep) {
  size_t total = 0, cumulative_total = 0;
  for (const auto& [fate, n] : rep["counts"]["by_fate"].items()) {
    const size_t now = rep["run"]["inputs_by_fate"].value(fate, size_t{0});
    const size_t gone = rep["counts"]["gone_from_inbox_by_fate"].value(fate, size_t{0});
    EXPECT_EQ(now + gone, n.get<size_t>()) << fate;
    EXPECT_LE(rep["run"]["new_inputs_by_fate"].value(fate, size_t{0}), now) << fate;
    total += now + gone;
    cumulative_total += n.get<size_t>();
  }
  EXPECT_EQ(total, cumulative_total);
}

size_t sum(const json& by_fate) {
  size_t n = 0;
  for (const auto& [k, v] : by_fate.items()) n += v.get<size_t>();
  return n;
}

// A PNG whose text chunk declares more than the file holds (ISO/IEC 15948 5.3): the pixels before it
// are whole; the reader warns.
std::string png_with_overlong_text_chunk() {
  auto chunk = [](const std::string& type, const std::string& data) {
    std::string c;
    for (int s = 24; s >= 0; s -= 8) c += static_cast<char>((data.size() >> s) & 0xFF);
    c += type + data;
    const uLong crc = crc32(crc32(0L, nullptr, 0), reinterpret_cast<const Bytef*>(c.data() + 4), static_cast<uInt>(c.size() - 4));
    for (int s = 24; s >= 0; s -= 8) c += static_cast<char>((crc >> s) & 0xFF);
    return c;
  };
  std::string raw;
  for (int y = 0; y < 12; ++y) raw += std::string(1, '\0') + std::string(16 * 3, '\x80');
  uLongf n = compressBound(static_cast<uLong>(raw.size()));
  std::string z(n, '\0');
  compress(reinterpret_cast<Bytef*>(z.data()), &n, reinterpret_cast<const Bytef*>(raw.data()), static_cast<uLong>(raw.size()));
  z.resize(n);
  const std::string ihdr("\0\0\0\x10\0\0\0\x0c\x08\x02\0\0\0", 13);  // 16 × 12, 8-bit RGB
  return std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) + chunk("IDAT", z) +
         std::string("\x3F\x00\x00\x11tEXtComment", 15);
}

// The bug: what a reader warned of while it still read a file (a photo cut short after its pixels,
// bytes not valid in a text's encoding) was shown by `inspect` only; the archive kept the file and
// said nothing, although the reading copy made from it lacks that part. Now the manifest's input
// entry holds the warnings (read_problems), the report lists them under 读取时发现的问题, stderr counts
// them, and a later night that reads nothing again still says so. Nothing is set aside: exit 0.
TEST(ArchiveRun, ReaderWarningsOfAKeptFileNoLongerVanish) {
  const fs::path root = lh::test::temp_dir("errors-e2e-read-problems");
  lh::test::write_file(root / "inbox" / "通知.txt", kNotice);
  lh::test::write_file(root / "inbox" / "现场照片" / "IMG_0001.png", png_with_overlong_text_chunk());
  // "南岭县某某食品店日常监督检查记录\n检查时间：2024年3月5日\n检查情况：" and "未发现问题。\n" in GBK, two bytes
  // no GBK text holds between them.
  const std::string gbk_with_bad_bytes =
      "\xc4\xcf\xc1\xeb\xcf\xd8\xc4\xb3\xc4\xb3\xca\xb3\xc6\xb7\xb5\xea\xc8\xd5\xb3\xa3\xbc\xe0\xb6\xbd\xbc\xec\xb2\xe9\xbc\xc7\xc2\xbc\n"
      "\xbc\xec\xb2\xe9\xca\xb1\xbc\xe4\xa3\xba" "2024\xc4\xea" "3\xd4\xc2" "5\xc8\xd5\n\xbc\xec\xb2\xe9\xc7\xe9\xbf\xf6\xa3\xba"
      "\xff\xfe"
      "\xce\xb4\xb7\xa2\xcf\xd6\xce\xca\xcc\xe2\xa1\xa3\n";
  lh::test::write_file(root / "inbox" / "检查记录.txt", gbk_with_bad_bytes);
  for (int night = 1; night <= 2; ++night) {
    SCOPED_TRACE("night " + std::to_string(night));
    auto r = archive_without_documents(root / "inbox", root / "ARCHIVE");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("2 input(s) kept as they came although their reader warned"), std::string::npos) << r.err;

    const json m = read_json(root / "ARCHIVE" / "manifest.json");
    const json* photo = input_of(m, "现场照片/IMG_0001.png");
    const json* text = input_of(m, "检查记录.txt");
    const json* clean = input_of(m, "通知.txt");
    ASSERT_TRUE(photo && text && clean) << m["inputs"].dump(1);
    EXPECT_EQ((*photo)["fate"], "archived");
    ASSERT_TRUE(photo->contains("read_problems")) << photo->dump();
    EXPECT_NE((*photo)["read_problems"][0].get<std::string>().find("tEXt"), std::string::npos) << photo->dump();
    ASSERT_TRUE(text->contains("read_problems")) << text->dump();
    EXPECT_NE((*text)["read_problems"][0].get<std::string>().find("U+FFFD"), std::string::npos) << text->dump();
    EXPECT_FALSE(clean->contains("read_problems")) << clean->dump();

    const json rep = read_json(root / "ARCHIVE" / "reports" / "report.json");
    EXPECT_EQ(rep["counts"]["read_problems"], 2);
    ASSERT_EQ(rep["read_problems"].size(), 2u);
    EXPECT_EQ(rep["needs_attention"]["quarantined"], 0);  // kept as they came: nothing set aside
    const std::string html = lh::test::read_file(root / "ARCHIVE" / "reports" / "report.html");
    const size_t section = html.find("<h2>读取时发现的问题（2 个文件）</h2>");
    ASSERT_NE(section, std::string::npos);
    EXPECT_NE(html.find("现场照片/IMG_0001.png", section), std::string::npos);
    EXPECT_NE(html.find("检查记录.txt", section), std::string::npos);
    EXPECT_EQ(lh::test::read_file(root / "inbox" / "现场照片" / "IMG_0001.png"), png_with_overlong_text_chunk());  // inputs untouched
  }
}

TEST(Report, ThisRunAndCumulativeCountsAddUp) {
  const fs::path root = lh::test::temp_dir("errors-e2e-counts");
  const fs::path in = root / "inbox";
  lh::test::write_file(in / "通知.txt", kNotice);
  lh::test::write_file(in / "通知 - 副本.txt", kNotice);       // duplicate
  lh::test::write_file(in / "~$通知.docx", "lock");            // junk
  lh::test::write_file(in / "坏.zip", "PK\x03\x04 not a zip");  // quarantined
  lh::test::write_file(in / "检查记录.txt", "南岭县某某食品店日常监督检查记录\n检查时间：2024年3月5日\n");
  ASSERT_EQ(archive_without_documents(in, root / "ARCHIVE").exit_code, 1);
  const json night1 = read_json(root / "ARCHIVE" / "reports" / "report.json");
  expect_counts_add_up(night1);
  EXPECT_EQ(sum(night1["run"]["new_inputs_by_fate"]), 5u);
  EXPECT_EQ(sum(night1["counts"]["by_fate"]), 5u);

  // Night 2: two new files, one filed file taken out of the inbox.
  fs::remove(in / "检查记录.txt");
  lh::test::write_file(in / "第二份通知.txt", "关于做好节日期间市场监管工作的通知\n2024年9月1日\n");
  lh::test::write_file(in / "空.txt", "");
  ASSERT_EQ(archive_without_documents(in, root / "ARCHIVE").exit_code, 1);
  const json night2 = read_json(root / "ARCHIVE" / "reports" / "report.json");
  expect_counts_add_up(night2);
  EXPECT_EQ(sum(night2["run"]["new_inputs_by_fate"]), 2u);
  EXPECT_EQ(sum(night2["counts"]["by_fate"]), sum(night1["counts"]["by_fate"]) + 2);
  EXPECT_EQ(sum(night2["counts"]["gone_from_inbox_by_fate"]), 1u);
  for (const std::string fate : {"archived", "duplicate", "version", "quarantined"})
    EXPECT_EQ(night2["counts"]["by_fate"][fate].get<size_t>(),
              night1["counts"]["by_fate"][fate].get<size_t>() + night2["run"]["new_inputs_by_fate"][fate].get<size_t>())
        << fate;
  // The page shows the same figures, with a 合计 row.
  const std::string html = lh::test::read_file(root / "ARCHIVE" / "reports" / "report.html");
  EXPECT_NE(html.find("<th>合计</th>"), std::string::npos);
  EXPECT_NE(html.find("本次收件箱 + 已移出收件箱 = 累计"), std::string::npos);
}

TEST(Report, TimesAreInTheOfficeTimeZone) {
  const fs::path root = lh::test::temp_dir("errors-e2e-tz");
  lh::test::write_file(root / "inbox" / "通知.txt", kNotice);
  ScopedEnv utc("TZ", "UTC");  // the machine's zone must not matter
  ASSERT_EQ(archive_without_documents(root / "inbox", root / "A1").exit_code, 0);
  const json r1 = read_json(root / "A1" / "reports" / "report.json");
  EXPECT_EQ(r1["run"]["time_zone"], "Asia/Shanghai");
  EXPECT_TRUE(r1["run"]["started_at"].get<std::string>().ends_with("+08:00")) << r1["run"];
  EXPECT_NE(lh::test::read_file(root / "A1" / "reports" / "report.html").find("北京时间，UTC+08:00"), std::string::npos);

  std::string office = lh::test::read_file(samples_office());
  const std::string brand_end = "slogan=\"市场监管为人民\"/>";
  ASSERT_NE(office.find(brand_end), std::string::npos);
  office.replace(office.find(brand_end), brand_end.size(), brand_end + "\n  <time-zone>Asia/Urumqi</time-zone>");
  lh::test::write_file(root / "office.xml", office);
  ASSERT_EQ(archive_without_documents(root / "inbox", root / "A2", root / "office.xml").exit_code, 0);
  const json r2 = read_json(root / "A2" / "reports" / "report.json");
  EXPECT_EQ(r2["run"]["time_zone"], "Asia/Urumqi");
  EXPECT_TRUE(r2["run"]["started_at"].get<std::string>().ends_with("+06:00")) << r2["run"];

  // An unknown zone is a configuration error (exit 2), named.
  office.replace(office.find("Asia/Urumqi"), 11, "Asia/Nowhere");
  lh::test::write_file(root / "office.xml", office);
  auto bad = archive_without_documents(root / "inbox", root / "A3", root / "office.xml");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("Asia/Nowhere"), std::string::npos) << bad.err;
}

}  // namespace
