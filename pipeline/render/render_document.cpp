// render_document: Document → laid out once → PDF + DOCX (issue 3 §7). See render_document.h.
#include "render/render_document.h"

#include <charconv>
#include <cstdio>
#include <ctime>
#include <string_view>

#include "docx/docx.h"
#include "layout/layout.h"
#include "ofd/ofd.h"
#include "pdf/pdf.h"

namespace lh::render {

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Exactly `n` digits at s[pos], within [lo, hi].
std::optional<int> digits(std::string_view s, size_t pos, size_t n, int lo, int hi) {
  if (pos + n > s.size()) return std::nullopt;
  int v = 0;
  auto [p, ec] = std::from_chars(s.data() + pos, s.data() + pos + n, v);
  if (ec != std::errc() || p != s.data() + pos + n || v < lo || v > hi) return std::nullopt;
  return v;
}

struct IsoDate {
  int64_t epoch = 0;
  int offset_min = 0;
};

std::optional<IsoDate> parse_iso(std::string_view s) {
  auto y = digits(s, 0, 4, 1970, 9999), mo = digits(s, 5, 2, 1, 12), d = digits(s, 8, 2, 1, 31);
  if (!y || !mo || !d || s[4] != '-' || s[7] != '-') return std::nullopt;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (*d > kDays[*mo - 1] + (*mo == 2 && leap(*y) ? 1 : 0)) return std::nullopt;
  int h = 0, mi = 0, se = 0;
  size_t pos = 10;
  if (pos < s.size() && (s[pos] == 'T' || s[pos] == ' ')) {
    auto hh = digits(s, pos + 1, 2, 0, 23), mm = digits(s, pos + 4, 2, 0, 59);
    if (!hh || !mm || s[pos + 3] != ':') return std::nullopt;
    h = *hh;
    mi = *mm;
    pos += 6;
    if (pos < s.size() && s[pos] == ':') {
      auto ss = digits(s, pos + 1, 2, 0, 60);
      if (!ss) return std::nullopt;
      se = *ss;
      pos += 3;
    }
  }
  IsoDate out;
  out.offset_min = 8 * 60;  // China Standard Time unless the date says otherwise
  if (pos < s.size()) {
    if (s[pos] == 'Z' && pos + 1 == s.size()) {
      out.offset_min = 0;
    } else if ((s[pos] == '+' || s[pos] == '-') && pos + 6 == s.size() && s[pos + 3] == ':') {
      auto oh = digits(s, pos + 1, 2, 0, 14), om = digits(s, pos + 4, 2, 0, 59);
      if (!oh || !om) return std::nullopt;
      out.offset_min = (s[pos] == '-' ? -1 : 1) * (*oh * 60 + *om);
    } else {
      return std::nullopt;
    }
  }
  out.epoch = days_from_civil(*y, static_cast<unsigned>(*mo), static_cast<unsigned>(*d)) * 86400 + h * 3600 + mi * 60 +
              se - out.offset_min * 60;
  if (out.epoch < 0) return std::nullopt;
  return out;
}

// The PDF's ISO date for a parsed date: the same instant, written in the date's own offset.
std::string pdf_date(const IsoDate& d) {
  const time_t local = static_cast<time_t>(d.epoch + d.offset_min * 60);
  std::tm tm{};
  gmtime_r(&local, &tm);
  char buf[48];
  const int off = d.offset_min < 0 ? -d.offset_min : d.offset_min;
  if (d.offset_min == 0)
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec);
  else
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, d.offset_min < 0 ? '-' : '+', off / 60, off % 60);
  return buf;
}

// The DOCX writer sizes images from Image::width_px/height_px; layout reads them from the image's
// header. Fill them in where a reader left them at 0, so both files show the same proportions.
bool known_size(const model::Image& im) {
  if (im.width_px > 0 && im.height_px > 0) return true;
  auto [w, h] = layout::image_pixel_size(im);
  return w <= 0 || h <= 0;  // unknown to layout too: nothing to fill in
}

bool lacks_pixel_size(const std::vector<model::Block>& blocks) {
  for (const model::Block& b : blocks) {
    if (const auto* im = std::get_if<model::Image>(&b.value)) {
      if (!known_size(*im)) return true;
    } else if (const auto* t = std::get_if<model::Table>(&b.value)) {
      for (const auto& row : t->rows)
        for (const auto& cell : row.cells)
          if (lacks_pixel_size(cell.blocks)) return true;
    }
  }
  return false;
}

void fill_pixel_sizes(std::vector<model::Block>& blocks) {
  for (model::Block& b : blocks) {
    if (auto* im = std::get_if<model::Image>(&b.value)) {
      if (known_size(*im)) continue;
      auto [w, h] = layout::image_pixel_size(*im);
      im->width_px = w;
      im->height_px = h;
    } else if (auto* t = std::get_if<model::Table>(&b.value)) {
      for (auto& row : t->rows)
        for (auto& cell : row.cells) fill_pixel_sizes(cell.blocks);
    }
  }
}

bool is_title(const model::Paragraph& p) { return p.style == "title" || p.style == "Title"; }

}  // namespace

std::optional<int64_t> parse_iso_date(std::string_view iso) {
  auto d = parse_iso(iso);
  if (!d) return std::nullopt;
  return d->epoch;
}

model::Document with_table_of_contents(model::Document doc, const model::TableOfContents& toc) {
  for (const auto& s : doc.sections)
    for (const auto& b : s.blocks)
      if (std::holds_alternative<model::TableOfContents>(b.value)) return doc;
  if (doc.sections.empty()) doc.sections.emplace_back();
  // After the title; a document without one gets it before its first heading (after a preamble
  // such as the issuing office's name), or at the start.
  auto& blocks = doc.sections.front().blocks;
  size_t at = 0;
  for (size_t i = 0; i < blocks.size(); ++i) {
    const auto* p = std::get_if<model::Paragraph>(&blocks[i].value);
    if (!p) continue;
    if (is_title(*p)) {
      at = i + 1;
      break;
    }
    if (p->heading_level > 0) {
      at = i;
      break;
    }
  }
  blocks.insert(blocks.begin() + static_cast<std::ptrdiff_t>(at), model::Block{toc});
  return doc;
}

int render_document_to(const model::Document& source, const layout::Style& style, const layout::FontSet& fonts,
                       const RenderOptions& options, const RenderSink& sink) {
  std::optional<IsoDate> date;
  if (!options.date.empty()) {
    date = parse_iso(options.date);
    if (!date) throw RenderError("date '" + options.date + "' is not an ISO 8601 date such as 2024-03-05 or 2024-03-05T10:00:00+08:00");
  }
  // Copy only when an image needs its pixel size filled in.
  std::optional<model::Document> filled;
  bool needed = false;
  for (const auto& s : source.sections) needed = needed || lacks_pixel_size(s.blocks);
  if (needed) {
    filled = source;
    for (auto& s : filled->sections) fill_pixel_sizes(s.blocks);
  }
  const model::Document& doc = filled ? *filled : source;

  std::optional<layout::Laid> laid(layout::lay_out(doc, style, fonts));
  const int pages = static_cast<int>(laid->pages.size());
  if (sink.outline) sink.outline(laid->outline);
  if (options.pdf) {
    pdf::PdfOptions po;
    po.title = options.title;
    po.author = options.author;
    po.subject = options.subject;
    po.keywords = options.keywords;
    if (date) po.date = pdf_date(*date);
    sink.pdf(pdf::write_pdf(*laid, po));
  }
  if (options.ofd) {
    ofd::OfdOptions oo;
    oo.title = options.title;
    oo.author = options.author;
    oo.subject = options.subject;
    if (date) {
      oo.date = pdf_date(*date);
      oo.timestamp = date->epoch;
    }
    oo.custom = ofd::custom_metadata(oo, options.archival_code);
    sink.ofd(ofd::write_ofd(*laid, oo));
  }
  // The outline holds exactly the DOCX writer's "headings": top-level heading paragraphs, the
  // title excluded, in document order (layout/flow.cpp, docx/toc.cpp), with the printed number.
  std::vector<int> heading_pages;
  heading_pages.reserve(laid->outline.size());
  for (const auto& e : laid->outline) heading_pages.push_back(e.page_number);
  // The pages leave (or are freed) before the DOCX is made: a long document's laid pages and its
  // DOCX are never held at once.
  if (options.keep_laid && sink.laid) sink.laid(std::move(*laid));
  laid.reset();
  if (options.docx) {
    docx::DocxOptions dopt;
    dopt.title = options.title;
    dopt.author = options.author;
    dopt.subject = options.subject;
    dopt.keywords = options.keywords;
    if (date) dopt.timestamp = date->epoch;
    dopt.heading_pages = std::move(heading_pages);
    // A drawing is a picture in DOCX: the same frames the PDF draws, rasterized at 300 dpi, the
    // resolution print shops ask of pictures, so Word and WPS print it sharp.
    dopt.render_drawing = [&fonts](const model::Drawing& d, double scale) {
      constexpr double kPrintDpi = 300;
      constexpr double kPtPerMm = 72 / 25.4;
      return pdf::render_png(layout::lay_out_drawing(d, fonts, scale), d.width_mm * scale * kPtPerMm,
                             d.height_mm * scale * kPtPerMm, kPrintDpi);
    };
    sink.docx(docx::write_docx(doc, style, dopt));
  }
  return pages;
}

RenderedDocument render_document(const model::Document& source, const layout::Style& style, const layout::FontSet& fonts,
                                 const RenderOptions& options) {
  RenderedDocument out;
  RenderSink sink;
  sink.outline = [&out](const std::vector<layout::OutlineEntry>& o) { out.outline = o; };
  sink.pdf = [&out](std::string&& b) { out.pdf = std::move(b); };
  sink.docx = [&out](std::string&& b) { out.docx = std::move(b); };
  sink.ofd = [&out](std::string&& b) { out.ofd = std::move(b); };
  sink.laid = [&out](layout::Laid&& l) { out.laid = std::make_shared<const layout::Laid>(std::move(l)); };
  out.pages = render_document_to(source, style, fonts, options, sink);
  return out;
}

}  // namespace lh::render
