// The reference a font cut is checked against (issues 12/15: cuts are planned on a cmap view,
// fonts/cmap_view.h): hb-subset run on the whole source face, as font_subset.cpp ran it before
// the view, and document-sized requests drawn from a face's cmap with a fixed seed.
#pragma once
#include <hb-subset.h>

#include <random>
#include <set>
#include <string>
#include <vector>

#include "fonts/font_subset.h"

namespace lh::test {

// The cut of the whole face: bytes and old → new glyph ids of the requested glyphs.
inline fonts::Subset whole_face_cut(const std::string& file, int index, const fonts::SubsetRequest& r) {
  fonts::Subset out;
  hb_face_t* face = fonts::source_face(file, index);
  if (!face) return out;
  hb_subset_input_t* in = hb_subset_input_create_or_fail();
  hb_set_add(hb_subset_input_glyph_set(in), 0);
  for (uint32_t g : r.glyphs) hb_set_add(hb_subset_input_glyph_set(in), g);
  for (uint32_t u : r.unicodes) hb_set_add(hb_subset_input_unicode_set(in), u);
  for (const char* t : r.drop_tables) hb_set_add(hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG), hb_tag_from_string(t, 4));
  hb_subset_input_set_flags(in, r.flags);
  hb_subset_plan_t* plan = hb_subset_plan_create_or_fail(face, in);
  hb_subset_input_destroy(in);
  if (!plan) return out;
  const hb_map_t* map = hb_subset_plan_old_to_new_glyph_mapping(plan);
  for (uint32_t g : r.glyphs)
    if (hb_map_get(map, g) != HB_MAP_VALUE_INVALID) out.new_gid.emplace(g, hb_map_get(map, g));
  if (hb_face_t* sub = hb_subset_plan_execute_or_fail(plan)) {
    hb_blob_t* blob = hb_face_reference_blob(sub);
    unsigned len = 0;
    const char* data = hb_blob_get_data(blob, &len);
    out.bytes.assign(data ? data : "", data ? len : 0);
    hb_blob_destroy(blob);
    hb_face_destroy(sub);
  }
  hb_subset_plan_destroy(plan);
  return out;
}

// A document's worth of a face: `chars` characters of its cmap (their glyphs), `extra_glyphs` glyph
// ids that may have no character (vertical forms, ligatures), and in `unicodes` the characters of
// most of those glyphs plus `stray` characters whose glyphs are not asked for and a few the face
// lacks. Fixed seed: the same request every run.
struct CutRequest {
  std::set<uint32_t> glyphs, unicodes;
};
inline CutRequest document_request(hb_face_t* face, size_t chars, size_t extra_glyphs, size_t stray, unsigned seed) {
  CutRequest r;
  hb_set_t* all = hb_set_create();
  hb_face_collect_unicodes(face, all);
  std::vector<uint32_t> cps;
  for (hb_codepoint_t u = HB_SET_VALUE_INVALID; hb_set_next(all, &u);) cps.push_back(u);
  hb_set_destroy(all);
  const unsigned glyph_count = hb_face_get_glyph_count(face);
  hb_font_t* font = hb_font_create(face);
  std::mt19937 rng(seed);
  for (size_t i = 0; i < chars && !cps.empty(); ++i) {
    const uint32_t u = cps[rng() % cps.size()];
    hb_codepoint_t g = 0;
    if (!hb_font_get_nominal_glyph(font, u, &g)) continue;
    r.glyphs.insert(g);
    if (rng() % 10) r.unicodes.insert(u);  // most glyphs come with their character
  }
  for (size_t i = 0; i < extra_glyphs && glyph_count > 1; ++i) r.glyphs.insert(1 + rng() % (glyph_count - 1));
  for (size_t i = 0; i < stray && !cps.empty(); ++i) r.unicodes.insert(cps[rng() % cps.size()]);
  r.unicodes.insert({0x10FFFD, 0xE000, 0xFFFF});  // private use, surely not all mapped
  hb_font_destroy(font);
  return r;
}

}  // namespace lh::test
