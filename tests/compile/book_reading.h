// Reading a compiled book as a reader does (issue 11 §8), for the tests of tests/compile: the text
// of a page, the 目录 as printed (titles and page labels from Poppler's character boxes), the page
// a label names, the bookmarks. Shared by the sample manual's tests and the generated books'.
#pragma once
#include <glib.h>
#include <poppler.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "poppler_chars.h"

namespace lh::test::book_reading {

using lh::test::page_text;

inline std::string squeeze(const std::string& s) {  // without white space (ASCII and U+3000)
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 3, "\xE3\x80\x80") == 0) { i += 2; continue; }
    if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r') continue;
    out += s[i];
  }
  return out;
}

struct TocLine { std::string title, page; };
struct Toc {
  std::vector<TocLine> lines;
  int last_page = -1;  // 0-based index of the 目录's last page
};

// One printed line of a page: its characters left to right, by Poppler's boxes.
inline std::vector<std::vector<test::PageChar>> page_lines(PopplerDocument* doc, int page) {
  std::vector<test::PageChar> chars;
  for (auto& c : test::page_chars(doc, page))
    if (c.ch != " " && c.ch != "\n" && c.ch != "\xE3\x80\x80" && c.x2 > c.x1) chars.push_back(c);
  std::stable_sort(chars.begin(), chars.end(), [](const auto& a, const auto& b) { return a.y2 < b.y2; });
  std::vector<std::vector<test::PageChar>> lines;
  for (const auto& c : chars) {  // one line: baselines within a third of the glyph height
    if (lines.empty() || std::abs(lines.back().back().y2 - c.y2) > (c.y2 - c.y1) / 3) lines.emplace_back();
    lines.back().push_back(c);
  }
  for (auto& l : lines) std::stable_sort(l.begin(), l.end(), [](const auto& a, const auto& b) { return a.x1 < b.x1; });
  return lines;
}

// Whether the page's first printed line is "目　录". By the characters' boxes, not Poppler's reading
// order: with no front matter before it, Poppler read the widely spaced heading's two characters as
// two columns and put the first 篇's line between them (make_book_sources.py seed 1).
inline bool opens_with_toc_heading(PopplerDocument* doc, int page) {
  const auto lines = page_lines(doc, page);
  if (lines.empty()) return false;
  std::string first;
  for (const auto& c : lines.front()) first += c.ch;
  return squeeze(first) == "目录";
}

// The 目录 as printed: from the page that opens with "目录", every line "title …… N" read from
// character positions (the dotted leader is drawn, not text): N is the last word of the line, set
// off from the title by more than two glyph widths. A title wrapped over two lines is joined.
inline Toc printed_toc(PopplerDocument* doc) {
  Toc out;
  bool in_toc = false;
  for (int i = 0; i < poppler_document_get_n_pages(doc); ++i) {
    if (!in_toc && !opens_with_toc_heading(doc, i)) continue;
    in_toc = true;
    size_t found = 0;
    std::string pending;  // the first line(s) of a wrapped title
    for (const auto& l : page_lines(doc, i)) {
      size_t cut = l.size();
      while (cut > 0 && std::string("0123456789ivxlc").find(l[cut - 1].ch) != std::string::npos && l[cut - 1].ch.size() == 1) --cut;
      const double em = l.front().y2 - l.front().y1;
      // A leader written as text (Word's and LibreOffice's tab leader "……") ends the title.
      size_t end = cut;
      while (end > 0 && (l[end - 1].ch == "." || l[end - 1].ch == "\xC2\xB7" || l[end - 1].ch == "\xE2\x80\xA6")) --end;
      std::string title;
      for (size_t k = 0; k < end; ++k) title += l[k].ch;
      if (cut == l.size() || cut == 0 || (end == cut && l[cut].x1 - l[cut - 1].x2 < 2 * em)) {
        if (title != "目录") pending += title;
        continue;
      }
      std::string number;
      for (size_t k = cut; k < l.size(); ++k) number += l[k].ch;
      out.lines.push_back({pending + title, number});
      pending.clear();
      ++found;
    }
    if (found == 0) break;
    out.last_page = i;
  }
  return out;
}

inline int page_with_label(PopplerDocument* doc, const std::string& label, int from) {
  for (int i = from; i < poppler_document_get_n_pages(doc); ++i) {
    PopplerPage* p = poppler_document_get_page(doc, i);
    gchar* l = poppler_page_get_label(p);
    const bool same = l && label == l;
    g_free(l);
    g_object_unref(p);
    if (same) return i;
  }
  return -1;
}

inline void bookmarks(PopplerIndexIter* it, int depth, int max_depth, std::vector<std::string>& out) {
  do {
    PopplerAction* a = poppler_index_iter_get_action(it);
    if (a && a->type == POPPLER_ACTION_GOTO_DEST && depth <= max_depth) out.push_back(squeeze(a->goto_dest.title ? a->goto_dest.title : ""));
    if (a) poppler_action_free(a);
    if (PopplerIndexIter* child = poppler_index_iter_get_child(it)) {
      bookmarks(child, depth + 1, max_depth, out);
      poppler_index_iter_free(child);
    }
  } while (poppler_index_iter_next(it));
}

}  // namespace lh::test::book_reading
