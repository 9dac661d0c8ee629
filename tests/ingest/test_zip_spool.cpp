// Issue 12 §4: the parent must not hold a ZIP's entries for the whole night (a ZIP may inflate to
// 1 GiB). With InspectOptions::spool_dir, each entry's bytes go to a file there as soon as the worker
// hands them over; the entry is read from that file and filed from it, byte for byte.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "ingest/inspect.h"
#include "ingest/sha256.h"
#include "test_support.h"
#include "zip_builder.h"

namespace lh::ingest {
namespace {
namespace fs = std::filesystem;

InspectOptions spooling(const fs::path& spool) {
  InspectOptions o;
  o.pool.jobs = 2;
  o.pool.timeout_s = 20;
  o.spool_dir = spool.string();
  return o;
}

TEST(ZipSpool, EntriesAreSpooledNotHeldAndReadFromTheSpool) {
  const fs::path dir = test::temp_dir("zip-spool"), spool = test::temp_dir("zip-spool-files");
  const std::string record = "南岭县某某食品店日常监督检查记录\n检查时间：2024年3月5日\n检查结果：未发现问题。\n";
  std::string big(3u << 20, '0');  // an entry of 3 MiB of digits that do not compress 200:1 (no bomb)
  uint32_t x = 12345;
  for (char& ch : big) ch = static_cast<char>('0' + ((x = x * 1103515245u + 12345u) >> 16) % 10);
  test::ZipBuilder inner;
  inner.add("整改通知.txt", "整改通知：请于三日内完成整改。\n");
  test::ZipBuilder z;
  z.add("检查记录.txt", record);
  z.add("大文件.txt", big, ZIP_FL_ENC_GUESS, ZIP_CM_DEFLATE);
  z.add("内层.zip", inner.finish());
  test::write_file(dir / "收件.zip", z.finish());

  auto results = inspect_files(walk_inputs({dir.string()}, true), spooling(spool));
  ASSERT_EQ(results.size(), 1u);
  ASSERT_EQ(results[0].children.size(), 3u);
  for (const auto& c : results[0].children) {
    EXPECT_FALSE(c.entry_bytes) << c.path << ": bytes held in memory";
    ASSERT_FALSE(c.spool_path.empty()) << c.path << " error: " << (c.error ? c.error->message : "") << " bytes " << (c.entry_bytes != nullptr);
    const std::string bytes = test::read_file(c.spool_path);
    EXPECT_EQ(bytes.size(), c.size) << c.path;
    EXPECT_EQ(sha256_hex(bytes), c.sha256) << c.path << ": the spooled bytes are the entry's";
    EXPECT_FALSE(c.error) << c.path << ": " << c.error->message;
  }
  EXPECT_EQ(test::read_file(results[0].children[0].spool_path), record);
  // The nested ZIP's entry is spooled too, and was read from its spool file (its title is its text's).
  ASSERT_EQ(results[0].children[2].children.size(), 1u);
  const auto& nested = results[0].children[2].children[0];
  EXPECT_FALSE(nested.entry_bytes);
  EXPECT_FALSE(nested.spool_path.empty());
  EXPECT_GT(nested.text_chars, 0u);

  // Without a spool directory the bytes stay in memory, as before.
  auto held = inspect_files(walk_inputs({dir.string()}, true), spooling(""));
  ASSERT_EQ(held[0].children.size(), 3u);
  EXPECT_TRUE(held[0].children[0].entry_bytes);
  EXPECT_TRUE(held[0].children[0].spool_path.empty());
}

}  // namespace
}  // namespace lh::ingest
