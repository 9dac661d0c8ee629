// PDF reader (issue 2 §4) on poppler-glib, from memory (libraries.md §3).
// Governing spec: ISO 32000-1:2008 — §7.6 encryption (user vs owner password), §14.3.3 the
// document information dictionary (Title, Author, Subject, Creator, Producer, CreationDate,
// ModDate), §7.9.4 dates. The text layer is whatever poppler extracts (§9.10).
//
// Output: one Section; one Paragraph per printed paragraph (the lines a wrap at the page's width
// broke joined again, the source's page numbers left out: pdf_lines.h), a tab between a table
// row's cells; a PageBreak between pages.
// Errors: POPPLER_ERROR_ENCRYPTED without a working password -> encrypted; any other open error,
// or a document with 0 pages (a truncated linearized file opens that way, §3) -> damaged.
// Scanned pages: < 10 bytes of text and images cover >= 25 % of the page (see kScanCoverage).
// Passwords: options->pdf_password is tried only after POPPLER_ERROR_ENCRYPTED (see
// open_with_password for the poppler 22.12 crash it avoids). An owner password alone opens.
#include <glib.h>
#include <poppler.h>
#include <sys/mman.h>  // memfd_create
#include <unistd.h>

#include <cerrno>

#include <algorithm>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/poppler_state.h"
#include "ingest/reader.h"
#include "ingest/pdf_lines.h"

namespace lh::ingest {
namespace {

// libraries.md §3 measured ">= 50 % image coverage and < 10 text bytes" on scans, blank and text
// pages. A text-less page whose only content is a smaller image (tika-testOCR.pdf: a slide
// screenshot covering 30 %) needs OCR just as much, so 25 % is used; blank pages (no image) and
// text pages are classified as before.
constexpr double kScanCoverage = 0.25;
constexpr size_t kScanMaxTextBytes = 10;   // fewer non-blank text bytes than this: no text layer
// Pages that fail to load in a row before the rest of a page tree's claim is no longer tried.
constexpr int kMaxUnloadableRun = 1000;

struct GObjectFree { void operator()(gpointer p) const { if (p) g_object_unref(p); } };
struct GErrorFree { void operator()(GError* e) const { if (e) g_error_free(e); } };
struct GFree { void operator()(gpointer p) const { g_free(p); } };
struct GBytesFree { void operator()(GBytes* b) const { if (b) g_bytes_unref(b); } };
struct GDateTimeFree { void operator()(GDateTime* d) const { if (d) g_date_time_unref(d); } };

using DocPtr = std::unique_ptr<PopplerDocument, GObjectFree>;
using PagePtr = std::unique_ptr<PopplerPage, GObjectFree>;
using ErrPtr = std::unique_ptr<GError, GErrorFree>;
using StrPtr = std::unique_ptr<gchar, GFree>;

std::string take(gchar* s) {
  StrPtr p(s);
  return p ? std::string(p.get()) : std::string();
}

// ISO 8601 with the offset the PDF date carried (GDateTime keeps it).
std::string iso_date(GDateTime* raw) {
  std::unique_ptr<GDateTime, GDateTimeFree> dt(raw);
  if (!dt) return {};
  return take(g_date_time_format(dt.get(), "%Y-%m-%dT%H:%M:%S%:z"));
}

// Split poppler's page text into lines; drop C0 controls except tab, trim line ends.
std::vector<std::string> text_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::string cur;
  auto flush = [&] {
    size_t b = cur.find_first_not_of(" \t");
    size_t e = cur.find_last_not_of(" \t");
    if (b != std::string::npos) lines.push_back(cur.substr(b, e - b + 1));
    cur.clear();
  };
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == '\n' || c == '\r' || c == '\f') flush();
    else if (c < 0x20 && c != '\t') continue;
    else cur += ch;
  }
  flush();
  return lines;
}

// --- table cells on a line ------------------------------------------------------------------------
// Poppler reads a table row as one line and puts nothing, or one space, in the gap between a label
// cell and its value cell: 立案审批表 (范本 No. 7) "案由 | 涉嫌未明码标价" came out "案由涉嫌未明码标价",
// and no labelled field (案由, 当事人, 住所 …) of a PDF form was found. A gap wider than a character
// (the padding of two cells and a rule between them; package/ofd_copy.cpp's text stretches use the
// same measure) is a cell boundary and becomes a tab, as a DOCX table row's cells are joined
// (model::Document::plain_text). Justified CJK text is spaced by a fraction of a character and stays.

constexpr double kCellGapEm = 1.0;  // a gap wider than this many of the taller glyph's heights

struct Glyph {
  size_t begin = 0, end = 0;  // bytes of the line
  double x0 = 0, x1 = 0, top = 0, bottom = 0;
};

bool cell_gap(const Glyph& a, const Glyph& b) {
  const double em = std::max(a.bottom - a.top, b.bottom - b.top);
  const bool same_line = b.top < a.bottom && a.top < b.bottom;
  return same_line && em > 0 && b.x0 - a.x1 > kCellGapEm * em;
}

// One line of poppler's text with its glyphs' boxes: the whitespace poppler wrote between two glyphs
// is kept, or replaced by a tab at a cell boundary. A gap between two single glyphs is a label spaced
// to fill its cell (案　　由, 询 问 笔 录: Word forms space them, see normalize/doc_facts.cpp) and is
// not a boundary: normalize reads "案 由" as 案由 but not "案\t由"; nor is the gap after a structure
// number ("第一条", is_number_alone), its undrawn full-width space.
std::string mark_cells(const std::string& line, const std::vector<Glyph>& g) {
  std::vector<bool> wide(g.size(), false);  // wide[i]: a cell gap between glyph i and i + 1
  for (size_t i = 0; i + 1 < g.size(); ++i) wide[i] = cell_gap(g[i], g[i + 1]);
  auto alone = [&](size_t i) { return (i == 0 || wide[i - 1]) && (i + 1 == g.size() || wide[i]); };
  std::string out = line.substr(0, g.empty() ? line.size() : g[0].end);
  for (size_t i = 0; i + 1 < g.size(); ++i) {
    if (wide[i] && is_number_alone(out)) out += "\xE3\x80\x80";
    else if (wide[i] && !(alone(i) && alone(i + 1))) out += '\t';
    else out.append(line, g[i].end, g[i + 1].begin - g[i].end);
    out.append(line, g[i + 1].begin, g[i + 1].end - g[i + 1].begin);
  }
  if (!g.empty()) out.append(line, g.back().end, std::string::npos);
  return out;
}

// The line `raw` as text_lines trims it, with its glyphs' extent when it stays one line.
void add_line(std::vector<PdfLine>& out, const std::string& raw, const std::vector<Glyph>& g) {
  std::vector<std::string> parts = text_lines(raw);
  for (std::string& t : parts) {
    PdfLine l{std::move(t)};
    if (parts.size() == 1 && !g.empty()) {
      l.x0 = g.front().x0, l.x1 = g.back().x1, l.top = g.front().top, l.bottom = g.front().bottom;
      double widest = 0, tallest = 0;
      for (const Glyph& x : g) {
        widest = std::max(widest, x.x1 - x.x0), tallest = std::max(tallest, x.bottom - x.top);
        l.top = std::min(l.top, x.top), l.bottom = std::max(l.bottom, x.bottom);
      }
      l.em = std::min(widest, tallest);
    }
    out.push_back(std::move(l));
  }
}

// The page's lines, a tab at each cell boundary (see mark_cells). Poppler's layout has one box per
// character of its text; where the counts differ the text is taken as poppler wrote it, boxless.
std::vector<PdfLine> page_lines(PopplerPage* page, int page_ordinal, std::string& text) {
  text = take(poppler_page_get_text(page));
  std::vector<PdfLine> out;
  PopplerRectangle* raw = nullptr;
  guint n = 0;
  if (!poppler_page_get_text_layout(page, &raw, &n)) {
    for (std::string& t : text_lines(text)) out.push_back({std::move(t)});
    return out;
  }
  std::unique_ptr<PopplerRectangle, GFree> boxes(raw);
  if (g_utf8_strlen(text.data(), static_cast<gssize>(text.size())) != static_cast<glong>(n)) {
    for (std::string& t : text_lines(text)) out.push_back({std::move(t)});
    return out;
  }
  std::string line;
  std::vector<Glyph> glyphs;
  guint i = 0;
  for (size_t at = 0; at < text.size(); ++i) {
    const size_t next = static_cast<size_t>(g_utf8_next_char(text.data() + at) - text.data());
    const char c = text[at];
    if (c == '\n') {
      add_line(out, mark_cells(line, glyphs), glyphs);
      line.clear();
      glyphs.clear();
    } else {
      if (c != ' ' && c != '\t' && c != '\r' && c != '\f') {
        const PopplerRectangle& r = boxes.get()[i];
        glyphs.push_back({line.size(), line.size() + (next - at), std::min(r.x1, r.x2), std::max(r.x1, r.x2),
                          std::min(r.y1, r.y2), std::max(r.y1, r.y2)});
      }
      line.append(text, at, next - at);
    }
    at = std::min(next, text.size());
  }
  add_line(out, mark_cells(line, glyphs), glyphs);
  rejoin_numbers(out);
  drop_page_numbers(out, page_ordinal);
  return out;
}

size_t non_blank_bytes(const std::string& s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f';
  }));
}

// Fraction of the page covered by images (sum of clipped rectangles, capped at 1).
double image_coverage(PopplerPage* page) {
  double w = 0, h = 0;
  poppler_page_get_size(page, &w, &h);
  if (!(w > 0 && h > 0)) return 0;
  GList* maps = poppler_page_get_image_mapping(page);
  double area = 0;
  for (GList* l = maps; l; l = l->next) {
    const auto* m = static_cast<const PopplerImageMapping*>(l->data);
    if (!m) continue;
    double x1 = std::clamp(std::min(m->area.x1, m->area.x2), 0.0, w);
    double x2 = std::clamp(std::max(m->area.x1, m->area.x2), 0.0, w);
    double y1 = std::clamp(std::min(m->area.y1, m->area.y2), 0.0, h);
    double y2 = std::clamp(std::max(m->area.y1, m->area.y2), 0.0, h);
    area += (x2 - x1) * (y2 - y1);
  }
  poppler_page_free_image_mapping(maps);
  return std::min(1.0, area / (w * h));
}

// GBK text shown through a WinAnsi font comes out as runs of U+0080..U+00FF (e.g. "Ä¿Â¼").
bool looks_like_latin1_mojibake(const std::string& utf8) {
  size_t latin1_high = 0, other_non_ascii = 0, ascii_alnum = 0;
  for (size_t i = 0; i < utf8.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      if (g_ascii_isalnum(static_cast<gchar>(c))) ++ascii_alnum;
      continue;
    }
    if ((c & 0xC0) == 0x80) continue;               // continuation byte
    if (c == 0xC2 || c == 0xC3) ++latin1_high;      // U+0080..U+00FF
    else ++other_non_ascii;
  }
  // Western text has a few accents among many ASCII letters; mojibake is mostly accents.
  return latin1_high >= 4 && latin1_high > 4 * other_non_ascii && 2 * latin1_high >= ascii_alnum;
}

DocPtr open_from_bytes(GBytes* bytes, ErrPtr& err) {
  GError* e = nullptr;
  PopplerDocument* d = poppler_document_new_from_bytes(bytes, nullptr, &e);
  err.reset(e);
  return DocPtr(d);
}

// poppler-glib 22.12 crashes when a *wrong* password is given to new_from_bytes/new_from_data (its
// UTF-8 retry does dynamic_cast<BytesStream*>(MemStream::copy()) -> nullptr) and reads freed memory
// in new_from_fd. Only new_from_file retries safely (it reopens the path). So a password attempt
// goes through an anonymous in-memory file (memfd, nothing on disk) opened by its /proc path.
DocPtr open_with_password(std::string_view bytes, const std::string& password, ErrPtr& err) {
  err.reset();
  const int fd = memfd_create("lianghua-pdf", MFD_CLOEXEC);
  if (fd < 0) return nullptr;
  bool written = true;
  for (size_t off = 0; off < bytes.size();) {
    const ssize_t n = write(fd, bytes.data() + off, bytes.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) { written = false; break; }
    off += static_cast<size_t>(n);
  }
  DocPtr doc;
  if (written) {
    const std::string uri = "file:///proc/self/fd/" + std::to_string(fd);
    GError* e = nullptr;
    doc.reset(poppler_document_new_from_file(uri.c_str(), password.c_str(), &e));
    err.reset(e);
  }
  close(fd);  // the document holds its own descriptor
  return doc;
}

// Opens the document, trying the configured password only once poppler says it is encrypted
// (§7.6); on failure the document is empty and `kind` and `why` say what to report.
DocPtr open_document(const Input& in, GBytes* bytes, bool& used_password, model::ErrorKind& kind, std::string& why) {
  ErrPtr err;
  DocPtr doc = open_from_bytes(bytes, err);
  if (!doc && err && g_error_matches(err.get(), POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED)) {
    const std::string& pw = in.options->pdf_password;
    kind = model::ErrorKind::Encrypted;
    if (pw.empty()) {
      why = "PDF 已加密，需要密码";
      return nullptr;
    }
    doc = open_with_password(in.bytes, pw, err);
    if (!doc) {  // known to be encrypted: any failure now means the password did not open it
      why = "PDF 已加密，配置的密码打不开";
      return nullptr;
    }
    used_password = true;
  }
  if (!doc) {
    kind = model::ErrorKind::Damaged;
    why = "PDF 无法打开（" + std::string(err && err->message ? err->message : "unknown error") + "）";
  }
  return doc;
}

// The document information dictionary (§14.3.3); the application is the Creator, else the Producer.
void read_info(PopplerDocument* doc, model::Metadata& m) {
  m.title = take(poppler_document_get_title(doc));
  m.author = take(poppler_document_get_author(doc));
  m.subject = take(poppler_document_get_subject(doc));
  std::string creator = take(poppler_document_get_creator(doc));
  std::string producer = take(poppler_document_get_producer(doc));
  m.application = !creator.empty() ? creator : producer;
  m.created = iso_date(poppler_document_get_creation_date_time(doc));
  m.modified = iso_date(poppler_document_get_modification_date_time(doc));
}

// How many of the claimed pages loaded, and which did not (see kMaxUnloadableRun).
struct PageCount {
  int loaded = 0, unloadable = 0, first_unloadable = 0;
};

// Each page that loads: its paragraphs (pdf_paragraphs) into `section` and `all_text`, a PageBreak
// before every page but the first, scanned pages counted in `m`.
PageCount read_pages(PopplerDocument* doc, int claimed, model::Section& section, std::string& all_text,
                     model::Metadata& m) {
  PageCount c;
  std::vector<std::vector<PdfLine>> pages;
  int run = 0;
  for (int i = 0; i < claimed; ++i) {
    PagePtr page(run < kMaxUnloadableRun ? poppler_document_get_page(doc, i) : nullptr);
    if (!page) {
      if (c.unloadable++ == 0) c.first_unloadable = i + 1;
      ++run;
      continue;
    }
    run = 0;
    ++c.loaded;
    std::string text;
    pages.push_back(page_lines(page.get(), i + 1, text));
    if (non_blank_bytes(text) < kScanMaxTextBytes && image_coverage(page.get()) >= kScanCoverage) ++m.scanned_pages;
  }
  const std::vector<std::vector<std::string>> paragraphs = pdf_paragraphs(pages);
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    if (i > 0) section.blocks.push_back(model::Block{model::PageBreak{}});
    for (const std::string& para : paragraphs[i]) {
      all_text += para;
      model::Paragraph p;
      p.runs.push_back(model::Run{para});
      section.blocks.push_back(model::Block{std::move(p)});
    }
  }
  return c;
}

ReadResult read_pdf_impl(const Input& in) {
  use_poppler();  // quiet, and poppler's CMaps read once per process
  if (in.bytes.empty()) return failed(model::Format::Pdf, model::ErrorKind::Damaged, "PDF 为空（0 字节）");

  // The document only borrows the bytes; `in.bytes` outlives it (it is released before we return).
  std::unique_ptr<GBytes, GBytesFree> bytes(g_bytes_new_static(in.bytes.data(), in.bytes.size()));
  bool used_password = false;
  model::ErrorKind kind = model::ErrorKind::Damaged;
  std::string why;
  DocPtr doc = open_document(in, bytes.get(), used_password, kind, why);
  if (!doc) return failed(model::Format::Pdf, kind, why);

  // The page tree's /Count is a claim (issue 13: /Count 1000000 over one real page was read as a
  // million pages with 999,999 identical problems). The page count is of the pages that load; those
  // that do not are counted in one problem, and after kMaxUnloadableRun in a row the rest are not
  // tried (poppler walks the tree for each).
  const int claimed = poppler_document_get_n_pages(doc.get());
  if (claimed <= 0)
    return failed(model::Format::Pdf, model::ErrorKind::Damaged, "PDF 没有页面（不完整或已损坏）");

  ReadResult r;
  model::Metadata& m = r.meta;
  m.format = model::Format::Pdf;
  read_info(doc.get(), m);
  if (used_password) m.problems.push_back("PDF was encrypted; opened with the configured password");
  if (!(poppler_document_get_permissions(doc.get()) & POPPLER_PERMISSIONS_OK_TO_COPY))
    m.problems.push_back("PDF permissions forbid copying text (owner password); text was extracted for the archive");

  model::Section section;
  std::string all_text;
  const PageCount c = read_pages(doc.get(), claimed, section, all_text, m);
  if (c.loaded == 0)
    return failed(model::Format::Pdf, model::ErrorKind::Damaged,
                  "PDF has no page that loads (its page tree claims " + std::to_string(claimed) + ")");
  m.pages = c.loaded;
  const int n = c.loaded;
  if (c.unloadable > 0)
    m.problems.push_back(std::to_string(c.unloadable) + " of the " + std::to_string(claimed) +
                         " pages the page tree claims cannot be loaded (the first is page " +
                         std::to_string(c.first_unloadable) + "); the page count is of the " +
                         std::to_string(c.loaded) + " that load");
  r.doc.sections.push_back(std::move(section));

  if (m.scanned_pages > 0)
    m.problems.push_back(std::to_string(m.scanned_pages) + " of " + std::to_string(n) +
                         " pages are scanned images without a text layer");
  if (looks_like_latin1_mojibake(all_text))
    m.problems.push_back(
        "extracted text is mostly Latin-1 accented characters: probably GBK codes behind a WinAnsi font (mojibake)");
  return r;
}

}  // namespace

ReadResult read_pdf(const Input& in) {
  try {
    return read_pdf_impl(in);
  } catch (const std::exception& e) {
    return failed(model::Format::Pdf, model::ErrorKind::Damaged, std::string("PDF reader failed: ") + e.what());
  } catch (...) {
    return failed(model::Format::Pdf, model::ErrorKind::Damaged, "PDF reader failed");
  }
}

}  // namespace lh::ingest
