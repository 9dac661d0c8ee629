// Each character Poppler extracts from a page, with its box as Poppler lays it out (points, the page
// as displayed, origin top-left): what a reader selects, so tests measure positions the way a user
// sees them.
#pragma once
#include <glib.h>
#include <poppler.h>

#include <string>
#include <vector>

namespace lh::test {

struct PageChar { std::string ch; double x1, y1, x2, y2; };

inline std::vector<PageChar> page_chars(PopplerDocument* doc, int page) {
  PopplerPage* p = poppler_document_get_page(doc, page);
  char* text = poppler_page_get_text(p);
  PopplerRectangle* rects = nullptr;
  guint n = 0;
  poppler_page_get_text_layout(p, &rects, &n);
  std::vector<PageChar> out;
  const char* s = text;
  for (guint i = 0; s && *s && i < n; ++i) {
    const char* next = g_utf8_next_char(s);
    out.push_back({std::string(s, next), rects[i].x1, rects[i].y1, rects[i].x2, rects[i].y2});
    s = next;
  }
  g_free(rects);
  g_free(text);
  g_object_unref(p);
  return out;
}

// The page's text as Poppler extracts it (what a reader copies from the page).
inline std::string page_text(PopplerDocument* doc, int page) {
  PopplerPage* p = poppler_document_get_page(doc, page);
  char* t = poppler_page_get_text(p);
  std::string s = t ? t : "";
  g_free(t);
  g_object_unref(p);
  return s;
}

// A text without its ASCII spaces, tabs and line ends: what a page says, wherever Poppler broke
// its lines or spaced its characters.
inline std::string strip_ws(const std::string& s) {
  std::string o;
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\t' && c != '\r') o += c;
  return o;
}

}  // namespace lh::test
