// Font cut benchmark (issues 12 and 15: hb-subset's plan creation was 11-13 % of a first night's
// CPU): the cost of one cut as the PDF writer makes it (CFF source, glyphs only, desubroutinized,
// layout tables dropped: pdf/subset.cpp) and as the OFD writer makes it (the glyf form, glyphs and
// characters: ofd/fonts.cpp), for a document-sized set of characters drawn from each font's cmap
// (fixed seed). Prints ms of CPU per cut, the plan's share measured by planning alone.
// bench_subset [chars=400] [reps=20]
#include <hb-subset.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "fonts/font_subset.h"
#include "ofd/internal.h"

using namespace lh;

static double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

struct Chars {
  std::set<uint32_t> glyphs, unicodes;
};

// `n` characters of the face's cmap (CJK ideographs mostly, some ASCII and punctuation), fixed seed.
static Chars pick(hb_face_t* face, size_t n, unsigned seed) {
  hb_set_t* all = hb_set_create();
  hb_face_collect_unicodes(face, all);
  std::vector<uint32_t> cjk, other;
  for (hb_codepoint_t u = HB_SET_VALUE_INVALID; hb_set_next(all, &u);)
    ((u >= 0x4E00 && u <= 0x9FFF) ? cjk : other).push_back(u);
  hb_set_destroy(all);
  hb_font_t* font = hb_font_create(face);
  std::mt19937 rng(seed);
  Chars c;
  auto take = [&](const std::vector<uint32_t>& from, size_t k) {
    for (size_t i = 0; i < k && !from.empty(); ++i) {
      const uint32_t u = from[rng() % from.size()];
      hb_codepoint_t g = 0;
      if (hb_font_get_nominal_glyph(font, u, &g)) c.unicodes.insert(u), c.glyphs.insert(g);
    }
  };
  take(cjk, n * 9 / 10);
  take(other, n / 10);
  hb_font_destroy(font);
  return c;
}

static const std::vector<const char*> kPdfDrop = {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "vhea", "vmtx",
                                                  "VORG", "DSIG", "kern", "morx", "mort", "feat", "COLR", "CPAL",
                                                  "SVG ", "sbix", "CBDT", "CBLC", "EBDT", "EBLC", "EBSC", "meta"};
static const std::vector<const char*> kOfdDrop = {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "VORG", "vhea", "vmtx",
                                                  "DSIG", "hdmx", "LTSH", "VDMX", "kern", "fpgm", "prep", "cvt ", "gasp"};

// CPU ms per call of f, over reps.
template <class F>
static double per_call(int reps, F f) {
  const double c0 = cpu_ms();
  for (int i = 0; i < reps; ++i) f();
  return (cpu_ms() - c0) / reps;
}

// ms per hb_subset_plan_create_or_fail alone (the request as the wrapper builds it).
static double plan_ms(const std::string& file, int index, const fonts::SubsetRequest& r, int reps) {
  hb_face_t* face = fonts::source_face(file, index);
  return per_call(reps, [&] {
    hb_subset_input_t* in = hb_subset_input_create_or_fail();
    hb_set_add(hb_subset_input_glyph_set(in), 0);
    for (uint32_t g : r.glyphs) hb_set_add(hb_subset_input_glyph_set(in), g);
    for (uint32_t u : r.unicodes) hb_set_add(hb_subset_input_unicode_set(in), u);
    for (const char* t : r.drop_tables) hb_set_add(hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG), hb_tag_from_string(t, 4));
    hb_subset_input_set_flags(in, r.flags);
    hb_subset_plan_destroy(hb_subset_plan_create_or_fail(face, in));
    hb_subset_input_destroy(in);
  });
}

int main(int argc, char** argv) {
  const size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 400;
  const int reps = argc > 2 ? std::atoi(argv[2]) : 20;
  const std::string dir = std::string(LIANGHUA_BENCH_FONTS) + "/";
  const char* files[] = {"FandolFang-Regular.otf", "NotoSerifCJKsc-Regular.subset.otf", "NotoSansCJKsc-Regular.subset.otf"};
  std::printf("%-36s %6s | %9s %9s | %9s %9s\n", "font", "glyphs", "pdf ms", "pdf plan", "ofd ms", "ofd plan");
  for (const char* name : files) {
    const std::string file = dir + name;
    hb_face_t* face = fonts::source_face(file, 0);
    if (!face) {
      std::printf("%-36s missing\n", name);
      continue;
    }
    const Chars c = pick(face, n, 20240601);
    fonts::SubsetRequest pdf;
    pdf.glyphs = c.glyphs;
    pdf.flags = HB_SUBSET_FLAGS_DESUBROUTINIZE;
    pdf.drop_tables = kPdfDrop;
    fonts::subset_font(file, 0, pdf);  // warm: the face's tables checked once
    const double pdf_cut = per_call(reps, [&] { fonts::subset_font(file, 0, pdf); });
    const double pdf_plan = plan_ms(file, 0, pdf, reps);
    fonts::SubsetRequest ofd;
    ofd.glyphs = c.glyphs;
    ofd.unicodes = c.unicodes;
    ofd.flags = HB_SUBSET_FLAGS_NO_HINTING;
    ofd.drop_tables = kOfdDrop;
    const std::string form = ofd::detail::glyf_form(file, 0, kOfdDrop);
    fonts::subset_font(form, 0, ofd);
    const double ofd_cut = per_call(reps, [&] { fonts::subset_font(form, 0, ofd); });
    const double ofd_plan = plan_ms(form, 0, ofd, reps);
    std::printf("%-36s %6zu | %9.2f %9.2f | %9.2f %9.2f\n", name, c.glyphs.size(), pdf_cut, pdf_plan, ofd_cut, ofd_plan);
  }
  return 0;
}
