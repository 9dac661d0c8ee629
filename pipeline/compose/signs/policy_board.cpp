#include "compose/signs/policy_board.h"

#include <algorithm>
#include <cmath>

#include "layout/layout.h"
#include "normalize/structure.h"

namespace lh::compose::signs {
namespace {

constexpr double kLineSpacing = 1.5;           // a wall board is read from a step away: office setting
constexpr const char* kIndent = "\u3000\u3000";  // 首行缩进两字 (GB/T 9704-2012 §5.2.3 body text habit)

// The policy's title: the paragraph marked as the title, or a first paragraph that is a level-1
// heading and no 第X条 (a Markdown "# 首问负责制度" comes as a heading, not as the title).
size_t title_index(const std::vector<model::Paragraph>& ps) {
  for (size_t i = 0; i < ps.size(); ++i)
    if (ps[i].style == "title") return i;
  for (size_t i = 0; i < ps.size(); ++i) {
    const std::string t = ps[i].plain_text();
    if (t.empty()) continue;
    if (ps[i].heading_level == 1 && normalize::heading_kind(t) != normalize::HeadingKind::Tiao) return i;
    break;
  }
  return ps.size();
}

// One paragraph as runs: headings (一、) in 黑体; an article's "第X条" in 黑体, its text after it.
void append_paragraph(const model::Paragraph& p, std::vector<model::Run>& runs) {
  const std::string text = p.plain_text();
  if (text.empty()) return;
  if (!runs.empty()) runs.back().text += "\n";
  model::Run r;
  if (p.heading_level > 0 && normalize::heading_kind(text) != normalize::HeadingKind::Tiao) {
    r.text = text;
    r.role = model::FontRole::Hei;
    runs.push_back(std::move(r));
    return;
  }
  if (normalize::heading_kind(text) == normalize::HeadingKind::Tiao) {
    const size_t tiao = text.find("条");
    if (tiao != std::string::npos && tiao < 40) {
      model::Run head;
      head.text = std::string(kIndent) + text.substr(0, tiao + 3);
      head.role = model::FontRole::Hei;
      runs.push_back(std::move(head));
      r.text = text.substr(tiao + 3);
      if (r.text.empty()) r.text = " ";
      runs.push_back(std::move(r));
      return;
    }
  }
  r.text = kIndent + text;
  runs.push_back(std::move(r));
}

struct Column {
  model::TextBox box;
  double size = 0;
  double over = 0;  // mm, when it does not fit at the minimum
};

Column fit_column(const std::vector<model::Paragraph>& ps, size_t from, size_t to, const Part& body, double x,
                  double y, double w, const layout::FontSet& fonts) {
  Column c{model::TextBox{x, y, w, body.h, {}, model::FontRole::Body, body.min_pt, body.max_pt, model::Align::Start}};
  c.box.vertical_center = false;
  c.box.line_spacing = kLineSpacing;
  for (size_t i = from; i < to; ++i) append_paragraph(ps[i], c.box.runs);
  if (c.box.runs.empty()) {
    c.size = body.max_pt;
    return c;
  }
  try {
    c.size = layout::fit_text_size(c.box, fonts);
  } catch (const layout::TextOverflow& e) {
    c.size = 0;
    c.over = std::max(e.over_height_mm, e.over_width_mm);
  }
  return c;
}

// The one size a board's columns share: the smallest of their fitted sizes (0: one does not fit).
double common_size(const std::vector<Column>& cols) {
  double s = 1e9;
  for (const auto& c : cols) s = std::min(s, c.size);
  return s;
}

// How far (mm) a text of `chars` characters overflows the body at its minimum size even if every
// line were full: 0 when it might fit. A policy far beyond any board (issue 13 §4: 5 MB for one
// board) is answered from its length at once, not after fitting it line by line at every size.
double certain_overflow_mm(const std::vector<model::Paragraph>& ps, const Part& body) {
  size_t chars = 0;
  for (const auto& p : ps)
    for (unsigned char c : p.plain_text()) chars += (c & 0xC0) != 0x80;  // UTF-8 code points
  const double em = body.min_pt * 25.4 / 72;  // a CJK character is one em wide at most sizes' fit
  const double line = em * kLineSpacing;
  const double per_line = std::floor(std::max(0.0, body.w - (std::max(1, body.columns) - 1) * body.gap) / em);
  const double lines_per_column = std::floor(body.h / line);
  const double capacity = per_line * lines_per_column;
  if (capacity <= 0 || static_cast<double>(chars) <= capacity * 2) return 0;  // 2×: Latin and digits are narrower
  return (static_cast<double>(chars) / (capacity * 2) - 1) * body.h;
}

// Column boundaries (paragraph indices) that share the text out by length.
std::vector<size_t> even_split(const std::vector<model::Paragraph>& ps, int n) {
  std::vector<double> weight;
  double total = 0;
  for (const auto& p : ps) {
    weight.push_back(static_cast<double>(p.plain_text().size()) / 3 + 8);  // characters, plus the paragraph's last line
    total += weight.back();
  }
  std::vector<size_t> cut{0};
  double acc = 0;
  for (size_t i = 0; i < ps.size() && static_cast<int>(cut.size()) < n; ++i) {
    acc += weight[i];
    if (acc >= total * cut.size() / n) cut.push_back(i + 1);
  }
  while (static_cast<int>(cut.size()) < n) cut.push_back(ps.size());
  cut.push_back(ps.size());
  return cut;
}

// The columns of one count: an even share of the text, then (two columns) a boundary a paragraph or
// two either way if that lets the text be set larger.
std::vector<Column> fit_columns(const std::vector<model::Paragraph>& ps, int n, const Part& body, double offset,
                                const layout::FontSet& fonts) {
  const double cw = (body.w - (n - 1) * body.gap) / n;
  auto fit_all = [&](const std::vector<size_t>& cut) {
    std::vector<Column> cols;
    for (int k = 0; k < n; ++k)
      cols.push_back(fit_column(ps, cut[k], cut[k + 1], body, offset + body.x + k * (cw + body.gap), offset + body.y, cw, fonts));
    return cols;
  };
  std::vector<size_t> cut = even_split(ps, n);
  std::vector<Column> cols = fit_all(cut);
  if (n == 2)
    for (int d : {-2, -1, 1, 2}) {
      const long k = static_cast<long>(cut[1]) + d;
      if (k < 1 || k >= static_cast<long>(ps.size())) continue;
      std::vector<size_t> alt = cut;
      alt[1] = static_cast<size_t>(k);
      std::vector<Column> c2 = fit_all(alt);
      if (common_size(c2) > common_size(cols)) cols = std::move(c2);
    }
  return cols;
}

// How far (mm) the text block moves down so that it stands at the body's optical centre: a short
// policy (a few articles) reaches the body's largest size (types.xml max-pt, the office's setting)
// long before it fills the board, and stood in the top sixth of it with the rest left bare. A sign
// maker centres such a block in the text area, a little above the middle (two fifths of the space
// above it, three below: a block at the exact middle looks low); setting it larger than the type
// allows would give one office's boards different text sizes. Columns move together (the tallest
// decides), so their first lines stay level; a text that fills the body does not move.
double centring_drop(const std::vector<Column>& cols, double size, const Part& body, const layout::FontSet& fonts) {
  double tallest = 0;
  for (const auto& c : cols) {
    if (c.box.runs.empty()) continue;
    model::TextBox tb = c.box;
    tb.max_pt = size;
    tallest = std::max(tallest, layout::fit_text(tb, fonts).height_mm);
  }
  return std::max(0.0, (body.h - tallest) * 0.4);
}

}  // namespace

PolicyColumns policy_columns(const std::vector<model::Paragraph>& all, const Part& body, double offset,
                             const layout::FontSet& fonts) {
  std::vector<model::Paragraph> ps;
  for (const auto& p : all)
    if (!p.plain_text().empty()) ps.push_back(p);
  // As many columns as the text needs, up to the board's count: the fewest at which a line, at the
  // size the text is fitted to, holds no more than the body's line-chars characters. Columns are
  // there to keep lines readable; a short policy that fits large on one column stays on one (on
  // two columns the sample's 首问负责制度 stood in the top half of the board, both columns short).
  if (const double over = certain_overflow_mm(ps, body); over > 0) {
    PolicyColumns out;
    out.over_mm = over;
    return out;
  }
  const int most = std::max(1, body.columns);
  std::vector<Column> cols;
  for (int n = 1; n <= most; ++n) {
    cols = fit_columns(ps, n, body, offset, fonts);
    const double size = common_size(cols);
    const double column_mm = (body.w - (n - 1) * body.gap) / n;
    if (size > 0 && column_mm / (size * 25.4 / 72) <= body.line_chars + 0.5) break;
  }
  PolicyColumns out;
  const double size = common_size(cols);
  if (size <= 0) {
    for (const auto& c : cols) out.over_mm = std::max(out.over_mm, c.over);
    return out;
  }
  out.fits = true;
  const double drop = centring_drop(cols, size, body, fonts);
  for (size_t k = 0; k < cols.size(); ++k) {
    model::TextBox tb = cols[k].box;
    if (tb.runs.empty()) continue;
    tb.max_pt = size;  // one size for the whole board
    tb.y_mm += drop;
    tb.h_mm -= drop;
    std::string text;
    for (const auto& r : tb.runs) text += r.text;
    out.regions.push_back({"body-" + std::to_string(k + 1), text, tb.x_mm, tb.y_mm, tb.w_mm, tb.h_mm});
    out.frames.push_back(std::move(tb));
  }
  return out;
}

Sign policy_board(const std::vector<model::Paragraph>& paragraphs, const std::string& fallback_title,
                  const std::string& board_type) {
  Sign s;
  s.type = board_type;
  const size_t t = title_index(paragraphs);
  const std::string title = t < paragraphs.size() ? paragraphs[t].plain_text() : fallback_title;
  s.texts["title"] = title;
  s.title = "制度牌 · " + title;
  s.file = "制度-" + title;
  for (size_t i = 0; i < paragraphs.size(); ++i)
    if (i != t) s.body.push_back(paragraphs[i]);  // the body: everything but the title
  return s;
}

}  // namespace lh::compose::signs
