// A PDF page's printed lines and the paragraphs they make (pdf_lines.h).
//
// A rule printed to PDF from Word or WPS has its paragraphs broken into lines at the page's width,
// and each line read as a paragraph of its own put a first-line indent mid-sentence in a book or a
// reading copy. The page shows where a paragraph goes on: a line that reaches the right text margin
// was cut by the width, and the next line continues it unless it is indented (a 首行缩进, a centred
// title or caption, a 落款 set right) or opens a unit of its own (第X条, 一、, 附件, a form field, a
// date): the rule of ingest/text_wrap.h, one rule for a hard-wrapped text and a printed page. The
// margin is the page's own: the rightmost end of its prose lines, where at least two end (a page of
// short lines, a list or a 落款, has none; a page with one full line takes the document's where
// its lines lie within it), at least kMinMeasureEm wide (old systems and Word wrap at
// 20-40 characters; a list of names of one length is no wrap). Lines with cells (tabs) are no prose.
// A paragraph that a page break cut goes on across it by the same rule, the last line of one page
// against the first of the next, once the source's own page numbers are out (drop_page_numbers).
#include "ingest/pdf_lines.h"

#include <algorithm>
#include <cstddef>
#include <iterator>

#include "ingest/text_wrap.h"
#include "normalize/structure.h"

namespace lh::ingest {
namespace {

constexpr double kMarginSlackEm = 1.5;  // a CJK line stops short by less than a character (justified: none), 避头尾 moves one down
constexpr double kIndentEm = 0.75;      // starts this far past the left edge: indented (a 首行缩进 is two characters)
constexpr double kMinMeasureEm = 20;
constexpr size_t kMinLinesAtMargin = 2;
constexpr size_t kMinIndentedParagraphs = 2;

struct Margins {
  double left = 0, right = 0, em = 0;  // em: the largest of the lines'
  bool any = false, known = false;
};

bool is_prose(const PdfLine& l) { return l.em > 0 && l.text.find('\t') == std::string::npos; }

// The margins of pages [from, to): known where kMinLinesAtMargin of their lines end at the rightmost.
Margins text_margins(const std::vector<std::vector<PdfLine>>& pages, size_t from, size_t to) {
  Margins m;
  for (size_t p = from; p < to; ++p)
    for (const PdfLine& l : pages[p]) {
      if (!is_prose(l)) continue;
      m.left = m.any ? std::min(m.left, l.x0) : l.x0;
      m.right = m.any ? std::max(m.right, l.x1) : l.x1;
      m.em = std::max(m.em, l.em);
      m.any = true;
    }
  size_t at_margin = 0;
  for (size_t p = from; p < to; ++p)
    for (const PdfLine& l : pages[p])
      if (is_prose(l) && m.right - l.x1 <= kMarginSlackEm * l.em && m.right - m.left >= kMinMeasureEm * l.em) ++at_margin;
  m.known = at_margin >= kMinLinesAtMargin;
  return m;
}

// A page's own margins; a page with one full line or none (a paragraph's tail, a short last page)
// shows none of its own, and takes the document's when its lines end and start within them.
Margins page_margins(const std::vector<std::vector<PdfLine>>& pages, size_t page, const Margins& document) {
  const Margins m = text_margins(pages, page, page + 1);
  if (m.known || !m.any || !document.known) return m;
  const double slack = kMarginSlackEm * m.em;
  const bool within = m.right <= document.right + slack && m.left >= document.left - slack;
  return within && document.right - m.right <= slack ? document : m;
}

WrapEvidence evidence_of(const PdfLine& l, const Margins& m) {
  WrapEvidence e;
  e.text = l.text;
  e.aligned = !is_prose(l) || !m.known;
  if (e.aligned) return e;
  e.reaches_measure = m.right - l.x1 <= kMarginSlackEm * l.em && m.right - m.left >= kMinMeasureEm * l.em;
  e.short_of_measure = !e.reaches_measure;
  e.indented = l.x0 - m.left > kIndentEm * l.em;
  return e;
}

// Whether the document's paragraphs open with a first-line indent: kMinIndentedParagraphs lines at
// least that start one to three characters in and run to the margin (a wrapped paragraph's first
// line; a centred title or caption does not reach it).
bool indents_open_paragraphs(const std::vector<std::vector<PdfLine>>& pages, const std::vector<Margins>& margins) {
  size_t seen = 0;
  for (size_t p = 0; p < pages.size(); ++p)
    for (const PdfLine& l : pages[p]) {
      const WrapEvidence e = evidence_of(l, margins[p]);
      if (e.indented && e.reaches_measure && l.x0 - margins[p].left <= 3 * l.em) ++seen;
    }
  return seen >= kMinIndentedParagraphs;
}

// The page's paragraphs: its lines, those a wrap broke joined again.
struct PageParagraphs {
  std::vector<std::string> paragraphs;
  WrapEvidence first, last;  // of the page's first and last line
};

PageParagraphs page_paragraphs(const std::vector<PdfLine>& lines, const Margins& m, bool indents) {
  PageParagraphs out;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string para = lines[i].text;
    while (i + 1 < lines.size() && wrapped_line_goes_on(evidence_of(lines[i], m), evidence_of(lines[i + 1], m), indents, para))
      append_wrapped(para, lines[++i].text);
    out.paragraphs.push_back(std::move(para));
  }
  if (!lines.empty()) out.first = evidence_of(lines.front(), m), out.last = evidence_of(lines.back(), m);
  return out;
}

// "— 3 —" with its dashes and blanks taken away: "3"; "第3页共9页", "3/9". A number with nothing
// round it ("3", no dash, no 第…页, no /9) is the page's number only where it is that page's place
// in the file, or one less (an unnumbered cover before it): a table's total or a year alone at the
// foot of a page ("5000", "2024") is text, and nothing of a source's text may drop out of a book.
bool is_page_number_text(std::string_view t, int page_ordinal) {
  std::string s;
  bool dashed = false;
  for (size_t i = 0; i < t.size();) {
    bool skipped = false;
    for (std::string_view d : {" ", "-", "\xE2\x80\x94", "\xE2\x80\x93", "\xE2\x80\x95", "\xEF\xBC\x8D", "\xE3\x80\x80"})
      if (t.substr(i, d.size()) == d) {
        i += d.size(), skipped = true;
        dashed = dashed || (d != " " && d != "\xE3\x80\x80");
        break;
      }
    if (!skipped) s += t[i++];
  }
  auto digits = [&](size_t& at) {
    const size_t from = at;
    while (at < s.size() && at - from < 4 && s[at] >= '0' && s[at] <= '9') ++at;
    return at > from;
  };
  auto word = [&](size_t& at, std::string_view w) { return s.compare(at, w.size(), w) == 0 ? (at += w.size(), true) : false; };
  size_t at = 0;
  if (word(at, "第")) {
    if (!digits(at) || !word(at, "页")) return false;
    word(at, "，") || word(at, ",");
    if (word(at, "共") && (!digits(at) || !word(at, "页"))) return false;
    return at == s.size();
  }
  if (!digits(at)) return false;
  const size_t number_end = at;
  if (word(at, "/")) return digits(at) && at == s.size();
  if (at != s.size()) return false;
  int n = 0;
  for (size_t i = 0; i < number_end; ++i) n = n * 10 + (s[i] - '0');  // at most 4 digits (digits())
  return dashed || n == page_ordinal || n == page_ordinal - 1;
}

}  // namespace

bool is_number_alone(std::string_view s) {
  constexpr size_t kMaxNumberBytes = 24;  // 第一百二十三条: 7 characters
  return s.size() <= kMaxNumberBytes && normalize::heading_kind(s) != normalize::HeadingKind::None;
}

void rejoin_numbers(std::vector<PdfLine>& lines) {
  constexpr size_t kLookAhead = 3;
  for (size_t i = 0; i < lines.size(); ++i) {
    PdfLine& a = lines[i];
    if (a.em <= 0 || !is_number_alone(a.text)) continue;
    for (size_t j = i + 1; j < lines.size() && j <= i + kLookAhead; ++j) {
      const PdfLine& b = lines[j];
      if (b.em <= 0 || b.top >= a.bottom || a.top >= b.bottom || b.x0 < a.x1) continue;
      a.text += "\xE3\x80\x80" + b.text;
      a.x1 = b.x1, a.em = std::max(a.em, b.em), a.top = std::min(a.top, b.top), a.bottom = std::max(a.bottom, b.bottom);
      lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(j));
      // The lines poppler put between them and that stand above the line (that caption) go first.
      const auto first = lines.begin() + static_cast<std::ptrdiff_t>(i);
      const auto between_end = lines.begin() + static_cast<std::ptrdiff_t>(j);
      if (std::all_of(first + 1, between_end, [&](const PdfLine& l) { return l.em > 0 && l.bottom <= first->top; }))
        std::rotate(first, first + 1, between_end);
      break;
    }
  }
}

void drop_page_numbers(std::vector<PdfLine>& lines, int page_ordinal) {
  auto highest = std::min_element(lines.begin(), lines.end(), [](const PdfLine& a, const PdfLine& b) {
    return (a.em > 0 ? a.top : 1e9) < (b.em > 0 ? b.top : 1e9);
  });
  auto lowest = std::max_element(lines.begin(), lines.end(), [](const PdfLine& a, const PdfLine& b) {
    return (a.em > 0 ? a.bottom : -1e9) < (b.em > 0 ? b.bottom : -1e9);
  });
  const bool drop_low = lowest != lines.end() && lowest->em > 0 && is_page_number_text(lowest->text, page_ordinal);
  const bool drop_high = highest != lines.end() && highest != lowest && highest->em > 0 && is_page_number_text(highest->text, page_ordinal);
  if (drop_low && drop_high) {
    lines.erase(std::max(lowest, highest));
    lines.erase(std::min(lowest, highest));
  } else if (drop_low) {
    lines.erase(lowest);
  } else if (drop_high) {
    lines.erase(highest);
  }
}

std::vector<std::vector<std::string>> pdf_paragraphs(const std::vector<std::vector<PdfLine>>& pages) {
  const Margins document = text_margins(pages, 0, pages.size());
  std::vector<Margins> margins;
  for (size_t p = 0; p < pages.size(); ++p) margins.push_back(page_margins(pages, p, document));
  const bool indents = indents_open_paragraphs(pages, margins);
  std::vector<std::vector<std::string>> out;
  WrapEvidence last;                 // the last line of the last page that had any
  size_t last_page = pages.size();   // its index in `out`; none yet
  for (size_t page = 0; page < pages.size(); ++page) {
    const std::vector<PdfLine>& lines = pages[page];
    PageParagraphs p = page_paragraphs(lines, margins[page], indents);
    auto from = p.paragraphs.begin();
    if (last_page < out.size() && !p.paragraphs.empty() && wrapped_line_goes_on(last, p.first, indents, out[last_page].back()))
      append_wrapped(out[last_page].back(), *from++);
    out.emplace_back(std::make_move_iterator(from), std::make_move_iterator(p.paragraphs.end()));
    if (lines.empty()) continue;
    last = p.last;
    if (!out.back().empty()) last_page = out.size() - 1;  // else its one line went onto that page's paragraph
  }
  return out;
}

}  // namespace lh::ingest
