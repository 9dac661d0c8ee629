// The face a cut is planned on (issues 12 and 15: hb-subset's plan creation was 11-13 % of a
// first night's CPU). HarfBuzz 6.0's plan, asked for glyphs, reads the source's whole cmap into a
// hash map (hb-subset-plan.cc _populate_unicodes_to_retain: every mapping of a CJK face, 20,000 to
// 30,000, for every cut) to keep the characters of the kept glyphs, and its cmap subsetter lists
// every subtable's characters again. The cut only ever keeps the mappings of the characters it
// asked for and of the glyphs it asked for, so it is planned on a view of the source face whose
// cmap (OpenType "cmap", ISO/IEC 14496-22 §5.2.1) holds just those mappings — every other table is
// the source's own blob (zero copy) — and comes out byte for byte the cut of the whole face
// (tests/pdf/test_font_cut_view.cpp and tests/ofd/test_ofd_cut_view.cpp pin it for the project's fonts).
#pragma once
#include <hb.h>

#include <cstdint>
#include <set>

namespace lh::fonts::detail {

// A view of `source` (a face from source_face) whose cmap holds only the mappings of the characters
// in `unicodes` and of the characters that map to a glyph in `glyphs`, as HarfBuzz 6.0 reads them.
// nullptr when the source's cmap is not one the view reproduces exactly (a symbol or Mac-only
// cmap, subtables out of order, formats other than 4, 12 and 14 where HarfBuzz looks) or the
// reduced cmap would not be smaller: then the cut is planned on the source face itself. The caller
// destroys the view (hb_face_destroy); it keeps the source face referenced.
hb_face_t* cmap_view(hb_face_t* source, const std::set<uint32_t>& glyphs, const std::set<uint32_t>& unicodes);

}  // namespace lh::fonts::detail
