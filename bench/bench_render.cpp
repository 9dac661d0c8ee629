// Render benchmark: a 40-page and a 300-page generated manual (headings, body, tables, TOC) and
// 200 one-page signs, and 100 two-page documents one PDF each (the reading copies' shape), each laid out and written to PDF (qpdf pass included) in one process.
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
// CPU time of this process (user + system): unlike wall time, not inflated when other work
// shares the machine's cores.
static double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}
static long peak_rss_kb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

// The manual generator's argument giving about `pages` pages (calibrated once).
static model::Document manual_of(int pages) { return sample::manual(pages * 16 / 13); }

// The generated manual repeats its 12 sentences, so identical paragraphs recur and the layout's
// shape cache would hit across paragraphs. This variant numbers every body paragraph so that only
// genuine repetition (headers, page numbers, table cells, the TOC's second pass) is shared.
static model::Document unique_paragraphs(model::Document d) {
  int n = 0;
  for (model::Section& s : d.sections)
    for (model::Block& b : s.blocks)
      if (auto* p = std::get_if<model::Paragraph>(&b.value); p && p->heading_level == 0 && !p->runs.empty())
        p->runs[0].text = "（第" + std::to_string(++n) + "段）" + p->runs[0].text;
  return d;
}

static double setup_cpu_ms = 0;

static void run(const char* name, const model::Document& doc, const layout::Style& style,
                const layout::FontSet& fonts, double setup_ms) {
  auto t0 = Clock::now();
  const double c0 = cpu_ms();
  layout::Laid laid = layout::lay_out(doc, style, fonts);
  const double lay_ms = ms_since(t0), lay_cpu = cpu_ms() - c0;
  auto t1 = Clock::now();
  const double c1 = cpu_ms();
  pdf::PdfOptions o;
  o.date = "2024-01-01T00:00:00+08:00";
  o.finalize = false;  // timed apart: write_pdf's own qpdf pass, run the same way below
  std::string bytes = pdf::write_pdf(laid, o);
  const double cairo_cpu = cpu_ms() - c1;
  pdf::FinalizeOptions fo;
  fo.strict = true;
  bytes = pdf::finalize_with_qpdf(bytes, fo);
  const double pdf_ms = ms_since(t1), pdf_cpu = cpu_ms() - c1;
  const double total = setup_ms + lay_ms + pdf_ms;
  if (const char* dir = std::getenv("LH_BENCH_OUT")) {  // keep the PDF (determinism checks, pdffonts)
    std::string path = std::string(dir) + "/" + name + ".pdf";
    for (char& c : path) if (c == ' ' || c == ',') c = '_';
    if (FILE* f = std::fopen(path.c_str(), "wb")) {
      std::fwrite(bytes.data(), 1, bytes.size(), f);
      std::fclose(f);
    }
  }
  std::printf("%-22s %4zu pages  layout %7.1f ms  pdf %7.1f ms  all-in %7.1f ms  %7.0f pages/s  %6.0f KB  peak RSS %ld MB"
              "  | cpu: layout %.1f cairo %.1f qpdf %.1f all-in %.1f ms\n",
              name, laid.pages.size(), lay_ms, pdf_ms, total, laid.pages.size() / (total / 1000.0),
              bytes.size() / 1024.0, peak_rss_kb() / 1024, lay_cpu, cairo_cpu, pdf_cpu - cairo_cpu,
              setup_cpu_ms + lay_cpu + pdf_cpu);
}

int main(int argc, char** argv) {
  const std::string only = argc > 1 ? argv[1] : "";
  if (!std::getenv("LH_NO_TUNE")) pdf::tune_allocator_for_fonts();
  auto t0 = Clock::now();
  // LH_ROLES: another roles.json (to compare font sets).
  const char* roles = std::getenv("LH_ROLES");
  layout::FontSet fonts = layout::FontSet::load(roles ? roles : "");
  layout::Style gongwen = layout::load_style("gongwen");
  const double setup_ms = ms_since(t0);
  setup_cpu_ms = cpu_ms();
  std::printf("fonts + style loaded in %.1f ms\n", setup_ms);
  if (only.empty() || only == "40") run("manual 40 pages", manual_of(40), gongwen, fonts, setup_ms);
  if (only.empty() || only == "40u") run("manual 40, unique", unique_paragraphs(manual_of(40)), gongwen, fonts, setup_ms);
  setup_cpu_ms = 0;  // paid once, counted in the first case only
  if (only.empty() || only == "signs") run("200 signs", sample::signs(200), gongwen, fonts, 0);
  if (only.empty() || only == "signs-files") {
    // 200 signs as 200 separate one-page PDFs (font subsetting paid per file).
    auto t = Clock::now();
    const double c = cpu_ms();
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
    std::printf("%-22s  200 files  all-in %7.1f ms  %7.0f pages/s  %6.0f KB  peak RSS %ld MB  | cpu %.1f ms\n",
                "200 signs, 1 PDF each", ms, 200 / (ms / 1000), bytes / 1024.0, peak_rss_kb() / 1024, cpu_ms() - c);
  }
  if (only.empty() || only == "signs-split") {
    // The same 200 files, drawn once and split by qpdf (pdf::write_pdf_per_page).
    auto t = Clock::now();
    const double c = cpu_ms();
    pdf::PdfOptions o;
    o.date = "2024-01-01T00:00:00+08:00";
    std::vector<std::string> files = pdf::write_pdf_per_page(layout::lay_out(sample::signs(200), gongwen, fonts), o);
    const double ms = ms_since(t);
    size_t bytes = 0;
    for (const auto& f : files) bytes += f.size();
    if (const char* dir = std::getenv("LH_BENCH_OUT"))
      for (size_t i = 0; i < files.size(); i += 50)
        if (FILE* f = std::fopen((std::string(dir) + "/sign" + std::to_string(i) + ".pdf").c_str(), "wb")) {
          std::fwrite(files[i].data(), 1, files[i].size(), f);
          std::fclose(f);
        }
    std::printf("%-22s  %zu files  all-in %7.1f ms  %7.0f pages/s  %6.0f KB  peak RSS %ld MB  | cpu %.1f ms\n",
                "200 signs, split", files.size(), ms, files.size() / (ms / 1000), bytes / 1024.0, peak_rss_kb() / 1024,
                cpu_ms() - c);
  }
  if (only.empty() || only == "copies") {
    // 100 different two-page documents, one PDF each: the shape of the nightly run's re-typeset
    // reading copies (every file pays its own font subsetting).
    auto t = Clock::now();
    const double c = cpu_ms();
    size_t bytes = 0;
    for (int i = 0; i < 100; ++i) {
      model::Document d = sample::manual(2 + i % 3, false, i % 2 == 0);
      for (model::Section& sec : d.sections)
        for (model::Block& b : sec.blocks)
          if (auto* p = std::get_if<model::Paragraph>(&b.value); p && !p->runs.empty())
            p->runs[0].text = sample::prose(i, 1).substr(0, 3 * (i % 7 + 1)) + p->runs[0].text;
      pdf::PdfOptions o;
      o.date = "2024-01-01T00:00:00+08:00";
      o.subset_fonts = !std::getenv("LH_WHOLE_FONTS");  // LH_WHOLE_FONTS=1: cairo subsets the whole fonts
      bytes += pdf::write_pdf(layout::lay_out(d, gongwen, fonts), o).size();
    }
    const double ms = ms_since(t);
    std::printf("%-22s  100 files  all-in %7.1f ms  %5.1f ms/file  %6.0f KB/file  peak RSS %ld MB  | cpu %.1f ms/file\n",
                "100 documents, 1 PDF each", ms, ms / 100, bytes / 1024.0 / 100, peak_rss_kb() / 1024, (cpu_ms() - c) / 100);
  }
  if (only.empty() || only == "300") run("manual 300 pages", manual_of(300), gongwen, fonts, 0);
  return 0;
}
