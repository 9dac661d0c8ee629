// `lianghua compile` on books nobody hand-picked (issue 11 §2/§8): for each seed,
// scripts/make_book_sources.py draws a book of policies in other offices' Word habits (styled, typed
// by hand, auto-numbered by Word, WPS, TXT in three encodings, Markdown ATX or setext; 章/节/条 or
// 一、（一）1. numbering, full- or half-width) with a 权责清单, and writes as truth the outline each
// source was written with and the text of every paragraph. The book is compiled through the library (what `compile` runs) and read
// back as a reader would: the detected outline is the truth's, no paragraph is lost, every 目录
// entry is on its page, the bookmarks are the 目录, a second compile gives the same bytes.
// Seeds: kSeeds, or LIANGHUA_BOOKGEN_SEEDS seeds from LIANGHUA_BOOKGEN_FIRST_SEED (the long sweep:
// bench/book_sweep.sh); LIANGHUA_BOOKGEN_REPORT names a TSV of every finding.
#include <gtest/gtest.h>
#include <poppler.h>

#include <chrono>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "book_reading.h"
#include "compose/book/book.h"
#include "layout_fixtures.h"
#include "poppler_chars.h"
#include "render/render_document.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace lh;
using namespace lh::compose::book;
using namespace lh::test::book_reading;
using json = nlohmann::json;

namespace {

// Fixed seeds of the suite: 1–3 and the seeds whose books found a defect (named in its test).
// Seed 10 holds Word auto-numbered headings in every variant the generator draws (numPr on the
// paragraph and on the style, one list per level with w:startOverride, ideographTraditional,
// w:suff nothing): DocxReader.AnAutoNumberedHeadingKeepsTheNumberWordPrints. Seeds 1 and 7 hold
// articles Word numbers "第%1条" (w:suff tab, and nothing):
// DocxReader.AnAutoNumberedArticleIsAnArticleNotAListItem.
constexpr int kSeeds[] = {1, 2, 3, 5, 7, 10, 12, 27, 58};

constexpr const char* kOutline = "outline_is_the_written_one";
constexpr const char* kText = "no_paragraph_is_lost";
constexpr const char* kToc = "toc_entry_on_its_page";
constexpr const char* kMarks = "bookmarks_equal_the_toc";
constexpr const char* kBytes = "second_compile_same_bytes";
constexpr const char* kHeader = "landscape_page_opens_with_the_header_row";

struct Finding { std::string property; int seed; std::string path, detail; };
struct Sweep {
  std::vector<Finding> findings;
  std::map<std::string, size_t> checked;
  std::string setup_error;
  int seeds = 0;
  double seconds = 0;
};

struct Book {
  BookContent content;
  render::RenderedDocument out;
};

Book compile_book(const fs::path& spec_path) {
  Book b;
  SpecLoad spec = load_book_spec(spec_path, test::source_dir() / "templates" / "book" / "book.xsd");
  if (!spec.spec) throw std::runtime_error(spec.errors.empty() ? "spec" : spec.errors[0]);
  b.content = load_book(*spec.spec, "", {});
  render::RenderOptions ro;
  ro.title = spec.spec->title;
  ro.date = spec.spec->date;
  b.out = render::render_document(build_book(b.content, &test::fonts()), test::gongwen(), test::fonts(), ro);
  return b;
}

void count_chars(const std::string& text, std::map<std::string, size_t>& into) {
  for (size_t i = 0; i < text.size();) {
    size_t n = 1;
    while (i + n < text.size() && (static_cast<unsigned char>(text[i + n]) & 0xC0) == 0x80) ++n;
    ++into[text.substr(i, n)];
    i += n;
  }
}

// Its first and last 30 bytes (on character boundaries): a paragraph broken across pages has a
// running header between its halves.
std::pair<std::string, std::string> ends_of(const std::string& t) {
  size_t cut = std::min<size_t>(t.size(), 30);
  while (cut < t.size() && (static_cast<unsigned char>(t[cut]) & 0xC0) == 0x80) ++cut;
  size_t tail = t.size() > 30 ? t.size() - 30 : 0;
  while (tail > 0 && (static_cast<unsigned char>(t[tail]) & 0xC0) == 0x80) --tail;
  return {t.substr(0, cut), t.substr(tail)};
}

std::string outline_of(const std::vector<std::pair<int, std::string>>& h) {
  std::string s;
  for (const auto& [level, text] : h) s += std::to_string(level) + ":" + text + " ";
  return s;
}

void check_outline(int seed, const json& truth, const LoadedSource& s, Sweep& r) {
  auto bad = [&](const std::string& what) { r.findings.push_back({kOutline, seed, s.name, what}); };
  ++r.checked[kOutline];
  if (!s.error.empty()) return bad("not read: " + s.error);
  if (squeeze(s.title) != squeeze(truth["title"].get<std::string>()))
    bad("title 「" + s.title + "」 (" + s.title_reason + "), written 「" + truth["title"].get<std::string>() + "」");
  std::vector<std::pair<int, std::string>> want, got;
  for (const auto& h : truth["headings"]) want.emplace_back(h[0].get<int>(), squeeze(h[1].get<std::string>()));
  size_t articles = 0;
  for (const auto& l : s.outline.lines) {
    if (l.role == normalize::Role::Heading) got.emplace_back(l.level, squeeze(l.text));
    articles += l.role == normalize::Role::Article;
  }
  if (got != want) bad("headings " + outline_of(got) + "; written " + outline_of(want));
  if (articles != truth["articles"].get<size_t>())
    bad("articles " + std::to_string(articles) + "; written " + std::to_string(truth["articles"].get<size_t>()));
}

struct Pdf {
  PopplerDocument* doc = nullptr;
  explicit Pdf(const std::string& bytes) {
    GBytes* b = g_bytes_new(bytes.data(), bytes.size());
    doc = poppler_document_new_from_bytes(b, nullptr, nullptr);
    g_bytes_unref(b);
  }
  ~Pdf() { if (doc) g_object_unref(doc); }
  bool landscape(int i) const {
    PopplerPage* p = poppler_document_get_page(doc, i);
    double w = 0, h = 0;
    poppler_page_get_size(p, &w, &h);
    g_object_unref(p);
    return w > h;
  }
};

// A page's text line by line from the characters' boxes (top to bottom, left to right), without its
// running header (it opens with the book's title) and its page number ("— 40 —"). Poppler's own
// reading order can put an article's 黑体 "第十一条" after the page number when it is the page's last
// line (make_book_sources.py seed 6), or the running header between the two characters of a spaced
// "第四章　附　　则" (seed 5), which no reader sees.
std::string reading_text(PopplerDocument* doc, int page, const std::string& book_title) {
  std::string out;
  for (const auto& line : page_lines(doc, page)) {
    std::string t;
    for (const auto& c : line) t += c.ch;
    t = squeeze(t);
    const bool page_number = t.rfind("—", 0) == 0 && t.size() > 6 && t.compare(t.size() - 3, 3, "—") == 0;
    if (page_number || t.rfind(book_title, 0) == 0) continue;
    out += t;
  }
  return out;
}

// Every paragraph's text is printed (its beginning and end, whitespace aside); every character of
// the paragraphs and of the policies' own tables is printed at least as often as written (a cell's
// lines are set in a narrow column, so Poppler's reading order splits it); the characters of the
// 权责清单 / 岗位职责 cells on the landscape pages.
void check_text(int seed, const json& truth, const Book& b, const Pdf& pdf, Sweep& r) {
  std::string all;
  std::map<std::string, size_t> printed, printed_landscape, needed, needed_landscape;
  for (int i = 0; i < poppler_document_get_n_pages(pdf.doc); ++i) {
    const std::string text = reading_text(pdf.doc, i, squeeze(b.content.spec.title));
    all += text;
    for (const auto& c : test::page_chars(pdf.doc, i)) ++(pdf.landscape(i) ? printed_landscape : printed)[c.ch];
    if (!pdf.landscape(i)) continue;
    // Every landscape page of the 权责清单 (canonical header 事项名称) or the 岗位职责 table (its own
    // header: 岗位 / 岗位名称) shows the header row.
    ++r.checked[kHeader];
    if (text.find("事项名称") == std::string::npos && text.find("岗位") == std::string::npos)
      r.findings.push_back({kHeader, seed, "", "landscape page " + std::to_string(i + 1) + " has no header row"});
  }
  for (const auto& s : truth["sources"]) {
    const std::string path = s["path"];
    for (const auto& p : s["paragraphs"]) {
      const std::string t = squeeze(p.get<std::string>());
      if (t.empty()) continue;
      ++r.checked[kText];
      const auto [head, tail] = ends_of(t);
      if (all.find(head) == std::string::npos || all.find(tail) == std::string::npos)
        r.findings.push_back({kText, seed, path, "not printed: 「" + p.get<std::string>() + "」"});
      count_chars(t, needed);
    }
    for (const auto& c : s["table_cells"]) count_chars(squeeze(c.get<std::string>()), needed);
  }
  for (const auto& t : truth["tables"])
    for (const auto& c : t["cells"]) ++r.checked[kText], count_chars(squeeze(c.get<std::string>()), needed_landscape);
  for (const auto& [ch, n] : needed)
    if (printed[ch] < n)
      r.findings.push_back({kText, seed, "", "「" + ch + "」 written " + std::to_string(n) + "×, printed " + std::to_string(printed[ch]) + "×"});
  for (const auto& [ch, n] : needed_landscape)
    if (printed_landscape[ch] < n)
      r.findings.push_back({kText, seed, "(tables)", "「" + ch + "」 written " + std::to_string(n) + "×, printed on landscape pages " +
                                                          std::to_string(printed_landscape[ch]) + "×"});
}

void check_toc(int seed, const json& truth, const Book& b, const Pdf& pdf, Sweep& r) {
  const Toc toc = printed_toc(pdf.doc);
  bool body = false;
  std::vector<std::string> titles;
  for (const TocLine& e : toc.lines) {
    ++r.checked[kToc];
    titles.push_back(e.title);
    body = body || e.title.rfind("第一篇", 0) == 0;
    const int page = page_with_label(pdf.doc, e.page, body ? toc.last_page + 1 : 0);
    if (page < 0 || reading_text(pdf.doc, page, squeeze(b.content.spec.title)).find(e.title) == std::string::npos)
      r.findings.push_back({kToc, seed, "", "「" + e.title + "」 not on the page labelled " + e.page});
  }
  // Every policy within the 目录's depth is listed: level 2 under its 篇, 3 under a chapter
  // (book.xsd: toc-levels 2 lists 篇 and 制度, or 篇 and 章 where the spec has chapters).
  std::map<std::string, int> level;
  for (const auto& part : b.content.parts)
    for (const auto& ch : part.chapters)
      for (const auto& src : ch.sources) level[src.name] = ch.title.empty() ? 2 : 3;
  for (const auto& s : truth["sources"])
    if (level[s["path"]] <= b.content.spec.toc_levels &&
        std::find(titles.begin(), titles.end(), squeeze(s["title"].get<std::string>())) == titles.end())
      r.findings.push_back({kToc, seed, s["path"], "「" + s["title"].get<std::string>() + "」 not in the 目录"});
  ++r.checked[kMarks];
  std::vector<std::string> marks;
  if (PopplerIndexIter* it = poppler_index_iter_new(pdf.doc)) {
    bookmarks(it, 1, b.content.spec.toc_levels, marks);
    poppler_index_iter_free(it);
  }
  if (marks != titles) {
    size_t i = 0;
    while (i < marks.size() && i < titles.size() && marks[i] == titles[i]) ++i;
    r.findings.push_back({kMarks, seed, "", "bookmark " + std::to_string(i + 1) + " 「" + (i < marks.size() ? marks[i] : "") +
                                                "」, 目录 「" + (i < titles.size() ? titles[i] : "") + "」"});
  }
}

void one_seed(int seed, Sweep& r) {
  const fs::path dir = test::temp_dir("bookgen-" + std::to_string(seed));
  const auto g = test::run({test::python(), (test::source_dir() / "scripts" / "make_book_sources.py").string(), "--out",
                            dir.string(), "--seed", std::to_string(seed)});
  if (g.exit_code != 0) {
    r.setup_error = "make_book_sources.py failed on seed " + std::to_string(seed) + ": " + g.err;
    return;
  }
  const json truth = json::parse(test::read_file(dir / "truth.json"));
  const Book b = compile_book(dir / "book.xml");
  std::map<std::string, const LoadedSource*> by_name;
  for (const LoadedSource* s : all_sources(b.content)) by_name[s->name] = s;
  for (const auto& s : truth["sources"]) {
    const auto it = by_name.find(s["path"].get<std::string>());
    if (it == by_name.end()) r.findings.push_back({kOutline, seed, s["path"], "not in the book"});
    else check_outline(seed, s, *it->second, r);
  }
  const Pdf pdf(b.out.pdf);
  if (!pdf.doc) return r.findings.push_back({kText, seed, "", "Poppler cannot open the PDF"});
  check_text(seed, truth, b, pdf, r);
  check_toc(seed, truth, b, pdf, r);
  ++r.checked[kBytes];
  const Book again = compile_book(dir / "book.xml");
  if (again.out.pdf != b.out.pdf) r.findings.push_back({kBytes, seed, "", "the PDF differs"});
  if (again.out.docx != b.out.docx) r.findings.push_back({kBytes, seed, "", "the DOCX differs"});
  fs::remove_all(dir);
}

int env_int(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::atoi(v) : fallback;
}

const Sweep& sweep() {
  static const Sweep r = [] {
    Sweep s;
    const auto start = std::chrono::steady_clock::now();
    std::vector<int> seeds(std::begin(kSeeds), std::end(kSeeds));
    if (const int n = env_int("LIANGHUA_BOOKGEN_SEEDS", 0); n > 0) {
      seeds.clear();
      for (int i = 0; i < n; ++i) seeds.push_back(env_int("LIANGHUA_BOOKGEN_FIRST_SEED", 1) + i);
    }
    for (int seed : seeds) {
      if (!s.setup_error.empty()) break;
      try {
        one_seed(seed, s);
      } catch (const std::exception& e) {
        s.findings.push_back({"compile", seed, "", e.what()});
      }
      ++s.seeds;
    }
    s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (const char* report = std::getenv("LIANGHUA_BOOKGEN_REPORT")) {
      std::ofstream out(report);
      out << "property\tseed\tpath\tdetail\n";
      for (const auto& f : s.findings) out << f.property << '\t' << f.seed << '\t' << f.path << '\t' << f.detail << '\n';
    }
    std::cout << "book sweep: " << s.seeds << " seeds, " << s.findings.size() << " findings, " << s.seconds << " s; checked:";
    for (const auto& [property, n] : s.checked) std::cout << " " << property << " " << n;
    std::cout << "\n";
    return s;
  }();
  return r;
}

// The findings of one property, as a failure message (empty when it holds).
std::string violations(const Sweep& s, const char* property) {
  std::ostringstream msg;
  size_t n = 0;
  for (const auto& f : s.findings)
    if (f.property == property || f.property == "compile")
      if (++n <= 10) msg << "  seed " << f.seed << " " << f.path << ": " << f.detail << "\n";
  if (n > 10) msg << "  … " << n - 10 << " more\n";
  return msg.str();
}

}  // namespace

// One test, not one per property: ctest runs every test in a process of its own, and the sweep
// (five books compiled twice) is the cost.
TEST(CompileGenerated, BooksInOtherOfficesHabitsCompileAsTheyWereWritten) {
  const Sweep& s = sweep();
  ASSERT_EQ(s.setup_error, "");
  for (const char* property : {kOutline, kText, kToc, kMarks, kBytes, kHeader}) {
    SCOPED_TRACE(property);
    EXPECT_GT(s.checked.count(property) ? s.checked.at(property) : 0, 0u) << "nothing checked";
    EXPECT_EQ(violations(s, property), "") << "replay: python3 scripts/make_book_sources.py --out DIR --seed N && "
                                              "lianghua compile DIR/book.xml --outline";
  }
}
