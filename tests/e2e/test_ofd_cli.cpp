// lianghua render --format ofd and lianghua check-ofd (issue 15), run as a user runs them: a real
// 行政处罚决定书 becomes PDF, DOCX and OFD; check-ofd passes the OFD (validating against
// ../shared/schemas/ofd where present); the OFD's text read back by lianghua's own OFD reader is the
// PDF's text as Poppler reads it (page numbers aside: in the OFD they are annotations); a file
// that is not OFD-A fails with exit 1 and a line naming the clause; usage errors exit 2.
#include <gtest/gtest.h>
#include <poppler.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <regex>

#include "ingest/reader.h"
#include "test_support.h"

namespace {
namespace fs = std::filesystem;
using lh::test::program;
using lh::test::run;

fs::path decision() {
  return lh::test::source_dir() / "samples/inbox/案件/2024/南市监处罚〔2024〕12号 鲜丰公司销售过期食品案/09 行政处罚决定书.docx";
}

std::string without_ascii_spaces(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\t' && c != '\r' && c != '\f') out += c;
  return out;
}

std::string pdf_text(const fs::path& p) {
  const std::string bytes = lh::test::read_file(p);
  GBytes* gb = g_bytes_new(bytes.data(), bytes.size());
  PopplerDocument* doc = poppler_document_new_from_bytes(gb, nullptr, nullptr);
  g_bytes_unref(gb);
  std::string text;
  for (int i = 0; doc && i < poppler_document_get_n_pages(doc); ++i) {
    PopplerPage* page = poppler_document_get_page(doc, i);
    char* t = poppler_page_get_text(page);
    text += t ? t : "";
    g_free(t);
    g_object_unref(page);
  }
  if (doc) g_object_unref(doc);
  return std::regex_replace(without_ascii_spaces(text), std::regex("—[0-9]+—"), "");  // GB/T 9704 page numbers
}

// Read in a child process: the reader installs libxml2's deny-all entity loader process-wide
// (ingest/safe_xml.h), which would stop the other e2e tests' file-based XSD loading afterwards.
std::string ofd_text(const fs::path& p) {
  const fs::path out = lh::test::temp_dir("ofd-cli-text") / "text";
  const pid_t child = fork();
  if (child == 0) {
    const std::string bytes = lh::test::read_file(p);
    lh::ingest::ReadOptions ro;
    lh::ingest::ReadResult r = lh::ingest::read_ofd({bytes, p.string(), &ro});
    lh::test::write_file(out, r.error ? std::string() : without_ascii_spaces(r.doc.plain_text()));
    _exit(0);
  }
  int status = 0;
  waitpid(child, &status, 0);
  return fs::exists(out) ? lh::test::read_file(out) : std::string();
}

std::vector<std::string> sorted_chars(const std::string& s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    size_t n = 1;
    while (i + n < s.size() && (static_cast<unsigned char>(s[i + n]) & 0xC0) == 0x80) ++n;
    out.push_back(s.substr(i, n));
    i += n;
  }
  std::sort(out.begin(), out.end());
  return out;
}

fs::path schemas() { return lh::test::source_dir().parent_path() / "shared" / "schemas" / "ofd"; }

TEST(OfdCli, RenderWritesAnOfdBesideThePdfThatCheckOfdPasses) {
  ASSERT_TRUE(fs::is_regular_file(decision()));
  const fs::path out = lh::test::temp_dir("ofd-cli") / "out";
  auto r = run({program().string(), "render", "--quiet", "--date", "2024-03-05", "--format", "ofd", decision().string(),
                "--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const fs::path ofd = out / "09 行政处罚决定书.ofd";
  ASSERT_TRUE(fs::is_regular_file(ofd)) << r.out;
  ASSERT_TRUE(fs::is_regular_file(out / "09 行政处罚决定书.pdf"));
  ASSERT_TRUE(fs::is_regular_file(out / "09 行政处罚决定书.docx"));
  std::vector<std::string> check{program().string(), "check-ofd", ofd.string()};
  if (fs::is_regular_file(schemas() / "OFD.xsd")) check.insert(check.end(), {"--schemas", schemas().string()});
  auto c = run(check);
  EXPECT_EQ(c.exit_code, 0) << c.out << c.err;
  EXPECT_NE(c.out.find(": OFD-A (0 of"), std::string::npos) << c.out;
  const std::string pdf = pdf_text(out / "09 行政处罚决定书.pdf"), text = ofd_text(ofd);
  EXPECT_GT(text.size(), 300u);
  // The same characters; the order may differ where the page sets text side by side (the parties'
  // table): our reader orders by baseline, Poppler by its own reading order.
  EXPECT_EQ(sorted_chars(text), sorted_chars(pdf));
}

TEST(OfdCli, CheckOfdFailsWhatIsNotOfdA) {
  const fs::path dir = lh::test::temp_dir("ofd-cli-bad");
  lh::test::write_file(dir / "x.ofd", "not a zip");
  auto c = run({program().string(), "check-ofd", (dir / "x.ofd").string()});
  EXPECT_EQ(c.exit_code, 1);
  EXPECT_NE(c.out.find("FAIL GB/T 33190-2016 7.2"), std::string::npos) << c.out;
  auto corpus = lh::test::corpus_dir();
  if (!corpus) return;
  auto z = run({program().string(), "check-ofd", (*corpus / "ofd" / "zc310-helloworld.ofd").string()});
  EXPECT_EQ(z.exit_code, 1);  // a plain OFD from another producer: DocType OFD, no DA/T 46 metadata
  EXPECT_NE(z.out.find("FAIL GB/T 42133-2022 6.2.1 a"), std::string::npos) << z.out;
}

TEST(OfdCli, UsageErrorsExitTwo) {
  EXPECT_EQ(run({program().string(), "check-ofd"}).exit_code, 2);
  auto r = run({program().string(), "render", "--format", "odt", decision().string(), "--out", "/tmp/none"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--format"), std::string::npos) << r.err;
}

// Issue 15 §5: each CFF font (Fandol, Noto CJK) is rebuilt with glyf outlines once and kept in the
// font cache; every later OFD is cut from that form. The embedded fonts are the same bytes whether
// the form was just made, taken from the cache, or made by a process that has no writable cache
// (which leaves no file behind).
TEST(OfdCli, EachCffFontsGlyfFormIsMadeOnceAndTheCopiesAreTheSameBytesWithOrWithoutTheCache) {
  const fs::path base = lh::test::temp_dir("ofd-glyf-form");
  auto render = [&](const fs::path& cache, const std::string& tag) {
    lh::test::ScopedEnv c("LIANGHUA_FONT_CACHE", cache.string());
    lh::test::ScopedEnv t("TMPDIR", (base / "tmp").string());
    fs::create_directories(base / "tmp");
    const fs::path out = base / tag;
    auto r = run({program().string(), "render", "--quiet", "--date", "2024-03-05", "--format", "ofd", decision().string(),
                  "--out", out.string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return lh::test::read_file(out / "09 行政处罚决定书.ofd");
  };
  auto forms = [&] {
    std::map<std::string, fs::file_time_type> out;
    if (fs::is_directory(base / "cache"))
      for (const auto& e : fs::directory_iterator(base / "cache")) out[e.path().filename().string()] = fs::last_write_time(e.path());
    return out;
  };
  const std::string cold = render(base / "cache", "cold");
  const auto made = forms();
  EXPECT_GE(made.size(), 1u) << "the decision is set in CFF fonts: their glyf forms are kept";
  const std::string warm = render(base / "cache", "warm");
  EXPECT_EQ(forms(), made) << "a kept form is taken, not made again";
  lh::test::write_file(base / "not-a-folder", "");
  const std::string uncached = render(base / "not-a-folder" / "cache", "uncached");
  EXPECT_EQ(warm, cold);
  EXPECT_EQ(uncached, cold);
  EXPECT_TRUE(fs::is_empty(base / "tmp")) << "a process without a cache removes its own form";
  auto c = run({program().string(), "check-ofd", (base / "warm" / "09 行政处罚决定书.ofd").string()});
  EXPECT_EQ(c.exit_code, 0) << c.out;
}

// An upgrade rewrites fonts/ (new mtimes: new forms), and each form is 8-11 MB: the user's cache
// grew by ~30 MB per upgrade and was never emptied. A process that makes a form now removes forms
// and torn temporaries unused for 30 days, keeps recent ones and anything not named like a form,
// and a form found more than a day old is marked used, so forms of fonts in use are never pruned.
TEST(OfdCli, MakingAFormRemovesFormsUnusedForThirtyDaysAndAFormFoundIsMarkedUsed) {
  const fs::path base = lh::test::temp_dir("ofd-glyf-prune");
  const fs::path cache = base / "cache";
  const auto days_ago = [](int d) { return fs::file_time_type::clock::now() - std::chrono::hours(24 * d); };
  const std::string hex(64, 'a');
  const std::map<std::string, int> planted = {{hex + ".ttf", 40},                         // stale form
                                              {"." + std::string(64, 'b') + ".ttf.tmp4242", 40},  // torn temp
                                              {std::string(64, 'c') + ".ttf", 5},                 // recent form
                                              {"notes.txt", 40}};                                 // not ours
  for (const auto& [name, age] : planted) {
    lh::test::write_file(cache / name, "x");
    fs::last_write_time(cache / name, days_ago(age));
  }
  auto render = [&](const std::string& tag) {
    lh::test::ScopedEnv c("LIANGHUA_FONT_CACHE", cache.string());
    auto r = run({program().string(), "render", "--quiet", "--date", "2024-03-05", "--format", "ofd", decision().string(),
                  "--out", (base / tag).string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
  };
  render("first");
  EXPECT_FALSE(fs::exists(cache / (hex + ".ttf"))) << "a form unused for 40 days is removed";
  EXPECT_FALSE(fs::exists(cache / ("." + std::string(64, 'b') + ".ttf.tmp4242")));
  EXPECT_TRUE(fs::exists(cache / (std::string(64, 'c') + ".ttf"))) << "a form used 5 days ago stays";
  EXPECT_TRUE(fs::exists(cache / "notes.txt")) << "what is not ours stays";
  std::vector<fs::path> made;
  for (const auto& e : fs::directory_iterator(cache))
    if (e.path().extension() == ".ttf" && e.path().filename().string()[0] != 'c') made.push_back(e.path());
  ASSERT_GE(made.size(), 1u);
  for (const auto& f : made) fs::last_write_time(f, days_ago(3));
  render("second");
  for (const auto& f : made)
    EXPECT_GT(fs::last_write_time(f), days_ago(1)) << f << ": a form found is marked used";
}

}  // namespace
