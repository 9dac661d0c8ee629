// The OFD's font cuts (glyphs and characters, from the glyf form of a CFF font or a TrueType face:
// ofd/fonts.cpp) planned on a cmap view (fonts/cmap_view.h) are byte for byte the cuts of the whole
// face, for document-sized requests drawn with a fixed seed: most glyphs with their characters,
// some glyphs without, some characters whose glyphs were not asked for, some the face lacks.
#include <gtest/gtest.h>

#include <filesystem>

#include "font_cut_reference.h"
#include "fonts/cmap_view.h"
#include "ofd/internal.h"
#include "test_support.h"

using namespace lh;

TEST(OfdCutView, OfdCutsOfTheViewAreTheWholeFacesCuts) {
  std::vector<std::pair<std::string, int>> sources;
  const ofd::detail::EmbeddedFont none;
  const std::vector<const char*> drops = ofd::detail::cut_request(none).drop_tables;
  for (const char* f : {"FandolFang-Regular.otf", "NotoSerifCJKsc-Regular.subset.otf", "NotoSansCJKsc-Regular.subset.otf"})
    sources.emplace_back(ofd::detail::glyf_form((test::source_dir() / "fonts" / f).string(), 0, drops), 0);
  const std::string ukai = "/usr/share/fonts/truetype/arphic/ukai.ttc";
  if (std::filesystem::exists(ukai)) sources.emplace_back(ukai, 0);
  for (const auto& [file, index] : sources) {
    hb_face_t* face = fonts::source_face(file, index);
    ASSERT_NE(face, nullptr) << file;
    for (unsigned seed : {7u, 8u}) {
      const test::CutRequest want = test::document_request(face, seed == 8 ? 30 : 400, 10, 25, seed);
      ofd::detail::EmbeddedFont f;
      f.glyphs = want.glyphs;
      f.unicodes = want.unicodes;
      const fonts::SubsetRequest req = ofd::detail::cut_request(f);
      hb_face_t* view = fonts::detail::cmap_view(face, req.glyphs, req.unicodes);
      EXPECT_NE(view, nullptr) << file << ": the cut would be planned on the whole face";
      hb_face_destroy(view);
      const fonts::Subset ref = test::whole_face_cut(file, index, req);
      const fonts::Subset got = fonts::subset_font(file, index, req);
      ASSERT_FALSE(ref.bytes.empty()) << file;
      EXPECT_TRUE(got.bytes == ref.bytes) << file << " seed " << seed << ": " << got.bytes.size() << " bytes, the whole face's cut "
                                          << ref.bytes.size();
      EXPECT_EQ(got.new_gid, ref.new_gid) << file;
    }
  }
}
