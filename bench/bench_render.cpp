// Render benchmark: a 40-page and a 300-page generated manual (headings, body, tables, TOC) and
// 200 one-page signs, each laid out and written to PDF (qpdf pass included) in one process.
// Prints wall time, pages/s and peak RSS (getrusage). Floors (issue): 40 pages well under 0.3 s
// all-in; 200 signs under 0.5 s.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "../tests/layout/sample_doc.h"
#include "layout/layout.h"
#include "pdf/pdf.h"

using namespace lh;
using Clock = std::chrono::steady_clock;

static double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}
static long peak_rss_kb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

// The manual generator's argument giving about `pages` pages (calibrated once).
static model::Document manual_of(int pages) { return sample::manual(pages * 16 / 13); }

static void run(const char* name, const model::Document& doc, const layout::Style& style,
                const layout::FontSet& fonts, double setup_ms) {
  auto t0 = Clock::now();
  layout::Laid laid = layout::lay_out(doc, style, fonts);
  const double lay_ms = ms_since(t0);
  auto t1 = Clock::now();
  pdf::PdfOptions o;
  o.date = "2024-01-01T00:00:00+08:00";
  std::string bytes = pdf::write_pdf(laid, o);
  const double pdf_ms = ms_since(t1);
  const double total = setup_ms + lay_ms + pdf_ms;
  std::printf("%-22s %4zu pages  layout %7.1f ms  pdf %7.1f ms  all-in %7.1f ms  %7.0f pages/s  %6.0f KB  peak RSS %ld MB\n",
              name, laid.pages.size(), lay_ms, pdf_ms, total, laid.pages.size() / (total / 1000.0),
              bytes.size() / 1024.0, peak_rss_kb() / 1024);
}

int main(int argc, char** argv) {
  const std::string only = argc > 1 ? argv[1] : "";
  if (!std::getenv("LH_NO_TUNE")) pdf::tune_allocator_for_fonts();
  auto t0 = Clock::now();
  layout::FontSet fonts = layout::FontSet::load();
  layout::Style gongwen = layout::load_style("gongwen");
  const double setup_ms = ms_since(t0);
  std::printf("fonts + style loaded in %.1f ms\n", setup_ms);
  if (only.empty() || only == "40") run("manual 40 pages", manual_of(40), gongwen, fonts, setup_ms);
  if (only.empty() || only == "signs") run("200 signs", sample::signs(200), gongwen, fonts, 0);
  if (only.empty() || only == "signs-files") {
    // 200 signs as 200 separate one-page PDFs (font subsetting paid per file).
    auto t = Clock::now();
    model::Document all = sample::signs(200);
    size_t bytes = 0;
    for (const auto& page : all.sections[0].fixed_pages) {
      model::Document one;
      model::Section s = all.sections[0];
      s.fixed_pages = {page};
      one.sections.push_back(std::move(s));
      pdf::PdfOptions o;
      o.date = "2024-01-01T00:00:00+08:00";
      bytes += pdf::write_pdf(layout::lay_out(one, gongwen, fonts), o).size();
    }
    const double ms = ms_since(t);
    std::printf("%-22s  200 files  all-in %7.1f ms  %7.0f pages/s  %6.0f KB  peak RSS %ld MB\n", "200 signs, 1 PDF each",
                ms, 200 / (ms / 1000), bytes / 1024.0, peak_rss_kb() / 1024);
  }
  if (only.empty() || only == "300") run("manual 300 pages", manual_of(300), gongwen, fonts, 0);
  return 0;
}
