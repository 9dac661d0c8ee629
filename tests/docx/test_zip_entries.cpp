// The ZIP writer every package goes through (DOCX, OFD): entries deflated by libdeflate and handed
// to libzip as already compressed (docx/package.cpp). Read back by libzip itself, which checks each
// entry's CRC-32 at its end (ZIP_ER_CRC), and by the local headers' bytes (APPNOTE.TXT 4.3.7).
#include <gtest/gtest.h>
#include <zip.h>

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "docx/parts.h"

namespace {

using lh::docx::detail::Part;

struct Entry {
  uint16_t method = 0;
  uint64_t size = 0, comp_size = 0;
  std::string bytes;
  int read_error = 0;  // libzip's error while reading it whole (ZIP_ER_CRC on a wrong CRC)
};

std::map<std::string, Entry> read_back(const std::string& zip) {
  std::map<std::string, Entry> out;
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(zip.data(), zip.size(), 0, &err);
  zip_t* za = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err) : nullptr;
  if (!za) {
    ADD_FAILURE() << "libzip cannot open the package: " << zip_error_strerror(&err);
    if (src) zip_source_free(src);
    return out;
  }
  for (zip_int64_t i = 0; i < zip_get_num_entries(za, 0); ++i) {
    zip_stat_t st;
    zip_stat_index(za, static_cast<zip_uint64_t>(i), 0, &st);
    Entry e{st.comp_method, st.size, st.comp_size, std::string(st.size, '\0'), 0};
    zip_file_t* f = zip_fopen_index(za, static_cast<zip_uint64_t>(i), 0);
    zip_int64_t n = f ? zip_fread(f, e.bytes.data(), e.bytes.size()) : -1;
    char extra;
    if (f && n == static_cast<zip_int64_t>(st.size)) n = zip_fread(f, &extra, 1);  // the CRC is checked at the end
    if (n < 0) e.read_error = f ? zip_error_code_zip(zip_file_get_error(f)) : -1;
    if (f) zip_fclose(f);
    out[st.name] = e;
  }
  zip_close(za);
  return out;
}

std::string noise(size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng() & 0xFF);
  return s;
}

std::string xml_of(size_t rows) {
  std::string s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:Page xmlns:ofd=\"http://www.ofdspec.org/2016\">";
  for (size_t i = 0; i < rows; ++i) s += "<ofd:TextObject ID=\"" + std::to_string(i) + "\" Boundary=\"20 30 150 5\"/>";
  return s + "</ofd:Page>";
}

}  // namespace

// Zips `parts` at `level` and reads each back through libzip: stored with `method`, smaller when
// deflated and the same size when stored, no read-back error (a wrong CRC-32 is ZIP_ER_CRC), the
// part's bytes.
static void expect_read_back(const std::vector<Part>& parts, int level, uint16_t method) {
  const auto got = read_back(lh::docx::detail::zip_package(parts, std::nullopt, level));
  ASSERT_EQ(got.size(), parts.size());
  for (const Part& p : parts) {
    const Entry& e = got.at(p.name);
    EXPECT_EQ(e.method, method) << p.name;
    if (method == ZIP_CM_DEFLATE) EXPECT_LT(e.comp_size, e.size) << p.name;
    else EXPECT_EQ(e.comp_size, e.size) << p.name;
    EXPECT_EQ(e.read_error, 0) << p.name << ": libzip's read-back error (a wrong CRC-32 is ZIP_ER_CRC)";
    EXPECT_EQ(e.bytes, p.bytes) << p.name;
  }
}

TEST(ZipEntries, EachPartIsDeflatedAndLibzipFindsItsCrcRight) {
  expect_read_back({{"a.xml", "", xml_of(400)}, {"Res/Font_0.ttf", "", xml_of(50) + noise(3000, 1), 1}}, 6, ZIP_CM_DEFLATE);
}

TEST(ZipEntries, MediaAndWhatDeflateCannotShrinkAreStored) {
  expect_read_back({{"word/media/image1.png", "", xml_of(100)},  // stored by name, however compressible
                    {"noise.bin", "", noise(5000, 7)},            // deflate would grow it
                    {"empty.xml", "", ""}},
                   9, ZIP_CM_STORE);
}

TEST(ZipEntries, LocalHeadersCarryTheSizesAndNoDataDescriptor) {
  // APPNOTE.TXT 4.3.7: a reader that streams the file (no central directory) needs the sizes and
  // the CRC in the local header; bit 3 (data descriptor) must be clear.
  const std::string body = xml_of(200);
  const std::string zip = lh::docx::detail::zip_package({{"p.xml", "", body}}, std::nullopt, 6);
  ASSERT_GT(zip.size(), 30u);
  auto u16 = [&](size_t at) { return static_cast<unsigned>(static_cast<unsigned char>(zip[at]) | static_cast<unsigned char>(zip[at + 1]) << 8); };
  auto u32 = [&](size_t at) { return static_cast<uint32_t>(u16(at) | u16(at + 2) << 16); };
  EXPECT_EQ(u32(0), 0x04034b50u);
  EXPECT_EQ(u16(6) & 0x0008u, 0u);
  EXPECT_EQ(u16(8), 8u);  // deflate
  EXPECT_EQ(u32(22), body.size());
  EXPECT_GT(u32(18), 0u);
  EXPECT_LT(u32(18), body.size());
}

TEST(ZipEntries, TheSamePartsGiveTheSameBytes) {
  const std::vector<Part> parts = {{"a.xml", "", xml_of(300)}, {"b.ttf", "", noise(800, 3) + xml_of(20), 1}};
  EXPECT_EQ(lh::docx::detail::zip_package(parts, 1704412800, 6), lh::docx::detail::zip_package(parts, 1704412800, 6));
}
