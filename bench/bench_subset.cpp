// Font cut benchmark (issues 12 and 15: hb-subset's plan creation was 11-13 % of a first night's
// CPU): the cost of one cut as the PDF writer makes it (CFF source, glyphs only, desubroutinized,
// layout tables dropped: pdf/subset.cpp) and as the OFD writer makes it (the glyf form, glyphs and
// characters: ofd/fonts.cpp), for a document-sized set of characters drawn from each font's cmap
// (fixed seed, tests/support/font_cut_reference.h). Prints CPU ms per cut planned on the whole face
// (as before session 9) and on the cmap view (fonts/cmap_view.h), alternating.
// bench_subset [chars=400] [reps=20]
#include <hb-subset.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "../tests/support/font_cut_reference.h"
#include "fonts/font_subset.h"
#include "ofd/internal.h"
#include "pdf/subset.h"

using namespace lh;

static double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

// CPU ms per call of f, over reps.
template <class F>
static double per_call(int reps, F f) {
  const double c0 = cpu_ms();
  for (int i = 0; i < reps; ++i) f();
  return (cpu_ms() - c0) / reps;
}

int main(int argc, char** argv) {
  const size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 400;
  const int reps = argc > 2 ? std::atoi(argv[2]) : 20;
  const std::string dir = std::string(LIANGHUA_BENCH_FONTS) + "/";
  const char* files[] = {"FandolFang-Regular.otf", "NotoSerifCJKsc-Regular.subset.otf", "NotoSansCJKsc-Regular.subset.otf"};
  std::printf("CPU ms per cut of ~%zu characters (%d reps, whole face and view alternating)\n", n, reps);
  std::printf("%-36s %6s | %11s %9s | %11s %9s\n", "font", "glyphs", "pdf whole", "pdf view", "ofd whole", "ofd view");
  for (const char* name : files) {
    const std::string file = dir + name;
    hb_face_t* face = fonts::source_face(file, 0);
    if (!face) {
      std::printf("%-36s missing\n", name);
      continue;
    }
    const test::CutRequest c = test::document_request(face, n, 0, 0, 20240601);
    const fonts::SubsetRequest pdf = pdf::detail::cut_request(c.glyphs);
    ofd::detail::EmbeddedFont f;
    f.glyphs = c.glyphs;
    f.unicodes = c.unicodes;
    const fonts::SubsetRequest ofd = ofd::detail::cut_request(f);
    const std::string form = ofd::detail::glyf_form(file, 0, ofd.drop_tables);
    double t[4] = {0, 0, 0, 0};
    for (int i = 0; i <= reps; ++i) {  // the first round warms the faces and is not counted
      const double w[4] = {per_call(1, [&] { test::whole_face_cut(file, 0, pdf); }), per_call(1, [&] { fonts::subset_font(file, 0, pdf); }),
                           per_call(1, [&] { test::whole_face_cut(form, 0, ofd); }), per_call(1, [&] { fonts::subset_font(form, 0, ofd); })};
      for (int k = 0; i > 0 && k < 4; ++k) t[k] += w[k] / reps;
    }
    std::printf("%-36s %6zu | %11.2f %9.2f | %11.2f %9.2f\n", name, c.glyphs.size(), t[0], t[1], t[2], t[3]);
  }
  return 0;
}
