// Pictures of source-PDF pages drawn once a night (package/ofd_copy.h PagePictures, issue 15 §5):
// the 案卷's OFD gets the very picture the reading copy's OFD drew for the same source page, a
// changed source page is drawn afresh, and a kept file that is torn is drawn again, never used.
#include <gtest/gtest.h>
#include <cairo-pdf.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cairo_bytes.h"
#include "package/ofd_copy.h"
#include "test_support.h"

namespace fs = std::filesystem;
using lh::package::join_parts;
using lh::package::OfdCopyPart;
using lh::package::PagePictures;

namespace {

// An A4 PDF of one black bar per page, the bar of page i at bar_y[i] points from the top. Each page
// also holds a small white image (invisible on white), so that its OFD copy is a picture (a page of
// only a bar would be copied as vector content, package/vector_page.h).
std::string bars_pdf(const std::vector<double>& bar_y) {
  std::string out;
  cairo_surface_t* s = cairo_pdf_surface_create_for_stream(lh::test::append_to_string, &out, 595, 842);
  cairo_t* cr = cairo_create(s);
  cairo_surface_t* white = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 2, 2);
  cairo_t* w = cairo_create(white);
  cairo_set_source_rgb(w, 1, 1, 1);
  cairo_paint(w);
  cairo_destroy(w);
  for (double y : bar_y) {
    cairo_set_source_surface(cr, white, 10, 10);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_rectangle(cr, 72, y, 300, 24);
    cairo_fill(cr);
    cairo_show_page(cr);
  }
  cairo_surface_destroy(white);
  cairo_destroy(cr);
  cairo_surface_finish(s);
  cairo_surface_destroy(s);
  return out;
}

OfdCopyPart pdf_part(const std::string& pdf, int pages) { return {nullptr, std::make_shared<const std::string>(pdf), pages}; }

// The bytes of each page's picture (the Background layer's image) of a copy.
std::vector<std::string> pictures_of(const lh::package::OfdCopy& c) {
  std::vector<std::string> out;
  for (const auto& page : c.laid.pages)
    for (const auto& it : page.items)
      if (const auto* img = std::get_if<lh::layout::ImageItem>(&it)) out.push_back(img->image->bytes);
  return out;
}

size_t files_in(const fs::path& dir) {
  size_t n = 0;
  if (fs::is_directory(dir))
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

}  // namespace

TEST(PagePictures, TheVolumeGetsThePictureTheReadingCopyDrewForTheSameSourcePage) {
  const fs::path dir = lh::test::temp_dir("page-pictures-shared");
  const PagePictures kept{dir / "ofd-pages"};
  const std::string pdf = bars_pdf({100, 400});
  const auto reading = pictures_of(join_parts({pdf_part(pdf, 2)}, kept));  // draws and keeps
  ASSERT_EQ(reading.size(), 2u);
  EXPECT_EQ(files_in(kept.dir), 2u);
  // The volume: the same source PDF among other parts, in another task: the kept pictures, byte
  // for byte, and the same as drawing them afresh would give.
  const auto volume = pictures_of(join_parts({pdf_part(bars_pdf({700}), 1), pdf_part(pdf, 2)}, kept));
  ASSERT_EQ(volume.size(), 3u);
  EXPECT_EQ(volume[1], reading[0]);
  EXPECT_EQ(volume[2], reading[1]);
  EXPECT_EQ(pictures_of(join_parts({pdf_part(pdf, 2)})), reading);
  EXPECT_NE(reading[0], reading[1]);
}

TEST(PagePictures, AKeptPictureIsTakenInsteadOfDrawing) {
  const fs::path dir = lh::test::temp_dir("page-pictures-taken");
  const PagePictures kept{dir / "ofd-pages"};
  const std::string pdf = bars_pdf({100, 400});
  const auto first = pictures_of(join_parts({pdf_part(pdf, 2)}, kept));
  // Swap the kept files of pages 1 and 2 (each stays a whole file): the next copy shows them swapped,
  // so it took them from the folder and drew nothing.
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(kept.dir)) files.push_back(e.path());
  ASSERT_EQ(files.size(), 2u);
  const std::string a = lh::test::read_file(files[0]), b = lh::test::read_file(files[1]);
  lh::test::write_file(files[0], b);
  lh::test::write_file(files[1], a);
  const auto second = pictures_of(join_parts({pdf_part(pdf, 2)}, kept));
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[0], first[1]);
  EXPECT_EQ(second[1], first[0]);
}

TEST(PagePictures, AChangedSourcePageIsDrawnAgain) {
  const fs::path dir = lh::test::temp_dir("page-pictures-changed");
  const PagePictures kept{dir / "ofd-pages"};
  const auto before = pictures_of(join_parts({pdf_part(bars_pdf({100, 400}), 2)}, kept));
  // Page 2's bar moved: the new source's pictures are drawn from it, not taken from the old one's.
  const std::string changed = bars_pdf({100, 600});
  const auto after = pictures_of(join_parts({pdf_part(changed, 2)}, kept));
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0], before[0]);  // the same page draws to the same bytes
  EXPECT_NE(after[1], before[1]);
  EXPECT_EQ(after, pictures_of(join_parts({pdf_part(changed, 2)})));
  EXPECT_EQ(files_in(kept.dir), 4u);  // kept by source: the old and the new PDF's pages
}

TEST(PagePictures, ATornKeptFileIsDrawnAgainNotUsed) {
  const fs::path dir = lh::test::temp_dir("page-pictures-torn");
  const PagePictures kept{dir / "ofd-pages"};
  const std::string pdf = bars_pdf({100});
  const auto drawn = pictures_of(join_parts({pdf_part(pdf, 1)}, kept));
  ASSERT_EQ(files_in(kept.dir), 1u);
  const fs::path file = fs::directory_iterator(kept.dir)->path();
  const std::string whole = lh::test::read_file(file);
  lh::test::write_file(file, whole.substr(0, whole.size() / 2));  // a crash left half of it
  EXPECT_EQ(pictures_of(join_parts({pdf_part(pdf, 1)}, kept)), drawn);
  lh::test::write_file(file, "");
  EXPECT_EQ(pictures_of(join_parts({pdf_part(pdf, 1)}, kept)), drawn);
}
