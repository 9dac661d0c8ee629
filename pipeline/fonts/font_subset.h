// The one wrapper of HarfBuzz's hb-subset (the OpenType subsetter Debian ships, libharfbuzz-subset0)
// that both writers cut their embedded fonts with: the PDF writer (pdf/subset.h, PDF 32000-1 §9.9:
// an embedded font program may be a subset) and the OFD writer (ofd/fonts.cpp, GB/T 42133-2022
// 6.2.6 b: fonts embedded as subsets). Each says which glyphs and characters it keeps and which
// tables it drops; how a font file is opened, shared and cut lives here only.
#pragma once
#include <hb.h>

#include <cstdint>
#include <set>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace lh::fonts {

struct SubsetError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The font file (face `index` of a collection), opened once per process and shared by every cut:
// HarfBuzz checks a table (the whole CFF of an 8 MB Noto face) the first time it is used and keeps
// the result in the face, so it is checked once, not once per document. hb_face_t is safe to share
// between threads once immutable. nullptr when the file cannot be read or has no glyphs (also
// remembered). The faces are destroyed at exit, so a leak checker reports none.
hb_face_t* source_face(const std::string& file, int index);

struct SubsetRequest {
  std::set<uint32_t> glyphs;               // glyph ids of the source font (.notdef is always kept)
  std::set<uint32_t> unicodes;             // characters whose cmap entries are kept (hb-subset keeps
                                           // those of the kept glyphs' characters anyway)
  std::vector<const char*> drop_tables;    // table tags ("GSUB", "cvt ") left out of the cut
  unsigned flags = 0;                      // hb_subset_flags_t
};

struct Subset {
  std::string bytes;                               // the cut font (an sfnt)
  std::unordered_map<uint32_t, uint32_t> new_gid;  // source glyph id → the cut's (glyphs kept)
  bool glyf = false, cff = false;                  // its outlines: TrueType glyf, CFF
};

// The cut of `file` (face `index`), planned on a view of the source face whose cmap holds only the
// mappings the cut keeps (cmap_view.h): the same bytes as a cut of the whole face, without reading
// its whole cmap. A glyph the source does not have is missing from new_gid.
// Throws SubsetError (the file cannot be read, hb-subset refuses or gives nothing).
Subset subset_font(const std::string& file, int index, const SubsetRequest& request);

}  // namespace lh::fonts
