// lianghua compile SPEC --out DIR [--outline] [--office FILE]   (issue 11)
// Reads a book spec (templates/book/book.xsd), reads every source it names, and writes the book
// DIR/<title>.pdf and DIR/<title>.docx from one layout (render/render_document.h). With
// --outline it prints the hierarchy it recovered, with the reason for each level, and writes
// nothing. A source that cannot be read is named with its reason and the book is still made,
// with a visible placeholder where the source belongs (exit 1). Sources are only read.
#include <getopt.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <vector>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "compose/book/book.h"
#include "filing/office.h"
#include "layout/layout.h"
#include "model/paths.h"
#include "normalize/unicode.h"
#include "package/files.h"
#include "render/render_document.h"
#include "package/preservation.h"
#include "pdf/pdf.h"

namespace lh::cli {
namespace fs = std::filesystem;

namespace {

const char* kCompileHelp =
    "usage: lianghua compile SPEC --out DIR [options]\n"
    "       lianghua compile SPEC --outline\n\n"
    "Compiles the book SPEC describes (an XML file in urn:lianghua:book:1, templates/book/book.xsd:\n"
    "title, office, date, front matter, parts (篇) → chapters → sources, appendices, 修订记录) into\n"
    "one book: a cover, front matter numbered i, ii, …, a 目录 with the real page numbers, each 篇\n"
    "with its running header, 权责清单 tables on landscape pages, 业务流程图 from flow descriptions.\n"
    "Sources: DOCX (Word or WPS), text in any Chinese encoding, Markdown, the document XML form,\n"
    "CSV or XLSX tables, flow descriptions, a folder (its files in name order). Titles and headings\n"
    "are recovered from the text (第X章, 一、, （一）...), then Word styles, then formatting; check\n"
    "them with --outline. Sources are only read. Identical spec and sources give identical files.\n\n"
    "required:\n"
    "  SPEC                the book spec\n"
    "  --out DIR           where the output goes (created if missing): DIR/<title>.pdf and\n"
    "                      DIR/<title>.docx (not needed with --outline)\n\n"
    "options:\n"
    "  --outline           print the recovered hierarchy with the reason for each level (output on\n"
    "                      stdout); write no files\n"
    "  --office FILE       the office profile (samples/office.xml): the issuing office on the cover,\n"
    "                      when the spec has no <office>\n"
    "  --fonts FILE        the font-role map (default: fonts/roles.json)\n"
    "  --pdfa              write the PDF as PDF/A-2b (ISO 19005-2 = GB/T 23286.2, level B), checked\n"
    "                      as `check-pdfa` does\n"
    "  --quiet             no progress output\n"
    "  --pdf-password PW   password tried on encrypted PDFs\n"
    "  --big5 POLICY       detect | big5 | gb18030 (default detect)\n"
    "  --no-simplify       keep Traditional characters (default: 繁→简 with OpenCC tw2s)\n\n"
    "exit codes: 0 book made; 1 book made, but some sources could not be read (each named on stderr,\n"
    "            a placeholder in the book) or, with --pdfa, the PDF is not PDF/A-2b; 2 usage error or a spec that does not validate; 3 could\n"
    "            not run.\n";

struct CompileRun {
  std::string spec, out_dir, office, fonts;
  bool outline = false, quiet = false, pdfa = false;
  ingest::InspectOptions ingest;
};

void parse_args(int argc, char** argv, CompileRun& run) {
  static const option kLong[] = {
      {"out", required_argument, nullptr, 'o'},    {"outline", no_argument, nullptr, 'l'},
      {"office", required_argument, nullptr, 'f'}, {"fonts", required_argument, nullptr, 'F'},
      {"quiet", no_argument, nullptr, 'q'},        {"help", no_argument, nullptr, 'h'},
      {"pdf-password", required_argument, nullptr, 1}, {"big5", required_argument, nullptr, 1},
      {"no-simplify", no_argument, nullptr, 1},    {"pdfa", no_argument, nullptr, 'A'},
      {nullptr, 0, nullptr, 0}};
  optind = 1;
  opterr = 0;
  int idx = 0, c;
  while ((c = getopt_long(argc, argv, "o:qh", kLong, &idx)) != -1) {
    switch (c) {
      case 'o': run.out_dir = optarg; break;
      case 'l': run.outline = true; break;
      case 'f': run.office = optarg; break;
      case 'F': run.fonts = optarg; break;
      case 'q': run.quiet = true; break;
      case 'A': run.pdfa = true; break;
      case 'h': throw UsageError{""};
      case 1: apply_ingest_option(kLong[idx].name, optarg, run.ingest); break;
      default: throw UsageError{std::string("unknown or incomplete option '") + argv[optind - 1] + "'"};
    }
  }
  if (argc - optind != 1) throw UsageError{"give exactly one book spec (SPEC)"};
  run.spec = argv[optind];
  if (run.out_dir.empty() && !run.outline) throw UsageError{"--out DIR is required (or --outline)"};
}

// The issuing office's name from the profile; empty (with a message) when none is given.
bool office_name(const CompileRun& run, std::string& name) {
  if (run.office.empty()) return true;
  const fs::path xsd = model::templates_dir() / "scheme" / "office.xsd";
  filing::OfficeLoad o = filing::load_office(run.office, xsd);
  if (!o.office) {
    for (const auto& e : o.errors) std::fprintf(stderr, "lianghua compile: configuration error: %s\n", e.c_str());
    return false;
  }
  name = o.office->name;
  return true;
}

// The book's file name: its title, with characters no file system takes replaced.
std::string book_stem(const std::string& title) {
  std::string s = normalize::clean_line(title);
  for (char& c : s)
    if (c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|') c = '_';
  return s.empty() ? "book" : s;
}

// Names every source that could not be read and every structure warning; true if any was unread.
bool report_sources(const compose::book::BookContent& book) {
  bool unread = false;
  for (const auto* s : compose::book::all_sources(book)) {
    if (!s->error.empty()) {
      std::fprintf(stderr, "compile: 未能读入 (not read): %s: %s\n", s->name.c_str(), s->error.c_str());
      unread = true;
    }
    for (const auto& w : s->warnings) std::fprintf(stderr, "compile: 警告 (warning): %s %s\n", s->name.c_str(), w.c_str());
  }
  return unread;
}

// The laid-out pages outlive the command: a 300-page book holds ~3,000 pango layouts, and freeing
// them one by one cost 15-25 ms of a 0.5 s compile (3-5 %) for memory the process gives back whole
// when it exits a moment later. Held from a static pointer, so they stay reachable (no leak report).
void keep_until_exit(std::shared_ptr<const layout::Laid> laid) {
  static auto* kept = new std::vector<std::shared_ptr<const layout::Laid>>;
  kept->push_back(std::move(laid));
}

int write_book(const CompileRun& run, const compose::book::BookContent& book) {
  layout::Style style = layout::load_style("gongwen");
  layout::FontSet fonts;
  try {
    // A book's text is all set by us: the role fonts become fontconfig's default, and pango's
    // FcInit thread loads nothing (11 ms of CPU; bench/RESULTS.md §6, session 9).
    fonts = layout::FontSet::load(run.fonts, layout::FontSet::ProcessDefault::Ours);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "lianghua compile: could not run: %s\n", e.what());
    return kCannotRun;
  }
  render::RenderOptions ro;
  ro.title = book.spec.title;
  ro.author = book.office;
  ro.subject = book.spec.subtitle;
  ro.date = book.spec.date;
  ro.keep_laid = true;  // handed back, not freed: keep_until_exit
  render::RenderedDocument out = render::render_document(compose::book::build_book(book, &fonts), style, fonts, ro);
  keep_until_exit(std::move(out.laid));
  bool not_pdfa = false;
  if (run.pdfa) {
    pdf::PdfaMetadata meta;
    meta.title = ro.title;
    meta.author = ro.author;
    meta.subject = ro.subject;
    meta.date = ro.date;
    package::PreservedPdf p = package::preserve_pdf(out.pdf, meta);
    out.pdf = std::move(p.pdf);
    for (const auto& why : p.problems) std::fprintf(stderr, "lianghua compile: the PDF is not PDF/A-2b: %s\n", why.c_str());
    not_pdfa = !p.conformant;
  }
  std::error_code ec;
  fs::create_directories(run.out_dir, ec);
  const std::string stem = book_stem(book.spec.title);
  std::string err;
  for (const auto& [ext, data] : {std::pair<const char*, const std::string*>{".pdf", &out.pdf}, {".docx", &out.docx}})
    if (!package::write_atomic(fs::path(run.out_dir) / (stem + ext), *data, err)) {
      std::fprintf(stderr, "lianghua compile: could not run: cannot write %s%s in %s: %s\n", stem.c_str(), ext,
                   run.out_dir.c_str(), err.c_str());
      return kCannotRun;
    }
  if (!run.quiet)
    std::printf("compile: %s → %s.pdf, %s.docx (%d page(s), %zu source(s))\n", run.spec.c_str(),
                (fs::path(run.out_dir) / stem).c_str(), stem.c_str(), out.pages, compose::book::all_sources(book).size());
  return not_pdfa ? kSetAside : kOk;
}

}  // namespace

int cmd_compile(int argc, char** argv) {
  CompileRun run;
  try {
    parse_args(argc, argv, run);
  } catch (const UsageError& e) {
    return answer_usage_error(e, "compile", kCompileHelp);
  }
  compose::book::SpecLoad spec = compose::book::load_book_spec(run.spec, model::templates_dir() / "book" / "book.xsd");
  if (!spec.spec) {
    for (const auto& e : spec.errors) std::fprintf(stderr, "lianghua compile: configuration error: %s\n", e.c_str());
    return kUsage;
  }
  std::string office;
  if (!office_name(run, office)) return kUsage;
  // Before the sources are read, not only before the PDF: reading and building the book grow the
  // heap by a few MB, and each 4 KiB page fault costs ~13 us on the virtual machines offices run
  // (measured: 24 MB of fresh heap, 80 ms in 4 KiB pages, 2 ms in 2 MiB pages).
  pdf::tune_allocator_for_fonts();
  const compose::book::BookContent book = compose::book::load_book(*spec.spec, office, run.ingest);
  const bool unread = report_sources(book);
  if (run.outline) {
    std::printf("%s", compose::book::outline_text(book).c_str());
    return unread ? kSetAside : kOk;
  }
  const int rc = write_book(run, book);
  return rc != kOk ? rc : unread ? kSetAside : kOk;
}

}  // namespace lh::cli
