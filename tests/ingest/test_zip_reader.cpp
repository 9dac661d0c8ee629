// ZIP reader: names (APPNOTE §4.4.4 bit 11, §4.6.9 0x7075, GBK), zip-slip, symlinks, encryption,
// bombs and declared-size lies (libraries.md §5). Fixtures are built in memory with libzip.
#include <gtest/gtest.h>
#include <zip.h>

#include <cstring>
#include <deque>
#include <filesystem>
#include <string>

#include "ingest/reader.h"
#include "test_support.h"
#include "zip_builder.h"

namespace lh::ingest {
namespace {
using test::ZipBuilder;

ReadResult read_zip_bytes(const std::string& bytes, const ReadOptions& opt = ReadOptions{}) {
  return read_zip(Input{bytes, "test.zip", &opt});
}

const ChildInput* child(const ReadResult& r, const std::string& name) {
  for (const ChildInput& c : r.children)
    if (c.name == name) return &c;
  return nullptr;
}

std::string noise(size_t n) {  // incompressible enough for ratio 1
  std::string s(n, '\0');
  uint32_t x = 2463534242u;
  for (char& c : s) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    c = static_cast<char>(x);
  }
  return s;
}

// Replaces every occurrence (local and central header) of a same-length placeholder name.
void patch_name(std::string& z, const std::string& from, const std::string& to) {
  ASSERT_EQ(from.size(), to.size());
  int n = 0;
  for (size_t at = z.find(from); at != std::string::npos; at = z.find(from, at + 1), ++n) z.replace(at, to.size(), to);
  EXPECT_EQ(n, 2);
}

void patch32(std::string& z, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) z[at + static_cast<size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

TEST(ZipReader, PlainEntriesDirectoriesAndListing) {
  ZipBuilder b;
  b.add("readme.txt", "hello");
  ASSERT_GE(zip_dir_add(b.raw(), "docs", ZIP_FL_ENC_UTF_8), 0);
  b.add("docs/关于开展试点工作的通知.txt", "通知", ZIP_FL_ENC_UTF_8, ZIP_CM_DEFLATE);
  ReadResult r = read_zip_bytes(b.finish());
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(r.meta.format, model::Format::Zip);
  EXPECT_EQ(r.meta.pages, 2);
  ASSERT_EQ(r.children.size(), 3u);
  const ChildInput* dir = child(r, "docs");
  ASSERT_TRUE(dir);
  EXPECT_TRUE(dir->is_directory);
  EXPECT_TRUE(dir->bytes.empty());
  const ChildInput* f = child(r, "docs/关于开展试点工作的通知.txt");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->bytes, "通知");
  EXPECT_FALSE(f->error);
  EXPECT_NE(r.doc.plain_text().find("docs/关于开展试点工作的通知.txt\n"), std::string::npos);
  EXPECT_NE(r.doc.plain_text().find("docs/\n"), std::string::npos);
}

// A photo in a ZIP with no date of its own was dated by the day the ZIP reached the inbox
// (another office's 撤案材料.zip: its 现场照片 of 2024-12-05 filed as 2025-06-04). The entry's own
// DOS date (APPNOTE.TXT 4.4.6) is now read; a zero DOS date is none.
TEST(ZipReader, AnEntryCarriesTheDayTheZipRecordsForIt) {
  ZipBuilder b;
  const zip_int64_t photo = b.add("现场照片1.jpg", "jpeg bytes", ZIP_FL_ENC_UTF_8);
  const zip_int64_t undated = b.add("说明.txt", "text", ZIP_FL_ENC_UTF_8);
  // 2024-12-05 16:30:10 local: date (2024-1980)<<9 | 12<<5 | 5, time 16<<11 | 30<<5 | 10/2.
  ASSERT_EQ(zip_file_set_dostime(b.raw(), static_cast<zip_uint64_t>(photo), (16 << 11) | (30 << 5) | 5, (44 << 9) | (12 << 5) | 5, 0), 0);
  ASSERT_EQ(zip_file_set_dostime(b.raw(), static_cast<zip_uint64_t>(undated), 0, 0, 0), 0);
  ReadResult r = read_zip_bytes(b.finish());
  ASSERT_FALSE(r.error) << r.error->message;
  ASSERT_TRUE(child(r, "现场照片1.jpg"));
  EXPECT_EQ(child(r, "现场照片1.jpg")->date, "2024-12-05");
  ASSERT_TRUE(child(r, "说明.txt"));
  EXPECT_EQ(child(r, "说明.txt")->date, "");
}

TEST(ZipReader, RawGbkNamesWithoutTheUtf8Flag) {
  ZipBuilder b;
  // 目录.xlsx in GBK is C4BF C2BC: valid UTF-8 by accident ("Ŀ¼"), libraries.md §4.
  // libzip will not store valid UTF-8 without bit 11, so a placeholder is written and patched.
  b.add("\xC0\xC0\xC0\xC0.xlsx", "x", ZIP_FL_ENC_CP437);
  // 张喆.txt: 喆 exists only in GBK, not in GB2312.
  b.add("\xD5\xC5\x86\xB4.txt", "y", ZIP_FL_ENC_CP437);
  // 档案/2024年/通知.pdf
  b.add("\xB5\xB5\xB0\xB8/2024\xC4\xEA/\xCD\xA8\xD6\xAA.pdf", "z", ZIP_FL_ENC_CP437);
  // A UTF-8 name from a tool that does not set bit 11: the UTF-8 reading is CJK, so it stays.
  b.add("\xC1\xC1\xC1\xC1\xC1\xC1.pdf", "w", ZIP_FL_ENC_CP437);
  std::string z = b.finish();
  patch_name(z, "\xC0\xC0\xC0\xC0", "\xC4\xBF\xC2\xBC");
  patch_name(z, "\xC1\xC1\xC1\xC1\xC1\xC1", "档案");
  ReadResult r = read_zip_bytes(z);
  ASSERT_FALSE(r.error);
  EXPECT_TRUE(child(r, "目录.xlsx"));
  EXPECT_TRUE(child(r, "张喆.txt"));
  EXPECT_TRUE(child(r, "档案/2024年/通知.pdf"));
  EXPECT_TRUE(child(r, "档案.pdf"));
  EXPECT_FALSE(r.meta.problems.empty());  // says the names were decoded as GB18030
}

TEST(ZipReader, ZipSlipNamesAreRefused) {
  ZipBuilder b;
  for (const char* n : {"../../../tmp/evil.txt", "/etc/cron.d/x", "ok/../../up.txt", "dir\\..\\..\\win.txt",
                        "C:/Windows/x.txt", "c:evil.txt", "a/\x01/b.txt"})
    b.add(n, "bad");
  b.add("win\\sub\\ok.txt", "fine");
  b.add("./dot/./ok.txt", "fine");
  ReadResult r = read_zip_bytes(b.finish());
  ASSERT_FALSE(r.error);
  ASSERT_EQ(r.children.size(), 9u);
  for (size_t i = 0; i < 7; ++i) {
    const ChildInput& c = r.children[i];
    ASSERT_TRUE(c.error) << c.name;
    EXPECT_EQ(c.error->kind, model::ErrorKind::UnsafePath) << c.name;
    EXPECT_TRUE(c.bytes.empty());
  }
  // Decision: a backslash path without ".." is a Windows separator, read as '/'.
  const ChildInput* w = child(r, "win/sub/ok.txt");
  ASSERT_TRUE(w);
  EXPECT_FALSE(w->error);
  EXPECT_EQ(w->bytes, "fine");
  const ChildInput* d = child(r, "dot/ok.txt");
  ASSERT_TRUE(d);
  EXPECT_FALSE(d->error);
}

TEST(ZipReader, SymlinkEntryIsRefused) {
  ZipBuilder b;
  zip_int64_t i = b.add("link", "/etc/passwd");
  ASSERT_EQ(zip_file_set_external_attributes(b.raw(), static_cast<zip_uint64_t>(i), 0, ZIP_OPSYS_UNIX, 0120777u << 16), 0);
  zip_int64_t j = b.add("plain.txt", "ok");
  ASSERT_EQ(zip_file_set_external_attributes(b.raw(), static_cast<zip_uint64_t>(j), 0, ZIP_OPSYS_UNIX, 0100644u << 16), 0);
  ReadResult r = read_zip_bytes(b.finish());
  ASSERT_FALSE(r.error);
  const ChildInput* l = child(r, "link");
  ASSERT_TRUE(l && l->error);
  EXPECT_EQ(l->error->kind, model::ErrorKind::UnsafePath);
  EXPECT_TRUE(l->bytes.empty());
  const ChildInput* p = child(r, "plain.txt");
  ASSERT_TRUE(p);
  EXPECT_FALSE(p->error);
  EXPECT_EQ(p->bytes, "ok");
}

TEST(ZipReader, EncryptedEntryIsReportedOthersExtracted) {
  ZipBuilder b;
  zip_int64_t i = b.add("secret.txt", "classified", ZIP_FL_ENC_UTF_8, ZIP_CM_DEFLATE);
  if (zip_file_set_encryption(b.raw(), static_cast<zip_uint64_t>(i), ZIP_EM_AES_256, "pw") != 0)
    GTEST_SKIP() << "libzip built without AES";
  b.add("open.txt", "public");
  ReadResult r = read_zip_bytes(b.finish());
  ASSERT_FALSE(r.error);
  const ChildInput* s = child(r, "secret.txt");
  ASSERT_TRUE(s && s->error);
  EXPECT_EQ(s->error->kind, model::ErrorKind::Encrypted);
  EXPECT_TRUE(s->bytes.empty());
  const ChildInput* o = child(r, "open.txt");
  ASSERT_TRUE(o);
  EXPECT_EQ(o->bytes, "public");
}

TEST(ZipReader, HundredMegabytesOfZerosIsABomb) {
  ZipBuilder b;
  b.add("zeros.bin", std::string(100u << 20, '\0'), ZIP_FL_ENC_UTF_8, ZIP_CM_DEFLATE);
  b.add("small.txt", std::string(4096, 'a'), ZIP_FL_ENC_UTF_8, ZIP_CM_DEFLATE);  // ratio ~100+, under 1 MiB: fine
  const std::string z = b.finish();
  EXPECT_LT(z.size(), 200u * 1024);
  ReadResult r = read_zip_bytes(z);
  ASSERT_FALSE(r.error);
  const ChildInput* bomb = child(r, "zeros.bin");
  ASSERT_TRUE(bomb && bomb->error);
  EXPECT_EQ(bomb->error->kind, model::ErrorKind::ZipBomb);
  EXPECT_TRUE(bomb->bytes.empty());
  const ChildInput* small = child(r, "small.txt");
  ASSERT_TRUE(small);
  EXPECT_FALSE(small->error);
  EXPECT_EQ(small->bytes.size(), 4096u);
}

TEST(ZipReader, PerEntryLimitCountsRealBytesNotDeclaredSize) {
  ZipBuilder b;
  b.add("big.bin", noise(1u << 20), ZIP_FL_ENC_UTF_8, ZIP_CM_STORE);
  std::string z = b.finish();
  // Lie: uncompressed size 10 in the local header (offset 22) and the central header (offset 24).
  ASSERT_EQ(z.compare(0, 4, "PK\x03\x04"), 0);
  patch32(z, 22, 10);
  size_t cd = z.find("PK\x01\x02");
  ASSERT_NE(cd, std::string::npos);
  patch32(z, cd + 24, 10);

  ReadOptions tight;
  tight.limits.max_entry_bytes = 512u << 10;
  ReadResult r = read_zip_bytes(z, tight);
  if (r.error) {
    // Acceptable too: the archive refused as inconsistent. What must not happen is a 10-byte read.
    EXPECT_EQ(r.error->kind, model::ErrorKind::Damaged);
    return;
  }
  ASSERT_EQ(r.children.size(), 1u);
  ASSERT_TRUE(r.children[0].error);
  EXPECT_EQ(r.children[0].error->kind, model::ErrorKind::ZipBomb);
}

TEST(ZipReader, TotalLimitRefusesTheRemainingEntries) {
  ZipBuilder b;
  b.add("1.bin", noise(1u << 20));
  b.add("2.bin", noise(1u << 20));
  b.add("3.bin", noise(1u << 20));
  ReadOptions opt;
  opt.limits.max_total_unzipped = (3u << 20) / 2;
  ReadResult r = read_zip_bytes(b.finish(), opt);
  ASSERT_FALSE(r.error);
  ASSERT_EQ(r.children.size(), 3u);
  EXPECT_FALSE(r.children[0].error);
  for (int i : {1, 2}) {
    ASSERT_TRUE(r.children[i].error);
    EXPECT_EQ(r.children[i].error->kind, model::ErrorKind::ZipBomb);
  }
}

TEST(ZipReader, TooManyEntriesAndTooDeep) {
  ZipBuilder b;
  for (int i = 0; i < 5; ++i) b.add(std::to_string(i) + ".txt", "x");
  const std::string z = b.finish();
  ReadOptions few;
  few.limits.max_entries = 4;
  ReadResult r = read_zip_bytes(z, few);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->kind, model::ErrorKind::ZipBomb);

  ReadOptions deep;
  deep.zip_depth = deep.limits.max_zip_depth;
  r = read_zip_bytes(z, deep);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->kind, model::ErrorKind::ZipBomb);
  EXPECT_NE(r.error->message.find("deeper than"), std::string::npos);
}

TEST(ZipReader, DamagedArchivesAndEntries) {
  for (const std::string& junk : {std::string(), std::string("PK\x03\x04 not really a zip"), std::string(100, 'x')}) {
    ReadResult r = read_zip_bytes(junk);
    ASSERT_TRUE(r.error);
    EXPECT_EQ(r.error->kind, model::ErrorKind::Damaged);
  }
  ZipBuilder b;
  b.add("a.txt", std::string(1000, 'a'));
  std::string z = b.finish();
  ReadResult half = read_zip_bytes(z.substr(0, z.size() / 2));
  ASSERT_TRUE(half.error);
  EXPECT_EQ(half.error->kind, model::ErrorKind::Damaged);
  // Flip a stored data byte: the CRC check at the end of the entry fails.
  size_t data = z.find(std::string(100, 'a'));
  ASSERT_NE(data, std::string::npos);
  z[data + 10] = 'b';
  ReadResult bad = read_zip_bytes(z);
  ASSERT_FALSE(bad.error);
  ASSERT_EQ(bad.children.size(), 1u);
  ASSERT_TRUE(bad.children[0].error);
  EXPECT_EQ(bad.children[0].error->kind, model::ErrorKind::Damaged);
}

// ---- corpus --------------------------------------------------------------------------------------

ReadResult read_corpus_zip(const std::filesystem::path& p, const ReadOptions& opt = ReadOptions{}) {
  const std::string bytes = test::read_file(p);
  return read_zip(Input{bytes, p.filename().string(), &opt});
}

TEST(ZipReaderCorpus, EveryZipReadsWithoutCrashing) {
  LH_REQUIRE_CORPUS(corpus);
  for (const auto& e : std::filesystem::directory_iterator(corpus / "zip")) {
    ReadResult r = read_corpus_zip(e.path());
    if (!r.error) {
      EXPECT_EQ(r.meta.format, model::Format::Zip) << e.path();
    }
  }
}

TEST(ZipReaderCorpus, GbkNamesFromWindows) {
  LH_REQUIRE_CORPUS(corpus);
  ReadResult r = read_corpus_zip(corpus / "zip/tika-gbk-names.zip");
  ASSERT_FALSE(r.error);
  const ChildInput* f = child(r, "审计压缩包文件检索测试/集团邮件审计系统2021年自动巡检需求文档_V4.0.doc");
  ASSERT_TRUE(f);
  EXPECT_FALSE(f->error);
  EXPECT_FALSE(f->is_directory);
  const ChildInput* d = child(r, "审计压缩包文件检索测试");
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->is_directory);
}

TEST(ZipReaderCorpus, UnicodePathExtraFieldWins) {
  LH_REQUIRE_CORPUS(corpus);
  // Entries 2 and 3 carry a 0x7075 CRC that does not match their central name; libzip ignores the
  // field there, libarchive (whose fixture this is) and we use it.
  ReadResult r = read_corpus_zip(corpus / "zip/libarchive-7075-utf8-paths.zip");
  ASSERT_FALSE(r.error);
  ASSERT_EQ(r.children.size(), 4u);
  EXPECT_EQ(r.children[0].name, "File 1.txt");
  EXPECT_EQ(r.children[1].name, "File 2 - ö.txt");
  EXPECT_EQ(r.children[2].name, "File 3 - ä.txt");
  EXPECT_EQ(r.children[3].name, "File 4 - å.txt");
  for (const ChildInput& c : r.children) EXPECT_EQ(c.bytes.size(), 9u) << c.name;
}

TEST(ZipReaderCorpus, ShiftJisNamesDecodeAsGbkWithoutError) {
  LH_REQUIRE_CORPUS(corpus);
  // Known limit: 文書1.txt in Shift-JIS is valid GBK ("暥復1.txt"); without configuration we cannot tell.
  ReadResult r = read_corpus_zip(corpus / "zip/tika-sjis-names.zip");
  ASSERT_FALSE(r.error);
  ASSERT_EQ(r.children.size(), 2u);
  EXPECT_EQ(r.children[0].name, "暥復1.txt");
  EXPECT_FALSE(r.children[0].error);
}

TEST(ZipReaderCorpus, EncryptedEntryNextToAPlainOne) {
  LH_REQUIRE_CORPUS(corpus);
  ReadResult r = read_corpus_zip(corpus / "zip/tika-testZipEncrypted.zip");
  ASSERT_FALSE(r.error);
  const ChildInput* enc = child(r, "encrypted.txt");
  ASSERT_TRUE(enc && enc->error);
  EXPECT_EQ(enc->error->kind, model::ErrorKind::Encrypted);
  const ChildInput* plain = child(r, "unencrypted.txt");
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->error);
  EXPECT_EQ(plain->bytes.size(), 13u);
}

TEST(ZipReaderCorpus, CorruptedOomZipIsDamaged) {
  LH_REQUIRE_CORPUS(corpus);
  ReadResult r = read_corpus_zip(corpus / "zip/tika-testZIP_corrupted_oom.zip");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->kind, model::ErrorKind::Damaged);  // libzip: "Zip archive inconsistent"
}

}  // namespace
}  // namespace lh::ingest
