// Flowing blocks: paragraphs become grid lines (GB/T 9704-2012 §5.2.3: 22 lines × 28 characters;
// §7.3.3: paragraphs indented two characters, structure numbers 一、（一）1.（1）), images and
// drawings and page breaks; tables and the TOC have their own files.
#include <algorithm>
#include <cmath>

#include "layout/internal.h"

namespace lh::layout::detail {

const ParagraphStyle& style_of(const Style& style, const model::Paragraph& p) {
  if (p.style == "title" || p.style == "Title") return style.title;
  if (p.heading_level >= 1) return style.headings[std::min<size_t>(p.heading_level, style.headings.size()) - 1];
  return style.body;
}

std::vector<model::Run> resolve_refs(const std::vector<model::Run>& runs, const PassInput* pass) {
  static const std::string kRef = "{PAGEREF:";
  std::vector<model::Run> out = runs;
  for (model::Run& r : out) {
    size_t pos = 0;
    while ((pos = r.text.find(kRef, pos)) != std::string::npos) {
      size_t end = r.text.find('}', pos);
      if (end == std::string::npos) break;
      std::string name = r.text.substr(pos + kRef.size(), end - pos - kRef.size());
      std::string num = "?";
      if (pass && pass->page_text_of_dest)
        if (auto it = pass->page_text_of_dest->find(name); it != pass->page_text_of_dest->end())
          num = it->second;
      r.text.replace(pos, end - pos + 1, num);
      pos += num.size();
    }
  }
  return out;
}

namespace {

// The list marker of a paragraph, advancing the counters (same order in the TOC pre-scan).
std::string marker_for(const model::Paragraph& p, FlowState& st) {
  if (p.list == model::ListKind::ChineseLevel) {
    const int level = std::clamp(p.heading_level > 0 ? p.heading_level : p.list_level + 1, 1, 9);
    ++st.list_counters[level];
    for (int l = level + 1; l < 10; ++l) st.list_counters[l] = 0;
    return list_marker(level, st.list_counters[level]);
  }
  if (p.list == model::ListKind::Decimal) {
    const int level = std::clamp(p.list_level, 0, 9);
    ++st.decimal_counters[level];
    for (int l = level + 1; l < 10; ++l) st.decimal_counters[l] = 0;
    return std::to_string(st.decimal_counters[level]) + ".";
  }
  st.decimal_counters.assign(10, 0);
  if (p.list == model::ListKind::Bullet) return "• ";
  return "";
}

// A heading's text on one line, for the TOC and the PDF outline. A line break between two
// non-ASCII characters (a long Chinese title broken by Shift+Enter) is dropped: Chinese has no word
// spaces, and "冷链食品追 溯管理制度" in a 目录 reads as two words (make_book_sources.py seed 3).
std::string one_line(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c != '\n' && c != '\t' && c != '\r') {
      out += c;
      continue;
    }
    const bool cjk_before = !out.empty() && (static_cast<unsigned char>(out.back()) & 0x80);
    size_t next = i + 1;
    while (next < s.size() && (s[next] == '\n' || s[next] == '\r')) ++next;
    const bool cjk_after = next < s.size() && (static_cast<unsigned char>(s[next]) & 0x80);
    if (c == '\t' || !cjk_before || !cjk_after) out += ' ';
    i = c == '\t' ? i : next - 1;
  }
  return out;
}

double grid_height(const Paginator& pg, double size) {
  const double need = size * pg.style().line_height_em;
  return std::max(1.0, std::ceil(need / pg.pitch() - 1e-6)) * pg.pitch();
}

void flow_paragraph(Paginator& pg, const model::Paragraph& p, FlowState& st) {
  const Style& style = pg.style();
  const ParagraphStyle& ps = style_of(style, p);
  const bool is_title = &ps == &style.title;
  std::string marker = marker_for(p, st);

  ShapeSpec spec;
  spec.style = &ps;
  spec.width_pt = pg.width();
  spec.align = p.align.value_or(ps.align);
  spec.marker = marker;
  const bool grid = style.char_grid && std::abs(ps.font.size_pt - style.body.font.size_pt) < 0.01;
  const double char_w = grid ? style.char_pitch_pt() : ps.font.size_pt;
  if (grid) {
    // libraries.md §1: letter spacing (pitch − size) and 1 pt of slack give 28 characters a line.
    spec.letter_spacing_pt = style.char_pitch_pt() - ps.font.size_pt;
    spec.width_pt += 1.0;
    spec.hang = spec.align == model::Align::Justify || spec.align == model::Align::Start;
  }
  const double indent_chars = p.first_line_indent_chars >= 0 ? p.first_line_indent_chars : ps.first_line_indent_chars;
  spec.indent_pt = indent_chars * char_w;
  spec.no_lone_last_char = true;  // 孤字不成行 (internal.h): headings, titles and body text alike
  Shaped shaped = shape(pg.fonts(), resolve_refs(p.runs, st.pass), spec);

  const bool keep = p.keep_with_next || ps.keep_with_next;
  if (ps.space_before_lines > 0) {
    Strip sp;
    sp.height = ps.space_before_lines * pg.pitch();
    sp.keep_with_next = true;
    pg.add(std::move(sp));
  }
  std::vector<std::string> dests;
  if (!p.anchor.empty()) dests.push_back(p.anchor);
  int outline = -1;
  if (p.heading_level >= 1 && !is_title) {
    const std::string dest = p.anchor.empty() ? "lh.h" + std::to_string(st.heading_count) : p.anchor;
    ++st.heading_count;
    if (p.anchor.empty()) dests.push_back(dest);
    OutlineEntry e;
    e.level = p.heading_level;
    e.title = one_line(marker + p.plain_text());
    e.dest = dest;
    outline = static_cast<int>(pg.out().outline.size());
    pg.out().outline.push_back(std::move(e));
  }
  const double h = grid_height(pg, shaped.size_pt);
  const double base = kEmAscent * shaped.size_pt;
  for (size_t i = 0; i < shaped.lines.size(); ++i) {
    const LineInfo& li = shaped.lines[i];
    Strip s;
    s.height = h;
    s.items.emplace_back(GlyphLine{li.layout, li.index, pg.left() + li.x, base, li.text});
    line_links(shaped, li, pg.left(), base, s.items);
    if (i == 0) {
      s.dests = dests;
      s.outline = outline;
    }
    s.keep_with_next = keep || (i + 1 < shaped.lines.size() && shaped.lines.size() <= 2);
    pg.add(std::move(s));
  }
  if (ps.space_after_lines > 0) {
    Strip sp;
    sp.height = ps.space_after_lines * pg.pitch();
    sp.keep_with_next = keep;
    pg.add(std::move(sp));
  }
}

void flow_image(Paginator& pg, const model::Image& img) {
  if (img.bytes.empty()) return;
  auto [wpx, hpx] = image_pixel_size(img);
  double w = img.width_mm > 0 ? mm(img.width_mm) : 0, h = img.height_mm > 0 ? mm(img.height_mm) : 0;
  const double aspect = (wpx > 0 && hpx > 0) ? static_cast<double>(hpx) / wpx : 0.75;
  if (w <= 0 && h <= 0) {
    const double natural = natural_width_pt(img);
    w = std::min(pg.width(), natural > 0 ? natural : pg.width());
  }
  if (w <= 0) w = h / aspect;
  if (h <= 0) h = w * aspect;
  const double maxh = pg.body_height() - pg.pitch();
  if (w > pg.width()) { h *= pg.width() / w; w = pg.width(); }
  if (h > maxh) { w *= maxh / h; h = maxh; }
  Strip s;
  s.height = std::ceil(h / pg.pitch() - 1e-6) * pg.pitch();
  ImageItem it;
  it.x = pg.left() + (pg.width() - w) / 2;
  it.y = 0;
  it.w = w;
  it.h = h;
  it.image = shared_image(img);
  s.items.emplace_back(std::move(it));
  pg.add(std::move(s));
}

// A drawing flows like an image: its own size, shrunk uniformly to the text block, never split
// across pages (one strip), centred.
void flow_drawing(Paginator& pg, const model::Drawing& d) {
  if (!(d.width_mm > 0) || !(d.height_mm > 0)) return;
  const double w = mm(d.width_mm), h = mm(d.height_mm);
  const double maxh = pg.body_height() - pg.pitch();
  const double scale = std::min({1.0, pg.width() / w, maxh / h});
  Strip s;
  s.height = std::ceil(h * scale / pg.pitch() - 1e-6) * pg.pitch();
  s.items = lay_out_drawing(d, pg.fonts(), scale, pg.left() + (pg.width() - w * scale) / 2, 0);
  pg.add(std::move(s));
}

}  // namespace

void flow_blocks(Paginator& pg, const std::vector<model::Block>& blocks, FlowState& st) {
  for (const model::Block& b : blocks) {
    if (const auto* p = std::get_if<model::Paragraph>(&b.value)) {
      flow_paragraph(pg, *p, st);
    } else if (const auto* t = std::get_if<model::Table>(&b.value)) {
      flow_table(pg, *t, st);
    } else if (const auto* im = std::get_if<model::Image>(&b.value)) {
      flow_image(pg, *im);
    } else if (const auto* d = std::get_if<model::Drawing>(&b.value)) {
      flow_drawing(pg, *d);
    } else if (std::get_if<model::PageBreak>(&b.value)) {
      pg.page_break();
    } else if (const auto* toc = std::get_if<model::TableOfContents>(&b.value)) {
      flow_toc(pg, *toc, st.toc_heads, st);
    }
  }
}

// The headings a TOC lists, in document order, with the same markers and destination names the
// flow will give them.
std::vector<TocHeading> collect_headings(const model::Document& doc, const Style& style) {
  std::vector<TocHeading> out;
  FlowState st;
  int count = 0;
  for (const model::Section& s : doc.sections)
    for (const model::Block& b : s.blocks)
      if (const auto* p = std::get_if<model::Paragraph>(&b.value)) {
        std::string marker = marker_for(*p, st);
        if (p->heading_level >= 1 && &style_of(style, *p) != &style.title) {
          out.push_back({p->heading_level, one_line(marker + p->plain_text()),
                         p->anchor.empty() ? "lh.h" + std::to_string(count) : p->anchor});
          ++count;
        }
      }
  return out;
}

}  // namespace lh::layout::detail
