// pdf/qpdf_io.h new_deflated_stream and codec/deflate.h: the streams a PDF pass deflates itself
// (libdeflate, not QPDFWriter's zlib) are read back by qpdf, a third-party reader, as they were
// given, in a file written through the one write_out, with the one filter PDF 32000-1 §7.4.4 names.
#include <gtest/gtest.h>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <random>
#include <string>

#include "codec/deflate.h"
#include "pdf/qpdf_io.h"

namespace {

std::string sample_bytes(size_t n, unsigned seed) {  // half text-like, half noise: both branches of deflate
  const std::string text = "宋体 glyf loca ";
  std::mt19937 rng(seed);
  std::string s;
  for (size_t i = 0; i < n; ++i) s += i % 2 ? static_cast<char>(rng() & 0xff) : text[i % text.size()];
  return s;
}

TEST(DeflatedStream, QpdfReadsBackTheBytesAfterAWriteAndAReadOfTheFile) {
  for (size_t n : {size_t{0}, size_t{1}, size_t{4096}, size_t{300000}}) {
    const std::string data = sample_bytes(n, static_cast<unsigned>(n));
    QPDF q;
    q.emptyPDF();
    QPDFObjectHandle s = lh::pdf::detail::new_deflated_stream(q, data);
    q.getRoot().replaceKey("/LhData", q.makeIndirectObject(s));
    const std::string file = lh::pdf::detail::write_out(q, false);
    auto back = lh::pdf::detail::open_memory(file, "back.pdf");
    QPDFObjectHandle r = back->getRoot().getKey("/LhData");
    ASSERT_TRUE(r.isStream()) << n;
    EXPECT_TRUE(r.getDict().getKey("/Filter").isNameAndEquals("/FlateDecode")) << n;
    auto buf = r.getStreamData(qpdf_dl_generalized);
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(buf->getBuffer()), buf->getSize()), data) << n;
    if (n == 300000) {
      EXPECT_LT(file.size(), data.size()) << "the text half compresses";
    }
  }
}

TEST(DeflatedStream, TheSameBytesDeflateToTheSameBytes) {
  const std::string data = sample_bytes(100000, 7);
  EXPECT_EQ(lh::codec::zlib_compress(data, 1), lh::codec::zlib_compress(data, 1));
  EXPECT_EQ(lh::codec::deflate_raw(data, 6), lh::codec::deflate_raw(data, 6));
  EXPECT_NE(lh::codec::zlib_compress(data, 1), lh::codec::deflate_raw(data, 1)) << "zlib has a header and an Adler-32";
  // RFC 1950 §2.2: the zlib stream is a two-byte header (deflate, a 32K window, a check that makes
  // it a multiple of 31), the raw deflate stream, and the Adler-32 of the data, big-endian.
  const std::string z = lh::codec::zlib_compress(data, 1), raw = lh::codec::deflate_raw(data, 1);
  ASSERT_EQ(z.size(), raw.size() + 6);
  const unsigned cmf = static_cast<unsigned char>(z[0]), flg = static_cast<unsigned char>(z[1]);
  EXPECT_EQ(cmf, 0x78u);
  EXPECT_EQ((cmf * 256 + flg) % 31, 0u);
  EXPECT_EQ(z.substr(2, raw.size()), raw);
  uint32_t a = 1, b = 0;
  for (unsigned char c : data) a = (a + c) % 65521, b = (b + a) % 65521;
  const uint32_t adler = b << 16 | a;
  const std::string tail = z.substr(z.size() - 4);
  EXPECT_EQ(static_cast<uint32_t>(static_cast<unsigned char>(tail[0])) << 24 | static_cast<unsigned char>(tail[1]) << 16 |
                static_cast<unsigned char>(tail[2]) << 8 | static_cast<unsigned char>(tail[3]),
            adler);
}

}  // namespace
