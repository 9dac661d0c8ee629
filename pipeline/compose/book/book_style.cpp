// Paragraph styles of a book (book_style.h).
#include "compose/book/book_style.h"

#include <algorithm>
#include <charconv>
#include <utility>

#include "normalize/structure.h"

namespace lh::compose::book {

using model::Align;
using model::FontRole;

namespace {

constexpr double kBodyPt = 16;  // 3号, GB/T 9704-2012 §5.2.2

bool is_display_kind(normalize::HeadingKind k) {
  return k == normalize::HeadingKind::Bian || k == normalize::HeadingKind::Zhang || k == normalize::HeadingKind::Jie;
}

// A heading of the source, `inner` levels below the 制度's title: 章/节 centred in 黑体; 一、 in 黑体,
// （一） in 楷体, deeper ones in 仿宋 (GB/T 9704-2012 §7.3.3).
model::Paragraph inner_heading(const model::Paragraph& src, int level, int inner) {
  const std::string text = src.plain_text();
  const normalize::HeadingKind k = normalize::heading_kind(text);
  const FontRole role = inner <= 1 ? FontRole::Hei : inner == 2 ? FontRole::Kai : FontRole::Body;
  model::Paragraph p = plain(text, role, kBodyPt, is_display_kind(k) ? Align::Center : Align::Justify);
  if (is_display_kind(k)) p.first_line_indent_chars = 0;
  p.heading_level = std::clamp(level, 1, 9);
  p.keep_with_next = true;
  p.anchor = src.anchor;
  return p;
}

// "第三条　内容" → "第三条" in 黑体, a full-width space, the rest in the body face.
model::Paragraph article(const model::Paragraph& src) {
  std::string text = src.plain_text();
  const size_t start = text.find("第");
  const size_t tiao = text.find("条", start);
  model::Paragraph p = src;
  p.runs.clear();
  p.style.clear();
  p.align.reset();
  p.first_line_indent_chars = -1;
  if (start == std::string::npos || tiao == std::string::npos) {
    p.runs.push_back({.text = text});
    return p;
  }
  const size_t end = tiao + std::string("条").size();
  std::string rest = text.substr(end);
  while (rest.rfind(" ", 0) == 0) rest.erase(0, 1);
  if (rest.rfind("\xE3\x80\x80", 0) != 0) rest = "\xE3\x80\x80" + rest;
  p.runs.push_back({.text = text.substr(start, end - start), .role = FontRole::Hei});
  p.runs.push_back({.text = rest});
  return p;
}

// A 题注 (normalize::is_title_note): centred under the title in 楷体, as 《立法技术规范》-style rule
// books print "（2024年3月1日所务会议审议通过）"; not an indented body paragraph.
model::Paragraph title_note(const model::Paragraph& src) {
  model::Paragraph p = plain(src.plain_text(), FontRole::Kai, kBodyPt, Align::Center);
  p.anchor = src.anchor;
  return p;
}

// A figure's or table's caption keeps the centring it was printed with (a centred body paragraph
// with a first-line indent read as text, not as the caption of the picture above it): one named as
// one ("图1 …流程图", "表2 …": normalize::is_caption), or a short centred line under a picture, which
// is what a caption typed without a number looks like.
constexpr size_t kMaxCaptionChars = 40;
bool is_caption_of(const model::Paragraph& p, bool under_picture) {
  const std::string text = p.plain_text();
  if (normalize::is_caption(text)) return true;
  const size_t chars = static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
  return under_picture && p.align == Align::Center && chars <= kMaxCaptionChars && text.find("。") == std::string::npos;
}

model::Paragraph caption(const model::Paragraph& src) {
  model::Paragraph p = plain(src.plain_text(), FontRole::Body, kBodyPt, Align::Center);
  p.anchor = src.anchor;
  return p;
}

model::Paragraph body(const model::Paragraph& src) {
  model::Paragraph p = src;
  p.style.clear();
  p.align.reset();
  p.first_line_indent_chars = -1;
  p.keep_with_next = false;
  for (auto& r : p.runs) r.role.reset(), r.size_pt = 0, r.bold = false, r.italic = false, r.color_rgb = 0;
  return p;
}

}  // namespace

model::Paragraph plain(const std::string& text, FontRole role, double size_pt, Align align, bool bold, uint32_t color) {
  model::Paragraph p;
  p.align = align;
  if (align == Align::Center) p.first_line_indent_chars = 0;
  p.runs.push_back({.text = text, .role = role, .size_pt = size_pt, .bold = bold, .color_rgb = color});
  return p;
}

model::Paragraph book_heading(BookHeading kind, int level, const std::string& text) {
  // 篇: 2号小标宋 (22 pt) as a document title (§7.3.1); a chapter 小二 黑体 (18 pt); a 制度 小二 小标宋.
  model::Paragraph p = kind == BookHeading::Part      ? plain(text, FontRole::Title, 22, Align::Center)
                       : kind == BookHeading::Chapter ? plain(text, FontRole::Hei, 18, Align::Center)
                                                      : plain(text, FontRole::Title, 18, Align::Center);
  p.heading_level = level;
  p.keep_with_next = true;
  return p;
}

namespace {

// The source's bookmark names and internal links ("#name") under the source's own prefix. Two
// sources with the same "_Toc…" bookmark on a heading sent the second one's 目录 entry and PDF
// bookmark to the first one's page (the first anchor wins in layout/paginate.cpp): a generated
// book, make_book_sources.py seed 3, listed a 第X章 with another source's page.
void own_anchors(model::Block& b, const std::string& prefix) {
  if (auto* p = std::get_if<model::Paragraph>(&b.value)) {
    if (!p->anchor.empty()) p->anchor = prefix + p->anchor;
    for (auto& r : p->runs)
      if (r.link.size() > 1 && r.link[0] == '#') r.link = "#" + prefix + r.link.substr(1);
  } else if (auto* t = std::get_if<model::Table>(&b.value)) {
    for (auto& row : t->rows)
      for (auto& cell : row.cells)
        for (auto& inner : cell.blocks) own_anchors(inner, prefix);
  }
}

}  // namespace

std::vector<model::Block> book_blocks(const model::Document& source, int shift, const std::string& anchor_prefix) {
  std::vector<model::Block> out;
  bool opening = true;  // nothing printed yet under the 制度's title: where a 题注 stands
  bool under_picture = false;
  for (const auto& s : source.sections)
    for (const auto& b : s.blocks) {
      if (std::holds_alternative<model::PageBreak>(b.value) || std::holds_alternative<model::TableOfContents>(b.value))
        continue;
      const auto* p = std::get_if<model::Paragraph>(&b.value);
      const bool first = std::exchange(opening, false);
      const bool after_picture = std::exchange(under_picture, std::holds_alternative<model::Image>(b.value));
      if (!p)
        out.push_back(b);
      else if (first && p->heading_level == 0 && normalize::is_title_note(p->plain_text()))
        out.push_back({title_note(*p)});
      else if (p->heading_level > 0)
        out.push_back({inner_heading(*p, shift + p->heading_level, p->heading_level)});
      else if (normalize::heading_kind(p->plain_text()) == normalize::HeadingKind::Tiao)
        out.push_back({article(*p)});
      else if (is_caption_of(*p, after_picture))
        out.push_back({caption(*p)});
      else
        out.push_back({body(*p)});
      own_anchors(out.back(), anchor_prefix);
    }
  return out;
}

std::string cover_date(const std::string& iso) {
  static const char* kDigits[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  static const char* kMonths[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"};
  if (iso.size() < 7) return iso;
  int month = 0;
  if (auto [ptr, ec] = std::from_chars(iso.data() + 5, iso.data() + 7, month); ec != std::errc() || month < 1 || month > 12)
    return iso;
  std::string out;
  for (size_t i = 0; i < 4; ++i) {
    if (iso[i] < '0' || iso[i] > '9') return iso;
    out += kDigits[iso[i] - '0'];
  }
  return out + "年" + kMonths[month - 1] + "月";
}

}  // namespace lh::compose::book
