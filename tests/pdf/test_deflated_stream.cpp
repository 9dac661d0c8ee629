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
}

}  // namespace
