// hb-subset (HarfBuzz ≥ 6: hb_subset_plan_* gives the old → new glyph map). See font_subset.h.
#include "fonts/font_subset.h"

#include "fonts/cmap_view.h"

#include <hb-subset.h>

#include <map>
#include <memory>
#include <mutex>
#include <utility>

namespace lh::fonts {
namespace {

template <class T, void (*F)(T*)>
struct Del {
  void operator()(T* p) const { F(p); }
};
using Blob = std::unique_ptr<hb_blob_t, Del<hb_blob_t, hb_blob_destroy>>;
using Face = std::unique_ptr<hb_face_t, Del<hb_face_t, hb_face_destroy>>;
using Input = std::unique_ptr<hb_subset_input_t, Del<hb_subset_input_t, hb_subset_input_destroy>>;
using Plan = std::unique_ptr<hb_subset_plan_t, Del<hb_subset_plan_t, hb_subset_plan_destroy>>;

bool has_table(hb_face_t* face, hb_tag_t tag) {
  Blob b(hb_face_reference_table(face, tag));
  return hb_blob_get_length(b.get()) > 0;
}

}  // namespace

hb_face_t* source_face(const std::string& file, int index) {
  static std::mutex m;
  static struct Faces : std::map<std::pair<std::string, int>, hb_face_t*> {  // destroyed at exit: no leak to report
    ~Faces() {
      for (auto& [k, f] : *this)
        if (f) hb_face_destroy(f);
    }
  } faces;
  std::lock_guard<std::mutex> lock(m);
  auto [it, fresh] = faces.try_emplace({file, index}, nullptr);
  if (!fresh) return it->second;
  if (hb_blob_t* blob = hb_blob_create_from_file_or_fail(file.c_str())) {
    hb_face_t* face = hb_face_create(blob, static_cast<unsigned>(index));
    hb_blob_destroy(blob);
    if (hb_face_get_glyph_count(face) > 0) {
      // Not hb_subset_preprocess: on a CJK face it costs seconds, more than a night's cuts save.
      hb_face_make_immutable(face);
      it->second = face;
    } else {
      hb_face_destroy(face);
    }
  }
  return it->second;  // nullptr remembered too
}

Subset subset_font(const std::string& file, int index, const SubsetRequest& r) {
  hb_face_t* face = source_face(file, index);
  if (!face) throw SubsetError("cannot read font " + file);
  Input in(hb_subset_input_create_or_fail());
  if (!in) throw SubsetError("hb-subset cannot start on " + file);
  hb_set_t* gs = hb_subset_input_glyph_set(in.get());
  hb_set_add(gs, 0);  // .notdef stays glyph 0
  for (uint32_t g : r.glyphs) hb_set_add(gs, g);
  hb_set_t* us = hb_subset_input_unicode_set(in.get());
  for (uint32_t u : r.unicodes) hb_set_add(us, u);
  hb_set_t* drop = hb_subset_input_set(in.get(), HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (const char* t : r.drop_tables) hb_set_add(drop, hb_tag_from_string(t, 4));
  hb_subset_input_set_flags(in.get(), r.flags);
  // Planned on a view whose cmap holds only the mappings the cut keeps (cmap_view.h): the same cut,
  // without HarfBuzz reading the whole cmap of the face for it. (HarfBuzz cannot list a view's
  // tables, only ask for those it knows: a cut passing unknown tables through needs the face.)
  Face view(r.flags & HB_SUBSET_FLAGS_PASSTHROUGH_UNRECOGNIZED ? nullptr : detail::cmap_view(face, r.glyphs, r.unicodes));
  Plan plan(hb_subset_plan_create_or_fail(view ? view.get() : face, in.get()));
  if (!plan) throw SubsetError("hb-subset cannot plan a subset of " + file);
  Subset out;
  const hb_map_t* map = hb_subset_plan_old_to_new_glyph_mapping(plan.get());
  for (uint32_t g : r.glyphs) {
    const hb_codepoint_t n = hb_map_get(map, g);
    if (n != HB_MAP_VALUE_INVALID) out.new_gid.emplace(g, n);
  }
  Face sub(hb_subset_plan_execute_or_fail(plan.get()));
  if (!sub) throw SubsetError("hb-subset failed on " + file);
  Blob blob(hb_face_reference_blob(sub.get()));
  unsigned len = 0;
  const char* data = hb_blob_get_data(blob.get(), &len);
  out.bytes.assign(data ? data : "", data ? len : 0);
  if (out.bytes.empty()) throw SubsetError("hb-subset gave an empty font for " + file);
  out.glyf = has_table(sub.get(), HB_TAG('g', 'l', 'y', 'f'));
  out.cff = has_table(sub.get(), HB_TAG('C', 'F', 'F', ' '));
  return out;
}

}  // namespace lh::fonts
