// Libraries loaded on first use (pipeline/lazylib): the forwarding functions reach the library, it
// is opened once and only when called, and a missing library or function ends the process the way
// the dynamic loader does (status 127, naming it) instead of crashing later.
#include <gtest/gtest.h>
#include <librsvg/rsvg.h>
#include <poppler.h>

#include <string>

#include "lazylib/lazy_library.h"

using namespace lh;

TEST(LazyLibrary, PopplerIsOpenedByItsFirstCallAndReadsAPdf) {
  // A one-page PDF (ISO 32000-1 §7.5) without an xref table: poppler rebuilds it.
  const std::string pdf =
      "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
      "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
  GBytes* bytes = g_bytes_new(pdf.data(), pdf.size());
  PopplerDocument* doc = poppler_document_new_from_bytes(bytes, nullptr, nullptr);
  g_bytes_unref(bytes);
  ASSERT_NE(doc, nullptr);
  EXPECT_TRUE(lazylib::loaded(LH_TEST_SONAME_POPPLER_GLIB));
  EXPECT_EQ(poppler_document_get_n_pages(doc), 1);
  PopplerPage* page = poppler_document_get_page(doc, 0);
  ASSERT_NE(page, nullptr);
  double w = 0, h = 0;
  poppler_page_get_size(page, &w, &h);
  EXPECT_DOUBLE_EQ(w, 200);
  EXPECT_DOUBLE_EQ(h, 100);
  g_object_unref(page);
  g_object_unref(doc);
}

TEST(LazyLibrary, LibrsvgIsOpenedByItsFirstCallAndReadsAnSvg) {
  const std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"30\"><rect width=\"40\" height=\"30\"/></svg>";
  EXPECT_FALSE(lazylib::loaded(LH_TEST_SONAME_RSVG)) << "nothing before this test calls librsvg";
  GError* err = nullptr;
  RsvgHandle* h = rsvg_handle_new_from_data(reinterpret_cast<const guint8*>(svg.data()), svg.size(), &err);
  ASSERT_NE(h, nullptr) << (err ? err->message : "");
  EXPECT_TRUE(lazylib::loaded(LH_TEST_SONAME_RSVG));
  double w = 0, hh = 0;
  ASSERT_TRUE(rsvg_handle_get_intrinsic_size_in_pixels(h, &w, &hh));
  EXPECT_DOUBLE_EQ(w, 40);
  EXPECT_DOUBLE_EQ(hh, 30);
  g_object_unref(h);
}

TEST(LazyLibraryDeathTest, AMissingLibraryEndsTheProcessNamingIt) {
  EXPECT_EXIT(lazylib::symbol("liblianghua-no-such-library.so.0", "f"), testing::ExitedWithCode(127),
              "cannot load liblianghua-no-such-library.so.0");
}

TEST(LazyLibraryDeathTest, AMissingFunctionEndsTheProcessNamingIt) {
  EXPECT_EXIT(lazylib::symbol("libc.so.6", "lianghua_no_such_function"), testing::ExitedWithCode(127),
              "missing function in libc.so.6: lianghua_no_such_function");
}
