// The PDF's font cuts planned on a cmap view (fonts/cmap_view.h; issues 12/15: hb-subset's plan
// read a CJK face's whole cmap for every cut) are byte for byte the cuts of the whole face, for
// every face the roles use (fonts/roles.json: Fandol and Noto CFF fonts, the UKai TrueType
// collection), for document-sized glyph sets drawn with a fixed seed, and the view is really taken.
#include <gtest/gtest.h>

#include <filesystem>

#include "font_cut_reference.h"
#include "fonts/cmap_view.h"
#include "pdf/subset.h"
#include "test_support.h"

using namespace lh;

namespace {

struct Face {
  std::string file;
  int index;
};

std::vector<Face> role_faces() {
  std::vector<Face> out;
  for (const char* f : {"FandolFang-Regular.otf", "FandolSong-Bold.otf", "FandolHei-Regular.otf", "NotoSerifCJKsc-Regular.subset.otf",
                        "NotoSansCJKsc-Bold.subset.otf", "NotoSansMonoCJKsc-Regular.subset.otf"})
    out.push_back({(test::source_dir() / "fonts" / f).string(), 0});
  const std::string ukai = "/usr/share/fonts/truetype/arphic/ukai.ttc";  // format 12 beside format 4
  if (std::filesystem::exists(ukai)) out.push_back({ukai, 0}), out.push_back({ukai, 1});
  return out;
}

}  // namespace

TEST(FontCutView, PdfCutsOfTheViewAreTheWholeFacesCuts) {
  for (const Face& f : role_faces()) {
    hb_face_t* face = fonts::source_face(f.file, f.index);
    ASSERT_NE(face, nullptr) << f.file;
    for (unsigned seed : {1u, 2u, 3u}) {
      const test::CutRequest want = test::document_request(face, seed == 3 ? 12 : 400, 20, 0, seed);
      const fonts::SubsetRequest req = pdf::detail::cut_request(want.glyphs);
      hb_face_t* view = fonts::detail::cmap_view(face, req.glyphs, req.unicodes);
      EXPECT_NE(view, nullptr) << f.file << ": the cut would be planned on the whole face";
      hb_face_destroy(view);
      const fonts::Subset ref = test::whole_face_cut(f.file, f.index, req);
      const fonts::Subset got = fonts::subset_font(f.file, f.index, req);
      ASSERT_FALSE(ref.bytes.empty()) << f.file;
      EXPECT_TRUE(got.bytes == ref.bytes) << f.file << " face " << f.index << " seed " << seed << ": " << got.bytes.size()
                                          << " bytes, the whole face's cut " << ref.bytes.size();
      EXPECT_EQ(got.new_gid, ref.new_gid) << f.file;
    }
  }
}

// A cut of only .notdef, and a cut asking for every glyph (no view: the reduced cmap would be the
// whole one), come out as the whole face's too.
TEST(FontCutView, EmptyAndWholeGlyphSetsAreTheWholeFacesCuts) {
  const std::string file = (test::source_dir() / "fonts" / "NotoSerifCJKsc-Regular.subset.otf").string();
  hb_face_t* face = fonts::source_face(file, 0);
  ASSERT_NE(face, nullptr);
  std::set<uint32_t> all;
  for (uint32_t g = 0; g < hb_face_get_glyph_count(face); ++g) all.insert(g);
  for (const std::set<uint32_t>& glyphs : {std::set<uint32_t>{}, std::set<uint32_t>{0}, all}) {
    const fonts::SubsetRequest req = pdf::detail::cut_request(glyphs);
    EXPECT_TRUE(fonts::subset_font(file, 0, req).bytes == test::whole_face_cut(file, 0, req).bytes) << glyphs.size() << " glyphs";
  }
  hb_face_t* view = fonts::detail::cmap_view(face, all, {});
  EXPECT_EQ(view, nullptr);
  hb_face_destroy(view);
}

// The view keeps what the cut keeps: the cut of a glyph set still maps the characters of its glyphs
// (hb-subset keeps the cmap entries of kept glyphs; a view that lost them would change the PDFs).
TEST(FontCutView, TheCutStillMapsTheCharactersOfItsGlyphs) {
  const std::string file = (test::source_dir() / "fonts" / "FandolFang-Regular.otf").string();
  hb_face_t* face = fonts::source_face(file, 0);
  ASSERT_NE(face, nullptr);
  hb_font_t* font = hb_font_create(face);
  std::set<uint32_t> glyphs;
  for (uint32_t u : {0x4E2D, 0x534E, 0x6863, 0x6848, 0x0041}) {  // 中华档案A
    hb_codepoint_t g = 0;
    ASSERT_TRUE(hb_font_get_nominal_glyph(font, u, &g));
    glyphs.insert(g);
  }
  hb_font_destroy(font);
  const fonts::Subset cut = fonts::subset_font(file, 0, pdf::detail::cut_request(glyphs));
  hb_blob_t* blob = hb_blob_create(cut.bytes.data(), unsigned(cut.bytes.size()), HB_MEMORY_MODE_READONLY, nullptr, nullptr);
  hb_face_t* sub = hb_face_create(blob, 0);
  hb_set_t* mapped = hb_set_create();
  hb_face_collect_unicodes(sub, mapped);
  for (uint32_t u : {0x4E2D, 0x534E, 0x6863, 0x6848, 0x0041}) EXPECT_TRUE(hb_set_has(mapped, u)) << std::hex << u;
  hb_set_destroy(mapped);
  hb_face_destroy(sub);
  hb_blob_destroy(blob);
}

namespace {

// FandolFang with its cmap patched by `patch` (the same tables otherwise), as a font file.
std::string patched_fandol(const std::string& name, void (*patch)(std::string&)) {
  const std::string file = (test::source_dir() / "fonts" / "FandolFang-Regular.otf").string();
  hb_face_t* source = fonts::source_face(file, 0);
  hb_face_t* builder = hb_face_builder_create();
  hb_tag_t tags[64];
  unsigned count = 64;
  hb_face_get_table_tags(source, 0, &count, tags);
  for (unsigned i = 0; i < count; ++i) {
    hb_blob_t* t = hb_face_reference_table(source, tags[i]);
    if (tags[i] == HB_TAG('c', 'm', 'a', 'p')) {
      unsigned len = 0;
      const char* d = hb_blob_get_data(t, &len);
      auto* bytes = new std::string(d, len);
      patch(*bytes);
      hb_blob_destroy(t);
      t = hb_blob_create(bytes->data(), unsigned(bytes->size()), HB_MEMORY_MODE_READONLY, bytes,
                         [](void* p) { delete static_cast<std::string*>(p); });
    }
    hb_face_builder_add_table(builder, tags[i], t);
    hb_blob_destroy(t);
  }
  hb_blob_t* font = hb_face_reference_blob(builder);
  unsigned len = 0;
  const char* d = hb_blob_get_data(font, &len);
  static const std::filesystem::path dir = test::temp_dir("cut-view");  // fresh once: the files stay
  const std::filesystem::path out = dir / name;
  test::write_file(out, std::string(d, len));
  hb_blob_destroy(font);
  hb_face_destroy(builder);
  return out.string();
}

}  // namespace

// A cmap the view does not reproduce (HarfBuzz would read a symbol subtable, or nothing from a
// cmap of another version) is not reduced: the cut is planned on the whole face, and is its cut
// (or fails as the whole face's does); the same font with its cmap untouched is reduced.
TEST(FontCutView, CmapsTheViewCannotReproduceArePlannedOnTheWholeFace) {
  // Fandol's records: (0,3) format 4, (1,25) format 2, (3,1) format 4. The second made (3,0).
  const std::string symbol = patched_fandol("symbol.otf", [](std::string& c) { c[12] = 0, c[13] = 3, c[14] = 0, c[15] = 0; });
  const std::string version = patched_fandol("version.otf", [](std::string& c) { c[1] = 1; });
  const std::string plain = patched_fandol("plain.otf", [](std::string&) {});
  for (const std::string& file : {symbol, version, plain}) {
    hb_face_t* face = fonts::source_face(file, 0);
    ASSERT_NE(face, nullptr) << file;
    const test::CutRequest want = test::document_request(face, 200, 5, 0, 11);
    const fonts::SubsetRequest req = pdf::detail::cut_request(want.glyphs);
    hb_face_t* view = fonts::detail::cmap_view(face, req.glyphs, req.unicodes);
    EXPECT_EQ(view != nullptr, file == plain) << file;
    hb_face_destroy(view);
    const fonts::Subset ref = test::whole_face_cut(file, 0, req);
    if (ref.bytes.empty())  // hb-subset refuses a cmap it reads as empty: so must the cut (then drawn whole)
      EXPECT_THROW(fonts::subset_font(file, 0, req), fonts::SubsetError) << file;
    else
      EXPECT_TRUE(fonts::subset_font(file, 0, req).bytes == ref.bytes) << file;
  }
}

// HarfBuzz lists a view's tables by asking for those it knows: a cut that passes unknown tables
// through (UKai carries FontForge's FFTM) is planned on the whole face, and keeps them.
TEST(FontCutView, ACutPassingUnknownTablesThroughKeepsThem) {
  const std::string ukai = "/usr/share/fonts/truetype/arphic/ukai.ttc";
  if (!std::filesystem::exists(ukai)) GTEST_SKIP() << "fonts-arphic-ukai not installed";
  hb_face_t* face = fonts::source_face(ukai, 0);
  ASSERT_NE(face, nullptr);
  fonts::SubsetRequest req = pdf::detail::cut_request(test::document_request(face, 100, 0, 0, 5).glyphs);
  req.flags |= HB_SUBSET_FLAGS_PASSTHROUGH_UNRECOGNIZED;
  const fonts::Subset ref = test::whole_face_cut(ukai, 0, req);
  EXPECT_NE(ref.bytes.find("FFTM"), std::string::npos);
  EXPECT_TRUE(fonts::subset_font(ukai, 0, req).bytes == ref.bytes);
}
