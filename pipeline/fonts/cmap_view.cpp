// The cmap view (cmap_view.h). The source's cmap is read once per face (ISO/IEC 14496-22 §5.2.1:
// encoding records, subtable formats 4, 12 and 14) into the mappings HarfBuzz 6.0 reads from it
// (its collect_mapping/collect_unicodes, hb-ot-cmap-table.hh); each cut writes a cmap of the same
// encoding records holding only the mappings it keeps, so that the plan HarfBuzz makes on the view
// and the tables it writes from it are the ones it makes from the whole face:
// - the plan's unicode list comes from the best subtable (find_best_subtable's order: (3,10),
//   (0,4), (3,1), (0,3)); the view's best subtable maps exactly the kept characters, as the
//   source's does;
// - the cmap subsetter keeps the records (0,3), (0,4), (3,1), (3,10) and every format-14 record,
//   filters the plan's list by each subtable's characters and drops a format 12 that says no more
//   than its format-4 sibling of the same language: the view keeps those records in the same order,
//   each subtable with the kept characters it has in the source, and the format-14 subtables whole;
// - every other table is the source's blob; HarfBuzz lists a view's tables by asking for each one
//   it knows (hb-subset.cc known_tables), which covers every table it subsets, and drops the others
//   (unknown tables are dropped from a whole face too, without HB_SUBSET_FLAGS_PASSTHROUGH_UNRECOGNIZED).
// Anything the view could not reproduce exactly (a symbol cmap, records out of order, a subtable
// that HarfBuzz would read differently from how it is written here) makes the face unusable for
// views, and its cuts are planned on the whole face as before.
#include "fonts/cmap_view.h"

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace lh::fonts::detail {
namespace {

constexpr hb_tag_t kCmap = HB_TAG('c', 'm', 'a', 'p');

using Mapping = std::vector<std::pair<uint32_t, uint32_t>>;  // character → glyph, sorted, unique

struct Reader {  // big-endian reads that never leave the table
  const uint8_t* p = nullptr;
  size_t n = 0;
  bool ok = true;
  uint32_t u16(size_t at) {
    if (at + 2 > n) return ok = false, 0;
    return uint32_t(p[at]) << 8 | p[at + 1];
  }
  uint32_t u32(size_t at) {
    if (at + 4 > n) return ok = false, 0;
    return uint32_t(p[at]) << 24 | uint32_t(p[at + 1]) << 16 | uint32_t(p[at + 2]) << 8 | p[at + 3];
  }
};

struct Subtable {
  uint32_t format = 0, language = 0;
  Mapping map;      // formats 4 and 12
  std::string raw;  // format 14, copied whole
};
struct Record {
  uint16_t platform = 0, encoding = 0;
  size_t subtable = 0;
};
struct Index {
  bool usable = false;
  std::vector<Record> records;  // the records HarfBuzz's plan and cmap subsetter read, source order
  std::vector<Subtable> subtables;
  size_t best = 0;
  // The best subtable's characters by glyph: those of glyph g are chars[first[g] .. first[g + 1]).
  std::vector<uint32_t> first, chars;
};

// Format 4 as HarfBuzz's collect_mapping reads it (a glyphIdArray entry without idDelta, the
// 0xFFFF sentinel skipped, glyph 0 unmapped). Segments must be in order and apart.
bool read_format4(Reader t, Subtable& s) {
  const uint32_t length = t.u16(2), seg_count_x2 = t.u16(6), seg_count = seg_count_x2 / 2;
  s.language = t.u16(4);
  if (!t.ok || length > t.n || seg_count_x2 % 2 || 16 + 4 * seg_count_x2 > length) return false;
  const size_t ends = 14, starts = ends + 2 * seg_count + 2, deltas = starts + 2 * seg_count,
               ranges = deltas + 2 * seg_count, glyph_ids = ranges + 2 * seg_count;
  const uint32_t glyph_id_count = (length - 16 - 8 * seg_count) / 2;
  uint32_t count = seg_count;
  if (count && t.u16(starts + 2 * (count - 1)) == 0xFFFF) --count;
  uint32_t previous_end = 0;
  for (uint32_t i = 0; i < count && t.ok; ++i) {
    const uint32_t start = t.u16(starts + 2 * i), end = t.u16(ends + 2 * i);
    const uint32_t delta = t.u16(deltas + 2 * i), range = t.u16(ranges + 2 * i);
    if (start > end || (i > 0 && start <= previous_end)) return false;
    previous_end = end;
    for (uint32_t cp = start; cp <= end; ++cp) {
      uint32_t gid = 0;
      if (range == 0) {
        gid = (cp + delta) & 0xFFFF;
      } else {
        const uint32_t at = range / 2 + (cp - start) + i - seg_count;  // as HarfBuzz computes it
        if (at >= glyph_id_count) break;
        gid = t.u16(glyph_ids + 2 * size_t(at));
      }
      if (gid) s.map.emplace_back(cp, gid);
    }
  }
  return t.ok;
}

// Format 12 groups, in order and apart, within Unicode (a group starting on glyph 0 loses its
// first character, as HarfBuzz reads it).
bool read_format12(Reader t, Subtable& s) {
  const uint32_t length = t.u32(4), groups = t.u32(12);
  s.language = t.u32(8);
  if (!t.ok || length > t.n || length < 16 || groups > (length - 16) / 12) return false;
  uint32_t previous_end = 0;
  for (uint32_t i = 0; i < groups; ++i) {
    const uint32_t start = t.u32(16 + 12 * size_t(i)), end = t.u32(20 + 12 * size_t(i)), gid = t.u32(24 + 12 * size_t(i));
    if (start > end || end > 0x10FFFF || (i > 0 && start <= previous_end) || uint64_t(gid) + (end - start) > 0xFFFF) return false;
    previous_end = end;  // (glyph ids past 16 bits: not an OpenType font's, and not indexed here)
    for (uint32_t cp = start; cp <= end; ++cp)
      if (gid + (cp - start)) s.map.emplace_back(cp, gid + (cp - start));
  }
  return t.ok;
}

// Format 14 copied whole: its offsets are from its own start, so every range and mapping list
// must lie inside its length (else HarfBuzz would read the copy differently from the source).
bool read_format14(Reader t, Subtable& s) {
  const uint32_t length = t.u32(2), records = t.u32(6);
  if (!t.ok || length > t.n || length < 10 || records > (length - 10) / 11) return false;
  for (uint32_t i = 0; i < records; ++i) {
    const size_t at = 10 + 11 * size_t(i);
    const uint32_t defaults = t.u32(at + 3), others = t.u32(at + 7);
    if (defaults && (defaults + 4 > length || t.u32(defaults) > (length - defaults - 4) / 4)) return false;
    if (others && (others + 4 > length || t.u32(others) > (length - others - 4) / 5)) return false;
  }
  s.raw.assign(reinterpret_cast<const char*>(t.p), length);
  return t.ok;
}

bool read_subtable(Reader cmap, uint32_t offset, Subtable& s) {
  if (offset >= cmap.n) return false;
  Reader t{cmap.p + offset, cmap.n - offset};
  s.format = t.u16(0);
  switch (s.format) {
    case 4: return read_format4(t, s);
    case 12: return read_format12(t, s);
    case 14: return read_format14(t, s);
    default: return false;
  }
}

bool unicode_record(uint32_t platform, uint32_t encoding) {
  return (platform == 0 && (encoding == 3 || encoding == 4)) || (platform == 3 && (encoding == 1 || encoding == 10));
}

Index read_index(hb_face_t* face) {
  Index ix;
  hb_blob_t* blob = hb_face_reference_table(face, kCmap);
  unsigned len = 0;
  const char* data = hb_blob_get_data(blob, &len);
  Reader cmap{reinterpret_cast<const uint8_t*>(data), data ? len : 0u};
  const uint32_t count = cmap.u16(2);
  std::map<uint32_t, size_t> by_offset;
  std::vector<std::pair<uint32_t, uint32_t>> all;  // every record's (platform, encoding)
  bool ok = cmap.ok && cmap.u16(0) == 0;  // HarfBuzz reads a cmap of another version as empty
  for (uint32_t i = 0; i < count && ok; ++i) {
    const uint32_t platform = cmap.u16(4 + 8 * size_t(i)), encoding = cmap.u16(6 + 8 * size_t(i));
    const uint32_t offset = cmap.u32(8 + 8 * size_t(i));
    ok = cmap.ok && (all.empty() || all.back() < std::make_pair(platform, encoding));  // bsearch finds them
    all.emplace_back(platform, encoding);
    if (!ok) break;
    const uint32_t format = offset + 2 <= cmap.n ? cmap.u16(offset) : 0;
    if (!unicode_record(platform, encoding) && format != 14) continue;  // never read for a cut
    auto [it, fresh] = by_offset.try_emplace(offset, ix.subtables.size());
    if (fresh) {
      ix.subtables.emplace_back();
      ok = read_subtable(cmap, offset, ix.subtables.back());
      ix.subtables.back().map.shrink_to_fit();  // kept for the process: no doubling slack
    }
    ok = ok && (format == 14 || format == 4 || format == 12);
    ix.records.push_back({uint16_t(platform), uint16_t(encoding), it->second});
  }
  hb_blob_destroy(blob);
  // find_best_subtable's order; a symbol (3,0) or (0,6) subtable would win and is not kept here.
  auto has = [&](uint32_t p, uint32_t e) { return std::count(all.begin(), all.end(), std::make_pair(p, e)) > 0; };
  if (!ok || has(3, 0) || (!has(3, 10) && has(0, 6))) return ix;
  const std::pair<uint32_t, uint32_t> order[] = {{3, 10}, {0, 4}, {3, 1}, {0, 3}};
  for (const auto& pe : order) {  // (not a structured binding: clang 14 cannot capture one in a lambda)
    auto r = std::find_if(ix.records.begin(), ix.records.end(),
                          [&](const Record& x) { return x.platform == pe.first && x.encoding == pe.second; });
    if (r == ix.records.end()) continue;
    ix.best = r->subtable;
    ix.usable = ix.subtables[ix.best].format != 14;
    break;
  }
  if (!ix.usable) return ix;
  const Mapping& best = ix.subtables[ix.best].map;  // counted by glyph, then placed (no sort)
  uint32_t glyphs = 0;
  for (const auto& e : best) glyphs = std::max(glyphs, e.second + 1);
  ix.first.assign(size_t(glyphs) + 1, 0);
  for (const auto& e : best) ++ix.first[e.second + 1];
  for (size_t g = 1; g < ix.first.size(); ++g) ix.first[g] += ix.first[g - 1];
  ix.chars.resize(best.size());
  std::vector<uint32_t> next(ix.first.begin(), ix.first.end() - 1);
  for (const auto& [cp, gid] : best) ix.chars[next[gid]++] = cp;
  return ix;
}

const Index& index_of(hb_face_t* face) {
  static std::mutex m;
  static std::map<hb_face_t*, std::unique_ptr<Index>> made;  // source faces live until exit
  std::lock_guard<std::mutex> lock(m);
  auto& slot = made[face];
  if (!slot) slot = std::make_unique<Index>(read_index(face));
  return *slot;
}

void put16(std::string& out, uint32_t v) {
  out.push_back(char(v >> 8 & 0xFF));
  out.push_back(char(v & 0xFF));
}
void put32(std::string& out, uint32_t v) {
  put16(out, v >> 16);
  put16(out, v & 0xFFFF);
}

// A format 4 of `map` (BMP, no 0xFFFF): runs of one glyph delta, then the sentinel.
bool write_format4(const Mapping& map, uint32_t language, std::string& out) {
  struct Seg {
    uint32_t start, end, delta;
  };
  std::vector<Seg> segs;
  for (const auto& [cp, gid] : map) {
    if (cp >= 0xFFFF) return false;
    const uint32_t delta = (gid - cp) & 0xFFFF;
    if (!segs.empty() && segs.back().end + 1 == cp && segs.back().delta == delta)
      segs.back().end = cp;
    else
      segs.push_back({cp, cp, delta});
  }
  segs.push_back({0xFFFF, 0xFFFF, 1});
  const size_t n = segs.size(), length = 16 + 8 * n;
  if (length > 0xFFFF) return false;
  uint32_t range = 1, selector = 0;
  while (range * 2 <= n) range *= 2, ++selector;
  put16(out, 4), put16(out, uint32_t(length)), put16(out, language), put16(out, uint32_t(2 * n));
  put16(out, 2 * range), put16(out, selector), put16(out, uint32_t(2 * n - 2 * range));
  for (const Seg& s : segs) put16(out, s.end);
  put16(out, 0);
  for (const Seg& s : segs) put16(out, s.start);
  for (const Seg& s : segs) put16(out, s.delta);
  for (size_t i = 0; i < n; ++i) put16(out, 0);
  return true;
}

void write_format12(const Mapping& map, uint32_t language, std::string& out) {
  std::vector<std::array<uint32_t, 3>> groups;
  for (const auto& [cp, gid] : map) {
    if (!groups.empty() && groups.back()[1] + 1 == cp && groups.back()[2] + (cp - groups.back()[0]) == gid)
      groups.back()[1] = cp;
    else
      groups.push_back({cp, cp, gid});
  }
  put16(out, 12), put16(out, 0), put32(out, uint32_t(16 + 12 * groups.size())), put32(out, language);
  put32(out, uint32_t(groups.size()));
  for (const auto& g : groups) put32(out, g[0]), put32(out, g[1]), put32(out, g[2]);
}

// The characters the cut keeps: those asked for and those of the glyphs asked for, as the best
// subtable maps them (HarfBuzz keeps no others), sorted.
std::vector<uint32_t> kept_characters(const Index& ix, const std::set<uint32_t>& glyphs, const std::set<uint32_t>& unicodes) {
  std::vector<uint32_t> out;
  const Mapping& best = ix.subtables[ix.best].map;
  for (uint32_t u : unicodes) {
    auto it = std::lower_bound(best.begin(), best.end(), std::make_pair(u, 0u));
    if (it != best.end() && it->first == u) out.push_back(u);
  }
  for (uint32_t g : glyphs)
    if (g + 1 < ix.first.size())
      out.insert(out.end(), ix.chars.begin() + ix.first[g], ix.chars.begin() + ix.first[g + 1]);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The reduced cmap: the same records in the same order, each subtable cut to `kept`.
bool write_cmap(const Index& ix, const std::vector<uint32_t>& kept, std::string& out) {
  std::vector<std::string> bodies(ix.subtables.size());
  for (size_t i = 0; i < ix.subtables.size(); ++i) {
    const Subtable& s = ix.subtables[i];
    if (s.format == 14) {
      bodies[i] = s.raw;
      continue;
    }
    Mapping map;  // the kept characters this subtable maps (a lookup per kept character, not per mapping)
    for (uint32_t cp : kept) {
      auto it = std::lower_bound(s.map.begin(), s.map.end(), std::make_pair(cp, 0u));
      if (it != s.map.end() && it->first == cp) map.push_back(*it);
    }
    if (s.format == 12)
      write_format12(map, s.language, bodies[i]);
    else if (!write_format4(map, s.language, bodies[i]))
      return false;
  }
  std::vector<uint32_t> offsets(bodies.size());
  uint32_t at = uint32_t(4 + 8 * ix.records.size());
  for (size_t i = 0; i < bodies.size(); ++i) offsets[i] = at, at += uint32_t(bodies[i].size());
  put16(out, 0), put16(out, uint32_t(ix.records.size()));
  for (const Record& r : ix.records) put16(out, r.platform), put16(out, r.encoding), put32(out, offsets[r.subtable]);
  for (const std::string& b : bodies) out += b;
  return true;
}

struct View {
  hb_face_t* source;
  hb_blob_t* cmap;
};

hb_blob_t* view_table(hb_face_t*, hb_tag_t tag, void* user) {
  auto* v = static_cast<View*>(user);
  return tag == kCmap ? hb_blob_reference(v->cmap) : hb_face_reference_table(v->source, tag);
}

void drop_view(void* user) {
  auto* v = static_cast<View*>(user);
  hb_blob_destroy(v->cmap);
  hb_face_destroy(v->source);
  delete v;
}

}  // namespace

hb_face_t* cmap_view(hb_face_t* source, const std::set<uint32_t>& glyphs, const std::set<uint32_t>& unicodes) {
  const Index& ix = index_of(source);
  if (!ix.usable) return nullptr;
  const std::vector<uint32_t> kept = kept_characters(ix, glyphs, unicodes);
  if (kept.size() * 2 > ix.subtables[ix.best].map.size()) return nullptr;  // not worth a view
  auto bytes = std::make_unique<std::string>();
  if (!write_cmap(ix, kept, *bytes)) return nullptr;
  std::string* raw = bytes.release();
  hb_blob_t* cmap = hb_blob_create(raw->data(), unsigned(raw->size()), HB_MEMORY_MODE_READONLY, raw,
                                   [](void* p) { delete static_cast<std::string*>(p); });
  hb_face_t* view = hb_face_create_for_tables(view_table, new View{hb_face_reference(source), cmap}, drop_view);
  hb_face_set_upem(view, hb_face_get_upem(source));
  hb_face_set_glyph_count(view, hb_face_get_glyph_count(source));
  hb_face_make_immutable(view);
  return view;
}

}  // namespace lh::fonts::detail
