// The pack's contact sheet: index.pdf (A4 pages of previews, each with its title and file) and
// index.html (the same list, linking each sign's PDF and preview), so a sign maker checks the
// whole pack at a glance and finds every file by name.
#include "compose/signs/signs.h"
#include "layout/frames.h"
#include "normalize/unicode.h"

// GCC 12 at -O2 reports TextBox members "may be used uninitialized" when the vector of Frame
// variants grows (a false positive of -Wmaybe-uninitialized on std::variant moves); every member
// has an initializer (model/document.h).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

namespace lh::compose::signs {
namespace {

// A4 (GB/T 148), 3 × 4 cells inside 15 mm margins: office setting.
constexpr double kPageW = 210, kPageH = 297, kMargin = 15, kHeader = 18;
constexpr int kCols = 3, kRows = 4;
// A caption's two lines at its smallest size hold ~76 CJK characters (228 bytes) or ~150 Latin
// letters in the 54 mm cell: 150 bytes fit either way.
constexpr size_t kCaptionBytes = 150;

model::TextBox text_box(double x, double y, double w, double h, const std::string& t, model::FontRole role,
                        double min_pt, double max_pt, int lines) {
  model::TextBox tb{x, y, w, h, {}, role, min_pt, max_pt, model::Align::Center};
  tb.runs.push_back({t});
  tb.max_lines = lines;
  return tb;
}

// A caption the cell can always set: a title or file name past `max_bytes` (2 lines at the cell's
// smallest size) is cut with "…"; index.html lists it whole. Without the cut a sign named at length
// stopped the whole pack (the layout refuses a text that does not fit: exit 3, no index).
std::string caption(const std::string& t, size_t max_bytes) {
  const std::string_view kept = normalize::utf8_prefix(t, max_bytes);
  return kept.size() == t.size() ? t : std::string(kept) + "…";
}

std::string html_escape(const std::string& s) {
  std::string o;
  for (char c : s) {
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      default: o += c;
    }
  }
  return o;
}

// A file name in a URL: percent-encode what HTML or the path would misread (UTF-8 kept as is).
std::string url_path(const std::string& s) {
  std::string o;
  for (unsigned char c : s) {
    if (c == ' ' || c == '#' || c == '?' || c == '%' || c == '"' || c == '<' || c == '>' || c == '&') {
      char b[4];
      std::snprintf(b, sizeof b, "%%%02X", c);
      o += b;
    } else {
      o += static_cast<char>(c);
    }
  }
  return o;
}

}  // namespace

model::Document index_document(const std::vector<IndexEntry>& entries, const std::string& office_name) {
  model::Section sec;
  sec.page.width_mm = kPageW;
  sec.page.height_mm = kPageH;
  sec.page.top_mm = sec.page.bottom_mm = sec.page.left_mm = sec.page.right_mm = 0;
  const double cw = (kPageW - 2 * kMargin) / kCols, ch = (kPageH - 2 * kMargin - kHeader) / kRows;
  const size_t per_page = kCols * kRows;
  const size_t pages = std::max<size_t>(1, (entries.size() + per_page - 1) / per_page);
  for (size_t p = 0; p < pages; ++p) {
    std::vector<model::Frame> page;
    page.push_back(text_box(kMargin, kMargin, kPageW - 2 * kMargin, 10,
                            office_name + " 标识清单（第 " + std::to_string(p + 1) + "/" + std::to_string(pages) + " 页，共 " +
                                std::to_string(entries.size()) + " 件）",
                            model::FontRole::Hei, 8, 16, 1));
    for (size_t k = 0; k < per_page && p * per_page + k < entries.size(); ++k) {
      const IndexEntry& e = entries[p * per_page + k];
      const double x = kMargin + (k % kCols) * cw, y = kMargin + kHeader + (k / kCols) * ch;
      page.push_back(model::Shape{x + 1, y + 1, cw - 2, ch - 2, 0, false, 0.2, 0xBBBBBB});
      const double iw = cw - 8, ih = ch - 26;
      if (!e.preview_png.empty()) {
        model::Image img;
        img.media_type = "image/png";
        img.bytes = e.preview_png;
        // The preview keeps its aspect in the cell (its size from the PNG's IHDR).
        const auto [pw, ph] = layout::image_pixel_size(img);
        img.width_px = pw > 0 ? pw : 1;
        img.height_px = ph > 0 ? ph : 1;
        const double aspect = img.height_px > 0 ? double(img.width_px) / img.height_px : 1;
        double w = iw, h = iw / aspect;
        if (h > ih) h = ih, w = ih * aspect;
        page.push_back(model::PlacedImage{x + 4 + (iw - w) / 2, y + 4 + (ih - h) / 2, w, h, std::move(img)});
      }
      page.push_back(text_box(x + 3, y + ch - 21, cw - 6, 9, caption(e.title, kCaptionBytes), model::FontRole::Hei, 4, 9, 2));
      page.push_back(text_box(x + 3, y + ch - 12, cw - 6, 4.5, e.size, model::FontRole::Song, 3, 7, 1));
      page.push_back(text_box(x + 3, y + ch - 7.5, cw - 6, 5, caption("signs/" + e.file + ".pdf", kCaptionBytes),
                              model::FontRole::Song, 3, 7, 2));
    }
    sec.fixed_pages.push_back(std::move(page));
  }
  model::Document doc;
  doc.sections.push_back(std::move(sec));
  return doc;
}

std::string index_html(const std::vector<IndexEntry>& entries, const std::string& office_name,
                       const std::vector<std::string>& sheet_files, const std::vector<std::string>& problems) {
  std::string h =
      "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + html_escape(office_name) +
      " 标识清单</title>\n<style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}"
      "td,th{border:1px solid #bbb;padding:.4em;vertical-align:middle}img{max-width:220px;max-height:160px}"
      ".bad{color:#b00}</style></head>\n<body>\n<h1>" + html_escape(office_name) + " 标识清单</h1>\n<p>共 " +
      std::to_string(entries.size()) + " 件。每件一个 PDF（成品尺寸加出血，TrimBox/BleedBox 已设），印前请核对。</p>\n";
  if (!problems.empty()) {
    h += "<h2 class=\"bad\">未制作（" + std::to_string(problems.size()) + "）</h2>\n<ul class=\"bad\">\n";
    for (const auto& p : problems) h += "<li>" + html_escape(p) + "</li>\n";
    h += "</ul>\n";
  }
  h += "<table>\n<tr><th>预览</th><th>标识</th><th>类型</th><th>尺寸</th><th>文件</th></tr>\n";
  for (const IndexEntry& e : entries) {
    const std::string pdf = "signs/" + e.file + ".pdf", png = "previews/" + e.file + ".png";
    h += "<tr><td><a href=\"" + html_escape(url_path(pdf)) + "\"><img src=\"" + html_escape(url_path(png)) + "\" alt=\"" +
         html_escape(e.title) + "\"></a></td><td>" + html_escape(e.title) + "</td><td>" + html_escape(e.type_name) +
         "</td><td>" + html_escape(e.size) + "</td><td><a href=\"" + html_escape(url_path(pdf)) + "\">" + html_escape(pdf) +
         "</a></td></tr>\n";
  }
  h += "</table>\n";
  if (!sheet_files.empty()) {
    h += "<h2>拼版印刷页</h2>\n<ul>\n";
    for (const auto& s : sheet_files)
      h += "<li><a href=\"" + html_escape(url_path(s)) + "\">" + html_escape(s) + "</a></li>\n";
    h += "</ul>\n";
  }
  return h + "</body></html>\n";
}

}  // namespace lh::compose::signs
