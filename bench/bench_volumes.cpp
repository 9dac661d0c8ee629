// Volume benchmark (issue 5 §7): 案卷.pdf for N cases (default 100) of about 30 pages each —
// per case 3 source PDFs of 6 pages (copied losslessly by qpdf) and 2 text documents of about 6
// pages (re-typeset in the 公文 style), plus 封面, 目录 and 备考表. Prints wall and CPU time,
// pages per second and peak RSS.   bench_volumes [cases=100]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "filing/office.h"
#include "filing/scheme.h"
#include "model/paths.h"
#include "render/render_document.h"
#include "compose/volume.h"
#include "compose/volume_forms.h"

using namespace lh;
namespace fs = std::filesystem;
using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

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

static std::string body_text(int seed, int paragraphs) {
  static const char* kSentences[] = {
      "执法人员依法对当事人的经营场所进行了现场检查，当事人的负责人在场并配合检查。",
      "经查，当事人在其经营场所内摆放待售的预包装食品中，有部分食品已超过标签标示的保质期。",
      "执法人员当场对涉案食品进行了清点、拍照，并依法实施了先行登记保存措施。",
      "当事人对上述事实无异议，并在现场笔录及相关证据材料上逐页签名确认。",
      "依据《中华人民共和国食品安全法》的有关规定，本局决定对当事人作出行政处罚。"};
  std::string t;
  for (int p = 0; p < paragraphs; ++p) {
    t += "第" + std::to_string(seed) + "-" + std::to_string(p + 1) + "段　";
    for (int s = 0; s < 4; ++s) t += kSentences[(p + s + seed) % 5];
    t += "\n";
  }
  return t;
}

int main(int argc, char** argv) {
  int cases = argc > 1 ? std::atoi(argv[1]) : 100;
  fs::path root = fs::temp_directory_path() / ("lh-bench-volumes-" + std::to_string(getpid()));
  fs::create_directories(root);
  auto sl = filing::load_scheme(model::templates_dir() / "scheme" / "default.xml");
  auto ol = filing::load_office(model::templates_dir().parent_path() / "samples" / "office.xml",
                                model::templates_dir() / "scheme" / "office.xsd");
  if (!sl.scheme || !ol.office) { std::fprintf(stderr, "cannot load scheme/office\n"); return 2; }
  const compose::RenderKit& kit = compose::render_kit();

  // One 6-page source PDF (bytes shared by all cases, as a scanner's output would not be).
  model::Document src;
  model::Section sec;
  for (int p = 0; p < 22; ++p) sec.blocks.push_back(compose::forms::block(compose::forms::para(body_text(p, 1), model::Align::Justify, 16, false, model::FontRole::Body, 2)));
  src.sections.push_back(sec);
  render::RenderOptions ro;
  ro.docx = false;
  ro.date = "2024-03-01";
  auto rendered = render::render_document(src, kit.gongwen, kit.fonts, ro);
  std::printf("source PDF: %d pages, %zu bytes\n", rendered.pages, rendered.pdf.size());

  std::vector<std::vector<json>> all(static_cast<size_t>(cases));
  for (int c = 0; c < cases; ++c) {
    std::string folder = "AJ/2024/case" + std::to_string(c);
    fs::create_directories(root / folder / "正卷");
    int n = 0;
    auto item = [&](const std::string& name, const std::string& bytes, const std::string& fmt, int doc, int slot) {
      std::string rel = folder + "/正卷/" + name;
      std::ofstream(root / rel, std::ios::binary) << bytes;
      char code[64];
      std::snprintf(code, sizeof code, "Z109-AJ\u00B72024-Y-SMS-%04d", c * 10 + ++n);
      all[static_cast<size_t>(c)].push_back({{"archival_code", code}, {"category", "AJ"}, {"format", fmt}, {"volume", "正卷"},
                                             {"slot_order", slot}, {"doc_number", doc}, {"date", "2024-03-0" + std::to_string(n)},
                                             {"title", name}, {"retention", "Y"}, {"year", 2024},
                                             {"case_number", "南市监处罚〔2024〕" + std::to_string(c + 1) + "号"},
                                             {"case_name", "case" + std::to_string(c)},
                                             {"files", json::array({{{"role", "original"}, {"path", rel}}})}});
    };
    item("立案审批表.txt", "立案审批表\n案由：经营超过保质期的食品\n" + body_text(c, 14), "text", 7, 1);
    item("行政处罚决定书.pdf", rendered.pdf, "pdf", 45, 2);
    item("现场笔录.pdf", rendered.pdf, "pdf", 9, 4);
    item("询问笔录.pdf", rendered.pdf, "pdf", 14, 4);
    item("案件调查终结报告.txt", body_text(c + 7, 14), "text", 35, 7);
  }
  compose::VolumeOptions vo;
  vo.archived_date = "2024-12-01";
  vo.docx = false;
  auto t0 = Clock::now();
  double c0 = cpu_ms();
  long pages = 0;
  size_t bytes = 0;
  for (int c = 0; c < cases; ++c) {
    vo.volume_no = std::to_string(c + 1);
    auto vb = compose::build_case_volume(all[static_cast<size_t>(c)], root, *sl.scheme, *ol.office, vo);
    pages += vb.total_pages;
    bytes += vb.pdf.size();
  }
  double wall = std::chrono::duration<double>(Clock::now() - t0).count();
  double cpu = (cpu_ms() - c0) / 1000;
  std::printf("volumes: %d cases, %ld pages (%.1f per case), %.1f MB\n", cases, pages, double(pages) / cases, bytes / 1e6);
  std::printf("wall %.2f s, cpu %.2f s, %.1f pages/s (wall), %.1f pages/s (cpu), peak RSS %.0f MB\n", wall, cpu, pages / wall,
              pages / cpu, peak_rss_kb() / 1024.0);
  fs::remove_all(root);
  return 0;
}
