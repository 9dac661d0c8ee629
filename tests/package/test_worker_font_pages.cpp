// A derive worker does not keep the font pages of its earlier tasks (issue 12 §4, workers under
// 150 MiB; fonts/font_pages.h): the pages a task read of a mapped font file leave the worker's
// resident size after the task, and come back unchanged from the file when read again.
#include <gtest/gtest.h>

#include <hb.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "fonts/font_pages.h"
#include "fonts/font_subset.h"
#include "package/derive_pool.h"
#include "test_support.h"

using json = nlohmann::json;
using namespace lh;

namespace {

const std::string kFont = "NotoSerifCJKsc-Regular.subset.otf";  // the 仿宋/宋体 roles' CFF face, 8.4 MB

struct MappedFont {
  int mappings = 0;
  long resident_kib = 0;
};

// The mappings of `name` in /proc/self/smaps and their resident KiB (Rss), however they were made.
MappedFont mapped(const std::string& name) {
  std::ifstream f("/proc/self/smaps");
  MappedFont out;
  bool in_font = false;
  std::string line;
  while (std::getline(f, line)) {
    std::istringstream ls(line);
    std::string first;
    ls >> first;
    if (first.find('-') != std::string::npos && first.back() != ':') {  // a mapping's header line
      in_font = line.find("/" + name) != std::string::npos;
      if (in_font) ++out.mappings;
    } else if (in_font && first == "Rss:") {
      long kib = 0;
      ls >> kib;
      out.resident_kib += kib;
    }
  }
  return out;
}

// A cut of two thousand glyphs spread over the face: hb-subset reads their outlines (charstrings)
// from the mapped file, several MiB of it.
std::string cut_many(const std::string& file) {
  hb_face_t* face = fonts::source_face(file, 0);
  if (!face) return {};
  fonts::SubsetRequest req;
  const unsigned n = hb_face_get_glyph_count(face);
  for (unsigned g = 1; g < n && req.glyphs.size() < 2000; g += std::max(1u, n / 2000)) req.glyphs.insert(g);
  return fonts::subset_font(file, 0, req).bytes;
}

}  // namespace

TEST(FontPages, ReleasedPagesLeaveTheMappingAndComeBackUnchanged) {
  const std::string file = (test::source_dir() / "fonts" / kFont).string();
  const std::string before = cut_many(file);
  ASSERT_FALSE(before.empty()) << file;
  const MappedFont read = mapped(kFont);
  ASSERT_GE(read.mappings, 1);
  ASSERT_GT(read.resident_kib, 1024) << "the cut read its glyphs' outlines from the mapped file";
  EXPECT_GE(fonts::release_font_pages(), 1u);
  const MappedFont released = mapped(kFont);
  EXPECT_EQ(released.mappings, read.mappings) << "the mappings stay: the libraries keep pointers into them";
  EXPECT_LT(released.resident_kib, 64) << "of " << read.resident_kib << " KiB";
  EXPECT_TRUE(cut_many(file) == before) << "the pages read again are the file's";
}

// A glyf form (the OFD writer's, ofd/glyf_form.h) is kept: its pages are the cuts' working set,
// and faulting them in again after every task cost 3 % of a night with copies (RESULTS §8a8). A
// copy of the role face under another name stands for the form: keep_font_pages is by path.
TEST(FontPages, AFileMarkedKeptStaysResidentAndTheOthersAreReleased) {
  const std::string file = (test::source_dir() / "fonts" / kFont).string();
  const auto dir = test::temp_dir("kept-font");
  const std::string kept = (dir / "form.otf").string();
  test::write_file(kept, test::read_file(file));
  fonts::keep_font_pages(kept);
  ASSERT_FALSE(cut_many(kept).empty());
  ASSERT_FALSE(cut_many(file).empty());
  const MappedFont kept_read = mapped("form.otf"), other_read = mapped(kFont);
  ASSERT_GT(kept_read.resident_kib, 1024);
  ASSERT_GT(other_read.resident_kib, 1024);
  fonts::release_font_pages();
  EXPECT_GE(mapped("form.otf").resident_kib, kept_read.resident_kib - 64) << "the kept file's pages stay";
  EXPECT_LT(mapped(kFont).resident_kib, 64) << "the other font's pages go, as before";
}

// Bug pinned (issue 12 §4, bench/RESULTS.md §4c): a derive worker kept every page of the role fonts
// that any of its tasks had read, once per library that maps them (cairo's FreeType face, hb-subset,
// Poppler's FreeType face), so a reading-copy worker's resident size grew with the night to 178
// MiB, 57.6 MiB of it font files, though one document reads a few MiB of them. Here one worker (one
// job) cuts a font in its first task; at the start of its second task none of those pages is
// resident any more.
TEST(DerivePool, AWorkerDoesNotKeepTheFontPagesOfItsEarlierTasks) {
  const std::string file = (test::source_dir() / "fonts" / kFont).string();
  std::vector<json> payloads = {{{"op", "cut"}}, {{"op", "look"}}};
  ingest::PoolOptions opt;
  opt.jobs = 1;  // one worker: the tasks run one after another in the same process
  std::map<size_t, json> got;
  package::run_derive_tasks(
      payloads,
      [&file](const json& p) {
        if (p.at("op") == "cut" && cut_many(file).empty()) return json{{"error", "no cut"}};
        return json{{"font_kib", mapped(kFont).resident_kib}};
      },
      opt, [&](size_t i, const json& r) { got.emplace(i, r); });
  ASSERT_EQ(got.size(), 2u);
  const long during = got[0].value("font_kib", -1L), next = got[1].value("font_kib", -1L);
  std::printf("font pages resident: %ld KiB after the cut, %ld KiB when the next task begins\n", during, next);
  ASSERT_GT(during, 1024) << got[0].dump();
  EXPECT_LT(next, 64) << "the worker still holds the font pages its first task read";
}
