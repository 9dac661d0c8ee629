// Sign pack benchmark (issue 10 item 11): 200 signs of mixed types (门牌, 岗位牌, 盒脊 labels with QR
// codes, 档案柜 labels, hall signs, the 公示栏, unit plates) composed, fitted, laid out once and
// written as 200 PDFs (one cairo pass, then qpdf writes it once per page, pdf::write_pdf_per_page)
// in one process, then a PNG preview each.
// Prints wall and CPU time per phase. Floor (issue): under 0.5 s for the 200 PDFs.
// With --typst DIR, also writes DIR/signs.typ (the same signs as Typst, signs_typst.h) and DIR/emblem.svg.
// Usage: bench_signs [count=200] [--no-previews] [--typst DIR] (run from the project folder, or with
// LIANGHUA_SOURCE_DIR set).
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>

#include "signs_typst.h"

#include "cli/signage_inputs.h"
#include "compose/signs/signs.h"
#include "layout/layout.h"
#include "model/paths.h"
#include "pdf/pdf.h"
#include "pdf/preview.h"

using namespace lh;
namespace sg = compose::signs;
using Clock = std::chrono::steady_clock;

static double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }
static double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

// The mix: numbered so no two signs are the same text (the layout's shape cache gets no free hits).
// first: the number of the first sign (the warm-up's signs are numbered apart from the timed ones).
static std::vector<sg::Sign> mixed(int count, const sg::SignTypes& types, int first = 0) {
  static const char* rooms[] = {"调解室", "执法问询室", "快速检测室", "综合服务大厅", "执法装备库", "罚没物品库", "档案室", "会议室"};
  static const char* posts[] = {"登记注册岗", "食品安全监管岗", "特种设备监管岗", "消费维权岗", "综合执法岗"};
  std::vector<sg::Sign> out;
  for (int i = 0; i < count; ++i) {
    sg::Sign s;
    const std::string n = std::to_string(first + i + 1);
    switch (i % 10) {
      case 0: case 1: case 2:
        s.type = "door-plate";
        s.texts = {{"room", std::string(rooms[i % 8]) + n}, {"number", std::to_string(100 + i)}, {"english", "Room " + n}};
        break;
      case 3: case 4:
        s.type = "post-plate";
        s.texts = {{"post", std::string(posts[i % 5])}, {"person", "工作人员" + n}};
        break;
      case 5: case 6: {
        s.type = "spine-30";
        char code[64];
        std::snprintf(code, sizeof code, "Z109-WS·2024-D30-SMS-%04d", i * 50 + 1);
        s.texts = {{"fonds", "Z109"}, {"year", "2024"}, {"retention", "30年"}, {"organisation", "SMS"},
                   {"first", std::to_string(i * 50 + 1)}, {"last", std::to_string(i * 50 + 50)}, {"box", n}, {"category", "文书档案"}};
        s.qr = std::string(code) + "~" + code;
        s.category_rgb = 0x1565C0;
        break;
      }
      case 7:
        s.type = "cabinet-label";
        s.texts = {{"category", "行政处罚案件"}, {"title", "行政处罚案件　2024"}, {"boxes", "第" + n + "柜　共6盒"},
                   {"items", "Z109-AJ·2024-Y-SMS-0001 至 Z109-AJ·2024-Y-SMS-0180"}, {"location", "位置 01-01-01-01 至 01-01-02-02"}};
        s.qr = "Z109-AJ·2024-Y-SMS-0001~Z109-AJ·2024-Y-SMS-0180";
        s.category_rgb = 0xC62828;
        break;
      case 8:
        s.type = i % 20 == 8 ? "hall-sign" : "notice-board";
        s.texts = {{"title", "综合执法" + n}};
        break;
      default:
        s.type = i % 20 == 9 ? "unit-plate" : "floor-index";
        s.texts = {{"entries", "1F　101　综合服务大厅\n1F　102　执法装备库\n2F　201　党建活动室" + n}};
    }
    s.title = s.file = s.type + "-" + n;
    out.push_back(std::move(s));
  }
  (void)types;
  return out;
}

int main(int argc, char** argv) {
  int count = 200;
  bool previews = true;  // --no-previews: the PDFs only
  std::string typst_dir;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--no-previews") {
      previews = false;
    } else if (a == "--typst" && i + 1 < argc) {
      typst_dir = argv[++i];
    } else if (std::from_chars(a.data(), a.data() + a.size(), count).ec != std::errc() || count < 1) {
      std::fprintf(stderr, "usage: bench_signs [count=200] [--no-previews] [--typst DIR]\n");
      return 2;
    }
  }
  pdf::tune_allocator_for_fonts();
  const std::string spec = (model::project_root() / "samples" / "signage" / "spec.xml").string();
  auto in = cli::load_signage_inputs(spec, "", "", [](const std::string& p) { std::fprintf(stderr, "%s\n", p.c_str()); });
  const layout::FontSet fonts = layout::FontSet::load();
  const layout::Style style = layout::load_style("plain");
  const std::vector<sg::Sign> signs = mixed(count, in.types);

  // Warm-up outside the timing: the first use of every font the signs use (fontconfig, HarfBuzz
  // and FreeType face loading, the first check of a CFF table), as Typst's run.js loads its fonts
  // before its clock starts. One sign of each kind of the mix (20 cover them all), numbered apart
  // from the timed signs; nothing of it is reused (the shape cache is made after it, and the font
  // cut is for other glyphs). A warm-up of one 门牌 left ~50 ms of first-font loading in the timing.
  {
    model::Document d;
    for (const sg::Sign& s : mixed(std::min(count, 20), in.types, 100000))
      d.sections.push_back(sg::compose_sign(s, *in.types.find(s.type), in.types, in.brand, fonts, false).section);
    pdf::write_pdf_per_page(layout::lay_out(d, style, fonts));
  }
  const double cpu0 = cpu_ms();
  const auto t0 = Clock::now();
  std::optional<layout::ShapeCache> shapes(std::in_place);  // as `lianghua signage` does
  model::Document pack;
  std::vector<double> insets;
  for (const sg::Sign& s : signs) {
    sg::ComposedSign c = sg::compose_sign(s, *in.types.find(s.type), in.types, in.brand, fonts, false);
    insets.push_back(c.offset_mm * 72 / 25.4);
    pack.sections.push_back(std::move(c.section));
  }
  const double compose_ms = ms_since(t0);
  const auto t1 = Clock::now();
  const layout::Laid laid = layout::lay_out(pack, style, fonts);
  const double layout_ms = ms_since(t1);
  const auto t2 = Clock::now();
  const std::vector<std::string> pdfs = pdf::write_pdf_per_page(laid);
  shapes.reset();
  const double pdf_ms = ms_since(t2);
  const double cpu_pdfs = cpu_ms() - cpu0;
  const auto t3 = Clock::now();
  size_t png_bytes = 0;
  for (size_t i = 0; previews && i < pdfs.size(); ++i) png_bytes += pdf::preview_png(pdfs[i], 0, insets[i], 480).size();
  const double preview_ms = ms_since(t3);
  size_t pdf_bytes = 0;
  for (const auto& p : pdfs) pdf_bytes += p.size();
  std::printf("bench_signs: %d signs: compose+fit %.0f ms, layout %.0f ms, PDF (1 cairo pass + qpdf per page) %.0f ms\n",
              count, compose_ms, layout_ms, pdf_ms);
  std::printf("bench_signs: %d PDFs in %.0f ms wall, %.0f ms CPU (%.2f ms/sign); %zu KB of PDF\n", count,
              compose_ms + layout_ms + pdf_ms, cpu_pdfs, (compose_ms + layout_ms + pdf_ms) / count, pdf_bytes / 1024);
  if (previews) std::printf("bench_signs: previews (poppler, 480 px) %.0f ms; %zu KB of PNG\n", preview_ms, png_bytes / 1024);
  if (!typst_dir.empty()) {
    std::ofstream(typst_dir + "/signs.typ", std::ios::binary) << bench::signs_as_typst(pack.sections, fonts, "emblem.svg");
    if (in.brand.emblem) std::ofstream(typst_dir + "/emblem.svg", std::ios::binary) << in.brand.emblem->bytes;
  }
  return 0;
}
