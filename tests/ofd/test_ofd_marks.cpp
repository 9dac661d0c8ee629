// The archive's use of the OFD writer (package/ofd_copy.h): a scanned page (a source-PDF page as a
// picture with its text) keeps the picture in a Background layer and writes its text unpainted in
// the Body layer (GB/T 42133 6.2.4); marks (归档章, 页号) become Stamp annotations in their own box,
// apart from the page content (6.10.2), read-only (6.10.1); the result passes check-ofd and the XSDs.
#include <gtest/gtest.h>

#include "ofd/check.h"
#include "ofd_test_util.h"

using namespace lh;
using namespace lh::test::ofd;

namespace {

// Page 1 of the sample as a "scanned" page: a full-page picture under the page's text lines.
layout::Laid scanned_sample() {
  layout::Laid l;
  layout::Page p = laid_sample().pages.at(1);
  layout::Page scan;
  scan.width_pt = p.width_pt;
  scan.height_pt = p.height_pt;
  auto img = std::make_shared<model::Image>();
  img->media_type = "image/png";
  img->bytes = png(60, 85, 1, 1, 1);
  scan.items.push_back(layout::ImageItem{0, 0, p.width_pt, p.height_pt, img});
  for (const auto& it : p.items)
    if (const auto* g = std::get_if<layout::GlyphLine>(&it); g && !g->page_number) scan.items.push_back(*g);
  l.pages.push_back(scan);
  l.pages.push_back(laid_sample().pages.at(2));
  return l;
}

lh::ofd::OfdOptions marked_options() {
  lh::ofd::OfdOptions o = options();
  o.scanned = {true, false};
  lh::ofd::OfdMark stamp;
  stamp.page = 0;
  stamp.kind = lh::ofd::MarkKind::ArchiveStamp;
  stamp.x_pt = 234;
  stamp.y_pt = 17;
  stamp.drawing.width_pt = 127.56;
  stamp.drawing.height_pt = 45.35;
  stamp.drawing.items.push_back(layout::RectItem{0.4, 0.4, 126.7, 44.5, false, 0, 0.85, 0xE60012, 0});
  for (const auto& it : laid_sample().pages.at(1).items)  // a line of text drawn in the mark's box
    if (const auto* g = std::get_if<layout::GlyphLine>(&it); g && !g->page_number) {
      layout::GlyphLine moved = *g;
      moved.x = 4;
      moved.baseline = 30;
      stamp.drawing.items.push_back(moved);
      break;
    }
  lh::ofd::OfdMark number;
  number.page = 1;
  number.kind = lh::ofd::MarkKind::PageNumber;
  number.x_pt = 510;
  number.y_pt = 22;
  number.drawing.width_pt = 56.7;
  number.drawing.height_pt = 19.8;
  number.drawing.items.push_back(layout::RuleItem{0, 19, 56, 19, 0.5, 0, 0});
  o.marks = {stamp, number};
  return o;
}

const std::string& marked_ofd() {
  static const std::string b = lh::ofd::write_ofd(scanned_sample(), marked_options());
  return b;
}

size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST(OfdMarks, AScannedPageHasItsPictureInBackgroundAndItsTextUnpaintedInBody) {
  const auto p = parts(marked_ofd());
  const std::string& scan = p.at("Doc_0/Pages/Page_0/Content.xml");
  const size_t bg = scan.find("Type=\"Background\""), body = scan.find("Type=\"Body\""), image = scan.find("<ofd:ImageObject");
  ASSERT_NE(bg, std::string::npos) << scan;
  ASSERT_NE(body, std::string::npos);
  EXPECT_TRUE(bg < image && image < body) << "the picture sits in the Background layer, under the Body";
  EXPECT_GT(count(scan, "<ofd:TextObject"), 0u);
  EXPECT_EQ(count(scan, "<ofd:TextObject"), count(scan, "Fill=\"false\"")) << "every text object of a scan is unpainted";
  const std::string& laid = p.at("Doc_0/Pages/Page_1/Content.xml");
  EXPECT_EQ(laid.find("Background"), std::string::npos);
  EXPECT_EQ(laid.find("Fill=\"false\""), std::string::npos) << "a laid-out page's text is painted";
}

TEST(OfdMarks, MarksAreStampAnnotationsInTheirOwnBoxApartFromThePage) {
  const auto p = parts(marked_ofd());
  const std::string& a0 = p.at("Doc_0/Annots/Page_0/Annotation.xml");
  EXPECT_NE(a0.find("Subtype=\"ArchiveStamp\""), std::string::npos) << a0;
  EXPECT_NE(a0.find("<ofd:Appearance Boundary=\"82.55 5.997 45 15.998\""), std::string::npos) << a0;
  EXPECT_NE(a0.find("<ofd:TextObject"), std::string::npos) << "the stamp's text is drawn in the annotation";
  EXPECT_NE(a0.find("230 0 18"), std::string::npos) << "red";
  const std::string& a1 = p.at("Doc_0/Annots/Page_1/Annotation.xml");
  EXPECT_NE(a1.find("Subtype=\"PageNumber\""), std::string::npos) << a1;
  for (const auto& [name, xml] : p)
    if (name.rfind("Doc_0/Pages/", 0) == 0) {
      EXPECT_EQ(xml.find("E60012"), std::string::npos) << name;
      EXPECT_EQ(xml.find("230 0 18"), std::string::npos) << name << ": the stamp is not on the page";
    }
  EXPECT_NE(p.at("Doc_0/Annots/Annotations.xml").find("Page_1/Annotation.xml"), std::string::npos);
}

TEST(OfdMarks, TheCopyPassesEveryRuleAndTheXsds) {
  lh::ofd::CheckOptions o;
  if (auto d = schema_dir()) o.schema_dir = d->string();
  const auto r = lh::ofd::check_ofd(marked_ofd(), o);
  for (const auto& rule : r.rules) EXPECT_TRUE(rule.passed) << rule.clause << ": " << rule.detail;
  EXPECT_GE(r.rules.size(), 18u);
}

TEST(OfdMarks, AMarkOnAPageThatDoesNotExistIsRefused) {
  lh::ofd::OfdOptions o = marked_options();
  o.marks[1].page = 7;
  EXPECT_THROW(lh::ofd::write_ofd(scanned_sample(), o), lh::ofd::OfdError);
}
