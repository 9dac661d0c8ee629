// Runs → a pango layout. Pango does the shaping, the line breaking (WRAP_WORD keeps the kinsoku
// rules: no line starts with ，。、）》 etc.; libraries.md §1) and the justification.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <unordered_map>

#include <pango/pangocairo.h>

#include "layout/internal.h"

namespace lh::layout {

LayoutPtr adopt_layout(PangoLayout* l) {
  return LayoutPtr(l, [](PangoLayout* p) {
    if (p) g_object_unref(p);
  });
}

ShapedRuns::~ShapedRuns() {
  for (PangoGlyphItem& r : runs) {
    if (r.item) pango_item_free(r.item);
    if (r.glyphs) pango_glyph_string_free(r.glyphs);
  }
}

std::vector<PangoGlyphItem*> line_runs(const GlyphLine& g) {
  std::vector<PangoGlyphItem*> out;
  if (g.shaped) {
    for (PangoGlyphItem& r : g.shaped->runs) out.push_back(&r);
  } else if (PangoLayoutLine* line = g.layout ? pango_layout_get_line_readonly(g.layout.get(), g.line) : nullptr) {
    for (GSList* l = line->runs; l; l = l->next)
      if (auto* r = static_cast<PangoGlyphItem*>(l->data); r && r->item && r->glyphs) out.push_back(r);
  }
  return out;
}

uint32_t run_rgb(const PangoGlyphItem* run) {
  for (GSList* l = run && run->item ? run->item->analysis.extra_attrs : nullptr; l; l = l->next) {
    const auto* a = static_cast<const PangoAttribute*>(l->data);
    if (a->klass->type != PANGO_ATTR_FOREGROUND) continue;
    const PangoColor& c = reinterpret_cast<const PangoAttrColor*>(a)->color;
    return (static_cast<uint32_t>(c.red >> 8) << 16) | (static_cast<uint32_t>(c.green >> 8) << 8) | (c.blue >> 8);
  }
  return 0;
}

const char* line_text(const GlyphLine& g) {
  if (g.shaped) return g.shaped->text.c_str();
  return g.layout ? pango_layout_get_text(g.layout.get()) : "";
}

namespace detail {

// GB/T 15834-2011 §5.1: 句号、逗号、顿号、分号、冒号、问号、叹号 never start a line; of quotation marks,
// brackets and book-title marks the closing half never starts a line, the opening half never ends one.
size_t closing_mark_at(const std::string& t, size_t i) {
  static const char* const marks[] = {"，", "。", "、", "；", "：", "？", "！", "）", "》", "」", "』", "〕", "】", "”", "’"};
  for (const char* m : marks) {
    const size_t n = std::strlen(m);
    if (i < t.size() && t.compare(i, n, m) == 0) return n;
  }
  return 0;
}
size_t opening_mark_at_end(const std::string& t) {
  static const char* const marks[] = {"（", "《", "「", "『", "〔", "【", "“", "‘"};
  for (const char* m : marks) {
    const size_t n = std::strlen(m);
    if (t.size() >= n && t.compare(t.size() - n, n, m) == 0) return n;
  }
  return 0;
}

namespace {

PangoAlignment pango_align(model::Align a) {
  switch (a) {
    case model::Align::Center: return PANGO_ALIGN_CENTER;
    case model::Align::End: return PANGO_ALIGN_RIGHT;
    default: return PANGO_ALIGN_LEFT;
  }
}

void add_attr(PangoAttrList* list, PangoAttribute* a, size_t start, size_t end) {
  a->start_index = static_cast<guint>(start);
  a->end_index = static_cast<guint>(end);
  pango_attr_list_insert(list, a);
}

void color_attr(PangoAttrList* list, uint32_t rgb, size_t start, size_t end) {
  if (rgb == 0) return;  // black is the default source colour
  auto c = [](uint32_t v) { return static_cast<guint16>(v * 257); };
  add_attr(list, pango_attr_foreground_new(c((rgb >> 16) & 0xff), c((rgb >> 8) & 0xff), c(rgb & 0xff)), start, end);
}

// Tabs and newlines inside a run: a newline is a forced line break (pango handles \n as a
// paragraph separator inside one layout); a tab becomes a space (no tab stops in body text).
// A space between a code and a number ("GB/T 9704-2012", "DB5115/T 75-2021", "第 3 条") becomes a
// narrow no-break space so the reference is never split over two lines (and a justified line does
// not pour all its slack into that one space: pango stretches only U+0020 and U+00A0).
std::string clean(const std::string& s) {
  std::string o;
  o.reserve(s.size());
  auto code_char = [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '.';
  };
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\t') o += ' ';
    else if (c == '\r') continue;
    else if (c == ' ' && i > 0 && i + 1 < s.size() && code_char(s[i - 1]) && s[i + 1] >= '0' && s[i + 1] <= '9')
      o += "\u202F";  // NARROW NO-BREAK SPACE: no break, and not stretched by justification
    else o += c;
  }
  return o;
}

// U+3400–U+9FFF and U+F900–U+FAFF (ideographs) at byte i; *next = the byte after it.
bool is_cjk_at(const std::string& t, int i, int* next) {
  if (i < 0 || i + 3 > static_cast<int>(t.size())) return false;
  const unsigned char c = t[i];
  if ((c & 0xF0) != 0xE0) return false;
  const uint32_t cp = ((c & 0x0F) << 12) | ((t[i + 1] & 0x3F) << 6) | (t[i + 2] & 0x3F);
  *next = i + 3;
  return (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF);
}

bool is_closing_mark_at(const std::string& t, int i, int* next) {
  const size_t n = closing_mark_at(t, static_cast<size_t>(i));
  if (n == 0) return false;
  *next = i + static_cast<int>(n);
  return true;
}

// A line that is one ideograph alone, closing marks and spaces after it allowed (孤字, ShapeSpec).
bool is_lone_char(const std::string& line) {
  int end = static_cast<int>(line.size()), k = 0;
  while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\n')) --end;
  int at = 0;
  if (!is_cjk_at(line, 0, &at)) return false;
  while (at < end && is_closing_mark_at(line, at, &k)) at = k;
  return at == end;
}

// Where the line text[from, to) may give its last ideograph to the next line: before that
// ideograph, unless an opening mark would then end the line (GB/T 15834-2011 §5.1); -1: nowhere.
int give_last_char_from(const std::string& text, int from, int to) {
  int last = -1;
  for (int i = from, next = 0; i < to; i = next) {
    if (is_cjk_at(text, i, &next)) {
      if (i > from && opening_mark_at_end(text.substr(static_cast<size_t>(from), static_cast<size_t>(i - from))) == 0) last = i;
      continue;
    }
    next = i + 1;
    while (next < to && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
  }
  return last;
}

template <class T>
void put(std::string& k, const T& v) {
  k.append(reinterpret_cast<const char*>(&v), sizeof v);
}
void put_str(std::string& k, const std::string& v) {
  put(k, v.size());
  k += v;
}

// Everything shape() reads, as bytes.
std::string shape_key(const FontSet& fonts, const std::vector<model::Run>& runs, const ShapeSpec& spec) {
  std::string k;
  k.reserve(128);
  const ParagraphStyle& ps = *spec.style;
  put(k, fonts.context());
  put(k, ps.font.role);
  put(k, ps.font.size_pt);
  put(k, ps.font.bold);
  put(k, ps.color_rgb);
  put(k, spec.width_pt);
  put(k, spec.letter_spacing_pt);
  put(k, spec.indent_pt);
  put(k, spec.align);
  put(k, spec.wrap);
  put(k, spec.wrap_chars);
  put(k, spec.hang);
  put(k, spec.no_lone_last_char);
  put_str(k, spec.marker);
  put(k, runs.size());
  for (const model::Run& r : runs) {
    put_str(k, r.text);
    put(k, r.role.has_value());
    put(k, r.role.value_or(model::FontRole::Body));
    put(k, r.size_pt);
    put(k, r.bold);
    put(k, r.italic);
    put(k, r.underline);
    put(k, r.color_rgb);
    put_str(k, r.link);
    put(k, r.keep_together);
  }
  return k;
}

// A stretch of the paragraph's text and the attributes shape_uncached gave it.
struct Segment {
  size_t start = 0, end = 0;
  model::FontRole role = model::FontRole::Body;
  double size_pt = 0;
  bool bold = false, italic = false, underline = false;
  uint32_t color_rgb = 0;
};

// Everything the natural width of text[from, to) depends on: the text, the attributes over it
// (offsets from `from`), the base font, the letter spacing and the alignment.
std::string width_key(const FontSet& fonts, const ShapeSpec& spec, const std::vector<Segment>& segments,
                      const std::string& text, int from, int to) {
  std::string k;
  const ParagraphStyle& ps = *spec.style;
  put(k, fonts.context());
  put(k, ps.font.role);
  put(k, ps.font.size_pt);
  put(k, ps.font.bold);
  put(k, spec.letter_spacing_pt);
  put(k, spec.align);
  const auto f = static_cast<size_t>(from), t = static_cast<size_t>(to);
  for (const Segment& g : segments) {
    if (g.end <= f || g.start >= t) continue;
    put(k, std::max(g.start, f) - f);
    put(k, std::min(g.end, t) - f);
    put(k, g.role);
    put(k, g.size_pt);
    put(k, g.bold);
    put(k, g.italic);
    put(k, g.underline);
    put(k, g.color_rgb);
  }
  put_str(k, text.substr(f, t - f));
  return k;
}

Shaped shape_uncached(const FontSet& fonts, const std::vector<model::Run>& runs, const ShapeSpec& spec);

}  // namespace

struct ShapeCacheScope::Impl {
  std::unordered_map<std::string, Shaped> shaped;
  // Natural widths of the closing marks a hanging line pushes into the margin (width_key): the
  // same "，" or "。」" in the same font recurs hundreds of times in a book.
  std::unordered_map<std::string, double> mark_widths;
  // Images by content (media type, size and an FNV-1a hash of the bytes; equal bytes confirmed):
  // an emblem placed on 200 signs is one shared image, not 200 copies of its bytes.
  std::unordered_map<std::string, std::vector<std::shared_ptr<const model::Image>>> images;
};
namespace {
thread_local ShapeCacheScope::Impl* tl_shape_cache = nullptr;

bool same_image(const model::Image& a, const model::Image& b) {
  return a.media_type == b.media_type && a.width_px == b.width_px && a.height_px == b.height_px &&
         a.width_mm == b.width_mm && a.height_mm == b.height_mm && a.description == b.description &&
         a.bytes == b.bytes &&
         (a.fallback_png == b.fallback_png || (a.fallback_png && b.fallback_png && *a.fallback_png == *b.fallback_png));
}
}  // namespace
// A nested scope (lay_out inside a caller's ShapeCache) shares the outer cache.
ShapeCacheScope::ShapeCacheScope() : impl_(tl_shape_cache ? nullptr : new Impl), outer_(tl_shape_cache) {
  if (impl_) tl_shape_cache = impl_;
}
ShapeCacheScope::~ShapeCacheScope() {
  if (!impl_) return;
  tl_shape_cache = outer_;
  delete impl_;
}

std::shared_ptr<const model::Image> shared_image(const model::Image& img) {
  ShapeCacheScope::Impl* cache = tl_shape_cache;
  if (!cache) return std::make_shared<model::Image>(img);
  uint64_t h = 1469598103934665603ull;  // FNV-1a 64
  for (unsigned char c : img.bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  std::string key = img.media_type;
  put(key, h);
  put(key, img.bytes.size());
  auto& same_hash = cache->images[key];
  for (const auto& known : same_hash)
    if (same_image(*known, img)) return known;
  same_hash.push_back(std::make_shared<model::Image>(img));
  return same_hash.back();
}

Shaped shape(const FontSet& fonts, const std::vector<model::Run>& runs, const ShapeSpec& spec) {
  ShapeCacheScope::Impl* cache = tl_shape_cache;
  if (!cache) return shape_uncached(fonts, runs, spec);
  std::string key = shape_key(fonts, runs, spec);
  if (auto it = cache->shaped.find(key); it != cache->shaped.end()) return it->second;
  Shaped s = shape_uncached(fonts, runs, spec);
  cache->shaped.emplace(std::move(key), s);
  return s;
}

namespace {
// The paragraph as one text with its pango attributes (marker, runs, letter spacing), and the
// layouts of stretches of it that the line-breaking steps below try: pango breaks the whole text,
// a hung or re-broken line is a layout of its own.
class ParagraphText {
 public:
  // The runs' links and the largest size in the paragraph go to `out`.
  ParagraphText(const FontSet& fonts, const std::vector<model::Run>& runs, const ShapeSpec& spec, Shaped& out);
  ~ParagraphText() {
    pango_font_description_free(base_font_);
    pango_attr_list_unref(attrs_);
  }
  ParagraphText(const ParagraphText&) = delete;
  ParagraphText& operator=(const ParagraphText&) = delete;

  const std::string& text() const { return text_; }
  int len() const { return len_; }
  LayoutPtr make(int from, int to, double width, bool first_indent, bool justify_last) const;
  std::vector<LineInfo> lines_of(const LayoutPtr& layout, int offset) const;  // layout's text starts at offset
  double natural_width(int from, int to) const;  // text[from, to) on one line
  double marks_width(int from, int to) const;    // natural_width, kept in the ShapeCacheScope

 private:
  const FontSet& fonts_;
  const ShapeSpec& spec_;
  std::string text_;
  PangoAttrList* attrs_ = pango_attr_list_new();
  std::vector<Segment> segments_;  // what the attributes say, for width_key
  int len_ = 0;
  PangoFontDescription* base_font_ = nullptr;
  ShapeCacheScope::Impl* cache_ = tl_shape_cache;
};

ParagraphText::ParagraphText(const FontSet& fonts, const std::vector<model::Run>& runs, const ShapeSpec& spec,
                             Shaped& out)
    : fonts_(fonts), spec_(spec) {
  const ParagraphStyle& ps = *spec.style;
  std::string& text = text_;
  PangoAttrList* attrs = attrs_;
  double max_size = ps.font.size_pt;
  if (!spec.marker.empty()) {
    size_t s = text.size();
    text += spec.marker;
    fonts.add_font_attrs(attrs, text, s, text.size(), ps.font.role, ps.font.size_pt, ps.font.bold, false);
    color_attr(attrs, ps.color_rgb, s, text.size());
    segments_.push_back({s, text.size(), ps.font.role, ps.font.size_pt, ps.font.bold, false, false, ps.color_rgb});
  }
  for (const model::Run& r : runs) {
    if (r.text.empty()) continue;
    size_t s = text.size();
    text += clean(r.text);
    size_t e = text.size();
    const double size = r.size_pt > 0 ? r.size_pt : ps.font.size_pt;
    max_size = std::max(max_size, size);
    fonts.add_font_attrs(attrs, text, s, e, r.role.value_or(ps.font.role), size, r.bold || ps.font.bold, r.italic);
    color_attr(attrs, r.color_rgb ? r.color_rgb : ps.color_rgb, s, e);
    segments_.push_back({s, e, r.role.value_or(ps.font.role), size, r.bold || ps.font.bold, r.italic, r.underline,
                         r.color_rgb ? r.color_rgb : ps.color_rgb});
    if (r.underline) add_attr(attrs, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE), s, e);
    // pango (≥ 1.44) then allows neither a line nor a character break inside [s, e): a run too
    // long for the measure stays one over-wide line, which the fitting refuses.
    if (r.keep_together) add_attr(attrs, pango_attr_allow_breaks_new(FALSE), s, e);
    if (!r.link.empty()) {
      LinkSpan l{static_cast<int>(s), static_cast<int>(e), "", ""};
      if (r.link[0] == '#') l.dest = r.link.substr(1);
      else l.uri = r.link;
      out.links.push_back(std::move(l));
    }
  }
  if (spec.letter_spacing_pt != 0)
    add_attr(attrs, pango_attr_letter_spacing_new(static_cast<int>(std::lround(spec.letter_spacing_pt * PANGO_SCALE))),
             0, text.size());

  out.size_pt = max_size;
  len_ = static_cast<int>(text.size());
  base_font_ = fonts.describe(ps.font.role, ps.font.size_pt, ps.font.bold);
}

// A layout of text[from, to).
LayoutPtr ParagraphText::make(int from, int to, double width, bool first_indent, bool justify_last) const {
  PangoLayout* layout = pango_layout_new(fonts_.context());
  pango_layout_set_font_description(layout, base_font_);  // keeps an empty paragraph's height
  pango_layout_set_text(layout, text_.data() + from, to - from);
  PangoAttrList* a = attrs_;
  if (from > 0 || to < len_) {
    a = pango_attr_list_copy(attrs_);
    if (to < len_) pango_attr_list_update(a, to, len_ - to, 0);
    if (from > 0) pango_attr_list_update(a, 0, from, 0);
  }
  pango_layout_set_attributes(layout, a);
  if (a != attrs_) pango_attr_list_unref(a);
  if (spec_.wrap) {
    pango_layout_set_width(layout, static_cast<int>(std::lround(width * PANGO_SCALE)));
    pango_layout_set_wrap(layout, spec_.wrap_chars ? PANGO_WRAP_WORD_CHAR : PANGO_WRAP_WORD);
  } else {
    pango_layout_set_width(layout, -1);
  }
  pango_layout_set_alignment(layout, pango_align(spec_.align));
  pango_layout_set_justify(layout, spec_.align == model::Align::Justify);
  if (justify_last) pango_layout_set_justify_last_line(layout, TRUE);
  if (first_indent && spec_.indent_pt != 0)
    pango_layout_set_indent(layout, static_cast<int>(std::lround(spec_.indent_pt * PANGO_SCALE)));
  return adopt_layout(layout);
}

std::vector<LineInfo> ParagraphText::lines_of(const LayoutPtr& layout, int offset) const {
  std::vector<LineInfo> v;
  PangoLayoutIter* it = pango_layout_get_iter(layout.get());
  int index = 0;
  do {
    PangoLayoutLine* line = pango_layout_iter_get_line_readonly(it);
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(it, nullptr, &logical);
    LineInfo li;
    li.layout = layout;
    li.offset = offset;
    li.index = index++;
    li.x = static_cast<double>(logical.x) / PANGO_SCALE;
    li.width = static_cast<double>(logical.width) / PANGO_SCALE;
    li.baseline = static_cast<double>(pango_layout_iter_get_baseline(it)) / PANGO_SCALE;
    if (line->length > 0) li.text.assign(text_, offset + line->start_index, line->length);
    v.push_back(std::move(li));
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
  return v;
}

double ParagraphText::natural_width(int from, int to) const {
  LayoutPtr l = make(from, to, 0, false, false);
  pango_layout_set_width(l.get(), -1);
  PangoRectangle r;
  pango_layout_get_extents(l.get(), nullptr, &r);
  return static_cast<double>(r.width) / PANGO_SCALE;
}

double ParagraphText::marks_width(int from, int to) const {
  if (!cache_) return natural_width(from, to);
  std::string key = width_key(fonts_, spec_, segments_, text_, from, to);
  if (auto it = cache_->mark_widths.find(key); it != cache_->mark_widths.end()) return it->second;
  const double w = natural_width(from, to);
  cache_->mark_widths.emplace(std::move(key), w);
  return w;
}

// A line pango ended before an ideograph that closing marks follow (the marks may not start a line,
// so the ideograph went down with them), kept whole by hanging the marks into the margin (hang).
struct HungLine {
  int from = -1, to = -1;  // the line's text with the ideograph and its marks; from < 0: none
  size_t line = 0;         // which line of the layout it is
  double marks = 0;        // the marks' natural width: the room beyond the 版心
};

// The first line of `layout` (text from `pos`) that hanging its marks keeps whole, if any.
HungLine line_to_hang(const ParagraphText& p, const ShapeSpec& spec, const LayoutPtr& layout, size_t nlines, int pos,
                      bool first, double size_pt) {
  const std::string& text = p.text();
  const int len = p.len();
  HungLine h;
  for (size_t j = 0; j + 1 < nlines; ++j) {
    PangoLayoutLine* next = pango_layout_get_line_readonly(layout.get(), static_cast<int>(j + 1));
    const int x_at = pos + next->start_index;  // the character pushed down
    int after = 0;
    if (!is_cjk_at(text, x_at, &after)) continue;
    int end = after, k = 0;
    while (end < len && is_closing_mark_at(text, end, &k)) end = k;  // the marks after it
    if (end == after) continue;
    PangoLayoutLine* cur = pango_layout_get_line_readonly(layout.get(), static_cast<int>(j));
    const int from = pos + cur->start_index;
    const double indent = (first && j == 0) ? spec.indent_pt : 0;
    const double marks = p.marks_width(after, end);
    if (marks > 1.6 * size_pt) continue;  // hang at most about one mark
    if (indent + p.natural_width(from, end) - marks > spec.width_pt + 0.01) continue;  // would not fit
    h.from = from;
    h.to = end;
    h.line = j;
    h.marks = marks;
    break;
  }
  return h;
}

// Pango's line breaks, except that a line which can keep its ideograph by hanging closing marks is
// laid out on its own and the text after it broken again from there.
void break_lines(const ParagraphText& p, const ShapeSpec& spec, Shaped& out) {
  const int len = p.len();
  int pos = 0;
  bool first = true;
  for (int guard = 0; guard < 10000; ++guard) {
    LayoutPtr layout = p.make(pos, len, spec.width_pt, first, false);
    if (!out.layout) out.layout = layout;
    std::vector<LineInfo> lines = p.lines_of(layout, pos);
    HungLine forced;
    if (spec.hang && spec.wrap) forced = line_to_hang(p, spec, layout, lines.size(), pos, first, out.size_pt);
    if (forced.from < 0) {
      for (auto& li : lines) out.lines.push_back(std::move(li));
      break;
    }
    for (size_t j = 0; j < forced.line; ++j) out.lines.push_back(std::move(lines[j]));
    const bool indent_here = first && forced.line == 0;
    // The line is justified to the 版心 width; the marks take the room beyond it.
    LayoutPtr hung = p.make(forced.from, forced.to, spec.width_pt + forced.marks, indent_here, true);
    std::vector<LineInfo> hl = p.lines_of(hung, forced.from);
    if (hl.size() != 1) {  // did not stay on one line after all: keep pango's break
      for (size_t j = forced.line; j < lines.size(); ++j) out.lines.push_back(std::move(lines[j]));
      break;
    }
    out.lines.push_back(std::move(hl[0]));
    pos = forced.to;
    first = false;
    if (pos >= len) break;
  }
}

// 孤字不成行 (ShapeSpec::no_lone_last_char): the line before gives its last ideograph, and is
// justified to the full width again where the paragraph is justified.
void avoid_lone_last_char(const ParagraphText& p, const ShapeSpec& spec, Shaped& out) {
  if (!(spec.no_lone_last_char && spec.wrap && out.lines.size() >= 2 && is_lone_char(out.lines.back().text))) return;
  const LineInfo& prev = out.lines[out.lines.size() - 2];
  const LineInfo& last = out.lines.back();
  const PangoLayoutLine* pl = pango_layout_get_line_readonly(prev.layout.get(), prev.index);
  const PangoLayoutLine* ll = pango_layout_get_line_readonly(last.layout.get(), last.index);
  const int from = prev.offset + pl->start_index, to = from + pl->length;
  const int cut = last.offset + ll->start_index == to ? give_last_char_from(p.text(), from, to) : -1;  // not after a forced break
  if (cut > from) {
    const bool first_line = out.lines.size() == 2;
    std::vector<LineInfo> a = p.lines_of(p.make(from, cut, spec.width_pt, first_line, spec.align == model::Align::Justify), from);
    std::vector<LineInfo> b = p.lines_of(p.make(cut, p.len(), spec.width_pt, false, false), cut);
    if (a.size() == 1 && b.size() == 1) {
      out.lines.pop_back();
      out.lines.back() = std::move(a[0]);
      out.lines.push_back(std::move(b[0]));
    }
  }
}

Shaped shape_uncached(const FontSet& fonts, const std::vector<model::Run>& runs, const ShapeSpec& spec) {
  Shaped out;
  const ParagraphText p(fonts, runs, spec, out);
  break_lines(p, spec, out);
  avoid_lone_last_char(p, spec, out);
  return out;
}
}  // namespace

void line_links(const Shaped& s, const LineInfo& li, double left, double baseline, std::vector<Item>& out) {
  if (s.links.empty() || !li.layout) return;
  PangoLayoutLine* line = pango_layout_get_line_readonly(li.layout.get(), li.index);
  if (!line) return;
  // Link spans are in paragraph bytes; the line's layout starts at li.offset.
  const int ls = li.offset + line->start_index, le = ls + line->length;
  for (const LinkSpan& l : s.links) {
    int a = std::max(l.start, ls), b = std::min(l.end, le);
    if (a >= b) continue;
    int* ranges = nullptr;
    int n = 0;
    pango_layout_line_get_x_ranges(line, a - li.offset, b - li.offset, &ranges, &n);
    for (int i = 0; i < n; ++i) {
      LinkItem link;
      link.x = left + static_cast<double>(ranges[2 * i]) / PANGO_SCALE;
      link.w = static_cast<double>(ranges[2 * i + 1] - ranges[2 * i]) / PANGO_SCALE;
      link.y = baseline - kEmAscent * s.size_pt - 1;
      link.h = s.size_pt + 2;
      link.dest = l.dest;
      link.uri = l.uri;
      if (link.w > 0) out.emplace_back(std::move(link));
    }
    g_free(ranges);
  }
}

}  // namespace detail
}  // namespace lh::layout
